"""The fit score: deterministic, and every point traced to evidence spans.

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
  ``T`` = 0.40; ``M`` = 0.40 + 0.40 x manages people (1 supervision, 0.5 leads a team)
  + 0.10 x owns a budget + 0.10 x owns vendors: the role's duties count fully only in a job that
  manages. Competency credit is the same rule as for resumes (statements demonstrate, skills
  in sense name); a posting's benefits and company text demonstrate nothing.

Only skills, certifications, dated roles and degrees enter the score: names, pronouns, ages,
graduation years, addresses and photos have no path into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from .document import Document, Failure
from .extract import Extraction, Extractor
from .profile import LEVEL_RANK, Profile

COMPETENCY_SHARE = {"resume": 0.50, "posting": 0.60}
REQUIREMENT_SHARES = {
    "resume": {"management_years": 0.30, "total_years": 0.05, "education": 0.10, "certifications": 0.05},
    "posting": {"title": 0.40, "manages": 0.0},
}
# A posting's managing duties scale its competency points: base + people + budget + vendors.
POSTING_MANAGES = {"base": 0.40, "people": 0.40, "budget": 0.10, "vendors": 0.10}
# Statements here name things; they do not show the person (or the job) doing them.
NOT_DEMONSTRATED = frozenset({"skills", "certifications", "education", "benefits", "about"})
MAX_DISTINCT = 3
DEMONSTRATED_STRENGTH = 2
REPEATED_STRENGTH = 1
BANDS = ((70.0, "strong"), (50.0, "good"), (30.0, "fair"), (0.0, "weak"))
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

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("competencies", "requirements", "gaps", "certifications", "warnings"):
            out[key] = list(out[key])
        return out


def band(score: float) -> str:
    return next(name for floor, name in BANDS if score >= floor)


def _status(credit: float) -> str:
    return "met" if credit >= 2 / 3 - 1e-9 else "partial" if credit > 0 else "missing"


def _months(date: str | None) -> int | None:
    if not date:
        return None
    try:
        year, month = date.split("-")[:2]
        return int(year) * 12 + int(month) - 1
    except ValueError:
        return None


def _union_years(intervals: Iterable[tuple[int, int]]) -> float:
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return sum(e - s for s, e in merged) / 12.0


# Supervisory titles below a manager ("team lead", "supervisor") count at half weight.
_JUNIOR_MANAGEMENT = re.compile(r"\b(lead|leader|supervisor|coordinator|principal|owner|founder)\b", re.I)
_SENIOR_MANAGEMENT = re.compile(
    r"manager|director|chief|head|\bcio\b|\bcto\b|\bciso\b|\bvp\b|vice\s*president|president|managing",
    re.I,
)
JUNIOR_FACTOR = 0.5
# Stated years ("12 years managing IT teams") count at this factor: a dated role is evidence.
CLAIM_FACTOR = 0.5
# Management credit keeps growing past the minimum: full credit at this multiple of it.
FULL_CREDIT_MULTIPLE = 2.0


def _relevant(text: str, terms: set[str]) -> bool:
    return not terms or bool({w.lower() for w in _WORD.findall(text)} & terms)


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
    return senior_years + JUNIOR_FACTOR * junior_only, evidence


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
        kind = ext.kind if ext.kind in COMPETENCY_SHARE else "resume"
        share = COMPETENCY_SHARE[kind]
        mentions = (*(m for m in ext.skills if m.in_sense), *ext.certifications)
        shown: dict[str, list[Evidence]] = {}
        for st in ext.statements:
            if st.section in NOT_DEMONSTRATED:
                continue
            for label in st.labels:
                shown.setdefault(label.id, []).append(
                    Evidence(st.start, st.end, st.text, None, st.section, label.p)
                )
        factor = posting_factor(ext) if kind == "posting" else 1.0
        comps: list[CompetencyResult] = []
        for comp in profile.competencies:
            ids = set(comp.ids)
            found = [m for m in mentions if m.id in ids]
            distinct = len({m.id for m in found})
            statements = shown.get(comp.id, [])
            strength = min(distinct, MAX_DISTINCT)
            if statements:
                strength += DEMONSTRATED_STRENGTH + (REPEATED_STRENGTH if len(statements) > 1 else 0)
            credit = round(min(1.0, strength / MAX_DISTINCT), 4)
            comps.append(
                CompetencyResult(
                    id=comp.id,
                    name=comp.name,
                    weight=comp.weight,
                    status=_status(credit),
                    credit=credit,
                    points=round(100 * share * factor * comp.weight * credit, 2),
                    evidence=(
                        *statements,
                        *(Evidence(m.start, m.end, m.text, m.id, m.section) for m in found),
                    ),
                )
            )
        reqs = self._requirements(ext, kind)
        score = round(min(100.0, sum(c.points for c in comps) + sum(r.points for r in reqs)), 1)
        gaps = tuple(
            c.name
            for c in sorted(comps, key=lambda c: (-c.weight * (1 - c.credit), c.id))
            if c.status != "met"
        ) + tuple(r.name for r in reqs if r.status != "met")
        return ScoreResult(
            id=ext.id,
            source=ext.source,
            kind=kind,
            profile=profile.id,
            score=score,
            band=band(score),
            competencies=tuple(comps),
            requirements=tuple(reqs),
            gaps=gaps,
            total_years=ext.total_years,
            management_years=ext.management_years,
            highest_education=ext.highest_education,
            certifications=tuple(dict.fromkeys(c.id for c in ext.certifications)),
            warnings=ext.warnings,
        )

    def _requirements(self, ext: Extraction, kind: str) -> list[RequirementResult]:
        req = self.profile.requirements
        shares = REQUIREMENT_SHARES[kind]
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
                    status or _status(credit),
                    credit,
                    round(100 * shares[rid] * credit, 2),
                    tuple(ev),
                )
            )

        if kind == "posting":
            from .posting_fit import match_title

            info = ext.posting
            title = info.title if info else None
            match = match_title(title, self.profile.titles or (self.profile.role,)) if title else None
            add(
                "title",
                "job title is the role's",
                ", ".join((self.profile.titles or (self.profile.role,))[:3]),
                title or "no title found",
                match.score if match else 0.0,
                [Evidence(info.title_start, info.title_end, title)]
                if info and title and info.title_start is not None and info.title_end is not None
                else [],
            )
            signals = [
                (name, sig)
                for name, sig in (
                    ("manages people", info.manages_people if info else None),
                    ("owns a budget", info.owns_budget if info else None),
                    ("owns vendors", info.owns_vendors if info else None),
                )
                if sig is not None and sig.found
            ]
            add(
                "manages",
                "manages people, budget and vendors (scales competency points)",
                "people, budget, vendors",
                ", ".join(name for name, _ in signals) or "none",
                posting_factor(ext),
                [
                    Evidence(sp.start, sp.end, sp.text, None, sp.section)
                    for _, sig in signals
                    for sp in sig.evidence
                ],
                status="met" if posting_factor(ext) >= 0.8 else "partial",
            )
            return out

        mgmt_roles, role_ev = relevant_management(ext, self.profile, self.as_of)
        mgmt_claim, claim_ev = _claims(ext, management=True, terms=set(self.profile.title_terms))
        # A dated role is evidence; a sentence about oneself counts half.
        mgmt_claim *= CLAIM_FACTOR
        mgmt = max(mgmt_roles, mgmt_claim)
        required = req.management_years_min or 0.0
        credit = _ratio(mgmt, FULL_CREDIT_MULTIPLE * required) if required else _ratio(mgmt, None)
        add(
            "management_years",
            "years managing in the field",
            f">= {req.management_years_min or 0:g}",
            f"{mgmt:.1f}",
            credit,
            role_ev if mgmt_roles >= mgmt_claim else claim_ev,
            status="met" if mgmt >= required > 0 or (not required and mgmt > 0) else None,
        )

        total_claim, total_ev = _claims(ext, management=False, terms=set())
        total = max(ext.total_years, total_claim)
        add(
            "total_years",
            "years of experience",
            f">= {req.years_min or 0:g}",
            f"{total:.1f}",
            _ratio(total, req.years_min),
            total_ev
            if total_claim > ext.total_years
            else [
                Evidence(r.start, r.end, f"{r.title or '?'}: {r.start_date}..{r.end_date or 'present'}")
                for r in ext.roles
            ],
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
            best.level if best else "none",
            credit,  # type: ignore[arg-type]
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


def posting_factor(ext: Extraction) -> float:
    """``M`` of the posting score: how fully a job's duties count, by what it manages."""
    info = ext.posting
    if info is None:
        return POSTING_MANAGES["base"]
    people = info.manages_people.strength if info.manages_people and info.manages_people.found else 0.0
    budget = 1.0 if info.owns_budget and info.owns_budget.found else 0.0
    vendors = 1.0 if info.owns_vendors and info.owns_vendors.found else 0.0
    return round(
        POSTING_MANAGES["base"]
        + POSTING_MANAGES["people"] * people
        + POSTING_MANAGES["budget"] * budget
        + POSTING_MANAGES["vendors"] * vendors,
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
