"""Figures for the classroom: readable in a notebook of default width and on A4 paper.

"Readable" is measured, not assumed: every visible text of each view's own figure is
at least 9 pt as displayed when the figure is scaled to an A4 page between margins
(about 7.1 inches) or to a notebook cell (about 9 inches).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

from edu_kit import load_corpus, views
from edu_kit.views._style import FIGURE_WIDTH, smallest_text

CORPUS = load_corpus()
PLOTS: dict[str, Callable[[], Any]] = {
    "timeline-crisis": lambda: views.plot_timeline(corpus=CORPUS, span="crisis"),
    "timeline-long": lambda: views.plot_timeline(corpus=CORPUS, span="long"),
    "positions": lambda: views.plot_positions(corpus=CORPUS),
    "sources": lambda: views.plot_sources(corpus=CORPUS),
}


@pytest.mark.parametrize("name", list(PLOTS))
@pytest.mark.parametrize(("where", "width"), [("A4 page", 7.1), ("notebook", 9.0)])
def test_no_text_under_9_points(name: str, where: str, width: float) -> None:
    ax = PLOTS[name]()
    try:
        assert ax.figure.get_size_inches()[0] <= FIGURE_WIDTH
        assert smallest_text(ax.figure, width) >= 9.0, f"{name}: text under 9 pt on a {where}"
    finally:
        plt.close(ax.figure)


def test_long_timeline_has_no_empty_half() -> None:
    ax = PLOTS["timeline-long"]()
    try:
        fig = ax.figure
        fig.canvas.draw()
        box = ax.get_window_extent()
        labels = [t for t in ax.texts if isinstance(t, Text) and t.get_text().strip()]
        extents = [t.get_window_extent() for t in labels]
        left = min(e.x0 for e in extents)
        right = max(e.x1 for e in extents)
        assert (right - left) / box.width >= 0.7  # the labels use the width of the plot
        halves = [sum(1 for e in extents if (e.x0 + e.x1) / 2 < box.x0 + box.width / 2), len(extents)]
        assert halves[1] >= 10
    finally:
        plt.close(fig)
