"""Grade an answer against a question's key: pure, no widgets.

What an answer looks like per type: ``single`` a choice's text; ``multiple`` an
iterable of choice texts; ``true_false`` a bool; ``ordering`` a sequence with one entry
per position, earliest first (an unfinished one may hold ``None`` for an empty position or
an item twice: graded as given); ``matching`` a mapping left → right (or ``(left, right)``
pairs); ``short_text`` a string; ``numeric`` an int or float, or the text as typed (read
with :func:`edu_kit.quiz.numbers.read_number`; text that is not a number is wrong).

>>> from edu_kit.quiz.model import Question, Numeric
>>> q = Question("allies", "numeric", "How many allies did NATO have in December 2021?",
...              (), Numeric(30, 0, "allies"), explanation="North Macedonia joined in 2020.")
>>> fb = grade(q, 30)
>>> fb.correct, fb.score, fb.message, fb.expected
(True, 1.0, '✓ Correct.', '30 allies')
>>> grade(q, 29).message
'✗ Not quite.'
>>> grade(q, "30 allies").correct, grade(q, "thirty").message
(True, "✗ Not quite. 'thirty' is not a number.")
>>> grade(q, [30])
Traceback (most recent call last):
...
edu_kit.quiz.grade.AnswerError: a numeric question needs a number as its answer, not [30]. ...
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from ..errors import ChoiceError
from .leaks import skeleton
from .model import Numeric, Question, Source
from .numbers import read_number, shown
from .rules import normalize_text

__all__ = [
    "LATER_CREDIT",
    "AnswerError",
    "Feedback",
    "attempts_for",
    "credit",
    "expected_text",
    "grade",
    "unanswered",
]

#: The share of a question's score that a right answer earns after the first attempt.
LATER_CREDIT = 0.5

CORRECT = "✓ Correct."
WRONG = "✗ Not quite."


class AnswerError(ChoiceError):
    """An answer has the wrong type or shape for its question (e.g. a number for a choice)."""


@dataclass(frozen=True)
class Feedback:
    """The result of grading one answer.

    ``score`` is in [0, 1] (partial credit for multiple, ordering and matching);
    ``message`` is short, for the student; ``expected`` is the key in words, to show
    only after the student has answered.
    """

    correct: bool
    score: float
    message: str
    explanation: str
    sources: tuple[Source, ...]
    expected: str


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def expected_text(question: Question) -> str:
    """The key of ``question`` in words.

    >>> from edu_kit.quiz.model import Question
    >>> expected_text(Question("o", "ordering", "Order", ("b", "a"), ("a", "b")))
    '1. a; 2. b'
    """
    key = question.answer
    if isinstance(key, Numeric):
        text = f"{_number_text(key.value)} {key.unit}".strip()
        return text + (f" (± {_number_text(key.tolerance)} accepted)" if key.tolerance else "")
    if isinstance(key, bool):
        return "True" if key else "False"
    if isinstance(key, str):
        return key
    if question.type == "ordering":
        return "; ".join(f"{i}. {item}" for i, item in enumerate(key, start=1))
    if question.type == "matching":
        return "; ".join(f"{pair[0]} → {pair[1]}" for pair in key)
    if question.type == "short_text":
        first, *others = (str(k) for k in key)
        return first + (f" (also accepted: {', '.join(others)})" if others else "")
    return "; ".join(str(k) for k in key)


def _feedback(question: Question, score: float, detail: str = "") -> Feedback:
    correct = score >= 1.0
    message = CORRECT if correct else WRONG
    if detail and not correct:
        message += f" {detail}"
    return Feedback(
        correct=correct,
        score=max(0.0, min(1.0, score)),
        message=message,
        explanation=question.explanation,
        sources=question.sources,
        expected=expected_text(question),
    )


def unanswered(question: Question) -> Feedback:
    """The feedback for a question left without an answer (score 0)."""
    return Feedback(False, 0.0, "✗ No answer given.", question.explanation, question.sources,
                    expected_text(question))


def _wrong_type(question: Question, needs: str, answer: object) -> AnswerError:
    label = _LABELS.get(question.type, question.type)
    article = "an" if label[0] in "aeiou" else "a"
    return AnswerError(
        f"{article} {label} question needs {needs} as its answer, not {answer!r}",
        hint=f"pass {needs}",
    )


_LABELS = {
    "single": "single-choice",
    "multiple": "multiple-choice",
    "true_false": "true/false",
    "short_text": "short-text",
}


def _choice(question: Question, answer: object) -> str:
    if not isinstance(answer, str):
        raise _wrong_type(question, "one choice's text (a str)", answer)
    if answer not in question.choices:
        raise AnswerError.of("answer", answer, question.choices)
    return answer


def _texts(question: Question, answer: object, needs: str) -> tuple[str, ...]:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        raise _wrong_type(question, needs, answer)
    items = tuple(answer)
    for item in items:
        _choice(question, item)
    return items


def _key_texts(question: Question) -> tuple[str, ...]:
    key = question.answer
    return tuple(str(k) for k in key) if isinstance(key, tuple) else ()


def _grade_multiple(q: Question, answer: object) -> Feedback:
    chosen = set(_texts(q, answer, "a list of choice texts"))
    key = set(_key_texts(q))
    hits, false = len(chosen & key), len(chosen - key)
    score = max(0.0, (hits - false) / len(key)) if key else 0.0
    if chosen == key:
        return _feedback(q, 1.0)
    detail = f"You chose {hits} of the {len(key)} correct choices"
    detail += f" and {false} wrong one{'s' if false != 1 else ''}." if false else "."
    return _feedback(q, score, detail)


def _grade_ordering(q: Question, answer: object) -> Feedback:
    """The share of pairs of items in the right order (Kendall's tau as a fraction).  An
    unfinished order (an empty position, an item in two positions) is graded as given: a
    pair counts only when both its items hold exactly one position each and are in order."""
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        raise _wrong_type(q, "a list of all the items, earliest first", answer)
    order = tuple(answer)
    for item in order:
        if item is not None:
            _choice(q, item)
    if len(order) != len(q.choices):
        raise AnswerError(
            f"an ordering answer needs one entry for each of the {len(q.choices)} positions, got {order!r}",
            hint="give every position one item (None for a position left empty)",
        )
    key = _key_texts(q)
    once = {item: i for i, item in enumerate(order) if item is not None and order.count(item) == 1}
    pairs = list(combinations(key, 2))  # (earlier, later) in the key
    right = sum(1 for a, b in pairs if a in once and b in once and once[a] < once[b])
    placed = sum(1 for a, b in zip(order, key, strict=True) if a == b and a in once)
    detail = f"{placed} of {len(key)} items are in the right place."
    empty = order.count(None)
    if empty:
        detail += f" {empty} position{'s were' if empty != 1 else ' was'} left empty."
    twice = sorted({item for item in order if item is not None and order.count(item) > 1}, key=order.index)
    if twice:
        detail += " " + "; ".join(f"{item!r} is in {order.count(item)} positions" for item in twice) + "."
    return _feedback(q, right / len(pairs) if pairs else 1.0, detail)


def _grade_matching(q: Question, answer: object) -> Feedback:
    key = dict(pair for pair in q.answer if isinstance(pair, tuple)) if isinstance(
        q.answer, tuple
    ) else {}
    if isinstance(answer, Mapping):
        given = dict(answer)
    elif isinstance(answer, Iterable) and not isinstance(answer, (str, bytes)):
        try:
            given = dict(answer)
        except (TypeError, ValueError):
            raise _wrong_type(q, "a mapping of left item to right item", answer) from None
    else:
        raise _wrong_type(q, "a mapping of left item to right item", answer)
    unknown = [left for left in given if left not in key]
    if unknown:
        raise AnswerError.of("left item", unknown[0], tuple(key))
    for right in given.values():
        if right is not None:
            _choice(q, right)
    right_count = sum(1 for left, right in key.items() if given.get(left) == right)
    detail = f"{right_count} of {len(key)} matches are right."
    return _feedback(q, right_count / len(key) if key else 0.0, detail)


def credit(score: float, attempt: int, later_credit: float = LATER_CREDIT) -> float:
    """The credit an answer's ``score`` earns at ``attempt`` (1 = first).

    The scoring rule: the first attempt earns its full score; any later attempt earns
    ``later_credit`` times its score (default 0.5), so that trying every option does not
    end at full marks.

    >>> credit(1.0, 1), credit(1.0, 2), credit(0.5, 3, later_credit=0.4)
    (1.0, 0.5, 0.2)
    """
    if not 0.0 <= later_credit <= 1.0:
        raise ChoiceError(f"later_credit must be between 0 and 1, not {later_credit!r}",
                          hint="pass e.g. later_credit=0.5 (half marks after the first attempt)")
    return score if attempt <= 1 else round(score * later_credit, 4)


def attempts_for(question: Question, attempts: int) -> int:
    """How many attempts ``question`` gets when a quiz allows ``attempts``.

    A second try at a true/false question is pure elimination, so it gets one attempt;
    a single-choice question gets at most one attempt fewer than it has options (so
    the last option is never left to eliminate).

    >>> from edu_kit.quiz.model import Question
    >>> tf = Question("t", "true_false", "p", ("True", "False"), True)
    >>> three = Question("s", "single", "p", ("a", "b", "c"), "a")
    >>> attempts_for(tf, 2), attempts_for(three, 3), attempts_for(three, 2)
    (1, 2, 2)
    """
    if question.type in ("single", "true_false") and question.choices:
        return max(1, min(attempts, len(question.choices) - 1))
    return attempts


def grade(question: Question, answer: object) -> Feedback:
    """Grade ``answer`` to ``question`` (see the module doc for each type's answer).

    Raises :class:`AnswerError` (a ``ValueError``) when the answer has the wrong type or
    names something that is not a choice, or when the question is ``open`` (written
    answers are read by the teacher, never graded).
    """
    kind = question.type
    if kind == "open":
        raise AnswerError(
            f"question {question.id!r} is an open question: its answer is never graded",
            hint="save the written answer with the quiz's Save answer button; the teacher reads it",
        )
    if kind == "single":
        return _feedback(question, float(_choice(question, answer) == question.answer))
    if kind == "multiple":
        return _grade_multiple(question, answer)
    if kind == "true_false":
        if not isinstance(answer, bool):
            raise _wrong_type(question, "True or False", answer)
        return _feedback(question, float(answer is question.answer))
    if kind == "ordering":
        return _grade_ordering(question, answer)
    if kind == "matching":
        return _grade_matching(question, answer)
    if kind == "short_text":
        if not isinstance(answer, str):
            raise _wrong_type(question, "text (a str)", answer)
        # typed text read as the bank checker reads keys: NFKC, without invisible characters
        # (normalize_text), and a look-alike letter of another keyboard ("Kyіv" typed with
        # a Ukrainian і) counts as the letter it looks like (skeleton)
        given, shape = normalize_text(answer), normalize_text(skeleton(answer))
        ok = bool(given) and any(given == normalize_text(v) or shape == normalize_text(skeleton(v))
                                 for v in _key_texts(question))
        return _feedback(question, float(ok))
    key = question.answer
    if isinstance(answer, str) and isinstance(key, Numeric):  # the text as typed (an exam records it)
        number, _ = read_number(answer, key.unit)
        if number is None:
            return _feedback(question, 0.0, f"{shown(answer)} is not a number.")
        answer = number
    if (
        isinstance(answer, bool)
        or not isinstance(answer, (int, float))
        or not math.isfinite(answer)
        or not isinstance(key, Numeric)
    ):
        raise _wrong_type(question, "a number", answer)
    return _feedback(question, float(key.accepts(float(answer))))
