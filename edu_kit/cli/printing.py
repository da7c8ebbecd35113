"""``edu-kit print``: worksheets, paper quizzes with an answer key, static HTML pages.

    edu-kit print worksheet NOTEBOOK ... [--out DIR]
    edu-kit print quiz [ID ...] [--topic T] [--notebook NN_topic] [-n N] [--title T] [--out DIR] [--key-out DIR]
    edu-kit print html [NOTEBOOK ...] [--out DIR]

PDFs go through nbconvert and headless Chromium (:mod:`edu_kit.printing`); only the PDFs are
left.  A paper quiz's answer key goes to its own folder, ``OUT_key`` beside ``OUT`` (``--key-out``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

COMMANDS = ("print",)


def add_parsers(commands: Any) -> None:
    printing = commands.add_parser("print", help="print worksheets and paper quizzes (PDF) or export static HTML")
    actions = printing.add_subparsers(dest="print_command", metavar="ACTION", required=True)
    sheet = actions.add_parser("worksheet", help="a lesson notebook as a printable worksheet (PDF, no answers)")
    sheet.add_argument("notebooks", nargs="+", metavar="NOTEBOOK", help="notebook files (.ipynb)")
    sheet.add_argument("--out", default="printed", help="folder for the PDFs (default: ./printed)")
    paper = actions.add_parser("quiz", help="a paper quiz (PDF) and a separate answer key (PDF)")
    paper.add_argument("ids", nargs="*", metavar="ID", help="question ids (see quiz.bank() in a notebook)")
    paper.add_argument("--topic", help="all questions of a topic: timeline, positions, concepts, sources")
    paper.add_argument("--notebook", help="the questions a notebook teaches, e.g. 02_timeline")
    paper.add_argument("-n", type=int, help="at most this many questions")
    paper.add_argument("--title", default="Quiz", help="title printed on the paper")
    paper.add_argument("--name", default="quiz", help="file name: NAME.pdf and NAME_key.pdf (default: quiz)")
    paper.add_argument("--bank", nargs="*", metavar="FILE", help="bank files or folders (default: the bundled banks)")
    paper.add_argument("--out", default="printed", help="folder for the students' PDF (default: ./printed)")
    paper.add_argument("--key-out", metavar="DIR",
                       help="folder for the answer key (default: OUT_key beside OUT, e.g. ./printed_key)")
    page = actions.add_parser("html", help="static HTML pages of notebooks for a web site (no code, no answers)")
    page.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="notebook files (default: notebooks/NN_*.ipynb)")
    page.add_argument("--out", default="site", help="folder for the pages (default: ./site)")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from .. import printing

    if args.print_command == "worksheet":
        for notebook in args.notebooks:
            print(f"Printing {notebook} ...", flush=True)
            print(f"Wrote {printing.worksheet(notebook, args.out)}")
        return 0
    if args.print_command == "quiz":
        from ..quiz import load_bank

        bank = load_bank(args.bank) if args.bank else None
        questions = printing.select_questions(args.ids, topic=args.topic, notebook=args.notebook, n=args.n, bank=bank)
        print(f"Printing {len(questions)} questions ...", flush=True)
        student, key = printing.paper_quiz(questions, args.out, title=args.title, name=args.name,
                                           key_dir=args.key_out)
        print(f"Wrote {student} (hand this out to students)")
        print(f"Wrote the answer key {key} (for the teacher only: it is in its own folder, so sharing "
              f"{Path(args.out)} does not share it)")
        return 0
    notebooks = args.notebooks or sorted(str(p) for p in Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        from ..errors import EduKitError

        raise EduKitError("no notebooks to export", hint="name notebook files, or run this in the project folder")
    for notebook in notebooks:
        print(f"Wrote {printing.export_html(notebook, args.out)}")
    print(f"Wrote {printing.site_index(notebooks, args.out)} (the front page)")
    return 0
