"""Figures of the results report: each takes a DataFrame of :mod:`.item_analysis`,
draws on ``ax`` (a new figure when None) and returns the Axes.

Colours are Okabe-Ito and never the only cue: flagged questions also get a different
marker and their id written beside them; the key of a question is hatched and named.
Every text is shown as written (no mathtext): a teacher's option "$5bn and $9bn" or a
student's id with ``$`` in it is money, not maths, and never stops the report.

>>> import pandas as pd
>>> table = pd.DataFrame({"question": ["q1", "q2"], "p": [0.9, 0.2],
...                       "discrimination": [0.4, -0.3], "n": [30, 30]})
>>> ax = plot_items(table, flagged={"q2"})
>>> ax.get_xlabel()
'Share right at the first attempt (p)'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TYPE_CHECKING

from ..views._style import OKABE_ITO, TEXT_GREY, axes_for, literal_text, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_difficulty", "plot_distractors", "plot_items", "plot_scores", "plot_topics"]

_DIFFICULTIES = ("easy", "medium", "hard")


def plot_items(table: pd.DataFrame, flagged: Collection[str] = (), ax: Axes | None = None) -> Axes:
    """Each question as a point: share right at the first attempt against discrimination.

    ``table`` is :func:`~.item_analysis.items`; questions in ``flagged`` (pass every
    question with a finding) are drawn as red triangles with their id beside them.  Questions
    drawn at the same place (equal p and r to two decimals) get "N questions here" beside
    the point, so a dot never hides another.
    """
    ax = axes_for(ax, (7.0, 4.5))
    plain = table[~table["question"].isin(flagged)]
    marked = table[table["question"].isin(flagged)]
    ax.axhline(0, color=TEXT_GREY, linewidth=0.8)
    ax.scatter(plain["p"], plain["discrimination"], color=OKABE_ITO["blue"], marker="o",
               label="question", zorder=3)
    ax.scatter(marked["p"], marked["discrimination"], color=OKABE_ITO["vermillion"], marker="^",
               s=70, label="question with a finding (see the list)", zorder=4)
    for row in marked.itertuples():
        if not (math.isnan(row.p) or math.isnan(row.discrimination)):
            ax.annotate(str(row.question), (row.p, row.discrimination), textcoords="offset points",
                        xytext=(5, 4), fontsize=8)
    places: dict[tuple[float, float], int] = {}
    for p, r in zip(table["p"], table["discrimination"], strict=True):
        if not (math.isnan(p) or math.isnan(r)):
            places[(round(float(p), 2), round(float(r), 2))] = places.get((round(float(p), 2), round(float(r), 2)), 0) + 1
    for (p, r), count in places.items():
        if count > 1:
            ax.annotate(f"{count} questions here", (p, r), textcoords="offset points", xytext=(5, -11),
                        fontsize=8, color=TEXT_GREY)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("Share right at the first attempt (p)")
    ax.set_ylabel("Discrimination (corrected point-biserial r)")
    ax.set_title(wrap("Questions: how hard, and whether they separate stronger from weaker students", 48))
    ax.legend(loc="lower left", fontsize=8)
    return literal_text(ax)


def plot_difficulty(check: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stated difficulty (x) against measured p-value (y), from ``difficulty_check``.

    One rule with the table (the ``verdict`` column, :data:`~.item_analysis.DIFFICULTY_VERDICTS`):
    blue circles lie inside their band, orange squares outside it but within chance, red
    triangles outside it by more than chance (a ``difficulty disagrees`` finding); grey
    crosses have too few answers to tell.
    """
    from .item_analysis import DIFFICULTY_VERDICTS, rules

    ax = axes_for(ax, (6.0, 4.0))
    bands = rules().difficulty_bands
    styles = {  # verdict -> colour, marker, size, legend label
        DIFFICULTY_VERDICTS[0]: (OKABE_ITO["blue"], "o", 36, "inside its band"),
        DIFFICULTY_VERDICTS[1]: (OKABE_ITO["orange"], "s", 40, "outside, within chance"),
        DIFFICULTY_VERDICTS[2]: (OKABE_ITO["vermillion"], "^", 60, "outside by more than chance"),
        DIFFICULTY_VERDICTS[3]: (TEXT_GREY, "x", 36, "too few answers"),
    }
    verdicts = list(check["verdict"]) if "verdict" in check else [
        DIFFICULTY_VERDICTS[3] if a is None else DIFFICULTY_VERDICTS[0 if a else 2] for a in check["agrees"]]
    check = check.assign(verdict=verdicts)
    labelled: set[str] = set()
    for x, name in enumerate(_DIFFICULTIES):
        low, high = bands.get(name, (0.0, 1.0))
        ax.fill_between([x - 0.4, x + 0.4], low, min(high, 1.0), color=OKABE_ITO["sky_blue"], alpha=0.25,
                        linewidth=0, label="expected band" if x == 0 else None)
        sub = check[check["stated"] == name]
        offsets = [x + ((i % 7) - 3) * 0.05 for i in range(len(sub))]
        for verdict, (colour, marker, size, label) in styles.items():
            chosen = [v == verdict for v in sub["verdict"]]
            if not any(chosen):
                continue
            ax.scatter([o for o, c in zip(offsets, chosen, strict=True) if c],
                       [p for p, c in zip(sub["p"], chosen, strict=True) if c], color=colour, marker=marker,
                       s=size, label=None if label in labelled else label, zorder=4)
            labelled.add(label)
    ax.set_xticks(range(len(_DIFFICULTIES)), list(_DIFFICULTIES))
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("Difficulty stated in the bank")
    ax.set_ylabel("Share right at the first attempt (p)")
    ax.set_title("Stated difficulty against the data")
    ax.legend(loc="lower left", fontsize=8)
    return literal_text(ax)


def plot_topics(mastery: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The class's mastery per topic (from ``topic_mastery``), written on each bar too."""
    ax = axes_for(ax, (6.0, 0.6 + 0.5 * max(1, len(mastery))))
    ys = list(range(len(mastery)))
    ax.barh(ys, mastery["mastery"], color=OKABE_ITO["bluish_green"])
    for y, value, share in zip(ys, mastery["mastery"], mastery["mastered"], strict=True):
        ax.text(min(value, 0.98), y, f" {value:.0%} (mastered by {share:.0%})", va="center",
                ha="right" if value > 0.6 else "left", fontsize=8,
                color="white" if value > 0.6 else "black")
    ax.set_yticks(ys, list(mastery["topic"]))
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("Mean score of the topic's questions")
    ax.set_title("Class mastery per topic")
    return literal_text(ax)


def plot_scores(scores: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """How the students' percentages spread (from ``student_scores``)."""
    ax = axes_for(ax, (6.0, 3.5))
    values = scores["percent"].dropna()
    ax.hist(values, bins=[i * 10 for i in range(11)], color=OKABE_ITO["blue"], edgecolor="white")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole students, never 0.5
    ax.set_xlim(0, 100)
    ax.set_xlabel("Score (% of the questions answered)")
    ax.set_ylabel("Students")
    ax.set_title(f"Students' scores (n = {len(values)})")
    return literal_text(ax)


def plot_distractors(options: pd.DataFrame, question: str, ax: Axes | None = None) -> Axes:
    """How often each option of ``question`` was picked (from ``distractors``); the key
    is hatched and labelled "(key)".  Black diamonds mark the share in the upper group
    (the students strongest on the other questions), which a "likely wrong key" finding
    is about.  An unknown ``question`` is a :class:`~edu_kit.errors.ChoiceError`."""
    sub = options[options["question"] == question]
    if sub.empty:
        from ..errors import ChoiceError

        raise ChoiceError.of("question", question, list(dict.fromkeys(map(str, options["question"]))))
    ax = axes_for(ax, (6.0, 0.6 + 0.45 * max(1, len(sub))))
    ys = list(range(len(sub)))
    bars = ax.barh(ys, sub["share"], color=[OKABE_ITO["bluish_green"] if k else OKABE_ITO["grey"]
                                             for k in sub["key"]])
    for bar, key in zip(bars, sub["key"], strict=True):
        if key:
            bar.set_hatch("//")
    labels = [wrap(f"{c} (key)" if k else str(c), 40) for c, k in zip(sub["choice"], sub["key"], strict=True)]
    ax.set_yticks(ys, labels, fontsize=8)
    upper = sub["upper_share"].astype(float)
    if upper.notna().any():
        ax.scatter(upper, ys, marker="D", color="black", s=22, zorder=4, clip_on=False,
                   label="share in the upper group")
        ax.legend(loc="lower right", fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of first answers that picked the option")
    ax.set_title(question, fontsize=9)
    return literal_text(ax)
