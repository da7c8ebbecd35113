"""The sources view: quotations, framing, scare quotes, boilerplate, conflicts, misspellings."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from edu_kit.corpus import Corpus, parse_article
from edu_kit.tables import articles_table, quotes_table
from edu_kit.views import plot_sources, quoted_speakers, sources
from edu_kit.views.sources import COLUMNS, SPEAKER_COLUMNS


@pytest.fixture(scope="module")
def frame(corpus: Corpus) -> pd.DataFrame:
    return sources(corpus).set_index("article", drop=False)


@pytest.fixture(scope="module")
def speakers(corpus: Corpus) -> pd.DataFrame:
    return quoted_speakers(corpus)



def test_one_row_per_article_in_corpus_order(corpus: Corpus, frame: pd.DataFrame) -> None:
    assert tuple(frame.columns) == COLUMNS
    assert frame["article"].tolist() == list(corpus.ids)
    assert pd.api.types.is_datetime64_any_dtype(frame["published"])


@pytest.mark.parametrize(
    ("article", "column", "expected"),
    [
        ("003", "framing", "claiming (2), claims (1), pointed out (1), routine war games (1)"),
        ("003", "fragments", '"second-class", "real", "fake"'),
        ("003", "scare_quotes", 3),
        ("002", "misspellings", "Schulz, Schultz"),
        ("002", "framing", "allegedly (1), insisting (1)"),
        ("000", "framing", "what they say (1)"),
        ("000", "speakers", "Jens Stoltenberg (5), Volodymyr Zelensky (2)"),
        ("002", "speakers", "Jens Stoltenberg (4), Olaf Scholz (2), Russian Foreign Ministry (1)"),
        ("004", "framing", ""),  # "false Russian claims" is inside NATO's statement: not the writer's framing
        ("001", "framing", "russia's aggression (1)"),  # the writer's own label, not a quotation
        ("001", "misspellings", ""),
    ],
)
def test_seed_values(frame: pd.DataFrame, article: str, column: str, expected: object) -> None:
    assert frame.loc[article, column] == expected


def test_fake_is_a_scare_quote_of_003(frame: pd.DataFrame) -> None:
    assert '"fake"' in frame.loc["003", "fragments"].split(", ")
    assert "fake" not in frame.loc["003", "framing"]  # the Kremlin's word, quoted: not the writer's


@pytest.mark.parametrize(("article", "conflicts"), [("000", 1), ("001", 0), ("002", 1), ("003", 0), ("004", 1)])
def test_conflicts_per_article(frame: pd.DataFrame, article: str, conflicts: int) -> None:
    assert frame.loc[article, "conflicts"] == conflicts


def test_counts_agree_with_the_tables(corpus: Corpus, frame: pd.DataFrame) -> None:
    articles = articles_table(corpus).set_index("id")
    assert frame["boilerplate"].tolist() == articles["boilerplate"].tolist()
    assert frame["words"].tolist() == articles["words"].tolist()
    quotes = quotes_table(corpus)
    text = quotes[quotes["where"] == "text"]
    assert frame["quotes"].tolist() == [int((~text[text["article"] == a]["fragment"]).sum()) for a in corpus.ids]
    assert frame["scare_quotes"].tolist() == [int(text[text["article"] == a]["fragment"].sum()) for a in corpus.ids]


def test_quoted_speakers(frame: pd.DataFrame, speakers: pd.DataFrame) -> None:
    assert tuple(speakers.columns) == SPEAKER_COLUMNS
    totals = speakers.groupby("article")["quotes"].sum()
    for article in frame["article"]:
        assert int(totals.get(article, 0)) == frame.loc[article, "quotes"]
    assert speakers[speakers["speaker"] == "Russian Foreign Ministry"][
        ["article", "side", "quotes"]
    ].values.tolist() == [["002", "Russia", 1]]
    table = speakers.pivot_table(index="article", columns="speaker", values="quotes", fill_value=0)
    assert table.loc["000", "Jens Stoltenberg"] == 5


def test_an_article_without_quotes() -> None:
    corpus = Corpus(
        (parse_article("Talks were held. Nothing was said.", id="q", outlet="Test", published="2022-01-12"),)
    )
    row = sources(corpus).iloc[0]
    assert (row["quotes"], row["speakers"], row["fragments"], row["framing"], row["misspellings"]) == (
        0,
        "",
        "",
        "",
        "",
    )
    assert quoted_speakers(corpus).empty


def test_deterministic(corpus: Corpus, frame: pd.DataFrame) -> None:
    assert sources(corpus).set_index("article", drop=False).equals(frame)


@pytest.mark.usefixtures("close_figures")
def test_plot_stacks_speakers_per_article(speakers: pd.DataFrame) -> None:
    ax = plot_sources(speakers)
    assert isinstance(ax, Axes)
    assert ax.get_title()
    legend = ax.get_legend()
    assert legend is not None
    entries = [t.get_text() for t in legend.get_texts()]
    assert "Jens Stoltenberg (NATO)" in entries
    assert "Russian Foreign Ministry (Russia)" in entries
    assert len(entries) == speakers["speaker"].nunique()
    rows = [t.get_text().split()[0] for t in ax.get_yticklabels()]
    assert rows == ["000", "001", "002", "003", "004"]
    widths = sorted(round(p.get_width()) for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0)
    assert widths == sorted(speakers["quotes"].tolist())


@pytest.mark.usefixtures("close_figures")
def test_plot_labels_do_not_overlap(speakers: pd.DataFrame) -> None:
    ax = plot_sources(speakers)
    fig = ax.get_figure(root=True)
    assert fig is not None
    fig.canvas.draw()
    labels = [t for t in (*ax.texts, *ax.get_yticklabels(), ax.title) if t.get_text()]
    boxes = [t.get_window_extent() for t in labels]
    for a, b in itertools.combinations(range(len(boxes)), 2):
        assert not boxes[a].overlaps(boxes[b]), (labels[a].get_text(), labels[b].get_text())


@pytest.mark.usefixtures("close_figures")
def test_plot_uses_the_axes_given(corpus: Corpus) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(16, 5))
    ax = plot_sources(corpus=corpus, ax=axes[1])
    assert ax is axes[1]
    assert ax.get_figure(root=True) is fig
    assert not axes[0].patches


@pytest.mark.parametrize(
    ("article", "word", "kind", "in_sentence"),
    [
        ("000", "what they say", "distance", "point to what they say is Russia's massive troop mobilisation"),
        ("001", "russia's aggression", "loaded", "in the context of Russia’s aggression against Ukraine"),
        ("002", "allegedly", "doubt", "allegedly supporting separatist rebels"),
        ("003", "claiming", "doubt", "claiming that a military buildup is continuing"),
        ("003", "pointed out", "endorsement", "Russia has pointed out that such a move"),
        ("003", "routine war games", "loaded", "after taking part in routine war games"),
    ],
)
def test_framing_looks_at_every_article(corpus: Corpus, article: str, word: str, kind: str, in_sentence: str) -> None:
    from edu_kit.views import framing

    rows = framing(corpus)
    found = rows[(rows["article"] == article) & (rows["word"] == word)]
    assert set(found["kind"]) == {kind}
    assert any(in_sentence in s for s in found["sentence"])
    for row in found.itertuples():
        assert corpus[article].body[row.start : row.end].lower().replace("\u2019", "'") == word


def test_framing_inside_quotations_is_the_speakers_not_the_writers(corpus: Corpus) -> None:
    from edu_kit.views import framing

    rows = framing(corpus)
    assert "aggressor" not in set(rows["word"])  # "The aggressor is Russia" is Stoltenberg's, in quotation marks
    assert rows[rows["article"] == "004"].empty
