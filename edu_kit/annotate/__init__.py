"""Stage 2 of the pipeline: annotate an article.

Pure functions from an :class:`~edu_kit.corpus.Article` to immutable records with
character offsets into its body:

* :func:`quotes` -- direct quotations with their speakers and the cue that justified each;
* :func:`resolve_dates` -- date expressions resolved to calendar dates;
* :func:`mentions` -- named people, organisations, places and concepts;
* :func:`annotate` -- all three at once.

>>> from edu_kit import load_corpus
>>> notes = annotate(load_corpus()["004"])
>>> notes.dates[0].text, notes.dates[0].value
('Thursday, December 16, 2021', '2021-12-16')
"""

from __future__ import annotations

from functools import lru_cache

from ..corpus import Article
from ..knowledge import KnowledgeBase, load_knowledge
from . import _names
from . import dates as _dates
from . import mentions as _mentions
from . import quotes as _quotes
from . import references as _references
from . import turns as _turns
from ._lexicon import lexicon as _lexicon
from .dates import resolve_dates
from .mentions import mentions
from .quotes import quotes
from .records import Annotations, DateExpression, Mention, Quote

__all__ = [
    "Annotations",
    "DateExpression",
    "Mention",
    "Quote",
    "annotate",
    "mentions",
    "prepare",
    "quotes",
    "resolve_dates",
]


def annotate(article: Article, kb: KnowledgeBase | None = None) -> Annotations:
    """Quotations, dates and mentions of one article.

    With the bundled knowledge base (``kb=None``, or the object ``load_knowledge()``
    returns) the result is cached per article, so that tables, facts and views built from
    one corpus annotate each article once.
    """
    if kb is None or kb is load_knowledge():
        return _annotate_bundled(article)
    return _annotate(article, kb)


def prepare(kb: KnowledgeBase | None = None) -> None:
    """Build every pattern the annotators use now rather than on first need.

    The patterns (one holds every alias of the knowledge base) take a few tens of
    milliseconds to compile and are built once per process.  Call this before timing
    the annotators, or at the top of a notebook that should answer its first cell fast.

    >>> prepare()
    """
    kb = kb or load_knowledge()
    _lexicon()
    _dates._pattern()
    _dates._trigger()
    _mentions._matcher(kb)
    _names.name_sequences()
    _names.person_cue_before()
    _names.person_verb_after()
    _mentions._body_names()
    _mentions._head_nouns()
    _quotes._patterns()
    _quotes._body_words(kb)
    _references._scanner(kb)
    _turns._known_as(kb)


@lru_cache(maxsize=512)
def _annotate_bundled(article: Article) -> Annotations:
    return _annotate(article, load_knowledge())


def _annotate(article: Article, kb: KnowledgeBase) -> Annotations:
    found = mentions(article, kb)
    return Annotations(
        article=article.id,
        quotes=quotes(article, kb, found),
        dates=resolve_dates(article),
        mentions=found,
    )
