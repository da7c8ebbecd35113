"""The rules a question must keep, beyond the schema: keys, choices, provenance, sources.

Each broken rule is an :class:`Issue` located by a field path inside the question;
:mod:`edu_kit.quiz.check` turns issues into :class:`Problem` records with file and line.

>>> from edu_kit.quiz.model import Question
>>> q = Question("s", "single", "Which?", ("NATO", "CSTO"), "OTAN", explanation="x",
...              topics=("concepts",), reference="x")
>>> [(i.field, i.message) for i in check_question(q)]
[(('answer',), "the answer 'OTAN' is not one of the choices")]
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .._unicode import fold
from ..errors import QuizBankError
from ._yaml import JsonPath
from .model import DIFFICULTIES, ORIGINS, TOPICS, TYPES, Numeric, Question, nearest_first

__all__ = ["Issue", "Problem", "check_question", "check_sources", "normalize_text"]


@dataclass(frozen=True)
class Problem:
    """A problem in a bank file: where (``path``, 1-based ``line``), what and the fix.

    ``severity`` is ``"error"`` (the bank cannot be used) or ``"warning"`` (a quality
    gate: the question works but can be answered without understanding; see
    :mod:`edu_kit.quiz.gates`).
    """

    path: str
    line: int | None
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        text = str(self.to_error())
        return f"warning: {text}" if self.severity == "warning" else text

    def to_error(self) -> QuizBankError:
        """This problem as an exception (as listed in ``QuizBankError.problems``)."""
        return QuizBankError(self.message, path=self.path, line=self.line, hint=self.fix)


@dataclass(frozen=True)
class Issue:
    """A rule one question breaks; ``field`` locates it inside the question."""

    field: JsonPath
    message: str
    fix: str


#: A thousands separator: a comma between digits before a group of exactly three ("5,000").
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
#: A minus sign: a dash (any width) or U+2212 before a digit, not after a letter or digit
#: ("-3", "−3"; not the hyphen of "Minsk-2" or "1994-2014").
_MINUS = re.compile("(?<![^\\W_])[-\u2010-\u2015\u2212](?=\\d)")
_SIGN = "\ue000"  # a private-use stand-in for a kept minus sign while punctuation goes


def normalize_text(text: str) -> str:
    """Case-, space- and punctuation-insensitive form of ``text`` (after
    :func:`edu_kit._unicode.fold`: NFKC, invisible characters removed).

    What changes the meaning stays: a minus sign before a number ("-3" is not "3") and a
    currency symbol ("$5bn" is neither "5bn" nor "€5bn"), each its own word.  A thousands
    separator does not count ("5,000" is "5000").

    >>> normalize_text("  The  Minsk-II  agreements! ")
    'the minsk ii agreements'
    >>> normalize_text("-3"), normalize_text("$5bn"), normalize_text("5,000")
    ('-3', '$ 5bn', '5000')
    """
    folded = _MINUS.sub(_SIGN, _THOUSANDS.sub("", fold(text)))  # NFKC, case folded, invisible characters removed
    kept = []
    for char in folded:
        category = unicodedata.category(char)
        if category == "Sc":
            kept.append(f" {char} ")
        else:
            kept.append(" " if category[0] in "PS" else char)
    return " ".join("".join(kept).split()).replace(_SIGN, "-")


def _quoted(values: Iterable[object]) -> str:
    return ", ".join(repr(v) for v in values)


def _not_a_choice(what: str, value: str, choices: Sequence[str], where: JsonPath) -> Issue:
    same = next((c for c in choices if fold(c) == fold(value)), None)
    if same is not None:  # NFC against NFD, or an invisible character: they look the same
        return Issue(where, f"{what} {value!r} looks like the choice {same!r} but is not the same text "
                            f"(another Unicode form, e.g. NFD against NFC, or an invisible character)",
                     "copy the choice's text into the answer, or retype both")
    near = nearest_first(value, choices)
    return Issue(
        where,
        f"{what} {value!r} is not one of the choices",
        f"copy the answer's text exactly from the choices (nearest: {near[0]!r})"
        if near
        else "add it to the choices",
    )


def _duplicate_choices(question: Question) -> list[Issue]:
    seen: dict[str, int] = {}
    issues = []
    for i, choice in enumerate(question.choices):
        norm = normalize_text(choice)
        if norm in seen:
            issues.append(
                Issue(
                    ("choices", i),
                    f"choice {choice!r} repeats choice {seen[norm] + 1}",
                    "remove the repeated choice or reword it",
                )
            )
        else:
            seen[norm] = i
    return issues


def _key_issues(q: Question) -> list[Issue]:
    answer, choices = q.answer, q.choices
    if q.type == "single":
        if not isinstance(answer, str):
            count = len(answer) if isinstance(answer, tuple) else 0
            return [
                Issue(
                    ("answer",),
                    f"a single-choice question needs exactly one key, this one has {count}",
                    "keep one answer, or change the type to 'multiple'",
                )
            ]
        if answer in choices:
            return []
        return [_not_a_choice("the answer", answer, choices, ("answer",))]
    if q.type == "multiple":
        keys = tuple(str(k) for k in answer) if isinstance(answer, tuple) else ()
        if not keys:
            return [
                Issue(
                    ("answer",),
                    "a multiple-choice question needs at least one correct choice",
                    "list the correct choices under 'answer'",
                )
            ]
        issues = [
            _not_a_choice("the key", key, choices, ("answer", i))
            for i, key in enumerate(keys)
            if key not in choices
        ]
        issues += [
            Issue(("answer", i), f"the key {key!r} is listed twice", "list each key once")
            for i, key in enumerate(keys)
            if key in keys[:i]
        ]
        return issues
    if q.type == "ordering":
        order = tuple(str(k) for k in answer) if isinstance(answer, tuple) else ()
        missing = [c for c in choices if c not in order]
        extra = [k for k in order if k not in choices]
        repeated = sorted({k for k in order if order.count(k) > 1})
        if not (missing or extra or repeated):
            return []
        parts = [
            f"{label}: {_quoted(values)}"
            for label, values in (
                ("missing", missing),
                ("not among the choices", extra),
                ("repeated", repeated),
            )
            if values
        ]
        return [
            Issue(
                ("answer",),
                "the answer is not an ordering of the choices (" + "; ".join(parts) + ")",
                "list every choice exactly once under 'answer', earliest first",
            )
        ]
    if q.type == "matching":
        return _matching_issues(q)
    if q.type == "short_text":
        variants = answer if isinstance(answer, tuple) else ()
        return [
            Issue(
                ("answer", i),
                f"the accepted answer {v!r} has no letters or digits",
                "write accepted answers as words or numbers",
            )
            for i, v in enumerate(variants)
            if not normalize_text(str(v))
        ]
    if q.type == "open":
        issues = []
        if not q.model_answer.strip():
            issues.append(Issue(("model_answer",), "an open question needs a model answer",
                                "add 'model_answer:' with an answer a teacher would give full marks"))
        if not any(point.strip() for point in q.rubric):
            issues.append(Issue(("rubric",), "an open question needs a rubric",
                                "add 'rubric:' with the points a teacher looks for, as a list"))
        if q.choices:
            issues.append(Issue(("choices",), "an open question has no choices",
                                "remove 'choices:'"))
        return issues
    if q.type == "numeric" and isinstance(answer, Numeric):
        issues = []
        if not math.isfinite(answer.value):
            issues.append(Issue(("answer", "value"), "the value is not a finite number",
                                "write a number such as 30 or 2.5"))
        if not (answer.tolerance >= 0 and math.isfinite(answer.tolerance)):
            issues.append(
                Issue(
                    ("answer", "tolerance"),
                    f"the tolerance {answer.tolerance!r} is negative or not finite",
                    "write a tolerance of 0 or more (0 = the exact value)",
                )
            )
        return issues
    return []


def _matching_issues(q: Question) -> list[Issue]:
    pairs = q.answer if isinstance(q.answer, tuple) else ()
    if len(pairs) < 2:
        return [
            Issue(
                ("answer",),
                f"a matching question needs at least 2 pairs, this one has {len(pairs)}",
                "write the key as a list of [left, right] pairs",
            )
        ]
    issues = []
    lefts: list[str] = []
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            issues.append(Issue(("answer", i), "this pair is not [left, right]",
                                "write each pair as [left item, right item]"))
            continue
        left, right = pair
        if left in lefts:
            issues.append(Issue(("answer", i), f"the left item {left!r} appears twice",
                                "give each left item once"))
        lefts.append(left)
        if right not in q.choices:
            issues.append(_not_a_choice("the right item", right, q.choices, ("answer", i)))
    return issues


def check_question(question: Question) -> tuple[Issue, ...]:
    """The rules ``question`` breaks (without the schema or corpus).

    >>> q = Question("o", "ordering", "Order", ("1994", "1997", "2014"), ("1997", "2008", "2014"),
    ...              explanation="x", topics=("timeline",), reference="x")
    >>> for issue in check_question(q):
    ...     print(issue.message)
    the answer is not an ordering of the choices (missing: '1994'; not among the choices: '2008')
    """
    from .leaks import question_leaks  # keys given away by form or hidden in look-alikes

    issues = _duplicate_choices(question) + _key_issues(question) + question_leaks(question)
    checks: tuple[tuple[str, object, Sequence[str]], ...] = (
        ("type", question.type, TYPES),
        ("difficulty", question.difficulty, DIFFICULTIES),
        ("origin", question.origin, ORIGINS),
        *(("topics", t, TOPICS) for t in question.topics),
    )
    for field, value, allowed in checks:
        if value not in allowed:
            issues.append(Issue((field,), f"{field} {value!r} is not one of: {_quoted(allowed)}",
                                f"use one of: {_quoted(nearest_first(value, allowed))}"))
    if not question.topics:
        issues.append(Issue(("topics",), "the question has no topic",
                            f"add one or more of: {_quoted(TOPICS)}"))
    for k, source in enumerate(question.sources):
        if not 0 <= source.start < source.end:
            issues.append(
                Issue(
                    ("sources", k, "start"),
                    f"source {k + 1}: start {source.start} and end {source.end} "
                    "do not delimit a sentence",
                    "set start to the sentence's first character and end just after its last",
                )
            )
    if not question.sources and not question.reference:
        issues.append(
            Issue(
                (),
                "the question cites no source and no reference",
                "add 'sources:' (article sentences) or 'reference:' (a primary document)",
            )
        )
    return tuple(issues)


def check_sources(question: Question, bodies: Mapping[str, str]) -> tuple[Issue, ...]:
    """Each source's article exists in ``bodies`` (id → body) and holds the sentence.

    >>> from edu_kit.quiz.model import Source
    >>> q = Question("t", "true_false", "p", ("True", "False"), True, sources=(
    ...     Source("000", None, None, 0, 4, "NATO"),))
    >>> check_sources(q, {"000": "NATO met."}), len(check_sources(q, {"000": "The NATO."}))
    ((), 1)
    """
    issues = []
    for k, s in enumerate(question.sources):
        body = bodies.get(s.article)
        if body is None:
            near = nearest_first(s.article, sorted(bodies))
            issues.append(
                Issue(
                    ("sources", k, "article"),
                    f"source {k + 1}: article {s.article!r} is not in the corpus",
                    f"use one of the corpus's article ids (nearest: {near[0]!r})"
                    if near
                    else "check the corpus",
                )
            )
            continue
        found = body[s.start : s.end]
        if found == s.sentence:
            continue
        at = body.find(s.sentence)
        fix = (
            f"set start: {at} and end: {at + len(s.sentence)}"
            if at >= 0
            else "copy the sentence exactly from the article, then compute its offsets"
        )
        issues.append(
            Issue(
                ("sources", k, "start"),
                f"source {k + 1}: article {s.article!r} at {s.start}:{s.end} reads "
                f"{_clip(found)!r}, not the sentence {_clip(s.sentence)!r}",
                fix,
            )
        )
    return tuple(issues)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
