"""The annotated reading view (edu_kit.views.read)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from edu_kit import load_corpus
from edu_kit.annotate import annotate, quotes
from edu_kit.corpus import parse_article
from edu_kit.errors import ChoiceError
from edu_kit.views import read
from edu_kit.views._style import series_colours
from edu_kit.views.read import CHECK_LABELS, QuoteCheck, Reading

CORPUS = load_corpus()
IDS = list(CORPUS.ids)
VOID = {"br", "img", "hr", "meta", "input", "wbr"}


class _Tree(HTMLParser):
    """Collects tags, ids, hrefs and text; fails on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.body: list[str] = []  # article text only: no added labels, header or cards
        self._skip: list[int] = []  # depths of elements whose text the view added

    def _added(self, attrs: dict[str, str | None]) -> bool:
        classes = str(attrs.get("class") or "").split()
        return (
            bool({"ek-note", "ek-cards"} & set(classes))
            or attrs.get("role") == "heading"
            or attrs.get("class") == "ek-meta"
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if values.get("href"):
            self.hrefs.append(str(values["href"]))
        if tag == "details" or (tag not in VOID and self._added(values)):
            self._skip.append(len(self.stack))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()
        if self._skip and self._skip[-1] == len(self.stack):
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if not self._skip:
            self.body.append(data)


def _parse(markup: str) -> _Tree:
    tree = _Tree()
    tree.feed(markup)
    tree.close()
    assert tree.stack == [], f"unclosed tags: {tree.stack}"
    return tree


@pytest.mark.parametrize("article_id", IDS)
def test_whole_article_is_there_and_well_formed(article_id: str) -> None:
    article = CORPUS[article_id]
    reading = read(article)
    tree = _parse(reading.html)
    shown = re.sub(r"\s+", " ", "".join(tree.body)).strip()
    expected = re.sub(r"\s+", " ", " ".join(p.text for p in article.paragraphs))
    assert shown.replace(" ", "") == expected.replace(" ", "")  # the whole article, nothing else, in order
    assert "script" not in tree.tags
    assert "style" not in tree.tags
    assert tree.tags[0] == "article"
    assert len(tree.ids) == len(set(tree.ids)), "ids must be unique"
    for href in tree.hrefs:  # every name links to a card on the same page
        assert href.startswith("#")
        assert href[1:] in tree.ids


@pytest.mark.parametrize("article_id", IDS)
def test_each_quotation_is_marked_and_labelled(article_id: str) -> None:
    article = CORPUS[article_id]
    notes = annotate(article)
    reading = read(article)
    assert reading.quotations == len(notes.quotes)
    assert reading.html.count("class='ek-quote'") >= len(notes.quotes)
    labels = reading.html.count("class='ek-note ek-speaker'")
    assert labels == len(notes.quotes)  # one written label per quotation, not colour alone
    for quote in notes.quotes:
        if quote.speaker:
            assert f"data-speaker='{html.escape(quote.speaker)}'" in reading.html
        if quote.cue:
            assert f"cue: “{html.escape(quote.cue)}”" in reading.html


def test_dates_carry_their_calendar_date() -> None:
    reading = read("002")
    assert "<time class='ek-date' datetime='2021-12-10'" in reading.html
    assert "[10 December 2021]" in reading.html  # "today" in an article of 10 Dec 2021
    assert "[8 December 2021]" in reading.html  # "Wednesday"
    assert "[the week of 6–12 December 2021]" in reading.html
    assert "- today = 10 December 2021" in reading.text


def test_misspelt_names_are_flagged_and_linked() -> None:
    reading = read("002")
    assert "[misspelt: Olaf Scholz]" in reading.html
    assert "href='#ek-read-002-card-olaf-scholz'" in reading.html
    assert "id='ek-read-002-card-olaf-scholz'" in reading.html


def test_concept_cards_point_to_the_full_card() -> None:
    reading = read("002")
    assert "views.concept_card(&#x27;bucharest-summit-2008&#x27;)" in reading.html


HOSTILE = (
    'Headline <script>alert("x")</script>\n\n'
    "Jens Stoltenberg said today: \"We will <b>not</b> accept <img src=x onerror=alert(1)> & 'that'.\"\n\n"
    'On Wednesday, Putin said "</article><script>evil()</script>" to reporters.\n'
)


def test_hostile_text_is_escaped() -> None:
    article = parse_article(
        HOSTILE,
        id="x'><script>",
        title="<i>title</i>",
        outlet="<b>outlet</b>",
        published="2021-12-10",
        url="javascript:alert(1)",
        note="<svg onload=alert(1)>",
    )
    reading = read(article)
    tree = _parse(reading.html)
    assert "script" not in tree.tags
    assert "img" not in tree.tags
    assert "svg" not in tree.tags
    assert "b" in tree.tags
    assert tree.tags.count("b") == reading.html.count("<b>")  # only our own bold tags
    assert "&lt;script&gt;" in reading.html
    assert "onerror=alert" not in reading.html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "javascript:" not in " ".join(tree.hrefs)
    for element_id in tree.ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element_id)
    assert reading.quotations >= 1


def test_record_checks_are_marked_in_words() -> None:
    article = CORPUS["002"]
    scholz = [q for q in quotes(article) if q.speaker == "Olaf Scholz"]
    stoltenberg = next(q for q in quotes(article) if q.speaker == "Jens Stoltenberg")
    checks = [QuoteCheck(q.start, q.end, "misattributed", "NATO's transcript: Jens Stoltenberg") for q in scholz]
    checks.append(QuoteCheck(stoltenberg.start, stoltenberg.end, "confirmed"))
    reading = read(article, checks=checks)
    assert reading.html.count("ek-check-misattributed") == len(scholz) == 2
    assert "ek-check-unverified" not in reading.html  # given checks replace the record's
    assert reading.html.count("ek-check-confirmed") == 1
    assert html.escape(CHECK_LABELS["misattributed"]) in reading.html
    assert "[misattributed]" in reading.text
    by_function = read(article, checks=lambda a: checks if a.id == "002" else [])
    assert by_function.html == reading.html


def test_by_default_quotations_are_checked_against_the_record() -> None:
    reading = read("002")
    assert reading.html.count("ek-check-misattributed") == 2  # the two sentences NATO's transcript gives Stoltenberg
    assert "has Jens Stoltenberg saying the same words" in reading.html
    assert "ek-check-" not in read("002", checks=None).html  # e.g. before students look for it themselves


def test_a_bundled_primary_document_by_id() -> None:
    reading = read("nato-2021-12-10-stoltenberg-scholz")
    assert "<b>Issued by:</b> NATO" in reading.html
    assert "to return to diplomacy." in reading.html
    assert "ek-check-" not in reading.html  # the record is not checked against itself


def test_unknown_check_status_and_article_are_clear_errors() -> None:
    with pytest.raises(ChoiceError, match="record-check status 'maybe'"):
        read("002", checks=[QuoteCheck(0, 1, "maybe")])  # type: ignore[arg-type]
    with pytest.raises(ChoiceError, match="article id '999'"):
        read("999")


def test_reading_is_a_record_with_text_and_html() -> None:
    reading = read("004")
    assert isinstance(reading, Reading)
    assert reading._repr_html_() == reading.html
    assert str(reading) == reading.text
    assert repr(reading).startswith("Reading(article='004'")
    assert reading.text.splitlines()[0].startswith("004 — ")


def test_a_primary_document_shows_what_a_reader_needs_to_judge_it() -> None:
    from dataclasses import dataclass

    from edu_kit.corpus import Article

    @dataclass(frozen=True)
    class Document(Article):  # the shape of a primary document: an Article with its issuer
        issuer: str = ""
        speaker: str | None = None
        kind: str = ""
        copy: str | None = None
        why_it_matters: str | None = None

    base = parse_article(
        'Jens Stoltenberg said: "We call on Russia to return to diplomacy."\n', id="doc", published="2021-12-10"
    )
    document = Document(
        **{f: getattr(base, f) for f in base.__dataclass_fields__},
        issuer="NATO",
        speaker="Jens Stoltenberg",
        kind="transcript",
        copy="first part <only>",
        why_it_matters="The record of 10 December.",
    )
    markup = read(document).html
    assert "Primary document" in markup
    assert "<b>Issued by:</b> NATO" in markup
    assert "<b>Kind:</b> transcript" in markup
    assert "first part &lt;only&gt;" in markup


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return (int(hex_colour[1:3], 16) / 255, int(hex_colour[3:5], 16) / 255, int(hex_colour[5:7], 16) / 255)


@pytest.mark.parametrize("colour", [*series_colours(8), "#999999"])
def test_text_on_every_highlight_has_enough_contrast(colour: str) -> None:
    # the highlight is the speaker's colour at 20 % over white (WCAG 2: 4.5:1 for body text)
    tint = tuple(0.2 * c + 0.8 for c in _rgb(colour))
    assert len(tint) == 3
    assert _contrast((0.0, 0.0, 0.0), tint) >= 7.0  # type: ignore[arg-type]
    assert _contrast(_rgb("#004f7c"), tint) >= 4.5  # type: ignore[arg-type]  # a linked name inside a quotation
    assert _contrast(_rgb("#333333"), (1.0, 1.0, 1.0)) >= 4.5  # labels and notes


def test_the_teachers_note_on_an_article_is_not_shown_to_students() -> None:
    """Blind review P4: the note on 004 ("Compare its words with what seed 002 attributes
    to Scholz") spoiled lesson 2's puzzle."""
    import edu_kit
    from edu_kit import views

    article = edu_kit.load_corpus()["004"]
    assert article.note
    assert "Scholz" in article.note
    page = views.read("004")
    assert "six days earlier" not in page._repr_html_()
