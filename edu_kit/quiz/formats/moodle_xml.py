"""Moodle XML: :func:`dump` a bank for Moodle's question import, :func:`load` it back.

Each question is a ``<question type="...">`` element of ``<quiz>`` with the documented
children: ``name``, ``questiontext``, ``generalfeedback`` (our explanation),
``defaultgrade``, ``penalty``, ``hidden``, ``idnumber`` (our id) and per type:

=============  ==============  =================================================
edu_kit type   Moodle type     elements
=============  ==============  =================================================
single         multichoice     ``single`` true, ``answer fraction="100"|"0"``
multiple       multichoice     ``single`` false, fractions 100/k and -100/k
true_false     truefalse       ``answer`` ``true`` / ``false``
short_text     shortanswer     ``usecase`` 0, one ``answer`` per variant
numeric        numerical       ``answer`` + ``tolerance``, ``units/unit/unit_name``
matching       matching        ``subquestion`` (text + ``answer``); an empty text
                               holds an extra (distractor) option
ordering       ordering        ``answer`` items in the right order (Moodle's
                               Ordering question type, qtype_ordering)
open           essay           ``graderinfo`` (model answer and rubric)
=============  ==============  =================================================

Texts are ``format="plain_text"``.  Topics and difficulty also become Moodle tags;
everything else of ours (sources, reference, ...) travels as JSON in an XML comment
``<!-- edu_kit {...} -->`` inside the question, which Moodle ignores.

>>> from edu_kit.quiz.model import Question
>>> q = Question("q-tf", "true_false", "NATO had 30 allies <then>.", ("True", "False"), True,
...              explanation="Yes & more.", topics=("concepts",), difficulty="easy", reference="NATO")
>>> exported = dump([q])
>>> "<text>NATO had 30 allies &lt;then&gt;.</text>" in exported.data
True
>>> load(exported.data).questions == (q,)
True
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any
from xml.parsers import expat

from ...errors import QuizBankError
from ..model import Numeric, Question
from ._common import (
    NOT_XML,
    Exported,
    Imported,
    LeftOut,
    XmlParts,
    build,
    category_path,
    exact_number,
    html_to_text,
    key_weights,
    metadata,
    not_xml,
    pairs,
    parse_metadata,
    short_answers,
    slug,
    starred,
    texts,
)

__all__ = ["ELEMENTS", "MOODLE_TYPES", "dump", "load"]

#: edu_kit type -> Moodle question type.
MOODLE_TYPES = {
    "single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
    "short_text": "shortanswer", "numeric": "numerical", "matching": "matching",
    "ordering": "ordering", "open": "essay",
}

#: The child elements every exported question has, and those of each Moodle type.
ELEMENTS: dict[str, tuple[str, ...]] = {
    "*": ("name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber"),
    "multichoice": ("single", "shuffleanswers", "answernumbering", "answer"),
    "truefalse": ("answer",),
    "shortanswer": ("usecase", "answer"),
    "numerical": ("answer", "units"),
    "matching": ("shuffleanswers", "subquestion"),
    "ordering": ("layouttype", "selecttype", "selectcount", "gradingtype", "answer"),
    "essay": ("responseformat", "responserequired", "responsefieldlines", "attachments", "graderinfo"),
}

_FORMAT = {"format": "plain_text"}


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {**_FORMAT, **attrs} if tag != "name" else attrs)
    ET.SubElement(node, "text").text = value
    return node


def _plain(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _answer(parent: ET.Element, fraction: float, text: str) -> ET.Element:
    node = _text(parent, "answer", text, fraction=_fraction(fraction))
    _text(node, "feedback", "")
    return node


def dump(questions: Iterable[Question], title: str = "edu_kit") -> Exported:
    """The Moodle XML of ``questions`` (one category named ``title``)."""
    quiz = ET.Element("quiz")
    if NOT_XML.sub("", title).strip():  # a blank title: no category, as in GIFT
        category = ET.SubElement(quiz, "question", {"type": "category"})
        ET.SubElement(ET.SubElement(category, "category"), "text").text = category_path(NOT_XML.sub("", title))
    carried: list[str] = []
    left: list[LeftOut] = []
    for q in questions:
        kind = MOODLE_TYPES.get(str(q.type))
        if kind is None:
            left.append(LeftOut(q.id, "question", f"Moodle XML export has no {q.type!r} type"))
            continue
        bad = not_xml(q)
        if bad is not None:
            left.append(LeftOut(q.id, "question", f"it holds the character {bad}, which XML cannot carry; remove it"))
            continue
        if q.type == "multiple" and key_weights(len(texts(q.answer)), len(q.choices)) is None:
            left.append(LeftOut(q.id, "question", f"{len(texts(q.answer))} right options: Moodle's grades cannot "
                                "share 100 % among more than 20"))
            continue
        if q.type == "multiple" and len(texts(q.answer)) > 10:
            left.append(LeftOut(q.id, "equal weights", "Moodle accepts only its own grades: the right options get "
                                "10 % or 5 % each"))
        node = ET.SubElement(quiz, "question", {"type": kind})
        meta = metadata(q)
        if q.type == "multiple":
            meta["key_order"] = list(texts(q.answer))
        if q.type in ("ordering", "matching"):
            meta["choice_order"] = list(q.choices)
        node.append(ET.Comment(" edu_kit " + _json(meta).replace("--", "-\\u002d") + " "))
        name = ET.SubElement(node, "name")
        ET.SubElement(name, "text").text = q.id
        _text(node, "questiontext", q.prompt)
        _text(node, "generalfeedback", q.explanation)
        _plain(node, "defaultgrade", "1")
        _plain(node, "penalty", "0")
        _plain(node, "hidden", "0")
        _plain(node, "idnumber", q.id)
        _body(node, q)
        tags = ET.SubElement(node, "tags")
        for tag in (*q.topics, q.difficulty):
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
        carried.append(q.id)
    ET.indent(quiz)
    data = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
    return Exported(data, tuple(carried), tuple(left))


def _json(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _body(node: ET.Element, q: Question) -> None:
    kind, answer = str(q.type), q.answer
    if kind in ("single", "multiple"):
        keys = (str(answer),) if kind == "single" else texts(answer)
        grades, penalty = ([100.0], 0.0) if kind == "single" else (key_weights(len(keys), len(q.choices))
                                                                    or ([], 0.0))
        grade = dict(zip(keys, grades, strict=False))
        _plain(node, "single", "true" if kind == "single" else "false")
        _plain(node, "shuffleanswers", "true")
        _plain(node, "answernumbering", "abc")
        for choice in q.choices:
            _answer(node, grade.get(choice, penalty), choice)
    elif kind == "true_false":
        _answer(node, 100 if answer else 0, "true")
        _answer(node, 0 if answer else 100, "false")
    elif kind == "short_text":
        _plain(node, "usecase", "0")
        for variant in texts(answer):
            _answer(node, 100, starred(variant))
    elif kind == "numeric" and isinstance(answer, Numeric):
        item = _answer(node, 100, exact_number(answer.value))
        _plain(item, "tolerance", exact_number(answer.tolerance))
        units = ET.SubElement(node, "units")
        if answer.unit:
            unit = ET.SubElement(units, "unit")
            _plain(unit, "multiplier", "1")
            _plain(unit, "unit_name", answer.unit)
    elif kind == "matching":
        _plain(node, "shuffleanswers", "true")
        used = set()
        for left, right in pairs(answer):
            sub = _text(node, "subquestion", left)
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right
            used.add(right)
        for extra in (c for c in q.choices if c not in used):
            sub = _text(node, "subquestion", "")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = extra
    elif kind == "ordering":
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                           ("gradingtype", "RELATIVE_TO_CORRECT"), ("showgrading", "SHOW"),
                           ("numberingstyle", "none")):
            _plain(node, tag, value)
        for position, entry in enumerate(texts(answer), start=1):
            _text(node, "answer", entry, fraction=str(position))
    elif kind == "open":
        for tag, value in (("responseformat", "plain"), ("responserequired", "1"),
                           ("responsefieldlines", "8"), ("attachments", "0")):
            _plain(node, tag, value)
        _text(node, "graderinfo", _grader_info(q))


def _grader_info(q: Question) -> str:
    model = str(getattr(q, "model_answer", "") or "")
    rubric = tuple(getattr(q, "rubric", ()) or ())
    lines = [f"Model answer: {model}"] if model else []
    if rubric:
        lines += ["Rubric:", *(f"- {point}" for point in rubric)]
    return "\n".join(lines)


def _child_text(node: ET.Element, path: str) -> str:
    found = node.find(path)
    return "" if found is None or found.text is None else found.text


def _shown(node: ET.Element, path: str) -> str:
    """The text of a ``<... format="..."><text>`` element as a student reads it: Moodle's
    ``html`` (and ``moodle_auto_format``, where a line break is a break) turned into plain
    text; ``plain_text`` and ``markdown`` as they are."""
    holder = node.find(path.rsplit("/", 1)[0]) if "/" in path else node
    text = _child_text(node, path)
    kind = (holder.get("format", "") if holder is not None else "") or "moodle_auto_format"
    if kind == "html" or (kind == "moodle_auto_format" and re.search(r"<[A-Za-z/!]|&#?[A-Za-z0-9]+;", text)):
        return html_to_text(text.replace("\n", "<br>") if kind == "moodle_auto_format" else text)
    return text


def load(text: str, source: str = "Moodle XML file", topic: str | None = None, difficulty: str = "medium",
         prefix: str = "moodle-") -> Imported:
    """The questions of a Moodle XML text (those of :func:`dump` come back equal).

    Raises :class:`~edu_kit.errors.QuizBankError` when the text is not XML or its root
    is not ``<quiz>``; questions of other types, and questions that would break the bank,
    are listed in ``left_out`` with their line, and the others are read.
    """
    questions: list[Question] = []
    left: list[LeftOut] = []
    notes: list[str] = []
    declared = re.match(r"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""", text)
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8") and not text.isascii():
        notes.append(f"{source} declares the encoding {declared.group(1)} but is UTF-8 text: it was read as UTF-8 "
                     "(check the accented letters and quotation marks)")
    parts = XmlParts(text.encode("utf-8"), source, encoding="utf-8")  # the text is already decoded
    try:
        number = 0
        for node, line in parts:
            if parts.root is not None and parts.root.tag != "quiz":
                break
            if node.tag == "question" and node.get("type") != "category":
                number += 1
                _load_one(node, number, line, questions, left, meta_prefix=prefix, source=source, topic=topic,
                          difficulty=difficulty)
    except expat.ExpatError as exc:
        raise QuizBankError(f"{source} is not well-formed XML: {expat.ErrorString(exc.code)}",
                            line=exc.lineno, hint="export it again from Moodle") from None
    if parts.root is None or parts.root.tag != "quiz":
        tag = parts.root.tag if parts.root is not None else "nothing"
        raise QuizBankError(f"{source} is not Moodle XML: the root element is <{tag}>, not <quiz>",
                            hint="export the questions from Moodle in 'Moodle XML format'")
    return Imported(tuple(questions), tuple(left), tuple(notes))


def _load_one(node: ET.Element, number: int, line: int, questions: list[Question], left: list[LeftOut], *,
              meta_prefix: str, source: str, topic: str | None, difficulty: str) -> None:
    """Read one ``<question>`` into ``questions``, or list in ``left`` why it cannot be."""
    prefix = meta_prefix
    back = {v: k for k, v in MOODLE_TYPES.items() if k not in ("multiple",)}
    moodle = node.get("type", "")
    meta: dict[str, Any] = {}
    for child in node:
        if callable(child.tag) and (child.text or "").strip().startswith("edu_kit "):
            meta = parse_metadata((child.text or "").strip()[len("edu_kit "):])
    name = _child_text(node, "name/text").strip() or f"question {number}"
    if moodle == "description":
        left.append(LeftOut(name, "description", "a text without answers is not a question", line))
        return
    if moodle not in back:
        left.append(LeftOut(name, "question", f"the Moodle type {moodle!r} has no edu_kit equivalent", line))
        return
    ident = _child_text(node, "idnumber").strip() or name
    taken = [q.id for q in questions]
    if not (meta and re.match(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", ident)) or ident in taken:
        ident = slug(ident, taken, prefix)
    fields: dict[str, Any] = {"id": ident, "prompt": _shown(node, "questiontext/text"),
                              "explanation": _shown(node, "generalfeedback/text")}
    defaults = {} if meta else {"topics": [topic], "difficulty": difficulty,
                                "reference": f"Imported from {source}",
                                "explanation": f"No explanation was given in {source}."}
    lost: list[LeftOut] = []
    if any(re.search(r"<img\b|@@PLUGINFILE@@", _child_text(node, path), re.I)
           for path in ("questiontext/text", "generalfeedback/text")) or node.find("questiontext/file") is not None:
        lost.append(LeftOut(name, "images and attached files", "edu_kit questions hold text only"))
    try:
        fields.update(_read_body(node, back[moodle], meta, lost))
        questions.append(build(fields, {k: v for k, v in meta.items() if k not in ("key_order", "choice_order")},
                               defaults))
    except StopIteration:
        lost.append(LeftOut(name, "question", "no answer with full credit"))
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        lost.append(LeftOut(name, "question", str(exc) or type(exc).__name__))
    left.extend(LeftOut((item.question or name) if item.what != "question" else name, item.what, item.why, line)
                for item in lost)


def _answers(node: ET.Element, ident: str, lost: list[LeftOut], shown: bool = True) -> list[tuple[float, str]]:
    """(fraction, text) of each ``<answer>`` (``shown``: as a student reads it, else as
    typed, for short answers); feedback on an answer is listed in ``lost``."""
    found: list[tuple[float, str]] = []
    for answer in node.findall("answer"):
        text = _shown(answer, "text") if shown else _child_text(answer, "text")
        feedback = _shown(answer, "feedback/text").strip()
        if feedback:
            lost.append(LeftOut(ident, f"feedback {feedback[:60]!r} on the answer {text!r}",
                                "edu_kit gives one explanation per question, not per answer"))
        raw = _child_text(answer, "text")
        if re.search(r"<img\b|@@PLUGINFILE@@", raw, re.I) or answer.find("file") is not None:
            if not text.strip():
                raise ValueError(f"the answer {len(found) + 1} is only an image, and edu_kit options hold text only")
            lost.append(LeftOut(ident, f"the image in the answer {text!r}",
                                "edu_kit options hold text only: students see the text without the image"))
        found.append((float(answer.get("fraction", "0")), text))
    return found


def _read_body(node: ET.Element, kind: str, meta: dict[str, Any], lost: list[LeftOut] | None = None) -> dict[str, Any]:
    lost = [] if lost is None else lost
    ident = _child_text(node, "name/text").strip()
    answers = _answers(node, ident, lost, shown=kind != "short_text") if kind != "numeric" else []
    if kind == "single":
        if _child_text(node, "single").strip() == "false":
            keys = [t for f, t in answers if f > 0]
            if keys:
                share = 100 / len(keys)
                if any(abs(f - (share if f > 0 else -share)) > 0.01 for f, _ in answers):
                    weights = ", ".join(f"{t!r} {_fraction(f)} %" for f, t in answers)
                    lost.append(LeftOut(ident, f"the weights ({weights})",
                                        f"edu_kit scores (right ticks - wrong ticks) / {len(keys)} keys instead: each key "
                                        f"{_fraction(share)} %, each wrong tick -{_fraction(share)} %"))
            order = meta.get("key_order")
            if isinstance(order, list) and set(order) == set(keys):
                keys = order
            return {"type": "multiple", "choices": [t for _, t in answers], "answer": keys}
        lost.extend(LeftOut(ident, f"{_fraction(f)} % credit for {t!r}",
                            "an edu_kit single-answer question gives full credit or none: it counts as wrong")
                    for f, t in answers if f not in (0, 100))
        full = [t for f, t in answers if f >= 100]
        if len(full) > 1:
            raise ValueError(f"{len(full)} answers have full credit ({', '.join(map(repr, full))}) and an edu_kit "
                             "single-answer question has one right option: keep one, or make it a several-answer "
                             "question (<single>false</single>)")
        return {"type": "single", "choices": [t for _, t in answers], "answer": next(iter(full))}
    if kind == "true_false":
        return {"type": "true_false", "answer": next(t for f, t in answers if f >= 100).strip() == "true"}
    if kind == "short_text":
        lost.extend(LeftOut(ident, f"partial-credit answer {t!r}", "short answers here are right or wrong")
                    for f, t in answers if 0 < f < 100)
        if _child_text(node, "usecase").strip() == "1":
            lost.append(LeftOut(ident, "case-sensitive marking",
                                "edu_kit ignores case, spaces and punctuation in short answers"))
        variants = short_answers([t for f, t in answers if f >= 100], ident, lost)
        if not variants:
            raise ValueError("no accepted answer is left that edu_kit can mark (see the lines above)")
        return {"type": "short_text", "answer": variants}
    if kind == "numeric":
        every = node.findall("answer")
        first = next(a for a in every if float(a.get("fraction", "0")) >= 100)
        value: dict[str, Any] = {"value": float(_child_text(first, "text")),
                                 "tolerance": float(_child_text(first, "tolerance") or 0)}
        others = [f"{_child_text(a, 'text')} ({_fraction(float(a.get('fraction', '0')))} %)"
                  for a in every if a is not first and float(a.get("fraction", "0")) > 0]
        if others:
            lost.append(LeftOut(ident, "other numeric answers " + ", ".join(others),
                                "only the first full-credit answer is kept"))
        units = node.findall("units/unit")
        unit = _child_text(node, "units/unit/unit_name")
        if unit:
            value["unit"] = unit
            if (_child_text(units[0], "multiplier").strip() or "1") not in ("1", "1.0"):
                lost.append(LeftOut(ident, f"the multiplier of the unit {unit!r}", "edu_kit units have none"))
        if len(units) > 1:
            lost.append(LeftOut(ident, "units " + ", ".join(repr(_child_text(u, "unit_name")) for u in units[1:]),
                                "an edu_kit numeric answer has one unit"))
        return {"type": "numeric", "answer": value}
    if kind == "matching":
        pairs, options = [], []
        for sub in node.findall("subquestion"):
            left, right = _shown(sub, "text"), _child_text(sub, "answer/text")
            if left.strip():
                pairs.append([left, right])
            if right not in options:
                options.append(right)
        return {"type": "matching", "choices": _ordered(meta, options), "answer": pairs}
    if kind == "ordering":
        items = [t for _, t in sorted(answers, key=lambda pair: pair[0])]
        return {"type": "ordering", "choices": _ordered(meta, items), "answer": items}
    return {"type": "open", **_parse_grader_info(_child_text(node, "graderinfo/text"), meta)}


def _ordered(meta: dict[str, Any], options: list[str]) -> list[str]:
    """The options in the order of the metadata, when it names the same options."""
    order = meta.get("choice_order")
    return [str(o) for o in order] if isinstance(order, list) and sorted(order) == sorted(options) else options


def _parse_grader_info(text: str, meta: dict[str, Any]) -> dict[str, Any]:
    if "model_answer" in meta or "rubric" in meta:
        return {}
    model, rubric = "", []
    for line in text.splitlines():
        if line.startswith("Model answer: "):
            model = line[len("Model answer: "):]
        elif line.startswith("- "):
            rubric.append(line[2:])
    return {"model_answer": model, "rubric": rubric}
