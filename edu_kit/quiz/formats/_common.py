"""What every exchange format shares: the result records and the edu_kit metadata.

A format carries a question's text, options, key and feedback in its own elements.
What it has no element for (topics, difficulty, sources, reference, ...) travels as
*edu_kit metadata*: the JSON of :func:`~edu_kit.quiz._codec.question_to_data` without
the natively carried keys, in a place the LMS ignores (a GIFT comment, a Moodle XML
tag, a QTI item title).  Reading back merges both, so a round trip gives equal questions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._codec import question_from_data, question_to_data
from ..model import Question

__all__ = ["Exported", "Imported", "LeftOut", "build", "metadata", "metadata_text", "pairs", "parse_metadata", "slug",
           "texts"]

#: The keys a format carries in its own elements.
NATIVE = ("id", "type", "prompt", "choices", "answer", "explanation")


@dataclass(frozen=True)
class LeftOut:
    """Something a format cannot hold: a whole question (``what`` = "question") or a part."""

    question: str
    what: str
    why: str

    def __str__(self) -> str:
        return f"{self.question}: {self.what} left out ({self.why})"


@dataclass(frozen=True)
class Exported:
    """The output of a ``dump``: ``data`` (text or zip bytes), ids carried, what was left out."""

    data: str | bytes
    questions: tuple[str, ...]
    left_out: tuple[LeftOut, ...] = ()


@dataclass(frozen=True)
class Imported:
    """The output of a ``load``: the questions, and what could not be brought over."""

    questions: tuple[Question, ...]
    left_out: tuple[LeftOut, ...] = ()
    notes: tuple[str, ...] = field(default=())


def texts(answer: object) -> tuple[str, ...]:
    """The key of a multiple, ordering or short-text question as texts."""
    return tuple(str(a) for a in answer) if isinstance(answer, tuple) else ()


def pairs(answer: object) -> tuple[tuple[str, str], ...]:
    """The key of a matching question as (left, right) pairs."""
    if not isinstance(answer, tuple):
        return ()
    return tuple((str(p[0]), str(p[1])) for p in answer if isinstance(p, tuple) and len(p) == 2)


def metadata(question: Question) -> dict[str, Any]:
    """The question's data that a format has no element for."""
    return {k: v for k, v in question_to_data(question).items() if k not in NATIVE}


def metadata_text(question: Question) -> str:
    """:func:`metadata` as one line of JSON."""
    return json.dumps(metadata(question), ensure_ascii=False, separators=(",", ":"))


def parse_metadata(text: str) -> dict[str, Any]:
    """The mapping in a metadata line; ``{}`` when it is not one."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def build(fields: Mapping[str, Any], meta: Mapping[str, Any], defaults: Mapping[str, Any]) -> Question:
    """A question from natively read ``fields``, edu_kit ``meta`` and import ``defaults``."""
    data = {**defaults, **{k: v for k, v in meta.items() if k not in NATIVE}, **fields}
    if None in data.get("topics", ()):
        raise ValueError("no topic: give one of timeline, positions, concepts, sources for imported questions")
    if str(data["type"]) == "open" and not (str(data.get("model_answer") or "").strip() and data.get("rubric")):
        raise ValueError("an open question needs a model answer and a rubric, which the file does not give; "
                         "write the question into the bank by hand with both")
    if not data.get("explanation"):
        data.pop("explanation", None)
        if str(data["type"]) != "open":
            data["explanation"] = defaults.get("explanation", "")
    return question_from_data(data)


def slug(text: str, taken: Iterable[str], prefix: str = "") -> str:
    """A question id made from ``text`` (letters, digits, ``.``, ``_``, ``:``, ``-``), unique.

    >>> slug("Grant's tomb?", {"gift-grant-s-tomb"}, "gift-")
    'gift-grant-s-tomb-2'
    """
    cleaned = re.sub(r"[-_]{2,}", "-", re.sub(r"[^A-Za-z0-9._:-]+", "-", text.strip()))
    base = prefix + cleaned.strip("-._:").lower()[:100]
    if not re.match(r"^[A-Za-z0-9]", base):
        base = "q-" + base
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
