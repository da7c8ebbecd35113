"""Convert between bank-file data (plain dicts from YAML) and :class:`Question`.

``question_from_data`` expects data that passed the schema; ``question_to_data`` gives
the dict that ``dump_bank`` writes, keys in a fixed order.

>>> data = {"id": "q", "type": "true_false", "prompt": "NATO had 30 allies.",
...         "answer": True, "explanation": "Yes.", "topics": ["concepts"],
...         "difficulty": "easy", "reference": "NATO"}
>>> q = question_from_data(data)
>>> q.choices, q.origin
(('True', 'False'), 'handwritten')
>>> question_from_data(question_to_data(q)) == q
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from .model import (
    TRUE_FALSE_CHOICES,
    Answer,
    Difficulty,
    Numeric,
    Origin,
    Question,
    QuestionType,
    Source,
    Topic,
)

__all__ = ["KEY_ORDER", "question_from_data", "question_to_data"]

#: The order of a question's keys in a written bank.
KEY_ORDER = (
    "id",
    "type",
    "prompt",
    "choices",
    "answer",
    "model_answer",
    "rubric",
    "explanation",
    "topics",
    "difficulty",
    "taught_in",
    "family",
    "origin",
    "fact",
    "reference",
    "sources",
)


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _number(value: float) -> float:
    return float(value)


def _answer(kind: str, raw: Any) -> Answer:
    if kind == "open":
        return ()
    if kind == "true_false":
        return bool(raw)
    if kind == "single":
        texts = _texts(raw)
        return texts[0] if len(texts) == 1 else texts
    if kind == "matching":
        return tuple((str(pair[0]), str(pair[1])) for pair in raw)
    if kind == "numeric":
        return Numeric(
            _number(raw["value"]), _number(raw.get("tolerance", 0)), str(raw.get("unit", ""))
        )
    return _texts(raw)


def question_from_data(data: Mapping[str, Any]) -> Question:
    """Build a :class:`Question` from one schema-valid question mapping."""
    kind = str(data["type"])
    choices = TRUE_FALSE_CHOICES if kind == "true_false" else _texts(data.get("choices", ()))
    sources = tuple(
        Source(
            article=str(s["article"]),
            outlet=s.get("outlet"),
            published=s.get("published"),
            start=int(s["start"]),
            end=int(s["end"]),
            sentence=str(s["sentence"]),
        )
        for s in data.get("sources", ())
    )
    return Question(
        id=str(data["id"]),
        type=cast(QuestionType, kind),
        prompt=str(data["prompt"]),
        choices=choices,
        answer=_answer(kind, data.get("answer")),
        explanation=str(data.get("explanation", "")),
        sources=sources,
        topics=cast(tuple[Topic, ...], tuple(data["topics"])),
        difficulty=cast(Difficulty, data["difficulty"]),
        origin=cast(Origin, data.get("origin", "handwritten")),
        fact=None if data.get("fact") is None else str(data["fact"]),
        reference=None if data.get("reference") is None else str(data["reference"]),
        model_answer=str(data.get("model_answer", "")),
        rubric=_texts(data.get("rubric", ())),
        taught_in=None if data.get("taught_in") is None else str(data["taught_in"]),
        family=None if data.get("family") is None else str(data["family"]),
    )


def _plain_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _answer_data(question: Question) -> Any:
    answer = question.answer
    if isinstance(answer, Numeric):
        data: dict[str, Any] = {"value": _plain_number(answer.value)}
        if answer.tolerance:
            data["tolerance"] = _plain_number(answer.tolerance)
        if answer.unit:
            data["unit"] = answer.unit
        return data
    if isinstance(answer, tuple):
        return [list(item) if isinstance(item, tuple) else item for item in answer]
    return answer


def question_to_data(question: Question) -> dict[str, Any]:
    """The mapping written for ``question``: keys in :data:`KEY_ORDER`, empty ones left out."""
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt,
        "choices": None if question.type == "true_false" else list(question.choices) or None,
        "answer": None if question.type == "open" else _answer_data(question),
        "model_answer": question.model_answer or None,
        "rubric": list(question.rubric) or None,
        "explanation": question.explanation or None,
        "topics": list(question.topics),
        "difficulty": question.difficulty,
        "origin": question.origin,
        "fact": question.fact,
        "reference": question.reference,
        "taught_in": question.taught_in,
        "family": question.family,
        "sources": [
            {
                "article": s.article,
                "outlet": s.outlet,
                "published": s.published,
                "start": s.start,
                "end": s.end,
                "sentence": s.sentence,
            }
            for s in question.sources
        ]
        or None,
    }
    return {key: data[key] for key in KEY_ORDER if data[key] is not None}
