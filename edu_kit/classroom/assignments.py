"""Assignments: a small YAML file in, a student folder out (ready for nbgrader or a shared folder).

An assignment file::

    id: week3                     # letters, digits, - and _ (nbgrader's assignment name)
    title: Week 3 - the crisis in December 2021
    questions: [hw-concepts-nato-allies, hw-timeline-crimea-year]   # or: topic + n
    # topic: timeline
    # n: 5
    attempts: 1                   # per question (practice); an exam is always one submission
    mode: exam                    # exam | practice
    feedback: after_deadline      # now | after_deadline
    opens: 2022-01-10T09:00Z      # optional, ISO 8601
    due: 2022-01-17T09:00Z        # optional, ISO 8601
    bank: my_bank.yaml            # optional, relative to this file (default: the bundled banks)

:func:`release` writes ``<out>/<id>/`` holding ``<id>.ipynb`` (a title, the rules and
one quiz cell: ``from edu_kit import classroom; classroom.assignment()``) and
``edu_kit_assignment.yaml`` (the rules and the questions).  With ``feedback:
after_deadline`` that file holds prompts and choices only -- **no key, no
explanation, no source** -- and the kernel saves answers ungraded; the teacher grades
them with the keyed bank (:mod:`.grading`).  With ``feedback: now`` the chosen
questions are released with their keys, because the kernel grades them.  Answers go to
``<folder>/responses/<student>.jsonl``, inside the assignment folder, so
``nbgrader submit`` carries them and ``nbgrader collect`` gathers them.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import yaml

from ..errors import AssignmentError, ChoiceError, QuizBankError
from ..quiz.bank import dump_bank, load_bank
from ..quiz.cells import BankMessage, select
from ..quiz.model import TOPICS, TRUE_FALSE_CHOICES, Bank, Numeric, Question, QuestionType, Topic

if TYPE_CHECKING:
    from ..quiz.widget import Quiz

__all__ = [
    "FEEDBACK",
    "MODES",
    "RELEASE_FILE",
    "Assignment",
    "assignment",
    "choose",
    "load_assignment",
    "release",
    "released_questions",
    "sealed_data",
    "sealed_id",
]

MODES = ("exam", "practice")
FEEDBACK = ("now", "after_deadline")
#: The file in a released folder that holds the rules and the questions.
RELEASE_FILE = "edu_kit_assignment.yaml"
#: The keyed bank beside it, written only with ``feedback: now``.
KEYED_FILE = "edu_kit_bank.yaml"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_KEYS = ("id", "title", "questions", "topic", "n", "attempts", "mode", "feedback", "opens", "due", "bank")


@dataclass(frozen=True)
class Assignment:
    """What :func:`load_assignment` reads (see the module doc for each field)."""

    id: str
    title: str
    questions: tuple[str, ...] = ()
    topic: str | None = None
    n: int | None = None
    attempts: int = 1
    mode: Literal["exam", "practice"] = "exam"
    feedback: Literal["now", "after_deadline"] = "after_deadline"
    opens: str | None = None
    due: str | None = None
    bank: str | None = None

    @property
    def sealed(self) -> bool:
        """True when the release holds no key (feedback after the deadline)."""
        return self.feedback == "after_deadline"


def _when(value: object, key: str, path: Path) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise AssignmentError(f"{key} {text!r} is not a date and time", path=path,
                              hint=f"write {key} as ISO 8601, e.g. 2022-01-17T09:00Z") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _from_mapping(data: Mapping[str, Any], path: Path) -> Assignment:
    unknown = [key for key in data if key not in _KEYS]
    if unknown:
        raise AssignmentError(f"unknown key {unknown[0]!r}", path=path,
                              hint="use only: " + ", ".join(_KEYS))
    ident = str(data.get("id", ""))
    if not _ID.match(ident):
        raise AssignmentError(f"id {ident!r} is not a usable assignment name", path=path,
                              hint="use letters, digits, - and _ (it is nbgrader's assignment name)")
    title = str(data.get("title") or "").strip()
    if not title:
        raise AssignmentError("the assignment has no title", path=path, hint="add `title: ...`")
    raw = data.get("questions") or ()
    questions = (raw,) if isinstance(raw, str) else tuple(str(q) for q in raw)
    topic = data.get("topic")
    n = data.get("n")
    if questions and (topic is not None or n is not None):
        raise AssignmentError("both questions and topic/n are given", path=path,
                              hint="list question ids, or give topic and n, not both")
    if not questions and topic is None:
        raise AssignmentError("no questions", path=path, hint="add `questions: [id, ...]` or `topic:` and `n:`")
    if topic is not None and topic not in TOPICS:
        raise AssignmentError(f"topic {topic!r} is not one of: {', '.join(TOPICS)}", path=path,
                              hint="choose one of the topics listed")
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise AssignmentError(f"n must be a whole number of 1 or more, not {n!r}", path=path,
                              hint="write e.g. `n: 5`")
    attempts = data.get("attempts", 1)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise AssignmentError(f"attempts must be a whole number of 1 or more, not {attempts!r}", path=path,
                              hint="write e.g. `attempts: 1`")
    mode = data.get("mode", "exam")
    if mode not in MODES:
        raise AssignmentError(f"mode {mode!r} is not one of: exam, practice", path=path,
                              hint="write `mode: exam` or `mode: practice`")
    feedback = data.get("feedback", "after_deadline")
    if feedback not in FEEDBACK:
        raise AssignmentError(f"feedback {feedback!r} is not one of: now, after_deadline", path=path,
                              hint="write `feedback: now` or `feedback: after_deadline`")
    opens, due = _when(data.get("opens"), "opens", path), _when(data.get("due"), "due", path)
    if opens and due and due <= opens:
        raise AssignmentError(f"due {due} is not after opens {opens}", path=path, hint="fix the dates")
    bank = data.get("bank")
    if bank is not None:
        bank = str(bank) if Path(str(bank)).is_absolute() else str(path.parent / str(bank))
    return Assignment(ident, title, questions, cast("str | None", topic), n, attempts,
                      cast(Literal["exam", "practice"], mode), cast(Literal["now", "after_deadline"], feedback),
                      opens, due, bank)


def load_assignment(path: str | os.PathLike[str]) -> Assignment:
    """Read an assignment file; :class:`~edu_kit.errors.AssignmentError` names what is wrong."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as err:
        raise AssignmentError(f"cannot read the assignment file: {err.strerror or err}", path=source,
                              hint="check the path") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise AssignmentError(f"not valid YAML: {getattr(err, 'problem', err)}", path=source,
                              line=None if mark is None else mark.line + 1,
                              hint="fix the YAML syntax (indentation, colons, quotes)") from None
    if not isinstance(data, Mapping):
        raise AssignmentError("the file is not a mapping of keys", path=source,
                              hint="start with `id: ...` and `title: ...`")
    return _from_mapping(data, source)


def _bank(assignment: Assignment, bank: Bank | None) -> Bank:
    return bank if bank is not None else load_bank(assignment.bank)


def choose(assignment: Assignment, bank: Bank | None = None) -> tuple[Question, ...]:
    """The questions of the assignment: its ids, or ``n`` of ``topic`` chosen once for everyone."""
    source = _bank(assignment, bank)
    if assignment.questions:
        return select(source, assignment.questions)[0]
    return select(source, topic=assignment.topic, n=assignment.n, student=f"assignment:{assignment.id}")[0]


def sealed_id(assignment_id: str, question_id: str) -> str:
    """The id a question has in a keyless release: bank ids can hint at the key ("...-minsk").

    >>> sealed_id("week3", "hw-concepts-minsk")
    'week3-q...'
    """
    digest = hashlib.sha256(f"{assignment_id}\x1f{question_id}".encode()).hexdigest()[:10]
    return f"{assignment_id}-q{digest}"


def sealed_data(question: Question, assignment_id: str) -> dict[str, Any]:
    """What a student's kernel may know of ``question``: no key, no explanation, no source.

    The id is replaced by :func:`sealed_id`; choices, matching items and ordering items
    are sorted alphabetically, so that even their order says nothing about the key.
    """
    data: dict[str, Any] = {"id": sealed_id(assignment_id, question.id), "type": question.type,
                            "prompt": question.prompt}
    if question.type in ("single", "multiple", "ordering", "matching"):
        data["choices"] = sorted(question.choices)
    if question.type == "matching":
        data["left"] = sorted(question.left)
    if question.type == "numeric" and isinstance(question.answer, Numeric) and question.answer.unit:
        data["unit"] = question.answer.unit
    data["topics"] = list(question.topics)
    return data


def _placeholder(kind: str, data: Mapping[str, Any]) -> Any:
    """A key-shaped value that carries no information (the kernel never grades a sealed quiz)."""
    if kind == "true_false":
        return False
    if kind == "ordering":
        return tuple(data["choices"])
    if kind == "matching":
        return tuple((str(left), "") for left in data["left"])
    if kind == "numeric":
        return Numeric(0.0, 0.0, str(data.get("unit", "")))
    return ""


def _question_from_sealed(data: Mapping[str, Any]) -> Question:
    kind = str(data["type"])
    choices = TRUE_FALSE_CHOICES if kind == "true_false" else tuple(str(c) for c in data.get("choices", ()))
    return Question(
        id=str(data["id"]), type=cast(QuestionType, kind), prompt=str(data["prompt"]), choices=choices,
        answer=_placeholder(kind, data), topics=cast(tuple[Topic, ...], tuple(data.get("topics", ()))),
    )


def _markdown_text(text: str) -> str:
    """``text`` shown as written in a Markdown cell: no markup, no maths, no HTML.

    >>> _markdown_text("Week 3: the $5bn and $9bn question <b>bold</b> *now*")
    'Week 3: the \\\\$5bn and \\\\$9bn question &lt;b&gt;bold&lt;/b&gt; \\\\*now\\\\*'
    """
    escaped = html.escape(text, quote=False)
    for char in "\\`*_[]#$|~":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def _notebook(assignment: Assignment) -> dict[str, Any]:
    rules = [f"**{'Exam' if assignment.mode == 'exam' else 'Practice'}**"]
    if assignment.mode == "exam":
        rules.append("you submit all answers once; they cannot be changed afterwards")
    else:
        rules.append(f"{assignment.attempts} attempt{'s' if assignment.attempts != 1 else ''} per question")
    rules.append("feedback right away" if assignment.feedback == "now" else "scores and feedback after the deadline")
    if assignment.opens:
        rules.append(f"opens {assignment.opens}")
    if assignment.due:
        rules.append(f"due {assignment.due}")
    intro = (f"# {_markdown_text(assignment.title)}\n\n" + "; ".join(rules) + ".\n\n"
             "Run the cell below. Your answers are saved in the `responses` folder of this assignment; "
             "when you are done, submit the assignment as your teacher showed you.")

    def cell(kind: str, source: str, number: int) -> dict[str, Any]:
        base: dict[str, Any] = {"cell_type": kind, "id": f"edu-kit-{number}", "metadata": {}, "source": source}
        if kind == "code":
            base.update(execution_count=None, outputs=[])
        return base

    return {
        "cells": [cell("markdown", intro, 1),
                  cell("code", "from edu_kit import classroom; classroom.assignment()", 2)],
        "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def _rules(assignment: Assignment) -> dict[str, Any]:
    return {"id": assignment.id, "title": assignment.title, "attempts": assignment.attempts,
            "mode": assignment.mode, "feedback": assignment.feedback, "opens": assignment.opens,
            "due": assignment.due}


def release(assignment: Assignment, out: str | os.PathLike[str], *, bank: Bank | None = None) -> Path:
    """Write the student folder ``<out>/<id>/``; returns it.  Existing files are replaced."""
    questions = choose(assignment, bank)
    folder = Path(out) / assignment.id
    folder.mkdir(parents=True, exist_ok=True)
    document = {"assignment": _rules(assignment),
                "questions": [sealed_data(q, assignment.id) for q in questions]}
    (folder / RELEASE_FILE).write_text(
        "# Written by `edu-kit assign`; do not edit (run `edu-kit assign` again instead).\n"
        + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    keyed = folder / KEYED_FILE
    if assignment.sealed:
        keyed.unlink(missing_ok=True)
    else:
        keyed.write_text(dump_bank(assignment.id, assignment.title, questions), encoding="utf-8")
    notebook = json.dumps(_notebook(assignment), indent=1, ensure_ascii=False) + "\n"
    (folder / f"{assignment.id}.ipynb").write_text(notebook, encoding="utf-8")
    return folder


def released_questions(folder: str | os.PathLike[str]) -> tuple[dict[str, Any], tuple[Question, ...]]:
    """The rules and questions of a released folder (keyed when released with ``feedback: now``)."""
    where = Path(folder)
    path = where / RELEASE_FILE
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise AssignmentError("this folder holds no released assignment", path=path,
                              hint="open the notebook inside the assignment folder your teacher released") from None
    except yaml.YAMLError:
        raise AssignmentError("the released assignment file is damaged", path=path,
                              hint="fetch the assignment again, or ask your teacher") from None
    if not isinstance(document, Mapping) or not isinstance(document.get("assignment"), Mapping):
        raise AssignmentError("the released assignment file is damaged", path=path,
                              hint="fetch the assignment again, or ask your teacher")
    rules = dict(document["assignment"])
    if rules.get("feedback") == "now":
        return rules, load_bank(where / KEYED_FILE).questions
    return rules, tuple(_question_from_sealed(q) for q in document.get("questions") or ())


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def assignment(folder: str | os.PathLike[str] | None = None, *, student: str | None = None,
               clock: datetime | None = None) -> Quiz | BankMessage:
    """The student's quiz cell of a released assignment (default folder: the notebook's).

    Answers go to ``<folder>/responses``.  Before ``opens`` a message says when it opens.
    A problem -- no or a damaged release, a rule of the release that is not allowed (an
    unknown ``mode`` or ``feedback``, ``attempts`` that is not a whole number of 1 or more,
    an ``opens`` that is not a date), a student id the rules refuse -- shows the same red
    box as ``quiz.show`` (:class:`~edu_kit.quiz.cells.BankMessage`), never a traceback.
    """
    try:
        return _assignment(folder, student=student, clock=clock)
    except ChoiceError as err:  # JUPYTERHUB_USER, EDU_KIT_STUDENT or student= is not a usable id
        return BankMessage(err, reason="the student id cannot be used")
    except AssignmentError as err:
        return BankMessage(err, reason="the assignment cannot be opened")
    except QuizBankError as err:
        return BankMessage(err)


def _release_rules(rules: Mapping[str, Any], where: Path) -> tuple[str, bool, int, bool, str | None]:
    """The id, exam, attempts, sealed and opens of a released folder's rules; an
    :class:`AssignmentError` naming the file for a value that is not allowed."""
    path = where / RELEASE_FILE
    hint = "fetch the assignment again, or ask your teacher (run `edu-kit assign` again)"
    mode, feedback, attempts, opens = (rules.get("mode", "exam"), rules.get("feedback", "after_deadline"),
                                       rules.get("attempts", 1), rules.get("opens"))
    attempts = 1 if attempts is None else attempts
    if mode not in MODES:
        raise AssignmentError(f"mode {mode!r} is not one of: {', '.join(MODES)}", path=path, hint=hint)
    if feedback not in FEEDBACK:
        raise AssignmentError(f"feedback {feedback!r} is not one of: {', '.join(FEEDBACK)}", path=path, hint=hint)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise AssignmentError(f"attempts must be a whole number of 1 or more, not {attempts!r}", path=path,
                              hint=hint)
    if rules.get("id") is None or not str(rules["id"]).strip():
        raise AssignmentError("the released assignment has no id", path=path, hint=hint)
    if opens:
        try:
            _parse_time(str(opens))
        except ValueError:
            raise AssignmentError(f"opens {opens!r} is not a date and time such as 2022-01-10T09:00Z",
                                  path=path, hint=hint) from None
    return str(rules["id"]), mode == "exam", attempts, feedback != "now", str(opens) if opens else None


def _assignment(folder: str | os.PathLike[str] | None, *, student: str | None,
                clock: datetime | None) -> Quiz | BankMessage:
    from ..quiz.widget import Quiz
    from .identity import resolve

    if folder is not None and not isinstance(folder, (str, os.PathLike)):
        raise AssignmentError(f"the folder must be a path such as 'week3', not {folder!r}",
                              hint="call assignment() with no argument inside the released folder")
    where = Path.cwd() if folder is None else Path(folder)
    rules, questions = released_questions(where)
    quiz_id, exam, attempts, sealed, opens = _release_rules(rules, where)
    current = clock or datetime.now(timezone.utc)
    if opens and current < _parse_time(opens):
        return BankMessage(QuizBankError(f"this assignment opens at {opens}",
                                         hint="come back then and run the cell again"))
    who = resolve(student)
    if not questions:
        raise AssignmentError("the released assignment has no questions", path=where / RELEASE_FILE,
                              hint="ask your teacher")
    return Quiz(questions, quiz_id=quiz_id, title=str(rules.get("title") or quiz_id),
                student=who.name, attempts=attempts, exam=exam, log_dir=where / "responses",
                ask_name=who.name is None, sealed=sealed, one_owner=True)
