"""What a job *is*, read from a posting, as signals of fit to a role profile.

A recruiter ranking postings for a role wants to know whether the job is that role, not how
many of its words a posting repeats. So the signals here come from what the job is:

* **title**: the posting's title against the role's own titles (the profile's ``titles``: the
  role name and O*NET alternate and reported titles): overlap (Jaccard) of the field words,
  times 1 when the seniority agrees, 0.7 when it differs, 0.5 when the title has none;
  seniority words are normalised ("VP", "Head of", "Chief" count as "director"), "Sr." and
  levels are dropped, "IT" is "information technology";
* **manages people**: supervisory duties ("lead a team of six engineers", "hire, train and
  supervise", "direct reports", "performance reviews"), not soft-skill words: "mentorship",
  "coaching" or "leadership skills" are what individual contributors are asked for too;
* **owns budget / vendors**: budget and vendor, contract or supplier ownership in its duties;
* **duty share**: the share of its responsibility statements that name one of the role's
  competencies (lexicon ids of the profile's areas, soft skills left out); a ratio, so a long
  posting or a careers page listing many jobs gains nothing by length;
* **competency zones**: per competency, the distinct lexicon ids found in duties, in
  requirements and in boilerplate (company blurb, benefits, how to apply, EEO text), which
  counts for nothing.

``fit`` is a documented combination of these for benchmarks and as a starting point, not the
final ranking (which also takes statement-level competencies): the job's duties must be the
role's, and managing (people, budget, vendors) counts only through them, so a finance manager
who supervises staff and owns a budget gains little for an IT role::

    fit = 0.40 x title + 0.60 x duties x (0.40 + 0.40 x manages_people + 0.20 x (budget + vendors) / 2)
    duties = statements naming a role competency / (duty statements + 3)

``manages_people`` is 1 for supervision itself (direct reports, hire and train, performance
reviews, staff management), 0.5 when the posting only says it leads a team (technical leads do
too). A posting without a title line gets the title its text names as the job's own ("we are
seeking an IT Manager", ``title_in_text``) at ``policy.text_title_factor``, else 0 for the title
part (the other signals still rank it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .extract import Extraction
from .posting import BOILERPLATE, PostingSection, Signal, Span, around_triggers, posting_sections
from .profile import Profile
from .vocabulary import NEGATION_WORDS, NUMBER_WORDS, TITLE_ABBREVIATIONS, TITLE_RANKS

FIT_WEIGHTS = {"title": 0.40, "duties": 0.60, "base": 0.40, "manages_people": 0.40, "budget_vendors": 0.20}
DUTY_SECTIONS = frozenset({"responsibilities", "header", "other"})
REQUIREMENT_SECTIONS = frozenset({"requirements", "preferred"})


@dataclass(frozen=True)
class TitleMatch:
    title: str
    best: str | None  # the role title it matches best
    score: float  # 0..1: word overlap (Jaccard) with the best role title
    seniority: str | None  # "director", "manager", "supervisor" or None


@dataclass(frozen=True)
class CompetencyZones:
    id: str
    name: str
    weight: float
    duties: int  # distinct lexicon ids in responsibilities (or, without them, the body)
    requirements: int  # in requirements / preferred
    boilerplate: int  # in about, benefits, how to apply, EEO text: no credit


@dataclass(frozen=True)
class PostingFit:
    title: TitleMatch | None
    manages_people: Signal
    owns_budget: Signal
    owns_vendors: Signal
    duty_statements: int
    duty_share: float  # share of duty statements that run one of the role's competencies
    competencies: tuple[CompetencyZones, ...]
    fit: float  # 0..1, the combination in the module docstring


# --------------------------------------------------------------------------- titles

_SENIORITY = TITLE_RANKS
_LEVEL = frozenset(
    "sr sr. senior junior jr jr. associate principal staff i ii iii iv v 1 2 3 4 the of and for & a an"
    " in to at - – / ,".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z&+.']*|\d+")
_PAREN = re.compile(r"\s*\(([^)]*)\)")


def _title_words(title: str) -> frozenset[str]:
    words: list[str] = []
    for raw in _WORD.findall(title):
        w = raw.lower().rstrip(".'")
        if w in _LEVEL:
            continue
        if w in _SENIORITY:
            words.append(_SENIORITY[w])
        elif w in TITLE_ABBREVIATIONS:  # "IT" is "information technology"
            words.extend(TITLE_ABBREVIATIONS[w])
        else:
            words.append(w[:-1] if w.endswith("s") and len(w) > 4 and not w.endswith("ss") else w)
    return frozenset(words)


def _variants(role_title: str) -> list[str]:
    """ "Information Technology Manager (IT Manager)" -> the title and its parenthesised form."""
    inner = _PAREN.findall(role_title)
    return [_PAREN.sub("", role_title).strip(), *inner]


_RANKS = ("director", "manager", "supervisor")


def _title_score(words: frozenset[str], other: frozenset[str]) -> float:
    """Overlap of the field words ("information", "technology", "operation"), times how well the
    seniority agrees: a shared "manager" alone says nothing about the field."""
    field, other_field = words - set(_RANKS), other - set(_RANKS)
    if not field or not other_field:
        return 0.0
    overlap = len(field & other_field) / len(field | other_field)
    rank, other_rank = words & set(_RANKS), other & set(_RANKS)
    if rank & other_rank or not other_rank:
        agree = 1.0
    elif rank:
        agree = 0.7  # "IT Director" for an "IT Manager" role: the field is right, the level near
    else:
        agree = 0.5  # no seniority word at all ("IT Specialist")
    return overlap * agree


def match_title(title: str, role_titles: Iterable[str]) -> TitleMatch:
    words = _title_words(title)
    best, best_score = None, 0.0
    for role_title in role_titles:
        for variant in _variants(role_title):
            score = _title_score(words, _title_words(variant))
            if score > best_score:
                best, best_score = role_title, score
    return TitleMatch(title, best, round(best_score, 3), _seniority(words))


def _seniority(words: frozenset[str]) -> str | None:
    return next((s for s in _RANKS if s in words), None)


def title_seniority(title: str) -> str | None:
    """ "director" (VP, Head of, Chief ... too), "manager", "supervisor" or None."""
    return _seniority(_title_words(title))


@dataclass(frozen=True)
class TextTitle:
    """The job's title as its own text names it, for a posting without a title line."""

    match: TitleMatch
    start: int  # offsets of the named title in the document's text
    end: int
    section: str


def title_in_text(extraction: Extraction, role_titles: Iterable[str]) -> TextTitle | None:
    """The job the posting's text names as its own (``PostingInfo.title_from_text``: found once,
    by ``posting.named_title``, when the extraction was made), matched against the role's
    titles; None when the posting has a title line or names no job."""
    info = extraction.posting
    if info is None or not info.title_from_text or info.title is None:
        return None
    start, end = info.title_start, info.title_end
    if start is None or end is None:
        return None
    # The statement that names it, for the evidence's section.
    section = next((st.section for st in extraction.statements if st.start <= start < st.end), "")
    return TextTitle(match_title(info.title, role_titles), start, end, section)


# --------------------------------------------------------------------------- duty signals

_PEOPLE = (
    r"(?:team|teams|staff|employees|engineers|technicians|administrators|analysts|specialists|people"
    r"|personnel|direct\s+reports|department|departments|group|workforce|contractors|managers|supervisors)"
)
# Filler between a verb and the people it acts on: up to two words, no preposition ("lead the
# onshore QA team", but not "manage risks in their team").
_FILLER = r"(?:(?!(?:in|with|for|across|to|of|on|at|by|from|and)\b)[\w/-]+\s+){0,2}?"
# A second verb of working with people after the first: "Lead and develop a team of six",
# "Supervise and coach the service desk analysts".
_AND_PEOPLE_VERB = (
    r"(?:,?\s+(?:and|&)\s+(?:develop|coach|mentor|lead|manag|supervis|grow|build|motivat|train"
    r"|direct|inspir|guid|hir|recruit|retain|empower|oversee)\w*)?"
)
# A count of people spelled out ("two receptionists"): two and more, not "a" or "one".
_PEOPLE_COUNT = "|".join(sorted((w for w, n in NUMBER_WORDS.items() if n >= 2), key=len, reverse=True))
# Supervision itself: what only a people manager does.
_SUPERVISES = re.compile(
    r"\bdirect\s+reports?\b|\bdirect\s+supervision\b"
    r"|\b(?:hire|hiring|recruit|recruiting),?\s+(?:and\s+)?(?:train(?:s|ing)?|develop(?:s|ing)?"
    r"|supervis(?:e|es|ing)|manag(?:e|es|ing)|fire|evaluate)\b"
    r"|\bperformance\s+(?:reviews?|appraisals?|evaluations?)\b"
    r"|\b(?:staff|people|line|personnel)\s+(?:management|supervision)\b"
    r"|\bsupervisory\s+(?:responsibilit\w*|duties|experience|role)\b|\bmanagerial\s+responsibilit\w*"
    r"|\b(?:manag(?:e|es)|supervis(?:e|es)|oversee(?:s)?)\s+(?:(?:a|the|all|our)\s+)?"
    rf"{_FILLER}(?:staff|employees|personnel|direct\s+reports|managers|supervisors)\b"
    rf"|\b(?:supervis(?:e|es|ing)|manag(?:e|es|ing)){_AND_PEOPLE_VERB}\s+(?:a\s+)?(?:team\s+of\s+)?\d+\b"
    # Only "supervise" with a count in words: "manage two projects" is no staff.
    rf"|\bsupervis(?:e|es|ing){_AND_PEOPLE_VERB}\s+(?:a\s+team\s+of\s+)?(?:{_PEOPLE_COUNT})\s+[a-z-]+s\b",
    re.I,
)
# Leading a team: a people manager does it, and so does a technical lead.
_LEADS_TEAM = re.compile(
    r"\b(?:manag(?:e|es|ing)|lead(?:s|ing)?|supervis(?:e|es|ing)|directs|directing|direct\s+the"
    r"|oversee(?:s|ing)?|head(?:s|ing)?|build(?:s|ing)?\s+and\s+lead|run(?:s|ning)?)"
    rf"{_AND_PEOPLE_VERB}\s+"
    rf"(?:(?:a|an|the|our|your|their|its)\s+)?{_FILLER}"
    r"(?:team|teams|department|departments|group|engineers|technicians|administrators|analysts|specialists)\b",
    re.I,
)
_OWNS_BUDGET = re.compile(
    r"\b(?:manag\w*|own\w*|plan\w*|prepar\w*|develop\w*|control\w*|administer\w*|oversee\w*|set\w*"
    r"|forecast\w*|responsib\w*\s+for)\s+(?:(?:the|an?|our|annual|departmental|department|IT|technology"
    r"|operating|capital|opex|capex|and)\s+){0,4}budgets?\b"
    r"|\bbudget(?:ary)?\s+(?:responsibilit\w*|management|ownership|planning|control|oversight|accountability)\b"
    r"|\bP&L\b",
    re.I,
)
_OWNS_VENDORS = re.compile(
    r"\b(?:vendor|supplier|third[- ]party|outsourc\w*|service\s+provider|MSP)s?\s+"
    r"(?:management|relationships?|selection|negotiations?|performance|contracts?)\b"
    r"|\b(?:manag\w*|negotiat\w*|select\w*|oversee\w*|evaluat\w*|own\w*)\s+(?:(?:and|with|the|our|all|IT|key"
    r"|technology|external|third[- ]party|of|multiple|several|software|hardware|SaaS|cloud"
    r"|relationships?\s+with|SLAs\s+(?:across|with))\s+){0,3}(?:vendors?|suppliers?|contracts?|service\s+providers?"
    r"|MSPs?|licen[cs]ing(?:\s+agreements?)?)\b",
    re.I,
)
# Lexicon ids that are the same duties named as skills ("vendor management", "IT budgeting").
_BUDGET_IDS = frozenset({"skill:it-budgeting", "skill:cost-benefit-analysis", "skill:resource-allocation"})
_VENDOR_IDS = frozenset({"skill:vendor-management", "skill:contract-negotiation", "skill:procurement"})
# The verbs of running a function rather than doing its hands-on work ("Manage the IT budget",
# "Oversee the service desk", "Ensure compliance"), looked for among a statement's first words.
_MANAGING_VERB = re.compile(
    r"\b(?:manag(?:e|es|ing)|oversee(?:s|ing)?|oversaw|direct(?:s|ing)?|lead(?:s|ing)?|led|plan(?:s|ning)?"
    r"|coordinat(?:e|es|ing)|ensur(?:e|es|ing)|establish(?:es|ing)?|govern(?:s|ing)?|own(?:s|ing)?"
    r"|set(?:s|ting)?|align(?:s|ing)?|negotiat(?:e|es|ing)|supervis(?:e|es|ing)|evaluat(?:e|es|ing)"
    r"|prioriti[sz](?:e|es|ing)|champion(?:s|ing)?|drive(?:s)?|driving|define(?:s)?|defining|approv(?:e|es|ing)"
    r"|responsible\s+for|accountable\s+for|in\s+charge\s+of)\b",
    re.I,
)
_LEAD_WORDS = 6
_STATEMENT = re.compile(r"[^\n•;]+?(?:[.!?](?=\s|$)|(?=\n|•|;|$))")
_MIN_STATEMENT_WORDS = 3
_SHRINK = 3


class _Sections:
    def __init__(self, sections: Sequence[PostingSection]) -> None:
        self.sections = list(sections)
        self.starts = [s.start for s in self.sections]

    def at(self, char: int) -> str:
        i = bisect.bisect_right(self.starts, char) - 1
        return self.sections[i].name if i >= 0 and char < self.sections[i].end else "other"


# Literal words one of which every match of each pattern holds: the pattern runs only in windows
# around them (``posting.around_triggers``), which skips the rest of the text at C speed.
_TRIGGERS = {
    "individual_contributor": (
        "contributor",
        "reports",
        "responsibilit",
        "duties",
        "supervisory",
        "managerial",
    ),
    "supervises": (
        "direct",
        "hir",
        "recruit",
        "performance",
        "manag",
        "supervis",
        "staff",
        "employees",
        "personnel",
        "managers",
    ),
    "leads": (
        "team",
        "department",
        "group",
        "engineers",
        "technicians",
        "administrators",
        "analysts",
        "specialists",
    ),
    "budget": ("budget", "p&l"),
    "vendors": ("vendor", "supplier", "third", "outsourc", "provider", "msp", "contract", "licen"),
}


# The job saying it manages no one: "This is an individual contributor role", "Job level:
# Individual Contributor", "no direct reports", "a non-supervisory position". A manager's posting
# that also names individual contributors ("supervise managers and individual contributor
# positions", "serve in an individual contributor capacity as needed") matches none.
_INDIVIDUAL_CONTRIBUTOR = re.compile(
    r"\b(?:this\s+is\s+an?|this|is\s+an?)\s+(?:[\w-]+\s+){0,2}?individual[\s-]+contributor\s+"
    r"(?:role|position|job|opportunity)\b"
    r"|\bjob\s+level\s*:?\s*individual\s+contributor\b"
    r"|\bno\s+(?:direct\s+reports|(?:supervisory|management|managerial|people[\s-]management"
    r"|line[\s-]management)\s+(?:responsibilit\w*|duties))\b"
    r"|\bnon[\s-]?(?:supervisory|managerial)\s+(?:role|position|job)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\n\u2022]")
_NEGATION_REACH = 40  # characters before a match read for a negation word


def _negated(text: str, start: int) -> bool:
    """Whether one of the three words before ``start`` in its clause denies it ("no direct
    reports", "non-supervisory responsibilities", "will not manage staff")."""
    clause = _CLAUSE_BREAK.split(text[max(0, start - _NEGATION_REACH) : start])[-1]
    return any(w in NEGATION_WORDS for w in re.findall(r"[a-z]+", clause.lower())[-3:])


def _signal(
    text: str,
    pattern: re.Pattern[str],
    sections: _Sections,
    extra: Iterable[Span] = (),
    *,
    lower: str | None = None,
    triggers: tuple[str, ...] = (),
) -> Signal:
    matches = (
        around_triggers(lower, text, triggers, pattern)
        if lower is not None and triggers
        else list(pattern.finditer(text))
    )
    spans = [
        Span(m.start(), m.end(), m.group(), sections.at(m.start()))
        for m in matches
        if sections.at(m.start()) not in BOILERPLATE and not _negated(text, m.start())
    ]
    spans.extend(extra)
    spans.sort(key=lambda s: s.start)
    return Signal(bool(spans), tuple(spans[:10]), 1.0 if spans else 0.0)


def _duty_ranges(sections: Sequence[PostingSection]) -> list[tuple[int, int]]:
    """Where the duties are: the responsibilities sections, or, when a posting has none, its
    body outside requirements and boilerplate."""
    resp = [(s.start, s.end) for s in sections if s.name == "responsibilities"]
    return resp or [(s.start, s.end) for s in sections if s.name in DUTY_SECTIONS]


def duty_signals(
    text: str, sections: Sequence[PostingSection], mentions: Iterable[Any]
) -> tuple[Signal, Signal, Signal, Signal]:
    """Whether the job manages people, owns a budget, owns vendors, and whether the posting says
    it manages no one ("This is an individual contributor role"): from its duties and
    requirements, never from boilerplate, never where the posting denies it ("no direct
    reports"); a job that manages no one manages no people at all. Needs no profile, so
    extraction records it."""
    where = _Sections(sections)
    mentions = [m for m in mentions if getattr(m, "type", "") != "soft_skill"]
    id_spans = {
        kind: [Span(m.start, m.end, m.text, where.at(m.start)) for m in mentions if m.id in ids]
        for kind, ids in (("budget", _BUDGET_IDS), ("vendors", _VENDOR_IDS))
    }
    id_spans = {k: [s for s in v if s.section not in BOILERPLATE] for k, v in id_spans.items()}
    lower = text.lower()
    supervises = _signal(text, _SUPERVISES, where, lower=lower, triggers=_TRIGGERS["supervises"])
    leads = _signal(text, _LEADS_TEAM, where, lower=lower, triggers=_TRIGGERS["leads"])
    contributor = _signal(
        text, _INDIVIDUAL_CONTRIBUTOR, where, lower=lower, triggers=_TRIGGERS["individual_contributor"]
    )
    if contributor.found:
        manages = Signal(False, (), 0.0)
    elif supervises.found:
        manages = Signal(
            True, tuple(sorted(supervises.evidence + leads.evidence, key=lambda s: s.start))[:10], 1.0
        )
    else:
        manages = Signal(leads.found, leads.evidence, 0.5 if leads.found else 0.0)
    budget = _signal(text, _OWNS_BUDGET, where, id_spans["budget"], lower=lower, triggers=_TRIGGERS["budget"])
    vendors = _signal(
        text, _OWNS_VENDORS, where, id_spans["vendors"], lower=lower, triggers=_TRIGGERS["vendors"]
    )
    return manages, budget, vendors, contributor


def posting_fit(extraction: Extraction, profile: Profile, text: str) -> PostingFit:
    """Fit signals of one posting (``text`` is the document's text, which offsets index)."""
    sections = list(extraction.posting.sections) if extraction.posting else posting_sections(text)
    where = _Sections(sections)
    title_text = extraction.posting.title_line if extraction.posting else None
    title = match_title(title_text, profile.titles or (profile.role,)) if title_text else None
    title_credit = title.score if title else 0.0
    named = title_in_text(extraction, profile.titles or (profile.role,)) if title is None else None
    if named is not None:  # the job named in its text counts at a factor (as in the score)
        title, title_credit = named.match, named.match.score * profile.policy.text_title_factor

    mentions = [m for m in extraction.mentions if getattr(m, "type", "") != "soft_skill"]
    posting = extraction.posting
    if (
        posting is not None
        and posting.manages_people is not None
        and posting.owns_budget is not None
        and posting.owns_vendors is not None
    ):
        # Extraction read them from the same text and sections: not read twice.
        manages, budget, vendors = posting.manages_people, posting.owns_budget, posting.owns_vendors
    else:
        manages, budget, vendors, _ = duty_signals(text, sections, mentions)

    # Competency evidence by zone (distinct lexicon ids; soft skills left out).
    zones: dict[str, dict[str, set[str]]] = {
        c.id: {"duties": set(), "requirements": set(), "boilerplate": set()} for c in profile.competencies
    }
    role_mentions: list[tuple[int, int]] = []
    for m in mentions:
        areas = profile.areas_of(m.id)
        if not areas:
            continue
        section = where.at(m.start)
        zone = (
            "boilerplate"
            if section in BOILERPLATE
            else "requirements"
            if section in REQUIREMENT_SECTIONS
            else "duties"
        )
        for area in areas:
            zones[area][zone].add(m.id)
        if zone == "duties":
            role_mentions.append((m.start, m.end))
    role_mentions.sort()
    starts = [a for a, _ in role_mentions]

    statements = 0
    with_role = 0
    duty_hits = sorted(
        s.start for sig in (manages, budget, vendors) for s in sig.evidence if s.section in DUTY_SECTIONS
    )
    for lo, hi in _duty_ranges(sections):
        for st in _STATEMENT.finditer(text, lo, hi):
            if len(st.group().split()) < _MIN_STATEMENT_WORDS:
                continue
            statements += 1
            i = bisect.bisect_left(starts, st.start())
            j = bisect.bisect_left(duty_hits, st.start())
            names_role = i < len(starts) and starts[i] < st.end()
            owns = j < len(duty_hits) and duty_hits[j] < st.end()
            lead = " ".join(st.group().split()[:_LEAD_WORDS])
            # The role's competency run by the job: named, and managed or owned.
            if names_role and (owns or _MANAGING_VERB.search(lead)):
                with_role += 1
    duty_share = round(with_role / statements, 3) if statements else 0.0
    # For ranking, a share from a handful of statements is pulled towards 0: one statement that
    # names a competency is weaker evidence than twenty out of twenty-five.
    duty_evidence = with_role / (statements + _SHRINK)

    comps = tuple(
        CompetencyZones(
            c.id,
            c.name,
            c.weight,
            len(zones[c.id]["duties"]),
            len(zones[c.id]["requirements"]),
            len(zones[c.id]["boilerplate"]),
        )
        for c in profile.competencies
    )
    management = (
        FIT_WEIGHTS["base"]
        + FIT_WEIGHTS["manages_people"] * manages.strength
        + FIT_WEIGHTS["budget_vendors"] * (budget.strength + vendors.strength) / 2
    )
    fit = FIT_WEIGHTS["title"] * title_credit + FIT_WEIGHTS["duties"] * duty_evidence * management
    return PostingFit(title, manages, budget, vendors, statements, duty_share, comps, round(fit, 4))
