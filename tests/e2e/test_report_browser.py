"""The results report opens in a real browser as a static file: headings, captions,
every figure decoded, hostile student text shown as text, no script run.

A full-page screenshot goes to ``tests/artifacts/report.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from simulated_class import WRONG_KEY, simulate

from edu_kit.classroom import report

from .conftest import ARTIFACTS, BROWSER_MARKS

pytestmark = BROWSER_MARKS

HOSTILE = "<img src=x onerror=\"window.__pwned = 1\">"


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    log, bank = simulate()
    log.loc[log["student"] == "s07", "student"] = HOSTILE
    return report.write_report(report.analyse(log, bank), tmp_path / "report.html", title="Simulated class")


def test_report_opens_in_chromium(page: Any, report_file: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report_file.as_uri())
    assert page.title() == "Simulated class"
    assert page.locator("h1").inner_text() == "Simulated class"
    headings = page.locator("h2").all_inner_texts()
    assert "What to look at first" in headings
    assert "Questions" in headings
    assert "Students" in headings
    images = page.locator("img")
    assert images.count() >= 5
    for i in range(images.count()):
        image = images.nth(i)
        assert image.evaluate("img => img.complete && img.naturalWidth > 100")
        assert len(image.get_attribute("alt") or "") > 20
    assert page.locator("table").count() == page.locator("caption").count()
    flags = page.locator("table", has_text="likely wrong key")
    assert WRONG_KEY in flags.first.inner_text()
    assert HOSTILE in page.locator("body").inner_text()  # shown as text
    assert page.evaluate("window.__pwned") is None
    assert all(url.startswith(("file:", "data:")) for url in requests)  # static: nothing fetched
    assert errors == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
