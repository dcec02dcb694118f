"""Role competency profiles: built from role documents (and O*NET), stamped, checked at load.

A profile is a list of competencies, each a set of lexicon ids with a weight derived from the
evidence (in how many documents the competency is named, how often, whether inside a list of
responsibilities or requirements, and O*NET importance), plus requirements (education, years of
experience, valued certifications). Each competency keeps its provenance as document names and
character offsets, never the documents' sentences.

Competency *areas* (which lexicon categories make up "cybersecurity and data protection", say)
are curated data in ``analyzer/data/competency_areas.json``; which areas a role has, and how much
each weighs, is measured from the documents.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import math
import platform
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .document import Document
from .errors import POSTING_NO_SKILLS, JobfitError, ProfileError
from .extract import Extraction, Extractor
from .lexicon import Lexicon, load_lexicon
from .paths import models_dir
from .policy import DEFAULT_POLICY, ScoringPolicy
from .statements import is_bullet
from .vocabulary import DEGREE_LEVELS, MANAGEMENT_AREA_PATTERN

# 2: the profile carries its scoring policy (analyzer.policy); format 1 is refused.
PROFILE_FORMAT = 2
ONET_CREDIT = (
    "O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration "
    "(USDOL/ETA), CC BY 4.0"
)
LEVELS = DEGREE_LEVELS
LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
# What a person reads for a level (the ids above stay in records and CSVs).
LEVEL_NAMES = {
    "high_school": "high school",
    "certificate": "certificate",
    "associate": "associate degree",
    "bachelor": "bachelor's degree",
    "master": "master's degree",
    "doctorate": "doctorate",
}


def level_name(level: str | None) -> str:
    """A degree level as a person reads it; unknown values pass through."""
    return LEVEL_NAMES.get(level or "", level or "none")


MIN_COMPETENCIES, MAX_COMPETENCIES = 15, 30
MAX_PROVENANCE = 25
# The provenance id of a statement that demonstrates a competency (others are lexicon ids).
STATEMENT_EVIDENCE = "statement"
# The lists of a role document whose items weigh more: what the job does and asks for.
DUTY_LISTS = ("responsibilities", "requirements")
# A claim about managing: its median sets the management years a role asks for.
_MANAGEMENT_AREA = re.compile(MANAGEMENT_AREA_PATTERN, re.I)

# O*NET "Required Level of Education" categories -> our levels.
ONET_RL = {
    2: "high_school",
    3: "certificate",
    4: "certificate",
    5: "associate",
    6: "bachelor",
    7: "bachelor",
    8: "master",
    9: "master",
    10: "doctorate",
    11: "doctorate",
    12: "doctorate",
}
# O*NET "Related Work Experience" categories -> lower bound in years.
ONET_RW_YEARS = {1: 0.0, 2: 0.0, 3: 0.1, 4: 0.25, 5: 0.5, 6: 1.0, 7: 2.0, 8: 4.0, 9: 6.0, 10: 8.0, 11: 10.0}


@dataclass(frozen=True)
class Provenance:
    doc: str
    start: int
    end: int
    id: str


@dataclass(frozen=True)
class Competency:
    id: str
    name: str
    weight: float
    ids: tuple[str, ...]
    core_ids: tuple[str, ...]
    evidence: dict[str, float]
    provenance: tuple[Provenance, ...]


@dataclass(frozen=True)
class CertificationRequirement:
    id: str
    name: str
    weight: float


@dataclass(frozen=True)
class Requirements:
    education_level: str | None
    education_fields: tuple[str, ...]
    years_min: float | None
    management_years_min: float | None
    certifications: tuple[CertificationRequirement, ...]


@dataclass(frozen=True)
class PostingAsk:
    """One thing the posting a profile was built from asks for (a ``posting.RequirementItem``,
    deduplicated, or the posting's title), as the scorer checks it against a resume."""

    type: str  # skill, tool, certification, degree, experience, title, qualification
    importance: str  # required | preferred
    name: str
    id: str | None = None
    years_min: float | None = None
    level: str | None = None
    field: str | None = None
    equivalent_experience: bool = False
    posting_count: int = 1
    # The posting's own type when it is folded into "qualification" (licence, clearance, ...).
    source_type: str = ""


@dataclass(frozen=True)
class Profile:
    id: str
    role: str
    competencies: tuple[Competency, ...]
    requirements: Requirements
    lexicon_version: str
    lexicon_sha256: str
    inputs: tuple[tuple[str, str], ...] = ()
    # Words that make a job title relevant to this role ("information", "systems", "network" ...).
    title_terms: tuple[str, ...] = ()
    # The role's own job titles (the role name, O*NET alternate and reported titles), for
    # matching a posting's title (analyzer.posting_fit); empty in profiles built before them.
    titles: tuple[str, ...] = ()
    format: int = PROFILE_FORMAT
    credit: str = ""
    # A one-posting profile's asks (analyzer.scoring turns them into ``posting_items``).
    asks: tuple[PostingAsk, ...] = ()
    # Every number the score uses (shares, credit, bands, posting-item penalties).
    policy: ScoringPolicy = field(default_factory=ScoringPolicy)
    _by_id: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def areas_of(self, lexicon_id: str) -> list[str]:
        """Competency ids a lexicon id belongs to."""
        if not self._by_id:
            for comp in self.competencies:
                for i in comp.ids:
                    self._by_id.setdefault(i, []).append(comp.id)
        return self._by_id.get(lexicon_id, [])

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("_by_id")
        if not self.asks:
            out.pop("asks")  # role profiles keep their byte-identical JSON
        out["inputs"] = [{"name": n, "sha256": h} for n, h in self.inputs]
        out["policy"] = self.policy.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        fmt = data.get("format", 1)
        if fmt != PROFILE_FORMAT:
            raise ProfileError(
                f"profile format {fmt}, this jobfit reads format {PROFILE_FORMAT} (with its scoring "
                "policy); rebuild it (make profile, or jobfit profile build)"
            )
        try:
            comps = tuple(
                Competency(
                    id=c["id"],
                    name=c["name"],
                    weight=float(c["weight"]),
                    ids=tuple(c["ids"]),
                    core_ids=tuple(c["core_ids"]),
                    evidence=dict(c["evidence"]),
                    provenance=tuple(Provenance(**p) for p in c["provenance"]),
                )
                for c in data["competencies"]
            )
            req = data["requirements"]
            requirements = Requirements(
                education_level=req["education_level"],
                education_fields=tuple(req["education_fields"]),
                years_min=req["years_min"],
                management_years_min=req["management_years_min"],
                certifications=tuple(CertificationRequirement(**c) for c in req["certifications"]),
            )
            return cls(
                id=data["id"],
                role=data["role"],
                competencies=comps,
                requirements=requirements,
                lexicon_version=data["lexicon_version"],
                lexicon_sha256=data["lexicon_sha256"],
                inputs=tuple((i["name"], i["sha256"]) for i in data.get("inputs", [])),
                title_terms=tuple(data.get("title_terms", ())),
                titles=tuple(data.get("titles", ())),
                format=int(data.get("format", PROFILE_FORMAT)),
                credit=data.get("credit", ""),
                asks=tuple(PostingAsk(**a) for a in data.get("asks", ())),
                policy=ScoringPolicy.from_dict(data["policy"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ProfileError(f"profile is malformed ({type(exc).__name__}: {exc})") from None


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    categories: tuple[str, ...]
    ids: tuple[str, ...]
    # A management function, shown in any field (the labelling guide: leadership, budgeting,
    # vendors...); the others are technology competencies, which need technology content.
    management: bool = False
    # Shown by a job only when it supervises people (team leadership): a posting asks mentoring
    # and "leadership skills" of individual contributors too (analyzer.scoring).
    supervision: bool = False


def load_areas(path: Path | None = None) -> tuple[Area, ...]:
    source = path or Path(str(resources.files("analyzer") / "data" / "competency_areas.json"))
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    return tuple(
        Area(
            a["id"],
            a["name"],
            tuple(a.get("categories", ())),
            tuple(a.get("ids", ())),
            bool(a.get("management", False)),
            bool(a.get("supervision", False)),
        )
        for a in data
    )


@lru_cache(maxsize=1)
def management_areas() -> frozenset[str]:
    """The bundled areas that are management functions, shown in any field."""
    return frozenset(a.id for a in load_areas() if a.management)


@lru_cache(maxsize=1)
def supervision_areas() -> frozenset[str]:
    """The bundled areas a job shows only by supervising people."""
    return frozenset(a.id for a in load_areas() if a.supervision)


def area_members(areas: Sequence[Area], lexicon: Lexicon) -> dict[str, list[str]]:
    """Area id -> lexicon ids, by category or explicit id; an explicit id beats its category."""
    explicit = {i: a.id for a in areas for i in a.ids}
    by_category: dict[str, list[str]] = defaultdict(list)
    for a in areas:
        for cat in a.categories:
            by_category[cat].append(a.id)
    members: dict[str, list[str]] = {a.id: [] for a in areas}
    for entry in lexicon.entries:
        if entry.id in explicit:
            members[explicit[entry.id]].append(entry.id)
        else:
            for area_id in by_category.get(entry.category, ()):
                members[area_id].append(entry.id)
    return {k: sorted(set(v)) for k, v in members.items()}


def _area_index(
    lexicon_dir: str | None, areas_path: Path | None
) -> tuple[Lexicon, tuple[Area, ...], dict[str, list[str]], dict[str, list[str]]]:
    """The lexicon, the areas, area -> lexicon ids, and lexicon id -> areas."""
    lexicon = load_lexicon(lexicon_dir)
    areas = load_areas(areas_path)
    members = area_members(areas, lexicon)
    area_of: dict[str, list[str]] = defaultdict(list)
    for area_id, ids in members.items():
        for i in ids:
            area_of[i].append(area_id)
    return lexicon, areas, members, area_of


# --- role documents ------------------------------------------------------------------------

_RESP = re.compile(r"responsib|duties|what (?:does|do|you)|role", re.I)
_REQ = re.compile(r"skill|requir|qualif|need|essential|education|certif|degree", re.I)


def list_context(text: str, offset: int) -> str | None:
    """'responsibilities' or 'requirements' when ``offset`` is in a bullet under such a heading."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not is_bullet(line):
        return None
    pos = line_start - 1
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos) + 1
        prev = text[prev_start:pos]
        if prev.strip() and not is_bullet(prev):
            if _RESP.search(prev):
                return "responsibilities"
            if _REQ.search(prev):
                return "requirements"
            return "list"
        pos = prev_start - 1
    return "list"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_role_documents(role_dir: Path) -> list[Document]:
    if not role_dir.is_dir():
        raise ProfileError(f"{role_dir}: not a directory of role documents")
    docs = []
    for path in sorted(role_dir.iterdir()):
        if (
            path.suffix.lower() in (".txt", ".md")
            and not path.name.startswith(".")
            and path.name != "README.md"
        ):
            text = path.read_text(encoding="utf-8")
            if text.strip():
                docs.append(Document(id=path.name, source=path.name, text=text, kind="posting"))
    if not docs:
        raise ProfileError(f"{role_dir}: no .txt or .md role documents found")
    return docs


# --- O*NET ---------------------------------------------------------------------------------


def _tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def onet_texts(onet_dir: Path) -> list[tuple[str, float]]:
    """(text, importance 0-1) rows of O*NET that name skills: tasks, skills, knowledge, technology."""
    rows: list[tuple[str, float]] = []
    for r in _tsv(onet_dir / "Task Statements.tsv"):
        rows.append((r["Task"], 1.0 if r.get("Task Type") == "Core" else 0.6))
    for name in ("Skills.tsv", "Knowledge.tsv"):
        for r in _tsv(onet_dir / name):
            if r.get("Scale ID") == "IM":
                rows.append((r["Element Name"], round(float(r["Data Value"]) / 5.0, 3)))
    for r in _tsv(onet_dir / "Technology Skills.tsv"):
        # Each row names one technology: read as an item of a skills list, so that a name that is
        # also an English word ("Python", "Ruby") counts as the technology it is listed as.
        rows.append((f"Skills\n{r['Example']}", 0.7 if r.get("Hot Technology") == "Y" else 0.5))
    return rows


# Words of job titles that say rank or kind of job, not the field: not evidence of relevance.
_TITLE_STOP = frozenset(
    """
    manager director supervisor administrator coordinator chief officer head vice president senior
    lead principal of and the for e project product account operator tester content solutions
    consulting collection requirements all source workforce portfolio interactive media internet
    knowledge business all-source management is operations services support development engineering
    enterprise
    """.split()
)
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z+&-]*")


def title_terms(titles: Iterable[str], min_count: int = 2) -> tuple[str, ...]:
    """Field words that recur in a role's job titles (O*NET alternate and reported titles)."""
    counts: Counter[str] = Counter()
    for title in titles:
        counts.update({w.lower() for w in _TITLE_WORD.findall(title)} - _TITLE_STOP)
    return tuple(sorted(w for w, n in counts.items() if n >= min_count and len(w) > 1))


def onet_titles(onet_dir: Path) -> list[str]:
    rows = _tsv(onet_dir / "Alternate Titles.tsv") + _tsv(onet_dir / "Sample of Reported Titles.tsv")
    titles = [r.get("Alternate Title") or r.get("Reported Job Title") or "" for r in rows]
    data = _tsv(onet_dir / "Occupation Data.tsv")
    titles += [r.get("Title", "") for r in data]
    return [t for t in titles if t]


def onet_requirements(onet_dir: Path) -> tuple[str | None, float | None]:
    """Most common required education level and lower bound of related work experience."""
    rl: dict[int, float] = {}
    rw: dict[int, float] = {}
    for r in _tsv(onet_dir / "Education, Training, and Experience.tsv"):
        target = rl if r["Scale ID"] == "RL" else rw if r["Scale ID"] == "RW" else None
        if target is not None:
            target[int(r["Category"])] = float(r["Data Value"])
    level = ONET_RL.get(max(rl, key=lambda k: (rl[k], -k))) if rl else None
    years = ONET_RW_YEARS.get(max(rw, key=lambda k: (rw[k], -k))) if rw else None
    return level, years


# --- building ------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9+#]+", " ", text.lower()).split())


def _known_forms(lexicon: Lexicon) -> dict[str, str]:
    """Normalised surface form -> canonical name, for domains (fields of study are domains)."""
    out: dict[str, str] = {}
    for entry in lexicon.entries:
        if entry.type == "domain":
            for form in entry.surface_forms:
                out.setdefault(_norm(form), entry.name)
    return out


def _field_terms(field_text: str | None) -> list[str]:
    if not field_text:
        return []
    parts = re.split(r",|\bor\b|\band\b|/", field_text.lower())
    out = []
    for p in parts:
        p = re.sub(r"\b(a |an |the |related field|related|field|similar|equivalent)\b", " ", p)
        p = " ".join(p.split()).strip(" .;:")
        if 2 < len(p) < 40:
            out.append(p)
    return out


def build_profile(
    role_dir: Path,
    *,
    role: str,
    onet_dir: Path | None = None,
    lexicon_dir: str | None = None,
    areas_path: Path | None = None,
    policy: ScoringPolicy = DEFAULT_POLICY,
) -> Profile:
    lexicon, areas, members, area_of = _area_index(lexicon_dir, areas_path)
    build = policy.building_weights

    documents = read_role_documents(role_dir)
    extractor = Extractor(lexicon_dir=lexicon_dir, as_of="2000-01")
    # A role document that cannot be analysed (a stale competency model, say) stops the build
    # with its one-line error: a profile built from fewer documents would be silently wrong.
    extractions: list[Extraction] = [extractor.extract(d) for d in documents]
    inputs = [(f"{role_dir.name}/{d.id}", _sha256(d.text.encode("utf-8"))) for d in documents]

    docs_with: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    in_lists: Counter[str] = Counter()
    core: dict[str, Counter[str]] = defaultdict(Counter)
    provenance: dict[str, list[Provenance]] = defaultdict(list)
    cert_counts: Counter[str] = Counter()
    cert_docs: dict[str, set[str]] = defaultdict(set)

    def count(doc: Document, area_id: str, at: int, start: int, end: int, evidence_id: str) -> None:
        """One mention of an area in a role document (``at``: where its list item starts)."""
        docs_with[area_id].add(doc.id)
        mentions[area_id] += 1
        if list_context(doc.text, at) in DUTY_LISTS:
            in_lists[area_id] += 1
        provenance[area_id].append(Provenance(doc.id, start, end, evidence_id))

    for doc, ext in zip(documents, extractions, strict=True):
        # What the role's duties show counts as the words it names do (as a resume's statements
        # earn credit): "Supervise and coach the service desk analysts" is team leadership though
        # it names no leadership skill. Provenance id "statement": offsets, never the sentence.
        for st in ext.statements:
            for label in st.labels:
                count(doc, label.id, st.start, label.start, label.end, STATEMENT_EVIDENCE)
        for m in ext.mentions:
            if m in ext.certifications:
                cert_counts[m.id] += 1
                cert_docs[m.id].add(doc.id)
            for area_id in area_of.get(m.id, ()):
                core[area_id][m.id] += 1
                count(doc, area_id, m.start, m.start, m.end, m.id)

    onet_support: dict[str, float] = defaultdict(float)
    terms = title_terms([role], min_count=1)
    titles: tuple[str, ...] = (role,)
    onet_level: str | None = None
    onet_years: float | None = None
    if onet_dir is not None:
        if not onet_dir.is_dir():
            raise ProfileError(f"{onet_dir}: O*NET folder not found")
        rows = onet_texts(onet_dir)
        onet_docs = [
            Document(id=f"onet-{i}", source="onet", text=t, kind="posting") for i, (t, _) in enumerate(rows)
        ]
        for (_, importance), onet_ext in zip(rows, extractor.extract_many(onet_docs), strict=True):
            assert isinstance(onet_ext, Extraction)
            for m in onet_ext.mentions:
                for area_id in area_of.get(m.id, ()):
                    onet_support[area_id] = max(onet_support[area_id], importance)
                    core[area_id][m.id] += 0  # named by O*NET: core, even if no document names it
        onet_level, onet_years = onet_requirements(onet_dir)
        terms = title_terms(onet_titles(onet_dir) + [role])
        titles = tuple(sorted({role, *onet_titles(onet_dir)}))
        for name in (
            "Alternate Titles.tsv",
            "Sample of Reported Titles.tsv",
            "Task Statements.tsv",
            "Skills.tsv",
            "Knowledge.tsv",
            "Technology Skills.tsv",
            "Education, Training, and Experience.tsv",
        ):
            path = onet_dir / name
            if path.exists():
                inputs.append((f"onet/{onet_dir.name}/{name}", _sha256(path.read_bytes())))

    n_docs = len(documents)
    max_mentions = max(mentions.values(), default=1)
    scored: list[tuple[float, Area]] = []
    for area in areas:
        doc_frac = len(docs_with[area.id]) / n_docs
        if not mentions[area.id] and not onet_support[area.id]:
            continue
        freq = math.log1p(mentions[area.id]) / math.log1p(max_mentions)
        lists = in_lists[area.id] / mentions[area.id] if mentions[area.id] else 0.0
        weight = (
            build["documents"] * doc_frac
            + build["frequency"] * freq
            + build["lists"] * lists
            + build["onet"] * onet_support[area.id]
        )
        scored.append((round(weight, 4), area))
    scored.sort(key=lambda t: (-t[0], t[1].id))
    # Keep competencies named by at least two documents (or O*NET and one document), within bounds.
    chosen = [
        (w, a) for w, a in scored if len(docs_with[a.id]) >= 2 or (onet_support[a.id] and docs_with[a.id])
    ][:MAX_COMPETENCIES]
    if len(chosen) < MIN_COMPETENCIES:
        chosen = scored[: max(MIN_COMPETENCIES, len(chosen))]
    total = sum(w for w, _ in chosen) or 1.0
    competencies = tuple(
        Competency(
            id=a.id,
            name=a.name,
            weight=round(w / total, 4),
            ids=tuple(members[a.id]),
            core_ids=tuple(sorted(core[a.id])),
            evidence={
                "documents": len(docs_with[a.id]),
                "mentions": mentions[a.id],
                "in_lists": in_lists[a.id],
                "onet": round(onet_support[a.id], 3),
            },
            provenance=tuple(sorted(provenance[a.id], key=lambda p: (p.doc, p.start, p.id))[:MAX_PROVENANCE]),
        )
        for w, a in chosen
    )

    # Requirements: what the documents ask for, O*NET where they are silent. A document that
    # names several degrees asks for the lowest as the entry requirement (the rest are extras).
    entry_levels = Counter(
        min(levels, key=LEVEL_RANK.__getitem__)
        for ext in extractions
        if (levels := [e.level for e in ext.education if e.level in LEVEL_RANK])
    )
    level = (
        min(entry_levels, key=lambda lv: (-entry_levels[lv], LEVEL_RANK[lv])) if entry_levels else onet_level
    )
    known = _known_forms(lexicon)
    field_docs: dict[str, set[str]] = defaultdict(set)
    for doc, ext in zip(documents, extractions, strict=True):
        for e in ext.education:
            for term in _field_terms(e.field):
                if _norm(term) in known:
                    field_docs[known[_norm(term)]].add(doc.id)
    fields = Counter({name: len(ids) for name, ids in field_docs.items()})
    claims = [c.years_min for ext in extractions for c in ext.experience if c.years_min]
    years = float(statistics.median(claims)) if claims else onet_years
    mgmt_claims = [
        c.years_min
        for ext in extractions
        for c in ext.experience
        if c.years_min and c.area and _MANAGEMENT_AREA.search(c.area)
    ]
    mgmt_years = float(statistics.median(mgmt_claims)) if mgmt_claims else (years / 2 if years else None)
    max_cert = max(cert_counts.values(), default=1)
    certs = tuple(
        CertificationRequirement(
            i,
            lexicon.get(i).name,
            round(0.5 * len(cert_docs[i]) / n_docs + 0.5 * cert_counts[i] / max_cert, 3),
        )
        for i in sorted(cert_counts, key=lambda i: (-len(cert_docs[i]), -cert_counts[i], i))
    )
    requirements = Requirements(
        education_level=level,
        education_fields=tuple(t for t, _ in sorted(fields.items(), key=lambda kv: (-kv[1], kv[0]))[:8]),
        years_min=years,
        management_years_min=mgmt_years,
        certifications=certs,
    )
    return Profile(
        id=re.sub(r"[^a-z0-9]+", "_", role.lower()).strip("_"),
        role=role,
        competencies=competencies,
        requirements=requirements,
        lexicon_version=lexicon.version,
        lexicon_sha256=lexicon.sha256,
        inputs=tuple(inputs),
        title_terms=terms,
        titles=titles,
        credit=ONET_CREDIT if onet_dir is not None else "",
        policy=policy,
    )


# --- saving and loading ----------------------------------------------------------------------


def profile_bytes(profile: Profile) -> bytes:
    return (json.dumps(profile.to_dict(), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def meta_path(path: Path) -> Path:
    return path.with_name(path.name.replace(".profile.json", "") + ".meta.json")


def save_profile(profile: Profile, path: Path, *, command: str = "", built: str | None = None) -> Path:
    """Write the profile (byte-identical for the same inputs) and its meta record beside it."""
    import datetime as dt

    import spacy

    from . import __version__
    from .output import atomic_writer

    data = profile_bytes(profile)
    with atomic_writer(path) as fh:
        fh.write(data.decode())
    meta = {
        "profile": path.name,
        "profile_sha256": _sha256(data),
        "lexicon_version": profile.lexicon_version,
        "lexicon_sha256": profile.lexicon_sha256,
        "inputs": [{"name": n, "sha256": h} for n, h in profile.inputs],
        "versions": {"jobfit": __version__, "spacy": spacy.__version__, "python": platform.python_version()},
        "built": built or dt.date.today().isoformat(),
        "command": command,
        "credit": profile.credit,
    }
    with atomic_writer(meta_path(path)) as fh:
        fh.write(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    return path


def bundled_profiles() -> dict[str, Path]:
    root = models_dir()
    return {p.name.replace(".profile.json", ""): p for p in sorted(root.glob("*.profile.json"))}


def resolve_profile_path(name_or_path: str) -> Path:
    bundled = bundled_profiles()
    if name_or_path in bundled:
        return bundled[name_or_path]
    path = Path(name_or_path)
    if path.is_file():
        return path
    known = ", ".join(bundled) or "none"
    raise ProfileError(f"no profile {name_or_path!r} (bundled profiles: {known}; or give a path)")


def load_profile(
    name_or_path: str = "it_manager", *, lexicon_dir: str | None = None, check: bool = True
) -> Profile:
    return _load_profile(name_or_path, lexicon_dir, check)


@lru_cache(maxsize=8)
def _load_profile(name_or_path: str, lexicon_dir: str | None, check: bool) -> Profile:
    path = resolve_profile_path(name_or_path)
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: not a profile JSON file ({exc})") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: not a profile JSON file")
    try:
        profile = Profile.from_dict(data)
    except ProfileError as exc:
        raise ProfileError(f"{path}: {exc}") from None
    if check:
        meta_file = meta_path(path)
        if not meta_file.exists():
            raise ProfileError(f"{path}: meta record {meta_file.name} is missing; rebuild the profile")
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("profile_sha256") != _sha256(raw):
            raise ProfileError(f"{path}: file does not match its meta record (edited by hand?); rebuild it")
        lexicon = load_lexicon(lexicon_dir)
        if profile.lexicon_sha256 != lexicon.sha256:
            raise ProfileError(
                f"{path}: built with lexicon {profile.lexicon_version} ({profile.lexicon_sha256[:10]}) but "
                f"the installed lexicon is {lexicon.version} ({lexicon.sha256[:10]}); rebuild it "
                "(make profile)"
            )
    return profile


def profile_from_extraction(
    ext: Extraction, *, lexicon_dir: str | None = None, areas_path: Path | None = None
) -> Profile:
    """A one-posting profile: the competencies the posting names or its duties show, weighted
    by where it names or shows them."""
    lexicon, areas, members, area_of = _area_index(lexicon_dir, areas_path)
    section_weight = {
        "requirements": 1.0,
        "responsibilities": 0.9,
        "preferred": 0.5,
        "benefits": 0.0,
        "about": 0.2,
    }
    weight: defaultdict[str, float] = defaultdict(float)
    core: dict[str, set[str]] = defaultdict(set)
    prov: dict[str, list[Provenance]] = defaultdict(list)
    from .scoring import posting_demonstrated, posting_supervision_cap  # scoring imports this module

    # A job that says it manages no one asks no team leadership, whatever it names ("we value
    # hiring and mentorship" in an individual contributor's posting).
    unled = supervision_areas() if posting_supervision_cap(ext) == 0 else frozenset()
    # A name counts where the posting asks it (its requirement items) or uses it in its sense:
    # not "C" in "C-level executives", "hiring" in "we're hiring", nor a product of the company
    # blurb read out of its sense.
    asked = {r.id for r in ext.posting.requirements if r.id} if ext.posting else set()
    for m in ext.mentions:
        if not getattr(m, "in_sense", True) and m.id not in asked:
            continue
        for area_id in area_of.get(m.id, ()):
            if area_id in unled:
                continue
            weight[area_id] += section_weight.get(m.section, 0.7)
            core[area_id].add(m.id)
            prov[area_id].append(Provenance(ext.id, m.start, m.end, m.id))
    # What the job's duties show is asked as much as what it names ("Negotiate support contracts
    # with our suppliers" asks vendor management though it names no skill of it), as in a
    # role's profile. Only the management functions (``"management": true``): the recogniser
    # also labels other fields' duties with technology areas by their managing verbs, so those
    # are asked by the skills the posting names (as a posting's own score makes them partial).
    management = management_areas()
    for area_id, shown in posting_demonstrated(ext).items():
        if area_id not in management or area_id in unled:
            continue
        for ev in shown:
            weight[area_id] += section_weight.get(ev.section or "", 0.7)
            prov[area_id].append(Provenance(ext.id, ev.start, ev.end, STATEMENT_EVIDENCE))
    names = {a.id: a.name for a in areas}
    total = sum(math.log1p(w) for w in weight.values()) or 1.0
    competencies = tuple(
        Competency(
            id=a,
            name=names[a],
            weight=round(math.log1p(w) / total, 4),
            ids=tuple(members[a]),
            core_ids=tuple(sorted(core[a])),
            evidence={"mentions": float(len(prov[a]))},
            provenance=tuple(prov[a][:MAX_PROVENANCE]),
        )
        for a, w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
        if w > 0
    )
    levels = [e.level for e in ext.education if e.level in LEVEL_RANK]
    # A title line, else the job the text names as its own ("Acme is seeking a Data Architect
    # to join ..."): the title asked for and the field of the management years.
    posting_title = clean_title(ext.posting.title) if ext.posting and ext.posting.title else ""
    # The years the posting asks for (its experience items: not a company blurb's or benefits'
    # years, nor the organisation's own "With more than 50 years of experience, Acme ...").
    claims = (
        [r for r in ext.posting.requirements if r.type == "experience" and r.years_min] if ext.posting else []
    )
    mgmt = [y for c in claims if (y := c.years_min) and c.field and _MANAGEMENT_AREA.search(c.field)]
    requirements = Requirements(
        education_level=min(levels, key=LEVEL_RANK.__getitem__) if levels else None,
        education_fields=tuple(dict.fromkeys(t for e in ext.education for t in _field_terms(e.field))),
        years_min=max((y for c in claims if (y := c.years_min)), default=None),
        management_years_min=max(mgmt, default=None),
        certifications=tuple(
            CertificationRequirement(c.id, c.name, 1.0)
            for c in {c.id: c for c in ext.certifications}.values()
        ),
    )
    return Profile(
        id=f"posting:{ext.id}",
        # What a person reads as "fit to ...": the posting's title, else which posting it is.
        role=posting_title or f"the posting {ext.id}",
        competencies=competencies,
        requirements=requirements,
        lexicon_version=lexicon.version,
        lexicon_sha256=lexicon.sha256,
        # The field of "years managing in the field": the title's words. A posting whose title
        # is neither on a line nor named in its text names no field (its first line is no title:
        # "Reports To: Chief Information Officer" made "information", "reports" the field), so
        # management years in any field count.
        title_terms=title_terms([posting_title], min_count=1) if posting_title else (),
        titles=(posting_title,) if posting_title else (),
        asks=posting_asks(ext, posting_title),
        policy=DEFAULT_POLICY,
    )


_MARKUP = re.compile(r"[*_#`]+")
# Folded into "qualification" asks: a resume shows them by naming them.
_QUALIFICATION_TYPES = frozenset({"qualification", "licence", "clearance", "work_eligibility"})
_ING = re.compile(r"^\w+ing\b")


# Where and how the job is done, not what it is: "(Remote, Spain)", "(100% Remote)", ", based in
# Ipswich", ", US Remote". Kept: what the job is ("(Backend)", "(PHP)", ", Data Engineering").
_TITLE_QUALIFIERS = re.compile(
    r"\s*\((?=[^)]*\b(?:remote|hybrid|on-?site|contract|full[- ]time|part[- ]time|temporary"
    r"|permanent)\b)[^)]*\)"
    r"|\s*,?\s+(?:based|located)\s+in\b.*$"
    r"|\s*[,|–—-]\s*(?:(?:US|UK|EU|fully|100%)\s+)?remote\b.*$",
    re.I,
)


def clean_title(title: str) -> str:
    """A title as a person reads it: Markdown marks ("**IT Manager**"), where and how the job
    is done ("IT Manager, based in Ipswich", "Backend Engineer (Remote)") and spare spaces
    removed."""
    plain = " ".join(_MARKUP.sub(" ", title).split())
    return _TITLE_QUALIFIERS.sub("", plain).strip(" ,-–—|") or plain


def ask_name(item: Any) -> str:
    """A requirement item (``posting.RequirementItem`` or its record) as a person reads it."""
    if item.type == "degree":
        name = level_name(item.level) if item.level else "a degree"
        return f"{name} in {item.field}" if item.field else name
    if item.type == "experience":
        if item.years_min is None:
            return " ".join(item.text.split())[:80]
        span = f"{item.years_min:g}+ years"
        if not item.field:
            return f"{span} of experience"
        # "3+ years managing IT teams", "5+ years of experience in IT"
        return f"{span} {item.field}" if _ING.match(item.field) else f"{span} of experience in {item.field}"
    return item.name or " ".join(item.text.split())[:80]


def posting_asks(ext: Extraction, title: str = "") -> tuple[PostingAsk, ...]:
    """Every item the posting asks for, once each (a required mention wins over a preferred
    one), in text order, then its title. An experience item without years around a lexicon item
    ("Experience with SAP S/4HANA" around the tool SAP) is left out: the tool is the ask."""
    if ext.posting is None:
        return ()
    counts = Counter(m.id for m in ext.mentions)
    named = [r.start for r in ext.posting.requirements if r.id]
    asks: dict[tuple[Any, ...], PostingAsk] = {}
    for item in ext.posting.requirements:
        kind = "qualification" if item.type in _QUALIFICATION_TYPES else item.type
        if kind == "experience" and item.years_min is None:
            if any(item.start <= start < item.end for start in named):
                continue
        name = ask_name(item)
        if item.id:
            key: tuple[Any, ...] = (kind, item.id)
        elif kind == "degree":
            key = (kind, item.level, item.importance)
        elif kind == "experience":
            key = (kind, item.years_min, (item.field or "").lower())
        else:
            key = (kind, name.lower())
        ask = PostingAsk(
            type=kind,
            importance=item.importance,
            name=name,
            id=item.id,
            years_min=item.years_min,
            level=item.level,
            field=item.field,
            equivalent_experience=item.equivalent_experience,
            posting_count=max(1, counts.get(item.id, 0)) if item.id else 1,
            source_type=item.type if kind != item.type else "",
        )
        old = asks.get(key)
        if old is None:
            asks[key] = ask
        else:
            asks[key] = dataclasses.replace(
                old,
                importance="required" if "required" in (old.importance, ask.importance) else old.importance,
                # Lexicon items were counted over every mention already.
                posting_count=old.posting_count + (0 if item.id else 1),
            )
    out = list(asks.values())
    if title:
        out.append(PostingAsk(type="title", importance="required", name=title))
    return tuple(out)


def posting_profile(doc: Document, extractor: Extractor) -> Profile:
    """The one-posting profile that ``jobfit score --against`` and the web page's posting box
    score against. A posting that cannot be read, or that names no competency jobfit knows (a
    score against it would be all requirements), is a :class:`JobfitError`."""
    # A posting that breaks a component raises AnalysisError, a JobfitError.
    posting = extractor.extract(dataclasses.replace(doc, kind="posting"))
    prof = profile_from_extraction(posting, lexicon_dir=extractor.lexicon_dir)
    if not prof.competencies:
        raise JobfitError(
            f"{doc.source}: the posting names no skill and shows no competency jobfit knows: "
            "nothing to score against",
            code=POSTING_NO_SKILLS,
        )
    return prof


def describe(profile: Profile) -> Iterable[str]:
    """Lines for ``jobfit profile show``."""
    yield (
        f"{profile.role} ({profile.id}), lexicon {profile.lexicon_version}, "
        f"{len(profile.competencies)} competencies"
    )
    for c in profile.competencies:
        ev = c.evidence
        yield (
            f"  {c.weight:6.3f}  {c.name:<45} docs={ev.get('documents', 0):g} "
            f"mentions={ev.get('mentions', 0):g} lists={ev.get('in_lists', 0):g} onet={ev.get('onet', 0):g}"
        )
    r = profile.requirements
    yield f"  education: {r.education_level or '-'} in {', '.join(r.education_fields) or '-'}"
    yield f"  experience: {r.years_min or '-'} years, {r.management_years_min or '-'} managing"
    yield "  relevant title words: " + (", ".join(profile.title_terms) or "-")
    yield "  certifications: " + (", ".join(c.name for c in r.certifications[:12]) or "-")
    if profile.credit:
        yield f"  credit: {profile.credit}"
