"""The question model, variants, safe YAML with lines, and the static forms."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from edu_kit.errors import ChoiceError
from edu_kit.quiz import Bank, Numeric, Question, Source
from edu_kit.quiz._yaml import parse_yaml
from edu_kit.quiz.model import TOPICS, TRUE_FALSE_CHOICES, TYPES, nearest_first
from edu_kit.quiz.render import display_for, feedback_html, html_form, text_form
from edu_kit.quiz.variants import sample, seed_for, shuffled

ROOT = Path(__file__).resolve().parent.parent


def _q(qid: str = "q1", kind: str = "single", **kw: object) -> Question:
    base: dict[str, object] = {
        "prompt": "Which alliance had 30 members?",
        "choices": ("NATO", "CSTO", "EU"),
        "answer": "NATO",
        "explanation": "NATO had 30 allies.",
        "topics": ("concepts",),
        "reference": "NATO",
    }
    base.update(kw)
    return Question(qid, kind, **base)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- model


def test_question_is_frozen_and_uses_tuples() -> None:
    q = _q()
    with pytest.raises(FrozenInstanceError):
        q.prompt = "changed"  # type: ignore[misc]
    assert isinstance(q.choices, tuple)
    assert isinstance(q.topics, tuple)


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("type", "singel", "'single'"),
        ("difficulty", "extreme", "'easy', 'medium', 'hard'"),
        ("origin", "copied", "'generated', 'handwritten'"),
    ],
)
def test_question_rejects_values_outside_the_allowed_sets(
    field: str, value: str, allowed: str
) -> None:
    kwargs = {"type": "single", "difficulty": "easy", "origin": "handwritten", field: value}
    kind = kwargs.pop("type")
    with pytest.raises(ChoiceError, match=allowed):
        _q(kind=kind, **kwargs)


def test_question_rejects_unknown_topic_naming_the_allowed_set() -> None:
    with pytest.raises(ChoiceError) as info:
        _q(topics=("history",))
    for topic in TOPICS:
        assert repr(topic) in str(info.value)


def test_types_are_the_eight_exact_strings() -> None:
    assert TYPES == (
        "single", "multiple", "true_false", "ordering", "matching", "short_text", "numeric",
        "open",
    )


def test_matching_left_items_and_other_types() -> None:
    m = _q("m", "matching", choices=("a", "b"), answer=(("x", "a"), ("y", "b")))
    assert m.left == ("x", "y")
    assert _q().left == ()


def test_numeric_accepts_within_tolerance_inclusive() -> None:
    key = Numeric(100_000, 10_000, "soldiers")
    assert key.accepts(110_000)
    assert key.accepts(90_000)
    assert not key.accepts(110_000.5)
    assert Numeric(0.1 + 0.2, 0, "").accepts(0.3)  # float rounding is not "wrong"


def test_bank_lookup_by_id_and_nearest_first_error() -> None:
    bank = Bank((_q("hw-one"), _q("hw-two")))
    assert bank["hw-two"].id == "hw-two"
    assert bank.get("nope") is None
    assert "hw-one" in bank
    assert len(bank) == 2
    assert bank.ids == ("hw-one", "hw-two")
    with pytest.raises(ChoiceError, match=r"'hw-tow' is not one of: 'hw-two', 'hw-one'"):
        bank["hw-tow"]


def test_nearest_first_keeps_all_values() -> None:
    assert nearest_first("medum", ("easy", "medium", "hard")) == ("medium", "easy", "hard")


def test_source_offsets_describe_the_sentence() -> None:
    body = "First. NATO met in Brussels. Last."
    s = Source("000", None, None, 7, 28, "NATO met in Brussels.")
    assert body[s.start : s.end] == s.sentence


# ----------------------------------------------------------------------------- variants


def test_seed_depends_on_student_and_ids_only() -> None:
    assert seed_for("ana", "q1") == seed_for("ana", "q1")
    assert seed_for("ana", "q1") != seed_for("ben", "q1")
    assert seed_for("ana", "q1") != seed_for("ana", "q2")
    assert seed_for(None, "q1") != seed_for("ana", "q1")


def test_seed_is_stable_across_processes_and_hash_seeds() -> None:
    code = "from edu_kit.quiz.variants import seed_for; print(seed_for('ana', 'q1'))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={"PYTHONHASHSEED": str(h), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        ).stdout.strip()
        for h in (1, 2)
    }
    assert outputs == {seed_for("ana", "q1")}


def test_shuffle_is_a_permutation_and_students_differ() -> None:
    items = tuple(f"choice {i}" for i in range(8))
    orders = {shuffled(items, seed_for(f"student-{k}", "q")) for k in range(20)}
    assert all(sorted(o) == sorted(items) for o in orders)
    assert len(orders) > 10


def test_sample_keeps_bank_order_and_size() -> None:
    items = tuple(range(10))
    picked = sample(items, 4, "seed")
    assert len(picked) == 4
    assert list(picked) == sorted(picked)
    assert sample(items, 4, "seed") == picked
    assert sample(items, 20, "seed") == items


# ----------------------------------------------------------------------------- YAML


def test_yaml_keeps_line_numbers_of_nested_nodes() -> None:
    doc = parse_yaml("bank: x\nquestions:\n  - id: a\n    answer:\n      - one\n      - two\n")
    assert doc.line_of(("questions", 0, "answer", 1)) == 6
    assert doc.line_of(("questions", 0, "missing", "deeper")) == 3


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: !!python/object/apply:os.system [echo pwned]\n", 1, "unsupported YAML tag"),
        ("a: !!python/name:os.system\n", 1, "unsupported YAML tag"),
        ("a: &x [1]\nb: *x\n", 2, "aliases"),
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
        ("a: [1, 2\n", 2, "not valid YAML"),
        ("", 1, "empty"),
        ("a: 1\n---\nb: 2\n", 2, "not valid YAML"),
        ("<<: {a: 1}\n", 1, "merge keys"),
    ],
)
def test_yaml_reports_unsafe_or_broken_input_with_its_line(
    text: str, line: int, fragment: str
) -> None:
    doc = parse_yaml(text)
    assert any(ln == line and fragment in msg for ln, msg in doc.errors), doc.errors


def test_yaml_never_executes_python_tags(tmp_path: object) -> None:
    doc = parse_yaml("a: !!python/object/apply:sys.exit [3]\n")
    assert doc.data == {"a": None}


def test_yaml_keeps_dates_and_yes_as_strings() -> None:
    doc = parse_yaml("d: 2021-12-16\ny: yes\nt: true\nn: 30\n")
    assert doc.data == {"d": "2021-12-16", "y": "yes", "t": True, "n": 30}


# ----------------------------------------------------------------------------- static forms


def test_true_false_display_has_fixed_options() -> None:
    q = _q("tf", "true_false", choices=TRUE_FALSE_CHOICES, answer=False)
    assert display_for(q, "ana").options == ("True", "False")


def test_static_forms_escape_and_hide_the_key() -> None:
    q = _q(
        "x", "short_text", prompt="<script>alert(1)</script> Which city?", choices=(),
        answer=("Minsk",), explanation="Minsk II was signed there.",
    )
    d = display_for(q, None)
    rich = html_form("T <b>", (d,), attempts=2, exam=False, score="Score: 0/1")
    plain = text_form("T", (d,), attempts=2, exam=False, score="Score: 0/1")
    assert "<script>" not in rich
    assert "&lt;script&gt;" in rich
    assert "T &lt;b&gt;" in rich
    for form in (rich, plain):
        assert "Minsk" not in form


def test_feedback_html_escapes_sources_and_uses_words_not_colour() -> None:
    from edu_kit.quiz import grade

    q = _q(
        sources=(Source("000", "<i>Outlet</i>", "2021-12-16", 0, 5, "<script>x</script>"),),
        explanation="Because <b>NATO</b>.",
    )
    html_text = feedback_html(grade(q, "CSTO"), q, final=True, attempts_left=0)
    assert "<script>" not in html_text
    assert "&lt;script&gt;" in html_text
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in html_text
    assert "2021-12-16" in html_text
    assert "Not quite" in html_text
    assert "✗" in html_text
    assert "color" not in html_text.lower()
