"""Immutable records of the corpus: articles, paragraphs and sentences.

Every record carries character offsets into its article's ``body`` so that later
stages (quotations, dates, facts, quiz sources) can point back at the exact text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

__all__ = ["PARAGRAPH_KINDS", "Article", "Corpus", "Paragraph", "ParagraphKind", "Sentence"]

ParagraphKind = Literal["text", "headline", "caption", "credit", "link", "source", "heading"]

#: What each paragraph kind means. Only ``"text"`` feeds facts and quizzes; the other
#: kinds are non-article text that notebooks may still show.
PARAGRAPH_KINDS: dict[str, str] = {
    "text": "running text of the article",
    "headline": "the headline, or a repeat of it inside the text",
    "caption": "a photo caption (often ends with a credit such as '(Name / Agency)')",
    "credit": "a photo or agency credit on a line of its own",
    "link": "a link to another article ('READ MORE:', 'Read also:')",
    "source": "a closing source or reporting line ('Source: ...')",
    "heading": "a section heading inside the article",
}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article body: ``article.body[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str
    kind: ParagraphKind

    @property
    def is_boilerplate(self) -> bool:
        """True for non-article text (captions, credits, links, source lines, headings)."""
        return self.kind != "text"


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``article.body[start:end] == text``; ``kind`` is its paragraph's kind."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    kind: ParagraphKind


@dataclass(frozen=True)
class Article:
    """One news article, its metadata and its segmented body.

    ``published`` is a :class:`datetime.date` or None when unknown; relative dates
    ("on Wednesday") are only resolved when it is known.
    """

    id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    body: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    source_path: str | None = None
    note: str | None = None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``, or None.

        >>> from edu_kit.corpus import parse_article
        >>> art = parse_article("One. Two here.", id="x")
        >>> art.sentence_at(6).text
        'Two here.'
        """
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing character ``offset``, or None."""
        index = bisect_right(self._paragraph_starts, offset) - 1
        if index >= 0 and offset < self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @property
    def text_sentences(self) -> tuple[Sentence, ...]:
        """Sentences of running text only (no headline, captions, links, ...)."""
        return tuple(s for s in self.sentences if s.kind == "text")

    def __repr__(self) -> str:
        day = self.published.isoformat() if self.published else "undated"
        return f"Article(id={self.id!r}, outlet={self.outlet!r}, published={day}, {len(self.body)} chars)"


@dataclass(frozen=True)
class Corpus:
    """An ordered collection of articles with unique ids.

    Build one with :func:`edu_kit.load_corpus`.  Iterating yields articles; indexing
    by id returns one.
    """

    articles: tuple[Article, ...]

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        from ..errors import ChoiceError

        raise ChoiceError.of("article id", article_id, [a.id for a in self.articles])

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.articles)

    def __repr__(self) -> str:
        return f"Corpus({len(self.articles)} articles: {', '.join(self.ids)})"
