"""``edu-kit grade``: grade collected answers with the keyed bank; optionally write feedback pages."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

COMMANDS = ("grade",)


def add_parsers(commands: Any) -> None:
    grade = commands.add_parser(
        "grade",
        help="grade an assignment's answers with the keyed bank",
        description="Grade the answers to an assignment (an nbgrader course folder, its submitted/ tree, "
        "or a folder of logs) with the keyed bank, print each student's result and optionally write "
        "each student's feedback page. The logs are never changed.",
    )
    grade.add_argument("spec", help="the assignment file used with `edu-kit assign`")
    grade.add_argument("path", help="course folder, submitted/ tree, or a folder of response logs")
    grade.add_argument("--csv", default=None, help="also write the graded answers (every attempt) to this CSV file")
    grade.add_argument("--outside", choices=("note", "exclude"), default="note",
                       help="answers saved before opens or after due: note them (default) or leave them out")
    grade.add_argument("--feedback", default=None, metavar="DIR",
                       help="write DIR/<student>/<id>/edu_kit_feedback.html (use <course>/feedback for nbgrader; "
                       "<student> is the nbgrader id as it is, escaped only when it is not a safe folder name)")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from .results import teacher_warnings

    with teacher_warnings():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .._spreadsheet import frame_cells
    from ..classroom.assignments import load_assignment
    from ..classroom.collected import load_collected
    from ..classroom.grading import (
        assignment_records,
        feedback_folder,
        grade_log,
        released_ids,
        write_feedback,
    )
    from ..quiz.bank import load_bank
    from ..results import summary

    assignment = load_assignment(args.spec)
    bank = load_bank(assignment.bank)
    records = assignment_records(load_collected(args.path, assignment.id), assignment, bank,
                                 outside=args.outside)
    graded = grade_log(records, bank, quiz=assignment.id)
    notes = (*graded.attrs.get("problems", ()), *graded.attrs.get("notes", ()))
    if graded.empty:
        print(f"No answers to {assignment.id!r} in {args.path} yet.")
        for note in notes:
            print(f"note: {note}")
        return 0
    print(summary(graded, questions=len(released_ids(assignment, bank))).to_string(index=False))
    for note in notes:
        print(f"note: {note}")
    if args.csv:
        # student ids and answers: never formulas; a cell with a line break or quote is quoted (RFC 4180)
        frame_cells(graded).to_csv(args.csv, index=False, lineterminator="\r\n")
        print(f"Wrote {args.csv}")
    if args.feedback:
        pages = write_feedback(graded, bank, args.feedback, assignment.id, title=assignment.title)
        print(f"Wrote {len(pages)} feedback page{'s' if len(pages) != 1 else ''} under {args.feedback}")
        renamed = sorted({str(s) for s in graded["student"].dropna()} - {p.parent.parent.name for p in pages})
        for student in renamed:
            print(f"note: the feedback of {student!r} is in the folder {feedback_folder(student)!r} "
                  "(the id is not a safe folder name)")
    return 0
