"""Marks files and gradebooks read back exactly, whatever an id holds; a rewrite keeps every row in order."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from edu_kit._spreadsheet import uncell
from edu_kit.classroom import gradebook
from edu_kit.classroom.open_answers import marks_template, open_answers, read_marks
from edu_kit.quiz.model import Bank, Question

# ids a hand-made or foreign log can hold (review i15 #1): line breaks, quotes, commas, formula starts
IDS = ["ana\r", "ana\rben", "c\nd", "e\r\nf", 'say "hi"', "a,b", "=1+1", "+x", "-y", "@z", "\r=1", "'q", "ana"]


def _bank(qid: str = "open-q") -> Bank:
    return Bank((Question(qid, "open", "Why?", (), (), topics=("concepts",),  # type: ignore[arg-type]
                          model_answer="Because.", rubric=("one point",)),))


def _log(students: list[str | None], qid: str = "open-q", answers: list[object] | None = None) -> pd.DataFrame:
    n = len(students)
    return pd.DataFrame({"time": pd.date_range("2022-01-10T09:00Z", periods=n, freq="min"), "student": students,
                         "quiz": "w", "question": qid, "answer": answers if answers is not None else ["mine"] * n,
                         "correct": pd.array([None] * n, dtype="boolean"), "score": float("nan"), "attempt": 1})


@pytest.mark.parametrize("student", IDS)
def test_marks_file_reads_back_any_student_id(tmp_path: Path, student: str) -> None:
    bank = _bank()
    path = tmp_path / "marks.csv"
    path.write_text(marks_template(open_answers(_log([student]), bank), 2), encoding="utf-8-sig", newline="")
    marks = read_marks(path)
    assert marks["student"].tolist() == [student]
    assert marks["question"].tolist() == ["open-q"]


@pytest.mark.parametrize("qid", ["open\rq", "open,q", 'open"q', "open\nq", "=open"])
def test_marks_file_reads_back_any_question_id(tmp_path: Path, qid: str) -> None:
    path = tmp_path / "marks.csv"
    path.write_text(marks_template(open_answers(_log(["ana"], qid), _bank(qid)), 2), encoding="utf-8-sig",
                    newline="")
    assert read_marks(path)["question"].tolist() == [qid]


def _true_false_log(students: list[str]) -> tuple[pd.DataFrame, Bank]:
    bank = Bank((Question("q1", "true_false", "?", ("True", "False"), True, topics=("concepts",)),))
    n = len(students)
    log = pd.DataFrame({"time": pd.date_range("2022-01-10T09:00Z", periods=n, freq="min"), "student": students,
                        "quiz": ["w,1\r"] * n, "question": "q1", "answer": True, "correct": True, "score": 1.0,
                        "attempt": 1})
    return log, bank


@pytest.mark.parametrize("layout", gradebook.LAYOUTS)
def test_gradebook_csv_reads_back_every_id(layout: str) -> None:
    log, bank = _true_false_log(IDS)
    text = gradebook.to_csv(gradebook.grades(log, bank), layout)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    width = len(rows[0])
    assert all(len(r) == width for r in rows)
    first = [uncell(r[0]) for r in rows[1:] if r[0] != "Points Possible"]
    assert sorted(first) == sorted(IDS)
    assert uncell(rows[0][-1]) == "w,1\r" or layout == "long"


def test_marks_rewrite_keeps_every_row_in_order(tmp_path: Path) -> None:
    bank = _bank()
    log = _log(["ben", "ana", "cy"])
    path = tmp_path / "marks.csv"
    # the teacher's own order, a duplicate row for ana (the last counts), a row for someone not in the logs
    path.write_text("student,question,mark,max,comment,version\r\n"
                    "cy,open-q,1,3,cy first,1\r\n"
                    "ana,open-q,1,3,old ana,1\r\n"
                    "zed,open-q,2,3,not in logs,1\r\n"
                    "ana,open-q,2,3,new ana,1\r\n", encoding="utf-8")
    marks = read_marks(path)
    text = marks_template(open_answers(log, bank, marks), 3, keep=marks)
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert [(r[0], r[2], r[4]) for r in rows] == [("cy", "1", "cy first"), ("ana", "1", "old ana"),
                                                  ("zed", "2", "not in logs"), ("ana", "2", "new ana"),
                                                  ("ben", "", "")]
    # written again and read again: the same rows, the same order, nothing lost
    path.write_text(text, encoding="utf-8-sig", newline="")
    again = read_marks(path)
    assert marks_template(open_answers(log, bank, again), 3, keep=again) == text


def test_blank_open_answer_is_in_the_marks_file(tmp_path: Path) -> None:
    bank = _bank()
    text = marks_template(open_answers(_log(["ana", "ben"], answers=["mine", None]), bank), 2)
    assert sorted(r[0] for r in csv.reader(io.StringIO(text, newline=""))) == ["ana", "ben", "student"]
