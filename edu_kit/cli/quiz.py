"""``edu-kit quiz build``, ``check``, ``export`` (QTI, Moodle XML, GIFT) and ``import``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

COMMANDS = ("quiz",)


def add_parsers(commands: Any) -> None:
    quiz = commands.add_parser("quiz", help="build or check quiz banks")
    quiz_commands = quiz.add_subparsers(dest="quiz_command", metavar="ACTION", required=True)
    build = quiz_commands.add_parser("build", help="generate a question bank from the facts of articles")
    build.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: the bundled seeds)")
    build.add_argument("--out", help="write the bank here (default: print it)")
    build.add_argument(
        "--check", action="store_true", help="do not write; fail if --out differs from what would be written"
    )
    check = quiz_commands.add_parser("check", help="validate quiz bank files")
    check.add_argument("files", nargs="*", metavar="FILE", help="bank files or folders (default: the bundled banks)")
    check.add_argument(
        "--articles",
        nargs="*",
        metavar="PATH",
        help="check sources against these articles (default: the bundled seeds)",
    )
    export = quiz_commands.add_parser(
        "export", help="write banks for a learning platform: qti (Canvas), moodle-xml or gift (Moodle)")
    export.add_argument("files", nargs="*", metavar="BANK", help="bank files or folders (default: the bundled banks)")
    export.add_argument("--format", required=True, choices=("qti", "moodle-xml", "gift"), dest="to")
    export.add_argument("--out", help="the file to write (default: print GIFT and Moodle XML; edu_kit_bank.zip for qti)")
    export.add_argument("--title", default="edu_kit bank", help="the quiz or category name on the platform")
    export.add_argument("--force", action="store_true", help="replace --out when it exists")
    imp = quiz_commands.add_parser(
        "import", help="turn a GIFT (or Moodle XML / QTI zip) file into an edu_kit bank file")
    imp.add_argument("file", metavar="FILE", help="a .gift/.txt, .xml or .zip file")
    imp.add_argument("--out", required=True, help="the bank file to write (.yaml; never the file read)")
    imp.add_argument("--force", action="store_true", help="replace --out when it exists")
    imp.add_argument("--topic", choices=("timeline", "positions", "concepts", "sources"),
                     help="topic of questions that name none (required unless the file came from edu_kit)")
    imp.add_argument("--difficulty", default="medium", choices=("easy", "medium", "hard"))
    imp.add_argument("--name", help="the bank's name (default: from the output file name)")
    imp.add_argument("--title", help="the bank's title (default: 'Imported from FILE')")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    return _quiz(args)


def _corpus(paths: Sequence[str] | None) -> Any:
    from . import corpus

    return corpus(paths)


def _quiz(args: argparse.Namespace) -> int:
    if args.quiz_command in ("export", "import"):
        from . import quiz_exchange

        return quiz_exchange.run(args)
    if args.quiz_command == "build":
        from ..quiz.generate import build_bank_text

        text = build_bank_text(_corpus(args.paths))
        if args.check:
            if not args.out:
                print("edu-kit: quiz build --check needs --out FILE to compare with", file=sys.stderr)
                return 2
            current = Path(args.out).read_text(encoding="utf-8") if Path(args.out).is_file() else ""
            if current != text:
                print(
                    f"edu-kit: {args.out} is stale. What to do: run 'edu-kit quiz build --out {args.out}' and commit it.",
                    file=sys.stderr,
                )
                return 1
            print(f"{args.out} is up to date.")
            return 0
        if args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(text, encoding="utf-8")
            print(f"wrote {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    from ..quiz import check_bank

    corpus = _corpus(args.articles) if args.articles is not None else _corpus(None)
    files = [Path(f) for f in args.files] if args.files else None
    problems = check_bank(files, corpus=corpus)
    for problem in problems:
        print(problem)
    from ..quiz.check import bank_warnings

    reveals = bank_warnings(files)
    for reveal in reveals:
        print(reveal, file=sys.stderr)
    if reveals:
        print(f"{len(reveals)} warning(s): pairs of questions that reveal each other's answers "
              "(never drawn into one quiz).", file=sys.stderr)
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    if warnings:
        print(f"{warnings} warning(s): questions that fail a quality gate (see docs/quiz_format.md).",
              file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        return 1
    print("All quiz banks are valid." + (" Fix the warnings to make them better." if warnings else ""))
    return 0
