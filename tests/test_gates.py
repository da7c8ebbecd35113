"""Quality gates: every gate has a failing example, and the bundled banks pass them all."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from edu_kit import load_corpus
from edu_kit.quiz import Bank, check_bank, check_text, load_bank
from edu_kit.quiz.cells import select, taught_by
from edu_kit.quiz.gates import distractor_report, key_share_issues, question_issues
from edu_kit.quiz.model import Numeric, Question, Source

ROOT = Path(__file__).resolve().parent.parent


def _single(choices: tuple[str, ...], answer: str, prompt: str = "Which one?", **kw: object) -> Question:
    return Question("q", "single", prompt, choices, answer, explanation="x", topics=("sources",),
                    reference="x", **kw)  # type: ignore[arg-type]


FAILING = {
    "key-in-prompt (header date)": _single(
        ("Thursday 16 December 2021", "Wednesday 15 December 2021", "Friday 10 December 2021"),
        "Thursday 16 December 2021",
        "According to article 000 (TRT World, Thursday 16 December 2021), when did Stoltenberg meet Zelensky?"),
    "key-in-prompt (numeric)": Question("n", "numeric", "NATO's 30 allies: how many allies?", (),
                                        Numeric(30, 0, "allies"), explanation="x", reference="x"),
    "lone date range": _single(("10–13 January 2022", "12 January 2022", "16 December 2021"),
                               "10–13 January 2022"),
    "lone long option": _single(("NATO", "Russia", "The North Atlantic Council of the allies in Brussels"),
                                "NATO"),
    "giveaway pronoun": _single(("He did", "NATO", "Russia", "Ukraine"), "He did"),
    "block passage": _single(("a", "b", "c"), "a", sources=(Source("000", None, None, 0, 2000, "x" * 2000),)),
    "boilerplate passage": _single(("a", "b", "c"), "a", sources=(
        Source("000", None, None, 0, 60, "READ MORE: EU mulls new Russia sanctions over Ukraine"),)),
}


@pytest.mark.parametrize("name", FAILING)
def test_each_gate_catches_its_failing_example(name: str) -> None:
    assert question_issues(FAILING[name]), name


def test_a_good_question_passes() -> None:
    good = _single(("Indivisibility of security", "Collective defence", "Freedom to choose alliances"),
                   "Indivisibility of security", "Which principle says no state should gain at another's expense?")
    assert question_issues(good) == ()


def test_key_share_per_family() -> None:
    qs = [Question(f"q{i}", "single", f"Who said {i}?", ("Stoltenberg", "Scholz", "Zelensky"),
                   "Stoltenberg" if i < 5 else "Scholz", family="who") for i in range(7)]
    flagged = key_share_issues(qs)
    assert [q.id for q, _ in flagged] == ["q3", "q4"]
    assert "5 of 7 keys are 'Stoltenberg'" in flagged[0][1].message
    assert key_share_issues(qs[4:]) == []  # too few to judge


BAD_BANK = """bank: teacher
title: A teacher's bank
questions:
  - id: t1
    type: single
    prompt: According to article 000 (16 December 2021), when did Stoltenberg meet Zelensky?
    choices: [16 December 2021, 15 December 2021, 12 January 2022]
    answer: 16 December 2021
    explanation: The article says Thursday.
    topics: [timeline]
    difficulty: easy
    reference: article 000
"""


def test_check_reports_gates_as_warnings_with_file_and_line() -> None:
    (problem,) = check_text(BAD_BANK, path="teacher.yaml")
    assert problem.severity == "warning"
    assert problem.line == 6
    assert str(problem).startswith("warning: teacher.yaml, line 6: question 't1': the key")


def test_warnings_do_not_stop_a_bank_from_loading(tmp_path: Path) -> None:
    path = tmp_path / "teacher.yaml"
    path.write_text(BAD_BANK, encoding="utf-8")
    assert load_bank(path).ids == ("t1",)


def test_cli_check_prints_warnings_and_succeeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from edu_kit.cli import main

    path = tmp_path / "teacher.yaml"
    path.write_text(BAD_BANK, encoding="utf-8")
    assert main(["quiz", "check", str(path)]) == 0
    out = capsys.readouterr()
    assert "warning: " in out.out
    assert "line 6" in out.out
    assert "1 warning(s)" in out.err


def test_bundled_banks_pass_every_gate() -> None:
    assert [str(p) for p in check_bank(corpus=load_corpus()) if p.severity == "warning"] == []


def test_distractor_quality_is_measured_from_responses() -> None:
    q = _single(("NATO", "Russia", "Ukraine"), "NATO")
    log = pd.DataFrame({"question": ["q"] * 10, "attempt": [1] * 10,
                        "answer": ["NATO"] * 7 + ["Russia"] * 3})
    report = distractor_report(log, [q]).set_index("option")
    assert report.loc["Russia", "chosen"] == 3
    assert bool(report.loc["Ukraine", "dead"]) is True
    assert bool(report.loc["NATO", "dead"]) is False


# ----------------------------------------------------------------------------- what a quiz draws


def _q(qid: str, taught: str, fact: str | None = None, family: str | None = None) -> Question:
    return Question(qid, "true_false", f"{qid}?", ("True", "False"), True, explanation="x",
                    topics=("sources",), reference="x", taught_in=taught, fact=fact, family=family)


def test_upto_draws_only_on_what_was_taught() -> None:
    bank = Bank((_q("a", "01_reading_the_sources"), _q("b", "03_positions"), _q("c", "04_concepts")))
    chosen, _ = select(bank, topic="sources", upto="03_positions")
    assert [q.id for q in chosen] == ["a", "b"]
    assert taught_by(bank["c"], "04_concepts")


def test_a_quiz_never_holds_two_questions_on_one_fact() -> None:
    bank = Bank(tuple(_q(f"q{i}", "01_reading_the_sources", fact=f"f{i // 2}") for i in range(8)))
    for student in ("ana", "ben", "cem"):
        chosen, _ = select(bank, topic="sources", n=4, student=student)
        assert len(chosen) == 4
        assert len({q.fact for q in chosen}) == 4


def test_unseen_prefers_questions_the_student_has_not_answered() -> None:
    bank = Bank(tuple(_q(f"q{i}", "01_reading_the_sources") for i in range(6)))
    chosen, _ = select(bank, topic="sources", n=3, student="ana", seen=frozenset({"q0", "q1", "q2"}))
    assert {q.id for q in chosen} == {"q3", "q4", "q5"}


def test_demo_questions_are_shown_only_by_id() -> None:
    bank = load_bank()
    chosen, _ = select(bank, topic="sources")
    assert not [q.id for q in chosen if q.family == "demo"]
    assert [q.id for q in select(bank, ["demo-second-attempt"])[0]] == ["demo-second-attempt"]


def test_every_bundled_question_is_taught_somewhere_and_00_has_only_the_demo() -> None:
    bank = load_bank()
    assert all(q.taught_in for q in bank)
    # 00 quizzes nobody on content: only the demo of how quizzes work, and written (never
    # graded) tasks about how to read a source.
    in_00 = [q for q in bank if q.taught_in == "00_start_here"]
    assert {q.family for q in in_00} == {"demo", "open"}
    assert all(q.type == "open" for q in in_00 if q.family != "demo")


def test_committed_bank_meets_the_issue_targets() -> None:
    bank = load_bank()
    new = {"supports", "cause", "obligations", "compare", "framing", "record", "contradicts", "open",
           "gen-record"}
    opened = [q for q in bank if q.type == "open"]
    assert len(bank) >= 80
    assert sum(q.family in new for q in bank) * 4 >= len(bank)
    assert len(opened) >= 8
    assert all(q.model_answer and q.rubric for q in opened)


@pytest.mark.parametrize("stem", ["01_reading_the_sources", "02_timeline", "03_positions", "04_concepts"])
def test_each_notebook_quiz_draws_only_on_what_it_or_an_earlier_one_taught(stem: str) -> None:
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    calls = [c.source for c in nb.cells if c.cell_type == "code" and "quiz.show(" in c.source]
    assert calls
    bank = load_bank()
    for call in calls:
        chosen = re.findall(r"""['"]((?:les|open|und|hw|gen|demo)-[\w-]+)['"]""", call)
        if chosen:  # questions chosen by id: each taught here or in an earlier notebook
            assert all((bank[qid].taught_in or "") <= stem for qid in chosen), (call, stem)
        else:  # drawn by topic: only from what this notebook or an earlier one taught
            assert f'upto="{stem}"' in call, call


def test_grading_later_leaves_written_answers_ungraded_and_writes_them_to_feedback(tmp_path: Path) -> None:
    from edu_kit.classroom.grading import grade_log, write_feedback
    from edu_kit.results import Response, load, record

    bank = load_bank()
    record(tmp_path / "logs", Response("ana", "hw1", "open-minsk-order", "v", "Elections first.", None, None, 1))
    record(tmp_path / "logs", Response("ana", "hw1", "hw-timeline-crimea-year", "v", 2014.0, None, None, 1))
    graded = grade_log(load(tmp_path / "logs"), bank, quiz="hw1")
    assert graded.attrs["problems"] == ()
    by_question = dict(zip(graded["question"], graded["correct"], strict=True))
    assert bool(by_question["hw-timeline-crimea-year"]) is True
    assert pd.isna(by_question["open-minsk-order"])
    (page,) = write_feedback(graded, bank, tmp_path / "out", "hw1")
    text = page.read_text(encoding="utf-8")
    assert "Elections first." in text
    assert "Score: 1/1." in text


@pytest.mark.parametrize(
    "choices",
    [
        ("<i>The Times</i>", "Reuters", "TASS", "Interfax"),  # markup is not a word ("i")
        ("The <i>Kyiv Independent</i>", "Reuters", "TASS", "Interfax"),
        ("Minsk I", "Minsk II", "Normandy format", "Istanbul Charter"),  # a numeral, not the pronoun
        ("World War I", "the Cold War", "the Crimean War", "the Winter War"),
    ],
)
def test_markup_and_numerals_are_not_giveaway_pronouns(choices: tuple[str, ...]) -> None:
    messages = [i.message for i in question_issues(_single(choices, choices[0]))]
    assert not [m for m in messages if "pronoun" in m], messages


@pytest.mark.parametrize("option", ["I agree", "<em>He</em> did", "as I said"])
def test_pronouns_around_markup_still_count(option: str) -> None:
    messages = [i.message for i in question_issues(_single((option, "NATO", "Russia", "Ukraine"), option))]
    assert [m for m in messages if "pronoun" in m], messages
