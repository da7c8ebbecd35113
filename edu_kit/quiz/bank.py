"""Load quiz banks from YAML files and write them back deterministically.

A bank file holds ``bank`` (a name), ``title`` and ``questions``; the format is in
``docs/quiz_format.md`` and ``edu_kit/quiz/schema.json``.

>>> from edu_kit.quiz.model import Question, Numeric
>>> q = Question("nato-allies", "numeric", "How many allies did NATO have in December 2021?",
...              (), Numeric(30, 0, "allies"), explanation="North Macedonia was the 30th.",
...              topics=("concepts",), difficulty="easy", reference="NATO member countries")
>>> text = dump_bank("demo", "Demo bank", [q])
>>> print(text)
bank: demo
title: Demo bank
questions:
- id: nato-allies
  type: numeric
  prompt: How many allies did NATO have in December 2021?
  answer:
    value: 30
    unit: allies
  explanation: North Macedonia was the 30th.
  topics: [concepts]
  difficulty: easy
  origin: handwritten
  reference: NATO member countries
<BLANKLINE>
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "demo.yaml").write_text(text, encoding="utf-8")
>>> load_bank(folder).questions == (q,)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from ..errors import QuizBankError
from ._codec import question_to_data
from .check import PathArg, Problem, _check_written, _read_banks
from .model import Bank, Question

__all__ = ["dump_bank", "load_bank"]


def _raise_for(problems: tuple[Problem, ...], what: str) -> None:
    problems = tuple(p for p in problems if p.severity == "error")
    if not problems:
        return
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    raise QuizBankError(
        f"{count} in {what}",
        hint="fix each problem listed below, then load the bank again (run the cell or the command again)",
        problems=[p.to_error() for p in problems],
    )


def load_bank(paths: PathArg | Iterable[PathArg] | None = None) -> Bank:
    """Load the banks at ``paths`` (files or folders, recursively; None = bundled banks).

    Raises :class:`~edu_kit.errors.QuizBankError` listing *every* problem (file, line,
    what to do) when any file breaks the schema or the rules of :mod:`.check`.
    """
    files, problems = _read_banks(paths)
    _raise_for(problems, "the quiz bank files")
    return Bank(
        questions=tuple(q for f in files for _, q in f.questions),
        names=tuple(f.name for f in files),
        titles=tuple(f.title for f in files),
        files=tuple(f.path for f in files),
    )


class _Flow(list[Any]):
    """A list written in flow style: ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_str)


def _styled(data: dict[str, Any]) -> dict[str, Any]:
    styled = dict(data)
    styled["topics"] = _Flow(data["topics"])
    if data["type"] == "matching":
        styled["answer"] = [_Flow(pair) for pair in data["answer"]]
    return styled


def dump_bank(name: str, title: str, questions: Iterable[Question]) -> str:
    """The YAML text of a bank: same input, same bytes; :func:`load_bank` reads it back.

    Keys come in a fixed order, empty optional keys are left out, topics and matching
    pairs are written ``[in, flow, style]``.  Raises :class:`QuizBankError` when the
    questions break the schema or the rules (so a written bank always loads).
    """
    items = tuple(questions)
    document = {
        "bank": name,
        "title": title,
        "questions": [_styled(question_to_data(q)) for q in items],
    }
    text = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    label = f"{name}.yaml (as written by dump_bank)"
    _raise_for(_check_written(text, label, items), f"the bank {name!r}")
    return text
