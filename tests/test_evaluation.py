"""Accuracy against our own gold data: the seeds (targets) and unseen-style texts (figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from edu_kit import load_corpus
from edu_kit.evaluation import Score, format_scores, score_gold

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def seeds() -> dict[str, Score]:
    return score_gold(HERE / "gold", load_corpus())


@pytest.fixture(scope="module")
def unseen() -> dict[str, Score]:
    return score_gold(HERE / "gold" / "extra", load_corpus(HERE / "data" / "articles"))


def test_seed_targets(seeds: dict[str, Score]) -> None:
    print(format_scores(seeds.values()))
    assert seeds["attribution"].f1 >= 0.95
    assert seeds["date_values"].precision >= 0.95
    assert seeds["date_values_explicit"].precision == 1.0
    assert seeds["people"].recall == 1.0


def test_unseen_style_texts_stay_close_to_the_targets(unseen: dict[str, Score]) -> None:
    """Texts written in other outlets' styles, never tuned one by one."""
    print(format_scores(unseen.values()))
    assert unseen["attribution"].f1 >= 0.90
    assert unseen["date_values"].precision >= 0.95
    assert unseen["date_values_explicit"].precision == 1.0
    assert unseen["people"].recall >= 0.95


def test_scorer_counts() -> None:
    score = Score("x", true_positives=8, predicted=10, expected=16)
    assert (score.precision, score.recall) == (0.8, 0.5)
    assert round(score.f1, 3) == 0.615


@pytest.mark.parametrize(
    ("folder", "floors"),
    [
        # Fifteen texts in yet other styles (transcripts, interviews, fact checks, quote
        # lists), written after the rules; see tests/data/holdout/README.md.
        ("holdout", {"attribution": 0.95, "attribution_all": 0.95, "date_values": 0.95, "people": 0.97}),
        # Ten more, written blind by someone who never saw the code (blind: attribution
        # 0.97, with fragments 0.94, dates 0.92, people 0.97); see tests/data/holdout2/README.md.
        ("holdout2", {"attribution": 0.95, "attribution_all": 0.95, "date_values": 0.95, "people": 0.97}),
        # Ten more, written blind outside the repository (blind: attribution 0.86, with
        # fragments 0.88, dates 0.97, people 0.94); see tests/gold/holdout3/README.md.
        ("holdout3", {"attribution": 0.9, "attribution_all": 0.92, "date_values": 0.97, "people": 0.95}),
        # Eight longer ones, written blind outside the repository (blind: attribution 0.85,
        # with fragments 0.82, dates 0.99, people 0.96); see tests/gold/holdout4/README.md.
        ("holdout4", {"attribution": 0.9, "attribution_all": 0.92, "date_values": 0.97, "people": 0.97}),
        # Six long ones with pronouns meant to be resolved by meaning (blind: attribution 0.71,
        # with fragments 0.82, dates 1.00, people 0.98); see tests/gold/holdout5/README.md.
        ("holdout5", {"attribution": 0.74, "attribution_all": 0.85, "date_values": 0.97, "people": 0.97}),
        # Six ordinary daily news pieces, scored once and never tuned on (0.97 / 0.94, dates
        # 1.00, people 1.00); see tests/gold/holdout6/README.md.
        ("holdout6", {"attribution": 0.95, "attribution_all": 0.92, "date_values": 0.97, "people": 0.97}),
    ],
)
def test_held_out_texts(folder: str, floors: dict[str, float]) -> None:
    """Floors a little under today's figures, so that a change that loses ground on texts
    the rules were not written for fails here."""
    scores = score_gold(HERE / "gold" / folder, load_corpus(HERE / "data" / folder))
    print(format_scores(scores.values()))
    for category, floor in floors.items():
        assert scores[category].f1 >= floor, f"{category}: {scores[category].f1:.3f} < {floor}"
    assert scores["date_values_explicit"].precision == 1.0
