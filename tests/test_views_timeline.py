"""The timeline view: dated events of the articles among context events, and its figure."""

from __future__ import annotations

import dataclasses
import itertools
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

from edu_kit import load_knowledge
from edu_kit.corpus import Corpus
from edu_kit.errors import ChoiceError
from edu_kit.views import plot_timeline, timeline
from edu_kit.views._style import ARTICLE, CONTEXT
from edu_kit.views.timeline import COLUMNS, SPANS, excerpt, pack_labels, trim


@pytest.fixture(scope="module")
def frame(corpus: Corpus) -> pd.DataFrame:
    return timeline(corpus)



def _one(frame: pd.DataFrame, date: str, kind: str) -> pd.Series:
    rows = frame[(frame["date"] == date) & (frame["kind"] == kind)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# --------------------------------------------------------------------------- the data


def test_columns_and_kinds(frame: pd.DataFrame) -> None:
    assert tuple(frame.columns) == COLUMNS
    assert set(frame["kind"]) == {"article", "context"}
    assert set(frame["precision"]) <= {"day", "week", "month", "year"}
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    assert pd.api.types.is_datetime64_any_dtype(frame["end"])
    assert (frame["end"] >= frame["start"]).all()


def test_nato_russia_council_meeting_is_one_row_reported_by_001_and_003(frame: pd.DataFrame) -> None:
    row = _one(frame, "2022-01-12", "article")
    assert row["articles"] == "001, 003"
    assert "Russia-NATO Council" in row["what"]
    assert row["precision"] == "day"
    assert row["start"] == row["end"] == pd.Timestamp("2022-01-12")
    assert "article 001 (" in row["source"]
    assert "article 003 (" in row["source"]


@pytest.mark.parametrize(
    ("date", "words", "source"),
    [
        ("2008-04-03", "Bucharest Summit Declaration", "Bucharest Summit Declaration, paragraph 23"),
        ("2014-03-18", "Russia annexes Crimea", "UN General Assembly resolution 68/262"),
        ("2022-01-12", "NATO-Russia Council meets", "meeting of the NATO-Russia Council (as delivered)"),
        ("2022-02-24", "full-scale invasion", "on resolution ES-11/1"),
    ],
)
def test_context_events_come_from_the_knowledge_base(frame: pd.DataFrame, date: str, words: str, source: str) -> None:
    row = _one(frame, date, "context")
    assert words in row["what"]
    assert source in row["source"]
    assert row["sentence"] is None or pd.isna(row["sentence"])


@pytest.mark.parametrize(
    ("date", "articles", "who"),
    [
        ("2021-12-10", "002", "Jens Stoltenberg"),
        ("2021-12-15", "000", "Sergei Ryabkov"),
        ("2021-12-16", "000, 004", "Volodymyr Zelensky"),
        ("2022-01-13", "001", ""),
    ],
)
def test_article_events_of_the_crisis(frame: pd.DataFrame, date: str, articles: str, who: str) -> None:
    row = _one(frame, date, "article")
    assert row["articles"] == articles
    assert who in row["who"]
    assert row["sentence"]
    assert len(row["sentence"]) >= len(row["what"].strip("…"))
    for article in articles.split(", "):
        assert re.search(rf"article {article} \(.+, \d{{4}}-\d{{2}}-\d{{2}}\)", row["source"])


@pytest.mark.parametrize(("mentioned", "words"), [("2008", "Russian Foreign Ministry"), ("2014", "$2.5 billion")])
def test_a_date_only_mentioned_is_not_drawn_as_the_event(frame: pd.DataFrame, mentioned: str, words: str) -> None:
    # 002 (10 Dec 2021): the Foreign Ministry's call to rescind "the 2008 declaration" was made
    # in December 2021; "$2.5 billion to bolster an army that collapsed ... in 2014" is a
    # commitment standing when the article was written.  Neither is an event of 2008 or 2014.
    assert frame[(frame["date"] == mentioned) & (frame["kind"] == "article")].empty
    assert not frame[frame["kind"] == "article"]["sentence"].str.contains(words, regex=False).any()
    day = _one(frame, "2021-12-10", "article")
    assert day["precision"] == "day"
    assert day["articles"] == "002"


def test_a_day_mentioned_in_a_relative_clause_still_points_the_context_event_to_the_article(
    frame: pd.DataFrame,
) -> None:
    # "Schultz, who took office on Wednesday ..., also warned Russia": the sentence reports a
    # warning of 10 Dec; it mentions 8 Dec, the day of the context event "Scholz sworn in".
    assert frame[(frame["date"] == "2021-12-08") & (frame["kind"] == "article")].empty
    assert _one(frame, "2021-12-08", "context")["articles"] == "002"


def test_weeks_months_and_ranges(frame: pd.DataFrame) -> None:
    week = _one(frame, "2021-W49", "article")
    assert (week["precision"], week["start"], week["end"]) == (
        "week",
        pd.Timestamp("2021-12-06"),
        pd.Timestamp("2021-12-12"),
    )
    month = _one(frame, "2014-04", "context")
    assert (month["precision"], month["end"]) == ("month", pd.Timestamp("2014-04-30"))
    ranges = frame[(frame["date"] == "2022-01-10") & (frame["end"] == pd.Timestamp("2022-01-13"))]
    assert ranges["kind"].tolist() == ["article"]
    georgia = _one(frame, "2008-08-07", "context")
    assert georgia["end"] == pd.Timestamp("2008-08-12")


def test_who_and_where_separate_actors_from_places(frame: pd.DataFrame) -> None:
    founding_act = _one(frame, "1997-05-27", "context")
    assert founding_act["where"] == "Paris"
    assert "Paris" not in founding_act["who"]
    crimea = _one(frame, "2014-03-18", "context")
    assert crimea["who"] == "Russia, Ukraine, UN General Assembly"
    assert "Crimea" in crimea["where"]


def test_context_rows_point_to_articles_reporting_that_day(frame: pd.DataFrame) -> None:
    assert _one(frame, "2021-12-16", "context")["articles"] == "000, 004"
    assert _one(frame, "2008-04-03", "context")["articles"] == ""


def test_sorted_and_deterministic(corpus: Corpus, frame: pd.DataFrame) -> None:
    key = list(zip(frame["start"], frame["kind"], frame["what"], strict=True))
    assert key == sorted(key)
    assert frame.equals(timeline(corpus))


def test_what_is_short_and_cut_on_word_boundaries(frame: pd.DataFrame) -> None:
    articles = frame[frame["kind"] == "article"]
    assert (articles["what"].str.len() <= 141).all()
    for what, sentence in zip(articles["what"], articles["sentence"], strict=True):
        assert what.strip("…") in " ".join(sentence.split())


def test_knowledge_base_without_events_gives_article_events_only(corpus: Corpus) -> None:
    kb = dataclasses.replace(load_knowledge(), events=())
    frame = timeline(corpus, kb)
    assert set(frame["kind"]) == {"article"}


def test_empty_corpus_gives_context_only() -> None:
    frame = timeline(Corpus(()))
    assert set(frame["kind"]) == {"context"}
    assert (frame["articles"] == "").all()


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("NATO will not compromise with Russia", 25, "NATO will not compromise…"),
        ("NATO will not compromise with Russia", 30, "NATO will not compromise with…"),
    ],
)
def test_trim(text: str, limit: int, expected: str) -> None:
    assert trim(text, limit) == expected
    assert len(trim(text, limit)) <= limit


def test_excerpt_keeps_the_date_expression() -> None:
    sentence = "A " * 100 + "in 2014 something happened."
    start = sentence.index("2014")
    out = excerpt(sentence, start, start + 4, 60)
    assert "2014" in out
    assert out.startswith("…")
    assert len(out) <= 60


@pytest.mark.parametrize(
    ("desired", "heights", "gap"),
    [
        ([0, 0, 0, 0], [1, 2, 1, 3], 0.5),
        ([5, 1, 3, 3.2, 9, 9.1, 9.2], [1] * 7, 0.2),
        ([0, 100], [4, 4], 1),
        ([10, 10, 10], [2, 2, 2], 0),
    ],
)
def test_pack_labels_never_overlap_and_stay_inside(desired: list[float], heights: list[float], gap: float) -> None:
    centres = pack_labels(desired, heights, lo=0, hi=100, gap=gap)
    spans = sorted((c - h / 2, c + h / 2) for c, h in zip(centres, heights, strict=True))
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end + gap <= start + 1e-6
    assert spans[0][0] >= -1e-9
    assert spans[-1][1] <= 100 + 1e-9
    order = sorted(range(len(desired)), key=lambda i: desired[i])
    assert [centres[i] for i in order] == sorted(centres)  # the order of the dates is kept


def test_import_is_light() -> None:
    code = "import sys, edu_kit.views; print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --------------------------------------------------------------------------- the figure


def _texts(ax: Axes) -> list[matplotlib.text.Text]:
    return [t for t in ax.texts if t.get_text().strip()]


def _extents(ax: Axes) -> list[tuple[str, matplotlib.transforms.Bbox]]:
    fig = ax.get_figure(root=True)
    assert fig is not None
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    found = []
    for text in [*_texts(ax), ax.title]:
        patch = text.get_bbox_patch()
        box = patch.get_window_extent(renderer) if patch is not None else text.get_window_extent(renderer)
        found.append((text.get_text(), box))
    return found


@pytest.mark.usefixtures("close_figures")
@pytest.mark.parametrize("span", SPANS)
def test_plot_returns_axes_with_title_legend_and_date_axis(frame: pd.DataFrame, span: str) -> None:
    ax = plot_timeline(frame, span=span)  # type: ignore[arg-type]
    assert isinstance(ax, Axes)
    assert ax.get_title()
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert CONTEXT["label"] in labels
    assert ARTICLE["label"] in labels
    ax.get_figure(root=True).canvas.draw()  # type: ignore[union-attr]
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks
    assert any("Dec 2021" in t for t in ticks) if span == "crisis" else any(t == "2008" for t in ticks)


@pytest.mark.usefixtures("close_figures")
@pytest.mark.parametrize("span", SPANS)
def test_labels_do_not_overlap(frame: pd.DataFrame, span: str) -> None:
    ax = plot_timeline(frame, span=span)  # type: ignore[arg-type]
    boxes = _extents(ax)
    assert len(boxes) > 8
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"
    fig_box = ax.get_figure(root=True).bbox  # type: ignore[union-attr]
    for text, box in boxes:  # and no label is cut off by the edge of the figure
        assert fig_box.contains(box.x0, box.y0), text
        assert fig_box.contains(box.x1, box.y1), text
    ticks = [t.get_window_extent() for t in ax.get_yticklabels() if t.get_text()]
    for (text, box), tick in itertools.product(boxes, ticks):
        assert not box.overlaps(tick), text


@pytest.mark.usefixtures("close_figures")
def test_crisis_plot_labels_the_events_of_the_crisis(frame: pd.DataFrame) -> None:
    ax = plot_timeline(frame, span="crisis")
    labels = " ".join(t.get_text().replace("\n", " ") for t in _texts(ax))
    assert "12 Jan: The NATO-Russia Council meets in Brussels" in labels
    assert "[001, 003]" in labels
    assert "24 Feb: Russia launches a full-scale invasion of Ukraine" in labels
    assert "Bucharest" not in labels  # 2008 is outside the close-up


@pytest.mark.usefixtures("close_figures")
def test_long_plot_shows_history_and_sums_up_the_crisis(frame: pd.DataFrame) -> None:
    ax = plot_timeline(frame, span="long")
    labels = " ".join(t.get_text().replace("\n", " ") for t in _texts(ax))
    assert "3 Apr 2008: Bucharest Summit Declaration" in labels
    assert "2014: But the United States" not in labels  # a date 002 only mentions
    assert "events of the crisis" in labels
    assert "day-by-day chart of the crisis" in labels
    assert "span=" not in labels  # a student reads words, not a function's parameter


@pytest.mark.usefixtures("close_figures")
def test_article_and_context_events_differ_in_marker_and_colour(frame: pd.DataFrame) -> None:
    ax = plot_timeline(frame, span="crisis")
    marks = {(line.get_marker(), line.get_color()) for line in ax.lines if line.get_marker() not in (None, "None", "")}
    assert (CONTEXT["marker"], CONTEXT["colour"]) in marks
    assert (ARTICLE["marker"], ARTICLE["colour"]) in marks
    assert CONTEXT["marker"] != ARTICLE["marker"]
    assert CONTEXT["colour"] != ARTICLE["colour"]


@pytest.mark.usefixtures("close_figures")
def test_plot_uses_the_axes_given(frame: pd.DataFrame) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(20, 10))
    ax = plot_timeline(frame, span="crisis", ax=axes[1])
    assert ax is axes[1]
    assert not axes[0].texts
    assert ax.get_figure(root=True) is fig


@pytest.mark.usefixtures("close_figures")
def test_plot_from_a_corpus(corpus: Corpus) -> None:
    ax = plot_timeline(corpus=Corpus(corpus.articles[:1]), span="crisis")
    labels = " ".join(t.get_text() for t in _texts(ax))
    assert "[000]" in labels
    assert "[001" not in labels


def test_bad_span_is_a_choice_error(frame: pd.DataFrame) -> None:
    with pytest.raises(ChoiceError, match="span 'decade'"):
        plot_timeline(frame, span="decade")  # type: ignore[arg-type]


@pytest.mark.parametrize(("date", "when"), [
    ("2021-W49", "week of 6–12 Dec 2021"), ("2021-12-16", "16 Dec 2021"), ("2008-08-07", "7–12 Aug 2008"),
    ("2014-04", "Apr 2014"), ("1994-12-05", "5 Dec 1994")])
def test_each_event_has_its_date_in_words(frame: pd.DataFrame, date: str, when: str) -> None:
    """Review i13c finding 16: notebook 02 printed "2021-W49" for the first event of the crisis."""
    assert set(frame.loc[frame["date"] == date, "when"]) == {when}
    assert "10–13 Jan 2022" in set(frame.loc[frame["date"] == "2022-01-10", "when"])
    assert not frame["when"].str.contains(r"\d{4}-W|\d{4}-\d{2}", regex=True).any()
