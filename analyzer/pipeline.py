"""The spaCy pipeline: a blank English tokenizer plus our own components, in stage order."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

# spaCy's tokenizer caches how it split each whitespace-delimited chunk, but only the first
# 10,000 chunks; past that (a few hundred resumes) every rare word is split by the affix rules
# again. A larger cache roughly halves tokenizing time in a batch, for a few tens of MB at most.
TOKENIZER_CACHE_CHUNKS = 250_000

COMPONENTS = (
    "jobfit_sections",
    "jobfit_skills",
    "jobfit_experience",
    "jobfit_education",
    "jobfit_statements",
    "jobfit_competencies",
)


def _register() -> None:
    # Importing the modules registers their factories with spaCy.
    from . import competencies, education, experience, sections, skills, statements  # noqa: F401


def build_nlp(lexicon_dir: str | None = None, components: tuple[str, ...] = COMPONENTS) -> Language:
    _register()
    nlp = spacy.blank("en")
    # Resumes can be long; our components work on text, not on a parser's memory budget.
    nlp.max_length = 5_000_000
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer (typed as any callable making a Doc)
    tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    for name in components:
        config = {"lexicon_dir": lexicon_dir} if name in ("jobfit_skills", "jobfit_competencies") else {}
        nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(lexicon_dir: str | None = None) -> Language:
    """One pipeline per process: building the matchers is the expensive part."""
    return build_nlp(lexicon_dir)
