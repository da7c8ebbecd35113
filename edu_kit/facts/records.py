"""Fact records: what an article states, with provenance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Conflict", "Fact", "FactKind", "Support", "Variant"]

FactKind = Literal["quote", "event", "concept"]


@dataclass(frozen=True)
class Fact:
    """One fact and where it comes from.

    * ``quote``: ``subject`` said ``text`` (``subject`` None when the article names
      nobody); ``date`` is the article's publication date.
    * ``event``: ``text`` is a sentence that places something on ``date`` (ISO value,
      with ``until`` for ranges); ``actors`` are who it names.
    * ``concept``: the article invokes concept ``subject``; ``text`` is the first
      sentence that does.

    ``where`` is ``"text"`` for running text; quotations from captions and headlines
    are facts only when asked for (they matter for cross-checking sources).
    ``start``/``end`` are the offsets of the evidence (quotation, date expression,
    concept mention) and ``sentence_start``/``sentence_end`` those of its sentence,
    all in the article body.  ``id`` is stable: the same article gives the same ids.
    """

    id: str
    kind: FactKind
    article: str
    outlet: str | None
    published: str | None
    subject: str | None
    text: str
    date: str | None
    until: str | None
    precision: str | None
    actors: tuple[str, ...]
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    fragment: bool = False
    where: str = "text"
    cue: str | None = None


@dataclass(frozen=True)
class Conflict:
    """Near-identical words attributed to different speakers.

    ``similarity`` is in [0, 1] (1 = the same words).  ``same_day`` tells whether
    the two articles were published on the same day.  Conflicts are reported, never
    resolved: deciding who really said it is the reader's job.
    """

    first: Fact
    second: Fact
    similarity: float
    same_article: bool
    same_day: bool | None

    @property
    def explanation(self) -> str:
        where = f"article {self.first.article}" if self.same_article else f"articles {self.first.article} and {self.second.article}"
        verb = "gives" if self.same_article else "give"
        return (
            f"{where} {verb} near-identical words ({self.similarity:.0%} alike) to "
            f"{self.first.subject} and to {self.second.subject}"
        )


@dataclass(frozen=True)
class Variant:
    """Different spellings of one name across or within articles."""

    name: str
    kind: str
    spellings: tuple[tuple[str, int, bool], ...]  # (spelling, count, known misspelling?)
    articles: tuple[str, ...]

    @property
    def misspellings(self) -> tuple[str, ...]:
        return tuple(s for s, _, wrong in self.spellings if wrong)


@dataclass(frozen=True)
class Support:
    """A fact and the articles that support it (one, or several that agree)."""

    kind: str
    key: str
    facts: tuple[Fact, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({f.article for f in self.facts}))

    @property
    def n_articles(self) -> int:
        return len(self.articles)
