"""The annotated reading view in a real JupyterLab, driven by headless Chromium.

A student runs ``views.read("002")``: the whole article appears with its quotations
highlighted and labelled (speaker and cue, in words), its dates as ``<time>`` elements
with the calendar date, and its names as links to cards on the same page; a link
followed with the keyboard reaches its card.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from edu_kit import load_corpus
from edu_kit.annotate import annotate

from .conftest import BROWSER_MARKS, Server, open_and_run, write_notebook

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def _free_the_kernels(lab_server: Server) -> Iterator[None]:
    yield
    lab_server.shutdown_sessions()


def test_reading_view_renders_and_links_work(lab_server: Server, page: Any) -> None:
    notes = annotate(load_corpus()["002"])
    notebook = "read_002.ipynb"
    write_notebook(lab_server.root / notebook, 'from edu_kit import views\nviews.read("002")')
    open_and_run(page, lab_server, notebook, app="lab")

    view = page.locator("article.edu-kit-reading").first
    view.wait_for(state="visible")
    assert view.get_attribute("aria-label").startswith("Text 002")
    assert view.locator("mark.ek-quote").count() >= len(notes.quotes)
    labels = view.locator(".ek-speaker").all_inner_texts()
    assert len(labels) == len(notes.quotes)
    assert any("Jens Stoltenberg" in label and "cue:" in label for label in labels)
    assert view.locator("time[datetime='2021-12-10']").count() >= 1
    assert "[10 December 2021]" in view.inner_text()
    # the highlight survives JupyterLab's rendering (colour), and the label carries the same in words
    background = view.locator("mark.ek-quote").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")

    link = view.locator("a.ek-name[href='#ek-read-002-card-olaf-scholz']").first
    target = view.locator("#ek-read-002-card-olaf-scholz")
    assert target.count() == 1
    link.focus()
    assert page.evaluate("document.activeElement.classList.contains('ek-name')")
    page.keyboard.press("Enter")
    # following the link with the keyboard brings the card into view
    page.wait_for_function(
        """() => { const r = document.getElementById('ek-read-002-card-olaf-scholz').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        timeout=10_000,
    )
    assert "Olaf Scholz" in target.inner_text()
    assert target.is_visible()
