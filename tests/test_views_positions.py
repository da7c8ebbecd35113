"""The positions view: each side's statements, attributed and grouped by issue."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

from edu_kit import load_knowledge
from edu_kit.corpus import Corpus, parse_article
from edu_kit.errors import ChoiceError
from edu_kit.knowledge import SIDES
from edu_kit.views import issues, plot_positions, position_summary, positions
from edu_kit.views.positions import COLUMNS, OTHER, attribution, issue_of


@pytest.fixture(scope="module")
def frame(corpus: Corpus) -> pd.DataFrame:
    return positions(corpus)



def _corpus(text: str) -> Corpus:
    return Corpus((parse_article(text, id="t01", outlet="Test", published="2021-12-16"),))


# --------------------------------------------------------------------------- issues


def test_issues_file_is_consistent() -> None:
    found = issues()
    ids = [i.id for i in found]
    assert len(ids) == len(set(ids))
    assert ids[-1] == OTHER
    known = {c.id for c in load_knowledge().concepts}
    for issue in found[:-1]:
        assert all((issue.label, issue.description, issue.keywords)), issue.id
        assert set(issue.concepts) <= known, issue.id


@pytest.mark.parametrize(
    ("issue", "text", "expected"),
    [
        ("membership_open_door", "the right of Ukraine to choose its own path", True),
        ("membership_open_door", "NATO should halt its eastward expansion", True),
        ("spheres_security_guarantees", "major powers like Russia have spheres of influence", True),
        ("troop_buildup", "Russia’s military build-up near Ukraine", True),
        ("troop_buildup", "the warranty", False),  # whole words only
        ("dialogue_arms_control", "we are ready for negotiations", True),  # "negotiat*"
        ("sanctions_consequences", "massive economic sanctions", True),
        ("sovereignty_territorial_integrity", "Ukraine’s sovereignty and territorial integrity", True),
        ("support_for_ukraine", "a highly valued partner", True),
        ("allied_defence", "defend all NATO allies", True),
        ("minsk_peace_process", "the implementation of the Minsk and Normandy agreements", True),
        ("minsk_peace_process", "a peaceful settlement of the situation", True),
        ("dialogue_arms_control", "a peaceful settlement of the situation", False),
    ],
)
def test_issue_keywords(issue: str, text: str, expected: bool) -> None:
    assert issue_of(issue).matches(text) is expected


def test_issue_concepts_match_too() -> None:
    assert issue_of("membership_open_door").matches("no keyword here", ["bucharest-summit-2008"])
    assert not issue_of("membership_open_door").matches("no keyword here", ["cold-war"])


def test_unknown_issue_is_a_choice_error() -> None:
    with pytest.raises(ChoiceError, match="issue 'troops'"):
        issue_of("troops")


# --------------------------------------------------------------------------- positions


def test_columns_and_sides(frame: pd.DataFrame) -> None:
    assert tuple(frame.columns) == COLUMNS
    assert set(frame["side"]) == {"NATO", "Russia", "Ukraine"}  # no Germany: see the record test below
    assert set(frame["issue"]) <= {i.id for i in issues()}
    assert pd.api.types.is_datetime64_any_dtype(frame["published"])


def test_every_row_attributes_the_statement_to_its_speaker(frame: pd.DataFrame) -> None:
    for row in frame.itertuples():
        assert row.speaker in row.attributed
        assert row.attributed != row.statement
        assert row.attributed.startswith("according to ") or row.attributed.split()[-1] in (
            "said", "stated", "stressed", "underlined", "reported", "Donfried", "out", "calls", "proposed",
            "on", "dismissed", "rejected",
        )  # fmt: skip


def test_nato_on_membership_from_stoltenberg_in_000_002_and_004(frame: pd.DataFrame) -> None:
    nato = frame[(frame["side"] == "NATO") & frame["issues"].str.contains("membership_open_door")]
    assert {"000", "002", "004"} <= set(nato["article"])
    stoltenberg = nato[nato["speaker"] == "Jens Stoltenberg"]
    assert {"000", "002"} <= set(stoltenberg["article"])
    assert (stoltenberg["attributed"].str.startswith("Jens Stoltenberg, Secretary General of NATO,")).all()
    assert any("choose its own path" in s for s in stoltenberg["statement"])


def test_russia_demands_that_nato_repudiate_bucharest(frame: pd.DataFrame) -> None:
    russia = frame[
        (frame["side"] == "Russia") & (frame["speaker"] == "Russian Foreign Ministry") & (frame["article"] == "002")
    ]
    statements = russia[russia["issue"] == "membership_open_door"]["statement"].tolist()
    assert any("repudiate the decision of the NATO Summit in Bucharest" in s for s in statements)  # quotation
    assert any(
        s.startswith("Earlier, the Russian Foreign Ministry said that NATO should formally rescind") for s in statements
    )  # reported
    assert set(russia["attributed"]) == {"the Russian Foreign Ministry said"}


@pytest.mark.parametrize(
    ("article", "speaker", "attributed", "issue"),
    [
        (
            "000",
            "Sergei Ryabkov",
            "Sergei Ryabkov, Deputy Minister of Foreign Affairs of Russia, told Donfried",
            "membership_open_door",
        ),
        (
            "003",
            "Jens Stoltenberg",
            "Jens Stoltenberg, Secretary General of NATO, stressed",
            "spheres_security_guarantees",
        ),
        ("003", "Jens Stoltenberg", "according to Jens Stoltenberg, Secretary General of NATO", "troop_buildup"),
        ("004", "Jens Stoltenberg", "Jens Stoltenberg, Secretary General of NATO, underlined", "troop_buildup"),
        (
            "001",
            "Olha Stefanishyna",
            "according to Olha Stefanishyna, Deputy Prime Minister of Ukraine for European and Euro-Atlantic Integration",
            "dialogue_arms_control",
        ),
        ("003", "Russia", "Russia pointed out", "spheres_security_guarantees"),
    ],
)
def test_reported_speech(frame: pd.DataFrame, article: str, speaker: str, attributed: str, issue: str) -> None:
    rows = frame[(frame["article"] == article) & (frame["speaker"] == speaker) & (frame["attributed"] == attributed)]
    assert issue in set(rows["issue"])
    for row in rows.itertuples():
        assert row.statement == row.sentence  # reported speech: the whole sentence


@pytest.mark.parametrize(
    ("speaker", "side"), [("Volodymyr Zelensky", "Ukraine"), ("Kremlin", "Russia"), ("NATO", "NATO")]
)
def test_sides_come_from_the_knowledge_base(frame: pd.DataFrame, speaker: str, side: str) -> None:
    assert set(frame[frame["speaker"] == speaker]["side"]) == {side}


def test_each_statement_is_counted_once(frame: pd.DataFrame) -> None:
    assert not frame.duplicated(["article", "start", "end", "speaker"]).any()
    summary = position_summary(frame)
    assert int(summary.to_numpy().sum()) == len(frame)
    for row in frame.itertuples():
        assert row.issues.split(", ")[0] == row.issue


def test_a_statement_is_filed_under_the_issue_it_is_most_about() -> None:
    frame = positions(
        _corpus('"We want the Minsk agreements and the Normandy format to work, and sanctions to end," Zelensky said.')
    )
    ((issue, issues_),) = frame[["issue", "issues"]].values.tolist()
    assert issue == "minsk_peace_process"
    assert issues_ == "minsk_peace_process, sanctions_consequences"


def test_stefanishyna_on_minsk_is_filed_under_the_peace_process(frame: pd.DataFrame) -> None:
    rows = frame[(frame["speaker"] == "Olha Stefanishyna") & frame["statement"].str.contains("Minsk")]
    assert set(rows["issue"]) == {"minsk_peace_process"}


@pytest.mark.parametrize(
    ("article", "speaker", "words", "attributed"),
    [
        ("003", "Kremlin", "national security risk", "the Kremlin calls"),
        ("003", "Kremlin", "NATO drop the idea of ever bringing Ukraine into the bloc", "the Kremlin proposed"),
        ("003", "Kremlin", "fake", "the Kremlin dismissed"),
        ("002", "Vladimir Putin", "launching pad", "Vladimir Putin, President of Russia, called on"),
    ],
)
def test_russian_statements_reported_without_that(
    frame: pd.DataFrame, article: str, speaker: str, words: str, attributed: str
) -> None:
    rows = frame[(frame["article"] == article) & (frame["speaker"] == speaker) & frame["statement"].str.contains(words)]
    assert set(rows["attributed"]) == {attributed}
    assert set(rows["side"]) == {"Russia"}


def test_quotations_the_record_gives_to_someone_else_are_not_positions(corpus: Corpus, frame: pd.DataFrame) -> None:
    assert "Olaf Scholz" not in set(frame["speaker"])  # 002's two sentences are Stoltenberg's in NATO's transcript
    assert set(frame["record"].dropna()) <= {"confirmed", "unverified"}
    kept = positions(corpus, include_misattributed=True)
    scholz = kept[kept["speaker"] == "Olaf Scholz"]
    assert len(scholz) == 2
    assert set(scholz["record"]) == {"misattributed"}


def test_fragments_and_captions_are_not_positions(frame: pd.DataFrame) -> None:
    assert not set(frame["statement"]) & {"second-class", "real", "fake", "provocative", "highly valued partner"}
    caption = "Since 2014, since the start of the war, I believe that basically Russia pushed Ukraine into NATO,"
    assert set(frame[frame["statement"] == caption]["speaker"]) == {"Volodymyr Zelensky"}  # the body, not the caption


def test_statements_point_into_the_article(corpus: Corpus, frame: pd.DataFrame) -> None:
    for row in frame.itertuples():
        body = corpus[row.article].body
        assert " ".join(body[row.start : row.end].split()).strip('“”"«»').startswith(row.statement[:20])


def test_sorted_by_side_issue_article_offset(frame: pd.DataFrame) -> None:
    order = {i.id: n for n, i in enumerate(issues())}
    key = [(SIDES.index(r.side), order[r.issue], r.article, r.start) for r in frame.itertuples()]
    assert key == sorted(key)


def test_one_row_per_statement_and_other_when_none() -> None:
    frame = positions(_corpus('"We like cheese and sanctions," Stoltenberg said.\n\n"We like cheese," Zelensky said.'))
    assert frame[["speaker", "issue", "issues"]].values.tolist() == [
        ["Jens Stoltenberg", "sanctions_consequences", "sanctions_consequences"],
        ["Volodymyr Zelensky", OTHER, OTHER],
    ]


def test_speakers_without_a_side_are_left_out() -> None:
    frame = positions(_corpus('"Sanctions will come," Olivier Hoslet said.'))
    assert frame.empty
    assert tuple(frame.columns) == COLUMNS


def test_attribution_phrases() -> None:
    kb = load_knowledge()
    assert attribution(kb.entity("kremlin"), "said", None, kb) == "the Kremlin said"
    assert attribution(kb.entity("united-states"), "said", None, kb) == "the United States said"
    assert attribution(kb.entity("russia"), "said", None, kb) == "Russia said"


# --------------------------------------------------------------------------- summary and figure


def test_summary_counts_rows_by_side_and_issue(frame: pd.DataFrame) -> None:
    summary = position_summary(frame)
    assert list(summary.index) == ["NATO", "Russia", "Ukraine"]
    assert list(summary.columns) == [i.id for i in issues()]
    assert int(summary.to_numpy().sum()) == len(frame)
    assert summary.loc["Russia", "membership_open_door"] == len(
        frame[(frame["side"] == "Russia") & (frame["issue"] == "membership_open_door")]
    )


def test_summary_of_an_empty_frame() -> None:
    summary = position_summary(positions(Corpus(())))
    assert summary.empty
    assert list(summary.columns) == [i.id for i in issues()]


@pytest.mark.usefixtures("close_figures")
def test_plot_writes_the_counts_in_the_cells(frame: pd.DataFrame) -> None:
    ax = plot_positions(frame)
    assert isinstance(ax, Axes)
    assert ax.get_title()
    summary = position_summary(frame)
    # issues are rows, sides columns (narrow enough for A4 portrait)
    cells = sorted((round(t.get_position()[0]), round(t.get_position()[1]), t.get_text()) for t in ax.texts)
    expected = sorted(
        (r, c, str(int(summary.iat[r, c]))) for r in range(summary.shape[0]) for c in range(summary.shape[1])
    )
    assert cells == expected
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == list(summary.index)


@pytest.mark.usefixtures("close_figures")
def test_plot_labels_do_not_overlap(frame: pd.DataFrame) -> None:
    ax = plot_positions(frame)
    fig = ax.get_figure(root=True)
    assert fig is not None
    fig.canvas.draw()
    labels = [t for t in (*ax.get_xticklabels(), *ax.get_yticklabels(), ax.title) if t.get_text()]
    boxes = [t.get_window_extent() for t in labels]
    for a, b in itertools.combinations(range(len(boxes)), 2):
        assert not boxes[a].overlaps(boxes[b]), (labels[a].get_text(), labels[b].get_text())
    for box in boxes:
        assert fig.bbox.x0 <= box.x0
        assert box.x1 <= fig.bbox.x1
        assert fig.bbox.y0 <= box.y0
        assert box.y1 <= fig.bbox.y1


@pytest.mark.usefixtures("close_figures")
def test_plot_uses_the_axes_given(corpus: Corpus) -> None:
    fig, axes = plt.subplots(2, 1, figsize=(12, 8))
    ax = plot_positions(corpus=corpus, ax=axes[0])
    assert ax is axes[0]
    assert ax.get_figure(root=True) is fig
    assert not axes[1].texts
