"""The quiz in a real Jupyter Notebook 7 (``/notebooks/<name>.ipynb``), in headless Chromium.

The same student flow as in JupyterLab: run the notebook, answer wrongly then rightly
with the mouse, check what is shown and what is logged, and that nothing gave the key
away before the first answer; then a second notebook with the keyboard only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import (
    BROWSER_MARKS,
    KernelTraffic,
    Server,
    cell_with_quiz,
    open_and_run,
    pick_single_questions,
    quiz_cell,
    write_notebook,
    wrong_then_right_with_the_keyboard,
    wrong_then_right_with_the_mouse,
)

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def _free_the_kernels(notebook_server: Server) -> Iterator[None]:
    yield
    notebook_server.shutdown_sessions()


def test_answer_wrong_then_right_with_the_mouse(notebook_server: Server, page: Any, traffic: KernelTraffic) -> None:
    question = pick_single_questions(2)[0]
    notebook = "01_quiz.ipynb"
    write_notebook(notebook_server.root / notebook, quiz_cell([question.id], attempts=2))

    open_and_run(page, notebook_server, notebook, app="notebook")
    assert "/notebooks/" in page.url
    wrong_then_right_with_the_mouse(page, traffic, notebook_server, question, cell_with_quiz(page), "notebook7_quiz")


def test_answer_with_the_keyboard_only(notebook_server: Server, page: Any) -> None:
    question = pick_single_questions(2)[1]
    notebook = "02_keyboard.ipynb"
    write_notebook(notebook_server.root / notebook, quiz_cell([question.id], attempts=2))

    open_and_run(page, notebook_server, notebook, app="notebook")
    wrong_then_right_with_the_keyboard(page, notebook_server, question, "notebook7")
