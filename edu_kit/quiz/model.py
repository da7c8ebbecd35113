"""The question model: frozen records for questions, their sources and banks.

Every question has a ``type`` (one of :data:`TYPES`) and an ``answer`` (its key),
whose shape depends on the type:

============  ===============================================  =======================
type          ``answer``                                        ``choices``
============  ===============================================  =======================
single        the correct choice's text (``str``)               the options
multiple      the correct choices' texts (``tuple[str, ...]``)  the options
true_false    ``True`` or ``False``                             ``("True", "False")``
ordering      the items in chronological order (tuple)          the items
matching      ``((left, right), ...)`` pairs                    the right-hand options
short_text    accepted variants (``tuple[str, ...]``)           ``()``
numeric       :class:`Numeric` (value, tolerance, unit)         ``()``
open          ``()`` (no key: a written answer, never graded)   ``()``
============  ===============================================  =======================

An ``open`` question carries a ``model_answer`` and a ``rubric`` (points a teacher
looks for) instead of a key; both stay with the teacher and are never shown to the
student's page.  Every question may name the notebook that teaches what it asks
(``taught_in``, a notebook stem such as ``"04_concepts"``).

>>> q = Question(id="nato-allies", type="numeric",
...              prompt="How many allies did NATO have in December 2021?",
...              choices=(), answer=Numeric(30, 0, "allies"),
...              topics=("concepts",), difficulty="easy")
>>> q.answer.value, q.origin
(30, 'handwritten')
>>> bank = Bank((q,))
>>> bank["nato-allies"] is q, "nato-allies" in bank, len(bank)
(True, True, 1)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from ..errors import ChoiceError

__all__ = [
    "DIFFICULTIES",
    "ORIGINS",
    "TOPICS",
    "TRUE_FALSE_CHOICES",
    "TYPES",
    "Answer",
    "Bank",
    "Difficulty",
    "Numeric",
    "Origin",
    "Question",
    "QuestionType",
    "Source",
    "Topic",
    "nearest_first",
]

QuestionType = Literal[
    "single", "multiple", "true_false", "ordering", "matching", "short_text", "numeric", "open"
]
Topic = Literal["timeline", "positions", "concepts", "sources"]
Difficulty = Literal["easy", "medium", "hard"]
Origin = Literal["generated", "handwritten"]

TYPES: tuple[QuestionType, ...] = (
    "single",
    "multiple",
    "true_false",
    "ordering",
    "matching",
    "short_text",
    "numeric",
    "open",
)
TOPICS: tuple[Topic, ...] = ("timeline", "positions", "concepts", "sources")
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
ORIGINS: tuple[Origin, ...] = ("generated", "handwritten")

#: The options a true/false question shows, in this order.
TRUE_FALSE_CHOICES: tuple[str, str] = ("True", "False")


@dataclass(frozen=True)
class Source:
    """A sentence of an article that supports a question.

    ``start`` and ``end`` are character offsets of ``sentence`` in the article's body,
    so that ``body[start:end] == sentence``.

    >>> body = "NATO met. Russia answered."
    >>> s = Source("000", "TRT World", "2021-12-16", 10, 26, "Russia answered.")
    >>> body[s.start:s.end] == s.sentence
    True
    """

    article: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Numeric:
    """The key of a numeric question: ``value`` ± ``tolerance``, in ``unit``.

    >>> Numeric(30, 0, "allies").accepts(30.0), Numeric(100_000, 10_000, "troops").accepts(89_999)
    (True, False)
    """

    value: float
    tolerance: float = 0.0
    unit: str = ""

    def accepts(self, number: float) -> bool:
        """Whether ``number`` is within the tolerance (boundaries included)."""
        slack = 1e-9 * max(1.0, abs(self.value))
        return abs(number - self.value) <= self.tolerance + slack


#: The shape of a key; which one depends on the question's type (see the module doc).
Answer = str | bool | tuple[str, ...] | tuple[tuple[str, str], ...] | Numeric


@dataclass(frozen=True)
class Question:
    """One quiz question and its key.

    ``fact`` is the id of the fact a generated question comes from; ``reference``
    names a primary document when a hand-written question cites no article.
    """

    id: str
    type: QuestionType
    prompt: str
    choices: tuple[str, ...]
    answer: Answer
    explanation: str = ""
    sources: tuple[Source, ...] = ()
    topics: tuple[Topic, ...] = ()
    difficulty: Difficulty = "medium"
    origin: Origin = "handwritten"
    fact: str | None = None
    reference: str | None = None
    model_answer: str = ""
    rubric: tuple[str, ...] = ()
    taught_in: str | None = None
    family: str | None = None

    @property
    def graded(self) -> bool:
        """Whether answers are graded automatically (every type but ``open``)."""
        return self.type != "open"

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ChoiceError.of("question type", self.type, TYPES)
        for topic in self.topics:
            if topic not in TOPICS:
                raise ChoiceError.of("topic", topic, TOPICS)
        if self.difficulty not in DIFFICULTIES:
            raise ChoiceError.of("difficulty", self.difficulty, DIFFICULTIES)
        if self.origin not in ORIGINS:
            raise ChoiceError.of("origin", self.origin, ORIGINS)

    @property
    def left(self) -> tuple[str, ...]:
        """The left-hand items of a matching question (``()`` for other types).

        >>> Question("m", "matching", "Match", ("b", "d"), (("a", "b"), ("c", "d"))).left
        ('a', 'c')
        """
        if self.type != "matching" or not isinstance(self.answer, tuple):
            return ()
        return tuple(pair[0] for pair in self.answer if isinstance(pair, tuple))


@dataclass(frozen=True)
class Bank:
    """Questions loaded from one or more bank files, looked up by id.

    ``names``, ``titles`` and ``files`` describe the files, in loading order.
    """

    questions: tuple[Question, ...]
    names: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    files: tuple[str, ...] = ()

    @cached_property
    def _index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @property
    def ids(self) -> tuple[str, ...]:
        """Question ids in bank order."""
        return tuple(q.id for q in self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._index

    def __getitem__(self, question_id: str) -> Question:
        """The question with this id; :class:`ChoiceError` (nearest ids first) if none."""
        try:
            return self._index[question_id]
        except KeyError:
            raise ChoiceError.of(
                "question id", question_id, nearest_first(question_id, self.ids)
            ) from None

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return self._index.get(question_id)


def nearest_first(value: object, allowed: Iterable[str]) -> tuple[str, ...]:
    """``allowed`` with the closest matches to ``value`` first, the rest in order.

    >>> nearest_first("timelin", ("positions", "timeline", "concepts"))
    ('timeline', 'positions', 'concepts')
    """
    options = tuple(allowed)
    close = difflib.get_close_matches(str(value), options, n=len(options), cutoff=0.6)
    return tuple(close) + tuple(o for o in options if o not in close)
