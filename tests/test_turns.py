"""Speaker turns in transcripts and interviews."""

from __future__ import annotations

import pytest

from edu_kit import load_corpus
from edu_kit.annotate import mentions
from edu_kit.annotate.turns import turns
from edu_kit.corpus import parse_article
from edu_kit.knowledge import load_knowledge


def _turns(text: str) -> list[tuple[str | None, bool, str]]:
    article = parse_article(text, id="t", published="2022-01-21")
    kb = load_knowledge()
    return [(t.speaker, t.quotation, t.cue) for t in turns(article, mentions(article, kb), kb)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RUTH ADEYEMI, ANCHOR: Good evening.\nANTONY BLINKEN (on tape): We are clear.\nRUTH ADEYEMI: Thank you.",
            [
                ("Ruth Adeyemi", False, "RUTH ADEYEMI, ANCHOR:"),
                ("Antony Blinken", True, "ANTONY BLINKEN (on tape):"),
                ("Ruth Adeyemi", False, "RUTH ADEYEMI:"),
            ],
        ),
        # A surname label continues the person labelled in full before.
        ("MARCUS HALE, CORRESPONDENT: Hello.\nSERGEI LAVROV: No.\nHALE: Back to you.", [("Marcus Hale", False, "MARCUS HALE, CORRESPONDENT:"), ("Sergei Lavrov", True, "SERGEI LAVROV:"), ("Marcus Hale", False, "HALE:")]),
        # A known person's surname in capitals, and a surname in ordinary case named before.
        ("STOLTENBERG: Allies agree.\nQ: And Russia?\nSTOLTENBERG: We wait.", [("Jens Stoltenberg", True, "STOLTENBERG:"), (None, False, "Q:"), ("Jens Stoltenberg", True, "STOLTENBERG:")]),
        ("We spoke to Ivan Petrenko, a farmer.\nPetrenko: We stay.\nQ: Why?\nA: It is home.", [("Ivan Petrenko", True, "Petrenko:"), (None, False, "Q:"), ("Ivan Petrenko", True, "A:")]),
        # A briefing transcript: titles in a label are not part of the name.
        (
            "Ned Price briefed reporters.\nMR PRICE: Good afternoon.\nQUESTION: Will you reply?\nMR PRICE: Next week.",
            [("Ned Price", True, "MR PRICE:"), (None, False, "QUESTION:"), ("Ned Price", True, "MR PRICE:")],
        ),
        ("RUSSIAN FOREIGN MINISTER SERGEI LAVROV: We wait.\nQ: For what?", [("Sergei Lavrov", True, "RUSSIAN FOREIGN MINISTER SERGEI LAVROV:"), (None, False, "Q:")]),
        # Not turns: a dateline, claim labels, a heading-like lead, prose before a quotation.
        ("MOSCOW: Talks resumed.", []),
        ("CLAIM: NATO promised. VERDICT: False.", []),
        ("Ukraine: the facts.", []),
        ('Peskov told reporters: "No."', []),
    ],
)
def test_turns(text: str, expected: list[tuple[str | None, bool, str]]) -> None:
    assert _turns(text) == expected


def test_an_ordinary_article_has_no_turns() -> None:
    kb = load_knowledge()
    for article in load_corpus():
        assert turns(article, mentions(article, kb), kb) == ()
