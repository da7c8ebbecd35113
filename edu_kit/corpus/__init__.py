"""Stage 1 of the pipeline: load articles into immutable records.

>>> from edu_kit.corpus import load_corpus
>>> corpus = load_corpus()
>>> [a.published.isoformat() for a in corpus]
['2021-12-16', '2022-01-10', '2021-12-10', '2022-01-07', '2021-12-16']
"""

from .loading import MANIFEST_NAME, load_article, load_corpus, parse_article
from .reading import HEADER_KEYS
from .records import PARAGRAPH_KINDS, Article, Corpus, Paragraph, ParagraphKind, Sentence

__all__ = [
    "HEADER_KEYS",
    "MANIFEST_NAME",
    "PARAGRAPH_KINDS",
    "Article",
    "Corpus",
    "Paragraph",
    "ParagraphKind",
    "Sentence",
    "load_article",
    "load_corpus",
    "parse_article",
]
