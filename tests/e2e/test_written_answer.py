"""A written answer in a real JupyterLab: typed into an open question, saved, in the log.

A student runs a notebook cell showing one of the lessons' thinking tasks (an ``open``
question), types two sentences into the labelled text area, presses "Save answer" and sees
that it was saved; the response log holds the text, ungraded (``correct`` and ``score``
null). The model answer never reaches the page.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from edu_kit.quiz import load_bank

from .conftest import BROWSER_MARKS, Server, open_and_run, page_html, quiz_cell, write_notebook

pytestmark = BROWSER_MARKS
QUESTION = "les-02-why-2008"
ANSWER = "The 2008 promise was open: no MAP and no date. Russia wanted it withdrawn <for good> & now."


@pytest.fixture(autouse=True)
def _free_the_kernels(lab_server: Server) -> Iterator[None]:
    yield
    lab_server.shutdown_sessions()


def test_a_written_answer_is_saved_to_the_log(lab_server: Server, page: Any) -> None:
    question = load_bank()[QUESTION]
    notebook = "written.ipynb"
    write_notebook(lab_server.root / notebook, quiz_cell([QUESTION]))
    open_and_run(page, lab_server, notebook, app="lab")

    quiz = page.locator(".edu-kit-quiz").first
    box = quiz.locator("textarea").first
    box.wait_for(state="visible")
    label = quiz.get_by_text("Your answer to question 1")
    assert label.count() >= 1  # the text area is labelled
    assert question.model_answer[:40] not in page_html(page)
    box.fill(ANSWER)
    quiz.get_by_role("button", name="Save answer").click()

    deadline = time.monotonic() + 20
    records: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        if lab_server.response_log.is_file():
            records = [
                json.loads(line)
                for line in lab_server.response_log.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
            if any(r.get("question") == QUESTION for r in records):
                break
        time.sleep(0.3)
    saved = [r for r in records if r.get("question") == QUESTION]
    assert saved, f"no record of {QUESTION} in {lab_server.response_log}"
    assert saved[-1]["answer"] == ANSWER
    assert saved[-1]["correct"] is None
    assert saved[-1]["score"] is None
    assert question.model_answer[:40] not in page_html(page)  # still not on the page after saving
