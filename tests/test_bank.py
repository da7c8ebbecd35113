"""load_bank / dump_bank: bundled banks, safe loading, errors, deterministic round trips."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from edu_kit._unicode import invisible_characters, stray_marks
from edu_kit.errors import ChoiceError, QuizBankError
from edu_kit.quiz import (
    DIFFICULTIES,
    TOPICS,
    TYPES,
    Bank,
    Numeric,
    Question,
    Source,
    bank,
    dump_bank,
    load_bank,
)
from edu_kit.quiz.cells import select
from edu_kit.quiz.check import normalize_text
from edu_kit.quiz.leaks import mixed_script_word

ROOT = Path(__file__).parent.parent
BAD = Path(__file__).parent / "data" / "bad" / "quizzes"
HANDWRITTEN = ROOT / "quizzes" / "handwritten"


# ----------------------------------------------------------------------------- bundled


def test_bundled_banks_load_and_cover_every_type() -> None:
    loaded = load_bank()
    hand = [q for q in loaded if q.origin == "handwritten"]
    assert len(hand) >= 30
    assert {q.type for q in hand} == set(TYPES)
    assert len(list(HANDWRITTEN.glob("*.yaml"))) >= 3
    assert all(set(q.topics) <= set(TOPICS) and q.difficulty in DIFFICULTIES for q in loaded)


def test_handwritten_facts_that_teachers_expect() -> None:
    loaded = load_bank(HANDWRITTEN)
    allies = loaded["hw-concepts-nato-allies"].answer
    assert allies == Numeric(30, 0, "allies")
    order = loaded["hw-timeline-order-treaties"].answer
    assert order == (
        "Budapest Memorandum on security assurances for Ukraine",
        "NATO-Russia Founding Act signed in Paris",
        "Bucharest summit: Ukraine and Georgia 'will become members of NATO'",
        "Russia annexes Crimea",
        "Minsk II Package of Measures",
    )


def test_handwritten_questions_have_provenance() -> None:
    for q in load_bank(HANDWRITTEN):
        assert q.sources or q.reference, q.id
        assert (q.model_answer if q.type == "open" else q.explanation).strip(), q.id
        assert q.taught_in, q.id


def test_load_bank_accepts_files_folders_and_lists() -> None:
    files = sorted(HANDWRITTEN.glob("*.yaml"))
    by_folder = load_bank(HANDWRITTEN)
    by_list = load_bank(files)
    assert by_folder.questions == by_list.questions
    assert by_folder.files == tuple(str(f) for f in files)
    assert load_bank(str(files[0])).names == (by_folder.names[0],)


# ----------------------------------------------------------------------------- errors


def test_load_bank_raises_with_every_problem() -> None:
    with pytest.raises(QuizBankError) as info:
        load_bank(BAD)
    error = info.value
    assert len(error.problems) >= 25
    text = str(error)
    assert text.splitlines()[0].startswith(f"{len(error.problems)} problems in the quiz bank")
    assert f"{BAD / 'key_rules.yaml'}, line 9: question 'single-two-keys'" in text
    assert "What to do: keep one answer" in text
    assert all(p.path and p.hint for p in error.problems)


def test_python_tag_raises_quiz_bank_error_not_code_execution() -> None:
    with pytest.raises(QuizBankError, match="unsupported YAML tag"):
        load_bank(BAD / "python_tag.yaml")
    assert not Path("/tmp/edu_kit_pwned").exists()


def test_load_bank_missing_path() -> None:
    with pytest.raises(QuizBankError, match="no such file or folder"):
        load_bank(ROOT / "no-such-bank.yaml")


# ----------------------------------------------------------------------------- dump


def test_dump_bank_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    questions = load_bank(HANDWRITTEN).questions
    text = dump_bank("all-handwritten", "All", questions)
    assert text == dump_bank("all-handwritten", "All", questions)
    path = tmp_path / "all.yaml"
    path.write_text(text, encoding="utf-8")
    again = load_bank(path)
    assert again.questions == questions
    assert again.names == ("all-handwritten",)
    assert again.titles == ("All",)
    assert dump_bank("all-handwritten", "All", again.questions) == text


def test_dump_bank_writes_keys_in_a_stable_order() -> None:
    q = load_bank(HANDWRITTEN)["hw-sources-quote-speaker"]
    text = dump_bank("x", "X", [q])
    keys = re.findall(r"^(?:- |  )([a-z]+):", text, flags=re.MULTILINE)
    assert keys == ["id", "type", "prompt", "choices", "answer", "explanation", "topics",
                    "difficulty", "origin", "sources"]
    assert "  - [“The aggressor is Russia.”, Jens Stoltenberg]" in text


def test_dump_bank_refuses_questions_that_would_not_load() -> None:
    bad = Question("bad id!", "single", "P", ("a", "b"), "c", explanation="e",
                   topics=("concepts",), reference="r")
    with pytest.raises(QuizBankError) as info:
        dump_bank("x", "X", [bad, bad])
    text = str(info.value)
    assert "'bad id!' is not a valid id" in text
    assert "the answer 'c' is not one of the choices" in text


_text = st.text(
    # no invisible (Cf or default-ignorable) characters, no combining marks on nothing and
    # no words mixing Latin with look-alikes: the bank checker refuses them (edu_kit.quiz.leaks)
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"),
                           blacklist_characters="\ufeff\x85\ufffc"),
    min_size=1, max_size=30,
).filter(lambda s: s.strip() != "" and mixed_script_word(s) is None
         and not invisible_characters(s) and not stray_marks(s))
_ids = st.from_regex(r"[a-z0-9][a-z0-9._:-]{0,20}", fullmatch=True)


def _skeleton(text: str) -> str:
    from edu_kit.quiz.leaks import skeleton

    return skeleton(text)


def _distinct(values: list[str]) -> bool:
    return len({normalize_text(v) for v in values}) == len(values) and all(
        normalize_text(v) for v in values
    )


@st.composite
def _questions(draw: st.DrawFn) -> Question:
    kind = draw(st.sampled_from(TYPES))
    choices: tuple[str, ...] = ()
    answer: object
    if kind in ("single", "multiple", "ordering", "matching"):
        # orderings and matchings need 3 items: with 2 the order shown gives the key away
        values = draw(st.lists(_text, min_size=3 if kind in ("ordering", "matching") else 2,
                               max_size=5))
        assume(_distinct(values) and _distinct([_skeleton(v) for v in values]))
        choices = tuple(values)
    if kind == "single":
        answer = draw(st.sampled_from(choices))
    elif kind == "multiple":
        answer = tuple(draw(st.lists(st.sampled_from(choices), min_size=1, unique=True)))
    elif kind == "true_false":
        choices, answer = ("True", "False"), draw(st.booleans())
    elif kind == "ordering":
        answer = tuple(draw(st.permutations(choices)))
    elif kind == "matching":
        lefts = draw(st.lists(_text, min_size=3, max_size=4, unique=True))
        answer = tuple((left, draw(st.sampled_from(choices))) for left in lefts)
    elif kind == "open":
        answer = ()
    elif kind == "short_text":
        variants = draw(st.lists(_text, min_size=1, max_size=3))
        assume(all(normalize_text(v) for v in variants))
        answer = tuple(variants)
    else:
        answer = Numeric(
            draw(st.floats(allow_nan=False, allow_infinity=False, width=64)),
            draw(st.floats(min_value=0, max_value=1e6)),
            draw(st.one_of(st.just(""), _text)),
        )
    sources = tuple(
        Source(draw(_ids), draw(st.one_of(st.none(), _text)),
               draw(st.one_of(st.none(), st.sampled_from(["2021-12-16", "2022-01", "2022"]))),
               start, start + draw(st.integers(1, 500)), draw(_text))
        for start in draw(st.lists(st.integers(0, 10_000), max_size=2))
    )
    return Question(
        id=draw(_ids), type=kind, prompt=draw(_text), choices=choices,
        answer=answer, explanation=draw(_text), sources=sources,
        topics=tuple(draw(st.lists(st.sampled_from(TOPICS), min_size=1, unique=True))),
        difficulty=draw(st.sampled_from(DIFFICULTIES)),
        origin=draw(st.sampled_from(("generated", "handwritten"))),
        fact=draw(st.one_of(st.none(), _ids)),
        reference=None if sources else draw(_text),
        model_answer=draw(_text) if kind == "open" else "",
        rubric=tuple(draw(st.lists(_text, min_size=1, max_size=3))) if kind == "open" else (),
        taught_in=draw(st.one_of(st.none(), st.sampled_from(["00_start_here", "04_concepts"]))),
        family=draw(st.one_of(st.none(), st.sampled_from(["supports", "open"]))),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.filter_too_much])
@given(st.lists(_questions(), min_size=1, max_size=3, unique_by=lambda q: q.id))
def test_dump_load_round_trip_property(questions: list[Question]) -> None:
    import tempfile

    text = dump_bank("prop", "Property: bank #1", questions)
    assert dump_bank("prop", "Property: bank #1", questions) == text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prop.yaml"
        path.write_text(text, encoding="utf-8")
        assert load_bank(path).questions == tuple(questions)


# ----------------------------------------------------------------------------- teachers


def test_bank_dataframe_has_documented_columns_and_no_answers() -> None:
    frame = bank(HANDWRITTEN)
    assert list(frame.columns) == ["id", "type", "topics", "difficulty", "origin", "prompt",
                                   "n_choices", "articles", "taught_in", "family"]
    assert len(frame) == len(load_bank(HANDWRITTEN))
    row = frame.set_index("id").loc["hw-sources-quote-speaker"]
    assert row["articles"] == "000, 001, 002"
    assert row["n_choices"] == 5
    flat = json.dumps(frame.to_dict(orient="records"), ensure_ascii=False)
    assert "North Macedonia" not in flat  # an explanation
    assert "answer" not in frame.columns


def test_select_by_topic_samples_per_student() -> None:
    loaded = load_bank(HANDWRITTEN)
    timeline = [q for q in loaded if "timeline" in q.topics]
    picked, quiz_id = select(loaded, topic="timeline", n=5, student="ana")
    assert len(picked) == 5
    assert quiz_id == "topic=timeline n=5"
    assert all("timeline" in q.topics for q in picked)
    assert select(loaded, topic="timeline", n=5, student="ana")[0] == picked
    samples = {select(loaded, topic="timeline", n=5, student=f"s{k}")[0] for k in range(10)}
    assert len(samples) > 1
    assert select(loaded, topic="timeline", n=999)[0] == tuple(timeline)


def test_select_by_ids_keeps_order() -> None:
    loaded = load_bank(HANDWRITTEN)
    ids = ["hw-timeline-crimea-year", "hw-concepts-minsk"]
    picked, quiz_id = select(loaded, ids)
    assert [q.id for q in picked] == ids
    assert quiz_id == "ids=" + "+".join(ids)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ids": ["hw-timeline-crimea-yaer"]},
         "question id 'hw-timeline-crimea-yaer' is not one of: 'hw-timeline-crimea-year'"),
        ({"topic": "timelines"}, "topic 'timelines' is not one of: 'timeline'"),
        ({"difficulty": "hrad"}, "difficulty 'hrad' is not one of: 'hard'"),
        ({"n": 0}, "n must be a whole number of 1 or more"),
        ({"ids": ["hw-concepts-minsk"], "topic": "timeline"}, "not both"),
    ],
)
def test_select_errors_name_allowed_values_nearest_first(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ChoiceError) as info:
        select(load_bank(HANDWRITTEN), **kwargs)
    assert message in str(info.value)


def test_bank_object_from_python() -> None:
    b = Bank(load_bank(HANDWRITTEN).questions[:2])
    assert len(bank(b)) == 2


def test_importing_quiz_does_not_import_heavy_modules() -> None:
    code = (
        "import sys, edu_kit.quiz\n"
        "print(sorted(m for m in ('pandas', 'ipywidgets', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.strip()
    assert out == "[]"


def test_only_widget_module_imports_ipywidgets() -> None:
    importers = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "edu_kit").rglob("*.py")
        if "import ipywidgets" in p.read_text(encoding="utf-8")
        or "from ipywidgets" in p.read_text(encoding="utf-8")
    ]
    assert importers == ["edu_kit/quiz/widget.py"]
