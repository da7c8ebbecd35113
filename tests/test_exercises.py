"""The "your turn" checkers: computed answers, answers in every form students give, kind messages."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import edu_kit
from edu_kit import exercises, quiz, views
from edu_kit.errors import ChoiceError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ("00_start_here", "01_reading_the_sources", "02_timeline", "03_positions", "04_concepts", "05_quiz")


@pytest.fixture(scope="module")
def corpus() -> edu_kit.Corpus:
    return edu_kit.load_corpus()


def _events(corpus: edu_kit.Corpus) -> pd.DataFrame:
    return views.timeline(corpus)


def _when(frame: pd.DataFrame, text: str) -> pd.Timestamp:
    return frame.loc[frame["what"].str.contains(text) & (frame["kind"] == "context"), "start"].iloc[0]


# How a student would answer each exercise, following its hint (not the checker's code).
STUDENT: dict[str, Callable[[edu_kit.Corpus], object]] = {
    "articles-count": lambda c: len(c),
    "latest-article": lambda c: c.overview().sort_values("published")["id"].iloc[-1],
    "speakers-000": lambda c: (
        c.quotes().query("article == '000' and not fragment and where == 'text'")["speaker"].unique()
    ),
    "misspelt-spellings": lambda c: c.variants().loc[lambda v: v["misspelt"], "spelling"],
    "conflict-speakers": lambda c: (
        c.conflicts().loc[lambda f: ~f["same_article"], ["speaker_a", "speaker_b"]].iloc[0].tolist()
    ),
    "record-002-speaker": lambda c: edu_kit.load_sources()["nato-2021-12-10-stoltenberg-scholz"].voice,
    "framing-claiming": lambda c: (
        views.sources(c).loc[lambda f: f["framing"].str.contains("claiming"), "article"]
    ),
    "wednesday-000": lambda c: c.dates().query("article == '000' and text == 'Wednesday'")["value"].iloc[0],
    "days-to-invasion": lambda c: (
        (_when(_events(c), "full-scale invasion") - _when(_events(c), "NATO-Russia Council meets")).days
    ),
    "january-article-days": lambda c: (
        _events(c).loc[lambda f: (f["kind"] == "article") & f["date"].str.startswith("2022-01"), "date"]
    ),
    "russia-speakers": lambda c: views.positions(c).query("side == 'Russia'")["speaker"].unique(),
    "russia-top-issue": lambda c: views.positions(c).query("side == 'Russia'")["issue"].value_counts().index[0],
    "concepts-001": lambda c: views.concept_mentions(c).query("article == '001'")["concept"],
    "bucharest-date": lambda c: "2008-04-03" if "2008-04-03" in views.concept_card("bucharest-summit-2008").when else None,
    "nrc-articles": lambda c: views.concept_mentions(c).query("concept == 'NATO-Russia Council'")["article"].nunique(),
    "timeline-questions": lambda c: int(quiz.bank()["topics"].str.contains("timeline").sum()),
}


def test_every_exercise_has_a_student_solution() -> None:
    assert set(STUDENT) == set(exercises.names())


@pytest.mark.parametrize("name", exercises.names())
def test_the_way_the_hint_suggests_is_accepted(name: str, corpus: edu_kit.Corpus) -> None:
    result = exercises.check(name, STUDENT[name](corpus))
    assert result.correct, result.message
    assert result.status == "correct"
    assert result.message.startswith("✓ Correct!")


@pytest.mark.parametrize("name", exercises.names())
def test_the_expected_answer_itself_is_accepted(name: str) -> None:
    want = exercises.expected(name)
    answer = want[0] if exercises.EXERCISES[name].kind == "text" else want  # type: ignore[index]
    assert exercises.check(name, answer).correct


@pytest.mark.parametrize("name", exercises.names())
def test_placeholder_says_not_answered_yet(name: str) -> None:
    for placeholder in (..., None):
        result = exercises.check(name, placeholder)
        assert result.status == "unanswered"
        assert not result
        assert repr(result) == str(result) == result.message
        assert "Not answered yet" in result.message
        assert f'exercises.hint("{name}")' in result.message


@pytest.mark.parametrize("name", exercises.names())
def test_every_exercise_has_a_task_and_a_hint(name: str) -> None:
    assert exercises.task(name).strip()
    assert exercises.hint(name).strip()
    assert exercises.EXERCISES[name].notebook in NOTEBOOKS


def test_every_notebook_has_exercises() -> None:
    for notebook in NOTEBOOKS:
        assert exercises.names(notebook), notebook
    assert sum(len(exercises.names(n)) for n in NOTEBOOKS) == len(exercises.names())


def test_expected_answers_are_computed_from_the_library(corpus: edu_kit.Corpus) -> None:
    assert exercises.expected("articles-count") == len(corpus)
    assert exercises.expected("latest-article") == max(corpus, key=lambda a: a.published or date.min).id
    assert set(exercises.expected("misspelt-spellings")) == set(  # type: ignore[call-overload]
        corpus.variants().query("misspelt")["spelling"]
    )
    assert exercises.expected("timeline-questions") == sum("timeline" in q.topics for q in quiz.load_bank().questions)


def test_no_expected_answer_is_written_in_the_code() -> None:
    source = (ROOT / "edu_kit" / "exercises.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    constants = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and id(node) not in docstrings}
    for name in exercises.names():
        if exercises.EXERCISES[name].kind == "article":
            continue  # article ids are also the inputs of exercises ("000", "001")
        want = exercises.expected(name)
        if isinstance(want, int):
            assert want < 10 or want not in constants, f"{name}: the answer {want} is written in exercises.py"
        elif isinstance(want, str):
            assert want not in constants, f"{name}: the answer {want!r} is written in exercises.py"
        else:  # a group, or accepted variants: a written-out answer would show all of them
            values = set(want)  # type: ignore[call-overload]
            assert not values <= constants, f"{name}: the answers {sorted(values)} are written in exercises.py"


# --- answers in the forms pandas gives ------------------------------------------------


def test_group_answers_in_any_container(corpus: edu_kit.Corpus) -> None:
    want = list(exercises.expected("speakers-000"))  # type: ignore[call-overload]
    quotes = corpus.quotes()
    forms: list[object] = [
        want,
        tuple(reversed(want)),
        set(want),
        [name.upper() for name in want],
        [*want, *want],  # repeats do not matter
        pd.Series(want),
        pd.Index(want),
        np.array(want),
        pd.DataFrame({"speaker": want}),
        pd.Series([*want, None]),  # missing values are ignored
        quotes.loc[(quotes["article"] == "000") & ~quotes["fragment"] & (quotes["where"] == "text"), "speaker"],
    ]
    for form in forms:
        assert exercises.check("speakers-000", form).correct, type(form)


def test_dates_in_any_form() -> None:
    day = exercises.expected("wednesday-000")
    assert isinstance(day, str)
    for form in (day, f" {day} ", date.fromisoformat(day), pd.Timestamp(day), np.datetime64(day), [day], pd.Series([day])):
        assert exercises.check("wednesday-000", form).correct, repr(form)
    days = list(exercises.expected("january-article-days"))  # type: ignore[call-overload]
    assert exercises.check("january-article-days", pd.to_datetime(pd.Series(days))).correct


def test_numbers_in_any_form() -> None:
    n = exercises.expected("days-to-invasion")
    assert isinstance(n, int)
    for form in (n, float(n), np.int64(n), str(n), pd.Series([n]), pd.Timedelta(days=n).days):
        assert exercises.check("days-to-invasion", form).correct, repr(form)


def test_article_ids_as_text_or_number() -> None:
    article = exercises.expected("latest-article")
    assert isinstance(article, str)
    for form in (article, int(article), pd.Series([article])):
        assert exercises.check("latest-article", form).correct


def test_text_answers_ignore_case_and_accept_id_or_label() -> None:
    for form in exercises.expected("russia-top-issue"):  # type: ignore[attr-defined]
        assert exercises.check("russia-top-issue", form.upper()).correct


# --- wrong answers get a useful, deterministic message -------------------------------


def test_a_wrong_group_says_how_many_are_right_without_giving_the_rest_away() -> None:
    want = list(exercises.expected("russia-speakers"))  # type: ignore[call-overload]
    result = exercises.check("russia-speakers", [want[0], "NATO", "Jens Stoltenberg"])
    assert result.status == "incorrect"
    assert result.message == (
        f"✗ Not yet: you have 1 of the {len(want)} right; these do not belong: 'Jens Stoltenberg', 'NATO'; "
        f"{len(want) - 1} are missing. Try again, or ask for exercises.hint(\"russia-speakers\")."
    )
    for missing in want[1:]:
        assert missing not in result.message


def test_a_wrong_number_says_too_high_or_too_low() -> None:
    n = exercises.expected("days-to-invasion")
    assert isinstance(n, int)
    assert f"{n + 1} is too high" in exercises.check("days-to-invasion", n + 1).message
    assert f"{n - 1} is too low" in exercises.check("days-to-invasion", n - 1).message


@pytest.mark.parametrize(
    ("name", "answer", "says"),
    [
        ("days-to-invasion", pd.DataFrame({"a": [1, 2, 3]}), "a table with 3 rows; the question asks for a number - try len(...)"),
        ("days-to-invasion", True, "True is not a number"),
        ("days-to-invasion", float("nan"), "nan is not a number"),
        ("speakers-000", pd.DataFrame({"a": [1], "b": [2]}), "a table with 2 columns; give just one column"),
        ("speakers-000", {"Jens Stoltenberg": 5}, "a mapping (a dict)"),
        ("wednesday-000", "last Wednesday", "'last Wednesday' is not a date written like 2021-12-16"),
        ("wednesday-000", ["2021-12-15", "2021-12-16"], "you gave 2 values; the question asks for one date"),
        ("latest-article", 3.5, "3.5 is not an article id"),
        ("russia-top-issue", "sanctions", "'sanctions' is not it"),
    ],
)
def test_unusable_answers_are_explained(name: str, answer: object, says: str) -> None:
    result = exercises.check(name, answer)
    assert result.status == "incorrect"
    assert says in result.message
    assert result.message.startswith("✗ Not yet: ")


def test_unknown_exercise_names_the_nearest() -> None:
    with pytest.raises(ChoiceError, match="exercise 'speakers-00' is not one of: 'speakers-000'"):
        exercises.check("speakers-00", 1)
    with pytest.raises(ChoiceError):
        exercises.hint("nope")


def test_importing_exercises_does_not_import_pandas() -> None:
    code = "import sys, edu_kit.exercises; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False False"
