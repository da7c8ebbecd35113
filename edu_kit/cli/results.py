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
    from .. import results

    frame = results.load(path)
    if frame.empty:
        print(f"No responses recorded in {path} yet.")
        return 0
    print(results.summary(frame).to_string(index=False))
    return 0
