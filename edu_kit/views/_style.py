"""Shared plotting style of the views: colour-blind-safe colours and figure helpers.

Colours come from the Okabe-Ito palette (Okabe & Ito, *Color Universal Design*,
2008), which stays distinguishable for the common kinds of colour blindness.  The
views never tell things apart by colour alone: markers, labels or written counts
carry the same information.

Nothing here imports matplotlib at import time.

>>> OKABE_ITO["blue"]
'#0072B2'
>>> side_colour("Russia"), side_colour("Atlantis")
('#D55E00', '#999999')
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..corpus import Corpus

__all__ = [
    "ARTICLE",
    "CONTEXT",
    "FIGURE_WIDTH",
    "MIN_FONT",
    "OKABE_ITO",
    "SIDE_COLOURS",
    "TEXT_GREY",
    "axes_for",
    "figure_of",
    "frame_for",
    "series_colours",
    "side_colour",
    "smallest_text",
    "wrap",
]

#: The eight colours of the Okabe-Ito palette, by name (plus a neutral grey).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

#: One colour per side of the crisis (sides as in the knowledge base).
SIDE_COLOURS: dict[str, str] = {
    "NATO": OKABE_ITO["blue"],
    "Russia": OKABE_ITO["vermillion"],
    "Ukraine": OKABE_ITO["orange"],
    "US": OKABE_ITO["sky_blue"],
    "EU": OKABE_ITO["bluish_green"],
    "Germany": OKABE_ITO["reddish_purple"],
    "France": OKABE_ITO["yellow"],
    "UK": OKABE_ITO["black"],
    "OSCE": OKABE_ITO["grey"],
    "Other": OKABE_ITO["grey"],
}

#: Width of the views' own figures, in inches: shown at full size in a notebook of
#: default width and printed at A4 (about 7.1 inches between margins) with little scaling.
FIGURE_WIDTH = 7.5
#: The smallest font the views use, in points: at least 9 pt when printed at A4.
MIN_FONT = 10.0

#: Text colour for secondary labels (dates, notes).
TEXT_GREY = "#555555"

#: How the timeline draws context events (from the knowledge base) ...
CONTEXT: dict[str, Any] = {"colour": OKABE_ITO["blue"], "marker": "o", "label": "Context event (knowledge base)"}
#: ... and events reported in the articles: different colour AND marker shape.
ARTICLE: dict[str, Any] = {"colour": OKABE_ITO["vermillion"], "marker": "D", "label": "Event reported in the articles"}

# Colours for a series of categories (speakers...): distinct, dark enough for white text.
_SERIES = ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "black", "yellow")


def side_colour(side: str | None) -> str:
    """The colour of a side; grey for an unknown side."""
    return SIDE_COLOURS.get(side or "", OKABE_ITO["grey"])


def series_colours(n: int) -> list[str]:
    """``n`` colour-blind-safe colours for categories, cycling after eight.

    >>> series_colours(3)
    ['#0072B2', '#E69F00', '#009E73']
    """
    return [OKABE_ITO[_SERIES[i % len(_SERIES)]] for i in range(n)]


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to lines of at most ``width`` characters (words are not split).

    >>> wrap("Spheres of influence and security guarantees", 20)
    'Spheres of influence\\nand security\\nguarantees'
    """
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)) or text


def frame_for(
    frame: pd.DataFrame | None, corpus: Corpus | None, build: Callable[[Corpus], pd.DataFrame]
) -> pd.DataFrame:
    """The frame a plot was given, or ``build`` run on ``corpus`` (the bundled articles
    when that is None too): what every ``plot_*`` function does with its arguments."""
    if frame is not None:
        return frame
    if corpus is None:
        from ..corpus import load_corpus

        corpus = load_corpus()
    return build(corpus)


def axes_for(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """``ax`` itself, or the axes of a new figure of ``figsize`` inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=figsize)
    return new


def figure_of(ax: Axes) -> Figure:
    """The (root) figure that ``ax`` belongs to, also when it sits in a subfigure.

    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(); ax = fig.subfigures(1, 2)[1].add_subplot()
    >>> figure_of(ax) is fig
    True
    >>> plt.close(fig)
    """
    from matplotlib.figure import Figure

    figure: Any = ax.figure
    while figure is not None and not isinstance(figure, Figure):
        figure = getattr(figure, "_parent", None) or getattr(figure, "figure", None)  # a SubFigure's parent
    if figure is None:  # pragma: no cover - axes are always made on a figure here
        raise ValueError("these axes belong to no figure")
    return figure


def smallest_text(fig: Figure, width: float = 7.1) -> float:
    """The smallest visible text of ``fig`` in points, as displayed at ``width`` inches
    (a figure wider than that is scaled down to fit: an A4 page between margins is about
    7.1 inches, a notebook of default width about 9).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(14.2, 3)); _ = ax.set_title("x", fontsize=12)
    >>> _ = ax.set_xticks([]), ax.set_yticks([])
    >>> smallest_text(fig)
    6.0
    >>> plt.close(fig)
    """
    from matplotlib.text import Text

    fig.canvas.draw()
    scale = min(1.0, width / float(fig.get_size_inches()[0]))
    sizes = [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_window_extent().width > 0
    ]
    return round(min(sizes) * scale, 2) if sizes else float("inf")


def literal_text(ax: Axes) -> Axes:
    """Show every text of ``ax`` as written: no mathtext, so "$5bn ... $9bn" is money.

    Covers titles, labels, tick labels, annotations and the legend (article and
    teacher text reach all of them); returns ``ax``.
    """
    from matplotlib.text import Text

    for text in ax.findobj(Text):
        text.set_parse_math(False)
    for tick in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        tick.set_parse_math(False)
    return ax
