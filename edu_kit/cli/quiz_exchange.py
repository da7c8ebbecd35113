"""``edu-kit quiz export`` and ``edu-kit quiz import``: banks to and from learning platforms."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterable
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
    from ..quiz.check import bank_files
    from ..quiz.formats import FORMATS

    paths = [Path(f) for f in args.files] if args.files else None
    out = args.out or (f"edu_kit_bank{FORMATS[args.to][1]}" if args.to == "qti" else None)
    if out is not None:
        _check_out(Path(out), bank_files(paths)[0], force=args.force)
    bank = load_bank(paths)
    exported = _module(args.to).dump(bank, title=args.title)
    for item in exported.left_out:
        print(f"left out: {item}", file=sys.stderr)
    if not exported.questions:
        raise QuizBankError(f"none of the questions can be written as {args.to} (see the reasons above)",
                            hint="export other questions, or another format")
    if out is None:
        sys.stdout.write(str(exported.data))
    else:
        write_out(Path(out), exported.data)
    lost = sum(1 for item in exported.left_out if item.what == "question")
    print(f"{'wrote ' + out + ': ' if out else ''}{len(exported.questions)} question(s) exported as {args.to}"
          f"{f', {lost} left out (listed above)' if lost else ''}.", file=sys.stderr)
    return 0


#: The largest file ``quiz import`` reads (a GIFT or XML file of thousands of questions is a few MB).
MAX_IMPORT_BYTES = 50 * 2**20


def _check_out(out: Path, reads: Iterable[Path], *, force: bool) -> None:
    """Refuse an ``--out`` that is a file being read, that is not a file (a folder, a
    device, a FIFO, a broken link), or that exists without ``force``."""
    from ..quiz.check import not_a_regular_file

    for read in reads:
        try:
            same = os.path.samefile(out, read)
        except OSError:
            same = False
        if same:
            raise QuizBankError(f"--out is {read}, the file being read: writing would destroy it", path=out,
                                hint="give --out the name of a new file")
    if not (out.exists() or out.is_symlink()):
        return
    what = not_a_regular_file(out)
    if what is not None:
        raise QuizBankError(f"cannot write --out here: {what}", path=out,
                            hint="give --out the name of a new file in an existing or new folder")
    if not force:
        raise QuizBankError("--out already exists and is not replaced", path=out,
                            hint="give --out a new file name, or add --force to replace the file")


def write_out(out: Path, data: str | bytes) -> None:
    """Write ``data`` to ``out`` whole or not at all: into a temporary file of the same
    folder, then put in place; a write error (disk full, no permission) is a
    :class:`QuizBankError` and leaves any earlier file as it was."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        raise QuizBankError(f"cannot write the file: {exc.strerror or exc}", path=out,
                            hint="check that the folder exists, is writable and has free space") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


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
    out = Path(args.out)
    if args.name is not None and not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,79}", args.name):
        raise QuizBankError(f"--name {args.name!r} is not a valid bank name",
                            hint="use lower-case letters, digits, '-' and '_' only (at most 80), e.g. --name week-3")
    if out.suffix.lower() != ".yaml":
        raise QuizBankError("--out must be a .yaml file (banks are read from *.yaml files)", path=out,
                            hint=f"give --out {out.with_suffix('.yaml').name}")
    _check_out(out, [source], force=args.force)
    from ..quiz.check import not_a_regular_file

    what = not_a_regular_file(source)
    if what is not None:
        raise QuizBankError(what, path=source, hint="name the .gift, .xml or .zip file itself")
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
    name = args.name or re.sub(r"[^a-z0-9_-]+", "-", out.stem.lower()).strip("-_") or "imported"
    title = args.title or f"Imported from {source.name}"
    questions, bad = _good_ones(imported.questions, name, title)
    for question, why in bad:
        print(f"not imported: {source}: {question.id}: question left out ({why})", file=sys.stderr)
    missed = sum(1 for item in imported.left_out if item.what == "question") + len(bad)
    if not questions:
        if not imported.left_out and not bad:
            raise QuizBankError("the file holds no question", path=source,
                                hint="check that it is the file exported from the platform")
        raise QuizBankError("no question could be imported", path=source,
                            hint="see the reasons above; give --topic for questions that name none")
    write_out(out, dump_bank(name, title, questions))
    print(f"wrote {out}: {len(questions)} question(s); show them with quiz.show(bank={str(out)!r})", file=sys.stderr)
    # the file named no difficulty for a question that got the import's defaults (the reference says so)
    guessed = sum(1 for q in questions if q.reference == f"Imported from {source.name}" and q.difficulty == args.difficulty)
    if guessed:
        print(f"difficulty set to {args.difficulty} for {guessed} question(s) (the file gives none): edit the "
              "bank to change it, or import again with --difficulty easy, medium or hard; the results report "
              "compares it with the class's answers", file=sys.stderr)
    if missed:
        print(f"edu-kit: {missed} question(s) of {source} were not imported (listed above with their line). "
              "What to do: fix them in the file and import it again, or add them to the bank by hand.",
              file=sys.stderr)
        return 1
    return 0
