"""Split an article body into paragraphs and sentences, with offsets, and flag
non-article text (captions, credits, links, source lines, headings).

Paragraphs are separated by blank lines or by single newlines; a line that does not
end a sentence and is followed by a line starting in lower case is a hard-wrapped
continuation and joins the paragraph.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .._data import data_file
from .records import Paragraph, ParagraphKind, Sentence

__all__ = ["classify_paragraph", "split_paragraphs", "split_sentences"]

_END_PUNCT = ".!?…"
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([„"
# A sentence-final character, then closing quotes/brackets.
_SENTENCE_END = re.compile(rf"[{re.escape(_END_PUNCT)}][{re.escape(_CLOSERS)}]*")
_ENDS_LIKE_SENTENCE = re.compile(rf"[{re.escape(_END_PUNCT)}:;,][{re.escape(_CLOSERS)}]*\s*$")
_WORD = re.compile(r"\w+")
_NON_SPACE = re.compile(r"\S")
_LONGEST_ABBREVIATION = 24  # characters; longer tokens are never abbreviations or initials


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[tuple[ParagraphKind, re.Pattern[str]], ...], frozenset[str], int]:
    spec = data_file("text_patterns")
    compiled: list[tuple[ParagraphKind, re.Pattern[str]]] = []
    for kind in ("link", "source", "credit", "caption"):
        for pattern in spec["boilerplate"][kind]:
            compiled.append((kind, re.compile(pattern, re.IGNORECASE)))
    return tuple(compiled), frozenset(spec["abbreviations"]), int(spec["heading_max_words"])


def split_paragraphs(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, whitespace trimmed.

    >>> text = "Title\\n\\nFirst line.\\nA long line that was wrapped by the editor at some\\nwidth, mid-sentence."
    >>> [text[s:e] for s, e in split_paragraphs(text)]
    ['Title', 'First line.', 'A long line that was wrapped by the editor at some\\nwidth, mid-sentence.']
    """
    spans: list[tuple[int, int]] = []
    position = 0
    words = 0  # in the paragraph so far: counted line by line, so the work is linear
    last_line = ""
    for line in body.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end -= len(line) - len(line.rstrip())
        line_words = len(stripped.split())
        if spans and _is_continuation(last_line, words, stripped, body, spans[-1][1], start):
            spans[-1] = (spans[-1][0], end)
            words += line_words
        else:
            spans.append((start, end))
            words = line_words
        last_line = stripped
    return spans


def _is_continuation(previous_line: str, words: int, line: str, body: str, prev_end: int, start: int) -> bool:
    """A hard-wrapped line: no blank line between, the paragraph so far (``words``
    long, ending with ``previous_line``) unfinished, and this line lower-case."""
    if "\n\n" in body[prev_end:start].replace(" ", "").replace("\t", ""):
        return False
    return line[0].islower() and not _ENDS_LIKE_SENTENCE.search(previous_line) and words > 8


def classify_paragraph(text: str, *, index: int, title: str | None) -> ParagraphKind:
    """The kind of a paragraph (see :data:`edu_kit.corpus.PARAGRAPH_KINDS`).

    >>> classify_paragraph("READ MORE: EU mulls new sanctions", index=5, title=None)
    'link'
    >>> classify_paragraph("Tensions on rise", index=9, title=None)
    'heading'
    >>> classify_paragraph("Russia said it would respond.", index=3, title=None)
    'text'
    """
    compiled, _, max_heading_words = _patterns()
    stripped = text.strip()
    if title and _same_words(stripped, title):
        return "headline"
    for kind, pattern in compiled:
        if pattern.search(stripped):
            return kind
    if index == 0 and title is None and _looks_like_heading(stripped, 25):
        return "headline"
    if _looks_like_heading(stripped, max_heading_words):
        return "heading"
    return "text"


def _looks_like_heading(text: str, max_words: int) -> bool:
    words = _WORD.findall(text)
    return 0 < len(words) <= max_words and not _ENDS_LIKE_SENTENCE.search(text)


def _same_words(a: str, b: str) -> bool:
    return [w.lower() for w in _WORD.findall(a)] == [w.lower() for w in _WORD.findall(b)]


def split_sentences(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``body[start:end]``.

    A sentence ends at ``. ! ? …`` (with any closing quotes or brackets) when the
    next word starts a new sentence: an upper-case letter, a digit or an opening
    quote.  Abbreviations (``Mr.``, ``U.S.``, ``Jan.``) and initials do not end one.

    >>> text = 'Mr. Smith met U.S. officials. "We agree," he said. It was Jan. 10.'
    >>> [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    ['Mr. Smith met U.S. officials.', '"We agree," he said.', 'It was Jan. 10.']
    """
    _, abbreviations, _ = _patterns()
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(body, start, end):
        stop = match.end()
        next_word = _NON_SPACE.search(body, stop, end)  # never copies the rest of the text
        if next_word is None:
            break
        if next_word.start() == stop:  # no whitespace after the mark
            continue
        following = next_word.group()
        if not (following.isupper() or following.isdigit() or following in _OPENERS or following in "-–—"):
            continue
        if match.group()[0] == "." and _is_abbreviation(body, sentence_start, match.start(), abbreviations):
            continue
        spans.append((sentence_start, stop))
        sentence_start = next_word.start()
    if sentence_start < end:
        spans.append((sentence_start, end))
    return spans


def _is_abbreviation(body: str, floor: int, dot: int, abbreviations: frozenset[str]) -> bool:
    """Is the period at ``dot`` the end of an abbreviation or an initial?"""
    token_start = dot
    limit = max(floor, dot - _LONGEST_ABBREVIATION - 1)  # look back a bounded way
    while token_start > limit and not body[token_start - 1].isspace() and body[token_start - 1] not in _OPENERS:
        token_start -= 1
    if token_start == limit > floor and not body[limit - 1].isspace() and body[limit - 1] not in _OPENERS:
        return False  # a token longer than any abbreviation
    token = body[token_start:dot]
    if token in abbreviations:
        return True
    # Single-letter initials ("J. Smith") and dotted acronyms ("U.N.", "D.C.").
    return bool(re.fullmatch(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]", token))


def segment(body: str, title: str | None) -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...]]:
    """Paragraphs and sentences of ``body``."""
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(body)):
        text = body[p_start:p_end]
        kind = classify_paragraph(text, index=p_index, title=title)
        paragraphs.append(Paragraph(p_index, p_start, p_end, text, kind))
        for s_start, s_end in split_sentences(body, p_start, p_end):
            sentences.append(
                Sentence(len(sentences), s_start, s_end, body[s_start:s_end], p_index, kind)
            )
    return tuple(paragraphs), tuple(sentences)
