"""What the teacher sees per student: one scoring rule for summary, report and gradebook (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from edu_kit.classroom import gradebook
from edu_kit.classroom import item_analysis as ia
from edu_kit.quiz.model import Bank, Question
from edu_kit.results import Response, load, record, summary

QUESTIONS = ("q1", "q2", "q3", "q4")
BANK = Bank(tuple(Question(q, "single", f"{q}?", ("R", "W1", "W2"), "R", explanation="x",
                           topics=("concepts" if q in ("q1", "q2") else "sources",),
                           reference="test") for q in QUESTIONS))  # type: ignore[arg-type]


def _write(folder: Path, rows: list[tuple[str, str, str, object, float | None, int, bool, int]]) -> pd.DataFrame:
    """rows: (student, quiz, question, answer, score, attempt, exam, minute)."""
    for student, quiz, question, answer, score, attempt, exam, minute in rows:
        correct = None if score is None else score > 0
        record(folder, Response(student=student, quiz=quiz, question=question, variant="0" * 16, answer=answer,
                                correct=correct, score=score, attempt=attempt, exam=exam,
                                time=f"2022-01-10T09:{minute:02d}:00.000Z"))
    return load(folder)


# The reviewer's case: ben right in the exam, then practice on the same question: wrong, right at attempt 2.
BEN = [("ben", "Week 3", "q1", "R", 1.0, 1, True, 1), ("ben", "Week 3", "q2", "R", 1.0, 1, True, 2),
       ("ben", "Week 3", "q3", "W1", 0.0, 1, True, 3), ("ben", "Week 3", "q4", "R", 1.0, 1, True, 4),
       ("ben", "practice", "q1", "W1", 0.0, 1, False, 30), ("ben", "practice", "q1", "R", 0.5, 2, False, 31)]


@pytest.mark.parametrize("practice_first", [False, True])
def test_practice_never_changes_an_exam_score_and_all_three_agree(tmp_path: Path, practice_first: bool) -> None:
    rows = [r if not practice_first or r[6] else (*r[:7], r[7] - 30) for r in BEN]
    log = _write(tmp_path, rows)
    total = float(summary(log)["score"].iloc[0])
    report = float(ia.student_scores(log, BANK)["score"].iloc[0])
    book = gradebook.grades(log, BANK)
    assert total == report == float(book["score"].sum()) == 3.0
    assert book["assignment"].tolist() == ["Week 3"]
    assert int(summary(log)["attempts"].iloc[0]) == 6  # every record is still in the log


def test_practice_still_counts_for_a_question_not_in_an_exam(tmp_path: Path) -> None:
    log = _write(tmp_path, [("ana", "practice", "q1", "W1", 0.0, 1, False, 1),
                            ("ana", "practice", "q1", "R", 0.5, 2, False, 2)])
    assert float(summary(log)["score"].iloc[0]) == float(ia.student_scores(log, BANK)["score"].iloc[0]) == 0.5


def test_percent_is_over_the_quizs_questions_so_stopping_early_is_not_rewarded(tmp_path: Path) -> None:
    # jo answers 2 of 4 (both right) and stops; ivan answers all 4, right twice, two submitted blank
    log = _write(tmp_path, [("jo", "Week 3", "q1", "R", 1.0, 1, True, 1), ("jo", "Week 3", "q2", "R", 1.0, 1, True, 2),
                            ("ivan", "Week 3", "q1", "R", 1.0, 1, True, 1),
                            ("ivan", "Week 3", "q2", "R", 1.0, 1, True, 2),
                            ("ivan", "Week 3", "q3", None, 0.0, 1, True, 3),
                            ("ivan", "Week 3", "q4", None, 0.0, 1, True, 4)])
    scores = ia.student_scores(log, BANK).set_index("student")
    assert scores.loc["jo", "percent"] == scores.loc["ivan", "percent"] == 50.0
    assert scores.loc["jo", "questions"] == scores.loc["ivan", "questions"] == 4
    # topic mastery over the topic's questions in the quiz: jo never reached the 'sources' ones
    assert scores.loc["jo", "concepts"] == 1.0
    assert scores.loc["jo", "sources"] == 0.0


def test_report_counts_blank_submissions_apart_from_answers(tmp_path: Path) -> None:
    log = _write(tmp_path, [("ivan", "Week 3", "q1", "R", 1.0, 1, True, 1),
                            ("ivan", "Week 3", "q2", None, 0.0, 1, True, 2),
                            ("ivan", "Week 3", "q3", None, 0.0, 1, True, 3)])
    row = ia.student_scores(log, BANK).iloc[0]
    expected = summary(log).iloc[0]
    assert (row["answered"], row["blank"]) == (expected["answered"], expected["blank"]) == (1, 2)


def test_the_report_shows_questions_and_blank_and_formats_to_mark_as_a_count(tmp_path: Path) -> None:
    from edu_kit.classroom import report

    log = _write(tmp_path / "logs", [("ivan", "Week 3", "q1", "R", 1.0, 1, True, 1),
                                     ("ivan", "Week 3", "q2", None, 0.0, 1, True, 2),
                                     ("jo", "Week 3", "q3", "R", 1.0, 1, True, 3)])
    text = report.to_html(report.analyse(log, BANK), "r")
    students = text[text.index('id="students"'):text.index('id="topics"')]
    assert '<th scope="col">submitted blank</th>' in students
    assert '<th scope="col">questions</th>' in students
    assert report._topic_columns(ia.student_scores(log, BANK)) == ["concepts", "sources"]  # to_mark stays a count
    assert "a blank or a question never reached counting 0" in students
