"""``edu-kit results``: summarise recorded quiz responses, report on them, grade them.

::

    edu-kit results [PATH] [--quiz ID] [--per-quiz] [--assignment SPEC]   # one line per student
    edu-kit results report LOGS... [--out report.html] [--marks marks.csv] [--bank BANK]
    edu-kit results marks LOGS... [--out marks.csv] [--max 3]   # a marks file for open answers
    edu-kit results gradebook LOGS... [--lms long|moodle|canvas] [--percent] [--out grades.csv|.xlsx]

``PATH`` and ``LOGS`` are response logs, folders of them, or an nbgrader course folder /
``submitted/`` tree (the student comes from the folder); ``--bank`` (repeatable) names the bank
files the quizzes came from (default: the bundled banks).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..quiz.model import Bank

COMMANDS = ("results",)
ACTIONS = ("report", "marks", "gradebook")


def add_parsers(commands: Any) -> None:
    results = commands.add_parser(
        "results",
        help="summarise, report on or grade recorded quiz responses",
        description="edu-kit results [PATH] prints one line per student (anonymous answers shown as "
        "'(anonymous)'; the latest answer by time to each question of each quiz counts; every attempt stays "
        "in the logs). "
        "edu-kit results report LOGS... writes the HTML report (item analysis, scores, open answers); "
        "edu-kit results marks LOGS... writes a marks file for the open answers; "
        "edu-kit results gradebook LOGS... writes a gradebook for Moodle, Canvas or Excel.",
    )
    results.add_argument(
        "words",
        nargs="*",
        metavar="[ACTION] PATH",
        help="an action (report, marks, gradebook) and response logs or folders of them (default: edu_kit_responses)",
    )
    results.add_argument(
        "--bank",
        action="append",
        metavar="BANK",
        help="bank file or folder the questions come from (repeatable; default: the bundled banks)",
    )
    results.add_argument("--marks", metavar="CSV", help="the teacher's marks for open answers (see 'marks')")
    results.add_argument(
        "--out",
        metavar="FILE",
        help="where to write (report: report.html; marks: marks.csv; gradebook: grades.csv, or an .xlsx Excel file)",
    )
    results.add_argument("--quiz", default=None, help="only this quiz or assignment id")
    results.add_argument("--per-quiz", action="store_true", help="summary: one row per student and quiz")
    results.add_argument(
        "--assignment",
        default=None,
        metavar="SPEC",
        help="summary: an assignment file: only its answers, graded with its keyed bank",
    )
    results.add_argument("--title", default="Quiz results report", help="the report's title")
    results.add_argument(
        "--lms",
        default="long",
        choices=("long", "moodle", "canvas"),
        help="gradebook CSV layout (default: long = student, assignment, score, maximum)",
    )
    results.add_argument("--percent", action="store_true", help="gradebook: percentages instead of points")
    results.add_argument("--max", type=float, default=1.0, help="marks: the default maximum mark (default 1)")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    words = list(args.words)
    action = words.pop(0) if words and words[0] in ACTIONS else "summary"
    paths = words or ["edu_kit_responses"]
    if action == "summary":
        if len(paths) != 1:
            print(
                "edu-kit: 'edu-kit results' summarises one log or folder; for several use 'edu-kit results report'",
                file=sys.stderr,
            )
            return 2
        return _summary(paths[0], quiz=args.quiz, per_quiz=args.per_quiz, spec=args.assignment)
    log = _only(_load(paths), args.quiz)
    bank = _bank(args.bank)
    marks = _marks(args.marks)
    if action == "report":
        from ..classroom import report

        out = report.write_report(report.analyse(log, bank, marks), args.out or "report.html", args.title)
        print(f"wrote {out}", file=sys.stderr)
        return 0
    if action == "marks":
        from ..classroom.open_answers import marks_template, open_answers

        answers = open_answers(log, bank, marks)
        out = Path(args.out or "marks.csv")
        out.write_text(marks_template(answers, args.max, keep=marks), encoding="utf-8")
        print(f"wrote {out}: {len(answers)} written answer(s) to mark", file=sys.stderr)
        return 0
    return _gradebook(log, bank, marks, args)


def _summary(path: str, *, quiz: str | None = None, per_quiz: bool = False, spec: str | None = None) -> int:
    from ..classroom.collected import load_collected
    from ..results import summary

    assignment = None
    held: int | None = None  # how many questions the assignment holds, when known
    if spec is not None:
        from ..classroom.assignments import load_assignment

        assignment = load_assignment(spec)
    # each skipped line, and each record filed under another student, is named in a ResponseLogWarning
    frame = load_collected(path, None if assignment is None else assignment.id)
    status = 0
    warned = set(frame.attrs.get("notes", ()))
    if assignment is not None:
        from ..classroom.grading import assignment_records, grade_log, released_ids
        from ..quiz.bank import load_bank

        bank = load_bank(assignment.bank)
        frame = grade_log(assignment_records(frame, assignment, bank), bank, quiz=assignment.id)
        quiz = assignment.id
        held = len(released_ids(assignment, bank))
    for note in frame.attrs.get("notes", ()):
        if note not in warned:
            print(f"edu-kit: note: {note}", file=sys.stderr)
    if frame.empty:
        print(f"No responses recorded in {path} yet.")
        return status
    table = summary(frame, quiz=quiz, per_quiz=per_quiz, questions=held)
    if table.empty:
        quizzes = ", ".join(sorted(map(str, frame["quiz"].unique())))
        print(f"No responses to quiz {quiz!r} in {path}; quizzes there: {quizzes}.")
        return status
    print(table.to_string(index=False))
    return status


def _load(paths: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    from ..classroom.collected import load_collected

    frames = [load_collected(p) for p in paths]
    log = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    log.attrs["problems"] = tuple(p for f in frames for p in f.attrs.get("problems", ()))
    return log


def _only(log: pd.DataFrame, quiz: str | None) -> pd.DataFrame:
    """The records of one quiz (all when ``quiz`` is None)."""
    if quiz is None:
        return log
    chosen = log[log["quiz"] == quiz]
    if chosen.empty:
        from ..errors import ChoiceError

        raise ChoiceError.of("quiz", quiz, sorted({str(q) for q in log["quiz"]}))
    chosen.attrs["problems"] = log.attrs.get("problems", ())
    return chosen


def _bank(paths: Sequence[str] | None) -> Bank:
    from ..quiz import load_bank

    return load_bank([Path(p) for p in paths] if paths else None)


def _marks(path: str | None) -> pd.DataFrame | None:
    if path is None:
        return None
    from ..classroom.open_answers import read_marks

    return read_marks(path)


def _gradebook(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None, args: argparse.Namespace) -> int:
    from ..classroom import gradebook

    table = gradebook.grades(log, bank, marks)
    out = Path(args.out or "grades.csv")
    if out.suffix.lower() == ".xlsx":
        gradebook.write_excel(table, out)
    else:
        out.write_text(gradebook.to_csv(table, args.lms, args.percent), encoding="utf-8")
    waiting = int(table["to_mark"].sum()) if not table.empty else 0
    note = f"; {waiting} open answer(s) not marked yet count 0" if waiting else ""
    print(f"wrote {out}: {len(table)} row(s){note}", file=sys.stderr)
    return 0
