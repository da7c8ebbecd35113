"""The quiz in a real JupyterLab 4, driven by headless Chromium through Playwright.

A student opens a notebook whose one cell is ``quiz.show([...], attempts=2)``, runs it,
answers wrongly then rightly, and sees the feedback, the explanation, the source sentence
(with outlet and date) and the score; the response log on disk holds both answers.
Before the first answer, neither the page's HTML nor the kernel's messages to the page
give the key away.  A second notebook is answered with the keyboard only.
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
    publish_doc_image,
    quiz_cell,
    write_notebook,
    wrong_then_right_with_the_keyboard,
    wrong_then_right_with_the_mouse,
)

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def _free_the_kernels(lab_server: Server) -> Iterator[None]:
    """Shut each test's kernel down afterwards (two CPUs: keep the next test fast)."""
    yield
    lab_server.shutdown_sessions()


def test_answer_wrong_then_right_with_the_mouse(lab_server: Server, page: Any, traffic: KernelTraffic) -> None:
    question = pick_single_questions(2)[0]
    notebook = "01_quiz.ipynb"
    write_notebook(lab_server.root / notebook, quiz_cell([question.id], attempts=2))

    open_and_run(page, lab_server, notebook, app="lab")
    before, after = wrong_then_right_with_the_mouse(
        page, traffic, lab_server, question, cell_with_quiz(page), "jupyterlab_quiz"
    )
    publish_doc_image(before, "quiz_before.png")
    publish_doc_image(after, "quiz_after.png")


def test_answer_with_the_keyboard_only(lab_server: Server, page: Any) -> None:
    question = pick_single_questions(2)[1]
    notebook = "02_keyboard.ipynb"
    write_notebook(lab_server.root / notebook, quiz_cell([question.id], attempts=2))

    open_and_run(page, lab_server, notebook, app="lab")
    wrong_then_right_with_the_keyboard(page, lab_server, question, "jupyterlab")
