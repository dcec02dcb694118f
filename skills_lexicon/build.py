"""Regenerate ``skills_lexicon/generated/*.jsonl`` from O*NET (and, optionally, ESCO).

Run from the project root::

    python -m skills_lexicon.build --onet ../shared/onet [--esco ../shared/esco/skills_en_label.txt]

The output is deterministic: records are sorted by id and serialised with sorted keys, so a
re-run on the same input is byte-identical. Curated records (``curated/*.jsonl``) always win: a
generated record whose name or alias is already claimed by a curated record is skipped.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analyzer.errors import LexiconError
from analyzer.output import atomic_writer

HERE = Path(__file__).resolve().parent
TECH_FILE = "Technology Skills.tsv"
TASK_FILE = "Task Statements.tsv"
IT_MANAGER = "11-3021.00"

# Occupations whose technology skills are IT-relevant as a whole: all computer and mathematical
# occupations (15-), IT managers, computer hardware engineers and computer operators.
IT_OCCUPATION_PREFIXES = ("15-", "11-3021", "17-2061", "43-9011")

# Commodity titles that never describe IT knowledge, even when an IT occupation lists them, and
# are excluded from the "hot technology" rows of other occupations.
NON_IT_COMMODITIES = frozenset(
    {
        "Action games",
        "Aviation ground support software",
        "Dictionary software",
        "Flight control software",
        "Foreign language software",
        "Label making software",
        "Legal management software",
        "Library software",
        "Mailing and shipping software",
        "Medical software",
        "Music or sound editing software",
        "Pattern design software",
        "Route navigation software",
        "Spell checkers",
        "Tax preparation software",
    }
)

# Company names that prefix many O*NET examples ("Oracle PeopleSoft"); the product name alone
# is what postings write, so it becomes an alias when it is distinctive enough.
VENDORS = (
    "Adobe Systems",
    "Adobe",
    "Amazon",
    "Apache",
    "Apple",
    "Atlassian",
    "Autodesk",
    "Broadcom",
    "CA Technologies",
    "Cisco Systems",
    "Cisco",
    "Citrix",
    "Dell",
    "Google",
    "Hewlett Packard",
    "HP",
    "IBM",
    "Intuit",
    "JetBrains",
    "McAfee",
    "Micro Focus",
    "Microsoft",
    "NetApp",
    "Oracle",
    "Red Hat",
    "Salesforce",
    "SAP",
    "Symantec",
    "The MathWorks",
    "VMware",
)

# Words that the data-driven vocabulary below misses but that are everyday English (or name
# animals and jobs) and so would be false positives as tool names on their own.
EXTRA_COMMON = frozenset(
    "absorb ada algae algorithmic ant antivirus atom aztec bamboo basecamp blackboard blink "
    "bowtie box brackets chatbot chef clipper clustering compass compilers concur continuum "
    "crystal cufflinks dash decompilers delta diameter docs domino eiffel ethereal excel "
    "facebook facetime flask flex flume fortify frostbite fusion gem gmail gravity groovy "
    "gump harvest hive honeypot impact interpreter jade julia juno keynote linkedin lotus "
    "maxima maya mercury numbers oberon outlook pages pandas pascal pegasus photos pig "
    "polymath postman prism project rapide rhino ruby safari sage samba scratch seesaw "
    "shazam shiny shiva sketch slack snap snort solidity sonar spark splash storm swift "
    "teams tiger tiktok tophat travis unity videoconferencing visio vista word workday "
    "youtube zoom".split()
)

# Consumer services that postings name as employers or channels, not as skills.
DROP_NAMES = frozenset(
    {"facebook", "instagram", "iq", "linkedin", "tiktok", "twitter", "youtube", "whatsapp"}
)

SMALL_WORDS = frozenset({"a", "an", "and", "as", "for", "of", "on", "or", "the", "to", "with"})
TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9+#.'-]*")
PAREN_RE = re.compile(r"\s*\([^)]*\)\s*$")

# ESCO proper-noun labels that are not technologies (beliefs, pedagogies, laws).
ESCO_EXCLUDE_RE = re.compile(
    r"^(ICT |European |International |Montessori|Freinet|Steiner|Code of |Global |Bible|"
    r"Christianity|Islam|Buddhism|Earth science|Order products|Ensure |Interpret |SA8000|"
    r"IPC standards|SMED|ATM systems|Outsourcing model|Open source model|Process-based|"
    r"World Wide Web Consortium|CAD for )"
)
ESCO_TECH_QUALIFIERS = frozenset(
    {
        "computer programming",
        "tools for software configuration management",
        "penetration testing tool",
        "integrated development environment software",
        "graphics editor software",
        "database management systems",
        "mobile operating systems",
        "service-oriented modelling",
        "learning management systems",
        "digital game creation systems",
    }
)


@dataclass(frozen=True)
class Candidate:
    """One surface-level proposal before collision checks."""

    name: str
    aliases: tuple[str, ...]
    category: str
    source: str
    case_sensitive: tuple[str, ...] = ()


def norm(form: str) -> str:
    """The key two surface forms share when the matcher would treat them as the same string."""
    return re.sub(r"[\s\-_]+", "", form.casefold())


def norm_keys(form: str) -> set[str]:
    # The matcher also generates simple plurals, so "Database" and "Databases" collide;
    # acronyms are exempt ("CS" is not the plural of "C").
    key = norm(form)
    keys = {key}
    if len(key) < 4 or form.isupper() or form[:-1].isupper():
        return keys
    if key.endswith("ss"):
        keys.add(key + "es")
    else:
        keys.add(key[:-1] if key.endswith("s") else key + "s")
    return keys


def slug(name: str) -> str:
    text = name.casefold().replace("c++", "cpp").replace("c#", "csharp").replace("f#", "fsharp")
    text = text.replace(".net", "dotnet").replace("+", "-plus")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x"


def read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise LexiconError(f"{path}: O*NET table not found")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words written in lower case in running text: a plain-English vocabulary.

    A tool name that is such a word ("Word", "Access", "Spark") would match ordinary prose.
    """
    vocab: set[str] = set(EXTRA_COMMON)
    for text in texts:
        vocab.update(tok for tok in TOKEN_RE.findall(text) if tok.islower())
    return frozenset(vocab)


def _is_common(form: str, vocab: frozenset[str]) -> bool:
    """True when every token of ``form`` is plain English (so the form is a weak signal)."""
    tokens = form.split()
    if not tokens:
        return True
    for tok in tokens:
        low = tok.casefold()
        # Inner capitals, digits or symbols ("iWork", "HP-UX", "C#") make a token distinctive.
        if tok[1:] != tok[1:].lower() and not tok.isupper():
            return False
        if any(not ch.isalpha() for ch in tok):
            return False
        if not in_vocab(low, vocab) and low not in SMALL_WORDS:
            return False
    return True


def in_vocab(word: str, vocab: frozenset[str]) -> bool:
    """``word`` or a regular inflection of it is plain English ("absorb" via "absorbs")."""
    if word in vocab:
        return True
    return any(word + suffix in vocab for suffix in ("s", "es", "ed", "ing", "d"))


def _acronym_split(words: list[str]) -> tuple[list[str], str] | None:
    """Split "Amazon Web Services AWS" into (["Amazon", "Web", "Services"], "AWS")."""
    if len(words) < 3:
        return None
    acr = words[-1]
    upper = sum(ch.isupper() for ch in acr)
    if not (2 <= len(acr) <= 8 and acr.isalnum() and acr[0].isupper() and upper >= 2):
        return None
    head = words[:-1]
    letters = acr.casefold()
    for start in range(len(head)):
        if head[start][0].casefold() != letters[0]:
            continue
        joined = "".join(head[start:]).casefold()
        pos = 0
        for ch in letters:
            pos = joined.find(ch, pos)
            if pos < 0:
                break
            pos += 1
        else:
            if len(head) - start >= 2:
                return head, acr
    return None


def _strip_software(text: str) -> str:
    stripped = re.sub(r"\s+software$", "", text.strip(), flags=re.IGNORECASE)
    return stripped or text.strip()


def _strip_vendor(name: str) -> str | None:
    for vendor in VENDORS:
        if name.startswith(vendor + " "):
            return name[len(vendor) + 1 :].strip() or None
    return None


def candidate_from_example(
    example: str, category: str, source: str, vocab: frozenset[str], *, short_acronyms: bool = True
) -> Candidate | None:
    """Turn one O*NET example into a candidate record, or None when it is too generic."""
    text = _strip_software(example)
    words = text.split()
    aliases: list[str] = []
    case_sensitive: list[str] = []
    split = _acronym_split(words)
    if split is not None:
        head, acr = split
        text = _strip_software(" ".join(head))
        # Two- and three-letter acronyms of obscure products collide with everything else
        # ("FMS", "TIM", "ERM"): keep them only for the role's own or widely used technologies.
        if short_acronyms or len(acr) > 3:
            aliases.append(acr)
            # Acronyms are written in capitals; matched in lower case they hit ordinary words and
            # units ("MIB" vs "MiB", "IDE" vs "ide").
            case_sensitive.append(acr)
    name = text
    # "A programming language APL" and the like describe rather than name a product.
    if name.casefold() in DROP_NAMES or name.startswith(("A ", "An ")):
        return None
    if len(name) < 2 or _is_common(name, vocab):
        # Single plain words and all-common phrases ("Billing", "Help desk") would flood
        # prose with false hits; the curated lexicon carries the useful ones.
        if len(name.split()) < 2:
            return None
    product = _strip_vendor(name)
    if product and product.casefold() in DROP_NAMES:
        return None
    if product and not _is_common(product, vocab) and len(product) > 2:
        aliases.append(product)
        split = _acronym_split(product.split())
        if split is not None:
            aliases.append(" ".join(split[0]))
    if example.strip() != name and example.strip() not in aliases:
        aliases.append(example.strip())
    seen: dict[str, str] = {}
    for alias in aliases:
        if norm(alias) != norm(name):
            seen.setdefault(norm(alias), alias)
    return Candidate(
        name=name,
        aliases=tuple(seen.values()),
        category=category,
        source=source,
        case_sensitive=tuple(a for a in case_sensitive if a in seen.values()),
    )


def is_it_row(row: dict[str, str]) -> bool:
    if row.get("Commodity Title", "") in NON_IT_COMMODITIES:
        return False
    code = row.get("O*NET-SOC Code", "")
    if code.startswith(IT_OCCUPATION_PREFIXES):
        return True
    return row.get("Hot Technology", "") == "Y"


def onet_candidates(rows: Sequence[dict[str, str]], source: str, vocab: frozenset[str]) -> list[Candidate]:
    """Candidates from Technology Skills rows, deduplicated by example, in a stable order."""
    by_example: dict[str, dict[str, str]] = {}
    hot: set[str] = set()
    for row in rows:
        example = (row.get("Example") or "").strip()
        if example and example not in by_example:
            by_example[example] = row
        if example and row.get("Hot Technology", "") == "Y":
            hot.add(example)
    out: list[Candidate] = []
    for example in sorted(by_example):
        row = by_example[example]
        cand = candidate_from_example(
            example,
            row.get("Commodity Title", ""),
            source,
            vocab,
            short_acronyms=source.endswith("11-3021.00") or example in hot,
        )
        if cand is not None:
            out.append(cand)
    return out


def esco_candidates(labels: Iterable[str], vocab: frozenset[str]) -> list[Candidate]:
    """Proper-noun ESCO labels that name technologies ("Apache Maven", "Ruby (computer ...)")."""
    out: list[Candidate] = []
    for raw in sorted({line.strip() for line in labels if line.strip()}):
        if not raw[0].isupper() or ESCO_EXCLUDE_RE.match(raw):
            continue
        qualifier = ""
        match = re.search(r"\(([^)]*)\)\s*$", raw)
        if match:
            qualifier = match.group(1).strip()
            if qualifier not in ESCO_TECH_QUALIFIERS:
                continue
        name = PAREN_RE.sub("", raw).strip()
        if len(name.split()) > 4 or len(name) < 2:
            continue
        if _is_common(name, vocab) or in_vocab(name.casefold(), vocab):
            continue
        aliases: list[str] = []
        product = _strip_vendor(name)
        if product and not _is_common(product, vocab):
            aliases.append(product)
        category = qualifier or "ESCO technology"
        out.append(Candidate(name, tuple(aliases), category, "esco"))
    return out


def curated_claims(curated_dir: Path) -> tuple[set[str], set[str]]:
    """The normalised surface forms and the ids that curated records own."""
    keys: set[str] = set()
    ids: set[str] = set()
    for path in sorted(curated_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            ids.add(record["id"])
            for form in [record["name"], *record["aliases"]]:
                keys |= norm_keys(form)
    return keys, ids


def resolve(candidates: Sequence[Candidate], claimed: set[str], used_ids: set[str]) -> list[dict]:
    """Turn candidates into records: first claimant of a name wins; ``claimed`` is updated."""
    records: list[dict] = []
    for cand in candidates:
        if norm_keys(cand.name) & claimed:
            continue
        # An alias already owned ("AWS", "Java") means an earlier record is the same thing.
        if any(norm_keys(a) & claimed for a in cand.aliases):
            continue
        aliases = list(cand.aliases)
        base = "tech:" + slug(cand.name)
        entry_id, n = base, 2
        while entry_id in used_ids:
            entry_id, n = f"{base}-{n}", n + 1
        used_ids.add(entry_id)
        for form in [cand.name, *aliases]:
            claimed |= norm_keys(form)
        record: dict = {
            "id": entry_id,
            "name": cand.name,
            "aliases": aliases,
            "type": "tool",
            "category": cand.category,
            "source": cand.source,
        }
        sensitive = [a for a in cand.case_sensitive if a in aliases]
        if sensitive:
            record["case_sensitive"] = sensitive
        records.append(record)
    return records


def dumps(records: Iterable[dict]) -> str:
    lines = [
        json.dumps(r, ensure_ascii=False, sort_keys=True) for r in sorted(records, key=lambda r: r["id"])
    ]
    return "".join(line + "\n" for line in lines)


def build(
    onet_dir: Path,
    out_dir: Path,
    curated_dir: Path,
    esco_path: Path | None = None,
) -> dict[str, int]:
    """Write the generated JSONL files; return the record count per file name."""
    manager_rows = read_tsv(onet_dir / IT_MANAGER / TECH_FILE)
    all_rows = read_tsv(onet_dir / "all_occupations" / TECH_FILE)
    texts: list[str] = []
    task_path = onet_dir / "all_occupations" / TASK_FILE
    if task_path.is_file():
        texts.extend(row.get("Task", "") for row in read_tsv(task_path))
    esco_labels: list[str] = []
    if esco_path is not None:
        if not esco_path.is_file():
            raise LexiconError(f"{esco_path}: ESCO label list not found")
        esco_labels = esco_path.read_text(encoding="utf-8").splitlines()
        texts.extend(esco_labels)
    vocab = common_words(texts)

    claimed, used_ids = curated_claims(curated_dir)
    outputs = {
        "onet_11-3021.jsonl": resolve(
            onet_candidates(manager_rows, f"onet:{IT_MANAGER}", vocab), claimed, used_ids
        ),
        "onet_it.jsonl": resolve(
            onet_candidates([r for r in all_rows if is_it_row(r)], "onet:all", vocab),
            claimed,
            used_ids,
        ),
    }
    if esco_labels:
        outputs["esco_tech.jsonl"] = resolve(esco_candidates(esco_labels, vocab), claimed, used_ids)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.jsonl"):
        if stale.name not in outputs:
            stale.unlink()
    for name, records in outputs.items():
        # Whole or absent, as every file jobfit writes: a failed rebuild leaves the old lexicon.
        with atomic_writer(out_dir / name) as fh:
            fh.write(dumps(records))
    return {name: len(records) for name, records in outputs.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skills_lexicon.build", description=__doc__)
    parser.add_argument("--onet", type=Path, required=True, help="O*NET folder (../shared/onet)")
    parser.add_argument("--esco", type=Path, default=None, help="ESCO skills_en_label.txt")
    parser.add_argument("--out", type=Path, default=HERE / "generated")
    parser.add_argument("--curated", type=Path, default=HERE / "curated")
    args = parser.parse_args(argv)
    try:
        counts = build(args.onet, args.out, args.curated, args.esco)
    except LexiconError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, count in sorted(counts.items()):
        print(f"{name}: {count} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
