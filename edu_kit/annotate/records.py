"""Immutable annotation records.  Offsets are character offsets into ``Article.body``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Annotations",
    "DateExpression",
    "Mention",
    "MentionKind",
    "Precision",
    "Quote",
    "SpeakerKind",
]

MentionKind = Literal["person", "organization", "place", "concept"]
SpeakerKind = Literal["person", "organization", "unnamed_source"]
Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class Mention:
    """A named person, organisation, place or concept in the text.

    ``name`` is the canonical name from the knowledge base, or the name as written
    for a person the knowledge base does not know (``entity`` is then None).
    ``misspelt`` is True when ``text`` is a known wrong spelling (Scholz as "Schulz").
    """

    name: str
    kind: MentionKind
    text: str
    start: int
    end: int
    entity: str | None
    misspelt: bool = False


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it.

    ``start``/``end`` span the words inside the quotation marks
    (``body[start:end]``; for a quotation over several paragraphs this includes the
    paragraph breaks and repeated opening marks).  ``text`` is the quotation with
    those inner marks and line breaks removed.  ``speaker`` is a canonical name, a
    name as written (people the knowledge base does not know), or None.  ``cue`` is
    the text that justified the attribution (``"Stoltenberg said"``), or a short
    reason such as ``"continues the previous quotation"``.  ``where`` is the kind of
    paragraph the quotation opens in (``"text"``, ``"headline"``, ``"caption"`` ...).
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_kind: SpeakerKind | None
    cue: str | None
    fragment: bool
    where: str
    sentence: int

    @property
    def in_running_text(self) -> bool:
        return self.where == "text"


@dataclass(frozen=True)
class DateExpression:
    """A date expression resolved to the calendar.

    ``value`` is ISO: ``YYYY-MM-DD`` (day), ``YYYY-Www`` (ISO week), ``YYYY-MM``
    (month) or ``YYYY`` (year); None when it cannot be resolved (a relative
    expression in an article without a publication date).  ``until`` is the last
    day of a range.  ``relative`` tells whether the value depends on the
    publication date.
    """

    text: str
    start: int
    end: int
    value: str | None
    until: str | None
    precision: Precision
    relative: bool
    sentence: int


@dataclass(frozen=True)
class Annotations:
    """Everything annotated in one article."""

    article: str
    quotes: tuple[Quote, ...]
    dates: tuple[DateExpression, ...]
    mentions: tuple[Mention, ...]
