"""Written answers to ``open`` questions, and the teacher's marks for them.

Open answers are never graded automatically.  The teacher reads them (in the report,
beside the model answer and the rubric) and records a mark in a **marks file**: a CSV
with the columns ``student``, ``question``, ``mark``, ``max`` and ``comment``, one row
per answer.  :func:`marks_template` writes one with every answer and an empty mark;
:func:`read_marks` reads it back, and the report and the gradebook count ``mark / max``
as the question's score.

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

from ..errors import EduKitError
from .identity import ANONYMOUS

if TYPE_CHECKING:
    import pandas as pd

    from ..quiz.model import Bank

__all__ = ["MARK_COLUMNS", "NO_ANSWER", "MarksError", "marks_template", "open_answers", "read_marks"]

#: What :func:`open_answers` shows for a written answer submitted blank.
NO_ANSWER = "(no answer)"

#: The columns of a marks file, in order.
MARK_COLUMNS = ("student", "question", "mark", "max", "comment")


class MarksError(EduKitError):
    """A marks file cannot be read: missing columns, a mark that is not a number, ..."""


def open_answers(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every student's latest written answer to each ``open`` question of ``bank``.

    Columns: ``question``, ``prompt``, ``model_answer``, ``rubric`` (tuple of points),
    ``student``, ``answer`` (text; :data:`NO_ANSWER` when the student submitted the
    question blank), ``blank`` (True for such an answer), ``time``, ``saves`` (how often
    it was saved), ``mark``, ``max`` and ``comment`` (from ``marks``; NaN / "" when not
    marked yet).  A student who never reached the question has no row.
    """
    import pandas as pd

    columns = ["question", "prompt", "model_answer", "rubric", "student", "answer", "blank", "time",
               "saves", "mark", "max", "comment"]
    open_ids = [q.id for q in bank if str(q.type) == "open"]
    frame = log[log["question"].isin(open_ids)].copy()
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["student"] = frame["student"].astype(object).where(frame["student"].notna(), ANONYMOUS)
    frame = frame.sort_values(["time", "attempt"], kind="stable")
    saves = frame.groupby(["student", "question"]).size()
    latest = frame.groupby(["student", "question"], as_index=False, sort=False).tail(1)
    given: dict[tuple[str, str], tuple[float, float, str]] = {}
    if marks is not None:
        for row in marks.itertuples():
            given[(str(row.student), str(row.question))] = (row.mark, row.max, str(row.comment))
    rows: list[dict[str, Any]] = []
    by_question = {key: sub for key, sub in latest.groupby("question", sort=False)}  # noqa: C416
    for qid in open_ids:
        question = bank[qid]
        if qid not in by_question:
            continue
        for row in by_question[qid].sort_values("student").itertuples():
            mark, most, comment = given.get((str(row.student), qid), (math.nan, math.nan, ""))
            rows.append({
                "question": qid, "prompt": question.prompt,
                "model_answer": str(getattr(question, "model_answer", "") or ""),
                "rubric": tuple(getattr(question, "rubric", ()) or ()),
                "student": str(row.student), "answer": NO_ANSWER if _blank(row.answer) else str(row.answer),
                "blank": _blank(row.answer),
                "time": row.time, "saves": int(saves[(row.student, qid)]),
                "mark": mark, "max": most, "comment": comment,
            })
    return pd.DataFrame(rows, columns=columns)


def _blank(answer: object) -> bool:
    """No answer: null in the log (None, or NaN once pandas has read it)."""
    return answer is None or (isinstance(answer, float) and math.isnan(answer))


def marks_template(answers: pd.DataFrame, default_max: float = 1.0, keep: pd.DataFrame | None = None) -> str:
    """The CSV text of a marks file for ``answers`` (:func:`open_answers`).

    Marks already given are kept; the others are left empty for the teacher to fill in,
    with ``max`` set to ``default_max``.  Rows of ``keep`` (an earlier marks file) whose
    answer is not in ``answers`` are kept at the end, so no mark is ever lost.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MARK_COLUMNS)
    seen = set()
    for row in answers.itertuples():
        mark = "" if _missing(row.mark) else _plain(float(row.mark))
        most = _plain(default_max) if _missing(row.max) else _plain(float(row.max))
        writer.writerow([row.student, row.question, mark, most, row.comment or ""])
        seen.add((str(row.student), str(row.question)))
    for row in (keep if keep is not None else answers.iloc[:0]).itertuples():
        if (str(row.student), str(row.question)) not in seen:
            writer.writerow([row.student, row.question, "" if _missing(row.mark) else _plain(float(row.mark)),
                             "" if _missing(row.max) else _plain(float(row.max)), row.comment or ""])
    return out.getvalue()


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def read_marks(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a marks file; columns ``student``, ``question``, ``mark``, ``max``, ``comment``.

    Commas or semicolons separate the columns (a spreadsheet saves either), and a decimal
    comma in a mark is read as a point.

    Rows with an empty mark are kept with ``mark`` NaN (not marked yet).  Raises
    :class:`MarksError` naming the file and line when a column is missing, a mark or a
    maximum is not a number, or a mark is outside 0 .. max.
    """
    import pandas as pd

    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MarksError(f"cannot read the marks file: {exc}", path=source,
                         hint="pass a UTF-8 CSV file written by 'edu-kit results marks'") from None
    first_line = text.split("\n", 1)[0]
    separator = ";" if first_line.count(";") > first_line.count(",") else ","  # spreadsheets set to ';'
    reader = csv.DictReader(io.StringIO(text), delimiter=separator)
    missing = [c for c in MARK_COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise MarksError(f"the marks file has no column {', '.join(map(repr, missing))}", path=source,
                         line=1, hint="the first line must be: " + ",".join(MARK_COLUMNS))
    rows = []
    for number, row in enumerate(reader, start=2):
        mark = _number(row.get("mark"), source, number, "mark")
        most = _number(row.get("max"), source, number, "max")
        if not math.isnan(most) and most <= 0:
            raise MarksError(f"max must be more than 0, not {row.get('max')!r}", path=source, line=number,
                             hint="give the points the answer could get, e.g. 3")
        if not math.isnan(mark) and not (0 <= mark <= (most if not math.isnan(most) else mark)):
            raise MarksError(f"the mark {row.get('mark')!r} is not between 0 and max ({row.get('max')})",
                             path=source, line=number, hint="give a mark from 0 to max")
        rows.append({"student": (row.get("student") or "").strip(),
                     "question": (row.get("question") or "").strip(),
                     "mark": mark, "max": most, "comment": (row.get("comment") or "").strip()})
    return pd.DataFrame(rows, columns=list(MARK_COLUMNS))


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
