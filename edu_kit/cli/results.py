"""``edu-kit results``: summarise recorded quiz responses."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

COMMANDS = ("results",)


def add_parsers(commands: Any) -> None:
    results = commands.add_parser("results", help="summarise recorded quiz responses")
    results.add_argument("path", nargs="?", default="edu_kit_responses", help="a response log or a folder of them")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    return _results(args.path)


def _results(path: str) -> int:
    import sys
    import warnings

    from .. import results

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", results.ResponseLogWarning)
        frame = results.load(path)
    problems = frame.attrs.get("problems", ())
    if frame.empty:
        print(f"No responses recorded in {path} yet.")
    else:
        print(results.summary(frame).to_string(index=False))
    for problem in problems:
        print(f"edu-kit: {problem}", file=sys.stderr)
    if problems:
        print(f"edu-kit: {len(problems)} line(s) or file(s) skipped; every other record is counted above",
              file=sys.stderr)
        return 1
    return 0
