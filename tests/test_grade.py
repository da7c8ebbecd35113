"""grade(): table-driven over every question type: right, wrong, partial, edge cases."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edu_kit.quiz import AnswerError, Feedback, Numeric, Question, Source, grade
from edu_kit.quiz.grade import expected_text, unanswered
from edu_kit.quiz.model import TRUE_FALSE_CHOICES

SOURCE = Source("000", "TRT World", "2021-12-16", 0, 4, "NATO")


def _q(kind: str, choices: tuple[str, ...], answer: object, **kw: object) -> Question:
    return Question(
        f"t-{kind}", kind, "Prompt?", choices, answer,  # type: ignore[arg-type]
        explanation=f"Why ({kind}).", sources=(SOURCE,), topics=("concepts",), **kw,  # type: ignore[arg-type]
    )


SINGLE = _q("single", ("NATO", "CSTO", "EU"), "NATO")
MULTIPLE = _q(
    "multiple", ("Russia", "United States", "United Kingdom", "Germany"),
    ("Russia", "United States", "United Kingdom"),
)
TRUE_FALSE = _q("true_false", TRUE_FALSE_CHOICES, False)
ORDER = ("1994", "1997", "2008", "2014", "2015")
ORDERING = _q("ordering", ("2014", "1994", "2015", "1997", "2008"), ORDER)
MATCHING = _q(
    "matching", ("Geneva", "Brussels", "Vienna", "Paris"),
    (("SSD", "Geneva"), ("NRC", "Brussels"), ("OSCE PC", "Vienna")),
)
SHORT = _q("short_text", (), ("spheres of influence", "sphere of influence"))
NUMERIC = _q("numeric", (), Numeric(100_000, 10_000, "soldiers"))
EXACT = _q("numeric", (), Numeric(30, 0, "allies"))

# (question, answer, correct, score)
CASES: list[tuple[str, Question, object, bool, float]] = [
    ("single right", SINGLE, "NATO", True, 1.0),
    ("single wrong", SINGLE, "CSTO", False, 0.0),
    ("multiple right", MULTIPLE, ["United Kingdom", "Russia", "United States"], True, 1.0),
    ("multiple as set", MULTIPLE, {"Russia", "United States", "United Kingdom"}, True, 1.0),
    ("multiple 2 of 3", MULTIPLE, ("Russia", "United States"), False, 2 / 3),
    ("multiple 3 right 1 wrong", MULTIPLE, ("Russia", "United States", "United Kingdom",
                                            "Germany"), False, 2 / 3),
    ("multiple only wrong", MULTIPLE, ("Germany",), False, 0.0),
    ("multiple nothing", MULTIPLE, (), False, 0.0),
    ("true_false right", TRUE_FALSE, False, True, 1.0),
    ("true_false wrong", TRUE_FALSE, True, False, 0.0),
    ("ordering right", ORDERING, list(ORDER), True, 1.0),
    ("ordering one swap", ORDERING, ("1994", "1997", "2014", "2008", "2015"), False, 0.9),
    ("ordering reversed", ORDERING, tuple(reversed(ORDER)), False, 0.0),
    ("matching right", MATCHING, {"SSD": "Geneva", "NRC": "Brussels", "OSCE PC": "Vienna"},
     True, 1.0),
    ("matching as pairs", MATCHING, [("SSD", "Geneva"), ("NRC", "Brussels"),
                                     ("OSCE PC", "Vienna")], True, 1.0),
    ("matching 1 of 3", MATCHING, {"SSD": "Geneva", "NRC": "Vienna", "OSCE PC": "Paris"},
     False, 1 / 3),
    ("matching partial answer", MATCHING, {"SSD": "Geneva"}, False, 1 / 3),
    ("short exact", SHORT, "spheres of influence", True, 1.0),
    ("short case and spaces", SHORT, "  Spheres   OF influence ", True, 1.0),
    ("short punctuation", SHORT, "spheres-of-influence!", True, 1.0),
    ("short variant", SHORT, "Sphere of Influence", True, 1.0),
    ("short wrong", SHORT, "buffer zone", False, 0.0),
    ("short empty", SHORT, "   ", False, 0.0),
    ("short only punctuation", SHORT, "?!", False, 0.0),
    ("numeric exact", NUMERIC, 100_000, True, 1.0),
    ("numeric upper bound", NUMERIC, 110_000, True, 1.0),
    ("numeric lower bound", NUMERIC, 90_000.0, True, 1.0),
    ("numeric just above", NUMERIC, 110_000.01, False, 0.0),
    ("numeric just below", NUMERIC, 89_999.99, False, 0.0),
    ("numeric zero tolerance", EXACT, 30, True, 1.0),
    ("numeric zero tolerance float", EXACT, 30.0, True, 1.0),
    ("numeric zero tolerance off by one", EXACT, 31, False, 0.0),
    ("numeric negative", EXACT, -30, False, 0.0),
]


@pytest.mark.parametrize(("label", "question", "answer", "correct", "score"), CASES,
                         ids=[c[0] for c in CASES])
def test_grade_table(
    label: str, question: Question, answer: object, correct: bool, score: float
) -> None:
    feedback = grade(question, answer)
    assert feedback.correct is correct
    assert feedback.score == pytest.approx(score)
    assert 0.0 <= feedback.score <= 1.0
    assert feedback.explanation == question.explanation
    assert feedback.sources == (SOURCE,)
    assert ("Correct" in feedback.message) is correct
    assert ("✓" in feedback.message) is correct
    assert ("✗" in feedback.message) is not correct
    if not correct:
        assert "Not quite" in feedback.message


# (question, answer, fragment of the error message)
BAD: list[tuple[str, Question, object, str]] = [
    ("single number", SINGLE, 3, "single-choice question needs one choice's text"),
    ("single not a choice", SINGLE, "OTAN", "'OTAN' is not one of: 'NATO', 'CSTO', 'EU'"),
    ("single list", SINGLE, ["NATO"], "single-choice"),
    ("multiple string", MULTIPLE, "Russia", "a list of choice texts"),
    ("multiple unknown", MULTIPLE, ["Russia", "France"], "'France' is not one of"),
    ("true_false string", TRUE_FALSE, "False", "true/false question needs True or False"),
    ("true_false int", TRUE_FALSE, 0, "True or False"),
    ("ordering too short", ORDERING, ORDER[:4], "needs one entry for each of the 5 positions"),
    ("ordering too long", ORDERING, (*ORDER, None), "needs one entry for each of the 5 positions"),
    ("ordering unknown item", ORDERING, ("1994", "1997", "2008", "2014", "2022"), "'2022' is not one of"),
    ("ordering number", ORDERING, 1994, "an ordering question needs"),
    ("matching string", MATCHING, "Geneva", "a mapping of left item to right item"),
    ("matching unknown left", MATCHING, {"G7": "Geneva"}, "left item 'G7' is not one of"),
    ("matching unknown right", MATCHING, {"SSD": "Minsk"}, "'Minsk' is not one of"),
    ("short number", SHORT, 5, "short-text question needs text"),
    ("numeric list", NUMERIC, [100000], "numeric question needs a number"),
    ("numeric bool", NUMERIC, True, "a number"),
    ("numeric nan", NUMERIC, math.nan, "a number"),
    ("numeric none", NUMERIC, None, "a number"),
]


@pytest.mark.parametrize(("label", "question", "answer", "fragment"), BAD,
                         ids=[c[0] for c in BAD])
def test_wrong_type_answers_raise_a_clear_value_error(
    label: str, question: Question, answer: object, fragment: str
) -> None:
    with pytest.raises(AnswerError) as info:
        grade(question, answer)
    assert isinstance(info.value, ValueError)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (SINGLE, "NATO"),
        (MULTIPLE, "Russia; United States; United Kingdom"),
        (TRUE_FALSE, "False"),
        (ORDERING, "1. 1994; 2. 1997; 3. 2008; 4. 2014; 5. 2015"),
        (MATCHING, "SSD → Geneva; NRC → Brussels; OSCE PC → Vienna"),
        (SHORT, "spheres of influence (also accepted: sphere of influence)"),
        (NUMERIC, "100000 soldiers (± 10000 accepted)"),
        (EXACT, "30 allies"),
    ],
)
def test_expected_answer_in_words(question: Question, expected: str) -> None:
    assert expected_text(question) == expected
    assert grade(question, _any_wrong(question)).expected == expected


def _any_wrong(question: Question) -> object:
    wrong: dict[str, Callable[[], object]] = {
        "single": lambda: "CSTO",
        "multiple": lambda: ["Germany"],
        "true_false": lambda: True,
        "ordering": lambda: list(reversed(ORDER)),
        "matching": dict,
        "short_text": lambda: "nothing",
        "numeric": lambda: -1,
    }
    return wrong[question.type]()


def test_unanswered_feedback_scores_zero_and_reveals_the_key() -> None:
    feedback = unanswered(ORDERING)
    assert feedback == Feedback(False, 0.0, "✗ No answer given.", "Why (ordering).", (SOURCE,),
                                "1. 1994; 2. 1997; 3. 2008; 4. 2014; 5. 2015")


def test_partial_messages_say_how_much_was_right() -> None:
    assert "2 of the 3 correct choices" in grade(MULTIPLE, ["Russia", "United States"]).message
    assert "and 1 wrong one." in grade(MULTIPLE, ["Russia", "Germany"]).message
    swapped = ("1994", "1997", "2014", "2008", "2015")
    assert "3 of 5 items are in the right place" in grade(ORDERING, swapped).message
    assert "1 of 3 matches are right" in grade(MATCHING, {"SSD": "Geneva"}).message


@given(st.permutations(ORDER))
def test_ordering_score_is_fraction_of_pairs_in_order(order: list[str]) -> None:
    feedback = grade(ORDERING, order)
    rank = {item: i for i, item in enumerate(ORDER)}
    pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1 :]]
    assert feedback.score == pytest.approx(sum(rank[a] < rank[b] for a, b in pairs) / 10)
    assert feedback.correct is (tuple(order) == ORDER)


@given(st.sets(st.sampled_from(MULTIPLE.choices)))
def test_multiple_score_stays_in_range(chosen: set[str]) -> None:
    feedback = grade(MULTIPLE, chosen)
    assert 0.0 <= feedback.score <= 1.0
    assert feedback.correct is (chosen == set(MULTIPLE.answer))  # type: ignore[arg-type]


@given(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False))
def test_numeric_correct_iff_within_tolerance(value: float) -> None:
    assert grade(NUMERIC, value).correct is (abs(value - 100_000) <= 10_000 + 1e-4)


def test_grade_is_pure() -> None:
    before = repr(MATCHING)
    answer = {"SSD": "Geneva"}
    assert grade(MATCHING, answer) == grade(MATCHING, answer)
    assert answer == {"SSD": "Geneva"}
    assert repr(MATCHING) == before


# ----------------------------------------------------------------------------- review i13c (blank13)

# An exam records an unfinished ordering as given (review i13c finding 1): an empty position is
# None, an item may be in two positions.  A pair of items counts when both hold exactly one
# position and are in the key's order; 10 pairs for 5 items.
PARTIAL_ORDERS: list[tuple[str, tuple[str | None, ...], float, str]] = [
    ("last position empty", ("1994", "1997", "2008", "2014", None), 6 / 10, "1 position was left empty"),
    ("two positions empty", (None, "1997", None, "2014", "2015"), 3 / 10, "2 positions were left empty"),
    ("all empty", (None,) * 5, 0.0, "5 positions were left empty"),
    ("an item twice", ("1994", "1994", "2008", "2014", "2015"), 3 / 10, "'1994' is in 2 positions"),
    ("every position the same", ("1994",) * 5, 0.0, "'1994' is in 5 positions"),
    ("complete and right", ORDER, 1.0, ""),
]


@pytest.mark.parametrize(("label", "answer", "score", "detail"), PARTIAL_ORDERS,
                         ids=[c[0] for c in PARTIAL_ORDERS])
def test_an_unfinished_ordering_is_graded_as_given(label: str, answer: tuple[str | None, ...],
                                                   score: float, detail: str) -> None:
    feedback = grade(ORDERING, list(answer))
    assert feedback.score == pytest.approx(score)
    assert feedback.correct is (score == 1.0)
    assert detail in feedback.message


# A numeric answer recorded as typed (an exam's box that held no number, finding 2) is read
# with the widget's rules: a number is graded as the number, anything else is wrong.
TYPED_NUMBERS: list[tuple[str, Question, str, bool, str]] = [
    ("digits", EXACT, "30", True, "Correct"),
    ("with the unit", EXACT, "30 allies", True, "Correct"),
    ("full-width digits", EXACT, "\uff13\uff10", True, "Correct"),
    ("arabic-indic digits", EXACT, "\u0663\u0660", True, "Correct"),
    ("grouped", NUMERIC, "100,000", True, "Correct"),
    ("a word", EXACT, "thirty", False, "'thirty' is not a number."),
    ("decimal comma", EXACT, "3,5", False, "'3,5' is not a number."),
    ("a point grouping thousands", NUMERIC, "100.000", False, "'100.000' is not a number."),
    ("too large", EXACT, "1e999", False, "'1e999' is not a number."),
]


@pytest.mark.parametrize(("label", "question", "typed", "correct", "message"), TYPED_NUMBERS,
                         ids=[c[0] for c in TYPED_NUMBERS])
def test_a_number_recorded_as_typed_is_read_like_the_box(label: str, question: Question, typed: str,
                                                         correct: bool, message: str) -> None:
    feedback = grade(question, typed)
    assert feedback.correct is correct
    assert feedback.score == float(correct)
    assert message in feedback.message


@pytest.mark.parametrize(("key", "typed", "right"), [
    ("-3", "3", False),            # a sign is part of the number
    ("3", "-3", False),
    ("-3", "\u22123", True),       # a minus sign typed as U+2212
    ("-3", "\u20133", True),       # ... or as an en dash
    ("$5bn", "5bn", False),        # a currency is part of the amount
    ("$5bn", "\u20ac5bn", False),
    ("\u20ac5bn", "$5bn", False),
    ("$5bn", "$ 5bn", True),
    ("$5bn", " $5bn ", True),      # surrounding spaces never count
    ("5,000", "5000", True),       # nor does a missing thousands separator
    ("5000", "5,000 ", True),
    ("3.5", "35", False),
    ("Minsk-II", "minsk ii", True),  # a hyphen between words is still punctuation
    ("1994-2014", "1994 2014", True),
])
def test_short_text_keeps_signs_and_currencies(key: str, typed: str, right: bool) -> None:
    question = _q("short_text", (), (key,))
    assert grade(question, typed).correct is right
