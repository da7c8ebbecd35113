"""Response logs: every graded answer appended as one JSON line, safely.

Each student has one log, ``<log_dir>/<student or 'anonymous'>.jsonl``; each line is a
record with ``time`` (ISO 8601, UTC), ``student``, ``quiz``, ``question``,
``variant``, ``answer``, ``correct``, ``score``, ``attempt`` and ``exam`` (whether the
answer was given in exam mode; a line without it, written before the field existed, is
not an exam answer).  ``correct`` and
``score`` are ``null`` for an answer not graded yet (an exam released without its key,
graded later with ``edu-kit grade``) and for a written answer to an ``open`` question,
which the teacher reads and which is never graded (each save appends a new record).  Nothing is ever dropped: answers without a
student are shown as :data:`~edu_kit.classroom.identity.ANONYMOUS` by :func:`summary`,
and every attempt stays in the log; :func:`latest` picks the latest one *by time*
within one quiz.

Writing is append-only and durable: the file is opened with ``O_APPEND``, locked with
an exclusive ``flock`` (so two kernels never interleave), the complete line is written
with one ``os.write`` and ``fsync``-ed.  A log is never truncated or rewritten.  When a
previous writer was killed mid-line, the next record starts on a new line, and
:func:`load` skips the torn line with a :class:`ResponseLogWarning`.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> r = Response(student="ana", quiz="timeline", question="q1", variant="3f2a",
...              answer="1997", correct=True, score=1.0, attempt=1,
...              time="2022-01-10T09:00:00.000Z")
>>> record(folder, r).name
'ana.jsonl'
>>> df = load(folder)
>>> df[["student", "question", "answer", "correct", "score", "attempt"]].values.tolist()
[['ana', 'q1', '1997', True, 1.0, 1]]
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import math
import os
import re
import stat
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._frames import literal_dollars
from ._unicode import strip_ignorable
from .errors import ResponseLogError

if sys.platform != "win32":
    import fcntl

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMNS",
    "LOG_SUFFIX",
    "MAX_ATTEMPT",
    "MIXED_SCRIPTS",
    "NAMED_ANONYMOUS",
    "SUMMARY_COLUMNS",
    "Response",
    "ResponseLogWarning",
    "answers_in",
    "answers_of",
    "counted",
    "is_log_name",
    "latest",
    "load",
    "log_files",
    "log_path",
    "log_paths",
    "now",
    "read_answers",
    "record",
    "student_id",
    "student_key",
    "student_labels",
    "student_order",
    "summary",
    "terminal_table",
    "terminal_text",
]

#: The columns of :func:`load`'s DataFrame, in order.
COLUMNS = (
    "time",
    "student",
    "quiz",
    "question",
    "variant",
    "answer",
    "correct",
    "score",
    "attempt",
    "exam",
    "file",
    "line",
)
_FIELDS = COLUMNS[:9]  # every record holds these; ``exam`` is optional (older logs lack it)
_WRITTEN = COLUMNS[:10]  # what a record is written with


class ResponseLogWarning(UserWarning):
    """A line of a response log was skipped (torn by a crash, or not a record)."""


def now() -> str:
    """The current time in UTC, ISO 8601 with milliseconds: ``2022-01-10T09:00:00.000Z``."""
    stamp = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


@dataclass(frozen=True)
class Response:
    """One graded answer.  ``answer`` is whatever was graded (JSON-serialisable).

    Checked when made: ``score`` is in [0, 1] (``None`` with ``correct=None`` for an
    answer that is not auto-graded), ``attempt`` in 1..1000, ``time`` ISO 8601, and no
    text holds a lone surrogate; else :class:`~edu_kit.errors.ResponseLogError`.
    """

    student: str | None
    quiz: str
    question: str
    variant: str
    answer: object
    correct: bool | None
    score: float | None
    attempt: int
    time: str = field(default_factory=now)
    exam: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.student, str):  # one student, however the id's accents were typed
            object.__setattr__(self, "student", student_id(self.student))
        why = _check_record(asdict(self))
        if why is not None:
            raise ResponseLogError(
                f"the answer to {self.question!r} is not a valid record: {why}",
                hint="this is a bug in the code that recorded it; tell your teacher",
            )

    def to_line(self) -> bytes:
        """The record as one UTF-8 JSON line, ending in a newline.

        >>> Response(None, "z", "q", "v", ["a", "b"], False, 0.5, 2, "2022-01-10T09:00:00Z").to_line()
        b'{"time": "2022-01-10T09:00:00Z", "student": null, "quiz": "z", "question": "q", "variant": "v", \
"answer": ["a", "b"], "correct": false, "score": 0.5, "attempt": 2, "exam": false}\\n'
        """
        data = asdict(self)
        ordered = {key: data[key] for key in _WRITTEN}
        try:
            text = json.dumps(ordered, ensure_ascii=False, allow_nan=False, default=_jsonable)
        except (TypeError, ValueError) as err:
            raise ResponseLogError(
                f"the answer to {self.question!r} cannot be saved as JSON: {err}",
                hint="record answers as text, numbers, booleans, lists or mappings",
            ) from None
        return (text + "\n").encode("utf-8")


def _jsonable(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


#: Characters kept as they are in a log's file name (besides lower-case letters and digits).
_KEPT = frozenset(".-@")
#: What marks an upper-case letter in a log's file name: ``Ana`` → ``^ana``.
_UPPER = "^"
_NAME_BYTES = 200  # longest file name stem, in UTF-8 bytes (file systems allow 255)
#: File names Windows keeps for devices, in any case and with any extension.
_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                      *(f"lpt{i}" for i in range(10))})


def student_id(student: object) -> str | None:
    """The id as compared and mapped to files: Unicode NFC, without the characters nobody
    sees (zero-width spaces and joiners, bidi controls, a BOM: every default-ignorable
    one), so that two ids that display the same are one student (None stays None).

    >>> student_id("Jose\u0301") == student_id("Jos\u00e9") == "Jos\u00e9", student_id(None)
    (True, None)
    >>> student_id("a\u200bna\u202e") == student_id("\ufeffana") == "ana"
    True
    """
    if student is None:
        return None
    return unicodedata.normalize("NFC", strip_ignorable(unicodedata.normalize("NFC", str(student))))


def _caseless(char: str) -> bool:
    """Whether ``char`` reads the same to a case-insensitive file system as nothing else kept:
    it is its own case fold, and so is its upper case (not "ı", "ß", "ſ" or "K" Kelvin)."""
    return char.casefold() == char and char.upper().casefold() == char


def _file_char(char: str) -> str | None:
    """How a letter or digit is written in a file name, or None (escape it as hex)."""
    if not (char.isalnum() and char.isprintable()):
        return None
    if _caseless(char):
        return char
    lower = char.lower()
    if len(lower) == 1 and lower.upper() == char and _caseless(lower):
        return _UPPER + lower
    return None


def log_path(log_dir: str | os.PathLike[str], student: str | None) -> Path:
    """Where ``student``'s answers go: ``<log_dir>/<name>.jsonl``, one file per student.

    The name is the student id as :func:`student_id` gives it (NFC, so "José" typed either
    way is one student; characters nobody sees removed), with lower-case letters, digits, ``.``, ``-`` and ``@`` kept, an
    upper-case letter written as ``^`` and its lower case (``Ana`` → ``^ana``, so that
    ``Ana`` and ``ana`` get two files on a case-insensitive file system too: macOS,
    Windows, USB sticks and network shares), and every other character written as
    ``_`` and the hex of its UTF-8 bytes (``a b`` → ``a_20b``, ``a/b`` → ``a_2fb``,
    ``a_b`` → ``a_5fb``, ``ß`` → ``_c3_9f``): different ids never share a file, even
    where the file system ignores case.  A leading ``.`` is escaped too, and so is the
    first letter of a Windows device name (``con`` → ``_63on``).  Names longer than 200
    bytes are cut and end in ``~`` and 16 hex digits of their SHA-256.  No id (or an
    empty one) is ``anonymous``; spaces and control characters are escaped like the
    rest, never dropped.  Logs written before case was encoded (``Ana.jsonl``) are still
    read: see :func:`answers_of`.

    >>> log_path("logs", "Ana M./3b").as_posix(), log_path("logs", None).name
    ('logs/^ana_20^m._2f3b.jsonl', 'anonymous.jsonl')
    """
    name = student_id(student) or ""  # spaces kept: " ana" is not "ana"; invisible characters not
    if not name:
        return Path(log_dir) / "anonymous.jsonl"
    parts = []
    for i, char in enumerate(name):
        kept = char if char in _KEPT and not (i == 0 and char == ".") else _file_char(char)
        parts.append(kept if kept is not None else _hex(char))
    if name.split(".", 1)[0].casefold() in _DEVICES:
        parts[0] = _hex(name[0])
    return Path(log_dir) / f"{_fit(''.join(parts), name)}.jsonl"


def _hex(char: str) -> str:
    return "".join(f"_{b:02x}" for b in char.encode("utf-8", "surrogatepass"))


def _fit(stem: str, name: str) -> str:
    """``stem`` (not ``anonymous``), cut with a hash of ``name`` when it is too long."""
    if stem == "anonymous":
        stem = "_61nonymous"  # the file of answers without a student id is anonymous.jsonl
    encoded = stem.encode("utf-8")
    if len(encoded) > _NAME_BYTES:
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        stem = encoded[: _NAME_BYTES - 40].decode("utf-8", "ignore") + "~" + digest
    return stem


def _legacy_log_path(log_dir: str | os.PathLike[str], student: str | None) -> Path:
    """Where edu_kit wrote ``student``'s log before case was encoded (``Ana.jsonl``)."""
    name = unicodedata.normalize("NFC", student or "")
    if not name:
        return Path(log_dir) / "anonymous.jsonl"
    parts = []
    for i, char in enumerate(name):
        if (char.isalnum() or char in _KEPT) and not (i == 0 and char == ".") and char.isprintable():
            parts.append(char)
        else:
            parts.append(_hex(char))
    return Path(log_dir) / f"{_fit(''.join(parts), name)}.jsonl"


def _first_log_path(log_dir: str | os.PathLike[str], student: str | None) -> Path:
    """Where the first edu_kit wrote ``student``'s log (before ids were escaped one to one)."""
    stem = re.sub(r"[^\w.@-]", "_", (student or "").strip())[:100].lstrip(".")
    return Path(log_dir) / f"{stem or 'anonymous'}.jsonl"


def log_paths(log_dir: str | os.PathLike[str], student: str | None) -> tuple[Path, ...]:
    """Every file that may hold ``student``'s log: :func:`log_path`, then the names older
    versions of edu_kit gave it, when they differ (each read only if it exists; a file
    two ids shared then is filtered by id).

    >>> [p.name for p in log_paths("logs", "Ana M.")]
    ['^ana_20^m..jsonl', 'Ana_20M..jsonl', 'Ana_M..jsonl']
    """
    found = (log_path(log_dir, student), _legacy_log_path(log_dir, student), _first_log_path(log_dir, student))
    return tuple(dict.fromkeys(found))


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


def record(log_dir: str | os.PathLike[str], response: Response) -> Path:
    """Append ``response`` to its student's log in ``log_dir``; return the log's path.

    Raises :class:`~edu_kit.errors.ResponseLogError` saying why, when the folder or the
    line cannot be written (read-only folder, disk full, ...).
    """
    line = response.to_line()
    path = log_path(log_dir, response.student)
    hint = "check that the folder exists, is writable and the disk is not full"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ResponseLogError(
            f"cannot create the folder for answers: {_reason(err)}", path=path.parent, hint=hint
        ) from None
    try:
        created = not path.exists()
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as err:
        reason = _reason(err)
        raise ResponseLogError(f"cannot open the log: {reason}", path=path, hint=hint) from None
    try:
        if sys.platform != "win32":
            fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # the last writer was stopped mid-line
        written = os.write(fd, line)
        if written != len(line):
            raise OSError(errno.ENOSPC, f"only {written} of {len(line)} bytes were written")
        os.fsync(fd)
    except OSError as err:
        reason = _reason(err)
        raise ResponseLogError(f"cannot write the log: {reason}", path=path, hint=hint) from None
    finally:
        os.close(fd)  # also releases the lock
    if created:
        _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """fsync a folder so that a new log's name survives a crash (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _read_locked(path: Path) -> bytes:
    """The bytes of the log at ``path`` (read under a shared lock when the file system has locks).

    Never blocks on a FIFO (opened non-blocking, refused as not a regular file); any error
    while opening or reading (EIO from a failing disk or share, ...) is a
    :class:`~edu_kit.errors.ResponseLogError` naming the file.
    """
    hint = "check that the file exists, is a regular file and is readable (the disk or share may be failing)"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise ResponseLogError(f"cannot read the log: {_reason(err)}", path=path, hint=hint) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ResponseLogError(f"cannot read the log: {_not_regular(path)}", path=path, hint=hint)
        if sys.platform != "win32":
            with contextlib.suppress(OSError):  # no locks on this file system: read anyway
                fcntl.flock(fd, fcntl.LOCK_SH)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise ResponseLogError(f"cannot read the log: {_reason(err)}", path=path, hint=hint) from None
    finally:
        os.close(fd)


def _not_regular(path: Path) -> str:
    """What a path that is not a regular file is (without opening it)."""
    try:
        mode = path.lstat().st_mode
    except OSError as err:
        return _reason(err)
    if stat.S_ISLNK(mode):
        try:
            mode = path.stat().st_mode
        except OSError as err:
            if err.errno == errno.ELOOP:
                return "it is a symbolic link that loops"
            return f"it is a symbolic link to {os.readlink(path)!r}, which is missing ({_reason(err)})"
    if stat.S_ISDIR(mode):
        return "it is a folder, not a log file"
    if stat.S_ISFIFO(mode):
        return "it is a FIFO (named pipe), not a log file"
    return "it is not a regular file (a device or socket)"


#: The highest attempt number a record may have.
MAX_ATTEMPT = 1000
_MAX_DEPTH = 20  # how deeply an answer may nest lists and mappings


def _bad_text(value: object, depth: int = 0) -> str | None:
    """Why a JSON value cannot be kept (lone surrogate, not finite, too deep), or None."""
    if depth > _MAX_DEPTH:
        return f"nested more than {_MAX_DEPTH} deep"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "text with a lone surrogate (not valid Unicode)"
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "a number that is not finite"
    items: list[object] = []
    if isinstance(value, Mapping):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    for item in items:
        why = _bad_text(item, depth + 1)
        if why is not None:
            return why
    return None


def _check_record(data: object) -> str | None:
    """Why ``data`` is not a response record, or None if it is one."""
    if not isinstance(data, Mapping):
        return "not a JSON object"
    missing = [key for key in _FIELDS if key not in data]
    if missing:
        return "missing " + ", ".join(repr(k) for k in missing)
    kinds: dict[str, tuple[type, ...]] = {
        "time": (str,),
        "student": (str, type(None)),
        "quiz": (str,),
        "question": (str,),
        "variant": (str,),
        "correct": (bool, type(None)),
        "score": (int, float, type(None)),
        "attempt": (int,),
    }
    for key, types in kinds.items():
        value = data[key]
        is_flag = isinstance(value, bool) and key in ("score", "attempt")
        if not isinstance(value, types) or is_flag:
            return f"{key!r} has the wrong type ({type(value).__name__})"
    if not isinstance(data.get("exam", False), bool):
        return f"'exam' has the wrong type ({type(data['exam']).__name__})"
    for key in _FIELDS:
        why = _bad_text(data[key])
        if why is not None:
            return f"{key!r} holds {why}"
    if not _valid_time(data["time"]):
        return (f"'time' {data['time'][:40]!r} is not an ISO 8601 time of the form "
                "YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]")
    score, correct = data["score"], data["correct"]
    if (score is None) != (correct is None):
        return "'score' and 'correct' must both be null (an ungraded answer) or both set"
    if score is not None and not 0 <= score <= 1:
        return f"'score' {score!r} is not between 0 and 1"
    if not 1 <= data["attempt"] <= MAX_ATTEMPT:
        return f"'attempt' {str(data['attempt'])[:20]} is not between 1 and {MAX_ATTEMPT}"
    return None


#: The times a log may hold: what both ``datetime.fromisoformat`` and pandas' ISO 8601
#: parser read the same way (no week dates, comma fractions or offsets with seconds).
_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(?:Z|[+-]\d{2}:\d{2})?)?",
    re.ASCII,
)


def _valid_time(text: str) -> bool:
    """Whether ``text`` is a time :func:`load` can read (also in UTC, inside years 1..9999)."""
    if _TIME.fullmatch(text) is None:
        return False
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is not None:
            moment.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return False
    return True


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


_BOM = "\ufeff".encode()  # the UTF-8 byte-order mark
#: A line end in a log: LF as edu_kit writes, CRLF (Windows) or a bare CR (an old Mac
#: editor); JSON text never holds a raw CR or LF, so none is ever inside a record.
_LINE_END = re.compile(rb"\r\n|\r|\n")
#: The ending of a response log's name, matched without regard to case (``Bob.JSONL``
#: copied from Windows or a FAT stick is a log too).
LOG_SUFFIX = ".jsonl"


def is_log_name(name: str) -> bool:
    """Whether a file called ``name`` is a response log: it ends in ``.jsonl`` in any case.

    >>> [is_log_name(n) for n in ("ana.jsonl", "Bob.JSONL", "c.JsonL", "notes.json", ".jsonl.txt")]
    [True, True, True, False, False]
    """
    return name.casefold().endswith(LOG_SUFFIX)


def log_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The entries directly in ``folder`` named as response logs (:func:`is_log_name`), sorted;
    ``[]`` when ``folder`` is not a folder.  Entries that are not regular files (a folder or
    FIFO so named, a dangling link) are listed too: whoever reads them says why they cannot."""
    where = Path(folder)
    if not where.is_dir():
        return []
    return sorted(where / name for name in os.listdir(where) if is_log_name(name))


def _lines(content: bytes) -> list[bytes]:
    """A log's lines, numbered from 1 as a reader counts them (a BOM at the start ignored)."""
    return _LINE_END.split(content.removeprefix(_BOM))  # a log saved by an editor that adds a BOM


_UNMARKED = "_unmarked"  # a row's key (dropped before it leaves this module): the line has no 'exam'


def _in_mode(row: dict[str, Any], exam: bool | None, unmarked_is_exam: bool) -> bool:
    """Whether ``row`` is an exam record (``exam`` True), a practice one (False) or either (None);
    with ``unmarked_is_exam`` a record written before the ``exam`` field existed is an exam's."""
    if exam is None:
        return True
    return (True if unmarked_is_exam and row[_UNMARKED] else row["exam"]) == exam


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key != _UNMARKED}


def _parse(path: Path, content: bytes, report: Callable[[bytes], bool] | None = None,
           ) -> tuple[list[dict[str, Any]], list[str]]:
    """The valid records of a log's ``content`` and a problem for each other line (only for
    the lines ``report`` accepts, when it is given)."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    lines = _lines(content)
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        torn = number == len(lines)  # the last piece had no newline after it
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
            why = _check_record(data)
        except UnicodeDecodeError:
            why = "not valid JSON (not UTF-8 text)"
        except RecursionError:
            why = "not valid JSON (nested too deeply to read)"
        except ValueError as err:  # invalid JSON, NaN, a number of more than 4,300 digits
            why = f"not valid JSON ({str(err)[:80]})"
        if why is None:
            rows.append({**{key: data[key] for key in _FIELDS}, "exam": data.get("exam", False),
                         "file": str(path), "line": number, _UNMARKED: "exam" not in data})
            continue
        if report is not None and not report(raw):
            continue
        if torn:
            why = f"incomplete last line, probably cut off by a crash: {why}"
        problems.append(f"{path}, line {number}: {why}; the line was skipped")
    return rows, problems


def _logs_under(folder: Path) -> tuple[list[Path], list[Path]]:
    """Every ``*.jsonl`` in ``folder`` and its sub-folders, sorted (links to folders not
    followed, so never a loop), and the hidden sub-folders (``.name``) holding logs, not read."""
    found: list[Path] = []
    hidden: list[Path] = []
    for top, dirs, names in os.walk(folder, onerror=None):
        here = Path(top)
        found += [here / name for name in names if is_log_name(name)]
        for name in [d for d in dirs if d.startswith(".")]:
            dirs.remove(name)
            if any(is_log_name(p.name) for p in (here / name).rglob("*")):
                hidden.append(here / name)
        found += [here / d for d in dirs if is_log_name(d) and not d.startswith(".")]
        dirs[:] = [d for d in dirs if not is_log_name(d)]
    return sorted(found), sorted(hidden)


def load(path_or_folder: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a log, or every ``*.jsonl`` log in a folder and its sub-folders, into a DataFrame.

    A folder is read whole: logs in sub-folders (an nbgrader ``collected/<student>/<assignment>/``
    tree, a folder per class) are read too, each file once (a link to a log read already is
    not read again); hidden sub-folders (``.ipynb_checkpoints``: copies) are not read and
    are named in the problems.  Sub-folder links are not followed.

    Columns: ``time`` (UTC timestamps), ``student`` (None when anonymous; Unicode NFC, so
    one student's id typed in two ways is one id), ``quiz``,
    ``question``, ``variant`` (the per-student variant seed), ``answer`` (as graded:
    text, number, bool, list, or mapping left → right), ``correct`` (bool), ``score``
    (float in [0, 1]), ``attempt`` (1, 2, ...), ``exam`` (True for an answer given in exam
    mode; False for practice and for lines written before the field existed), ``file`` and ``line`` (where the record
    is).  Lines that are not valid records (torn by a crash, time not ISO 8601, score
    outside [0, 1] or not finite, attempt not in 1..1000, deeply nested, huge numbers,
    lone surrogates) and files that cannot be read (read errors, links to missing files,
    link loops, FIFOs: never opened, so never waited on) are skipped, and every good
    record is kept: each skipped line or file is named in a :class:`ResponseLogWarning`
    and in ``df.attrs["problems"]`` (control characters shown escaped, see
    :func:`terminal_text`).
    """
    import pandas as pd
    literal_dollars(pd)

    source = Path(path_or_folder)
    problems: list[str] = []
    files: list[Path] = []
    if source.is_dir():
        found, hidden = _logs_under(source)
        seen: set[str] = set()
        for path in found:
            if not path.is_file():  # a dangling link (an unmounted home), a link loop, a FIFO: never opened
                problems.append(f"{path}: cannot read the log: {_not_regular(path)}; the file was skipped")
            elif (real := os.path.realpath(path)) not in seen:  # a link to a log read already: once
                seen.add(real)
                files.append(path)
        problems += [f"{folder}: a hidden folder (a copy such as Jupyter's .ipynb_checkpoints) holding logs "
                     "was not read; pass it by name to read it" for folder in hidden]
    elif source.is_file():
        files = [source]
    elif os.path.lexists(source):
        raise ResponseLogError(f"cannot read the log: {_not_regular(source)}", path=source,
                               hint="pass a .jsonl log or the folder of logs")
    else:
        raise ResponseLogError("no such file or folder", path=source,
                               hint="pass a .jsonl log or the folder of logs")
    rows: list[dict[str, Any]] = []
    for path in files:
        try:
            content = _read_locked(path)
        except ResponseLogError as err:
            problems.append(f"{str(err).rstrip('.')}; the file was skipped")
            continue
        file_rows, file_problems = _parse(path, content)
        rows.extend(file_rows)
        problems.extend(file_problems)
    problems = [terminal_text(problem) for problem in problems]
    for problem in problems:
        warnings.warn(problem, ResponseLogWarning, stacklevel=2)
    for row in rows:
        row["student"] = student_id(row["student"])
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
    frame = frame.astype({"correct": "boolean", "score": float, "attempt": int, "exam": bool, "line": int})
    frame.attrs["problems"] = tuple(problems)
    return frame


def _may_be_quiz(raw: bytes, quiz: str | None) -> bool:
    """Whether a line that is not a valid record may have been one of ``quiz``'s (it names
    the quiz, or is too broken to tell): such a line leaves an exam's lock unsure."""
    if quiz is None or b'"quiz"' not in raw:
        return True
    forms = {json.dumps(quiz, ensure_ascii=flag).encode("utf-8", "surrogatepass") for flag in (True, False)}
    return any(form in raw for form in forms)


def read_answers(log_dir: str | os.PathLike[str], student: str | None, quiz: str | None, *,
                 exam: bool | None = None, unmarked_is_exam: bool = False,
                 ) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """:func:`answers_of`, with the lines it had to skip: ``(records, problems)``.

    ``exam`` keeps only exam records (True) or only practice ones (False; a line written
    before the field existed is practice, or, with ``unmarked_is_exam``, an exam record:
    what an assignment folder's exam lock asks, so that upgrading edu_kit during an exam
    does not unlock it); None keeps both.  ``problems`` names, by file
    and line, each line that is not a valid record and may have been one of ``quiz``'s (a
    corrupt line, invalid UTF-8, a line torn by a crash): what a widget tells the student,
    and what keeps an exam from being submitted twice unawares.  A log that exists but
    cannot be read (a folder or FIFO in its place, no permission) raises
    :class:`~edu_kit.errors.ResponseLogError` naming it.
    """
    who = student_id(student)
    found: list[dict[str, Any]] = []
    problems: list[str] = []
    for path in log_paths(log_dir, student):
        if not os.path.lexists(path):
            continue
        rows, skipped = _parse(path, _read_locked(path), report=lambda raw: _may_be_quiz(raw, quiz))
        problems += skipped
        found += [_public(row) for row in rows
                  if (quiz is None or row["quiz"] == quiz) and student_id(row["student"]) == who
                  and _in_mode(row, exam, unmarked_is_exam)]
    return found, tuple(terminal_text(problem) for problem in problems)


def answers_of(log_dir: str | os.PathLike[str], student: str | None,
               quiz: str | None, *, exam: bool | None = None) -> list[dict[str, Any]]:
    """``student``'s records for ``quiz`` (None: every quiz) in ``log_dir``, in the order
    written (no pandas); ``exam`` as in :func:`read_answers`.

    What a quiz widget reads when it is displayed again, to show what was answered.  Ids
    are compared in NFC (:func:`student_id`), and the log an older edu_kit wrote under
    another file name (:func:`log_paths`) is read too.  A missing log gives ``[]``;
    unreadable lines are left out (:func:`read_answers` and :func:`load` name them); a log
    that exists but cannot be read raises :class:`~edu_kit.errors.ResponseLogError`.
    """
    return read_answers(log_dir, student, quiz, exam=exam)[0]


def answers_in(log_dir: str | os.PathLike[str], quiz: str, *,
               exam: bool | None = None, unmarked_is_exam: bool = False) -> list[dict[str, Any]]:
    """Every record for ``quiz`` in any log directly in ``log_dir``, whoever it names (no pandas);
    ``exam`` and ``unmarked_is_exam`` as in :func:`read_answers`.

    An assignment folder holds one student's submission: its exam lock reads this, so a
    changed name cannot start a second exam in the same folder.  A ``*.jsonl`` that cannot
    be read (no permission, a folder or FIFO of that name, a dangling link) raises
    :class:`~edu_kit.errors.ResponseLogError` naming it: the lock cannot tell whether it
    holds a submission, so it never pretends there is none.
    """
    rows: list[dict[str, Any]] = []
    for path in log_files(log_dir):
        found, _ = _parse(path, _read_locked(path))
        rows += [_public(row) for row in found if row["quiz"] == quiz and _in_mode(row, exam, unmarked_is_exam)]
    return sorted(rows, key=lambda row: str(row["time"]))


def counted(log: pd.DataFrame) -> pd.DataFrame:
    """The records that count towards a score: once a student has answered a question in an
    exam (``exam`` True), their practice answers to that question, in any quiz, before or
    after the exam, do not count (the exam answer does).  The one rule that
    :func:`summary`, the report's student scores and the gradebook share, so a practice
    attempt after a test never changes the test's result.  Every record stays in the log
    (``attempts`` still counts it); a log without an ``exam`` column is returned whole.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"student": ["ben", "ben", "ana"], "question": ["q1", "q1", "q1"],
    ...                     "exam": [True, False, False]})
    >>> counted(log).index.tolist()
    [0, 2]
    """
    if log.empty or "exam" not in log:
        return log
    exam = log["exam"].fillna(False).astype(bool)
    who = log["student"].astype(object).where(log["student"].notna(), "\0")
    examined = set(zip(who[exam], log["question"][exam], strict=True))
    keep = [bool(e) or (w, q) not in examined for w, q, e in zip(who, log["question"], exam, strict=True)]
    return log[keep]


def latest(log: pd.DataFrame) -> pd.DataFrame:
    """The latest answer (by ``time``; the later line on a tie) to each question of each quiz,
    per student.  Same columns as :func:`load`; every attempt stays in ``log``."""
    if log.empty:
        return log.copy()
    named = log["student"].notna()
    ordered = log.assign(_named=named, _who=log["student"].where(named, ""), _order=range(len(log)))
    ordered = ordered.sort_values(["time", "_order"], kind="stable")
    last = ordered.groupby(["_named", "_who", "quiz", "question"], sort=False).tail(1)
    return (last.sort_values(["_named", "_who", "quiz", "_order"])
            .drop(columns=["_named", "_who", "_order"]).reset_index(drop=True))


#: The columns of :func:`summary` (``quiz`` only with ``per_quiz=True``, ``questions`` only
#: when the number of questions is given).
SUMMARY_COLUMNS = ("student", "quiz", "questions", "answered", "blank", "correct", "score", "ungraded",
                   "attempts")


def _blank(answer: object) -> bool:
    """No answer: null in the log (None, or NaN once pandas has read it)."""
    return answer is None or (isinstance(answer, float) and math.isnan(answer))


def summary(log: pd.DataFrame, *, quiz: str | None = None, per_quiz: bool = False,
            questions: int | None = None) -> pd.DataFrame:
    """Each student's result: the latest answer (by time) to each question counts, except
    that a practice answer to a question the student answered in an exam does not
    (:func:`counted`).

    Columns:

    - ``student``: ``"(anonymous)"`` for answers given without a name (shown and
      counted, never dropped);
    - ``quiz``: with ``per_quiz=True`` only, one row per student and quiz;
    - ``questions``: how many questions the quiz holds, only when given as
      ``questions`` (``edu-kit results --assignment`` and ``edu-kit grade`` know it);
    - ``answered``: questions with an answer (the latest record is not blank);
    - ``blank``: questions submitted without an answer (an exam's Submit records a
      blank question with a null answer); a question never reached has no record and
      is in neither count, so ``questions - answered - blank`` were never reached;
    - ``correct``: right at the latest answer; ``score``: the sum of the latest
      answers' scores;
    - ``ungraded``: answers not graded yet (a written answer for the teacher, or an
      exam released without its key before ``edu-kit grade``); a blank is not one;
    - ``attempts``: all records, every attempt included.

    ``quiz`` keeps only that quiz.  ``log`` is what :func:`load` returns.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"time": pd.to_datetime([3, 1, 2, 4, 5], unit="s", utc=True),
    ...     "student": ["ana", "ana", "ana", None, "ana"], "quiz": ["exam", "practice", "exam", "exam", "exam"],
    ...     "question": ["q1", "q1", "q1", "q1", "q2"], "attempt": [1, 2, 1, 1, 1],
    ...     "answer": ["B", "A", "A", "A", None],
    ...     "correct": [False, True, True, True, False], "score": [0.0, 1.0, 1.0, 1.0, 0.0]})
    >>> summary(log, quiz="exam", questions=3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'student': '(anonymous)', 'questions': 3, 'answered': 1, 'blank': 0, 'correct': 1, 'score': 1.0,
      'ungraded': 0, 'attempts': 1},
     {'student': 'ana', 'questions': 3, 'answered': 1, 'blank': 1, 'correct': 0, 'score': 0.0,
      'ungraded': 0, 'attempts': 3}]
    """
    import pandas as pd
    literal_dollars(pd)

    keys = ["_has_id", "student", "quiz"] if per_quiz else ["_has_id", "student"]
    columns = [c for c in SUMMARY_COLUMNS
               if (c != "quiz" or per_quiz) and (c != "questions" or questions is not None)]
    if quiz is not None:
        log = log[log["quiz"] == quiz]
    if log.empty:
        return pd.DataFrame(columns=columns)
    log = log.assign(_has_id=log["student"].notna(), student=student_labels(log["student"]))
    last = latest(counted(log))
    blank = (last["answer"].map(_blank) if "answer" in last else pd.Series(False, index=last.index)).astype(bool)
    correct = last["correct"].astype("boolean")
    last = last.assign(correct=correct.fillna(False).astype(int),
                       ungraded=(correct.isna() & ~blank).astype(int), blank=blank.astype(int),
                       answered=(~blank).astype(int), score=last["score"].astype(float).fillna(0.0))
    table = last.groupby(keys, as_index=False).agg(
        answered=("answered", "sum"), blank=("blank", "sum"), correct=("correct", "sum"),
        score=("score", "sum"), ungraded=("ungraded", "sum"),
    )
    for column in ("answered", "blank", "correct", "ungraded"):
        table[column] = table[column].astype(int)
    if questions is not None:
        table["questions"] = int(questions)
    attempts = log.groupby(keys).size().rename("attempts").reset_index()
    table = table.merge(attempts, on=keys)
    table["_order"] = table["student"].map(student_key)
    order = ["_has_id", "_order", "quiz"] if per_quiz else ["_has_id", "_order"]
    return table.sort_values(order, kind="stable")[columns].reset_index(drop=True)


def student_key(student: object) -> tuple[str, str]:
    """How students are ordered wherever they are listed: alphabetically ignoring case
    (``casefold``), the id itself breaking a tie, as a mark book or Moodle lists them."""
    text = str(student)
    return (text.casefold(), text)


def student_order(students: Iterable[object]) -> list[Any]:
    """``students`` sorted by :func:`student_key`.

    >>> student_order(["ben", "O'Brien, Pat", "ana", "Ana"])
    ['Ana', 'ana', 'ben', "O'Brien, Pat"]
    """
    return sorted(students, key=student_key)


#: How :func:`summary` shows a student whose id is literally ``(anonymous)`` (an old log, or
#: ``record`` called directly: the name is reserved), never merged with answers without a name.
NAMED_ANONYMOUS = '"(anonymous)" (a student id)'


def student_labels(students: pd.Series) -> pd.Series:
    r"""Student ids as tables show them: NFC, control characters escaped (:func:`terminal_text`:
    an id cannot erase or forge a line), ``(anonymous)`` for answers without an id, and
    :data:`NAMED_ANONYMOUS` for the id ``(anonymous)`` itself, so the two never look alike.
    An id with a word mixing Latin letters with look-alikes of another script ("Аna" with a
    Cyrillic А) ends in :data:`MIXED_SCRIPTS`, so the teacher sees why two rows look alike.

    >>> import pandas as pd
    >>> student_labels(pd.Series(["ana", None, "(anonymous)", "eve\x1b[2K"])).tolist()
    ['ana', '(anonymous)', '"(anonymous)" (a student id)', 'eve\\x1b[2K']
    """
    from .classroom.identity import ANONYMOUS

    named = students.notna()
    ids = students.where(~named, students.map(_label, na_action="ignore"))
    return ids.where(~named | (ids != ANONYMOUS), NAMED_ANONYMOUS).where(named, ANONYMOUS).astype(object)


#: What :func:`student_labels` adds to an id with a word that mixes Latin letters with
#: look-alikes of another script: two such ids may display the same.
MIXED_SCRIPTS = " (mixed scripts: check the spelling)"


def _label(student: object) -> str:
    """One id as a table shows it (see :func:`student_labels`)."""
    from .quiz.leaks import mixed_script_word

    text = str(student_id(student))
    return terminal_text(text) + (MIXED_SCRIPTS if mixed_script_word(text) is not None else "")


#: Characters that move the cursor, erase, recolour or reorder what a terminal shows:
#: C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    r"""``text`` safe to print to a terminal: each control character (an ANSI escape's ESC, a
    carriage return, a bidi override) shown as a Python escape (``\x1b``, ``\u202e``).

    >>> terminal_text("mallory\x1b[2K\rben")
    'mallory\\x1b[2K\\rben'
    """
    return _TERMINAL_UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def terminal_table(frame: pd.DataFrame) -> str:
    r"""``frame.to_string(index=False)`` with every text cell and column name passed through
    :func:`terminal_text`: what a command prints from logs, which anyone could have written.

    >>> import pandas as pd
    >>> print(terminal_table(pd.DataFrame({"quiz": ["w\x1b[31m3"], "score": [1.0]})))
          quiz  score
    w\x1b[31m3    1.0
    """
    def safe(value: object) -> object:
        return terminal_text(value) if isinstance(value, str) else value

    shown = frame.rename(columns=lambda c: safe(c)).map(safe)
    return str(shown.to_string(index=False))
