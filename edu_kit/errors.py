"""Exceptions raised by edu_kit.

Every exception the package raises on bad input derives from :class:`EduKitError`.
Its message names *where* the problem is (file and, when known, line), *what* is
wrong and *what to do*, so that it can be shown to a student or teacher as it is.

>>> err = ArticleError("header line has no colon", path="my.txt", line=2,
...                    hint="write header lines as 'Key: value'")
>>> print(err)
my.txt, line 2: header line has no colon. What to do: write header lines as 'Key: value'.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

__all__ = [
    "ArticleError",
    "AssignmentError",
    "ChoiceError",
    "EduKitError",
    "KnowledgeBaseError",
    "QuizBankError",
    "ResponseLogError",
]


class EduKitError(Exception):
    """Base class: a problem with input that a person can fix.

    Attributes
    ----------
    problem: what is wrong, in one sentence.
    path: the file concerned, or None.
    problems: every problem found, when there are several (each an EduKitError);
        the message lists them all, one per line.
    line: the 1-based line number in that file, or None.
    hint: what to do about it, or None.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        hint: str | None = None,
        problems: Iterable[EduKitError] = (),
    ) -> None:
        self.problems = tuple(problems)
        self.problem = problem.rstrip(".")
        self.path = None if path is None else str(path)
        self.line = line
        self.hint = None if hint is None else hint.rstrip(".")
        super().__init__(self._render())

    @property
    def location(self) -> str:
        """``"file, line N"``, ``"file"`` or ``""``."""
        if self.path is None:
            return "" if self.line is None else f"line {self.line}"
        return self.path if self.line is None else f"{self.path}, line {self.line}"

    def _render(self) -> str:
        text = f"{self.location}: {self.problem}." if self.location else f"{self.problem}."
        if self.hint:
            text += f" What to do: {self.hint}."
        if self.problems:
            text = "\n".join([text] + [f"  - {p}" for p in self.problems])
        return text


class ArticleError(EduKitError):
    """An article file cannot be read: empty, binary, undecodable or with a bad header."""


class KnowledgeBaseError(EduKitError):
    """The knowledge base (people, organisations, places, concepts) is malformed."""


class QuizBankError(EduKitError):
    """A quiz bank file breaks the schema or the rules.

    ``problems`` holds every problem found (each an :class:`EduKitError`), so that a
    teacher can fix a file in one pass; the message lists them all.
    """


class AssignmentError(EduKitError):
    """An assignment file (``edu-kit assign``) or a released assignment folder is malformed."""


class ResponseLogError(EduKitError):
    """A response log cannot be read or written."""


class ChoiceError(EduKitError, ValueError):
    """An argument is not one of the allowed values.

    >>> raise ChoiceError.of("format", "xml", ["table", "json", "csv"])
    Traceback (most recent call last):
    ...
    edu_kit.errors.ChoiceError: format 'xml' is not one of: 'table', 'json', 'csv'. ...
    """

    @classmethod
    def of(cls, what: str, value: object, allowed: Iterable[object]) -> ChoiceError:
        allowed_text = ", ".join(repr(a) for a in allowed)
        return cls(
            f"{what} {value!r} is not one of: {allowed_text}",
            hint=f"pass one of the allowed values for {what}",
        )
