"""Stage 3 of the pipeline: facts with provenance, checked across sources and against
the record (:func:`check_quotes`: each quotation beside the primary documents).

>>> from edu_kit import load_corpus
>>> report = crosscheck(load_corpus())
>>> sorted({c.first.article for c in report.conflicts} | {c.second.article for c in report.conflicts})
['000', '002', '004']
"""

from __future__ import annotations

from dataclasses import dataclass

from ..annotate import annotate
from ..corpus import Corpus
from ..knowledge import KnowledgeBase
from .crosscheck import conflicts, quote_similarity, support, variants
from .extract import article_facts, fact_id
from .record import QUOTE_STATUSES, QuoteCheck, QuoteStatus, RecordMatch, check_quote, check_quotes, record_similarity
from .records import Conflict, Fact, FactKind, Support, Variant

__all__ = [
    "QUOTE_STATUSES",
    "Conflict",
    "CrossCheck",
    "Fact",
    "FactKind",
    "QuoteCheck",
    "QuoteStatus",
    "RecordMatch",
    "Support",
    "Variant",
    "article_facts",
    "check_quote",
    "check_quotes",
    "conflicts",
    "corpus_facts",
    "crosscheck",
    "fact_id",
    "quote_similarity",
    "record_similarity",
    "support",
    "variants",
]


def corpus_facts(
    corpus: Corpus, kb: KnowledgeBase | None = None, *, include_captions: bool = False
) -> tuple[Fact, ...]:
    """The facts of every article, in corpus order."""
    return tuple(
        fact
        for article in corpus
        for fact in article_facts(article, annotate(article, kb), include_captions=include_captions)
    )


@dataclass(frozen=True)
class CrossCheck:
    """What the articles agree on, where they conflict, and how they spell names."""

    conflicts: tuple[Conflict, ...]
    variants: tuple[Variant, ...]
    support: tuple[Support, ...]


def crosscheck(corpus: Corpus, kb: KnowledgeBase | None = None) -> CrossCheck:
    """Cross-source checks over a corpus (see :mod:`edu_kit.facts.crosscheck`)."""
    notes = [annotate(article, kb) for article in corpus]
    facts_all = tuple(
        fact
        for article, note in zip(corpus, notes, strict=True)
        for fact in article_facts(article, note, include_captions=True)
    )
    return CrossCheck(
        conflicts=conflicts(facts_all),
        variants=variants([(note.article, note.mentions) for note in notes], kb),
        support=support(f for f in facts_all if f.where == "text"),
    )
