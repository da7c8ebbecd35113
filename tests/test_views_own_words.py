"""Each side in its own words (:mod:`edu_kit.views.own_words`)."""

from __future__ import annotations

import pandas as pd
import pytest

from edu_kit.corpus import load_sources
from edu_kit.views import position_summary, positions
from edu_kit.views.own_words import RECORD_LABEL, own_words

FRAME = own_words()


def test_same_columns_as_the_articles_positions() -> None:
    from edu_kit import load_corpus

    assert list(FRAME.columns) == list(positions(load_corpus()).columns)
    assert set(FRAME["record"]) == {RECORD_LABEL}
    assert pd.api.types.is_datetime64_any_dtype(FRAME["published"])


@pytest.mark.parametrize("side", ["NATO", "Russia", "Ukraine", "US", "EU", "Germany"])
def test_every_side_speaks_in_the_crisis_months(side: str) -> None:
    crisis = FRAME[(FRAME["published"] >= "2021-12-01") & (FRAME["side"] == side)]
    assert not crisis.empty, f"{side} has no statement of its own in Dec 2021 - Jan 2022"


@pytest.mark.parametrize(
    ("source_id", "words", "issue"),
    [
        ("russia-draft-treaty-with-us", "prevent further eastward expansion", "membership_open_door"),
        ("ukraine-mfa-2021-12-17", "implementation of the Minsk agreements", "minsk_peace_process"),
        ("scholz-2022-01-18-press-summary", "serious dialogue with Russia", "dialogue_arms_control"),
    ],
)
def test_statements_are_filed_under_their_issue(source_id: str, words: str, issue: str) -> None:
    rows = FRAME[(FRAME["article"] == source_id) & FRAME["statement"].str.contains(words, regex=False)]
    assert not rows.empty
    assert issue in rows.iloc[0]["issues"].split(", ")


def test_each_row_is_a_sentence_of_its_document() -> None:
    docs = load_sources()
    for row in FRAME.itertuples():
        body = docs[row.article].body
        assert " ".join(body[row.start : row.end].split()) == row.statement


def test_documents_without_a_side_are_not_read() -> None:
    assert "budapest-memorandum" not in set(FRAME["article"])
    assert "minsk-package-of-measures" not in set(FRAME["article"])


def test_the_summary_takes_it() -> None:
    summary = position_summary(FRAME)
    assert int(summary.to_numpy().sum()) == len(FRAME)
