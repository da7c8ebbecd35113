"""The annotated reading view: a whole article (or primary document) as readable HTML.

:func:`read` returns a :class:`Reading`: the text of one article with

* each **quotation** highlighted in its speaker's colour and labelled, in words, with
  the speaker and the cue that justified the attribution (``Jens Stoltenberg — cue:
  "Stoltenberg said"``), so that colour is never the only signal;
* each **date** marked with the calendar date it resolves to (``today`` → 10 December
  2021), as an HTML ``<time datetime=...>`` element;
* each **name** linked to a short knowledge card further down the same page (people,
  organisations, places, concepts; misspellings such as "Schulz" are flagged);
* a **record check** mark on a quotation when a check is given (``confirmed``,
  ``misattributed`` or ``unverified``, see :data:`CHECK_LABELS`).

The HTML is static: no script, no external style sheet, inline styles only, every piece
of article text escaped.  It therefore looks the same in JupyterLab, under nbval, after
nbconvert, on GitHub (which drops the colours but keeps the written labels) and on
paper.  It is built for keyboard and screen-reader users: a labelled ``<article>``
region, headings only for the article's own title, real links, visible text labels,
text contrast of at least 4.5:1 (dark text on light tints).

Pure: a function of the article, its annotations and the knowledge base.

>>> from edu_kit import load_corpus
>>> reading = read(load_corpus()["002"])
>>> reading.article, reading.quotations >= 5, "Olaf Scholz" in reading.html
('002', True, True)
>>> print(reading.text.splitlines()[0])
002 — Unknown outlet (translated agency copy), 2021-12-10
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .._data import MONTH_NAMES
from ..annotate import Annotations, DateExpression, Mention, Quote, annotate
from ..corpus import Article, Corpus
from ..errors import ChoiceError
from ..knowledge import KnowledgeBase, load_knowledge
from ._style import OKABE_ITO, series_colours

__all__ = [
    "CHECK_LABELS",
    "CheckStatus",
    "QuoteCheck",
    "Reading",
    "date_label",
    "read",
    "record_checks",
]

CheckStatus = Literal["confirmed", "misattributed", "unverified"]

#: What each record-check status means, as shown beside a quotation (symbol + words,
#: never colour alone).
CHECK_LABELS: dict[str, str] = {
    "confirmed": "✔ confirmed: the record has these words from this speaker",
    "misattributed": "✖ misattributed: the record gives these words to someone else",
    "unverified": "? unverified: not confirmed by the records held here",
}


@dataclass(frozen=True)
class QuoteCheck:
    """The result of checking one quotation against the record (a transcript or statement).

    ``start``/``end`` are the quotation's offsets in the article body (as in
    :class:`edu_kit.annotate.Quote`); ``status`` one of :data:`CHECK_LABELS`;
    ``note`` a short explanation shown after the mark ("NATO's transcript of 10 Dec 2021
    gives these words to Jens Stoltenberg").
    """

    start: int
    end: int
    status: CheckStatus
    note: str = ""


#: A source of record checks: a ready sequence, or a function of the article.
Checks = Iterable[QuoteCheck] | Callable[[Article], Iterable[QuoteCheck]]


@dataclass(frozen=True)
class Reading:
    """One article ready to read: ``html`` for the notebook (``_repr_html_``), ``text``
    for ``print`` and screen output without HTML.

    ``quotations``, ``dates`` and ``names`` count what was marked.
    """

    article: str
    html: str
    text: str
    quotations: int
    dates: int
    names: int

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return (
            f"Reading(article={self.article!r}, {self.quotations} quotations, {self.dates} dates, {self.names} names)"
        )


_KIND_WORDS = {
    "headline": "Headline",
    "caption": "Photo caption",
    "credit": "Credit",
    "link": "Link to another article",
    "source": "Source line",
    "heading": "Section heading",
}
_UNKNOWN = OKABE_ITO["grey"]
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


def _human_day(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def date_label(expression: DateExpression) -> str:
    """The calendar date an expression resolves to, in words.

    >>> from edu_kit.annotate import DateExpression
    >>> date_label(DateExpression("today", 0, 5, "2021-12-10", None, "day", True, 0))
    '10 December 2021'
    >>> date_label(DateExpression("This week", 0, 9, "2021-W49", None, "week", True, 0))
    'the week of 6–12 December 2021'
    >>> date_label(DateExpression("next month", 0, 9, "2022-01", None, "month", True, 0))
    'January 2022'
    >>> date_label(DateExpression("on Friday", 0, 9, None, None, "day", True, 0))
    'not resolved (no publication date)'
    """
    value = expression.value
    if value is None:
        return "not resolved (no publication date)"
    if expression.precision == "week" and "-W" in value:
        year, week = value.split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:
            return f"the week of {monday.day}–{_human_day(sunday)}"
        return f"the week of {_human_day(monday)} – {_human_day(sunday)}"
    if expression.precision == "month" and len(value) == 7:
        return f"{MONTH_NAMES[int(value[5:7]) - 1]} {value[:4]}"
    if expression.precision == "day" and len(value) == 10:
        label = _human_day(date.fromisoformat(value))
        if expression.until:
            label += f" – {_human_day(date.fromisoformat(expression.until))}"
        return label
    return value


def record_checks(article: Article) -> list[QuoteCheck]:
    """Every quotation of ``article`` checked against the bundled primary documents
    (:func:`edu_kit.facts.check_quote`), as marks for the reading view.  A primary
    document is the record itself: it gets no marks.

    >>> from edu_kit import load_corpus
    >>> [c.status for c in record_checks(load_corpus()["002"]) if c.status == "misattributed"]
    ['misattributed', 'misattributed']
    """
    from ..corpus import Source, load_sources
    from ..facts import check_quote

    if isinstance(article, Source):
        return []
    sources = load_sources()
    found = []
    for quote in annotate(article).quotes:
        check = check_quote(quote, article, sources)
        found.append(QuoteCheck(quote.start, quote.end, check.status, check.reason))
    return found


def read(
    article: Article | str,
    *,
    corpus: Corpus | None = None,
    kb: KnowledgeBase | None = None,
    checks: Checks | Literal["record"] | None = "record",
) -> Reading:
    """The annotated reading view of ``article`` (an :class:`Article` or a primary
    document, or the id of a bundled article such as ``"002"`` or of a bundled primary
    document such as ``"nato-2021-12-10-stoltenberg-scholz"``).

    ``checks`` marks quotations with what the record says about them: ``"record"`` (the
    default) checks them against the bundled primary documents (:func:`record_checks`);
    a sequence of :class:`QuoteCheck` or a function from the article to one gives your
    own; None gives no marks.  Unknown ids raise :class:`edu_kit.errors.ChoiceError`,
    naming the ids there are.
    """
    if isinstance(article, str):
        article = _by_id(article, corpus)
    if not isinstance(article, Article):
        raise ChoiceError.of("article", repr(article), ["an Article", "an article id such as '002'"])
    bundled = kb is None
    kb = kb or load_knowledge()
    notes = annotate(article) if bundled else annotate(article, kb)
    if checks == "record":
        found = record_checks(article) if bundled else []
    else:
        found = list(checks(article) if callable(checks) else (checks or ()))
    for check in found:
        if check.status not in CHECK_LABELS:
            raise ChoiceError.of("record-check status", check.status, list(CHECK_LABELS))
    return _render(article, notes, kb, found)


def _by_id(article_id: str, corpus: Corpus | None) -> Article:
    """An article of ``corpus`` (the bundled one by default) or a bundled primary document."""
    from ..corpus import load_corpus, load_sources

    articles = corpus if corpus is not None else load_corpus()
    if article_id in articles.ids:
        return articles[article_id]
    documents = load_sources()
    ids = [d.id for d in documents]
    if article_id in ids:
        return documents[article_id]
    import difflib

    choices = list(articles.ids) + ids
    raise ChoiceError.of(
        "article id", article_id, difflib.get_close_matches(article_id, choices, n=5, cutoff=0.5) or choices
    )


# -- rendering ------------------------------------------------------------------------


def _tint(colour: str, alpha: float = 0.2) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _slug(text: str) -> str:
    return _ID_CHARS.sub("-", text).strip("-") or "x"


class _Page:
    """State of one rendering: ids, colours and what was linked."""

    def __init__(self, article: Article, notes: Annotations, kb: KnowledgeBase, checks: list[QuoteCheck]) -> None:
        self.article = article
        self.notes = notes
        self.kb = kb
        self.prefix = f"ek-read-{_slug(article.id)}"
        speakers: list[str] = []
        for q in notes.quotes:
            if q.speaker and q.speaker not in speakers:
                speakers.append(q.speaker)
        self.colours = dict(zip(speakers, series_colours(len(speakers)), strict=True))
        self.checks = {(c.start, c.end): c for c in checks}
        self.checks_by_start = {c.start: c for c in checks}
        self.linked: list[Mention] = []
        self.linked_in: set[tuple[int, str]] = set()

    def colour(self, quote: Quote) -> str:
        return self.colours.get(quote.speaker or "", _UNKNOWN)

    def card_id(self, entity: str) -> str:
        return f"{self.prefix}-card-{_slug(entity)}"

    def check_of(self, quote: Quote) -> QuoteCheck | None:
        return self.checks.get((quote.start, quote.end)) or self.checks_by_start.get(quote.start)


def _inline_marks(page: _Page, start: int, end: int) -> list[DateExpression | Mention]:
    """Dates and names lying wholly in ``[start, end)``, without overlaps (earlier first,
    then the longer; a date wins a tie, as its resolved value says more)."""
    items: list[DateExpression | Mention] = [d for d in page.notes.dates if start <= d.start and d.end <= end]
    items += [m for m in page.notes.mentions if start <= m.start and m.end <= end]
    items.sort(key=lambda x: (x.start, -(x.end - x.start), 0 if isinstance(x, DateExpression) else 1))
    chosen: list[DateExpression | Mention] = []
    last = start
    for item in items:
        if item.start >= last:
            chosen.append(item)
            last = item.end
    return chosen


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def _run(page: _Page, start: int, end: int) -> str:
    """Escaped body text of ``[start, end)`` with dates and names marked."""
    body = page.article.body
    out: list[str] = []
    at = start
    for item in _inline_marks(page, start, end):
        out.append(_escape(body[at : item.start]))
        words = _escape(body[item.start : item.end])
        if isinstance(item, DateExpression):
            label = date_label(item)
            stamp = f" datetime='{html.escape(item.value)}'" if item.value else ""
            extra = (
                ""
                if label == item.text
                else f"<span class='ek-note ek-date-value' style='font-size:0.85em;color:#333'> [{html.escape(label)}]</span>"
            )
            out.append(
                f"<time class='ek-date'{stamp} style='border-bottom:2px dotted #333' "
                f"title='{html.escape(label)}'>{words}</time>{extra}"
            )
        else:
            out.append(_name(page, item, words))
        at = item.end
    out.append(_escape(body[at:end]))
    return "".join(out)


def _name(page: _Page, mention: Mention, words: str) -> str:
    if mention.entity is None:
        return f"<span class='ek-name' title='not in the knowledge base'>{words}</span>"
    if all(m.entity != mention.entity for m in page.linked):
        page.linked.append(mention)
    paragraph = page.article.paragraph_at(mention.start)
    key = (paragraph.index if paragraph else -1, mention.entity)
    if key in page.linked_in:  # one link per name and paragraph, so that a screen reader's link list stays short
        return f"<span class='ek-name'>{words}</span>{_misspelt_note(mention)}"
    page.linked_in.add(key)
    note = _misspelt_note(mention)
    return (
        f"<a class='ek-name' href='#{page.card_id(mention.entity)}' style='color:#004f7c' "
        f"aria-label='{html.escape(mention.text)}: see the card for {html.escape(mention.name)}'>{words}</a>{note}"
    )


def _misspelt_note(mention: Mention) -> str:
    if not mention.misspelt:
        return ""
    return f"<span class='ek-note ek-misspelt' style='font-size:0.85em;color:#333'> [misspelt: {html.escape(mention.name)}]</span>"


def _quote_label(page: _Page, quote: Quote) -> str:
    colour = page.colour(quote)
    who = quote.speaker or "speaker not found"
    cue = f" — cue: “{html.escape(quote.cue)}”" if quote.cue else ""
    return (
        f"<span class='ek-note ek-speaker' style='display:inline-block;font-size:0.8em;font-weight:bold;"
        f"color:#000;background:#fff;border:2px solid {colour};border-radius:3px;padding:0 0.3em;"
        f"margin-right:0.2em'>{html.escape(who)}{cue}</span>"
    )


def _check_mark(check: QuoteCheck) -> str:
    label = CHECK_LABELS[check.status]
    note = f": {html.escape(check.note)}" if check.note else ""
    return (
        f"<span class='ek-note ek-check ek-check-{check.status}' style='font-size:0.8em;font-weight:bold;color:#000;"
        f"border:1px solid #333;border-radius:3px;padding:0 0.3em;margin-left:0.3em'>"
        f"{html.escape(label)}{note}</span>"
    )


def _paragraph(page: _Page, index: int) -> str:
    para = page.article.paragraphs[index]
    pieces: list[str] = []
    at = para.start
    for quote in page.notes.quotes:
        lo, hi = max(quote.start, para.start), min(quote.end, para.end)
        if lo >= hi or lo < at:  # not in this paragraph, or overlapping a quotation already drawn
            continue
        pieces.append(_run(page, at, lo))
        colour = page.colour(quote)
        first = quote.start >= para.start
        last = quote.end <= para.end
        label = _quote_label(page, quote) if first else ""
        who = quote.speaker or "an unnamed speaker"
        dashed = "dashed" if quote.speaker is None else "solid"
        pieces.append(
            f"{label}<mark class='ek-quote' data-speaker='{html.escape(quote.speaker or '')}' "
            f"aria-label='quotation attributed to {html.escape(who)}' "
            f"style='background:{_tint(colour)};color:#000;border-bottom:3px {dashed} {colour};padding:0 1px'>"
            f"{_run(page, lo, hi)}</mark>"
        )
        check = page.check_of(quote) if last else None
        if check is not None:
            pieces.append(_check_mark(check))
        at = hi
    pieces.append(_run(page, at, para.end))
    text = "".join(pieces)
    if para.kind == "text":
        return f"<p style='margin:0 0 0.7em 0'>{text}</p>"
    kind = _KIND_WORDS.get(para.kind, para.kind)
    weight = "font-weight:bold;font-size:1.15em;" if para.kind in ("headline", "heading") else ""
    return (
        f"<p class='ek-{html.escape(para.kind)}' style='margin:0 0 0.7em 0;{weight}'>"
        f"<span class='ek-note' style='font-size:0.75em;font-weight:normal;color:#333;text-transform:uppercase'>"
        f"{html.escape(kind)}: </span>{text}</p>"
    )


def _legend(page: _Page) -> str:
    swatches = "".join(
        f"<li style='display:inline-block;margin-right:1em'><span aria-hidden='true' style='display:inline-block;"
        f"width:1em;height:1em;vertical-align:middle;background:{_tint(c, 0.35)};border:2px solid {c}'></span> "
        f"{html.escape(s)}</li>"
        for s, c in page.colours.items()
    )
    return (
        "<details style='margin:0.4em 0'><summary>How to read the marks</summary>"
        "<ul style='margin:0.3em 0'>"
        "<li>A highlighted passage is a <b>quotation</b>; the box before it names who the article says spoke "
        "and the words (the <i>cue</i>) that say so.</li>"
        "<li>A <span style='border-bottom:2px dotted #333'>dotted underline</span> is a <b>date</b>; "
        "the calendar date it means follows in [brackets].</li>"
        "<li>A <span style='color:#004f7c;text-decoration:underline'>link</span> is a <b>name</b>: it leads to "
        "its card below.</li></ul>"
        f"<ul style='margin:0.3em 0;padding:0;list-style:none' aria-label='speaker colours'>{swatches}</ul>"
        "</details>"
    )


def _cards(page: _Page) -> str:
    if not page.linked:
        return ""
    items = []
    for mention in page.linked:
        assert mention.entity is not None  # only linked mentions are kept
        entity = page.kb.entity(mention.entity)
        side = f", side: {html.escape(entity.side)}" if entity.side else ""
        more = (
            f" <span style='color:#333'>(full card: <code>views.concept_card({html.escape(repr(entity.id))})</code>)</span>"
            if entity.kind == "concept"
            else ""
        )
        items.append(
            f"<li id='{page.card_id(entity.id)}' tabindex='-1' style='margin-bottom:0.3em'>"
            f"<b>{html.escape(entity.name)}</b> <span style='color:#333'>({html.escape(entity.kind)}{side})</span>: "
            f"{html.escape(' '.join(entity.description.split()))}{more}</li>"
        )
    return (
        f"<section class='ek-cards' aria-label='Names in this text' style='margin-top:1em;border-top:1px solid #999;padding-top:0.5em'>"
        f"<p style='font-weight:bold;margin:0 0 0.3em 0'>Names in this text</p>"
        f"<ul style='margin:0;padding-left:1.2em;font-size:0.9em'>{''.join(items)}</ul></section>"
    )


def _document_lines(article: Article) -> str:
    """What a reader needs to judge a primary document (a ``Source`` of the corpus stage):
    its kind, issuer, speaker, why it matters and what the stored copy lacks."""
    e = html.escape
    fields = [
        ("Kind", getattr(article, "kind", "")),
        ("Issued by", getattr(article, "issuer", "")),
        ("Speaker", getattr(article, "speaker", "")),
        ("Why it matters", getattr(article, "why_it_matters", "")),
        ("About this copy", getattr(article, "copy", "")),
    ]
    shown = [(k, " ".join(str(v).split())) for k, v in fields if isinstance(v, str) and v.strip()]
    if not shown:
        return ""
    rows = "".join(f"<br><b>{e(k)}:</b> {e(v)}" for k, v in shown)
    return f"<br><i>Primary document</i>{rows}"


def _header(article: Article) -> str:
    e = html.escape
    facts = [article.outlet or "outlet unknown", article.published.isoformat() if article.published else "date unknown"]
    title = (
        f"<p role='heading' aria-level='3' style='font-size:1.3em;font-weight:bold;margin:0 0 0.2em 0'>{e(article.title)}</p>"
        if article.title
        else ""
    )
    url = f"<br>From: <span style='word-break:break-all'>{e(article.url)}</span>" if article.url else ""
    # A news article's note is the teacher's (seeds/articles.yaml ``teacher_note``): it
    # often gives away the lesson's puzzles, so the students' view shows only the notes of
    # primary documents.
    shown = article.note if article.note and getattr(article, "issuer", "") else ""
    note = f"<br><i>Note: {e(' '.join(shown.split()))}</i>" if shown else ""
    return (
        f"{title}<p class='ek-meta' style='margin:0 0 0.6em 0;color:#333;font-size:0.9em'>Text {e(article.id)} — "
        f"{e(', '.join(facts))}{_document_lines(article)}{url}{note}</p>"
    )


def _plain(page: _Page) -> str:
    article = page.article
    day = article.published.isoformat() if article.published else "date unknown"
    lines = [f"{article.id} — {article.outlet or 'outlet unknown'}, {day}"]
    if article.title:
        lines.append(article.title)
    lines.append("")
    lines.extend(p.text for p in article.paragraphs)
    lines.append("")
    lines.append("Quotations:")
    for q in page.notes.quotes:
        check = page.check_of(q)
        mark = f" [{check.status}]" if check else ""
        lines.append(f"- {q.speaker or 'speaker not found'} ({q.cue or 'no cue'}): “{q.text}”{mark}")
    lines.append("Dates:")
    lines.extend(f"- {d.text} = {date_label(d)}" for d in page.notes.dates)
    return "\n".join(lines)


def _render(article: Article, notes: Annotations, kb: KnowledgeBase, checks: list[QuoteCheck]) -> Reading:
    page = _Page(article, notes, kb, checks)
    body = "".join(_paragraph(page, i) for i in range(len(article.paragraphs)))
    label = html.escape(f"Text {article.id}" + (f": {article.title}" if article.title else ""))
    markup = (
        f"<article class='edu-kit-reading' id='{page.prefix}' aria-label='{label}' lang='en' "
        "style='max-width:46em;font-size:1rem;line-height:1.6;color:#000;background:#fff;"
        "padding:0.8em 1em;border:1px solid #999;border-radius:4px;"
        "print-color-adjust:exact;-webkit-print-color-adjust:exact'>"
        f"{_header(article)}{_legend(page)}{body}{_cards(page)}</article>"
    )
    return Reading(
        article=article.id,
        html=markup,
        text=_plain(page),
        quotations=len(notes.quotes),
        dates=len(notes.dates),
        names=sum(1 for m in notes.mentions if m.entity is not None),
    )
