"""``edu-kit quiz export`` and ``edu-kit quiz import``: banks to and from learning platforms."""

from __future__ import annotations

import argparse
import re
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import QuizBankError

_BY_SUFFIX = {".gift": "gift", ".txt": "gift", ".xml": "moodle-xml", ".zip": "qti"}


def run(args: argparse.Namespace) -> int:
    return _export(args) if args.quiz_command == "export" else _import(args)


def _module(name: str) -> Any:
    from ..quiz.formats import FORMATS

    return import_module(FORMATS[name][0])


def _export(args: argparse.Namespace) -> int:
    from ..quiz import load_bank
    from ..quiz.formats import FORMATS

    bank = load_bank([Path(f) for f in args.files] if args.files else None)
    exported = _module(args.to).dump(bank, title=args.title)
    for item in exported.left_out:
        print(f"left out: {item}", file=sys.stderr)
    out = args.out or (f"edu_kit_bank{FORMATS[args.to][1]}" if isinstance(exported.data, bytes) else None)
    if out is None:
        sys.stdout.write(str(exported.data))
    else:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(exported.data, bytes):
            path.write_bytes(exported.data)
        else:
            path.write_text(exported.data, encoding="utf-8")
    lost = sum(1 for item in exported.left_out if item.what == "question")
    print(f"{'wrote ' + out + ': ' if out else ''}{len(exported.questions)} question(s) exported as {args.to}"
          f"{f', {lost} left out (listed above)' if lost else ''}.", file=sys.stderr)
    return 0


#: The largest file ``quiz import`` reads (a GIFT or XML file of thousands of questions is a few MB).
MAX_IMPORT_BYTES = 50 * 2**20


def _read_source(source: Path) -> bytes:
    """The bytes of the file to import: a regular file of at most :data:`MAX_IMPORT_BYTES`."""
    from ..quiz.check import not_a_regular_file

    what = not_a_regular_file(source)
    if what is not None:
        raise QuizBankError(what, path=source, hint="name the .gift, .xml or .zip file itself")
    try:
        with source.open("rb") as handle:
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise QuizBankError(f"cannot read the file: {exc.strerror or exc}", path=source,
                            hint="check that the file exists and is readable") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise QuizBankError(f"the file is larger than {MAX_IMPORT_BYTES // 2**20} MB", path=source,
                            hint="split it into smaller files and import each")
    return raw


def _good_ones(questions: tuple[Any, ...], name: str, title: str) -> tuple[list[Any], list[tuple[Any, str]]]:
    """The questions a bank can hold, and (question, why) for each it cannot (a last check:
    the format readers already leave such questions out)."""
    from ..quiz import dump_bank

    try:
        dump_bank(name, title, questions)
    except QuizBankError:
        pass
    else:
        return list(questions), []
    good: list[Any] = []
    bad: list[tuple[Any, str]] = []
    for question in questions:
        try:
            dump_bank(name, title, [question])
        except QuizBankError as exc:
            bad.append((question, "; ".join(p.problem for p in exc.problems) or exc.problem))
        else:
            good.append(question)
    return good, bad


def _import(args: argparse.Namespace) -> int:
    from ..quiz import dump_bank

    source = Path(args.file)
    kind = _BY_SUFFIX.get(source.suffix.lower())
    if kind is None:
        raise QuizBankError(f"cannot tell the format of {source.name}", path=source,
                            hint="name it .gift (or .txt) for GIFT, .xml for Moodle XML, .zip for QTI")
    raw = _read_source(source)
    module = _module(kind)
    if kind == "qti":
        imported = module.load(raw, source=source.name, topic=args.topic, difficulty=args.difficulty)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise QuizBankError("the file is not UTF-8 text", path=source, line=line,
                                hint="export it again as UTF-8 (Moodle does)") from None
        try:
            imported = module.load(text, source=source.name, topic=args.topic, difficulty=args.difficulty)
        except QuizBankError as exc:
            raise QuizBankError(exc.problem, path=source, line=exc.line, hint=exc.hint) from None
    for item in imported.left_out:
        print(f"not imported: {source}, {item}" if item.line is not None or item.place
              else f"not imported: {source}: {item}", file=sys.stderr)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    out = Path(args.out)
    name = args.name or re.sub(r"[^a-z0-9_-]+", "-", out.stem.lower()).strip("-_") or "imported"
    title = args.title or f"Imported from {source.name}"
    questions, bad = _good_ones(imported.questions, name, title)
    for question, why in bad:
        print(f"not imported: {source}: {question.id}: question left out ({why})", file=sys.stderr)
    missed = sum(1 for item in imported.left_out if item.what == "question") + len(bad)
    if not questions:
        raise QuizBankError("no question could be imported", path=source,
                            hint="see the reasons above; give --topic for questions that name none")
    text = dump_bank(name, title, questions)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(questions)} question(s); show them with quiz.show(bank={str(out)!r})", file=sys.stderr)
    if missed:
        print(f"edu-kit: {missed} question(s) of {source} were not imported (listed above with their line). "
              "What to do: fix them in the file and import it again, or add them to the bank by hand.",
              file=sys.stderr)
        return 1
    return 0
