"""Fact records: what an article states, with provenance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Conflict", "DatedBy", "Fact", "FactKind", "Support", "Variant"]

FactKind = Literal["quote", "event", "concept"]
DatedBy = Literal["text", "sentence", "published"]


@dataclass(frozen=True)
class Fact:
    """One fact and where it comes from.

    * ``quote``: ``subject`` said ``text`` (``subject`` None when the article names
      nobody); ``date`` is the article's publication date.
    * ``event``: ``text`` is a sentence with a date expression; ``date`` (ISO value,
      ``until`` for ranges, ``precision``) is the date the expression *names*.  That is
      not always the date of the event the sentence reports: "the Foreign Ministry said
      NATO should rescind the 2008 declaration" names 2008 but reports a statement of
      the publication day.  ``event_date``/``event_until``/``event_precision`` hold the
      date of the reported event and ``dated_by`` says where it comes from: ``"text"``
      (this expression), ``"sentence"`` (another date of the sentence) or
      ``"published"`` (no date of its own: the article's publication day, as reported).
      A timeline draws ``event_date``; ``mentioned`` is True when the expression only
      mentions a date.  ``actors`` are who the sentence names.
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
    event_date: str | None = None
    event_until: str | None = None
    event_precision: str | None = None
    dated_by: DatedBy | None = None

    @property
    def mentioned(self) -> bool:
        """True for an event fact whose date expression does not date the reported event."""
        return self.kind == "event" and self.dated_by not in (None, "text")


@dataclass(frozen=True)
class Conflict:
    """Near-identical words attributed to different speakers.

    One conflict stands for every pair of quotations with the same two texts (word for
    word) given to the same two speakers: a text that repeats them is one conflict with
    a ``count``, not as many conflicts as pairs.  ``first``/``second`` are its first pair
    in text order, ``locations`` its first few pairs (at most
    :data:`edu_kit.facts.crosscheck.LOCATIONS_KEPT`, the first being ``(first, second)``;
    empty when a Conflict is built by hand) and ``count`` how many pairs there are.

    ``similarity`` is in [0, 1] (1 = the same words).  ``same_article`` and ``same_day``
    (were the two articles published on the same day?) are those of the first pair.
    Conflicts are reported, never resolved: deciding who really said it is the reader's job.
    """

    first: Fact
    second: Fact
    similarity: float
    same_article: bool
    same_day: bool | None
    count: int = 1
    locations: tuple[tuple[Fact, Fact], ...] = ()

    @property
    def explanation(self) -> str:
        where = f"article {self.first.article}" if self.same_article else f"articles {self.first.article} and {self.second.article}"
        verb = "gives" if self.same_article else "give"
        times = f" ({self.count} pairs of these quotations)" if self.count > 1 else ""
        return (
            f"{where} {verb} near-identical words ({self.similarity:.0%} alike) to "
            f"{self.first.subject} and to {self.second.subject}{times}"
        )


@dataclass(frozen=True)
class Variant:
    """Different spellings of one name across or within articles."""

    name: str
    kind: str
    spellings: tuple[tuple[str, int, bool], ...]  # (spelling, count, known misspelling?)
    articles: tuple[str, ...]  # the articles that use any of the spellings
    by_spelling: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (spelling, articles using it)

    def articles_of(self, spelling: str) -> tuple[str, ...]:
        """The articles that write the name this way (not those using another spelling)."""
        return dict(self.by_spelling).get(spelling, ())

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
