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


def _import(args: argparse.Namespace) -> int:
    from ..quiz import dump_bank

    source = Path(args.file)
    kind = _BY_SUFFIX.get(source.suffix.lower())
    if kind is None:
        raise QuizBankError(f"cannot tell the format of {source.name}", path=source,
                            hint="name it .gift (or .txt) for GIFT, .xml for Moodle XML, .zip for QTI")
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise QuizBankError(f"cannot read the file: {exc.strerror}", path=source,
                            hint="check the file name") from None
    module = _module(kind)
    if kind == "qti":
        imported = module.load(raw, source=source.name, topic=args.topic, difficulty=args.difficulty)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise QuizBankError("the file is not UTF-8 text", path=source,
                                hint="export it again as UTF-8 (Moodle does)") from None
        imported = module.load(text, source=source.name, topic=args.topic, difficulty=args.difficulty)
    for item in imported.left_out:
        print(f"not imported: {item}", file=sys.stderr)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    if not imported.questions:
        raise QuizBankError("no question could be imported", path=source,
                            hint="see the reasons above; give --topic for questions that name no topic")
    out = Path(args.out)
    name = args.name or re.sub(r"[^a-z0-9_-]+", "-", out.stem.lower()).strip("-_") or "imported"
    text = dump_bank(name, args.title or f"Imported from {source.name}", imported.questions)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(imported.questions)} question(s); show them with "
          f"quiz.show(bank={str(out)!r})", file=sys.stderr)
    return 0
