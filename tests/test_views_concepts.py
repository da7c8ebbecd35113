"""Concept cards and where the articles mention each concept."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from edu_kit import load_knowledge
from edu_kit.corpus import Corpus
from edu_kit.errors import ChoiceError
from edu_kit.views import ConceptCard, concept_card, concept_cards, concept_mentions
from edu_kit.views.concepts import COLUMNS


@pytest.fixture(scope="module")
def mentions(corpus: Corpus) -> pd.DataFrame:
    return concept_mentions(corpus)


def test_one_card_per_concept_in_knowledge_base_order() -> None:
    kb = load_knowledge()
    cards = concept_cards()
    assert [c.id for c in cards] == [c.id for c in kb.concepts]
    assert cards == concept_cards(kb)


@pytest.mark.parametrize(
    ("concept", "name", "who", "source"),
    [
        ("bucharest-summit-2008", "Bucharest Summit", "NATO, Ukraine, Georgia, George W. Bush", "Bucharest Summit Declaration"),
        (
            "minsk-agreements",
            "Minsk agreements",
            "Ukraine, Russia, Trilateral Contact Group, OSCE, Donetsk People's Republic, Luhansk People's Republic",
            "Package of Measures",
        ),
        ("nato-russia-council", "NATO-Russia Council", "NATO, Russia, Alexander Grushko", "Rome"),
        ("nord-stream-2", "Nord Stream 2", "Gazprom, Germany, Russia, Olaf Scholz, Ukraine", ""),
    ],
)
def test_card_fields(concept: str, name: str, who: str, source: str) -> None:
    card = concept_card(concept)
    assert card.name == name
    assert card.who == who
    assert source in card.source
    assert card.what
    assert card.why
    assert card.when
    for line in card.when.splitlines():
        assert re.match(r"\d{4}(-\d{2}(-\d{2})?)? – \S", line), line


@pytest.mark.parametrize(
    ("concept", "states"),
    [
        ("minsk-agreements", ["Ukraine", "Russia"]),
        ("normandy-format", ["France", "Germany", "Russia", "Ukraine"]),
        ("nato-russia-council", ["Russia"]),
        ("bucharest-summit-2008", ["Ukraine", "Georgia"]),
        ("budapest-memorandum", ["Ukraine", "Russia", "United States", "United Kingdom"]),
    ],
)
def test_who_line_names_the_states(concept: str, states: list[str]) -> None:
    who = concept_card(concept).who.split(", ")
    assert set(states) <= set(who)


def test_who_line_comes_from_the_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A state added to a concept's "related" list appears on its card: nothing is hard-coded.
    from pathlib import Path

    import edu_kit
    from edu_kit.knowledge import load_knowledge

    data = Path(edu_kit.__file__).parent / "knowledge" / "data"
    for f in data.glob("*.yaml"):
        text = f.read_text(encoding="utf-8")
        if f.name == "concepts.yaml":
            text = text.replace("related: [nato, russia, nato-russia-founding-act", "related: [nato, russia, poland, nato-russia-founding-act")
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    card = concept_card("nato-russia-council", load_knowledge(tmp_path))
    assert "Poland" in card.who.split(", ")


def test_cards_are_frozen() -> None:
    card = concept_card("arms-control")
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.name = "changed"  # type: ignore[misc]


def test_str_is_plain_deterministic_text() -> None:
    card = concept_card("bucharest-summit-2008")
    text = str(card)
    assert text == str(concept_card("bucharest-summit-2008"))
    assert text.splitlines()[0] == "Bucharest Summit"
    assert "\nWhen:\n  2008-04-02 – NATO summit opens in Bucharest\n" in text
    assert "Why it matters: On 10 December 2021 Russia's Foreign Ministry demanded" in text
    assert "<" not in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_html_escapes_all_text() -> None:
    card = ConceptCard("x<1", "A & B", "<script>alert(1)</script>", "2022 – 'quoted'", "R&D", 'say "hi"', "<b>")
    page = card._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "A &amp; B" in page
    assert "R&amp;D" in page
    assert "&lt;b&gt;" in page
    assert "x&lt;1" in page
    assert "&#x27;quoted&#x27;" in page
    assert "&quot;hi&quot;" in page


def test_html_of_a_real_card() -> None:
    page = concept_card("nato-open-door")._repr_html_()
    assert page.startswith("<div class='edu-kit-concept-card'")
    card = concept_card("nato-open-door")
    assert page.count("<li>") == len(card.when.splitlines()) + len(card.citations)
    assert "Why it matters" in page
    assert "<dt style='font-weight:bold;margin-top:0.4em'>Cited</dt>" in page


@pytest.mark.parametrize("concept", [c.id for c in load_knowledge().concepts])
def test_every_card_shows_a_citation_for_what_and_for_why(concept: str) -> None:
    card = concept_card(concept)
    backs = {c.backs for c in card.citations}
    assert {"What", "Why it matters"} <= backs
    for citation in card.citations:
        assert citation.url.startswith(("https://", "http://"))
        assert citation.issuer
        assert citation.date
        assert citation.passage
        assert citation.url in card._repr_html_().replace("&amp;", "&")
        assert citation.passage[:40] in " ".join(str(card).split())


def test_unknown_concept_is_a_choice_error() -> None:
    with pytest.raises(ChoiceError, match="concept 'minsk'"):
        concept_card("minsk")


def test_mentions_columns_and_offsets(corpus: Corpus, mentions: pd.DataFrame) -> None:
    assert tuple(mentions.columns) == COLUMNS
    for row in mentions.itertuples():
        assert corpus[row.article].body[row.start : row.end] == row.text
        assert row.text in row.sentence
    key = list(zip(mentions["concept"], mentions["article"], mentions["start"], strict=True))
    assert key == sorted(key)


@pytest.mark.parametrize(
    ("concept", "article", "text"),
    [
        ("Bucharest Summit", "002", "2008 declaration"),
        ("NATO-Russia Council", "004", "NATO-Russia Council"),
        ("NATO-Russia Council", "001", "Russia-NATO Council"),
        ("Arms control", "003", "arms control"),
        ("Nord Stream 2", "002", "Nord Stream 2 pipeline"),
        ("Normandy format", "001", "Normandy agreements"),
    ],
)
def test_mentions_of_the_seeds(mentions: pd.DataFrame, concept: str, article: str, text: str) -> None:
    rows = mentions[(mentions["concept"] == concept) & (mentions["article"] == article)]
    assert text in set(rows["text"])


def test_every_mentioned_concept_has_a_card(mentions: pd.DataFrame) -> None:
    assert set(mentions["concept"]) <= {c.name for c in concept_cards()}


def test_mentions_with_a_knowledge_base_given(corpus: Corpus, mentions: pd.DataFrame) -> None:
    assert concept_mentions(corpus, load_knowledge()).equals(mentions)
