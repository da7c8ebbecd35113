"""Dollar signs in article and teacher text are shown verbatim in JupyterLab, not as maths.

JupyterLab typesets ``$...$`` with MathJax in Checkbox descriptions, Labels and HTML
tables, so "$5bn and Russia gave $9bn" used to become italic maths.  The notebook here
shows a quiz whose choices, prompt and unit hold dollars, and a DataFrame of it.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import REPO, QuizPage, Server, open_and_run, write_notebook

BANK = REPO / "tests" / "data" / "dollars" / "bank.yaml"
MONEY = "$5bn and Russia gave $9bn"


@pytest.mark.browser
@pytest.mark.timeout(240)
def test_dollars_are_shown_verbatim_in_jupyterlab(lab_server: Server, page: Any) -> None:
    notebook = "04_dollars.ipynb"
    write_notebook(
        lab_server.root / notebook,
        f"from edu_kit import quiz\nquiz.show(bank={str(BANK)!r})",
        f"quiz.bank({str(BANK)!r})",
    )
    try:
        open_and_run(page, lab_server, notebook, app="lab")
        ui = QuizPage(page).wait()
        table = page.locator("table.dataframe").first
        table.wait_for(state="visible")
        page.wait_for_timeout(2_000)  # MathJax typesets asynchronously: give it time
        quiz_text = ui.root.inner_text()
        assert quiz_text.count(MONEY) >= 3, quiz_text  # prompt, a checkbox, a radio button
        assert "the US gave $5bn, 10% of $50bn" in quiz_text
        assert "$bn (US $)" in quiz_text  # the numeric question's unit (a Label)
        assert "\\$" not in quiz_text
        assert "How many $bn did the US give ($ amounts)?" in table.inner_text()
        maths = page.evaluate(
            "() => [...document.querySelectorAll('.edu-kit-quiz mjx-container, "
            "table.dataframe mjx-container')].map(e => e.textContent)"
        )
        assert maths == [], f"typeset as maths: {maths}"
    finally:
        lab_server.shutdown_sessions()
