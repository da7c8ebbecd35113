"""Stage 1 of the pipeline: load articles -- and the primary documents beside them
(:func:`load_sources`) -- into immutable records.

>>> from edu_kit.corpus import load_corpus
>>> corpus = load_corpus()
>>> [a.published.isoformat() for a in corpus]
['2021-12-16', '2022-01-10', '2021-12-10', '2022-01-07', '2021-12-16']
"""

from .loading import MANIFEST_NAME, load_article, load_corpus, parse_article
from .reading import HEADER_KEYS
from .records import PARAGRAPH_KINDS, Article, Corpus, Paragraph, ParagraphKind, Sentence
from .sources import SOURCE_HEADER_KEYS, SOURCE_KINDS, SOURCES_MANIFEST, Source, SourceSet, load_source, load_sources

__all__ = [
    "HEADER_KEYS",
    "MANIFEST_NAME",
    "PARAGRAPH_KINDS",
    "SOURCES_MANIFEST",
    "SOURCE_HEADER_KEYS",
    "SOURCE_KINDS",
    "Article",
    "Corpus",
    "Paragraph",
    "ParagraphKind",
    "Sentence",
    "Source",
    "SourceSet",
    "load_article",
    "load_corpus",
    "load_source",
    "load_sources",
    "parse_article",
]
