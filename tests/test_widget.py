"""The quiz widget, driven from Python without a browser: what the student sees."""

from __future__ import annotations

import errno
import html
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from edu_kit.classroom.identity import forget
from edu_kit.errors import ChoiceError
from edu_kit.quiz import BankMessage, load_bank, show
from edu_kit.quiz.grade import attempts_for, expected_text
from edu_kit.quiz.leaks import without_reveals
from edu_kit.quiz.model import Numeric, Question
from edu_kit.quiz.widget import Item, Quiz
from edu_kit.results import answers_of

ROOT = Path(__file__).parent.parent
HANDWRITTEN = ROOT / "quizzes" / "handwritten"
DATA = Path(__file__).parent / "data"
BANK = load_bank(HANDWRITTEN)
# every hand-written question that can share one quiz (a pair that reveals each other never does)
ALL_IDS = [q.id for q in without_reveals(BANK.questions, BANK.questions)]
BUNDLED = load_bank()  # hand-written and generated banks: the invariants hold for every question


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDU_KIT_STUDENT", raising=False)
    monkeypatch.delenv("EDU_KIT_RESPONSES", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    forget()


def _quiz(ids: list[str], tmp_path: Path, **kw: Any) -> Quiz:
    quiz = show(ids, bank=BUNDLED, log_dir=tmp_path / "logs", **kw)
    assert isinstance(quiz, Quiz)
    if quiz.asking:  # no student anywhere: the quiz asks once, as in class
        quiz.start("tester")
    return quiz


def _walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for name in ("layout", "style"):
        child = getattr(widget, name, None)
        if isinstance(child, widgets.Widget):
            yield child
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _state_text(widget: widgets.Widget) -> str:
    return json.dumps([w.get_state() for w in _walk(widget)], ensure_ascii=False, default=str)


def _html_values(quiz: Quiz) -> list[str]:
    return [w.value for w in _walk(quiz.widget) if isinstance(w, (widgets.HTML, widgets.Label))]


def _set_correct(item: Item) -> None:
    """Set the controls to the key, as a student would."""
    q, controls = item.question, item.controls
    key: Any = q.answer
    if q.type == "single":
        controls[0].value = key
    elif q.type == "true_false":
        controls[0].value = "True" if key else "False"
    elif q.type == "multiple":
        for option, box in zip(item.display.options, controls, strict=True):
            box.value = option in key
    elif q.type == "ordering":
        for slot, value in zip(controls, key, strict=True):
            slot.value = value
    elif q.type == "matching":
        pairs = dict(key)
        for left, dropdown in zip(item.display.left, controls, strict=True):
            dropdown.value = pairs[left]
    elif q.type == "short_text":
        controls[0].value = "  " + key[0].upper() + " "
    else:
        assert isinstance(key, Numeric)
        controls[0].value = str(key.value + key.tolerance)  # what the student types


def _set_wrong(item: Item) -> None:
    q, controls = item.question, item.controls
    key: Any = q.answer
    if q.type == "single":
        controls[0].value = next(c for c in q.choices if c != key)
    elif q.type == "true_false":
        controls[0].value = "False" if key else "True"
    elif q.type == "multiple":
        for option, box in zip(item.display.options, controls, strict=True):
            box.value = option not in key
    elif q.type == "ordering":
        for slot, value in zip(controls, reversed(key), strict=True):
            slot.value = value
    elif q.type == "matching":
        pairs = dict(key)
        for left, dropdown in zip(item.display.left, controls, strict=True):
            dropdown.value = next(c for c in q.choices if c != pairs[left])
    elif q.type == "short_text":
        controls[0].value = "certainly not this"
    elif q.type == "open":
        controls[0].value = "A first draft."
    else:
        assert isinstance(key, Numeric)
        controls[0].value = str(key.value + key.tolerance + 1)


def _click(item: Item) -> None:
    assert item.button is not None
    item.button.click()


def _log_lines(tmp_path: Path, student: str = "tester") -> list[dict[str, Any]]:
    path = tmp_path / "logs" / f"{student}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ----------------------------------------------------------------------------- display


def test_mimebundle_has_static_forms_and_the_widget_view(tmp_path: Path) -> None:
    quiz = _quiz(ALL_IDS, tmp_path)
    bundle = quiz._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", "application/vnd.jupyter.widget-view+json"}
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == quiz.widget.model_id
    plain = bundle["text/plain"]
    assert plain.startswith(f"Quiz ({len(ALL_IDS)} questions, up to 2 attempts each)")
    assert not re.search(r"0x[0-9a-f]+|[0-9a-f]{32}", plain)
    assert repr(quiz) == plain
    for q in BANK:
        if q.id in ALL_IDS:
            assert q.prompt in plain


def test_static_forms_are_deterministic_across_runs(tmp_path: Path) -> None:
    first = _quiz(ALL_IDS, tmp_path)._repr_mimebundle_()
    second = show(ALL_IDS, bank=HANDWRITTEN, log_dir=tmp_path)._repr_mimebundle_()
    assert first["text/plain"] == second["text/plain"]
    assert first["text/html"] == second["text/html"]


def test_displaying_writes_nothing_into_output_widgets(tmp_path: Path) -> None:
    quiz = _quiz(ALL_IDS, tmp_path)
    quiz._repr_mimebundle_()
    outputs = [w for w in _walk(quiz.widget) if isinstance(w, widgets.Output)]
    assert all(w.outputs == () for w in outputs)
    assert all(item.feedback.value == "" for item in quiz.items)
    assert quiz.notice.value == ""


@pytest.mark.parametrize("qid", BUNDLED.ids)
def test_key_is_absent_from_widget_state_before_answering(qid: str, tmp_path: Path) -> None:
    quiz = _quiz([qid], tmp_path)
    item = quiz.items[0]
    q = item.question
    # model ids are random hex: drop them so that e.g. "2019" cannot match by chance
    state = re.sub(r"IPY_MODEL_[0-9a-f]{32}", "IPY_MODEL", _state_text(quiz.widget))
    rich = quiz._repr_mimebundle_()["text/html"]
    plain = repr(quiz)
    for text in (state, rich, plain):
        if q.explanation:
            assert q.explanation not in text
        if q.type == "open":
            assert q.model_answer not in text
            assert not any(point in text for point in q.rubric)
        assert "Correct" not in text
        assert "The answer" not in text
        for source in q.sources:
            if source.sentence not in q.prompt:  # e.g. "Which outlet published this sentence?"
                assert source.sentence not in text
        if q.type in ("ordering", "matching", "short_text", "numeric", "multiple"):
            assert expected_text(q) not in text
        if q.type == "short_text":
            variants: Any = q.answer
            for variant in variants:
                assert json.dumps(variant, ensure_ascii=False)[1:-1] not in text
        if q.type == "numeric":
            assert isinstance(q.answer, Numeric)
            bare = text.replace(q.prompt, "")
            assert not re.search(rf"(?<![\w.]){q.answer.value:g}(?![\w])", bare)
    if q.type == "ordering":  # the order itself may be the key's (see test_quiz_model)
        for control in item.controls:
            assert control.get_state()["index"] is None
    if q.type in ("single", "true_false"):
        assert item.controls[0].get_state()["index"] is None


def test_every_control_is_labelled_and_buttons_have_tooltips(tmp_path: Path) -> None:
    quiz = _quiz(ALL_IDS, tmp_path)
    for item in quiz.items:
        for control in item.controls:
            assert control.description, (item.question.id, control)
            assert control.layout.width == ("100%" if item.question.type == "open" else "auto")
        assert item.button is not None
        if item.question.type == "open":
            assert item.button.description == "Save answer"
            assert item.button.tooltip == f"Save your written answer to question {item.number}"
        else:
            assert item.button.description == "Check answer"
            assert item.button.tooltip == f"Check your answer to question {item.number}"


def test_no_hard_coded_colours(tmp_path: Path) -> None:
    quiz = _quiz(ALL_IDS, tmp_path)
    for item in quiz.items:
        _set_wrong(item)
        _click(item)
        _click(item)
    for value in [*_html_values(quiz), quiz._repr_mimebundle_()["text/html"]]:
        assert not re.search(r"color\s*:|#[0-9a-fA-F]{3,6}\b|rgb\(", value), value
    assert all(
        getattr(w, "button_style", "") == "" for w in _walk(quiz.widget)
    )


# ----------------------------------------------------------------------------- answering


@pytest.mark.parametrize("qid", [q.id for q in BUNDLED if q.graded])
def test_right_answer_for_every_question(qid: str, tmp_path: Path) -> None:
    quiz = _quiz([qid], tmp_path)
    item = quiz.items[0]
    _set_correct(item)
    _click(item)
    feedback = item.feedback.value
    assert "✓ Correct." in feedback
    assert _escaped(item.question.explanation) in feedback
    feedback = feedback.replace("<mark>", "").replace("</mark>", "")  # quotations are marked
    for source in item.question.sources:
        assert _escaped(source.sentence) in feedback
        assert _escaped(source.published or "date unknown") in feedback
    assert quiz.score_label.value == "Score: 1/1"
    assert all(c.disabled for c in item.controls)
    assert item.button is not None
    assert item.button.disabled
    (line,) = _log_lines(tmp_path)
    assert line["question"] == qid
    assert line["correct"] is True
    assert line["attempt"] == 1


def _escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


@pytest.mark.parametrize("qid", [q.id for q in BUNDLED if q.graded and attempts_for(q, 2) == 2])
def test_wrong_answers_use_up_attempts_then_reveal(qid: str, tmp_path: Path) -> None:
    quiz = _quiz([qid], tmp_path, attempts=2)
    item = quiz.items[0]
    q = item.question
    _set_wrong(item)
    _click(item)
    first = item.feedback.value
    assert "✗ Not quite." in first
    assert "1 attempt left" in first
    assert _escaped(q.explanation) not in first
    assert "The answer" not in first
    assert not any(c.disabled for c in item.controls)
    _click(item)
    final = item.feedback.value
    assert f"The answer:</strong> {_escaped(expected_text(q))}" in final
    assert _escaped(q.explanation) in final
    assert all(c.disabled for c in item.controls)
    assert quiz.score_label.value.startswith("Score: ")
    assert [r["attempt"] for r in _log_lines(tmp_path)] == [1, 2]
    _click(item)  # a finished question ignores further clicks
    assert len(_log_lines(tmp_path)) == 2


def test_running_score_counts_finished_questions(tmp_path: Path) -> None:
    ids = ["hw-concepts-nato-allies", "hw-timeline-crimea-year", "hw-concepts-minsk",
           "hw-sources-nac-statement"]
    quiz = _quiz(ids, tmp_path, attempts=1)
    assert quiz.score_label.value == "Score: 0/4"
    _set_correct(quiz.items[0])
    _click(quiz.items[0])
    _set_correct(quiz.items[1])
    _click(quiz.items[1])
    _set_wrong(quiz.items[2])
    _click(quiz.items[2])
    assert quiz.score_label.value == "Score: 2/4"
    boxes = quiz.items[3].controls
    for option, box in zip(quiz.items[3].display.options, boxes, strict=True):
        box.value = option.startswith("NATO is ready")
    _click(quiz.items[3])
    assert quiz.score_label.value == "Score: 2.33/4"
    assert "You chose 1 of the 3 correct choices." in quiz.items[3].feedback.value


@pytest.mark.parametrize(
    ("qid", "message"),
    [
        ("hw-concepts-budapest-gave-up", "Choose an answer first."),
        ("hw-concepts-budapest-signatories", "Tick at least one choice first."),
        ("hw-concepts-russia-veto", "Choose True or False first."),
        ("hw-timeline-order-treaties", "Choose an item for every position first."),
        ("hw-timeline-venues", "Choose a match for every item first."),
        ("hw-concepts-minsk", "Type an answer first."),
    ],
)
def test_incomplete_answers_ask_first_and_use_no_attempt(
    qid: str, message: str, tmp_path: Path
) -> None:
    quiz = _quiz([qid], tmp_path)
    item = quiz.items[0]
    _click(item)
    assert message in item.feedback.value
    assert item.attempts_used == 0
    assert _log_lines(tmp_path) == []


def test_ordering_rejects_an_item_in_two_positions(tmp_path: Path) -> None:
    quiz = _quiz(["hw-timeline-order-treaties"], tmp_path)
    item = quiz.items[0]
    for slot in item.controls:
        slot.value = item.display.options[0]
    _click(item)
    assert "Use each item once" in item.feedback.value
    assert item.attempts_used == 0


def test_ordering_partial_credit_is_logged(tmp_path: Path) -> None:
    quiz = _quiz(["hw-timeline-order-treaties"], tmp_path, attempts=1)
    item = quiz.items[0]
    answer: Any = item.question.answer
    key = list(answer)
    key[2], key[3] = key[3], key[2]
    for slot, value in zip(item.controls, key, strict=True):
        slot.value = value
    _click(item)
    (line,) = _log_lines(tmp_path)
    assert line["score"] == pytest.approx(0.9)
    assert line["answer"] == key
    assert quiz.score_label.value == "Score: 0.9/1"


# ----------------------------------------------------------------------------- exam


def test_exam_mode_holds_feedback_until_submit(tmp_path: Path) -> None:
    ids = ["hw-concepts-nato-allies", "hw-timeline-crimea-year", "hw-concepts-minsk"]
    quiz = _quiz(ids, tmp_path, exam=True, student="ana")
    assert all(item.button is None for item in quiz.items)
    assert quiz.submit_button is not None
    assert quiz.submit_button.description == "Submit answers"
    assert quiz.submit_button.tooltip
    assert "after you submit" in repr(quiz)
    _set_correct(quiz.items[0])
    _set_wrong(quiz.items[1])
    assert all(item.feedback.value == "" for item in quiz.items)
    assert "shown after you submit" in quiz.score_label.value
    assert _log_lines(tmp_path, "ana") == []
    quiz.submit_button.click()
    assert "✓ Correct." in quiz.items[0].feedback.value
    assert "✗ Not quite." in quiz.items[1].feedback.value
    assert "✗ No answer given." in quiz.items[2].feedback.value
    assert "The answer:</strong> Minsk" in quiz.items[2].feedback.value
    assert quiz.score_label.value == "Score: 1/3"
    assert quiz.submit_button.disabled
    assert [r["answer"] for r in _log_lines(tmp_path, "ana")][2] is None
    assert all(c.disabled for item in quiz.items for c in item.controls)


# ----------------------------------------------------------------------------- variants


def test_variants_depend_on_the_student(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [q.id for q in BANK if q.type in ("single", "multiple", "ordering") and q.id in ALL_IDS]

    def orders(**kw: Any) -> list[tuple[str, ...]]:
        return [item.display.options for item in _quiz(ids, tmp_path, **kw).items]

    assert orders(student="ana") == orders(student="ana")
    assert orders(student="ana") != orders(student="ben")
    assert orders() == orders()
    monkeypatch.setenv("EDU_KIT_STUDENT", "ana")
    assert orders() == orders(student="ana")


def test_sample_of_questions_depends_on_the_student(tmp_path: Path) -> None:
    def sample(student: str) -> list[str]:
        quiz = show(topic="timeline", n=4, bank=BANK, student=student, log_dir=tmp_path)
        assert isinstance(quiz, Quiz)
        return [item.question.id for item in quiz.items]

    assert sample("ana") == sample("ana")
    assert len({tuple(sample(f"s{k}")) for k in range(8)}) > 1


def test_student_and_variant_are_logged(tmp_path: Path) -> None:
    quiz = _quiz(["hw-concepts-osce-platform"], tmp_path, student="Ana M.", title="Week 3")
    item = quiz.items[0]
    _set_correct(item)
    _click(item)
    (line,) = _log_lines(tmp_path, "^ana_20^m.")
    assert line["student"] == "Ana M."
    assert line["quiz"] == "Week 3"
    assert line["variant"] == item.display.variant
    assert len(line["variant"]) == 16


# ----------------------------------------------------------------------------- logging


def test_log_dir_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    quiz = show(["hw-concepts-minsk"], bank=BANK)
    assert isinstance(quiz, Quiz)
    assert quiz.log_dir == tmp_path / "edu_kit_responses"
    monkeypatch.setenv("EDU_KIT_RESPONSES", str(tmp_path / "elsewhere"))
    quiz = show(["hw-concepts-minsk"], bank=BANK)
    assert isinstance(quiz, Quiz)
    assert quiz.log_dir == tmp_path / "elsewhere"


def test_unwritable_log_shows_a_message_and_the_quiz_keeps_working(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    ids = ["hw-concepts-minsk", "hw-timeline-crimea-year"]
    quiz = show(ids, bank=BANK, log_dir=blocker / "logs", student="tester")
    assert isinstance(quiz, Quiz)
    _set_correct(quiz.items[0])
    _click(quiz.items[0])
    assert "✓ Correct." not in quiz.items[0].feedback.value  # not saved: not marked (atk4 A5)
    assert "Your answer could not be saved: cannot create the folder for " \
           "answers: Not a directory" in quiz.notice.value
    assert "Tell your teacher, then run this cell again." in quiz.notice.value
    blocker.unlink()  # fixed: the quiz goes on where it was
    _set_correct(quiz.items[1])
    _click(quiz.items[1])
    assert "✓ Correct." in quiz.items[1].feedback.value
    _click(quiz.items[0])
    assert "✓ Correct." in quiz.items[0].feedback.value
    assert quiz.score_label.value == "Score: 2/2"


def test_disk_full_shows_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = _quiz(["hw-concepts-minsk"], tmp_path)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("edu_kit.results.os.write", full)
    _set_correct(quiz.items[0])
    _click(quiz.items[0])
    assert "✓ Correct." not in quiz.items[0].feedback.value
    assert "could not be saved: cannot write the log: No space left on device" in \
        quiz.notice.value


# ----------------------------------------------------------------------------- escaping


def test_markup_in_banks_is_shown_as_text(tmp_path: Path) -> None:
    quiz = show(bank=DATA / "quiz" / "escaping.yaml", log_dir=tmp_path, student="tester")
    assert isinstance(quiz, Quiz)
    rich = quiz._repr_mimebundle_()["text/html"]
    assert "<script>" not in rich
    assert "&lt;script&gt;alert(&#x27;title&#x27;)" in rich
    assert "<img" not in rich
    assert "&lt;img src=x onerror=alert(1)&gt;" in rich
    first, second = quiz.items
    first.controls[0].value = "<b>bold</b>"
    _click(first)
    second.controls[0].value = "30"
    _click(second)
    for value in _html_values(quiz):
        assert "<script>" not in value
        assert "<img" not in value
        assert "<em>Outlet" not in value
        assert "<i>explanation" not in value
        assert "<u>allies" not in value
        assert "<b>bold" not in value
    assert "&lt;script&gt;alert(&#x27;source&#x27;)&lt;/script&gt;" in first.feedback.value
    assert "&lt;em&gt;Outlet&lt;/em&gt;" in first.feedback.value
    assert "<strong>Reference:</strong> &lt;NATO&gt; member list" in second.feedback.value


# ----------------------------------------------------------------------------- bad banks


def test_bad_bank_shows_a_readable_message_not_a_traceback(tmp_path: Path) -> None:
    shown = show(bank=DATA / "bad" / "quizzes" / "key_rules.yaml", log_dir=tmp_path)
    assert isinstance(shown, BankMessage)
    bundle = shown._repr_mimebundle_()
    plain, rich = bundle["text/plain"], bundle["text/html"]
    assert plain.startswith("This quiz cannot be shown.")
    assert "key_rules.yaml, line 9: question 'single-two-keys'" in plain
    assert "What to do:" in plain
    assert "Traceback" not in plain
    assert 'role="alert"' in rich
    assert "&#x27;single-two-keys&#x27;" in rich


def test_unknown_ids_raise_choice_error_nearest_first(tmp_path: Path) -> None:
    from edu_kit.errors import ChoiceError

    with pytest.raises(ChoiceError, match="'hw-concepts-mink' is not one of: 'hw-concepts-minsk'"):
        show(["hw-concepts-mink"], bank=BANK, log_dir=tmp_path)
    with pytest.raises(ChoiceError, match="attempts"):
        show(["hw-concepts-minsk"], bank=BANK, attempts=0, log_dir=tmp_path)


def test_quiz_of_python_questions(tmp_path: Path) -> None:
    q = Question("py-q", "true_false", "NATO had 30 allies.", ("True", "False"), True,
                 explanation="Yes.", topics=("concepts",), reference="NATO")
    from edu_kit.quiz import Bank

    quiz = show(bank=Bank((q,)), log_dir=tmp_path)
    assert isinstance(quiz, Quiz)
    assert quiz.items[0].controls[0].options == ("True", "False")


# ----------------------------------------------------------------------------- open questions

OPEN_Q = Question(
    "open-demo", "open", "Explain in two or three sentences why the order of the Minsk steps mattered.",
    (), (), topics=("concepts",), difficulty="hard", reference="Minsk II (12 February 2015)",
    model_answer="SECRET MODEL ANSWER: elections before border control.",
    rubric=("RUBRIC POINT: names the order",), taught_in="04_concepts",
)
TF_Q = Question("tf-demo", "true_false", "NATO had 30 allies in December 2021.", ("True", "False"),
              True, explanation="Thirty.", topics=("concepts",), reference="NATO")
SINGLE_Q = Question("single-demo", "single", "Which alliance had 30 members?",
                  ("NATO", "CSTO", "EU", "AUKUS"), "NATO", explanation="NATO.",
                  topics=("concepts",), reference="NATO")


def _python_quiz(questions: list[Question], tmp_path: Path, **kw: Any) -> Quiz:
    return Quiz(questions, quiz_id="demo", title="Demo", student="tester",
                log_dir=tmp_path / "logs", **kw)


def test_open_question_is_a_labelled_text_area_with_save_button(tmp_path: Path) -> None:
    quiz = _python_quiz([OPEN_Q], tmp_path)
    item = quiz.items[0]
    (area,) = item.controls
    assert isinstance(area, widgets.Textarea)
    assert area.description == "Your answer to question 1"
    assert item.button is not None
    assert item.button.description == "Save answer"
    state = _state_text(quiz.widget)
    plain, rich = quiz._static()
    for text in (state, plain, rich):
        assert "SECRET MODEL ANSWER" not in text
        assert "RUBRIC POINT" not in text
    # nothing is marked automatically: no "Score: 0/0" (review i13c finding 12)
    assert quiz.score_label.value == "1 written answer for your teacher, not marked automatically."


def test_open_answer_is_saved_ungraded_and_every_save_appends(tmp_path: Path) -> None:
    quiz = _python_quiz([OPEN_Q], tmp_path)
    item = quiz.items[0]
    _click(item)
    assert "Write your answer first." in item.feedback.value
    assert not (tmp_path / "logs").exists()
    item.controls[0].value = "First draft."
    _click(item)
    assert "Saved (version 1)" in item.feedback.value
    item.controls[0].value = "Second, better draft."
    _click(item)
    lines = _log_lines(tmp_path)
    assert [(r["answer"], r["correct"], r["score"], r["attempt"]) for r in lines] == [
        ("First draft.", None, None, 1), ("Second, better draft.", None, None, 2)]
    assert not item.controls[0].disabled
    assert "SECRET MODEL ANSWER" not in _state_text(quiz.widget)
    from edu_kit.results import load, summary

    (row,) = summary(load(tmp_path / "logs")).to_dict("records")
    assert (row["ungraded"], row["correct"], row["score"]) == (1, 0, 0.0)


def test_open_answer_in_exam_is_saved_on_submit(tmp_path: Path) -> None:
    quiz = _python_quiz([OPEN_Q, TF_Q], tmp_path, exam=True)
    quiz.items[0].controls[0].value = "My answer."
    quiz.items[1].controls[0].value = "True"
    quiz.submit()
    lines = _log_lines(tmp_path)
    assert [(r["question"], r["correct"]) for r in lines] == [("open-demo", None), ("tf-demo", True)]
    assert quiz.score_label.value.startswith("Score: 1/1")


def test_open_questions_are_never_graded() -> None:
    from edu_kit.quiz import AnswerError, grade

    with pytest.raises(AnswerError, match="never graded"):
        grade(OPEN_Q, "anything")


def test_model_answers_are_for_the_teacher(tmp_path: Path) -> None:
    from edu_kit.quiz import Bank, model_answers

    sheet = model_answers(["open-demo"], bank=Bank((OPEN_Q, TF_Q)))
    rich = sheet._repr_mimebundle_()["text/html"]
    assert "SECRET MODEL ANSWER" in rich
    assert "RUBRIC POINT" in rich
    assert [q.id for q in model_answers(bank=Bank((OPEN_Q, TF_Q))).questions] == ["open-demo"]


# ----------------------------------------------------------------------------- scoring rule


def test_true_false_gets_one_attempt_so_no_marks_by_elimination(tmp_path: Path) -> None:
    quiz = _python_quiz([TF_Q], tmp_path, attempts=2)
    item = quiz.items[0]
    item.controls[0].value = "False"
    _click(item)
    assert "The answer:" in item.feedback.value
    assert all(c.disabled for c in item.controls)
    assert quiz.score == 0


@pytest.mark.parametrize(("later_credit", "expected"), [(0.5, 0.5), (0.25, 0.25), (1.0, 1.0)])
def test_a_later_right_answer_earns_partial_credit_and_every_attempt_is_logged(
    tmp_path: Path, later_credit: float, expected: float
) -> None:
    quiz = _python_quiz([SINGLE_Q], tmp_path, attempts=3, later_credit=later_credit)
    item = quiz.items[0]
    item.controls[0].value = "CSTO"
    _click(item)
    item.controls[0].value = "NATO"
    _click(item)
    assert quiz.score == expected
    lines = _log_lines(tmp_path)
    assert [(r["answer"], r["correct"], r["score"], r["attempt"]) for r in lines] == [
        ("CSTO", False, 0.0, 1), ("NATO", True, expected, 2)]


def test_later_credit_outside_zero_to_one_is_a_clear_error(tmp_path: Path) -> None:
    from edu_kit.errors import ChoiceError

    with pytest.raises(ChoiceError, match="later_credit"):
        _python_quiz([SINGLE_Q], tmp_path, later_credit=1.5)


def test_open_question_shows_markup_as_text(tmp_path: Path) -> None:
    hostile = "<script>window.__pwned=1</script>"
    q = Question("open-hostile", "open", f"Explain {hostile}", (), (), topics=("sources",),
                 reference="x", model_answer=hostile, rubric=(hostile,))
    quiz = _python_quiz([q], tmp_path)
    item = quiz.items[0]
    assert hostile not in "".join(_html_values(quiz))
    assert hostile not in quiz._repr_mimebundle_()["text/html"]
    item.controls[0].value = hostile
    _click(item)
    assert hostile not in item.feedback.value
    assert _log_lines(tmp_path)[0]["answer"] == hostile


# ----------------------------------------------------------------------------- identity and restoring

SINGLE = [q.id for q in BANK.questions if q.type == "single"]


def test_without_a_name_the_quiz_asks_once_per_session(tmp_path: Path) -> None:
    quiz = show(["hw-concepts-minsk"], bank=BANK, log_dir=tmp_path / "logs")
    assert isinstance(quiz, Quiz)
    assert quiz.asking
    assert quiz.name_box is not None
    assert quiz.name_button is not None
    assert quiz.name_box.description == "Your name"
    quiz.start("   ")
    assert quiz.asking
    assert "the name is empty" in quiz.notice.value
    quiz.start("  Ana   M. ")
    assert not quiz.asking
    assert quiz.student == "Ana M."
    _set_correct(quiz.items[0])
    _click(quiz.items[0])
    assert _log_lines(tmp_path, "^ana_20^m.")[0]["student"] == "Ana M."
    again = show(["hw-timeline-crimea-year"], bank=BANK, log_dir=tmp_path / "logs")
    assert isinstance(again, Quiz)
    assert not again.asking
    assert again.student == "Ana M."


@pytest.mark.parametrize(("env", "argument", "expected"), [
    ({"JUPYTERHUB_USER": "hub-ana", "EDU_KIT_STUDENT": "env-ben"}, "arg-cy", "hub-ana"),
    ({"EDU_KIT_STUDENT": "env-ben"}, "arg-cy", "env-ben"),
    ({}, "arg-cy", "arg-cy"),
    ({"JUPYTERHUB_USER": "  "}, None, None),
])
def test_identity_order(env: dict[str, str], argument: str | None, expected: str | None,
                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    quiz = show(["hw-concepts-minsk"], bank=BANK, log_dir=tmp_path, student=argument)
    assert isinstance(quiz, Quiz)
    assert quiz.student == expected
    assert quiz.asking == (expected is None)


def test_practice_answers_are_shown_again_when_the_cell_runs_again(tmp_path: Path) -> None:
    ids = SINGLE[:2]
    first = _quiz(ids, tmp_path, student="ana")
    item = first.items[0]
    wrong = next(o for o in item.display.options if o != item.question.answer)
    item.controls[0].value = wrong
    _click(item)
    _set_correct(first.items[1])
    _click(first.items[1])
    again = _quiz(ids, tmp_path, student="ana")  # re-run, kernel restart, Run All: same log
    one, two = again.items
    assert one.controls[0].value == wrong
    assert one.attempts_used == 1
    assert "Try again: 1 attempt left." in one.feedback.value
    assert not one.controls[0].disabled
    assert two.final is not None
    assert two.final.correct
    assert all(c.disabled for c in two.controls)
    assert again.score_label.value == "Score: 1/2"
    other = _quiz(ids, tmp_path, student="ben")  # someone else starts fresh
    assert all(i.attempts_used == 0 for i in other.items)
    assert all(i.feedback.value == "" for i in other.items)


def test_an_exam_is_submitted_once_across_reruns(tmp_path: Path) -> None:
    ids = SINGLE[:2]
    first = _quiz(ids, tmp_path, exam=True, student="ana")
    _set_correct(first.items[0])
    first.submit()
    assert len(_log_lines(tmp_path, "ana")) == 2
    again = _quiz(ids, tmp_path, exam=True, student="ana")
    assert again.submitted_at is not None
    assert "Already submitted" in again.notice.value
    assert again.submit_button is not None
    assert again.submit_button.disabled
    assert all(c.disabled for item in again.items for c in item.controls)
    assert again.items[0].controls[0].value == again.items[0].question.answer
    _set_correct(again.items[1])
    again.submit()
    assert len(_log_lines(tmp_path, "ana")) == 2, "a second submission was recorded"
    assert again.score_label.value == "Score: 1/2"


def test_two_open_tabs_cannot_both_submit(tmp_path: Path) -> None:
    ids = SINGLE[:1]
    tab1, tab2 = (_quiz(ids, tmp_path, exam=True, student="ana") for _ in range(2))
    _set_correct(tab1.items[0])
    tab1.submit()
    tab2.submit()
    assert len(_log_lines(tmp_path, "ana")) == 1
    assert "Already submitted" in tab2.notice.value


def test_sealed_quiz_saves_answers_without_grading(tmp_path: Path) -> None:
    question = BANK[SINGLE[0]]
    quiz = Quiz([question], quiz_id="week3", title="Week 3", student="ana", exam=True,
                log_dir=tmp_path / "logs", sealed=True)
    _set_correct(quiz.items[0])
    quiz.submit()
    (line,) = _log_lines(tmp_path, "ana")
    assert line["correct"] is None
    assert line["score"] is None
    assert line["answer"] == question.answer
    assert "scores come after the deadline" in quiz.notice.value
    assert quiz.items[0].feedback.value == ""


def test_written_answer_is_shown_again_on_redisplay(tmp_path: Path) -> None:
    first = _python_quiz([OPEN_Q], tmp_path)
    first.items[0].controls[0].value = "My saved answer."
    _click(first.items[0])
    again = _python_quiz([OPEN_Q], tmp_path)
    again.restore()
    item = again.items[0]
    assert item.controls[0].value == "My saved answer."
    assert "Saved (version 1)" in item.feedback.value
    item.controls[0].value = "A better answer."
    _click(item)
    assert [r["attempt"] for r in _log_lines(tmp_path)] == [1, 2]


def test_a_later_right_answer_is_credited_again_on_redisplay(tmp_path: Path) -> None:
    first = _python_quiz([SINGLE_Q], tmp_path, attempts=2)
    first.items[0].controls[0].value = "CSTO"
    _click(first.items[0])
    first.items[0].controls[0].value = "NATO"
    _click(first.items[0])
    again = _python_quiz([SINGLE_Q], tmp_path, attempts=2)
    again.restore()
    assert again.score == 0.5


# ----------------------------------------------------------------------------- review of issue 13: blanks

ZERO_Q = Question("zero-demo", "numeric", "How many NATO allies border the Pacific?", (),
                  Numeric(0, 0, "allies"), explanation="None.", topics=("concepts",), reference="NATO")


def test_an_untouched_number_box_is_no_answer_and_a_typed_zero_is_zero(tmp_path: Path) -> None:
    """Review of issue 13: the number box started at 0, so an untouched box was graded as 0."""
    quiz = _python_quiz([ZERO_Q], tmp_path)
    item = quiz.items[0]
    assert item.controls[0].value == ""
    _click(item)
    assert "Type a number first." in item.feedback.value
    assert 'role="alert"' in item.feedback.value
    assert item.attempts_used == 0
    assert _log_lines(tmp_path) == []
    item.controls[0].value = "0"
    _click(item)
    (line,) = _log_lines(tmp_path)
    assert (line["answer"], line["correct"], line["score"]) == (0.0, True, 1.0)


@pytest.mark.parametrize(("typed", "message"), [
    ("3,5", "with a point for decimals, such as 3.5"), ("thirty", "is not a number"), ("1e999", "too large"),
    ("1.000", "could mean 1 or 1000"), ("1.000.000", "without points, such as 1000000"),
    ("1,00,0", "without a comma"), ("10\u00b2", "is not a number"), ("\u00bd", "is not a number")])
def test_a_number_box_that_holds_no_number_says_so(typed: str, message: str, tmp_path: Path) -> None:
    quiz = _python_quiz([ZERO_Q], tmp_path)
    item = quiz.items[0]
    item.controls[0].value = typed
    _click(item)
    assert message in item.feedback.value
    assert (item.attempts_used, _log_lines(tmp_path)) == (0, [])


@pytest.mark.parametrize(("typed", "recorded", "shown"), [
    ("", None, ""), ("0", 0.0, "0"), (" 30 ", 30.0, "30"), ("100,000", 100000.0, "100000"), ("-2.5", -2.5, "-2.5")])
def test_exam_submit_records_an_untouched_number_box_as_unanswered(
        typed: str, recorded: float | None, shown: str, tmp_path: Path) -> None:
    quiz = _python_quiz([ZERO_Q], tmp_path, exam=True)
    quiz.items[0].controls[0].value = typed
    quiz.submit()
    (line,) = _log_lines(tmp_path)
    assert line["answer"] == recorded
    if recorded is None:
        assert (line["correct"], line["score"]) == (False, 0.0)
        assert "No answer given." in quiz.items[0].feedback.value
    again = _python_quiz([ZERO_Q], tmp_path, exam=True)  # shown again as submitted: still blank or the number
    assert again.items[0].controls[0].value == shown


def test_exam_submit_records_a_blank_written_answer(tmp_path: Path) -> None:
    """Review of issue 13: a blank written answer left no trace, so "left blank" looked like "never reached"."""
    quiz = _python_quiz([OPEN_Q, TF_Q], tmp_path, exam=True)
    quiz.items[1].controls[0].value = "True"
    quiz.submit()
    lines = _log_lines(tmp_path)
    assert [(r["question"], r["answer"], r["correct"], r["score"], r["attempt"]) for r in lines] == [
        ("open-demo", None, None, None, 1), ("tf-demo", True, True, 1.0, 1)]
    assert "left blank" in quiz.items[0].feedback.value
    again = _python_quiz([OPEN_Q, TF_Q], tmp_path, exam=True)
    assert again.submitted_at is not None
    assert "left blank" in again.items[0].feedback.value
    assert again.items[0].controls[0].disabled


def test_an_exam_of_written_answers_only_is_submitted_once_even_when_blank(tmp_path: Path) -> None:
    quiz = _python_quiz([OPEN_Q], tmp_path, exam=True)
    quiz.submit()
    again = _python_quiz([OPEN_Q], tmp_path, exam=True)
    again.submit()
    assert len(_log_lines(tmp_path)) == 1


def test_before_submit_the_exam_names_the_blank_questions(tmp_path: Path) -> None:
    quiz = _python_quiz([OPEN_Q, TF_Q, ZERO_Q], tmp_path, exam=True)
    assert quiz.pending in quiz.widget.children
    assert quiz.widget.children.index(quiz.pending) < quiz.widget.children.index(quiz.submit_button)
    assert "Still blank: questions 1, 2 and 3 (saved as not answered)." in quiz.pending.value
    assert 'role="status"' in quiz.pending.value
    assert "You may still submit" in quiz.pending.value
    quiz.items[1].controls[0].value = "True"
    quiz.items[2].controls[0].value = "nought"
    assert "Still blank: question 1 (saved as not answered)." in quiz.pending.value
    assert "Not a number: question 3; saved as typed and marked wrong" in quiz.pending.value
    quiz.items[0].controls[0].value = "An answer."
    quiz.items[2].controls[0].value = "0"
    assert "Every question has an answer. Look them over, then press Submit answers." in quiz.pending.value
    quiz.submit()
    assert quiz.pending.value == ""
    assert _python_quiz([OPEN_Q], tmp_path).pending.value == ""  # practice: every question is checked alone


# ----------------------------------------------------------------------------- issue 16 (attack16-2)

def _flaky(fail_at: set[int]) -> Any:
    """A recorder that fails (disk full) on the given calls, 1-based, then works."""
    from edu_kit.results import record

    calls = {"n": 0}

    def recorder(log_dir: Path, response: Any) -> Path:
        calls["n"] += 1
        if calls["n"] in fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        return record(log_dir, response)

    return recorder


def _three(tmp_path: Path, **kw: Any) -> Quiz:
    by_type: dict[str, Question] = {}
    for q in BUNDLED.questions:
        by_type.setdefault(q.type, q)
    questions = [by_type["single"], by_type["true_false"], by_type["numeric"]]
    return Quiz(questions, quiz_id="exam1", title="Exam", student="ana", exam=True,
                log_dir=tmp_path / "logs", **kw)


def test_submit_again_after_a_failed_save_records_the_unsaved_answer(tmp_path: Path) -> None:
    quiz = _three(tmp_path, recorder=_flaky({2}))  # the 2nd answer hits a full disk once
    for item in quiz.items:
        _set_correct(item)
    quiz.submit()
    assert "NOT submitted: your answer to question 2 could not be saved" in quiz.notice.value
    assert "The other 2 answers are saved" in quiz.notice.value
    second = quiz.items[1]
    assert not any(c.disabled for c in second.controls), "the unsaved question must stay answerable"
    assert all(c.disabled for item in (quiz.items[0], quiz.items[2]) for c in item.controls)
    assert quiz.submit_button is not None
    assert not quiz.submit_button.disabled
    assert quiz.submitted_at is None
    quiz.submit()  # as the notice says, once it is fixed
    assert quiz.submitted_at is not None
    assert "Already submitted" not in quiz.notice.value
    assert "Every answer is saved" in quiz.notice.value
    lines = _log_lines(tmp_path, "ana")
    assert [line["question"] for line in lines] == [quiz.items[i].question.id for i in (0, 2, 1)]
    assert all(line["correct"] for line in lines)
    assert quiz.score_label.value == "Score: 3/3"


def test_submit_again_after_a_failure_still_locks_when_another_tab_submitted(tmp_path: Path) -> None:
    quiz = _three(tmp_path, recorder=_flaky({1}))
    for item in quiz.items:
        _set_correct(item)
    quiz.submit()
    other = _three(tmp_path)  # another tab: shows the partial submission as submitted
    assert other.submitted_at is not None
    other_tab = _three(tmp_path)
    assert other_tab.submitted_at is not None
    from edu_kit.results import Response, record

    record(tmp_path / "logs", Response("ana", "exam1", quiz.items[0].question.id, "v", None, False, 0.0, 1, exam=True))
    quiz.submit()
    assert "Already submitted" in quiz.notice.value
    assert len(_log_lines(tmp_path, "ana")) == 3


def test_an_exam_cannot_be_submitted_twice_under_the_two_spellings_of_one_name(tmp_path: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFD", "José")
    first = _quiz(SINGLE[:1], tmp_path, exam=True, student=nfc)
    _set_correct(first.items[0])
    first.submit()
    again = _quiz(SINGLE[:1], tmp_path, exam=True, student=nfd)
    assert again.student == nfc
    assert again.submitted_at is not None
    assert "Already submitted" in again.notice.value


def test_show_takes_a_list_of_bank_files(tmp_path: Path) -> None:
    files = sorted(HANDWRITTEN.glob("*.yaml"))[:2]
    quiz = show(n=2, bank=[str(f) for f in files], log_dir=tmp_path, student="ana")
    assert isinstance(quiz, Quiz)
    assert len(quiz.items) == 2


@pytest.mark.parametrize("bad", [5, [], [3], {"a": 1}])
def test_show_names_what_bank_may_be(bad: Any, tmp_path: Path) -> None:
    with pytest.raises(ChoiceError, match="bank must be a Bank, a bank file or folder, or a non-empty list"):
        show(n=1, bank=bad, log_dir=tmp_path, student="ana")


@pytest.mark.parametrize(("typed", "why"), [
    ('=HYPERLINK("http://x","ana")', "reads as a formula"), ("ana\u3164", "invisible character (U+3164)"),
    ("mallory\x1b[2K", "control character (U+001B"),
])
def test_the_name_box_refuses_formulas_and_hidden_characters(typed: str, why: str, tmp_path: Path) -> None:
    quiz = show(["hw-concepts-minsk"], bank=BANK, log_dir=tmp_path / "logs")
    assert isinstance(quiz, Quiz)
    quiz.start(typed)
    assert quiz.asking
    assert why in quiz.notice.value
    assert "\x1b" not in quiz.notice.value


@pytest.mark.parametrize(("env", "argument"), [
    ({"EDU_KIT_STUDENT": "=1+1"}, None), ({}, "(anonymous)"), ({"JUPYTERHUB_USER": "eve\x1b[2K"}, None),
])
def test_an_unusable_id_gives_a_message_naming_the_setting_not_a_traceback(
        env: dict[str, str], argument: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    shown = show(["hw-concepts-minsk"], bank=BANK, log_dir=tmp_path, student=argument)
    assert isinstance(shown, BankMessage)
    rich = shown._repr_mimebundle_()["text/html"]
    assert "the student id cannot be used" in rich
    assert ((next(iter(env)) if env else "student=") + " ") in repr(shown)
    assert "\x1b" not in rich
    assert not list(tmp_path.glob("*.jsonl"))


# ----------------------------------------------------------------------------- review i13c (blank13)

ORDER_Q = Question("order-demo", "ordering", "Put these in chronological order, earliest first.",
                   ("2014", "1994", "2008", "1997"), ("1994", "1997", "2008", "2014"),
                   explanation="Budapest, Founding Act, Bucharest, Crimea.", topics=("timeline",),
                   reference="NATO")
MATCH_Q = Question("match-demo", "matching", "Match each meeting with its city.",
                   ("Geneva", "Brussels", "Vienna"),
                   (("SSD", "Geneva"), ("NRC", "Brussels"), ("OSCE", "Vienna")),
                   explanation="Geneva, Brussels, Vienna.", topics=("timeline",), reference="NATO")


def _set_order(item: Item, values: list[str | None]) -> None:
    for control, value in zip(item.controls, values, strict=True):
        control.value = value


@pytest.mark.parametrize(("values", "score", "pending", "detail"), [
    (["1994", "1997", "2008", None], 0.5, "Not finished: question 1 (1 position empty)",
     "1 position was left empty"),
    (["1994", "1994", "2008", "2014"], 1 / 6, "Not finished: question 1 ('1994' in two positions)",
     "'1994' is in 2 positions"),
])
def test_an_unfinished_ordering_in_an_exam_is_saved_as_given(
        values: list[str | None], score: float, pending: str, detail: str, tmp_path: Path) -> None:
    """Review i13c finding 1: a partly filled ordering was called "Still blank" and saved as null."""
    quiz = _python_quiz([ORDER_Q], tmp_path, exam=True)
    _set_order(quiz.items[0], values)
    assert pending in html.unescape(quiz.pending.value)
    assert "Still blank" not in quiz.pending.value
    quiz.submit()
    (line,) = _log_lines(tmp_path)
    assert line["answer"] == values
    assert line["correct"] is False
    assert line["score"] == pytest.approx(score)
    assert "No answer given" not in quiz.items[0].feedback.value
    assert detail in html.unescape(quiz.items[0].feedback.value)
    again = _python_quiz([ORDER_Q], tmp_path, exam=True)
    assert [c.value for c in again.items[0].controls] == values
    assert detail in html.unescape(again.items[0].feedback.value)


def test_an_unfinished_matching_is_named_before_submit(tmp_path: Path) -> None:
    quiz = _python_quiz([MATCH_Q], tmp_path, exam=True)
    quiz.items[0].controls[0].value = "Geneva"
    assert "Not finished: question 1 (2 items without a match)" in quiz.pending.value
    assert "Every question has an answer" not in quiz.pending.value


@pytest.mark.parametrize("typed", ["thirty", "3,5", "30 allies and more", "1.000"])
def test_text_in_a_number_box_is_submitted_as_typed_and_marked_wrong(typed: str, tmp_path: Path) -> None:
    """Review i13c finding 2: the text was thrown away (saved as null, "No answer given")."""
    quiz = _python_quiz([ZERO_Q], tmp_path, exam=True)
    quiz.items[0].controls[0].value = typed
    assert "Not a number: question 1; saved as typed and marked wrong" in quiz.pending.value
    quiz.submit()
    (line,) = _log_lines(tmp_path)
    assert (line["answer"], line["correct"], line["score"]) == (typed, False, 0.0)
    feedback = html.unescape(quiz.items[0].feedback.value)
    assert f"{typed!r} is not a number." in feedback
    assert "No answer given" not in feedback
    again = _python_quiz([ZERO_Q], tmp_path, exam=True)
    assert again.items[0].controls[0].value == typed
    assert f"{typed!r} is not a number." in html.unescape(again.items[0].feedback.value)


@pytest.mark.parametrize(("typed", "recorded"), [
    ("0 allies", 0.0), ("\uff10", 0.0), ("\u0660", 0.0), ("0ALLIES", 0.0)])
def test_digits_of_any_script_and_the_unit_are_read(typed: str, recorded: float, tmp_path: Path) -> None:
    """Review i13c finding 14: full-width and Arabic-Indic digits, and the printed unit."""
    quiz = _python_quiz([ZERO_Q], tmp_path)
    quiz.items[0].controls[0].value = typed
    _click(quiz.items[0])
    (line,) = _log_lines(tmp_path)
    assert (line["answer"], line["correct"]) == (recorded, True)


@pytest.mark.parametrize(("typed", "shown_again"), [
    ("1e20", "1e20"), ("1e-7", "1e-7"), ("2.5e-12", "2.5e-12"), ("30.0", "30")])
def test_a_recorded_number_is_shown_again_without_float_noise(typed: str, shown_again: str,
                                                              tmp_path: Path) -> None:
    """Review i13c finding 13: 1e20 came back as 1e+20 and 1e-7 as 1e-07."""
    quiz = _python_quiz([ZERO_Q], tmp_path, exam=True)
    quiz.items[0].controls[0].value = typed
    quiz.submit()
    assert _python_quiz([ZERO_Q], tmp_path, exam=True).items[0].controls[0].value == shown_again


def test_an_exam_written_question_says_submit_not_save(tmp_path: Path) -> None:
    """Review i13c finding 5: an exam has no Save answer button."""
    quiz = _python_quiz([OPEN_Q, TF_Q], tmp_path, exam=True)
    for text in (repr(quiz), quiz._repr_mimebundle_()["text/html"], _state_text(quiz.widget)):
        assert "press Save answer" not in text
        assert "saved when you press Submit answers" in text
    quiz.items[0].controls[0].value = "Elections came first."
    quiz.submit()
    assert "✓ Submitted." in quiz.items[0].feedback.value
    assert "version" not in quiz.items[0].feedback.value
    again = _python_quiz([OPEN_Q, TF_Q], tmp_path, exam=True)
    assert "✓ Submitted." in again.items[0].feedback.value
    assert "press Save answer" in repr(_python_quiz([OPEN_Q], tmp_path / "practice"))


def test_every_answer_box_is_named_with_its_question(tmp_path: Path) -> None:
    """Review i13c finding 9: every number box and radio group was named "Answer"."""
    quiz = _python_quiz([TF_Q, ZERO_Q, SINGLE_Q], tmp_path, exam=True)
    names = [item.controls[0].description for item in quiz.items]
    assert names == ["Answer to question 1", "Answer to question 2", "Answer to question 3"]


def test_the_submit_button_describes_what_is_still_blank(tmp_path: Path) -> None:
    """Review i13c finding 9: the status is also the Submit button's own description (its title),
    which stays in the page while the line above it is re-rendered."""
    quiz = _python_quiz([TF_Q, ZERO_Q], tmp_path, exam=True)
    assert quiz.submit_button is not None
    assert "Still blank: questions 1 and 2" in quiz.submit_button.tooltip
    quiz.items[0].controls[0].value = "True"
    quiz.items[1].controls[0].value = "0"
    assert "Every question has an answer" in quiz.submit_button.tooltip
    quiz.submit()
    assert "Still blank" not in quiz.submit_button.tooltip


@pytest.mark.parametrize(("questions", "before", "after"), [
    ([OPEN_Q], "1 written answer for your teacher, not marked automatically.",
     "1 written answer left blank."),
    ([TF_Q, OPEN_Q], "Score: shown after you submit (1 marked question; 1 written answer for your teacher, "
     "not marked automatically)", "Score: 0/1 (1 written answer left blank)"),
])
def test_the_score_line_of_an_exam_is_grammatical_and_not_stale(
        questions: list[Question], before: str, after: str, tmp_path: Path) -> None:
    """Review i13c finding 12: "(1 marked questions)", and "shown after you submit" after Submit."""
    quiz = _python_quiz(questions, tmp_path, exam=True)
    assert quiz.score_label.value == before
    quiz.submit()
    assert quiz.score_label.value == after


def test_a_blank_written_answer_that_cannot_be_saved_says_so(tmp_path: Path) -> None:
    """Review i13c finding 12: a blank answer got "Your answer was received but could not be saved"."""
    quiz = _python_quiz([OPEN_Q], tmp_path, exam=True, recorder=_flaky({1}))
    quiz.submit()
    assert "That this question was left blank could not be saved" in quiz.items[0].feedback.value
    assert "Your answer was received" not in quiz.items[0].feedback.value


def test_after_a_restart_a_partial_submission_names_the_questions_never_saved(tmp_path: Path) -> None:
    quiz = _three(tmp_path, recorder=_flaky({2}))
    for item in quiz.items:
        _set_correct(item)
    quiz.submit()  # question 2 not saved; then the kernel restarts and the cell runs again
    again = _three(tmp_path)
    assert again.submitted_at is not None
    assert "No answer to question 2 was saved: it counts as not answered" in again.notice.value


def test_a_quiz_given_an_nfd_id_uses_the_nfc_one(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "José")
    quiz = Quiz([BANK[SINGLE[0]]], quiz_id="q", title="t", student=nfd, log_dir=tmp_path)
    assert quiz.student == unicodedata.normalize("NFC", "José")


def test_when_no_answer_could_be_saved_submit_again_says_submitted(tmp_path: Path) -> None:
    quiz = _three(tmp_path, recorder=_flaky({1, 2, 3}))
    for item in quiz.items:
        _set_correct(item)
    quiz.submit()
    assert "NOT submitted: your answer to questions 1, 2 and 3 could not be saved" in quiz.notice.value
    quiz.submit()
    assert quiz.notice.value.count("NOT submitted") == 0
    assert "Every answer is saved" in quiz.notice.value
    assert len(_log_lines(tmp_path, "ana")) == 3


# ----------------------------------------------------------------------------- exam vs practice, unreadable logs


def test_practice_first_never_locks_the_exam_and_records_say_which(tmp_path: Path) -> None:
    ids = SINGLE[:2]
    practice = _quiz(ids, tmp_path, student="ana")
    _set_correct(practice.items[0])
    _click(practice.items[0])
    exam = _quiz(ids, tmp_path, exam=True, student="ana")
    assert exam.submitted_at is None, "a practice answer locked the exam"
    assert exam.submit_button is not None
    assert not exam.submit_button.disabled
    _set_correct(exam.items[1])
    exam.submit()
    assert [line["exam"] for line in _log_lines(tmp_path, "ana")] == [False, True, True]
    again = _quiz(ids, tmp_path, student="ana")  # practice does not show the exam's answers
    assert again.items[1].attempts_used == 0
    assert again.items[0].attempts_used == 1


def test_practice_in_an_assignment_folder_does_not_lock_its_exam(tmp_path: Path) -> None:
    from edu_kit.quiz.model import Question as Q
    questions = [BANK[i] for i in SINGLE[:1]]
    assert all(isinstance(q, Q) for q in questions)
    practice = Quiz(questions, quiz_id="hw", title="hw", student="ben", log_dir=tmp_path / "logs")
    _set_correct(practice.items[0])
    _click(practice.items[0])
    exam = Quiz(questions, quiz_id="hw", title="hw", student="ana", exam=True, one_owner=True,
                log_dir=tmp_path / "logs")
    assert exam.submitted_at is None
    assert "already holds a submission" not in exam.notice.value


@pytest.mark.parametrize("spoil", ["folder", "fifo", "unreadable"])
def test_an_exam_whose_log_cannot_be_read_refuses_to_submit_and_says_so(
        tmp_path: Path, spoil: str) -> None:
    ids = SINGLE[:1]
    first = _quiz(ids, tmp_path, exam=True, student="ana")
    _set_correct(first.items[0])
    first.submit()
    path = tmp_path / "logs" / "ana.jsonl"
    if spoil == "unreadable":
        if os.geteuid() == 0:
            pytest.skip("root reads every file")
        path.chmod(0)
    else:
        path.rename(tmp_path / "logs" / "moved")
        if spoil == "folder":
            path.mkdir()
        else:
            os.mkfifo(path)
    try:
        again = _quiz(ids, tmp_path, exam=True, student="ana")
        _set_correct(again.items[0])
        again.submit()
        assert again.submitted_at is None
        assert again.unsure is not None
        assert "cannot be submitted now" in again.notice.value
        assert "Tell your teacher" in again.notice.value
        assert again.submit_button is not None
        assert again.submit_button.disabled
    finally:
        if spoil == "unreadable":
            path.chmod(0o644)
    if spoil == "unreadable":
        assert len(_log_lines(tmp_path, "ana")) == 1, "a second submission was recorded"


def test_an_unreadable_log_in_an_assignment_folder_keeps_the_exam_locked(tmp_path: Path) -> None:
    questions = [BANK[i] for i in SINGLE[:1]]
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "someone.jsonl").mkdir()  # not a file: its submission cannot be read
    exam = Quiz(questions, quiz_id="hw", title="hw", student="ana", exam=True, one_owner=True,
                log_dir=tmp_path / "logs")
    _set_correct(exam.items[0])
    exam.submit()
    assert exam.submitted_at is None
    assert "someone.jsonl" in exam.notice.value
    assert not (tmp_path / "logs" / "ana.jsonl").exists()


@pytest.mark.parametrize("bad", [b'{"time": "2022", "student": "ana", "quiz": "%s", "quest\n',
                                 b'\xff\xfe not text\n'])
def test_a_corrupt_line_that_may_be_the_submission_blocks_a_second_one(tmp_path: Path, bad: bytes) -> None:
    ids = SINGLE[:1]
    probe = _quiz(ids, tmp_path, exam=True, student="ana")
    (tmp_path / "logs").mkdir(exist_ok=True)
    line = bad.replace(b"%s", probe.quiz_id.encode()) if b"%s" in bad else bad
    (tmp_path / "logs" / "ana.jsonl").write_bytes(line)
    again = _quiz(ids, tmp_path, exam=True, student="ana")
    again.submit()
    assert again.submitted_at is None
    assert "line 1" in again.notice.value
    assert (tmp_path / "logs" / "ana.jsonl").read_bytes() == line


def test_a_corrupt_line_of_another_quiz_is_named_but_does_not_block(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "ana.jsonl").write_bytes(b'{"time": "x", "quiz": "another", "que\n')
    exam = _quiz(SINGLE[:1], tmp_path, exam=True, student="ana")
    _set_correct(exam.items[0])
    exam.submit()
    assert exam.submitted_at is not None
    practice = _quiz(SINGLE[:1], tmp_path, student="ana")
    assert practice.notice.value == ""


@pytest.mark.parametrize("spoil", ["folder", "fifo"])
def test_practice_with_an_unusable_log_says_so_and_never_claims_it_saved(tmp_path: Path, spoil: str) -> None:
    path = tmp_path / "logs" / "ana.jsonl"
    path.parent.mkdir()
    if spoil == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    quiz = _quiz(SINGLE[:1], tmp_path, student="ana")
    assert "could not be read" in quiz.notice.value
    _set_correct(quiz.items[0])
    _click(quiz.items[0])
    assert "could not be saved" in quiz.notice.value


# ----------------------------------------------------------------------------- issue 16, atk4 A5

# one hand-written question of each type that the quiz checks
FIRST_OF_TYPE = {q.type: q.id for q in reversed(BANK.questions)}


@pytest.mark.parametrize("qid", sorted(FIRST_OF_TYPE.values()), ids=sorted(FIRST_OF_TYPE))
def test_an_attempt_that_cannot_be_saved_reveals_nothing_and_does_not_count(tmp_path: Path, qid: str) -> None:
    """atk4 A5: an unsaved practice attempt showed "The answer: 30 allies" and the explanation;
    nothing reached the log, so a re-run of the cell started over with every attempt."""
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    quiz = show([qid], bank=BANK, log_dir=blocker / "sub", student="tester", attempts=2)
    assert isinstance(quiz, Quiz)
    item = quiz.items[0]
    question = item.question
    for setter in (_set_wrong, _set_wrong, _set_wrong, _set_correct):
        if question.type == "open":
            item.controls[0].value = "My answer."
        else:
            setter(item)
        _click(item)
        shown = item.feedback.value
        assert "could not be saved" in shown
        assert "run this cell again" in quiz.notice.value
        assert shown == quiz.notice.value, "only the save error is shown"
        for secret in (question.explanation, question.model_answer, expected_text(question)
                       if question.type != "open" else ""):
            assert not secret or html.escape(secret) not in shown
        assert "Correct" not in shown
        assert "Not quite" not in shown
        assert item.attempts_used == 0
        assert item.final is None
        assert item.button is not None
        assert not item.button.disabled
    assert quiz.score == 0
    blocker.unlink()  # the folder works again: the same cell goes on from attempt 1
    _click(item)
    assert "could not be saved" not in item.feedback.value
    assert [row["attempt"] for row in answers_of(blocker / "sub", "tester", None)] == [1]
