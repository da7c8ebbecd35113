"""``edu-kit assign``: turn an assignment file into a student folder (nbgrader or a shared folder)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

COMMANDS = ("assign",)


def add_parsers(commands: Any) -> None:
    assign = commands.add_parser(
        "assign",
        help="write the student notebook of an assignment",
        description="Write <OUT>/<id>/ (the notebook and the questions) from an assignment YAML file. "
        "With --course DIR it goes to DIR/release/<id>/ (and DIR/source/<id>/), ready for "
        "`nbgrader release_assignment <id>`. With feedback: after_deadline the folder holds no key.",
    )
    assign.add_argument("spec", help="the assignment file (YAML: id, title, questions or topic + n, ...)")
    where = assign.add_mutually_exclusive_group()
    where.add_argument("--out", default=None, help="folder to write <id>/ into (default: ./release)")
    where.add_argument("--course", default=None, help="an nbgrader course folder: write release/<id>/ and source/<id>/")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from ..classroom.assignments import load_assignment, release

    assignment = load_assignment(args.spec)
    if args.course:
        course = Path(args.course)
        release(assignment, course / "source")
        folder = release(assignment, course / "release")
        after = f"then: cd {course} && nbgrader release_assignment {assignment.id}"
    else:
        folder = release(assignment, Path(args.out or "release"))
        after = "then: copy this folder to where students can open it (a shared folder)"
    keys = "no keys or explanations (graded later with `edu-kit grade`)" if assignment.sealed else \
        "the keys (the kernel grades: feedback now)"
    print(f"Wrote {folder} ({assignment.mode}; the release holds {keys}).")
    if assignment.bank is None and (assignment.mode == "exam" or assignment.sealed):
        print("edu-kit: warning: these questions come from the bundled bank, which is public (it is "
              "installed with edu_kit): students can look these keys up. Use your own bank "
              "(`bank: my_bank.yaml`) for graded exams.", file=sys.stderr)
    print(after)
    return 0
