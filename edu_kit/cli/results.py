"""``edu-kit results``: summarise recorded quiz responses (plain folders or nbgrader's submitted/ tree)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

COMMANDS = ("results",)


def add_parsers(commands: Any) -> None:
    results = commands.add_parser(
        "results", help="summarise recorded quiz responses",
        description="One row per student (anonymous answers shown as '(anonymous)'); the latest answer "
        "by time to each question of each quiz counts; every attempt stays in the logs. PATH may be a "
        "log, a folder of logs, or an nbgrader course folder / submitted/ tree (student from the folder).",
    )
    results.add_argument("path", nargs="?", default="edu_kit_responses",
                         help="a response log, a folder of them, or an nbgrader course or submitted/ folder")
    results.add_argument("--quiz", default=None, help="only this quiz or assignment id")
    results.add_argument("--per-quiz", action="store_true", help="one row per student and quiz")
    results.add_argument("--assignment", default=None, metavar="SPEC",
                         help="an assignment file: only its answers, graded with its keyed bank")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    return _results(args.path, quiz=args.quiz, per_quiz=args.per_quiz, spec=args.assignment)


def _results(path: str, *, quiz: str | None = None, per_quiz: bool = False, spec: str | None = None) -> int:
    from ..classroom.collected import load_collected
    from ..results import summary

    frame = load_collected(path)
    if spec is not None:
        from ..classroom.assignments import load_assignment
        from ..classroom.grading import grade_log
        from ..quiz.bank import load_bank

        assignment = load_assignment(spec)
        frame = grade_log(frame, load_bank(assignment.bank), quiz=assignment.id)
        quiz = assignment.id
    if frame.empty:
        print(f"No responses recorded in {path} yet.")
        return 0
    table = summary(frame, quiz=quiz, per_quiz=per_quiz)
    if table.empty:
        quizzes = ", ".join(sorted(map(str, frame["quiz"].unique())))
        print(f"No responses to quiz {quiz!r} in {path}; quizzes there: {quizzes}.")
        return 0
    print(table.to_string(index=False))
    return 0
