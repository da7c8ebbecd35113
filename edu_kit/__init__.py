"""edu_kit: teach the NATO-Russia-Ukraine crisis of December 2021 - January 2022.

The pipeline is a chain of values::

    corpus = load_corpus()                 # articles (immutable records)
    notes = annotate(corpus["000"])        # quotations, dates, mentions
    table = facts(corpus)                  # facts with provenance
    report = crosscheck(corpus)            # agreements, conflicts, misspellings
    record = load_sources()                # primary documents (transcripts, statements, treaties)
    checks = check_quotes(corpus, record)  # each quotation against the record

Everything is imported lazily, so ``import edu_kit`` stays fast; pandas,
matplotlib and ipywidgets load only when a function that needs them runs.

>>> import edu_kit
>>> corpus = edu_kit.load_corpus()
>>> len(corpus)
5
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # errors
    "EduKitError": "edu_kit.errors",
    "ArticleError": "edu_kit.errors",
    "KnowledgeBaseError": "edu_kit.errors",
    "QuizBankError": "edu_kit.errors",
    "ResponseLogError": "edu_kit.errors",
    "ChoiceError": "edu_kit.errors",
    # stage 1: corpus
    "Article": "edu_kit.corpus",
    "Corpus": "edu_kit.corpus",
    "load_corpus": "edu_kit.corpus",
    "load_article": "edu_kit.corpus",
    "parse_article": "edu_kit.corpus",
    "load_sources": "edu_kit.corpus",
    "Source": "edu_kit.corpus",
    # stage 2: annotation
    "annotate": "edu_kit.annotate",
    "quotes": "edu_kit.annotate",
    "resolve_dates": "edu_kit.annotate",
    "mentions": "edu_kit.annotate",
    # stage 3: facts
    "corpus_facts": "edu_kit.facts",
    "crosscheck": "edu_kit.facts",
    "check_quotes": "edu_kit.facts",
    # knowledge base
    "load_knowledge": "edu_kit.knowledge",
    # quizzes
    "grade": "edu_kit.quiz",
}

__all__ = [
    "Article",
    "ArticleError",
    "ChoiceError",
    "Corpus",
    "EduKitError",
    "KnowledgeBaseError",
    "QuizBankError",
    "ResponseLogError",
    "Source",
    "__version__",
    "annotate",
    "check_quotes",
    "corpus_facts",
    "crosscheck",
    "grade",
    "load_article",
    "load_corpus",
    "load_knowledge",
    "load_sources",
    "mentions",
    "parse_article",
    "quotes",
    "resolve_dates",
]

if TYPE_CHECKING:  # pragma: no cover
    from .annotate import annotate, mentions, quotes, resolve_dates
    from .corpus import Article, Corpus, Source, load_article, load_corpus, load_sources, parse_article
    from .errors import (
        ArticleError,
        ChoiceError,
        EduKitError,
        KnowledgeBaseError,
        QuizBankError,
        ResponseLogError,
    )
    from .facts import check_quotes, corpus_facts, crosscheck
    from .knowledge import load_knowledge
    from .quiz import grade


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'edu_kit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
