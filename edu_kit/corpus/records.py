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
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

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

    # DataFrames for exploring; columns are documented in :mod:`edu_kit.tables`.
    def overview(self) -> pd.DataFrame:
        """One row per article: outlet, date, length, boilerplate."""
        from ..tables import articles_table

        return articles_table(self)

    def quotes(self) -> pd.DataFrame:
        """One row per quotation, with speaker, cue and sentence.

        >>> from edu_kit import load_corpus
        >>> load_corpus().quotes().query("speaker == 'Olaf Scholz'")["article"].tolist()
        ['002', '002']
        """
        from ..tables import quotes_table

        return quotes_table(self)

    def dates(self) -> pd.DataFrame:
        """One row per date expression, resolved to the calendar."""
        from ..tables import dates_table

        return dates_table(self)

    def mentions(self) -> pd.DataFrame:
        """One row per name of a person, organisation, place or concept."""
        from ..tables import mentions_table

        return mentions_table(self)

    def facts(self) -> pd.DataFrame:
        """One row per fact, with article, offsets and sentence."""
        from ..tables import facts_table

        return facts_table(self)

    def conflicts(self) -> pd.DataFrame:
        """Near-identical words given to different speakers."""
        from ..tables import conflicts_table

        return conflicts_table(self)

    def variants(self) -> pd.DataFrame:
        """Names spelt in more than one way."""
        from ..tables import variants_table

        return variants_table(self)

    def support(self) -> pd.DataFrame:
        """Facts grouped by how many articles report them."""
        from ..tables import support_table

        return support_table(self)

    def __repr__(self) -> str:
        return f"Corpus({len(self.articles)} articles: {', '.join(self.ids)})"
