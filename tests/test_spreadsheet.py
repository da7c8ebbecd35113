"""The one guard against spreadsheet formula injection, and every file that uses it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from edu_kit._spreadsheet import cell, uncell
from edu_kit.classroom import gradebook
from edu_kit.classroom.open_answers import marks_template, open_answers, read_marks
from edu_kit.classroom.report import analyse
from edu_kit.quiz.model import Bank, Question

# what a student can type as their name (blind review i15b #1, attack 16-2 #1-#3)
FORMULAS = ['=HYPERLINK("http://evil.example","ana")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\tx", "\r=1"]


def _formula_cells(text: str) -> list[str]:
    """Cells that Excel or LibreOffice would run (as the attack's checker sees them)."""
    return [c for row in csv.reader(io.StringIO(text)) for c in row
            if c and c[0] in "=+-@\t\r" and not c.lstrip("-").replace(".", "").isdigit()]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_text_gets_a_quote_and_comes_back(text: str) -> None:
    assert cell(text) == "'" + text
    assert uncell(cell(text)) == text


@pytest.mark.parametrize("value", ["ana", "-2", "3.5", "-0,5", "+1", 3, -2.5, None, "'already quoted", ""])
def test_plain_text_and_numbers_stay_as_they_are(value: object) -> None:
    assert cell(value) == value
    if isinstance(value, str):
        assert uncell(value) == value


def _log() -> tuple[pd.DataFrame, Bank]:
    bank = Bank((Question("q1", "true_false", "?", ("True", "False"), True, topics=("concepts",)),))
    students = [*FORMULAS[:4], "ana", None]
    frame = pd.DataFrame({
        "time": pd.date_range("2022-01-10T09:00Z", periods=len(students), freq="min"), "student": students,
        "quiz": ["=1+1"] * len(students), "question": "q1", "answer": True, "correct": True, "score": 1.0,
        "attempt": 1})
    return frame, bank


@pytest.mark.parametrize("layout", gradebook.LAYOUTS)
def test_gradebook_csv_holds_no_formula(layout: str) -> None:
    log, bank = _log()
    text = gradebook.to_csv(gradebook.grades(log, bank), layout)
    assert _formula_cells(text) == []
    assert "'=HYPERLINK" in text


def test_gradebook_excel_holds_no_formula_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    log, bank = _log()
    path = gradebook.write_excel(gradebook.grades(log, bank), tmp_path / "g.xlsx")
    book = openpyxl.load_workbook(path)
    kinds = {c.data_type for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "f" not in kinds
    assert gradebook.left_out(gradebook.grades(log, bank), "excel") == 0  # anonymous kept in Excel
    values = {c.value for row in book["long"].iter_rows() for c in row}
    assert set(FORMULAS[:4]) <= values  # the ids exactly as typed, as text
    assert 1 in values  # scores stay numbers


def test_marks_file_guards_ids_and_answers_and_reads_them_back(tmp_path: Path) -> None:
    question = Question("open-q", "open", "Why?", (), (), topics=("concepts",),  # type: ignore[arg-type]
                        model_answer="Because.", rubric=("one point",))
    bank = Bank((question,))
    log = pd.DataFrame({"time": pd.date_range("2022-01-10T09:00Z", periods=4, freq="min"),
                        "student": FORMULAS[:4], "quiz": "w", "question": "open-q", "answer": "=1+1 mine",
                        "correct": pd.array([None] * 4, dtype="boolean"), "score": float("nan"), "attempt": 1})
    path = tmp_path / "marks.csv"
    path.write_text(marks_template(open_answers(log, bank), 2), encoding="utf-8-sig")
    assert _formula_cells(path.read_text(encoding="utf-8-sig")) == []
    path.write_text(path.read_text(encoding="utf-8-sig").replace(",,2,,1", ",2,2,=SUM(A1),1"), encoding="utf-8")
    marks = read_marks(path)
    assert sorted(marks["student"]) == sorted(FORMULAS[:4])
    scores = analyse(log, bank, marks).scores.set_index("student")
    assert scores.loc[FORMULAS[0], "score"] == 1.0  # the mark reached the student
