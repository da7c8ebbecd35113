"""QTI 1.2 for Canvas, built by text2qti: :func:`dump` a bank to a zip, :func:`load` it back.

:func:`dump` writes text2qti's Markdown-like quiz text (``Title:`` = our id, ``1.``
question, ``...`` general feedback = our explanation, ``*a)``/``a)`` one answer,
``[*]``/``[ ]`` several answers, ``*`` short-answer variants, ``= value +- tolerance``
numeric, ``____`` essay) and lets text2qti build the QTI zip that Canvas imports
(*Settings → Import course content → QTI .zip file*).  Every character of our texts
that Markdown, text2qti's LaTeX (``$``) or its smart quotes could change is written as an
HTML character reference, so Canvas shows exactly our text.

text2qti has no matching or ordering questions, no numeric unit, and no answer near 0
(its limit: every accepted value must be at least 0.0001 in size); such questions and
parts are listed in ``left_out``.  Topics, difficulty and sources are not carried (QTI
items here hold text, options, key and feedback only).

>>> from edu_kit.quiz.model import Question
>>> q = Question("q-star", "single", "Which *city*? $5 -- \\"quoted\\"", ("Geneva", "Vienna"), "Geneva",
...              explanation="10 January.", topics=("timeline",), difficulty="easy", reference="T")
>>> back = load(dump([q]).data, topic="timeline").questions[0]
>>> (back.id, back.prompt, back.choices, back.answer, back.explanation) == (
...     q.id, q.prompt, q.choices, q.answer, q.explanation)
True
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import Any
from xml.parsers import expat

from ...errors import QuizBankError
from ..model import Numeric, Question
from ._common import (
    Exported,
    Imported,
    LeftOut,
    XmlParts,
    build,
    exact_number,
    html_to_text,
    metadata,
    not_xml,
    slug,
    texts,
)

__all__ = ["MAX_ENTRY_BYTES", "QTI_TYPES", "dump", "load", "markdown_text"]

#: edu_kit type -> the QTI ``question_type`` Canvas reads.
QTI_TYPES = {
    "single": "multiple_choice_question", "multiple": "multiple_answers_question",
    "true_false": "true_false_question", "short_text": "short_answer_question",
    "numeric": "numerical_question", "open": "essay_question",
}
_NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
_SAFE = set(",;?/@ ")


def _md(text: str) -> str:
    """``text`` for a Markdown field: ASCII punctuation as character references, line
    breaks as ``<br>``."""
    out = []
    for char in text:
        if char == "\n":
            out.append("<br>")
        elif char.isascii() and not char.isalnum() and char not in _SAFE:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def _block(number: int, q: Question) -> str | LeftOut:
    """The text2qti block of one question, or why it cannot be written."""
    kind, answer = str(q.type), q.answer
    if kind not in QTI_TYPES:
        return LeftOut(q.id, "question", f"text2qti writes no {kind!r} questions")
    lines = [f"Title: {q.id}", f"{number}.  {_md(q.prompt)}"]
    if q.explanation:
        lines.append(f"... {_md(q.explanation)}")
    if kind in ("single", "true_false"):
        key = ("True" if answer else "False") if kind == "true_false" else answer
        for i, choice in enumerate(q.choices):
            letter = chr(ord("a") + i % 26)
            text = choice if kind == "true_false" else _md(choice)
            lines.append(f"{'*' if choice == key else ''}{letter}) {text}")
    elif kind == "multiple":
        lines += [f"{'[*]' if c in texts(answer) else '[ ]'} {_md(c)}" for c in q.choices]
    elif kind == "short_text":
        if any("\n" in v for v in texts(answer)):
            return LeftOut(q.id, "question", "a short-answer variant spans lines")
        lines += [f"*   {v}" for v in texts(answer)]
    elif kind == "numeric" and isinstance(answer, Numeric):
        low, high = answer.value - answer.tolerance, answer.value + answer.tolerance
        if min(abs(low), abs(high)) < 1e-4:
            return LeftOut(q.id, "question", "text2qti accepts no numeric answer within 0.0001 of 0")
        lines.append(f"=   {exact_number(answer.value)} +- {exact_number(answer.tolerance)}")
    elif kind == "open":
        lines.append("____")
    return "\n".join(lines)


def _need_text2qti() -> None:
    from importlib.util import find_spec

    if find_spec("text2qti") is None:
        raise QuizBankError("the QTI export needs text2qti",
                            hint="pip install 'edu-kit[teacher]' (or pip install text2qti)")


def markdown_text(questions: Iterable[Question], title: str = "edu_kit bank") -> tuple[str, tuple[str, ...],
                                                                                      tuple[LeftOut, ...]]:
    """text2qti's input for ``questions``: (text, ids written, what was left out)."""
    _need_text2qti()
    from text2qti.config import Config
    from text2qti.err import Text2qtiError
    from text2qti.quiz import Quiz

    blocks: list[str] = []
    carried: list[str] = []
    left: list[LeftOut] = []
    prompts: dict[str, str] = {}
    kept_only_in_yaml: set[str] = set()
    for q in questions:
        if q.prompt in prompts and str(q.type) in QTI_TYPES:
            left.append(LeftOut(q.id, "question", f"text2qti refuses a second question with the same text "
                                                  f"as {prompts[q.prompt]!r}; reword one of them"))
            continue
        bad = not_xml(q) if str(q.type) in QTI_TYPES else None
        block = _block(len(blocks) + 1, q) if bad is None else LeftOut(
            q.id, "question", f"it holds the character {bad}, which XML cannot carry; remove it")
        if isinstance(block, LeftOut):
            left.append(block)
            continue
        try:  # text2qti's own checks, question by question, so one bad question is named
            Quiz(f"Quiz title: check\n\n{block}\n", config=Config(), source_name=q.id)
        except Text2qtiError as exc:
            left.append(LeftOut(q.id, "question", f"text2qti refused it: {exc}"))
            continue
        if isinstance(q.answer, Numeric):
            ends = (q.answer.value - q.answer.tolerance, q.answer.value + q.answer.tolerance)
            if any(abs(float(f"{x:.4f}") - x) > 1e-14 * max(1.0, abs(x)) for x in ends):  # beyond float noise
                left.append(LeftOut(q.id, "exact numeric key", "text2qti writes numbers with 4 decimals: the accepted "
                                    f"range {exact_number(ends[0])} to {exact_number(ends[1])} becomes "
                                    f"{ends[0]:.4f} to {ends[1]:.4f}"))
        if isinstance(q.answer, Numeric) and q.answer.unit:
            left.append(LeftOut(q.id, f"unit {q.answer.unit!r}", "QTI numeric answers have no unit"))
        if str(q.type) == "open" and (getattr(q, "model_answer", None) or getattr(q, "rubric", None)):
            left.append(LeftOut(q.id, "model answer and rubric", "a text2qti essay has no grader notes"))
        blocks.append(block)
        carried.append(q.id)
        prompts[q.prompt] = q.id
        kept_only_in_yaml.update(k for k, v in metadata(q).items() if v not in (None, "", [], {}))
    if carried:
        order = ("topics", "difficulty", "sources", "reference")
        fields = [*(k for k in order if k in kept_only_in_yaml), *sorted(kept_only_in_yaml.difference(order))]
        left.append(LeftOut("(every question)", ", ".join(fields or order),
                            "QTI items hold text, options, key and feedback only; the YAML bank keeps them"))
    # text2qti reads the quiz title as plain text (it XML-escapes it itself): no references here
    head = (f"Quiz title: {' '.join(title.split()) or 'edu_kit bank'}\n"
            f"Quiz description: {_md('Questions exported from edu_kit.')}\n")
    return head + "\n\n" + "\n\n".join(blocks) + "\n", tuple(carried), tuple(left)


def dump(questions: Iterable[Question], title: str = "edu_kit bank") -> Exported:
    """The QTI 1.2 zip (bytes) that text2qti builds for ``questions``."""
    from text2qti.config import Config
    from text2qti.err import Text2qtiError
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    text, carried, left = markdown_text(questions, title)
    if not carried:
        raise QuizBankError("none of the questions can be written as QTI",
                            hint="export single, multiple, true/false, short-text, numeric or open questions")
    try:
        data = QTI(Quiz(text, config=Config(), source_name=title)).zip_bytes()
    except Text2qtiError as exc:  # pragma: no cover - every block passed text2qti alone
        raise QuizBankError(f"text2qti could not build the quiz: {exc}") from None
    return Exported(data, carried, left)


def _html_text(markup: str) -> str:
    """Plain text of the HTML text2qti or Canvas wrote, as a student reads it (the same
    reading as Moodle XML's: :func:`._common.html_to_text`)."""
    return html_to_text(markup)


#: The most a QTI zip entry may hold once inflated (a text2qti question takes a few KB).
MAX_ENTRY_BYTES = 20 * 2**20
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
            zipfile.ZIP_LZMA: "lzma"}


def _read_entry(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    """The bytes of one entry, refused with a clear error when it is encrypted, packed with a
    method Python cannot read, or inflates beyond :data:`MAX_ENTRY_BYTES` (read in chunks, so
    a zip bomb never fills the memory)."""
    info = archive.getinfo(name)
    hint = "export the quiz again from Canvas or text2qti, without a password"
    if info.flag_bits & 0x1:
        raise QuizBankError(f"{source}: the entry {name!r} is encrypted (password-protected)", hint=hint)
    if info.compress_type not in _METHODS:
        raise QuizBankError(f"{source}: the entry {name!r} is packed with compression method {info.compress_type}, "
                            f"which cannot be read (readable: {', '.join(_METHODS.values())})",
                            hint="export the quiz again from Canvas or text2qti, or re-zip it with a standard tool")
    limit = f"the entry {name!r} inflates to more than {MAX_ENTRY_BYTES // 2**20} MB"
    big = "split the quiz into smaller ones (or check that the zip is what Canvas or text2qti wrote)"
    if info.file_size > MAX_ENTRY_BYTES:
        raise QuizBankError(f"{source}: {limit} ({info.file_size:,} bytes)", hint=big)
    chunks, size = [], 0
    with archive.open(info) as entry:
        while chunk := entry.read(2**20):
            size += len(chunk)
            if size > MAX_ENTRY_BYTES:
                raise QuizBankError(f"{source}: {limit} although its header says {info.file_size:,} bytes", hint=big)
            chunks.append(chunk)
    return b"".join(chunks)


def _entries(data: bytes, source: str) -> tuple[zipfile.ZipFile, list[str]]:
    """The zip and the names of its assessment XML entries (a Canvas export may hold several quizzes)."""
    hint = "pass the .zip that text2qti or Canvas wrote"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in archive.namelist() if n.endswith(".xml")
                 and not n.endswith(("imsmanifest.xml", "assessment_meta.xml"))]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, ValueError) as exc:
        raise QuizBankError(f"{source} is not a readable QTI zip: {exc}", hint=hint) from None
    if "imsmanifest.xml" not in archive.namelist() or not names:
        raise QuizBankError(f"{source} has no imsmanifest.xml and assessment XML", hint=hint)
    return archive, names


def _items(archive: zipfile.ZipFile, names: list[str], source: str) -> Iterator[tuple[str, int, ET.Element]]:
    """(entry name, number, item) of every ``<item>``, one entry and one assessment at a
    time (each parsed in pieces and dropped once read: see :class:`._common.XmlParts`)."""
    hint = "pass the .zip that text2qti or Canvas wrote"
    for name in names:
        try:
            parts = XmlParts(_read_entry(archive, name, source), f"{source} ({name})", namespaces=True)
            number = 0
            for part, _line in parts:
                for item in part.iter(f"{{{_NS['q']}}}item"):
                    number += 1
                    yield name, number, item
        except (zipfile.BadZipFile, zipfile.LargeZipFile, expat.ExpatError, EOFError, zlib.error, ValueError) as exc:
            raise QuizBankError(f"{source} is not a readable QTI zip: {exc}", hint=hint) from None
        except (RuntimeError, NotImplementedError, OSError) as exc:  # other zip features Python cannot read
            raise QuizBankError(f"{source} cannot be read as a zip: {exc}", hint=hint) from None


def load(data: bytes, source: str = "QTI zip", topic: str | None = None, difficulty: str = "medium") -> Imported:
    """The questions of a QTI zip written by :func:`dump` (or by text2qti).

    Topics, difficulty and reference are not in QTI: they come from ``topic``,
    ``difficulty`` and "Imported from <source>".
    """
    archive, names = _entries(data, source)
    back = {v: k for k, v in QTI_TYPES.items()}
    questions: list[Question] = []
    left: list[LeftOut] = []
    for name, number, item in _items(archive, names, source):
        ident = item.get("title", "").strip()
        taken = [q.id for q in questions]
        if (not re.match(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", ident) or ident in taken
                or ident.lower() == "question"):  # Canvas titles every item "Question": qti-question, qti-question-2
            ident = slug(ident or "question", taken, "qti-")
        place = f"item {number}" + (f" of {name}" if len(names) > 1 else "")
        fields = {f.findtext("q:fieldlabel", "", _NS): f.findtext("q:fieldentry", "", _NS)
                  for f in item.iter(f"{{{_NS['q']}}}qtimetadatafield")}
        kind = back.get(fields.get("question_type", ""))
        if kind is None:
            left.append(LeftOut(ident, "question", f"QTI type {fields.get('question_type')!r} is not read",
                                place=place))
            continue
        data_fields: dict[str, Any] = {"id": ident, "type": kind,
                                       "prompt": _html_text(item.findtext("q:presentation/q:material/q:mattext",
                                                                          "", _NS)),
                                       "explanation": ""}
        for feedback in item.iter(f"{{{_NS['q']}}}itemfeedback"):
            if feedback.get("ident") == "general_fb":
                data_fields["explanation"] = _html_text(feedback.findtext(".//q:mattext", "", _NS))
        defaults = {"topics": [topic], "difficulty": difficulty, "reference": f"Imported from {source}",
                    "explanation": f"No explanation was given in {source}."}
        try:
            data_fields.update(_key(item, kind))
            questions.append(build(data_fields, {}, defaults))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            left.append(LeftOut(ident, "question", str(exc) or type(exc).__name__, place=place))
    return Imported(tuple(questions), tuple(left))


def _key(item: ET.Element, kind: str) -> dict[str, Any]:
    labels = {label.get("ident"): _html_text(label.findtext(".//q:mattext", "", _NS))
              for label in item.iter(f"{{{_NS['q']}}}response_label")}
    scoring = [c for c in item.iter(f"{{{_NS['q']}}}respcondition")
               if c.findtext("q:setvar", "", _NS).strip() == "100"]
    condition = scoring[0].find("q:conditionvar", _NS) if scoring else None
    if kind in ("single", "true_false"):
        key = labels[condition.findtext("q:varequal", "", _NS)] if condition is not None else ""
        if kind == "true_false":
            return {"answer": key == "True"}
        return {"choices": list(labels.values()), "answer": key}
    if kind == "multiple":
        keys = [labels[v.text or ""] for v in condition.findall("q:and/q:varequal", _NS)] if condition is not None else []
        return {"choices": list(labels.values()), "answer": keys}
    if kind == "short_text":
        return {"answer": [v.text or "" for v in condition.findall("q:varequal", _NS)] if condition is not None else []}
    if kind == "numeric" and condition is not None:
        value = float(condition.findtext(".//q:varequal", "0", _NS))
        high = float(condition.findtext(".//q:varlte", str(value), _NS))
        return {"answer": {"value": value, "tolerance": round(high - value, 10)}}
    return {}
