"""The fit score: deterministic, and every point traced to evidence spans.

Every number below is the profile's ``policy`` (``analyzer.policy.ScoringPolicy``; the values
quoted are its defaults): the scorer reads them from the profile, never from module constants.

    score = 100 x ( C x sum_c w_c x credit_c  +  sum_r s_r x credit_r )

* ``C`` is the competency share (0.50 for resumes, 0.85 for postings) and ``w_c`` the profile's
  competency weights (they sum to 1).
* ``credit_c = min(1, strength / 3)`` with ``strength`` = distinct lexicon ids of the competency
  named in their sense (at most 3) + 2 if a statement demonstrates it (the recogniser's
  probability >= its threshold, in a role, the summary or a project, not in a skills list,
  education or a posting's benefits/about text) + 1 more if two or more statements do.
  A skill word counts only in a skills list or inside a statement about its competency
  (``SkillMention.in_sense``). ``met`` at credit >= 2/3, ``partial`` above 0.
* requirements of a resume, with shares ``s_r``:
  - management years in the field, 0.30: union of management roles whose title shares a word with
    the role's job titles (senior titles in full, lead/supervisor at half), or half of a stated
    claim ("8 years managing IT teams"); credit grows to 1 at twice the profile's minimum, status
    ``met`` from the minimum;
  - total years, 0.05: ``min(1, years / minimum)``;
  - education, 0.10: the required level or above 1, one level below 0.5;
  - a valued certification, 0.05: one of the profile's 1, any other certification 0.5.
* a posting is scored on what the job *is*, never on its length or boilerplate::

      score = 100 x ( T x title + (1 - T) x M x sum_c w_c x credit_c )

  ``title`` is its title against the role's titles (``analyzer.posting_fit.match_title``),
  ``T`` = 0.40; without a title line, the title the text names as the job's own ("we are
  seeking an IT Manager", ``posting_fit.title_in_text``) counts at 0.5; ``M`` = 0.40 + 0.40 x
  manages people (1 supervision, 0.5 leads a team) + 0.10 x owns a budget + 0.10 x owns
  vendors: the role's duties count fully only in a job that manages. Competency credit is the
  same rule as for resumes (statements demonstrate, skills in sense name), except that a
  technology competency demonstrated only by statements, none of its skills named, gets at most
  strength 1 (credit 1/3; management functions keep the full rule); team leadership (areas
  data: ``"supervision": true``) gets at most strength 1 in a job whose duties show no
  supervision (mentoring and "leadership skills" are asked of individual contributors too)
  and none in one that says it manages no one ("an individual contributor role", "no direct
  reports"); a posting's company blurb and benefits under their own headings, and its
  equal-opportunity text anywhere, demonstrate and name nothing.
* a resume against a posting (a profile with ``asks``): every ask becomes a ``posting_items``
  entry, found / partial / missing, and the required ones not found take points away:
  ``max(50 / sum_required w_i, 4) x w_i x (1 - credit_i)`` (``item_weight``); the score is
  floored at 0. ``suggestions`` say, for every gap, what would count, where, and its points.

Only skills, certifications, dated roles and degrees enter the score: names, pronouns, ages,
graduation years, addresses and photos have no path into it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .document import Document, Failure
from .extract import Extraction, Extractor, Mention
from .intervals import covers, merge, union_length
from .output import plain
from .policy import DEFAULT_POLICY, ScoringPolicy
from .posting import QUALIFICATION_NAMES, condition_of_hire, names_qualification
from .profile import (
    LEVEL_RANK,
    Competency,
    PostingAsk,
    Profile,
    Requirements,
    management_areas,
    supervision_areas,
)
from .vocabulary import SENIOR_MANAGEMENT_TITLE_PATTERN, TITLE_ABBREVIATIONS

# Every number of the score (shares, credit, bands, penalties) is the profile's ``policy``
# (analyzer.policy.ScoringPolicy); the rules below are the same for every role.
# Statements here name things; they do not show the person (or the job) doing them.
NOT_DEMONSTRATED = frozenset({"skills", "certifications", "education", "benefits", "about"})
# A posting's sections that are not the job: what they name counts for nothing.
NOT_THE_JOB = frozenset({"benefits", "about"})
_MANAGEMENT_AREA = re.compile(r"manag|lead|supervis|direct|head", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z+&-]*")


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    id: str | None = None
    section: str | None = None
    # The recogniser's probability, for a statement that demonstrates a competency.
    p: float | None = None


@dataclass(frozen=True)
class CompetencyResult:
    id: str
    name: str
    weight: float
    status: str
    credit: float
    points: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class RequirementResult:
    id: str
    name: str
    required: str
    found: str
    status: str
    credit: float
    points: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class PostingItemResult:
    """One thing the posting asks for, checked against the resume."""

    name: str
    id: str | None
    type: str  # skill, tool, certification, degree, experience, title, qualification
    importance: str  # required | preferred
    status: str  # found | partial | missing
    credit: float
    points: float  # 0 or negative: what a required item not found takes away
    posting_count: int
    resume_count: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Suggestion:
    """How to close one gap: what would count, where in a resume it belongs, the points it adds."""

    item: str
    item_type: str  # competency, requirement, or a posting item's type
    status: str
    what: tuple[str, ...]
    where: str
    points: float


@dataclass(frozen=True)
class ScoreResult:
    id: str
    source: str
    kind: str
    profile: str
    score: float
    band: str
    competencies: tuple[CompetencyResult, ...]
    requirements: tuple[RequirementResult, ...]
    gaps: tuple[str, ...]
    total_years: float
    management_years: float
    highest_education: str | None
    certifications: tuple[str, ...]
    warnings: tuple[str, ...]
    # Management years in roles whose title is in the role's (or posting's) field: the number
    # the score uses, beside ``management_years`` (every management role, as extract reports it).
    management_years_in_field: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    # The profile's name as a person reads it ("IT Manager", a posting's title).
    profile_role: str = ""
    # What the posting asks for, each found or not; empty against a role profile.
    posting_items: tuple[PostingItemResult, ...] = ()
    # The sum of every item's points before the score keeps it between 0 and 100: against a
    # posting it falls below 0 when the missing required asks cost more than the rest earns.
    # Resumes that all score 0 against a long posting are still ranked by it.
    total_points: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = plain(self)
        return out


def band(score: float, policy: ScoringPolicy = DEFAULT_POLICY) -> str:
    return policy.band(score)


def posting_supervision_cap(ext: Extraction, policy: ScoringPolicy = DEFAULT_POLICY) -> int | None:
    """The most strength a posting's supervision areas may have: none in a job that says it
    manages no one, ``posting_unsupervised_strength`` in one that shows no supervision, no cap
    (None) in one that supervises or leads a team, or whose title is a director's or above (a
    VP's posting may list only strategy and budgets: its rank leads people)."""
    from .posting_fit import title_seniority  # posting_fit reads scoring's inputs: imported late

    info = ext.posting
    if info is None:
        return None
    if info.individual_contributor is not None and info.individual_contributor.found:
        return 0
    if info.manages_people is not None and info.manages_people.found:
        return None
    if info.title_line and title_seniority(info.title_line) == "director":
        return None
    return policy.posting_unsupervised_strength


def _eeo_ranges(ext: Extraction) -> list[tuple[int, int]]:
    """A posting's equal-opportunity text, which is not the job. The company blurb and benefits
    are the sections under their own headings (``NOT_THE_JOB``); an inline "Salary:" label of a
    flattened posting does not say where its text ends, so the job's own text after it is kept."""
    if ext.posting is None:
        return []
    eeo = merge((s.start, s.end) for s in ext.posting.sections if s.name == "eeo")
    if eeo and 2 * union_length(eeo) > ext.posting.sections[-1].end:
        # Most of the text: no posting's boilerplate but the document itself, such as an HR
        # statement scored alone ("Ensured EEO and affirmative action compliance").
        return []
    return eeo


def demonstrated(ext: Extraction, eeo: list[tuple[int, int]] | None = None) -> dict[str, list[Evidence]]:
    """The statements that show each competency area, as evidence quoting the part that shows
    it (the statement, or the clause that earned the credit). Skills lists, education and a
    posting's blurb and benefits name things without showing anyone doing them; ``eeo`` (a
    posting's equal-opportunity text, :func:`_eeo_ranges`) shows nothing either."""
    shown: dict[str, list[Evidence]] = {}
    for st in ext.statements:
        if st.section in NOT_DEMONSTRATED or (eeo and covers(eeo, st.start)):
            continue
        for label in st.labels:
            part = st.text[label.start - st.start : label.end - st.start]
            shown.setdefault(label.id, []).append(
                Evidence(label.start, label.end, part, None, st.section, label.p)
            )
    return shown


def posting_demonstrated(ext: Extraction) -> dict[str, list[Evidence]]:
    """:func:`demonstrated` for a posting: its equal-opportunity text left out."""
    return demonstrated(ext, _eeo_ranges(ext))


def _status(credit: float, policy: ScoringPolicy) -> str:
    return "met" if credit >= policy.met_credit - 1e-9 else "partial" if credit > 0 else "missing"


def _months(date: str | None) -> int | None:
    if not date:
        return None
    try:
        year, month = date.split("-")[:2]
        return int(year) * 12 + int(month) - 1
    except ValueError:
        return None


def _union_years(intervals: Iterable[tuple[int, int]]) -> float:
    return union_length(intervals) / 12.0


# Supervisory titles below a manager ("team lead", "supervisor") count at policy.junior_factor.
_SENIOR_MANAGEMENT = re.compile(SENIOR_MANAGEMENT_TITLE_PATTERN, re.I)
# How many names a suggestion or an evidence list shows (presentation, not scoring).
MAX_SUGGESTED = 5
# Lexicon id prefixes of work skills that a statement can show without naming them.
SHOWN_BY_STATEMENTS = ("skill:", "soft:")
# Lexicon id prefix of the common work words ("design", "planning", "coordination") that another
# form of the word in a statement shows ("Designed the WAN"); traits, fields of knowledge and
# domains are not: "data integrity" is no integrity, "networks of partners" no networking.
SHOWN_BY_WORD_FORMS = ("work:",)
# Where in a resume each kind of ask belongs.
ITEM_PLACE = {
    "skill": "your skills list, and a bullet under the role where you used it",
    "tool": "your skills list, and a bullet under the role where you used it",
    "certification": "a Certifications section (name, issuer, year)",
    "degree": "the Education section (degree, field, school, year)",
    "experience": "Experience: each role with its title and dates (month and year, from and to)",
    "title": "the title of a role you held (only if it was yours), or your headline",
    "qualification": "a Certifications or Licences section, or Education",
}
# A skill the resume's statements show but never name ("Led a team of 9" for "leadership"): the
# bullet is there; what is missing is the posting's word for it.
SHOWN_PLACE = "your skills list, in the posting's words: your statements already show it"


def _relevant(text: str, terms: set[str]) -> bool:
    """Whether a role's title names the field's ``terms``, an abbreviation and its words being
    the same ("Director of Information Technology" is in the field of "IT Manager")."""
    if not terms:
        return True
    words = {w.lower() for w in _WORD.findall(text)}
    for short in words & TITLE_ABBREVIATIONS.keys():
        words.update(TITLE_ABBREVIATIONS[short])
    words.update(short for short, long in TITLE_ABBREVIATIONS.items() if words.issuperset(long))
    return bool(words & terms)


def relevant_management(ext: Extraction, profile: Profile, as_of: str | None) -> tuple[float, list[Evidence]]:
    """Years in management roles whose title is in the role's field, overlaps counted once.

    Senior titles (manager, director, head, chief, VP) count in full; supervisory ones
    (lead, supervisor) at half, and only for time not already covered by a senior role.
    """
    terms = set(profile.title_terms)
    now = _months(as_of)
    senior: list[tuple[int, int]] = []
    junior: list[tuple[int, int]] = []
    evidence: list[Evidence] = []
    for role in ext.roles:
        if not role.is_management or not role.title or not _relevant(role.title, terms):
            continue
        start = _months(role.start_date)
        end = _months(role.end_date) if role.end_date else now
        if start is None:
            continue
        if end is None:
            end = start + max(role.months - 1, 0)
        (senior if _SENIOR_MANAGEMENT.search(role.title) else junior).append((start, end + 1))
        evidence.append(
            Evidence(role.start, role.end, f"{role.title}: {role.start_date}..{role.end_date or 'present'}")
        )
    senior_years = _union_years(senior)
    junior_only = _union_years(senior + junior) - senior_years
    return senior_years + profile.policy.junior_factor * junior_only, evidence


def _claims(ext: Extraction, management: bool, terms: set[str]) -> tuple[float, list[Evidence]]:
    """The largest stated number of years; for management, only claims about managing in the field."""
    best, ev = 0.0, []
    for c in ext.experience:
        if not c.years_min:
            continue
        if management and not (c.area and _MANAGEMENT_AREA.search(c.area) and _relevant(c.area, terms)):
            continue
        ev.append(Evidence(c.start, c.end, c.text, section=c.section))
        best = max(best, float(c.years_min))
    return best, ev


def _ratio(found: float, required: float | None) -> float:
    if not required:
        return 1.0 if found > 0 else 0.0
    return max(0.0, min(1.0, found / required))


class Scorer:
    """Score extractions against one profile. Stateless apart from its parameters."""

    def __init__(self, profile: Profile, as_of: str | None = None) -> None:
        self.profile = profile
        self.as_of = as_of

    def score(self, ext: Extraction) -> ScoreResult:
        profile = self.profile
        policy = profile.policy
        kind = ext.kind if ext.kind in policy.competency_share else "resume"
        share = policy.competency_share[kind]
        mentions: tuple[Mention, ...] = (
            *(m for m in ext.skills if m.in_sense),
            *ext.certifications,
        )
        eeo = _eeo_ranges(ext) if kind == "posting" else []
        if kind == "posting":
            mentions = tuple(
                m for m in mentions if m.section not in NOT_THE_JOB and not (eeo and covers(eeo, m.start))
            )
        shown = demonstrated(ext, eeo)
        factor = posting_factor(ext, policy) if kind == "posting" else 1.0
        management = management_areas()
        supervision = supervision_areas()
        cap = posting_supervision_cap(ext, policy) if kind == "posting" else None
        comps: list[CompetencyResult] = []
        for comp in profile.competencies:
            ids = set(comp.ids)
            found = [m for m in mentions if m.id in ids]
            distinct = len({m.id for m in found})
            statements = shown.get(comp.id, [])
            strength = min(distinct, policy.max_distinct)
            if statements:
                strength += policy.demonstrated_strength + (
                    policy.repeated_strength if len(statements) > 1 else 0
                )
            if kind == "posting" and not distinct and comp.id not in management:
                # A posting's statements alone, naming none of a technology competency's skills,
                # are partial evidence: the recogniser also labels duties of other fields by
                # their managing verbs ("directs amendments to the building code" as software),
                # and a long posting has many such chances. A management function ("Lead and
                # develop a team of six") is shown by its statements in any field.
                strength = min(strength, policy.posting_unnamed_strength)
            if cap is not None and comp.id in supervision:
                # Mentoring, hiring interviews and "leadership skills" are asked of individual
                # contributors too: the job leads people only when its duties supervise them.
                strength = min(strength, cap)
            credit = round(min(1.0, strength / policy.max_distinct), 4)
            comps.append(
                CompetencyResult(
                    id=comp.id,
                    name=comp.name,
                    weight=comp.weight,
                    status=_status(credit, policy),
                    credit=credit,
                    points=round(100 * share * factor * comp.weight * credit, 2),
                    evidence=(
                        *statements,
                        *(Evidence(m.start, m.end, m.text, m.id, m.section) for m in found),
                    ),
                )
            )
        reqs = self._requirements(ext, kind)
        # A posting scored against another posting keeps the posting rules above.
        items = self._posting_items(ext, shown) if profile.asks and kind == "resume" else []
        total = sum(c.points for c in comps) + sum(r.points for r in reqs) + sum(i.points for i in items)
        score = round(max(0.0, min(100.0, total)), 1)
        # What the posting asks for and the resume lacks comes first: required, by points lost.
        gaps = (
            tuple(
                i.name
                for i in sorted(items, key=lambda i: (i.importance != "required", i.points))
                if i.status != "found" and not condition_of_hire(i.type, i.name)
            )
            + tuple(
                c.name
                for c in sorted(comps, key=lambda c: (-c.weight * (1 - c.credit), c.id))
                if c.status != "met"
            )
            + tuple(r.name for r in reqs if r.status != "met")
        )
        in_field = self._management(ext)[0] if kind == "resume" else 0.0
        return ScoreResult(
            id=ext.id,
            source=ext.source,
            kind=kind,
            profile=profile.id,
            score=score,
            band=policy.band(score),
            competencies=tuple(comps),
            requirements=tuple(reqs),
            gaps=gaps,
            total_years=ext.total_years,
            management_years=ext.management_years,
            highest_education=ext.highest_education,
            certifications=tuple(dict.fromkeys(c.id for c in ext.certifications)),
            warnings=ext.warnings + _nothing_found(ext),
            management_years_in_field=round(in_field, 1),
            suggestions=self._suggestions(comps, reqs, items, share) if kind == "resume" else (),
            posting_items=tuple(items),
            profile_role=profile.role,
            total_points=round(total, 2),
        )

    def _requirements(self, ext: Extraction, kind: str) -> list[RequirementResult]:
        req = self.profile.requirements
        shares = self.profile.policy.requirement_shares[kind]
        out: list[RequirementResult] = []

        def add(
            rid: str,
            name: str,
            required: str,
            found: str,
            credit: float,
            ev: list[Evidence],
            status: str | None = None,
        ) -> None:
            credit = round(credit, 4)
            out.append(
                RequirementResult(
                    rid,
                    name,
                    required,
                    found,
                    status or _status(credit, self.profile.policy),
                    credit,
                    round(100 * shares[rid] * credit, 2),
                    tuple(ev),
                )
            )

        if kind == "posting":
            from .posting_fit import match_title, title_in_text

            info = ext.posting
            title = info.title_line if info else None
            role_titles = self.profile.titles or (self.profile.role,)
            match = match_title(title, role_titles) if title else None
            title_credit = match.score if match else 0.0
            title_ev = (
                [Evidence(info.title_start, info.title_end, title)]
                if info and title and info.title_start is not None and info.title_end is not None
                else []
            )
            named = title_in_text(ext, role_titles) if not title else None
            if named is not None:
                # No title line, but the text names the job ("we are seeking an IT Manager"):
                # weaker evidence than a title line, so it counts at a factor.
                title = f"{named.match.title} (named in the text)"
                title_credit = named.match.score * self.profile.policy.text_title_factor
                title_ev = [Evidence(named.start, named.end, named.match.title, None, named.section)]
            add(
                "title",
                "job title is the role's",
                ", ".join(role_titles[:3]),
                title or "no title found",
                title_credit,
                title_ev,
            )
            signals = [
                (name, sig)
                for name, sig in (
                    ("manages people", info.manages_people if info else None),
                    ("owns a budget", info.owns_budget if info else None),
                    ("owns vendors", info.owns_vendors if info else None),
                    # Said outright ("an individual contributor role"): shown with its evidence.
                    ("says it manages no one", info.individual_contributor if info else None),
                )
                if sig is not None and sig.found
            ]
            add(
                "manages",
                "manages people, budget and vendors (scales competency points)",
                "people, budget, vendors",
                ", ".join(name for name, _ in signals) or "none",
                posting_factor(ext, self.profile.policy),
                [
                    Evidence(sp.start, sp.end, sp.text, None, sp.section)
                    for _, sig in signals
                    for sp in sig.evidence
                ],
                status="met"
                if posting_factor(ext, self.profile.policy) >= self.profile.policy.manages_met
                else "partial",
            )
            return out

        mgmt, mgmt_ev = self._management(ext)
        required = req.management_years_min or 0.0
        credit = (
            _ratio(mgmt, self.profile.policy.full_credit_multiple * required)
            if required
            else _ratio(mgmt, None)
        )
        add(
            "management_years",
            "years managing in the field",
            f">= {req.management_years_min or 0:g}",
            f"{mgmt:.1f}",
            credit,
            mgmt_ev,
            status="met" if mgmt >= required > 0 or (not required and mgmt > 0) else None,
        )

        total, total_ev = self._total(ext)
        add(
            "total_years",
            "years of experience",
            f">= {req.years_min or 0:g}",
            f"{total:.1f}",
            _ratio(total, req.years_min),
            total_ev,
        )

        levels = [e for e in ext.education if e.level in LEVEL_RANK]
        best = max(levels, key=lambda e: LEVEL_RANK[e.level], default=None)  # type: ignore[index]
        if req.education_level in LEVEL_RANK and best is not None:
            gap = LEVEL_RANK[req.education_level] - LEVEL_RANK[best.level]  # type: ignore[index]
            credit = 1.0 if gap <= 0 else 0.5 if gap == 1 else 0.0
        else:
            credit = 1.0 if best is not None or not req.education_level else 0.0
        add(
            "education",
            "education level",
            req.education_level or "any",
            best.level if best and best.level else "none",
            credit,
            [Evidence(best.start, best.end, best.text)] if best else [],
        )

        valued = {c.id: c for c in req.certifications}
        held = [c for c in ext.certifications if c.id in valued]
        credit = 1.0 if held else (0.5 if ext.certifications else 0.0)
        add(
            "certifications",
            "a valued certification",
            ", ".join(c.name for c in req.certifications[:5]) or "any",
            ", ".join(dict.fromkeys(c.name for c in held or ext.certifications)) or "none",
            credit,
            [Evidence(c.start, c.end, c.text, c.id) for c in (held or ext.certifications)],
        )
        return out

    def _management(self, ext: Extraction) -> tuple[float, list[Evidence]]:
        """Management years in the field and their evidence: dated roles, or half a stated claim."""
        mgmt_roles, role_ev = relevant_management(ext, self.profile, self.as_of)
        mgmt_claim, claim_ev = _claims(ext, management=True, terms=set(self.profile.title_terms))
        # A dated role is evidence; a sentence about oneself counts half.
        mgmt_claim *= self.profile.policy.claim_factor
        if mgmt_roles >= mgmt_claim:
            return mgmt_roles, role_ev
        return mgmt_claim, claim_ev

    def _total(self, ext: Extraction) -> tuple[float, list[Evidence]]:
        """Years of experience: dated roles, or a larger stated claim."""
        total_claim, total_ev = _claims(ext, management=False, terms=set())
        if total_claim > ext.total_years:
            return total_claim, total_ev
        return ext.total_years, [
            Evidence(r.start, r.end, f"{r.title or '?'}: {r.start_date}..{r.end_date or 'present'}")
            for r in ext.roles
        ]

    # ------------------------------------------------------------------ against a posting

    def _posting_items(self, ext: Extraction, shown: dict[str, list[Evidence]]) -> list[PostingItemResult]:
        """Every ask of the posting, found, partial or missing in the resume (README: the score)."""
        named: dict[str, list[Evidence]] = {}
        credited: tuple[Mention, ...] = (
            *(m for m in ext.skills if m.in_sense),
            *ext.certifications,
        )
        for m in credited:
            named.setdefault(m.id, []).append(Evidence(m.start, m.end, m.text, None, m.section))
        # Named, but in no statement about it and no skills list: the word is there, not yet the
        # use of it (a job seeker should see "partial", not "missing", for a word they wrote).
        named_only = {
            m.id: [Evidence(m.start, m.end, m.text, None, m.section)]
            for m in ext.skills
            if not m.in_sense and m.id not in named
        }
        words = _resume_words(ext)
        checked: list[tuple[PostingAsk, float, list[Evidence]]] = []
        for ask in self.profile.asks:
            credit, ev = self._check(ask, ext, named, named_only, words, shown)
            checked.append((ask, round(credit, 4), ev))
        policy = self.profile.policy
        total_weight = sum(item_weight(a, policy) for a, _, _ in checked if a.importance == "required") or 1.0
        out: list[PostingItemResult] = []
        for ask, credit, ev in checked:
            lost = 0.0
            if ask.importance == "required":
                lost = (
                    max(policy.item_penalty / total_weight, policy.item_points_min)
                    * item_weight(ask, policy)
                    * (1 - credit)
                )
            out.append(
                PostingItemResult(
                    name=ask.name,
                    id=ask.id,
                    type=ask.type,
                    importance=ask.importance,
                    status="found" if credit >= 1 else "partial" if credit > 0 else "missing",
                    credit=credit,
                    points=-round(lost, 2) if lost else 0.0,
                    posting_count=ask.posting_count,
                    resume_count=len(ev),
                    evidence=tuple(ev),
                )
            )
        return out

    def _check(
        self,
        ask: PostingAsk,
        ext: Extraction,
        named: dict[str, list[Evidence]],
        named_only: dict[str, list[Evidence]],
        words: set[str],
        shown: dict[str, list[Evidence]],
    ) -> tuple[float, list[Evidence]]:
        """Credit (1 found, between 0 and 1 partial, 0 missing) and the resume's evidence."""
        partial = self.profile.policy.partial_credit
        if ask.id:
            if ask.id in named:
                return 1.0, named[ask.id]
            if ask.id in named_only:
                return partial, named_only[ask.id]
            if ask.type == "certification":
                # Another level of the same certification ("ITIL v3" for "ITIL 4 Foundation").
                family = _cert_family(ask.id)
                near = [
                    e
                    for i, ev in named.items()
                    if i.startswith("cert:") and _cert_family(i) == family
                    for e in ev
                ]
                return (partial, near) if near else (0.0, [])
            if ask.id.startswith(SHOWN_BY_STATEMENTS):
                # "leadership" unnamed, but "Led a team of 9 engineers" shows its area: half. A
                # tool, a certification or a named field of knowledge (PCI DSS) only by its name.
                done = [e for area in self.profile.areas_of(ask.id) for e in shown.get(area, [])]
                if done:
                    return partial, done[:MAX_SUGGESTED]
            if (stem := _work_word_stem(ask.id)) is not None:
                # A work word that the lexicon names only in context ("design", "planning",
                # "coordination"), done in another form of the word ("Designed the WAN for 3
                # sites"): half, as a work skill a statement shows.
                done = _statements_where(ext, lambda text: stem in {_stem(w) for w in _WORD.findall(text)})
                if done:
                    return partial, done[:MAX_SUGGESTED]
            return 0.0, []
        if ask.type == "degree":
            levels = [e for e in ext.education if e.level in LEVEL_RANK]
            best = max(levels, key=lambda e: LEVEL_RANK[e.level], default=None)  # type: ignore[index]
            if best is None:
                return 0.0, []
            ev = [Evidence(best.start, best.end, best.text, None, best.section)]
            # A bare "degree" is any degree above a certificate.
            need = LEVEL_RANK[ask.level] if ask.level in LEVEL_RANK else LEVEL_RANK["associate"]
            gap = need - LEVEL_RANK[best.level]  # type: ignore[index]
            return (1.0 if gap <= 0 else partial if gap == 1 else 0.0), ev
        if ask.type == "experience":
            if ask.years_min:
                management = bool(ask.field and _MANAGEMENT_AREA.search(ask.field))
                years, ev = self._management(ext) if management else self._total(ext)
                credit = _ratio(years, ask.years_min) if years > 0 else 0.0
                if not management and ask.field:
                    # "5+ years building data pipelines": years in any work count as far as the
                    # resume also names what they were spent on.
                    credit = min(credit, _words_credit(ask.field, words, partial, empty=1.0))
                return credit, ev
            return _words_credit(ask.field or ask.name, words, partial), []
        if ask.type == "title":
            from .posting_fit import match_title

            best_fit, best_role = 0.0, None
            for role in ext.roles:
                if role.title:
                    fit = match_title(role.title, [ask.name]).score
                    if fit > best_fit:
                        best_fit, best_role = fit, role
            if best_role is None:
                return 0.0, []
            ev = [Evidence(best_role.start, best_role.end, best_role.title or "")]
            return (1.0 if best_fit >= self.profile.policy.title_found else partial), ev
        if ask.type == "qualification" and ask.name in QUALIFICATION_NAMES:
            # Found by the patterns that found the ask ("Valid driver's license", "Active TS/SCI
            # clearance"); one of its words is not it ("cut licence spend 18%").
            done = _statements_where(ext, lambda text: names_qualification(text, ask.name))
            return (1.0, done[:MAX_SUGGESTED]) if done else (0.0, [])
        return _words_credit(ask.name, words, partial), []

    def _suggestions(
        self,
        comps: list[CompetencyResult],
        reqs: list[RequirementResult],
        items: list[PostingItemResult],
        share: float,
    ) -> tuple[Suggestion, ...]:
        """For each gap: what would count (from the profile or the posting), where, for how many points."""
        from .lexicon import load_lexicon

        lexicon = load_lexicon()
        profile = self.profile
        by_id = {c.id: c for c in profile.competencies}
        out: list[Suggestion] = []
        for c in comps:
            if c.status == "met":
                continue
            comp = by_id[c.id]
            names = [lexicon.get(i).name for i in _telling_ids(comp)[:MAX_SUGGESTED] if i in lexicon]
            out.append(
                Suggestion(
                    c.name,
                    "competency",
                    c.status,
                    (*names, f"a statement showing your own work in {c.name}, with its scale or result"),
                    "a bullet under a role (what you did, for whom, with a number); the skills it names "
                    "in your skills list",
                    round(100 * share * c.weight * (1 - c.credit), 2),
                )
            )
        shares = profile.policy.requirement_shares["resume"]
        req = profile.requirements
        for r in reqs:
            if r.status == "met" or r.id not in shares:
                continue
            what, where = _requirement_advice(r.id, profile, req)
            out.append(
                Suggestion(
                    r.name,
                    "requirement",
                    r.status,
                    what,
                    where,
                    round(100 * shares[r.id] * (1 - r.credit), 2),
                )
            )
        for i in items:
            if i.status == "found" or condition_of_hire(i.type, i.name):
                continue
            shown = i.status == "partial" and any(e.p is not None for e in i.evidence)
            where = SHOWN_PLACE if shown else ITEM_PLACE[i.type]
            out.append(Suggestion(i.name, i.type, i.status, (i.name,), where, -i.points))
        return tuple(sorted(out, key=lambda s: -s.points))


NOTHING_FOUND = (
    "nothing jobfit knows was found (no skills, roles with dates, degrees, certifications or "
    "years of experience): is this a resume?"
)


def _nothing_found(ext: Extraction) -> tuple[str, ...]:
    """A warning for a text that gives the score nothing to stand on ("hello world")."""
    if ext.skills or ext.certifications or ext.roles or ext.education or ext.experience:
        return ()
    return (NOTHING_FOUND,)


@lru_cache(maxsize=4096)
def is_soft_skill(entry_id: str) -> bool:
    """A soft skill or a trait (lexicon type ``soft_skill``: "communication", "independent"):
    every resume claims them, so a posting's ask of one weighs less."""
    from .lexicon import load_lexicon

    lexicon = load_lexicon()
    return entry_id in lexicon and lexicon.get(entry_id).type == "soft_skill"


def item_weight(ask: PostingAsk, policy: ScoringPolicy = DEFAULT_POLICY) -> float:
    """How much one ask weighs among the posting's required asks (README: the score)."""
    if condition_of_hire(ask.type, ask.name):
        # The right to work, a background check: the employer's checks at hiring, not fit (a
        # resume cannot show a check not yet made): no path into the score.
        return 0.0
    if ask.id and is_soft_skill(ask.id):
        return policy.soft_item_weight
    if ask.type == "experience" and not ask.years_min:
        return policy.vague_item_weight
    return 1.0


# Words that say nothing about what is asked ("experience with ...", "a relevant ...").
_FILLER_WORDS = frozenset(
    "experience experienced with and or in of the a an related relevant field years year similar role "
    "knowledge strong good proven including etc to for on at previous prior understanding working "
    "ability qualification qualifications".split()
)


def _resume_words(ext: Extraction) -> set[str]:
    texts = [
        *(st.text for st in ext.statements),
        *(m.text for m in ext.mentions),
        *(e.text for e in ext.education),
        *(c.text for c in ext.experience),
        *(r.title or "" for r in ext.roles),
    ]
    return {w.lower() for t in texts for w in _WORD.findall(t)}


def _statements_where(ext: Extraction, test: Callable[[str], bool]) -> list[Evidence]:
    """The resume's statements whose text ``test`` accepts, each whole as evidence."""
    return [Evidence(st.start, st.end, st.text, None, st.section) for st in ext.statements if test(st.text)]


# Endings taken off a word to compare forms of it ("designed", "planning", "coordination",
# "reports"); "-ion" alone, so that "designation" stays apart from "design".
_ENDINGS = ("ing", "ion", "ed", "er", "es", "ly", "s", "e")


def _stem(word: str) -> str:
    """A crude stem, enough to tell forms of one work word: "planned" -> "plan"."""
    word = word.lower()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "plann" -> "plan"
    return word


@lru_cache(maxsize=4096)
def _work_word_stem(entry_id: str) -> str | None:
    """The stem of a lexicon record that is one common work word (``SHOWN_BY_WORD_FORMS``, an
    ``ambiguous`` record whose name is one lower-case word: "design", "planning"): other forms
    of it say the same work. None for any other record."""
    from .lexicon import load_lexicon

    lexicon = load_lexicon()
    if not entry_id.startswith(SHOWN_BY_WORD_FORMS) or entry_id not in lexicon:
        return None
    entry = lexicon.get(entry_id)
    name = entry.name
    if (
        not entry.ambiguous
        or entry.lower_case_word
        or entry.type in ("tool", "certification")
        or not (name.isalpha() and name.islower())
    ):
        return None
    return _stem(name)


def _words_credit(text: str, words: set[str], partial: float, empty: float = 0.0) -> float:
    """Share of the ask's telling words that the resume uses: 1 all, partial some, 0 none
    (``empty`` when the ask has no telling word)."""
    wanted = {w.lower() for w in _WORD.findall(text)} - _FILLER_WORDS
    if not wanted:
        return empty
    share = len(wanted & words) / len(wanted)
    return 1.0 if share >= 1 else partial if share > 0 else 0.0


def _telling_ids(comp: Competency) -> list[str]:
    """A competency's ids most named in the documents it was built from first (its provenance
    counts mentions), then the rest of its core ids: what the role's own documents ask for."""
    counts = Counter(p.id for p in comp.provenance)
    core = list(comp.core_ids or comp.ids)
    return sorted(core, key=lambda i: (-counts.get(i, 0), core.index(i)))


def _cert_family(cert_id: str) -> str:
    return cert_id.removeprefix("cert:").split("-")[0]


def _requirement_advice(rid: str, profile: Profile, req: Requirements) -> tuple[tuple[str, ...], str]:
    from .profile import level_name

    if rid == "management_years":
        field = ", ".join(profile.title_terms[:6])
        return (
            f"{req.management_years_min or 0:g}+ years in roles with a management title"
            + (f" naming the field (words such as {field})" if field else ""),
        ), "Experience: each role with its title and dates (month and year, from and to)"
    if rid == "total_years":
        return (f"{req.years_min or 0:g}+ years of dated roles",), ITEM_PLACE["experience"]
    if rid == "education":
        return (level_name(req.education_level),), ITEM_PLACE["degree"]
    return tuple(c.name for c in req.certifications[:MAX_SUGGESTED]) or ("a certification",), ITEM_PLACE[
        "certification"
    ]


def posting_factor(ext: Extraction, policy: ScoringPolicy = DEFAULT_POLICY) -> float:
    """``M`` of the posting score: how fully a job's duties count, by what it manages."""
    manages = policy.posting_manages
    info = ext.posting
    if info is None:
        return manages["base"]
    people = info.manages_people.strength if info.manages_people and info.manages_people.found else 0.0
    budget = 1.0 if info.owns_budget and info.owns_budget.found else 0.0
    vendors = 1.0 if info.owns_vendors and info.owns_vendors.found else 0.0
    return round(
        manages["base"]
        + manages["people"] * people
        + manages["budget"] * budget
        + manages["vendors"] * vendors,
        4,
    )


def score_documents(
    items: Iterable[Document | Failure],
    profile: Profile,
    *,
    extractor: Extractor | None = None,
) -> Iterator[tuple[ScoreResult, Extraction] | Failure]:
    """Extract and score, streaming; failures pass through as rows."""
    extractor = extractor or Extractor()
    scorer = Scorer(profile, as_of=extractor.as_of)
    for item in extractor.extract_many(items):
        if isinstance(item, Failure):
            yield item
        else:
            yield scorer.score(item), item
