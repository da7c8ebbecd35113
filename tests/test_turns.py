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
        # An honorific makes a surname nobody knows a person's (issue 14, renamed White House briefing).
        (
            "MS. KOUNDVROUNDVRON:  Hi, everyone.\nQ    Happy Friday.\nMS. KOUNDVROUNDVRON:  Happy Friday.",
            [("Koundvroundvron", True, "MS. KOUNDVROUNDVRON:"), (None, False, "Q"), ("Koundvroundvron", True, "MS. KOUNDVROUNDVRON:")],
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


def _briefing_turns(text: str, outlet: str) -> list[tuple[str | None, str, bool]]:
    article = parse_article(text, id="t", published="2022-02-11", outlet=outlet)
    kb = load_knowledge()
    return [(t.speaker, t.kind, t.quotation) for t in turns(article, mentions(article, kb), kb)]


def test_unlabelled_paragraphs_continue_the_turn_and_q_lines_are_questions() -> None:
    """The White House briefing of 11 Feb 2022 (public domain): "Q" without a colon is a
    reporter; the paragraphs after "MR. SULLIVAN:" are his."""
    text = (
        "MS. PSAKI:  Hi, everyone.\nQ    Happy Friday.\nMS. PSAKI:  Happy Friday.  So, we are joined by our National Security "
        "Advisor, Jake Sullivan, today.\nAnd with that, I will turn it over to Jake.\nMR. SULLIVAN:  Good afternoon.\n"
        "We continue to see signs of Russian escalation, including new forces arriving at the Ukrainian border.\n"
        "(Laughter.)"
    )
    assert _briefing_turns(text, "The White House") == [
        ("Jen Psaki", "person", True),
        (None, "person", False),
        ("Jen Psaki", "person", True),
        ("Jen Psaki", "person", True),
        ("Jake Sullivan", "person", True),
        ("Jake Sullivan", "person", True),
    ]


def test_unnamed_briefers_speak_for_the_body_that_publishes_the_transcript() -> None:
    """Background call of 6 Dec 2021 (whitehouse.gov) and a briefing on state.gov."""
    text = "MODERATOR:  Good morning, everyone.\nOver to you.\nSENIOR ADMINISTRATION OFFICIAL:  Thanks.  And thanks, everybody, for joining."
    assert _briefing_turns(text, "The White House") == [("White House", "unnamed_source", True)] * 3
    assert _briefing_turns(text, "U.S. Department of State") == [("US State Department", "unnamed_source", True)] * 3
    # On a broadcaster's transcript the moderator is staff, and an unnamed official speaks for
    # the body the label names, if any.
    assert _briefing_turns(text, "Harbour Radio")[0] == (None, "unnamed_source", False)


@pytest.mark.parametrize(
    ("text", "outlet", "expected"),
    [
        # kremlin.ru: a title before the name in ordinary case, a note in brackets; one
        # labelled speaker is still a transcript (an excerpt), so the next paragraphs are his.
        (
            "Vladimir Putin held talks with the French President.\nPresident of Russia Vladimir Putin: Mr President,\n"
            "It is a pleasure to see you.\nPresident of France Emmanuel Macron (retranslated): Thank you.",
            "President of Russia (kremlin.ru)",
            [("Vladimir Putin", "person", True)] * 2 + [("Emmanuel Macron", "person", True)],
        ),
        # A title, then a name nobody lists: the two capitalised words after the title.
        ("President of Russia Vladimir Putin: Good afternoon.\nPresident of Kazakhstan Kassym-Jomart Tokayev (retranslated): "
         "Thank you.\nWe are grateful.", "President of Russia (kremlin.ru)",
         [("Vladimir Putin", "person", True)] + [("Kassym-Jomart Tokayev", "person", True)] * 2),
        ("NATO Secretary General Jens Stoltenberg: Good afternoon.\nAllies are united.", "NATO",
         [("Jens Stoltenberg", "person", True)] * 2),
        # In capitals too; a paragraph that names the speaker is the reporter's, and ends the turn.
        ("PRESIDENT OF RUSSIA VLADIMIR PUTIN: Good afternoon.\nWe will begin.\nPutin then took questions.\nThe hall was full.",
         "Harbour Radio", [("Vladimir Putin", "person", True)] * 2),
        # mid.ru: a labelled question and a plain name; the paragraph after the answer is his.
        ("Question: Will you reply?\nSergey Lavrov: We will.\nIn writing.", "Ministry of Foreign Affairs of Russia",
         [(None, "person", False), ("Sergei Lavrov", "person", True), ("Sergei Lavrov", "person", True)]),
        # Numbered unnamed officials (state.gov), known by the shape of the label, not a list.
        (
            "MODERATOR:  Thanks for joining.\nWe have two briefers.\nSENIOR STATE DEPARTMENT OFFICIAL ONE:  Good evening.\n"
            "First, a word on posture.\nSENIOR STATE DEPARTMENT OFFICIAL TWO:  Thanks.\nSENIOR DEFENSE OFFICIAL #1:  Yes.",
            "U.S. Department of State",
            [("US State Department", "unnamed_source", True)] * 6,
        ),
        # defense.gov: titles and a middle initial around a known name.
        ("PRESS SECRETARY JOHN F. KIRBY:  Good afternoon.\nQ:  Will troops deploy?\nMR. KIRBY:  Not yet.", "U.S. Department of Defense",
         [("John Kirby", "person", True), (None, "person", False), ("John Kirby", "person", True)]),
        # UN Security Council records: honorific, surname and the country in brackets.
        ("Mrs. Thomas-Greenfield (United States of America): Thank you.\nWe see Russia massing troops.\n"
         "Mr. Nebenzia (Russian Federation): We reject this.", "United Nations",
         [("Linda Thomas-Greenfield", "person", True)] * 2 + [("Vasily Nebenzya", "person", True)]),
        ("SENIOR ADMINISTRATION OFFICIAL 2:  Thanks.\nQ    And Russia?", "Harbour Radio",
         [("White House", "unnamed_source", True), (None, "person", False)]),
    ],
)
def test_transcript_label_styles(text: str, outlet: str, expected: list[tuple[str | None, str, bool]]) -> None:
    assert _briefing_turns(text, outlet) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Not transcripts: a summary lead naming a person, a dateline, a heading-like lead.
        "Kremlin spokesman Dmitry Peskov: the talks will go on, he said.\nThe talks went on.",
        "NEW DELHI: Talks resumed.\nThey ended late.",
        "Russia and Ukraine: what we know.\nTalks resumed.",
        "Ukraine and Russia: What we know.\nTalks resumed.",
    ],
)
def test_prose_is_no_transcript(text: str) -> None:
    assert _briefing_turns(text, "Harbour Radio") == []


def test_a_role_label_is_the_person_the_title_names() -> None:
    """whitehouse.gov remarks: "THE PRESIDENT:" is the president the page's title names."""
    text = "THE PRESIDENT:  Good afternoon.\nToday I spoke with allies.\nQ    Mr. President, will he invade?\nTHE PRESIDENT:  Yes."
    kb = load_knowledge()
    found = []
    for title in ("Remarks by President Biden on Russia and Ukraine", "Remarks on Ukraine"):
        article = parse_article(text, id="t", published="2022-02-18", title=title, outlet="The White House")
        found.append([(t.speaker, t.quotation) for t in turns(article, mentions(article, kb), kb)])
    assert found[0] == [("Joe Biden", True), ("Joe Biden", True), (None, False), ("Joe Biden", True)]
    assert found[1] == [(None, False)]  # no one is named: no guessed speaker "The President"


def test_a_labelled_line_in_a_news_page_does_not_swallow_the_prose_after_it() -> None:
    """A live blog's "Title Name: words" line is one turn; the reporter's paragraphs after it
    (no "I" or "we", on a page that is no record of a spoken event) are not the speaker's."""
    text = ("Ukrainian President Volodymyr Zelensky: We will not panic.\nThe president spoke in Kyiv on Wednesday.\n"
            "Russian Foreign Minister Sergei Lavrov (left): Talks reached a dead end.\nRussia has massed troops near the border.")
    kb = load_knowledge()
    article = parse_article(text, id="t", published="2022-01-10", title="Russia-Ukraine crisis: live updates", outlet="Harbour Radio")
    assert [(t.speaker, t.cue) for t in turns(article, mentions(article, kb), kb)] == [
        ("Volodymyr Zelensky", "Ukrainian President Volodymyr Zelensky:"),
        ("Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov (left):"),
    ]
    # The same paragraphs on a press-conference page are the speaker's.
    article = parse_article(text, id="t", published="2022-01-10", title="Press conference by the President", outlet="Harbour Radio")
    assert len(turns(article, mentions(article, kb), kb)) == 4


def test_two_titles_joined_by_a_dash_are_one_label() -> None:
    """kremlin.ru, 23 Dec 2021: Peskov's label has two titles joined by a dash."""
    text = ("President of Russia Vladimir Putin: Good afternoon, colleagues.\nMr Peskov, I give you the floor.\n"
            "Deputy Chief of Staff of the Presidential Executive Office – Presidential Press Secretary Dmitry Peskov: "
            "Let us begin.\nWe will pass the microphone to the first row.")
    assert _briefing_turns(text, "President of Russia (kremlin.ru)") == [("Vladimir Putin", "person", True)] * 2 + [
        ("Dmitry Peskov", "person", True)] * 2


@pytest.mark.parametrize(
    ("text", "outlet", "expected"),
    [
        # kremlin.ru: officials' labels carry titles; a journalist's is a name alone, and asks.
        ("President of Russia Vladimir Putin: Good afternoon.\nMr Peskov, you have the floor.\n"
         "Presidential Press Secretary Dmitry Peskov: The floor goes to Interfax, Ivan Dolgorukov.\n"
         "Ivan Dolgorukov: Good afternoon, Mr President.\nHow has the pandemic affected the economy?\n"
         "Vladimir Putin: It has.\nIvan Dolgorukov: Thank you.",
         "President of Russia (kremlin.ru)",
         [("Vladimir Putin", True)] * 2 + [("Dmitry Peskov", True), ("Ivan Dolgorukov", False), ("Vladimir Putin", True),
                                            ("Ivan Dolgorukov", False)]),
        # A name alone that asks nothing stays a speaker (an excerpt's second official).
        ("President of Russia Vladimir Putin: Good afternoon.\nIvan Dolgorukov: The talks went well.",
         "President of Russia (kremlin.ru)", [("Vladimir Putin", True), ("Ivan Dolgorukov", True)]),
        # nato.int: the outlet in brackets marks a reporter; an official's note has a title.
        ("NATO Secretary General Jens Stoltenberg: Good afternoon.\nOana Lungescu (NATO Spokesperson): NPR.\n"
         "Jane Holtby (NPR): Will allies send troops?\nNATO Secretary General Jens Stoltenberg: We will see.",
         "NATO", [("Jens Stoltenberg", True), ("Oana Lungescu", True), ("Jane Holtby", False), ("Jens Stoltenberg", True)]),
        # Without a title anywhere (mid.ru), a name alone is a speaker even when it asks.
        ("Question: Will you reply?\nSergey Lavrov: Why would we not?", "Ministry of Foreign Affairs of Russia",
         [(None, False), ("Sergei Lavrov", True)]),
    ],
)
def test_reporters_turns_are_no_quotations(text: str, outlet: str, expected: list[tuple[str | None, bool]]) -> None:
    article = parse_article(text, id="t", published="2021-12-23", outlet=outlet)
    kb = load_knowledge()
    assert [(t.speaker, t.quotation) for t in turns(article, mentions(article, kb), kb)] == expected


def test_a_title_before_an_unknown_name_in_capitals_is_a_label_even_alone() -> None:
    """defense.gov with a name nobody lists: the only label of an excerpt, read by its form."""
    text = "PRESS SECRETARY SANEL VRUSKIRKLUV: Good morning, everybody.\nWe remain focused on Europe."
    assert _briefing_turns(text, "U.S. Department of Defense") == [("Sanel Vruskirkluv", "person", True)] * 2
    # a dateline or a heading in capitals is still none
    assert _briefing_turns("NEW DELHI: Talks resumed.\nThey ended late.", "U.S. Department of Defense") == []
