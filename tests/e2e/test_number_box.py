"""A number question in a real JupyterLab: the box starts empty, and empty is no answer.

Review of issue 13: the number box used to start at 0, so pressing Check without typing
recorded (and graded) the answer 0.  Now the box is empty, Check says "Type a number
first." (an alert) and records nothing; a typed 0 is recorded as 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import BROWSER_MARKS, Server, expect, open_and_run, quiz_cell, responses_for, write_notebook

pytestmark = BROWSER_MARKS
QUESTION = "hw-concepts-nato-allies"  # a numeric question: 30 allies


@pytest.fixture(autouse=True)
def _free_the_kernels(lab_server: Server) -> Iterator[None]:
    yield
    lab_server.shutdown_sessions()


def test_an_untouched_number_box_is_not_saved_as_zero(lab_server: Server, page: Any) -> None:
    notebook = "number.ipynb"
    write_notebook(lab_server.root / notebook, quiz_cell([QUESTION]))
    open_and_run(page, lab_server, notebook, app="lab")

    quiz = page.locator(".edu-kit-quiz").first
    box = quiz.locator("input[type=text]").first
    box.wait_for(state="visible")
    assert box.input_value() == ""
    assert box.get_attribute("placeholder") == "Type a number"
    check = quiz.get_by_role("button", name="Check answer")
    check.click()
    expect(quiz.get_by_role("alert").filter(has_text="Type a number first.")).to_be_visible()
    assert not lab_server.response_log.is_file() or QUESTION not in lab_server.response_log.read_text("utf-8")

    box.fill("0")
    box.press("Tab")  # the value reaches the kernel
    check.click()
    rows = responses_for(lab_server, QUESTION, 1)
    assert rows["answer"].tolist() == [0.0]
    assert rows["correct"].tolist() == [False]
