"""Kind detection: is each dev posting taken for a posting and each dev resume for a resume?

Postings: ../shared/dev/postings/postings.jsonl (all rows, their text as given). Resumes: the
LiveCareer PDFs in ../shared/dev/livecareer/pdf read by jobfit's own PDF ingest (and the LaTeX
resumes in ../shared/dev/resume_pdfs when present). Baseline: the keyword-count rule jobfit used
before (posting words vs resume words, three points per heading), measured in the same run.

    python -m benchmarks.bench_kind
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Iterable

from benchmarks.common import read_jsonl, shared_path, table

_OLD_POSTING = re.compile(
    r"\b(you will|you'll|we are looking|we're looking|the ideal candidate|apply|applicants?|"
    r"responsibilities|requirements|qualifications|benefits|equal opportunity|our team|join)\b",
    re.I,
)
_OLD_RESUME = re.compile(
    r"\b(present|current|curriculum vitae|resume|references available|gpa|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (?:19|20)\d\d)\b",
    re.I,
)


def keyword_rule(text: str, sections: Iterable[str]) -> str:
    """The rule jobfit used before analyzer.kind (kept here as the baseline)."""
    names = set(sections)
    posting = len(_OLD_POSTING.findall(text[:20000])) + 3 * len(
        names & {"responsibilities", "requirements", "preferred", "benefits", "about"}
    )
    resume = len(_OLD_RESUME.findall(text[:20000])) + 3 * len(
        names & {"experience", "education", "summary", "certifications"}
    )
    return "posting" if posting > resume else "resume"


def main(argv: list[str] | None = None) -> str | None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    postings_path = shared_path("dev", "postings", "postings.jsonl")
    pdf_dir = shared_path("dev", "livecareer", "pdf")
    if postings_path is None or pdf_dir is None:
        return None
    from analyzer.errors import IngestError
    from analyzer.ingest import load_file
    from analyzer.kind import detect_kind
    from analyzer.sections import find_sections

    postings = [r["text"] for r in read_jsonl(postings_path)]
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    latex = shared_path("dev", "resume_pdfs")
    if latex is not None:
        pdfs += sorted(latex.rglob("*.pdf"))
    resumes = []
    for path in pdfs:
        try:
            resumes.append(load_file(path).text)
        except IngestError:
            continue

    def ours(text: str, sections: list[str]) -> str:
        return detect_kind(text, sections).kind

    systems: list[tuple[str, Callable[[str, list[str]], str]]] = [
        ("keyword-count rule (jobfit 1.2, baseline)", keyword_rule),
        ("jobfit kind detection (analyzer.kind)", ours),
    ]
    rows = []
    for name, decide in systems:
        t0 = time.perf_counter()
        right_p = sum(decide(t, [s[2] for s in find_sections(t)]) == "posting" for t in postings)
        right_r = sum(decide(t, [s[2] for s in find_sections(t)]) == "resume" for t in resumes)
        seconds = time.perf_counter() - t0
        n = len(postings) + len(resumes)
        rows.append(
            (
                name,
                f"{right_p}/{len(postings)}",
                right_p / len(postings),
                f"{right_r}/{len(resumes)}",
                right_r / len(resumes),
                f"{n / seconds:,.0f}",
            )
        )
    unsure = sum(
        detect_kind(t, [s[2] for s in find_sections(t)]).confidence < 0.9 for t in (*postings, *resumes)
    )
    out = (
        "Kind detection on the dev postings and dev resumes\n\n"
        + table(
            ("system", "postings right", "accuracy", "resumes right", "accuracy", "docs/s (with sections)"),
            rows,
        )
        + f"\n\n{unsure} of {len(postings) + len(resumes)} documents decided with confidence < 0.9"
    )
    print(out)
    return out


if __name__ == "__main__":
    main()
