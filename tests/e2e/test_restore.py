"""A reload does not lose the quiz: in JupyterLab, answer, reload the page, run the cell again.

The student answers wrongly (one attempt of two used), reloads the page and runs the
notebook again: the quiz shows the chosen answer, "Try again: 1 attempt left." and the
Check button still works; the right answer is then logged as attempt 2 (nothing is
counted twice, nothing is lost).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import (
    BROWSER_MARKS,
    QuizPage,
    Server,
    expect,
    open_and_run,
    pick_single_questions,
    quiz_cell,
    responses_for,
    write_notebook,
)

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def _free_the_kernels(lab_server: Server) -> Iterator[None]:
    yield
    lab_server.shutdown_sessions()


def test_an_answer_is_shown_again_after_a_reload(lab_server: Server, page: Any) -> None:
    question = pick_single_questions(3)[2]
    notebook = "03_restore.ipynb"
    write_notebook(lab_server.root / notebook, quiz_cell([question.id], attempts=2))

    open_and_run(page, lab_server, notebook, app="lab")
    ui = QuizPage(page).wait()
    wrong = next(option for option in ui.option_labels() if option != question.answer)
    ui.answer_with_mouse(wrong)
    expect(ui.feedback).to_contain_text("Try again: 1 attempt left.")
    responses_for(lab_server, question.id, 1)

    page.reload()
    open_and_run(page, lab_server, notebook, app="lab")
    ui = QuizPage(page).wait()
    expect(ui.feedback).to_contain_text("Try again: 1 attempt left.")
    expect(ui.radio(wrong)).to_be_checked()
    expect(ui.check_button).to_be_enabled()
    ui.answer_with_mouse(question.answer)
    expect(ui.feedback).to_contain_text("✓ Correct.")
    expect(ui.score).to_have_text("Score: 0.5/1")  # a right second attempt earns half a point
    log = responses_for(lab_server, question.id, 2)
    assert log["attempt"].tolist() == [1, 2]
    assert log["answer"].tolist() == [wrong, question.answer]
