"""What every exchange format shares: the result records and the edu_kit metadata.

A format carries a question's text, options, key and feedback in its own elements.
What it has no element for (topics, difficulty, sources, reference, ...) travels as
*edu_kit metadata*: the JSON of :func:`~edu_kit.quiz._codec.question_to_data` without
the natively carried keys, in a place the LMS ignores (a GIFT comment, a Moodle XML
tag, a QTI item title).  Reading back merges both, so a round trip gives equal questions.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from xml.parsers import expat

from .._codec import question_from_data, question_to_data
from ..model import Question

__all__ = [
    "MAX_PART_ELEMENTS",
    "MAX_XML_ELEMENTS",
    "MOODLE_GRADES",
    "NOT_XML",
    "Exported",
    "Imported",
    "LeftOut",
    "XmlParts",
    "build",
    "category_path",
    "exact_number",
    "html_to_text",
    "key_weights",
    "metadata",
    "metadata_text",
    "not_xml",
    "pairs",
    "parse_metadata",
    "short_answers",
    "slug",
    "split_category_path",
    "starred",
    "texts",
]

#: The keys a format carries in its own elements.
NATIVE = ("id", "type", "prompt", "choices", "answer", "explanation")


@dataclass(frozen=True)
class LeftOut:
    """Something a format cannot hold: a whole question (``what`` = "question") or a part.

    ``line`` is where the question starts in the file that was read (1-based), when known;
    ``place`` names it otherwise (such as "item 3 of quiz/a.xml").

    >>> print(LeftOut("gift-q", "question", "no answer", line=12))
    line 12: gift-q: question left out (no answer)
    """

    question: str
    what: str
    why: str
    line: int | None = None
    place: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else self.place
        return f"{where + ': ' if where else ''}{self.question}: {self.what} left out ({self.why})"


@dataclass(frozen=True)
class Exported:
    """The output of a ``dump``: ``data`` (text or zip bytes), ids carried, what was left out."""

    data: str | bytes
    questions: tuple[str, ...]
    left_out: tuple[LeftOut, ...] = ()


@dataclass(frozen=True)
class Imported:
    """The output of a ``load``: the questions, and what could not be brought over."""

    questions: tuple[Question, ...]
    left_out: tuple[LeftOut, ...] = ()
    notes: tuple[str, ...] = field(default=())


def texts(answer: object) -> tuple[str, ...]:
    """The key of a multiple, ordering or short-text question as texts."""
    return tuple(str(a) for a in answer) if isinstance(answer, tuple) else ()


def pairs(answer: object) -> tuple[tuple[str, str], ...]:
    """The key of a matching question as (left, right) pairs."""
    if not isinstance(answer, tuple):
        return ()
    return tuple((str(p[0]), str(p[1])) for p in answer if isinstance(p, tuple) and len(p) == 2)


def metadata(question: Question) -> dict[str, Any]:
    """The question's data that a format has no element for."""
    return {k: v for k, v in question_to_data(question).items() if k not in NATIVE}


def metadata_text(question: Question) -> str:
    """:func:`metadata` as one line of JSON."""
    return json.dumps(metadata(question), ensure_ascii=False, separators=(",", ":"))


def parse_metadata(text: str) -> dict[str, Any]:
    """The mapping in a metadata line; ``{}`` when it is not one."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def build(fields: Mapping[str, Any], meta: Mapping[str, Any], defaults: Mapping[str, Any]) -> Question:
    """A question from natively read ``fields``, edu_kit ``meta`` and import ``defaults``."""
    data = {**defaults, **{k: v for k, v in meta.items() if k not in NATIVE}, **fields}
    if None in data.get("topics", ()):
        raise ValueError("no topic: give one of timeline, positions, concepts, sources for imported questions")
    if str(data["type"]) == "open" and not (str(data.get("model_answer") or "").strip() and data.get("rubric")):
        raise ValueError("an open question needs a model answer and a rubric, which the file does not give; "
                         "write the question into the bank by hand with both")
    if not data.get("explanation"):
        data.pop("explanation", None)
        if str(data["type"]) != "open":
            data["explanation"] = defaults.get("explanation", "")
    question = question_from_data(data)
    _refuse_broken(question)
    return question


def _refuse_broken(question: Question) -> None:
    """Raise ValueError naming what is wrong when ``question`` would break a bank file
    (the schema and the rules of :mod:`edu_kit.quiz.check`), so that an import lists
    that one question and keeps the others."""
    from ...errors import QuizBankError
    from ..bank import dump_bank

    try:
        dump_bank("imported", "Imported", [question])
    except QuizBankError as exc:
        found = exc.problems or (exc,)
        reasons = [p.problem.removeprefix(f"question {question.id!r}: ") + (f" ({p.hint})" if p.hint else "")
                   for p in found]
        raise ValueError("; ".join(dict.fromkeys(reasons))) from None


_BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
                     "table", "section", "article", "header", "footer", "dt", "dd"})
_SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript"})
_BREAK, _PARAGRAPH = "\ue0f0", "\ue0f1"  # private-use marks: where a block starts or ends


class _TextOf(HTMLParser):
    """The text of an HTML fragment: tags dropped, entities read, blocks on their own lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH if tag == "p" else _BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH if tag == "p" else _BREAK)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def _run(found: re.Match[str]) -> str:
    """A run of spaces, ``<br>`` breaks and block marks: a blank line if a paragraph ends or
    starts in it, a line break for other blocks (a ``<br>`` at the end of a block adds
    nothing, as in a browser), the spaces and breaks themselves otherwise."""
    run = found.group()
    return "\n\n" if _PARAGRAPH in run else "\n" if _BREAK in run else run


def html_to_text(markup: str) -> str:
    r"""Plain text of an HTML fragment (what a student would read on the page).

    Tags are dropped, ``<script>`` and ``<style>`` with their content; entities are read
    (``&lt;`` gives ``<``, a no-break space a space); ``<br>`` and blocks (``<p>``,
    ``<li>``, ...) give line breaks, other white space is one space, as in a browser.

    >>> html_to_text("<p>Talks on 10&nbsp;January &amp; <b>after</b>?</p><script>alert(1)</script><p>Use &lt;city&gt;.</p>")
    'Talks on 10 January & after?\n\nUse <city>.'
    """
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    # each whole run of spaces and block marks (one greedy match, no backtracking: linear time)
    text = re.sub(f"[ \n{_BREAK}{_PARAGRAPH}]+", _run, text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


# What XML 1.0 cannot carry at all (not even as a character reference).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _strings(data: Any) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, (list, tuple)):
        for value in data:
            yield from _strings(value)


def not_xml(q: Question) -> str | None:
    """The first character of ``q`` that XML 1.0 cannot hold, as U+XXXX, or None."""
    for text in _strings(question_to_data(q)):
        found = NOT_XML.search(text)
        if found:
            return f"U+{ord(found.group()):04X}"
    return None


def slug(text: str, taken: Iterable[str], prefix: str = "") -> str:
    """A question id made from ``text`` (letters, digits, ``.``, ``_``, ``:``, ``-``), unique.

    >>> slug("Grant's tomb?", {"gift-grant-s-tomb"}, "gift-")
    'gift-grant-s-tomb-2'
    """
    cleaned = re.sub(r"[-_]{2,}", "-", re.sub(r"[^A-Za-z0-9._:-]+", "-", text.strip()))
    base = prefix + cleaned.strip("-._:").lower()[:100]
    if not re.match(r"^[A-Za-z0-9]", base):
        base = "q-" + base
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


#: The most elements (tags and comments) one XML file may hold: far more than 10,000 questions need.
MAX_XML_ELEMENTS = 2_000_000
#: The most elements one question (Moodle XML) or one assessment (QTI) may hold.
MAX_PART_ELEMENTS = 200_000


class XmlParts:
    r"""The top-level elements of an XML file (Moodle's ``<question>``s, QTI's
    ``<assessment>``s), one at a time, each with the line where it starts.

    The file is parsed in 64 KB pieces and each element is taken out of the tree as soon
    as it ends, so memory holds the parts of one piece, never the whole file; a file of more than
    :data:`MAX_XML_ELEMENTS` elements, or a part of more than :data:`MAX_PART_ELEMENTS`,
    is refused with a :class:`~edu_kit.errors.QuizBankError` naming ``source`` and the
    limit.  ``namespaces``: tags read as ``{uri}name``, as ElementTree does.  ``encoding`` overrides the file's declaration (``None``: follow it).  Malformed
    XML raises :class:`xml.parsers.expat.ExpatError`; no external entity is ever fetched.

    >>> parts = XmlParts(b"<quiz>\n<question n='1'/>\n<question n='2'><a/></question></quiz>", "q.xml")
    >>> [(e.get("n"), line) for e, line in parts], parts.root.tag if parts.root is not None else None
    ([('1', 2), ('2', 3)], 'quiz')
    """

    def __init__(self, data: bytes, source: str, encoding: str | None = None, namespaces: bool = False) -> None:
        self.data, self.source, self.encoding, self.namespaces = data, source, encoding, namespaces
        self.root: ET.Element | None = None

    def _too_big(self, what: str, limit: int) -> Exception:
        from ...errors import QuizBankError

        return QuizBankError(f"{self.source} holds more than {limit:,} XML elements{what}, the limit",
                             hint="split the file into smaller ones and import each "
                                  "(or check that it is what Moodle, Canvas or text2qti wrote)")

    def __iter__(self) -> Iterator[tuple[ET.Element, int]]:
        builder = ET.TreeBuilder(insert_comments=True)
        parser = expat.ParserCreate(self.encoding, "}" if self.namespaces else None)

        def name(raw: str) -> str:
            return "{" + raw if self.namespaces and "}" in raw else raw
        parser.buffer_text = True
        done: list[tuple[ET.Element, int]] = []
        state = {"depth": 0, "part": 0, "total": 0, "line": 0}

        def count() -> None:
            state["total"] += 1
            state["part"] += 1
            if state["total"] > MAX_XML_ELEMENTS:
                raise self._too_big("", MAX_XML_ELEMENTS)
            if state["part"] > MAX_PART_ELEMENTS:
                raise self._too_big(f" in the part that starts on line {state['line']}", MAX_PART_ELEMENTS)

        def start(tag: str, attrs: dict[str, str]) -> None:
            if state["depth"] == 1:
                state["part"], state["line"] = 0, parser.CurrentLineNumber
            count()
            element = builder.start(name(tag), {name(k): v for k, v in attrs.items()})
            if state["depth"] == 0:
                self.root = element
            state["depth"] += 1

        def end(tag: str) -> None:
            state["depth"] -= 1
            element = builder.end(name(tag))
            if state["depth"] == 1 and self.root is not None:
                self.root.remove(element)  # the tree keeps no question it has handed out
                done.append((element, state["line"]))

        def comment(text: str) -> None:
            count()
            if state["depth"] > 1:
                builder.comment(text)

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = builder.data
        parser.CommentHandler = comment
        step = 2**16
        for at in range(0, len(self.data) + 1, step):
            parser.Parse(self.data[at:at + step], at + step > len(self.data))
            yield from done
            done.clear()


#: The grades Moodle accepts for an answer (``question_bank::fraction_options_full``), in %.
MOODLE_GRADES = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0, 20.0,
                 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0)


def key_weights(keys: int, options: int) -> tuple[list[float], float] | None:
    """The Moodle grades (in %) of the ``keys`` right options of a several-answer
    question, which must add up to 100 %, and the penalty of a wrong option; None when
    no grades of Moodle's list can do it (more than 20 keys).

    Up to 10 keys each get 100/keys, as in edu_kit; 11 to 20 keys get 10 % and 5 %
    (``20 - keys`` of them 10 %), the only grades of Moodle's list that add up.

    >>> key_weights(3, 5)
    ([33.33333, 33.33333, 33.33333], -33.33333)
    >>> key_weights(11, 13)
    ([10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 5.0, 5.0], -10.0)
    >>> key_weights(21, 22) is None
    True
    """
    if keys <= 10:
        share = next(g for g in MOODLE_GRADES if abs(g - 100 / keys) < 0.001)
        return [share] * keys, -share
    if keys > 20:
        return None
    penalty = min(MOODLE_GRADES, key=lambda g: abs(g - 100 / keys))
    return [10.0] * (20 - keys) + [5.0] * (2 * keys - 20), -penalty


def category_path(title: str) -> str:
    """Moodle's category path ``$course$/top/TITLE`` with ``title`` as ONE category:
    ``/`` written ``//``, a space added where a name starts or ends with ``/`` (Moodle's
    ``assemble_category_path``), line breaks and runs of spaces made one space.

    >>> category_path("Year 10/11: NATO & Russia")
    '$course$/top/Year 10//11: NATO & Russia'
    """
    name = " ".join(title.split()).replace("/", "//")
    name = (" " if name.startswith("/") else "") + name + (" " if name.endswith("/") else "")
    return "$course$/top/" + name


def split_category_path(path: str) -> list[str]:
    """The category names of a Moodle path (Moodle's ``split_category_path``).

    >>> split_category_path("$course$/top/Year 10//11")
    ['$course$', 'top', 'Year 10/11']
    """
    return [raw.replace("//", "/").strip() for raw in re.split(r"(?<!/)/(?!/)", path)]


def exact_number(value: float) -> str:
    """``value`` with every digit it has (``1.23e-07``, ``-123456789.1234567``; ``30``
    for a whole number), which Moodle's ``is_numeric`` reads back exactly."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def starred(variant: str) -> str:
    """An accepted short answer as Moodle's shortanswer reads it literally: ``*`` (Moodle's
    wildcard, any characters) written ``\\*``."""
    return variant.replace("*", "\\*")


def short_answers(variants: Iterable[str], ident: str, lost: list[LeftOut]) -> list[str]:
    """The accepted answers of a Moodle short-answer question that edu_kit can mark:
    ``\\*`` read as ``*``; a variant with Moodle's wildcard ``*`` (any characters), which
    edu_kit has no equivalent for, is listed in ``lost`` and left out."""
    kept = []
    for variant in variants:
        if re.search(r"(?<!\\)\*", variant):
            lost.append(LeftOut(ident, f"accepted answer {variant!r}",
                                "Moodle's wildcard * (any characters) has no edu_kit equivalent; "
                                "add the answers it stands for to the bank by hand"))
        else:
            kept.append(variant.replace("\\*", "*"))
    return kept
