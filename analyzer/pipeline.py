"""The spaCy pipeline: a blank English tokenizer plus our own components, in stage order."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .lexicon import glued_names
from .tokenizer import ChunkCachedTokenizer

# Chunks whose tokens the pipeline's tokenizer remembers (analyzer.tokenizer): enough for the
# words of a large batch, a few tens of MB at most.
TOKENIZER_CACHE_CHUNKS = 200_000

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
    # spaCy's tokens, with a cache that spaCy's own tokenizer gives up on in most of a document.
    nlp.tokenizer = ChunkCachedTokenizer(nlp.tokenizer, TOKENIZER_CACHE_CHUNKS, glued_names(lexicon_dir))
    for name in components:
        config = {"lexicon_dir": lexicon_dir} if name in ("jobfit_skills", "jobfit_competencies") else {}
        nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(lexicon_dir: str | None = None) -> Language:
    """One pipeline per process: building the matchers is the expensive part."""
    return build_nlp(lexicon_dir)
