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


OPEN_BANK = Bank((*BANK, Question("open-q", "open", "Why?", (), (), topics=("concepts",),  # type: ignore[arg-type]
                                  model_answer="Because.", rubric=("one point",), reference="test")))
NAMES = ["ben", "O'Brien, Pat", "ana", "Ana", "carl"]


def _class(folder: Path) -> Path:
    """NAMES answer q1 in 'Week 3' and q3 in 'Week 4'; ana and ben write the open answer, carl submits it blank."""
    rows = []
    for i, name in enumerate(NAMES):
        rows += [(name, "Week 3", "q1", "R", 1.0, 1, True, i), (name, "Week 4", "q3", "W1", 0.0, 1, True, 10 + i)]
    rows += [("ana", "Week 3", "open-q", "Because.", None, 1, True, 20),
             ("ben", "Week 3", "open-q", "So.", None, 1, True, 21),
             ("carl", "Week 3", "open-q", None, None, 1, True, 22)]
    _write(folder / "logs", rows)
    from edu_kit.quiz import dump_bank

    (folder / "bank.yaml").write_text(dump_bank("teacher", "Teacher", OPEN_BANK), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("lms", "said"), [("moodle", "5 student row(s)"),
                                           ("canvas", "5 student row(s) and the 'Points Possible' row"),
                                           ("long", "10 row(s), one per student and assignment")])
def test_gradebook_says_how_many_rows_the_file_holds(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      lms: str, said: str) -> None:
    from edu_kit.cli import main

    folder = _class(tmp_path)
    out = folder / "g.csv"
    assert main(["results", "gradebook", str(folder / "logs"), "--bank", str(folder / "bank.yaml"),
                 "--lms", lms, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"wrote {out}: {said}" in err
    body = out.read_text(encoding="utf-8").splitlines()[1:]
    assert len(body) == int(said.split()[0]) + (lms == "canvas")


def test_marks_counts_only_answers_still_to_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from edu_kit.cli import main

    folder = _class(tmp_path)
    args = ["results", "marks", str(folder / "logs"), "--bank", str(folder / "bank.yaml"), "--max", "1"]
    assert main([*args, "--out", str(folder / "m.csv")]) == 0
    assert "3 written answer(s), 2 still to mark" in capsys.readouterr().err  # carl's blank is not to mark
    text = (folder / "m.csv").read_text(encoding="utf-8-sig").replace("ana,open-q,,1", "ana,open-q,1,1")
    (folder / "m.csv").write_text(text, encoding="utf-8-sig")
    assert main([*args, "--marks", str(folder / "m.csv"), "--out", str(folder / "m.csv")]) == 0
    assert "3 written answer(s), 1 still to mark" in capsys.readouterr().err


def test_students_are_listed_ignoring_case_everywhere(tmp_path: Path) -> None:
    from edu_kit.classroom.open_answers import open_answers

    folder = _class(tmp_path)
    log = load(folder / "logs")
    expected = ["Ana", "ana", "ben", "carl", "O'Brien, Pat"]
    assert summary(log)["student"].tolist() == expected
    assert ia.student_scores(log, OPEN_BANK)["student"].tolist() == expected
    book = gradebook.grades(log, OPEN_BANK)
    assert list(dict.fromkeys(book["student"])) == expected
    for lms in ("moodle", "canvas"):
        rows = gradebook.to_csv(book, lms).splitlines()[1 + (lms == "canvas"):]
        assert [r.split(",")[0].strip('"') for r in rows] == ["Ana", "ana", "ben", "carl", "O'Brien"]
    assert open_answers(log, OPEN_BANK)["student"].tolist() == ["ana", "ben", "carl"]


@pytest.mark.parametrize(("extra", "said"), [((), "difficulty set to medium for 2 question(s)"),
                                             (("--difficulty", "hard"), "difficulty set to hard for 2 question(s)")])
def test_quiz_import_says_which_difficulty_it_gave(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   extra: tuple[str, ...], said: str) -> None:
    from edu_kit.cli import main

    source = tmp_path / "mine.gift"
    source.write_text("Ukraine joined NATO in 2008.{F}\n\nNATO was founded in 1949.{T}\n", encoding="utf-8")
    assert main(["quiz", "import", str(source), "--topic", "concepts", "--out", str(tmp_path / "b.yaml"),
                 *extra]) == 0
    err = capsys.readouterr().err
    assert f"{said} (the file gives none): edit the bank to change it" in err


def test_quiz_import_of_an_edu_kit_export_keeps_its_difficulty_silently(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from edu_kit.cli import main

    out = tmp_path / "bank.gift"
    assert main(["quiz", "export", "--format", "gift", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["quiz", "import", str(out), "--out", str(tmp_path / "back.yaml"), "--topic", "concepts"]) == 0
    assert "difficulty set to" not in capsys.readouterr().err
