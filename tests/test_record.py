"""Quotations checked against the record (:mod:`edu_kit.facts.record`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from edu_kit.corpus import Corpus, load_sources, parse_article
from edu_kit.facts import QUOTE_STATUSES, QuoteCheck, check_quotes, record_similarity
from edu_kit.facts.record import content_words
from edu_kit.tables import RECORD_COLUMNS, record_table

SOURCES = load_sources()


@pytest.fixture(scope="module")
def checks(corpus: Corpus) -> tuple[QuoteCheck, ...]:
    return check_quotes(corpus)


def _find(checks: tuple[QuoteCheck, ...], article: str, start_of_text: str) -> QuoteCheck:
    (found,) = [c for c in checks if c.article == article and c.text.startswith(start_of_text)]
    return found


@pytest.mark.parametrize(
    "start_of_text",
    ["NATO allies agree that any further aggression", "We call on Russia to return to diplomacy, de-escalation"],
)
def test_002_gives_scholz_two_sentences_the_record_gives_to_stoltenberg(checks: tuple[QuoteCheck, ...], start_of_text: str) -> None:
    check = _find(checks, "002", start_of_text)
    assert check.speaker == "Olaf Scholz"
    assert check.status == "misattributed"
    assert check.record_speaker == "Jens Stoltenberg"
    assert check.match is not None
    assert check.match.source == "nato-2021-12-10-stoltenberg-scholz"
    assert check.match.published == "2021-12-10"
    assert check.match.passage in SOURCES[check.match.source].body.replace("\n", " ")
    assert "Olaf Scholz" in check.reason
    assert "Jens Stoltenberg" in check.reason
    # the record holds no words of Scholz's own from 10 December: the reason must say so
    assert "none of Olaf Scholz's own words" in check.reason


def test_the_caveat_goes_when_the_record_holds_the_speakers_own_words() -> None:
    """A document of Scholz's own, dated before the article, that lacks the two sentences:
    they stay misattributed, but the reason no longer says his words are missing."""
    from dataclasses import replace
    from datetime import date

    from edu_kit import load_corpus
    from edu_kit.corpus import SourceSet
    from edu_kit.facts import check_quotes

    own = replace(
        SOURCES["scholz-2022-01-18-press-summary"], id="scholz-own", speaker="Olaf Scholz", published=date(2021, 12, 9)
    )
    found = check_quotes(load_corpus(), SourceSet((*SOURCES, own)))
    wrong = [c for c in found if c.article == "002" and c.status == "misattributed"]
    assert len(wrong) == 2
    assert all("own words" not in c.reason for c in wrong)


def test_only_the_two_002_sentences_are_misattributed(checks: tuple[QuoteCheck, ...]) -> None:
    wrong = [(c.article, c.speaker) for c in checks if c.status == "misattributed"]
    assert wrong == [("002", "Olaf Scholz"), ("002", "Olaf Scholz")]


@pytest.mark.parametrize(
    ("article", "start_of_text", "speaker", "source"),
    [
        ("004", "We call on Russia to return to diplomacy, to de-escalate", "Jens Stoltenberg", "nato-2021-12-16-stoltenberg-zelenskyy"),
        ("003", "The risk of conflict is real", "Jens Stoltenberg", "nato-2022-01-07-stoltenberg"),
        ("000", "highly valued partner", "Jens Stoltenberg", "nato-2021-12-16-stoltenberg-zelenskyy"),
        ("004", "We are gravely concerned", "North Atlantic Council", "nac-2021-12-16"),  # "NATO issued a statement"
    ],
)
def test_quotations_the_record_confirms(
    checks: tuple[QuoteCheck, ...], article: str, start_of_text: str, speaker: str, source: str
) -> None:
    check = _find(checks, article, start_of_text)
    assert check.status == "confirmed"
    assert check.record_speaker == speaker
    assert check.match is not None
    assert check.match.source == source


@pytest.mark.parametrize(
    ("article", "start_of_text", "reason"),
    [
        ("002", "For the fundamental interests of European security", "Not in the primary documents"),
        ("000", "undermines stability in Europe", "Not in the primary documents"),  # the record says "security"
        ("003", "fake", "Too short"),
        ("000", "Since 2014, since the start of the war", "Not in the primary documents"),
    ],
)
def test_words_not_in_the_record_are_unverified(checks: tuple[QuoteCheck, ...], article: str, start_of_text: str, reason: str) -> None:
    found = [c for c in checks if c.article == article and c.text.startswith(start_of_text)]
    assert found
    for check in found:
        assert check.status == "unverified"
        assert check.match is None
        assert check.reason.startswith(reason)


def test_every_check_has_a_known_status_and_a_reason(checks: tuple[QuoteCheck, ...]) -> None:
    assert checks
    for check in checks:
        assert check.status in QUOTE_STATUSES
        assert check.reason.endswith(".")
        assert (check.match is None) == (check.record_speaker is None)


@pytest.mark.parametrize(
    ("quotation", "passage", "low", "high"),
    [
        ("The risk of conflict is real.", "Good afternoon. The risk of conflict is real. Thanks.", 1.0, 1.0),
        (  # a wire translation of Stoltenberg's two lines: close, not verbatim
            "NATO allies agree that any further aggression against Ukraine will have a heavy price and serious political and economic consequences for Russia",
            "NATO Allies agree that any further aggression against Ukraine will come at a high price.\nAnd have serious political and economic consequences for Russia.",
            0.75,
            0.95,
        ),
        ("We will not compromise on the right of Ukraine to choose its own path.", "NATO remains open to dialogue with Russia.", 0.0, 0.0),
        ("Ukraine's sovereignty", "Ukraine’s sovereignty", 1.0, 1.0),  # straight and curly apostrophes alike
    ],
)
def test_record_similarity(quotation: str, passage: str, low: float, high: float) -> None:
    score, start, end = record_similarity(quotation, passage)
    assert low <= score <= high
    if score:
        assert 0 <= start < end <= len(passage)


def test_small_words_are_dropped_including_yaml_booleans() -> None:
    words = [w for w, _, _ in content_words("on no yes off the right to choose")]
    assert "on" not in words
    assert words[-2:] == ["right", "choos"]


def _article(text: str, published: str = "2021-12-16") -> Corpus:
    return Corpus((parse_article(text, id="t01", outlet="Test", published=published),))


def test_a_record_dated_after_the_article_is_not_its_record() -> None:
    text = 'Olaf Scholz spoke. "We call on Russia to return to diplomacy, de-escalation and respect for Ukraine\'s sovereignty and territorial integrity," he said.'
    (before,) = [c for c in check_quotes(_article(text, "2021-12-09")) if not c.fragment]
    (after,) = [c for c in check_quotes(_article(text, "2021-12-10")) if not c.fragment]
    assert before.status == "unverified"
    assert after.status == "misattributed"


def test_an_organisation_confirms_what_is_said_on_its_behalf() -> None:
    text = '"We call on Russia to return to diplomacy, to de-escalate and to respect Ukraine\'s sovereignty," NATO said.'
    (check,) = check_quotes(_article(text))
    assert check.speaker == "NATO"
    assert check.status == "confirmed"
    assert check.record_speaker == "Jens Stoltenberg"


def test_own_documents_are_the_record(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(
        "Title: T\nIssuer: Kremlin\nSpeaker: Dmitry Peskov\nPublished: 2021-12-01\nURL: https://example.org\nKind: transcript\n---\n"
        "We have never planned to attack anyone and we will not do so now.\n",
        encoding="utf-8",
    )
    text = '"We have never planned to attack anyone and we will not do so now," Sergei Lavrov said.'
    (check,) = check_quotes(_article(text), load_sources(tmp_path))
    assert (check.status, check.record_speaker) == ("misattributed", "Dmitry Peskov")


def test_record_table(corpus: Corpus) -> None:
    frame = record_table(corpus)
    assert list(frame.columns) == RECORD_COLUMNS
    assert set(frame["status"]) == set(QUOTE_STATUSES)
    wrong = frame[frame["status"] == "misattributed"]
    assert set(wrong["record_url"]) == {"https://www.nato.int/cps/en/natohq/opinions_190110.htm?selectedLocale=en"}
