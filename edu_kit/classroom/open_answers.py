"""Written answers to ``open`` questions, and the teacher's marks for them.

Open answers are never graded automatically.  The teacher reads them (in the report,
beside the model answer and the rubric) and records a mark in a **marks file**: a CSV
with the columns ``student``, ``question``, ``mark``, ``max``, ``comment`` and
``version``, one row per answer.  :func:`marks_template` writes one with every answer
and an empty mark; :func:`read_marks` reads it back, and the report and the gradebook
count ``mark / max`` as the question's score (:func:`usable_marks` decides which marks
count).  ``version`` is how many times the student had saved the answer when the file
was written: if the student saves it again later, the mark is for an older text, so it
no longer counts and the teacher is told to mark the answer again.  The file is written
with a byte-order mark (so Excel reads accents right) and every cell a spreadsheet would
run as a formula gets a leading ``'`` (:mod:`edu_kit._spreadsheet`), which
:func:`read_marks` removes again.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "marks.csv"
>>> _ = path.write_text("student,question,mark,max,comment\\nana,open-minsk,2,3,clear\\n")
>>> read_marks(path)[["student", "question", "mark", "max"]].values.tolist()
[['ana', 'open-minsk', 2.0, 3.0]]
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._spreadsheet import csv_writer, uncell
from .._spreadsheet import row as safe_row
from ..errors import EduKitError
from .identity import ANONYMOUS

if TYPE_CHECKING:
    import pandas as pd

    from ..quiz.model import Bank

__all__ = ["MARK_COLUMNS", "NO_ANSWER", "MarksError", "marks_template", "open_answers", "read_marks",
           "to_mark", "usable_marks"]

#: What :func:`open_answers` shows for a written answer submitted blank.
NO_ANSWER = "(no answer)"

#: The columns of a marks file, in order.
MARK_COLUMNS = ("student", "question", "mark", "max", "comment", "version")

#: What :func:`open_answers` says of an answer saved again after it was marked.
CHANGED = "changed after it was marked: mark it again"


class MarksError(EduKitError):
    """A marks file cannot be read: missing columns, a mark that is not a number, ..."""


def _latest(log: pd.DataFrame, bank: Bank) -> tuple[pd.DataFrame, dict[tuple[str, str], int]]:
    """The latest record of each (student, open question) and how often each was saved."""
    open_ids = [q.id for q in bank if str(q.type) == "open"]
    frame = log[log["question"].isin(open_ids)].copy()
    frame.attrs = {}  # notes and problems: pandas deep-copies attrs on every per-group step (atk4 A11)
    frame["student"] = frame["student"].astype(object).where(frame["student"].notna(), ANONYMOUS)
    frame = frame.sort_values(["time", "attempt"], kind="stable")
    saves = {(str(s), str(q)): int(n) for (s, q), n in frame.groupby(["student", "question"]).size().items()}
    latest = frame.groupby(["student", "question"], as_index=False, sort=False).tail(1)
    return latest, saves


def usable_marks(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None
                 ) -> tuple[dict[tuple[str, str], float], tuple[str, ...]]:
    """The marks that count, as ``{(student, question): mark / max}``, and notes on the others.

    A mark does not count, and a note naming the marks file's line says why, when no
    written answer by that student to that question is in ``log`` (a typo in an id, or a
    question that is not ``open``), or when the answer was saved again after the marks
    file was written (its ``version`` is lower than the answer's saves now).  Notes of
    :func:`read_marks` (two rows for one answer) come first.
    """
    if marks is None or marks.empty:
        return {}, tuple(() if marks is None else marks.attrs.get("notes", ()))
    _, saves = _latest(log, bank)
    where = str(marks.attrs.get("path", "the marks file"))
    notes = list(marks.attrs.get("notes", ()))
    chosen: dict[tuple[str, str], float] = {}
    for row in marks.to_dict("records"):
        key = (str(row["student"]), str(row["question"]))
        mark, most = _float(row.get("mark")), _float(row.get("max"))
        at = f"{where}, line {row['line']}" if "line" in row and row["line"] == row["line"] else where
        if key not in saves:
            if math.isnan(mark):
                continue
            student, qid = key
            why = (f"no question {qid!r} in the bank" if qid not in bank
                   else f"{qid!r} is not an open question (only written answers are marked)"
                   if str(bank[qid].type) != "open" else f"no written answer by {student!r} to {qid!r} in these logs")
            notes.append(f"{at}: {why}; this mark is not used (check the student and question ids)")
            continue
        chosen.pop(key, None)
        if math.isnan(mark) or math.isnan(most) or most <= 0:
            continue
        version = _float(row.get("version"))
        if not math.isnan(version) and saves[key] > version:
            notes.append(f"{at}: the answer by {key[0]!r} to {key[1]!r} was saved again after it was marked "
                         f"(save {saves[key]}, marked save {int(version)}); the mark is not used: read the new "
                         "answer and mark it again ('edu-kit results marks ... --marks FILE' keeps the old mark "
                         "in the comment)")
            continue
        chosen[key] = mark / most
    return chosen, tuple(notes)


def _caseless_order(students: pd.Series) -> pd.Series:
    """Sort keys listing students as a mark book does: ignoring case (:func:`edu_kit.results.student_key`)."""
    from ..results import student_key

    return students.map(lambda student: "\x00".join(student_key(student)))


def to_mark(answers: pd.DataFrame) -> int:
    """How many written answers of :func:`open_answers` still need a mark: not blank (a blank
    counts 0, nothing to mark) and either never marked or saved again after marking."""
    if answers.empty:
        return 0
    unmarked = answers["mark"].isna() | answers["changed"].astype(bool)
    return int((unmarked & ~answers["blank"].astype(bool)).sum())


def open_answers(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every student's latest written answer to each ``open`` question of ``bank``.

    Columns: ``question``, ``prompt``, ``model_answer``, ``rubric`` (tuple of points),
    ``student``, ``answer`` (text; :data:`NO_ANSWER` when the student submitted the
    question blank), ``blank`` (True for such an answer), ``time``, ``saves`` (how often
    it was saved), ``mark``, ``max`` and ``comment`` (from ``marks``; NaN / "" when not
    marked yet), ``marked_save`` (the ``version`` the mark was given to, NaN when not
    known) and ``changed`` (True when the answer was saved again after it was marked:
    ``mark`` is then the old mark, which no longer counts).  A student who never reached
    the question has no row.
    """
    import pandas as pd

    columns = ["question", "prompt", "model_answer", "rubric", "student", "answer", "blank", "time",
               "saves", "mark", "max", "comment", "marked_save", "changed"]
    latest, saves = _latest(log, bank)
    if latest.empty:
        return pd.DataFrame(columns=columns)
    given: dict[tuple[str, str], dict[str, Any]] = {}
    if marks is not None:
        for row in marks.to_dict("records"):
            given[(str(row["student"]), str(row["question"]))] = row
    rows: list[dict[str, Any]] = []
    by_question = {key: sub for key, sub in latest.groupby("question", sort=False)}  # noqa: C416
    for question in bank:
        qid = question.id
        if qid not in by_question:
            continue
        for row in by_question[qid].sort_values("student", key=_caseless_order).itertuples():
            key = (str(row.student), qid)
            mark = given.get(key, {})
            version = _float(mark.get("version"))
            rows.append({
                "question": qid, "prompt": question.prompt,
                "model_answer": str(getattr(question, "model_answer", "") or ""),
                "rubric": tuple(getattr(question, "rubric", ()) or ()),
                "student": str(row.student), "answer": NO_ANSWER if _blank(row.answer) else str(row.answer),
                "blank": _blank(row.answer),
                "time": row.time, "saves": saves[key],
                "mark": _float(mark.get("mark")), "max": _float(mark.get("max")),
                "comment": str(mark.get("comment", "") or ""), "marked_save": version,
                "changed": bool(not math.isnan(version) and saves[key] > version
                                and not math.isnan(_float(mark.get("mark")))),
            })
    return pd.DataFrame(rows, columns=columns)


def _float(value: object) -> float:
    """A number of a marks row (NaN when empty or missing: a DataFrame made by hand may hold None)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _blank(answer: object) -> bool:
    """No answer: null in the log (None, or NaN once pandas has read it)."""
    return answer is None or (isinstance(answer, float) and math.isnan(answer))


def marks_template(answers: pd.DataFrame, default_max: float = 1.0, keep: pd.DataFrame | None = None) -> str:
    """The CSV text of a marks file for ``answers`` (:func:`open_answers`).

    Marks already given are kept; the others are left empty for the teacher to fill in,
    with ``max`` set to ``default_max``; ``version`` is the answer's saves now.  An answer
    saved again after it was marked gets an empty mark, and its old mark goes into the
    comment ("earlier version (save 1) marked 3 / 3: ..."), so the teacher marks it again
    and nothing is lost.  With ``keep`` (an earlier marks file) every one of its rows is
    written again, in its order: the row in use for an answer (the last one) updated,
    every other row -- an answer not in ``answers``, the first of two rows for one answer
    -- as it was; answers new since then follow at the end.  So no mark is ever lost and
    the teacher's order stays.  Cells that a spreadsheet would run as a formula get a
    leading ``'``; every cell holding a comma, quote or line break is quoted.
    """
    fresh: dict[tuple[str, str], list[Any]] = {}
    for row in answers.itertuples():
        mark = "" if _missing(row.mark) else _plain(float(row.mark))
        most = _plain(default_max) if _missing(row.max) else _plain(float(row.max))
        comment = str(row.comment or "")
        if getattr(row, "changed", False):
            old = f"earlier version (save {int(row.marked_save)}) marked {mark} / {most}"
            mark, comment = "", f"{old}: {comment}" if comment else old
        fresh[(str(row.student), str(row.question))] = [row.student, row.question, mark, most, comment,
                                                        int(row.saves)]
    rows: list[list[Any]] = []
    written: set[tuple[str, str]] = set()
    if keep is not None:  # the earlier file's rows first, in its order; the last row for an answer is in use
        records = keep.to_dict("records")
        used = {(str(r["student"]), str(r["question"])): n for n, r in enumerate(records)}
        for number, record in enumerate(records):
            key = (str(record["student"]), str(record["question"]))
            if key in fresh and used[key] == number:
                rows.append(fresh[key])
                written.add(key)
                continue
            version = record.get("version", math.nan)
            rows.append([record["student"], record["question"],
                         "" if _missing(record["mark"]) else _plain(float(record["mark"])),
                         "" if _missing(record["max"]) else _plain(float(record["max"])),
                         record.get("comment") or "", "" if _missing(version) else int(version)])
    rows.extend(values for key, values in fresh.items() if key not in written)
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(MARK_COLUMNS)
    for values in rows:
        writer.writerow(safe_row(values))
    return out.getvalue()


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def read_marks(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a marks file; columns ``student``, ``question``, ``mark``, ``max``, ``comment``,
    ``version`` (NaN when the file has none) and ``line`` (its line in the file).

    Commas or semicolons separate the columns (a spreadsheet saves either), and a decimal
    comma in a mark is read as a point.  UTF-8 (with or without a byte-order mark) is
    read; a file that is not UTF-8 is read as Excel's Windows-1252 "CSV" and a note says
    so.  The leading ``'`` that :func:`marks_template` put before formula-like cells is
    removed, so the ids match the logs again.

    Rows with an empty mark are kept with ``mark`` NaN (not marked yet).  Two rows for
    the same answer are kept (the last one counts) and named in ``attrs["notes"]``.
    ``attrs["path"]`` is the file.  Raises :class:`MarksError` naming the file and line
    when a column is missing, a mark or a maximum is not a number, or a mark is outside
    0 .. max.
    """
    import pandas as pd

    source = Path(path)
    notes: list[str] = []
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise MarksError(f"cannot read the marks file: {exc.strerror or exc}", path=source,
                         hint="check the path; the file is written by 'edu-kit results marks'") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise MarksError("the marks file is neither UTF-8 nor Windows-1252 text", path=source, line=line,
                             hint="in Excel use Save As > 'CSV UTF-8 (Comma delimited)'") from None
        notes.append(f"{source}, line {line}: not UTF-8; read as Windows-1252 (Excel's 'CSV' format). To be "
                     "sure accents are right, save it with Excel's Save As > 'CSV UTF-8'")
    first_line = text.split("\n", 1)[0]
    separator = ";" if first_line.count(";") > first_line.count(",") else ","  # spreadsheets set to ';'
    reader = csv.DictReader(io.StringIO(text), delimiter=separator)
    missing = [c for c in MARK_COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise MarksError(f"the marks file has no column {', '.join(map(repr, missing))}", path=source,
                         line=1, hint="the first line must be: " + ",".join(MARK_COLUMNS))
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(reader, start=2):
        mark = _number(row.get("mark"), source, number, "mark")
        most = _number(row.get("max"), source, number, "max")
        if not math.isnan(most) and most <= 0:
            raise MarksError(f"max must be more than 0, not {row.get('max')!r}", path=source, line=number,
                             hint="give the points the answer could get, e.g. 3")
        if not math.isnan(mark) and not (0 <= mark <= (most if not math.isnan(most) else mark)):
            raise MarksError(f"the mark {row.get('mark')!r} is not between 0 and max ({row.get('max')})",
                             path=source, line=number, hint="give a mark from 0 to max")
        student = uncell(_trim(row.get("student")))
        question = uncell(_trim(row.get("question")))
        if (student, question) in seen:
            notes.append(f"{source}, lines {seen[(student, question)]} and {number}: two rows for the answer "
                         f"by {student!r} to {question!r}; line {number} counts (delete the row you do not mean)")
        seen[(student, question)] = number
        version = _number(row.get("version"), source, number, "version")
        rows.append({"student": student, "question": question, "mark": mark, "max": most,
                     "comment": uncell((row.get("comment") or "").strip()), "version": version, "line": number})
    frame = pd.DataFrame(rows, columns=[*MARK_COLUMNS, "line"])
    frame.attrs["path"] = str(source)
    frame.attrs["notes"] = tuple(notes)
    return frame


def _trim(text: str | None) -> str:
    """An id cell without the spaces a hand-edited file may put around it; a tab, carriage
    return or line feed that is part of the id (quoted in the file) stays."""
    return (text or "").strip(" ")


def _number(text: str | None, path: Path, line: int, what: str) -> float:
    if text is None or not text.strip():
        return math.nan
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise MarksError(f"{what} {text!r} is not a number", path=path, line=line,
                         hint=f"write the {what} as a number such as 2 or 2.5, or leave it empty") from None
    if math.isnan(value) or math.isinf(value):
        raise MarksError(f"{what} {text!r} is not a finite number", path=path, line=line,
                         hint=f"write the {what} as a number such as 2 or 2.5")
    return value
