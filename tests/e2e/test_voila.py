"""The quiz in Voilà 0.5 (the notebook runs on load, its code is hidden), in headless Chromium.

``voila --no-browser --port <free> --Voila.ip=127.0.0.1 <notebook>`` serves one notebook;
the student answers wrongly then rightly with the mouse (a second server and notebook:
with the keyboard only).  Before the first answer neither the page Voilà rendered, nor
its DOM, nor the kernel's messages give the key away, and no code is shown.
"""

from __future__ import annotations

from typing import Any

from .conftest import (
    BROWSER_MARKS,
    KernelTraffic,
    QuizPage,
    VoilaServers,
    assert_no_answer_key,
    page_html,
    pick_single_questions,
    quiz_cell,
    write_notebook,
    wrong_then_right_with_the_keyboard,
    wrong_then_right_with_the_mouse,
)

pytestmark = BROWSER_MARKS


def open_in_voila(page: Any, voila: VoilaServers, notebook: str, cell: str) -> tuple[Any, str]:
    """Serve ``notebook`` (one ``cell``) with Voilà and open it; returns (server, raw HTML)."""
    write_notebook(voila.root / notebook, cell)
    server = voila.start(notebook)
    response = page.goto(server.url("/"), wait_until="domcontentloaded")
    assert response is not None, "Voilà did not answer"
    assert response.ok, f"Voilà answered {response.status}"
    QuizPage(page).wait()
    return server, response.text()


def test_answer_wrong_then_right_with_the_mouse(voila: VoilaServers, page: Any, traffic: KernelTraffic) -> None:
    question = pick_single_questions(2)[0]
    cell = quiz_cell([question.id], attempts=2)
    server, served = open_in_voila(page, voila, "01_quiz.ipynb", cell)

    # The notebook ran on load and its code is hidden (not even in the page's HTML).
    for code in ("quiz.show(", "from edu_kit import quiz"):
        assert code not in page.locator("body").inner_text(), f"Voilà shows the code {code!r}"
        assert code not in page_html(page), f"the code {code!r} is in the page's HTML"
    # The HTML that Voilà rendered on the server holds no answer key either.
    assert_no_answer_key("the HTML Voilà served", served, question)

    output = page.locator(".jp-OutputArea-output").filter(has=page.locator(".edu-kit-quiz")).first
    wrong_then_right_with_the_mouse(page, traffic, server, question, output, "voila_quiz")


def test_answer_with_the_keyboard_only(voila: VoilaServers, page: Any) -> None:
    question = pick_single_questions(2)[1]
    server, _ = open_in_voila(page, voila, "02_keyboard.ipynb", quiz_cell([question.id], attempts=2))
    wrong_then_right_with_the_keyboard(page, server, question, "voila")
