"""The quiz in a real JupyterLab 4, driven by headless Chromium through Playwright.

A student opens a notebook whose one cell is ``quiz.show([...], attempts=2)``, runs it,
answers wrongly then rightly, and sees the feedback, the explanation, the source sentence
(with outlet and date) and the score; the response log on disk holds both answers.
Before the first answer, neither the page nor the kernel's messages to it give the key
away.  A second notebook is answered with the keyboard only.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import (
    BROWSER_MARKS,
    STUDENT,
    KernelTraffic,
    QuizPage,
    Server,
    assert_no_answer_key,
    assert_not_revealed,
    cell_with_quiz,
    expect,
    normalized,
    open_and_run,
    pick_single_questions,
    publish_doc_image,
    quiz_cell,
    responses_for,
    save_screenshot,
    write_notebook,
)

pytestmark = BROWSER_MARKS


def assert_finished_feedback(ui: QuizPage, question: Any) -> None:
    """After the right answer: verdict, explanation, source sentence with outlet and date."""
    expect(ui.feedback).to_contain_text("✓ Correct.")
    shown = normalized(ui.feedback.inner_text())
    assert normalized(question.explanation) in shown, "the explanation is not shown"
    for source in question.sources:
        assert normalized(source.sentence) in shown, f"the source sentence is not shown: {source.sentence!r}"
        assert f"— {source.outlet}, {source.published}" in shown, "the source's outlet and date are not shown"
    if question.reference:
        assert normalized(question.reference) in shown, "the reference is not shown"
    assert "The answer:" not in shown, "a right answer should not be 'corrected'"


def assert_log(server: Server, question: Any, wrong: str) -> None:
    """Both answers are in <tmp>/responses/e2e-student.jsonl, read with results.load."""
    log = responses_for(server, question.id, 2)
    assert log["student"].tolist() == [STUDENT, STUDENT]
    assert log["quiz"].tolist() == [f"ids={question.id}"] * 2
    assert log["answer"].tolist() == [wrong, question.answer]
    assert log["correct"].tolist() == [False, True]
    assert log["score"].tolist() == [0.0, 1.0]
    assert log["attempt"].tolist() == [1, 2]


def test_answer_wrong_then_right_with_the_mouse(lab_server: Server, page: Any, traffic: KernelTraffic) -> None:
    question = pick_single_questions(2)[0]
    notebook = "01_quiz.ipynb"
    write_notebook(lab_server.root / notebook, quiz_cell([question.id], attempts=2))

    open_and_run(page, lab_server, notebook, app="lab")
    ui = QuizPage(page).wait()

    # Before the first answer: the question, its options, an empty feedback area, 0/1.
    assert sorted(ui.option_labels()) == sorted(question.choices)
    assert normalized(question.prompt) in ui.text()
    expect(ui.score).to_have_text("Score: 0/1")
    expect(ui.check_button).to_be_enabled()
    assert ui.root.locator(".edu-kit-feedback").count() == 0
    # ... and no answer key anywhere: not in the DOM, not in what the kernel sent.
    assert_no_answer_key("the page's HTML", page.evaluate("document.documentElement.outerHTML"), question)
    assert traffic.frames, "no kernel messages were captured (websocket not seen)"
    assert_no_answer_key("the kernel's messages to the page", traffic.text(), question)
    before = save_screenshot(cell_with_quiz(page), "jupyterlab_quiz_before.png")

    # A wrong answer: the verdict in words, attempts left, no explanation yet.
    wrong = next(option for option in ui.option_labels() if option != question.answer)
    ui.answer_with_mouse(wrong)
    expect(ui.feedback).to_contain_text("✗ Not quite.")
    expect(ui.feedback).to_contain_text("Try again: 1 attempt left.")
    assert normalized(question.explanation) not in normalized(ui.feedback.inner_text())
    assert_not_revealed("the page after a wrong attempt", page.evaluate("document.documentElement.outerHTML"), question)
    assert_not_revealed("the kernel's messages after a wrong attempt", traffic.text(), question)
    expect(ui.score).to_have_text("Score: 0/1")
    save_screenshot(cell_with_quiz(page), "jupyterlab_quiz_wrong.png")

    # The right answer: verdict, explanation, source with outlet and date, score 1/1.
    ui.answer_with_mouse(question.answer)
    assert_finished_feedback(ui, question)
    expect(ui.score).to_have_text("Score: 1/1")
    expect(ui.radio(question.answer)).to_be_disabled()
    expect(ui.check_button).to_be_disabled()
    after = save_screenshot(cell_with_quiz(page), "jupyterlab_quiz_after.png")

    assert_log(lab_server, question, wrong)
    publish_doc_image(before, "quiz_before.png")
    publish_doc_image(after, "quiz_after.png")


def test_answer_with_the_keyboard_only(lab_server: Server, page: Any) -> None:
    question = pick_single_questions(2)[1]
    notebook = "02_keyboard.ipynb"
    write_notebook(lab_server.root / notebook, quiz_cell([question.id], attempts=2))

    open_and_run(page, lab_server, notebook, app="lab")
    ui = QuizPage(page).wait()

    wrong = next(option for option in ui.option_labels() if option != question.answer)
    ui.answer_with_keyboard(wrong, first=True)
    expect(ui.feedback).to_contain_text("✗ Not quite.")
    expect(ui.feedback).to_contain_text("Try again: 1 attempt left.")

    ui.answer_with_keyboard(question.answer, first=False)
    assert_finished_feedback(ui, question)
    expect(ui.score).to_have_text("Score: 1/1")
    save_screenshot(cell_with_quiz(page), "jupyterlab_keyboard_after.png")
    assert_log(lab_server, question, wrong)


@pytest.fixture(autouse=True)
def _free_the_kernels(lab_server: Server) -> Any:
    """Shut each test's kernel down afterwards (two CPUs: keep the next test fast)."""
    yield
    lab_server.shutdown_sessions()
