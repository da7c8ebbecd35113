"""The ``edu-kit`` command line (the only package that owns it).

Commands::

    edu-kit extract [PATH ...] [--format table|json|csv]
    edu-kit score GOLD_DIR [PATH ...]
    edu-kit quiz build [PATH ...] [--out FILE] [--check]
    edu-kit quiz check [FILE ...]
    edu-kit quiz export [BANK ...] --format qti|moodle-xml|gift [--out FILE]
    edu-kit quiz import FILE --out BANK.yaml [--topic TOPIC]
    edu-kit results [PATH] [--quiz ID] [--per-quiz]
    edu-kit results report|marks|gradebook LOGS ... [--quiz ID] [--out FILE]
    edu-kit assign SPEC.yaml [--out DIR | --course DIR]
    edu-kit grade SPEC.yaml PATH [--csv FILE] [--feedback DIR]
    edu-kit lab [NOTEBOOK] [--no-browser] [JUPYTER LAB OPTIONS ...]
    edu-kit print worksheet|quiz|html ...

One module per command group (``extract``, ``quiz``, ``lab``, ``results``, ``assign``,
``grade``, and ``printing`` for ``print``); each has
``add_parsers(commands)`` and ``run(args, extra)``. Bad input never ends in a traceback:
the message names the file and line and what to do, and the exit status is 2 (1 for
``quiz check`` problems and a stale bank).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from ..errors import EduKitError
from . import assign, extract, grade, lab, printing, quiz, results

__all__ = ["main"]

#: The command groups, in the order ``--help`` lists them.
GROUPS: tuple[ModuleType, ...] = (extract, quiz, lab, results, assign, grade, printing)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edu-kit",
        description="Annotated news sources, facts and quizzes on the NATO-Russia-Ukraine crisis (Dec 2021 - Jan 2022).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in GROUPS:
        group.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    argv, extra = lab.split_jupyter_args(argv)
    args = _parser().parse_args(argv)
    try:
        for group in GROUPS:
            if args.command in group.COMMANDS:
                status: int = group.run(args, extra)
                return status
        raise AssertionError(f"no command group handles {args.command!r}")  # pragma: no cover
    except EduKitError as exc:
        print(f"edu-kit: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


def corpus(paths: Sequence[str] | None) -> object:
    """The articles at ``paths`` (default: the bundled seeds)."""
    from ..corpus import load_corpus

    return load_corpus(list(paths) if paths else None)
