"""Run the pipeline on documents and turn what the components found into public records."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from spacy.tokens import Doc

from .competencies import CompetenciesComponent, CompetencyRecogniser
from .document import Document, Failure
from .errors import INTERNAL, AnalysisError
from .extensions import doc_info, ensure_extensions
from .lexicon import Lexicon, load_lexicon
from .output import plain
from .pipeline import shared_nlp
from .posting import PostingInfo, analyze_posting, named_title
from .sections import section_lookup
from .skills import other_things_names


class Mention(Protocol):
    """What every lexicon mention has, skill or certification: the shared type of
    ``Extraction.mentions`` for code that reads either."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class SkillMention:
    id: str
    name: str
    type: str
    category: str
    section: str
    start: int
    end: int
    text: str
    # False when the word is used in another sense: outside a skills list and inside no statement
    # about the competency the skill belongs to (an employer's name, "containers" for food).
    # Such mentions are kept for completeness and earn no credit.
    in_sense: bool = True
    # "knowledge" (a tool, a language, a domain) or "skill" (the ability to do a task: soft skills,
    # "cash handling"): ESCO's and SkillSpan's split, from the lexicon record.
    component: str = "knowledge"


@dataclass(frozen=True)
class CertificationMention:
    id: str
    name: str
    issuer: str | None
    level: str | None
    section: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ExperienceClaim:
    years_min: float | None
    years_max: float | None
    area: str | None
    section: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Role:
    title: str | None
    start_date: str | None
    end_date: str | None
    months: int
    is_management: bool
    start: int
    end: int


@dataclass(frozen=True)
class EducationMention:
    level: str | None
    field: str | None
    section: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StatementLabel:
    id: str
    p: float
    # Where the part of the statement that shows it is: the statement, or the clause whose
    # probability this is ("... and cut annual spend by 18%" for budgeting).
    start: int
    end: int


@dataclass(frozen=True)
class StatementRecord:
    """A bullet or sentence and the competency areas it demonstrates (probability >= threshold)."""

    start: int
    end: int
    text: str
    section: str
    labels: tuple[StatementLabel, ...]


@dataclass(frozen=True)
class Extraction:
    """Everything found in one document; offsets index ``Document.text``."""

    id: str
    source: str
    kind: str
    pages: int
    skills: tuple[SkillMention, ...]
    certifications: tuple[CertificationMention, ...]
    experience: tuple[ExperienceClaim, ...]
    roles: tuple[Role, ...]
    education: tuple[EducationMention, ...]
    total_years: float
    management_years: float
    highest_education: str | None
    warnings: tuple[str, ...]
    # 1.0 when the caller set the kind (``--kind``, a table's ``kind`` column); else how sure
    # analyzer.kind is (0.5: the cues cancel out).
    kind_confidence: float = 1.0
    # Title, employer, sections and requirement items of a posting; None for a resume.
    posting: PostingInfo | None = None
    statements: tuple[StatementRecord, ...] = ()

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every lexicon mention: the skills, then the certifications."""
        return (*self.skills, *self.certifications)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = plain(self)
        # Keep the record's key order readable: the confidence right after the kind.
        ordered = {k: out[k] for k in ("id", "source", "kind", "kind_confidence")}
        ordered.update((k, v) for k, v in out.items() if k not in ordered)
        return ordered

    @property
    def skill_ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.skills) | frozenset(m.id for m in self.certifications)


def _attrs(span: Any) -> dict[str, Any]:
    return span._.attrs or {}


def _statements(doc: Doc, text: str) -> tuple[StatementRecord, ...]:
    info = doc_info(doc)
    found = info.get("statements") or []
    labels = info.get("statement_labels") or [[] for _ in found]
    spans = info.get("statement_label_spans") or [[] for _ in found]
    return tuple(
        StatementRecord(
            st.start,
            st.end,
            text[st.start : st.end],
            st.section,
            tuple(StatementLabel(lab.id, lab.p, a, b) for lab, (a, b) in zip(labs, where, strict=True)),
        )
        for st, labs, where in zip(found, labels, spans, strict=True)
    )


def to_extraction(document: Document, doc: Doc, lexicon: Lexicon) -> Extraction:
    info = doc_info(doc)
    # A span's text is the document's between its offsets; slicing is cheaper than Span.text,
    # which joins its tokens again (thousands of mentions per batch of postings).
    text = document.text
    sense = info.get("mention_sense") or {}
    section_at = section_lookup(doc)
    skills = []
    for span in doc.spans.get("skills", []):
        entry = lexicon.get(span.kb_id_)
        skills.append(
            SkillMention(
                entry.id,
                entry.name,
                entry.type,
                entry.category,
                section_at(span.start_char),
                span.start_char,
                span.end_char,
                text[span.start_char : span.end_char],
                sense.get((span.start_char, span.end_char), True),
                entry.component,
            )
        )
    certs = []
    for span in doc.spans.get("certifications", []):
        entry = lexicon.get(span.kb_id_)
        certs.append(
            CertificationMention(
                entry.id,
                entry.name,
                entry.issuer,
                entry.level,
                section_at(span.start_char),
                span.start_char,
                span.end_char,
                text[span.start_char : span.end_char],
            )
        )
    claims = [
        ExperienceClaim(
            _attrs(s).get("years_min"),
            _attrs(s).get("years_max"),
            _attrs(s).get("area"),
            section_at(s.start_char),
            s.start_char,
            s.end_char,
            text[s.start_char : s.end_char],
        )
        for s in doc.spans.get("experience", [])
    ]
    roles = [
        Role(
            _attrs(s).get("title"),
            _attrs(s).get("start_date"),
            _attrs(s).get("end_date"),
            int(_attrs(s).get("months") or 0),
            bool(_attrs(s).get("is_management")),
            s.start_char,
            s.end_char,
        )
        for s in doc.spans.get("roles", [])
    ]
    education = [
        EducationMention(
            _attrs(s).get("level"),
            _attrs(s).get("field"),
            section_at(s.start_char),
            s.start_char,
            s.end_char,
            text[s.start_char : s.end_char],
        )
        for s in doc.spans.get("education", [])
    ]
    summary = info.get("experience_summary") or {}
    statements = _statements(doc, text)
    kind = info.get("kind", "resume")
    posting = None
    if kind == "posting":
        from .posting_fit import duty_signals  # posting_fit reads Extraction: imported late

        posting = analyze_posting(
            text,
            skills=skills,
            certifications=certs,
            experience=claims,
            education=education,
            # Other things' names (a business's, a place's, a role's) ask for nothing.
            names=other_things_names(info),
        )
        manages, budget, vendors, contributor = duty_signals(text, posting.sections, (*skills, *certs))
        posting = dataclasses.replace(
            posting,
            manages_people=manages,
            owns_budget=budget,
            owns_vendors=vendors,
            individual_contributor=contributor,
        )
        if posting.title is None and (named := named_title(statements)) is not None:
            # No title line: the job its text names as its own ("Acme is seeking a Data
            # Architect to join ..."), marked so that the posting's own score reads it as such.
            title, start, end, _section = named
            posting = dataclasses.replace(
                posting, title=title, title_start=start, title_end=end, title_from_text=True
            )
    return Extraction(
        id=document.id,
        source=document.source,
        kind=kind,
        pages=document.pages,
        skills=tuple(skills),
        certifications=tuple(certs),
        experience=tuple(claims),
        roles=tuple(roles),
        education=tuple(education),
        total_years=round(float(summary.get("total_years", 0.0)), 2),
        management_years=round(float(summary.get("management_years", 0.0)), 2),
        highest_education=(info.get("education_summary") or {}).get("highest_level"),
        warnings=document.warnings,
        kind_confidence=float(info.get("kind_confidence", 1.0)),
        posting=posting,
        statements=statements,
    )


class Extractor:
    """Extract from documents with one shared pipeline.

    ``as_of`` ("YYYY-MM") fixes what "Present" means in dated roles, for reproducible output.
    """

    def __init__(
        self,
        lexicon_dir: str | None = None,
        as_of: str | None = None,
        recogniser: CompetencyRecogniser | None = None,
    ) -> None:
        self.lexicon_dir = lexicon_dir
        self.as_of = as_of or dt.date.today().strftime("%Y-%m")
        # Another statement recogniser than the bundled one (cross-validation in benchmarks).
        self.recogniser = recogniser

    @property
    def nlp(self):  # noqa: ANN201 - spaCy Language
        return shared_nlp(self.lexicon_dir)

    @property
    def lexicon(self) -> Lexicon:
        return load_lexicon(self.lexicon_dir)

    def _prepare(self, document: Document) -> Doc:
        ensure_extensions()
        doc = self.nlp.make_doc(document.text)
        # The text is known already; components read it from here instead of rebuilding it.
        doc._.jobfit = {"as_of": self.as_of, "text": document.text}
        if self.recogniser is not None:
            doc._.jobfit["recogniser"] = self.recogniser
        if document.kind:
            doc._.jobfit["kind"] = document.kind
        return doc

    def extract(self, document: Document) -> Extraction:
        """One document's extraction; :class:`AnalysisError` if a component fails on it."""
        result = next(iter(self.extract_many([document])))
        if isinstance(result, Failure):
            raise AnalysisError(result.message, code=result.code)
        return result

    def process(self, document: Document) -> Doc:
        """Run every component over one document."""
        doc = self._prepare(document)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def check_ready(self) -> None:
        """Raise :class:`ModelError` now if the bundled statement model is missing or stale.

        That is the installation's fault, not a document's: a batch stops before its first
        row with the one-line error, instead of failing every row alike.
        """
        if self.recogniser is None:
            for _, component in self.nlp.pipeline:
                if isinstance(component, CompetenciesComponent):
                    component.model  # noqa: B018 - loading checks the stamp

    def extract_many(
        self, items: Iterable[Document | Failure], batch_size: int = 64
    ) -> Iterator[Extraction | Failure]:
        """Extractions in input order, streaming; failures pass through untouched.

        A document that makes a component fail becomes a Failure (code ``internal``) naming only
        the exception type, so one odd document never stops the others. ``batch_size`` is kept
        for callers of the earlier batched version; our components work one document at a time.
        """
        del batch_size
        lexicon = self.lexicon
        self.check_ready()
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            try:
                yield to_extraction(item, self.process(item), lexicon)
            except Exception as exc:  # noqa: BLE001 - reported as a row, never raised
                yield Failure(
                    item.id,
                    item.source,
                    INTERNAL,
                    f"{item.source}: could not be analysed ({type(exc).__name__})",
                )

    def extract_with_text(
        self, items: Iterable[Document | Failure]
    ) -> Iterator[tuple[Extraction | Failure, str | None]]:
        """Like :meth:`extract_many`, each result paired with the plain text its offsets index
        (``None`` for a failure): for a PDF, DOCX or HTML file the text we read, for text and
        table input exactly the text given."""
        texts: deque[str | None] = deque()

        def remember() -> Iterator[Document | Failure]:
            for item in items:
                texts.append(item.text if isinstance(item, Document) else None)
                yield item

        # extract_many yields exactly one result per item, in input order.
        for result in self.extract_many(remember()):
            yield result, texts.popleft()
