"""Find the spans of direct quotations from their quotation marks.

Handles straight ``"…"``, curly ``“…”``, guillemets ``«…»``, low-high ``„…“`` and single
``‘…’`` / ``'…'`` marks (apostrophes such as ``Russia's`` are not marks).  Single
quotes inside double ones are nested quotations and belong to the outer one.

A quotation over several paragraphs (an opening mark on each paragraph, a closing
mark only at the end) is one span.  So is a reproduced statement whose opening mark
is never closed, as long as the paragraphs after it read as the statement (first
person, no marks of their own).  A stray unclosed mark ends with its own paragraph
and never swallows the paragraphs after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus import Article, Paragraph

__all__ = ["QuoteSpan", "quote_spans"]

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_BEFORE_OPEN = set(" \t\n([{—–-/:;“«„‘\"'")
_DOUBLE_MARK = re.compile("[“”«»„\"]")
_SINGLE_MARK = re.compile("[‘’']")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours|I|my|me)\b", re.IGNORECASE)
_STATEMENT_MIN_CHARS = 60


@dataclass(frozen=True)
class QuoteSpan:
    """Offsets of the words inside a quotation's marks, and how it was closed."""

    start: int
    end: int
    paragraph: int
    closed: bool
    paragraphs: tuple[int, ...]


def _double_marks(text: str) -> list[tuple[int, bool]]:
    """Positions of double marks in a paragraph, each with True for an opening mark."""
    marks: list[tuple[int, bool]] = []
    for found in _DOUBLE_MARK.finditer(text):
        i, ch = found.start(), found.group()
        if ch in _DOUBLE_OPEN:
            # „…“ : the high mark closes a low-opened quotation.
            is_open = not (ch == "“" and marks and marks[-1][1] and text[marks[-1][0]] == "„")
            marks.append((i, is_open))
        elif ch in _DOUBLE_CLOSE:
            marks.append((i, False))
        elif ch == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            marks.append((i, before in _BEFORE_OPEN and not after.isspace()))
    return marks


# Which closing marks end a quotation opened by each mark.
_CLOSES = {"«": "»", "“": "”\"", '"': '"”', "„": "“”"}


def _pair_doubles(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """Closed double-quote spans (mark positions) and the position of an unclosed opener.

    Inside guillemets, straight or curly double quotes are a nested quotation
    («… an "imminent attack". …»), not the end of the outer one.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for pos, is_open in _double_marks(text):
        ch = text[pos]
        if opened is None:
            if is_open:
                opened = pos
            continue
        outer = text[opened]
        if outer == "«" and ch in '"“”„':
            continue
        if ch in _CLOSES[outer] and (not is_open or ch == '"' or outer == "„"):
            spans.append((opened, pos))
            opened = None
        elif is_open:
            # a new opening mark while one is open: the earlier one was never closed
            end = _last_sentence_end(text, opened, pos)
            if end is not None:
                spans.append((opened, end))
            opened = pos
    return spans, opened


def _last_sentence_end(text: str, start: int, stop: int) -> int | None:
    cut = max(text.rfind(p, start, stop) for p in ".!?")
    return None if cut <= start else cut + 1


def _single_spans(text: str, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quote spans outside the double-quote spans ``blocked``."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for found in _SINGLE_MARK.finditer(text):
        i, ch = found.start(), found.group()
        if any(s <= i <= e for s, e in blocked):
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # apostrophe inside a word: Russia's, can't
        if opened is None:
            if ch in "‘'" and before in _BEFORE_OPEN and (after.isalnum() or after in "[("):
                opened = i
        elif ch in "’'" and not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-”»\"" or i + 1 == len(text)):
            if before == "s" and ch == "'" and after == " " and text[i + 2 : i + 3].islower() and text.count("'", i + 1) > 0:
                continue  # plural possessive (allies' demands) with a later closing mark
            spans.append((opened, i))
            opened = None
    return spans


def quote_spans(article: Article) -> tuple[QuoteSpan, ...]:
    """All quotation spans of an article, in text order.

    >>> from edu_kit.corpus import parse_article
    >>> art = parse_article('He said "we go.\\n\\n"And we stay," he added. It\\'s \\'done\\'.', id="x")
    >>> [art.body[s.start:s.end] for s in quote_spans(art)]
    ['we go.\\n\\n"And we stay,', 'done']
    """
    raw: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # an unclosed quotation looking for its continuation
    may_run_on = False  # may ``pending`` continue into unmarked paragraphs?
    for paragraph in article.paragraphs:
        text = paragraph.text
        doubles, unclosed = _pair_doubles(text)
        skip_first = False
        if pending is not None:
            pending, skip_first, finished = _continue(pending, may_run_on, paragraph, doubles, unclosed)
            if finished is not None:
                raw.append(finished)
        for index, (open_pos, close_pos) in enumerate(doubles):
            if not (index == 0 and skip_first):
                raw.append(_span(paragraph, open_pos, close_pos))
        if unclosed is not None and pending is None and not (skip_first and unclosed == 0):
            pending = QuoteSpan(paragraph.start + unclosed + 1, paragraph.end, paragraph.index, False, (paragraph.index,))
            before = text[:unclosed].rstrip()
            may_run_on = (not before or before.endswith(":")) and len(text) - unclosed >= _STATEMENT_MIN_CHARS
        blocked = [*doubles, *([(unclosed, len(text))] if unclosed is not None else [])]
        raw.extend(_span(paragraph, o, c) for o, c in _single_spans(text, blocked))
    if pending is not None:
        raw.append(pending)
    trimmed = (_trim(article.body, span) for span in raw)
    return tuple(sorted((s for s in trimmed if s.end > s.start), key=lambda s: s.start))


def _span(paragraph: Paragraph, open_pos: int, close_pos: int) -> QuoteSpan:
    start = paragraph.start
    return QuoteSpan(start + open_pos + 1, start + close_pos, paragraph.index, True, (paragraph.index,))


def _continue(
    pending: QuoteSpan,
    may_run_on: bool,
    paragraph: Paragraph,
    doubles: list[tuple[int, int]],
    unclosed: int | None,
) -> tuple[QuoteSpan | None, bool, QuoteSpan | None]:
    """Try to extend an unclosed quotation into ``paragraph``.

    Returns the still-pending span (or None), whether the paragraph's first double
    mark was used by the continuation, and a span that is now complete (or None).
    """
    text = paragraph.text
    chain = (*pending.paragraphs, paragraph.index)
    if paragraph.kind == "text" and text[:1] in _DOUBLE_OPEN + '"':
        if doubles and doubles[0][0] == 0:  # the continuation closes here
            close = paragraph.start + doubles[0][1]
            return None, True, QuoteSpan(pending.start, close, pending.paragraph, True, chain)
        if unclosed == 0 and not doubles:  # still open: carry on
            return QuoteSpan(pending.start, paragraph.end, pending.paragraph, False, chain), True, None
    if paragraph.kind == "text" and may_run_on and not doubles and unclosed is None and _FIRST_PERSON.search(text):
        return QuoteSpan(pending.start, paragraph.end, pending.paragraph, False, chain), False, None
    if paragraph.kind in ("link", "credit", "caption"):
        return pending, False, None  # inserted links and photos do not end a quotation
    return None, False, pending


def _trim(body: str, span: QuoteSpan) -> QuoteSpan:
    start, end = span.start, span.end
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, span.paragraph, span.closed, span.paragraphs)
