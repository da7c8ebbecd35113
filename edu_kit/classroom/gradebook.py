"""Gradebook export: scores per student and assignment, for Moodle, Canvas and Excel.

An *assignment* is a quiz of the log (its ``quiz`` field: a notebook quiz's title).
Each question is worth one point: the score of the student's latest answer in that
assignment (an ``open`` answer counts ``mark / max`` once marked, see
:mod:`.open_answers`); a practice answer to a question the student answered in an exam
does not count (:func:`edu_kit.results.counted`).  The *maximum* of an assignment is the largest number of its
questions that one student answered (the quiz's length when students drew different
samples), unless ``maxima`` says otherwise.

Files (all UTF-8, comma-separated, one header row; every text cell that a spreadsheet
would read as a formula -- ``= + - @``, tab or CR first -- gets a leading ``'``, see
:mod:`edu_kit._spreadsheet`):

- ``long``: ``student,assignment,score,maximum,percent,to_mark`` (one row per pair);
- ``moodle``: ``username`` then one column per assignment (Moodle's *Import → CSV
  file*: map ``username`` to the user's username, each other column to a grade item
  whose maximum grade is the assignment's maximum -- :func:`maxima` lists them, and
  ``edu-kit results gradebook --lms moodle`` prints them -- or use ``percent`` with 100);
- ``canvas``: ``Student,ID,SIS User ID,SIS Login ID,Section`` then one column per
  assignment, and a ``Points Possible`` row (Canvas's *Gradebook → Import*; the
  student id goes in ``Student`` and ``SIS Login ID``; Canvas creates a new
  assignment for a column it does not know).

Anonymous answers (no student name) stay in ``long`` and the Excel file but are left out
of ``moodle`` and ``canvas``: the platforms have no such user (Moodle refuses the whole
file for one unknown user), and one anonymous row may pool several people.
:func:`left_out` counts them.

>>> import pandas as pd
>>> from edu_kit.quiz.model import Bank, Question
>>> bank = Bank(tuple(Question(f"q{i}", "true_false", "?", ("True", "False"), True, topics=("concepts",))
...                   for i in (1, 2)))
>>> log = pd.DataFrame({"time": pd.to_datetime(["2022-01-10T09:00Z"] * 3), "student": ["ana", "ana", "ben"],
...     "quiz": ["Week 3"] * 3, "question": ["q1", "q2", "q1"], "answer": [True, False, True],
...     "correct": [True, False, True], "score": [1.0, 0.0, 1.0], "attempt": [1, 1, 1]})
>>> grades(log, bank)[["student", "assignment", "score", "maximum"]].values.tolist()
[['ana', 'Week 3', 1.0, 2], ['ben', 'Week 3', 1.0, 2]]
>>> print(to_csv(grades(log, bank), "canvas").replace("\\r\\n", "\\n"))
Student,ID,SIS User ID,SIS Login ID,Section,Week 3
Points Possible,,,,,2
ana,,,ana,,1
ben,,,ben,,1
<BLANKLINE>
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._spreadsheet import csv_writer, write_sheet
from .._spreadsheet import row as safe_row
from ..errors import ChoiceError, EduKitError
from ..results import counted, student_key, student_order
from .identity import ANONYMOUS

if TYPE_CHECKING:
    import pandas as pd

    from ..quiz.model import Bank

__all__ = ["LAYOUTS", "PERCENT_RULE", "file_rows", "grades", "left_out", "maxima", "to_csv", "write_excel"]

#: How the gradebook's ``percent`` is computed (also printed by ``edu-kit results gradebook``).
PERCENT_RULE = ("gradebook percent = score / the assignment's maximum (its number of questions); "
                "an answer still to mark counts 0 until marked")

#: The CSV layouts :func:`to_csv` writes.
LAYOUTS = ("long", "moodle", "canvas")
_CANVAS_IDS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def grades(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None = None,
           maxima: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per (student, assignment): ``student``, ``assignment``, ``score``,
    ``maximum``, ``percent`` and ``to_mark`` (open answers without a mark; one submitted
    blank counts 0 and is not to mark).

    Answers are graded again with ``bank``'s key first (:func:`.grading.regrade`: a key
    fixed after the quiz counts, and keyless exam answers are graded); marks count as
    :func:`.open_answers.usable_marks` says.  ``attrs["notes"]`` holds what the teacher
    should know: regraded questions, marks that were not used (with their line).
    ``percent`` is :data:`PERCENT_RULE`.
    """
    import pandas as pd

    from .grading import regrade
    from .open_answers import usable_marks

    columns = ["student", "assignment", "score", "maximum", "percent", "to_mark"]
    graded = regrade(log, bank)
    given, mark_notes = usable_marks(graded, bank, marks)
    notes = (*graded.attrs.get("notes", ()), *mark_notes)
    frame = graded[graded["question"].isin(set(bank.ids))].copy()
    frame.attrs = {}  # kept in ``notes``: pandas deep-copies attrs on every per-group step (atk4 A11)
    if frame.empty:
        empty = pd.DataFrame(columns=columns)
        empty.attrs["notes"] = notes
        return empty
    frame["student"] = frame["student"].astype(object).where(frame["student"].notna(), ANONYMOUS)
    frame = counted(frame).sort_values(["time", "attempt"], kind="stable")  # an exam answer outlasts practice
    last = frame.groupby(["student", "quiz", "question"], as_index=False, sort=False).tail(1).copy()
    is_open = last["question"].map(lambda q: str(bank[q].type) == "open")
    blank = last["answer"].map(lambda a: a is None or (isinstance(a, float) and math.isnan(a)))
    # a written answer counts its mark; submitted blank, it counts 0 until marked (nothing to mark);
    # an answer that could not be graded counts 0
    last["points"] = [given.get((s, q), 0.0 if b else math.nan) if o else (0.0 if v != v else float(v))
                      for s, q, o, b, v in zip(last["student"], last["question"], is_open, blank, last["score"],
                                               strict=True)]
    counts = last.groupby(["quiz", "student"])["question"].nunique()
    most = counts.groupby(level="quiz").max()
    rows = []
    groups = sorted(last.groupby(["student", "quiz"], sort=False),
                    key=lambda group: (student_key(group[0][0]), str(group[0][1])))  # students ignoring case
    for (student, quiz), sub in groups:
        maximum = float((maxima or {}).get(str(quiz), most[quiz]))
        score = float(sub["points"].fillna(0).sum())
        rows.append({"student": student, "assignment": quiz, "score": score,
                     "maximum": int(maximum) if maximum.is_integer() else maximum,
                     "percent": 100 * score / maximum if maximum else math.nan,
                     "to_mark": int(sub["points"].isna().sum())})
    table = pd.DataFrame(rows, columns=columns)
    table.attrs["notes"] = notes
    return table


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def maxima(table: pd.DataFrame) -> dict[str, float]:
    """Each assignment's maximum (points), in the order of ``table`` (:func:`grades`)."""
    found: dict[str, float] = {}
    for assignment, maximum in zip(table["assignment"], table["maximum"], strict=True):
        found[str(assignment)] = max(float(maximum), found.get(str(assignment), 0.0))
    return found


def left_out(table: pd.DataFrame, layout: str) -> int:
    """How many rows of ``table`` :func:`to_csv` leaves out of ``layout`` (anonymous answers)."""
    if layout not in ("moodle", "canvas") or table.empty:  # long and Excel keep them
        return 0
    return int((table["student"] == ANONYMOUS).sum())


def file_rows(table: pd.DataFrame, layout: str) -> str:
    """What the file of ``layout`` holds besides its header, said for the teacher: the rows of
    ``long`` (one per student and assignment), the student rows of ``moodle`` and ``canvas``
    (one per named student; Canvas's file adds a ``Points Possible`` row), or the sheets of
    the Excel file."""
    if layout not in (*LAYOUTS, "excel"):
        raise ChoiceError.of("gradebook layout", layout, (*LAYOUTS, "excel"))
    students = len({s for s in table["student"] if s != ANONYMOUS}) if not table.empty else 0
    if layout == "moodle":
        return f"{students} student row(s)"
    if layout == "canvas":
        return f"{students} student row(s) and the 'Points Possible' row"
    if layout == "excel":
        return f"{table['student'].nunique() if not table.empty else 0} student row(s) in 'grades', {len(table)} in 'long'"
    return f"{len(table)} row(s), one per student and assignment"


def to_csv(table: pd.DataFrame, layout: str = "long", percent: bool = False) -> str:
    """The CSV text of :func:`grades` in one of :data:`LAYOUTS`.

    ``percent`` writes percentages (0-100) instead of points in the wide layouts.
    Anonymous rows are left out of ``moodle`` and ``canvas`` (:func:`left_out`).
    """
    if layout not in LAYOUTS:
        raise ChoiceError.of("gradebook layout", layout, LAYOUTS)
    out = io.StringIO()
    writer = csv_writer(out)
    if layout == "long":
        writer.writerow(safe_row(table.columns))
        for row in table.itertuples(index=False):
            writer.writerow(safe_row([row.student, row.assignment, _plain(row.score), _plain(row.maximum),
                                      f"{row.percent:.1f}", row.to_mark]))
        return out.getvalue()
    assignments = list(dict.fromkeys(table["assignment"]))
    named = table[table["student"] != ANONYMOUS]
    value = "percent" if percent else "score"
    wide = named.pivot(index="student", columns="assignment", values=value)
    wide = wide.reindex(student_order(wide.index))  # as a mark book lists them: ignoring case
    most = maxima(table)
    if layout == "moodle":
        writer.writerow(safe_row(["username", *assignments]))
    else:
        writer.writerow(safe_row([*_CANVAS_IDS, *assignments]))
        writer.writerow(safe_row(["Points Possible", "", "", "", "",
                                  *(100 if percent else _plain(most[str(a)]) for a in assignments)]))
    for student, row in wide.iterrows():
        cells = ["" if math.isnan(row.get(a, math.nan)) else _plain(row[a]) for a in assignments]
        ids = [student] if layout == "moodle" else [student, "", "", student, ""]
        writer.writerow(safe_row([*ids, *cells]))
    return out.getvalue()


def write_excel(table: pd.DataFrame, out: str | os.PathLike[str], extra: Mapping[str, Any] | None = None) -> Path:
    """Write :func:`grades` to an Excel workbook: sheets ``grades`` (one row per student,
    one column per assignment, points), ``long`` (the table) and any ``extra``
    DataFrames by sheet name.  Every text is a text cell, never a formula (a student's
    name can start with ``=``).  Needs openpyxl (``pip install 'edu-kit[teacher]'``)."""
    from importlib.util import find_spec

    if find_spec("openpyxl") is None:
        raise EduKitError("writing Excel files needs openpyxl",
                          hint="pip install 'edu-kit[teacher]' (or pip install openpyxl)")
    import pandas as pd
    from openpyxl import Workbook

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    wide = table.pivot(index="student", columns="assignment", values="score") if not table.empty \
        else pd.DataFrame()
    wide = wide.reindex(student_order(wide.index))  # as a mark book lists them: ignoring case
    wide.index.name = "student"
    book = Workbook()
    book.remove(book.worksheets[0])
    write_sheet(book.create_sheet("grades"), wide, index=True)
    write_sheet(book.create_sheet("long"), table)
    for name, frame in (extra or {}).items():
        write_sheet(book.create_sheet(str(name)[:31]), frame)
    book.save(path)
    return path
