"""GIFT, Moodle's plain-text question format: :func:`dump` a bank, :func:`load` a file.

The format follows Moodle's own GIFT reader (``question/format/gift/format.php``):
questions are separated by blank lines; ``::name::`` names a question (we use the
id); the answers sit in braces: ``=right ~wrong`` (one answer), ``~%50%a ~%-50%b``
(weights: several answers), ``TRUE``/``FALSE``, ``=variant`` (short answer),
``#value:tolerance`` (numeric), ``=left -> right`` (matching), ``{}`` (essay);
``####text`` is the general feedback (our explanation).  The characters
``~ = # { } :`` and the backslash are escaped with a backslash, a line break is ``\\n``.

What GIFT has no place for (topics, difficulty, sources, ...) is written as a
``// edu_kit {...}`` comment line before the question: Moodle skips comments, and
:func:`load` reads it back.  ``ordering`` questions cannot be written (GIFT has no such
type); unmatched right-hand options of a matching question and the unit of a numeric
answer are not shown by Moodle: each is listed in ``left_out``.

>>> from edu_kit.quiz.model import Question
>>> q = Question("q-colon", "single", "Which {city}: ~ Geneva = #1?", ("Geneva", "Vienna"), "Geneva",
...              explanation="See 10 January.", topics=("timeline",), difficulty="easy",
...              reference="Test")
>>> text = dump([q]).data
>>> print(text.splitlines()[1])
::q-colon::[plain]Which \\{city\\}\\: \\~ Geneva \\= \\#1?{
>>> load(text).questions == (q,)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from ..model import TOPICS, Numeric, Question
from ._common import (
    Exported,
    Imported,
    LeftOut,
    build,
    category_path,
    exact_number,
    html_to_text,
    key_weights,
    metadata,
    pairs,
    parse_metadata,
    short_answers,
    slug,
    split_category_path,
    starred,
    texts,
)

__all__ = ["dump", "escape", "load", "unescape"]

_SPECIAL = "~=#{}:"
# Private-use stand-ins for escaped characters while a question is parsed.
_HOLD = {c: chr(0xE000 + i) for i, c in enumerate(_SPECIAL + "n\\")}
_BACK = {v: ("\n" if k == "n" else k) for k, v in _HOLD.items()}
_LITERAL = "\ue0ff"  # before a private-use character the text itself holds: keep it as it is
_META = "// edu_kit "
_OWN_META = ("matching_choices", "unit", "key_order")


def escape(text: str) -> str:
    r"""``text`` with GIFT's special characters escaped.

    >>> print(escape("a~b=c#d{e}f:g\\h\nline"))
    a\~b\=c\#d\{e\}f\:g\\h\nline
    """
    out = text.replace("\\", "\\\\")
    for char in _SPECIAL:
        out = out.replace(char, "\\" + char)
    return out.replace("\r", "").replace("\n", "\\n")


def unescape(text: str) -> str:
    r"""The inverse of :func:`escape`.

    >>> unescape(escape("x{y}\nz\\")) == "x{y}\nz\\"
    True
    """
    return _restore(_hold(text))


def _hold(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _HOLD:
            out.append(_HOLD[text[i + 1]])
            i += 2
        else:
            # a stand-in character typed in the text itself stays that character
            out.append(_LITERAL + text[i] if text[i] in _BACK or text[i] == _LITERAL else text[i])
            i += 1
    return "".join(out)


def _restore(text: str) -> str:
    r"""Held text back to plain text: stand-ins become their characters, and a character kept
    literally (after ``_LITERAL``) stays as it was typed.

    >>> _restore(_hold("a\\~b \ue000 \ue0ff")) == "a~b \ue000 \ue0ff"
    True
    """
    out, literal = [], False
    for c in text:
        if literal:
            out.append(c)
            literal = False
        elif c == _LITERAL:
            literal = True
        else:
            out.append(_BACK.get(c, c))
    return "".join(out)


def _text(text: str) -> str:
    """An answer or feedback text: escaped, with a format tag when it starts with '[' (a
    format name to Moodle) or '%' (a weight such as ``%50%``, which GIFT cannot escape:
    after ``[plain]`` Moodle no longer reads it as one)."""
    return ("[plain]" if text.lstrip().startswith(("[", "%")) else "") + escape(text)


#: Moodle's GIFT reader's own placeholders (``&&058;`` for ``:``, ``&&010`` for a line break, ...).
_PLACEHOLDER = re.compile(r"&&[0-9]{3};?")


def _category(title: str) -> str:
    """The ``$CATEGORY`` line for ``title``: Moodle reads the rest of the line as it is
    (no GIFT escapes), as a category path (``/`` written ``//``: one category)."""
    return "$CATEGORY: " + category_path(title)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def dump(questions: Iterable[Question], title: str = "") -> Exported:
    """The GIFT text of ``questions``, with what it could not hold."""
    blocks: list[str] = []
    carried: list[str] = []
    left: list[LeftOut] = []
    if title.strip():
        blocks.append(f"// {' '.join(title.split())}\n{_category(title)}")
        if "\\" in title or _PLACEHOLDER.search(title):
            left.append(LeftOut("(category)", f"the title as written ({title!r})",
                                "Moodle's GIFT reader shows a backslash sequence or &&NNN; in a category name "
                                "as its own placeholder; leave them out of --title"))
    for q in questions:
        body, lost = _answers(q)
        left.extend(lost)
        found = next((m.group() for t in (q.prompt, q.explanation, *q.choices, *texts(q.answer))
                      for m in [_PLACEHOLDER.search(t)] if m), None)
        if body is not None and found:
            left.append(LeftOut(q.id, f"the text {found!r}", "Moodle's GIFT reader turns it into a character "
                                "(its own placeholder) and GIFT has no escape for it; use Moodle XML"))
        if body is None:
            continue
        meta = metadata(q)
        if q.type == "matching":
            meta["matching_choices"] = list(q.choices)
        if isinstance(q.answer, Numeric) and q.answer.unit:
            meta["unit"] = q.answer.unit
        if q.type == "multiple":
            meta["key_order"] = list(texts(q.answer))
        feedback = f"\t####{_text(q.explanation)}\n" if q.explanation else ""
        blocks.append(f"{_META}{_json(meta)}\n::{escape(q.id)}::[plain]{escape(q.prompt)}{{\n{body}{feedback}}}")
        carried.append(q.id)
    return Exported("\n\n".join(blocks) + "\n", tuple(carried), tuple(left))


def _json(data: Mapping[str, Any]) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _answers(q: Question) -> tuple[str | None, list[LeftOut]]:
    kind, answer = str(q.type), q.answer
    if kind == "single":
        return "".join(f"\t{'=' if c == answer else '~'}{_text(c)}\n" for c in q.choices), []
    if kind == "multiple":
        keys = texts(answer)
        weights = key_weights(len(keys), len(q.choices))
        if weights is None:
            return None, [LeftOut(q.id, "question", f"{len(keys)} right options: Moodle's grades cannot share "
                                  "100 % among more than 20")]
        grades, penalty = weights
        grade = dict(zip(keys, grades, strict=False))
        lost = [LeftOut(q.id, "equal weights", f"Moodle accepts only its own grades: {len(keys)} right options get "
                        f"10 % or 5 % each and a wrong one {_weight(penalty)} %")] if len(keys) > 10 else []
        return "".join(f"\t~%{_weight(grade.get(c, penalty))}%{_text(c)}\n" for c in q.choices), lost
    if kind == "true_false":
        return f"\t{'TRUE' if answer else 'FALSE'}\n", []
    if kind == "short_text":
        kept = [v for v in texts(answer) if "->" not in v]
        why = "GIFT cannot escape '->': Moodle would read the question as a matching question"
        if not kept:
            return None, [LeftOut(q.id, "question", f"every accepted answer contains '->'; {why}")]
        lost = [LeftOut(q.id, f"accepted answer {v!r}", f"{why}; students who type it are marked wrong in Moodle")
                for v in texts(answer) if "->" in v]
        return "".join(f"\t={_text(starred(v))}\n" for v in kept), lost
    if kind == "numeric" and isinstance(answer, Numeric):
        lost = [LeftOut(q.id, f"unit {answer.unit!r}", "GIFT numeric answers have no unit; Moodle will not show it")]
        return f"\t#{exact_number(answer.value)}:{exact_number(answer.tolerance)}\n", lost if answer.unit else []
    if kind == "matching":
        matches = pairs(answer)
        if any("->" in left for left, _ in matches):
            return None, [LeftOut(q.id, "question", "a left-hand item contains '->', which GIFT cannot escape")]
        used = {right for _, right in matches}
        extra = [c for c in q.choices if c not in used]
        lost = [LeftOut(q.id, "options " + ", ".join(map(repr, extra)),
                        "GIFT matching has no unmatched right-hand options; Moodle will not offer them")] if extra else []
        return "".join(f"\t={_text(left)} -> {escape(right)}\n" for left, right in matches), lost
    if kind == "open":
        lost = [LeftOut(q.id, "model answer and rubric",
                        "a GIFT essay has no grader information; kept in the edu_kit comment only")]
        return "", lost if (getattr(q, "model_answer", "") or getattr(q, "rubric", ())) else []
    return None, [LeftOut(q.id, "question", f"GIFT has no {kind!r} question type")]


def load(text: str, source: str = "GIFT file", topic: str | None = None, difficulty: str = "medium",
         prefix: str = "gift-") -> Imported:
    """The questions of a GIFT text, as edu_kit questions.

    Questions written by :func:`dump` come back equal.  A teacher's own questions get:
    the name as id (made unique, starting with ``prefix``), ``topic`` (or the
    ``$CATEGORY`` when it names one of our topics), ``difficulty``, the reference
    "Imported from <source>", and the general feedback as explanation.  Descriptions,
    questions without a full-credit answer and other things our bank cannot hold are
    listed in ``left_out``.
    """
    questions: list[Question] = []
    left: list[LeftOut] = []
    notes: list[str] = []
    category: str | None = None
    for first, block in _blocks(text):
        meta: dict[str, Any] = {}
        lines = []
        for row in block:
            stripped = row.strip()
            if stripped.startswith(_META.strip()):
                meta = parse_metadata(stripped[len(_META.strip()):].strip())
            elif not stripped.startswith("//"):
                lines.append(row)
        if not lines:
            continue
        line = first + next(i for i, row in enumerate(block) if row is lines[0])  # the question's own first line
        body = _hold("\n".join(lines).strip())
        if body.startswith("$CATEGORY:"):
            heading, _, body = body.partition("\n")  # the category is one line, as Moodle reads it
            category = split_category_path(_restore(heading[len("$CATEGORY:"):]).strip())[-1].lower()
            body = body.strip()
            if not body:
                continue
            # a question on the next line, with no blank line between: Moodle imports it too
            line = first + next(i for i, row in enumerate(block) if row is lines[1])
        defaults = {"topics": [category if category in TOPICS else topic], "difficulty": difficulty,
                    "reference": f"Imported from {source}",
                    "explanation": f"No explanation was given in {source}."}
        if meta:  # written by dump: the metadata is complete
            defaults = {"explanation": ""}
        try:
            question, lost = _question(body, meta, defaults, [q.id for q in questions], prefix)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            lost, question = [LeftOut(_label(body), "question", str(exc) or type(exc).__name__)], None
        left.extend(replace(item, line=line) for item in lost)
        if question is not None:
            questions.append(question)
    if any(q.reference == f"Imported from {source}" for q in questions):
        notes.append(f"questions without edu_kit data got the reference 'Imported from {source}'")
    return Imported(tuple(questions), tuple(left), tuple(notes))


def _label(body: str) -> str:
    """How a question is named in messages: its ``::name::`` or the start of its text."""
    if body.startswith("::") and "::" in body[2:]:
        name = _restore(body[2:body.index("::", 2)]).strip()
        if name:
            return name
    start = _restore(re.split(r"[{}]", body, maxsplit=1)[0]).strip()
    return repr(start[:40] + ("..." if len(start) > 40 else ""))


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """The blank-line separated blocks of ``text``, each with the line it starts on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if line.strip():
            if not current:
                blocks.append((number, current))
            current.append(line)
        elif current:
            current = []
    return blocks


def _format(text: str, default: str = "moodle") -> str:
    """Drop a ``[format]`` prefix; turn HTML into plain text (``default``: the question's format)."""
    match = re.match(r"^\[(moodle|html|plain|markdown)\]", text.strip())
    kind = match.group(1) if match else default
    text = text.strip()
    text = text[match.end():] if match else text
    if kind in ("html", "moodle") and re.search(r"<[A-Za-z/!]|&#?[A-Za-z0-9]+;", text):
        text = html_to_text(text.replace("\n", "<br>") if kind == "moodle" else text)
    return _restore(text).strip()


def _question(body: str, meta: dict[str, Any], defaults: dict[str, Any], taken: list[str],
              prefix: str) -> tuple[Question | None, list[LeftOut]]:
    name = None
    if body.startswith("::") and "::" in body[2:]:
        end = body.index("::", 2)
        name, body = _restore(body[2:end]).strip(), body[end + 2:].strip()
    start, finish = body.find("{"), body.find("}")
    label = _label(body) if name is None else name
    if start < 0 and finish < 0:
        return None, [LeftOut(label, "description", "a text without answers is not a question")]
    if start < 0 or finish < start:
        raise ValueError(f"{label}: the answers' braces do not match (escape a literal brace as \\{{)")
    answers = body[start + 1:finish].strip()
    prompt = body[:start] + ("" if body.endswith("}") else "_____" + body[finish + 1:])
    feedback = ""
    if "####" in answers:
        answers, feedback = answers[:answers.rindex("####")].strip(), answers[answers.rindex("####") + 4:]
    qid = name if name and name in taken else None
    ident = slug(name or _format(prompt)[:40], taken, "" if meta else prefix) if qid is None else slug(qid, taken)
    if meta and name and re.match(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", name) and name not in taken:
        ident = name
    found = re.match(r"^\[(moodle|html|plain|markdown)\]", prompt.strip())
    fmt = found.group(1) if found else "moodle"
    fields: dict[str, Any] = {"id": ident, "prompt": _format(prompt), "explanation": _format(feedback, fmt)}
    lost: list[LeftOut] = []
    kind_fields = _kind(answers, meta, ident, lost, fmt)
    if kind_fields is None:
        return None, lost
    order = meta.get("key_order")
    if kind_fields["type"] == "multiple" and isinstance(order, list) and set(order) == set(kind_fields["answer"]):
        kind_fields["answer"] = order
    fields.update(kind_fields)
    try:
        question = build(fields, {k: v for k, v in meta.items() if k not in _OWN_META}, defaults)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        return None, [*lost, LeftOut(name or ident, "question", str(exc) or type(exc).__name__)]
    return question, lost


def _split(answers: str, marks: str) -> list[tuple[str, str]]:
    """``answers`` cut before each mark character: (mark, rest) pairs."""
    parts = re.split(f"(?=[{re.escape(marks)}])", answers)
    return [(p[0], p[1:].strip()) for p in parts if p.strip() and p[0] in marks]


def _weighted(text: str) -> tuple[float | None, str]:
    match = re.match(r"^%(-?[0-9]+(?:\.[0-9]*)?)%", text)
    if not match:
        return None, text
    return float(match.group(1)), text[match.end():]


def _no_feedback(text: str, ident: str = "", lost: list[LeftOut] | None = None, fmt: str = "moodle") -> str:
    """The answer without its ``#feedback``; the feedback is listed in ``lost``."""
    answer, mark, feedback = text.partition("#")
    if mark and feedback.strip("#").strip() and lost is not None:
        lost.append(LeftOut(ident, f"feedback on the answer {_format(answer, fmt)!r}",
                            "edu_kit gives one explanation per question, not per answer"))
    return _format(answer, fmt)


def _kind(answers: str, meta: dict[str, Any], ident: str, lost: list[LeftOut],
          fmt: str) -> dict[str, Any] | None:
    if answers == "":
        if "open" not in _types():
            lost.append(LeftOut(ident, "question", "essay questions need the 'open' type"))
            return None
        return {"type": "open"}
    if answers.startswith("#"):
        return _numeric(answers[1:], meta, ident, lost)
    if "~" in answers:
        return _choice(answers, ident, lost, fmt)
    if "=" in answers and "->" in answers:
        pairs = []
        for _, item in _split(answers, "="):
            left, _, right = item.partition("->")
            pairs.append([_format(left, fmt), _restore(right).strip()])
        choices = meta.get("matching_choices") or list(dict.fromkeys(r for _, r in pairs))
        return {"type": "matching", "choices": choices, "answer": pairs}
    word = answers.split("#", 1)[0].strip()
    if word in ("T", "TRUE", "F", "FALSE"):
        if answers.strip("#").strip() != word:
            lost.append(LeftOut(ident, "feedback on the true/false answers",
                                "edu_kit gives one explanation per question, not per answer"))
        return {"type": "true_false", "answer": word.startswith("T")}
    variants = []
    for _, item in _split(answers, "="):
        weight, rest = _weighted(item)
        if weight is not None and weight < 100:
            lost.append(LeftOut(ident, f"partial-credit answer {_no_feedback(rest, fmt=fmt)!r}",
                                "short answers here are right or wrong"))
            continue
        variants.append(_no_feedback(rest, ident, lost, fmt))
    return {"type": "short_text", "answer": short_answers(variants, ident, lost)}


def _types() -> tuple[str, ...]:
    from ..model import TYPES

    return tuple(str(t) for t in TYPES)


def _numeric(answers: str, meta: dict[str, Any], ident: str, lost: list[LeftOut]) -> dict[str, Any] | None:
    first = _split("=" + answers if not answers.lstrip().startswith("=") else answers, "=")
    for _, item in first:
        weight, rest = _weighted(item)
        if weight is not None and weight < 100:
            continue
        value = _no_feedback(rest, ident, lost)
        if ".." in value:
            low, high = (float(v) for v in value.split("..", 1))
            centre, tolerance = (low + high) / 2, (high - low) / 2
        elif ":" in value:
            centre, tolerance = (float(v) for v in value.split(":", 1))
        else:
            centre, tolerance = float(value), 0.0
        answer: dict[str, Any] = {"value": centre, "tolerance": tolerance}
        if meta.get("unit"):
            answer["unit"] = str(meta["unit"])
        if len(first) > 1:
            lost.append(LeftOut(ident, "other numeric answers", "only the first full-credit answer is kept"))
        return {"type": "numeric", "answer": answer}
    lost.append(LeftOut(ident, "question", "no full-credit numeric answer"))
    return None


def _choice(answers: str, ident: str, lost: list[LeftOut], fmt: str) -> dict[str, Any] | None:
    options: list[tuple[str, float]] = []
    for mark, item in _split(answers, "=~"):
        # As in Moodle, only an answer after '~' has a weight; '=' is full credit.
        weight, rest = _weighted(item) if mark == "~" else (None, item)
        options.append((_no_feedback(rest, ident, lost, fmt), 100.0 if mark == "=" else (weight or 0.0)))
    choices = [text for text, _ in options]
    full = [text for text, w in options if w >= 100]
    if "=" in answers:
        if len(full) != 1:
            lost.append(LeftOut(ident, "question", f"{len(full)} answers marked '=' (exactly one is needed)"))
            return None
        lost.extend(LeftOut(ident, f"{_weight(w)} % credit for {text!r}",
                            "an edu_kit single-answer question gives full credit or none: it counts as wrong")
                    for text, w in options if w not in (0, 100))
        return {"type": "single", "choices": choices, "answer": full[0]}
    keys = [text for text, w in options if w > 0]
    if not keys:
        lost.append(LeftOut(ident, "question", "no answer with a positive weight"))
        return None
    share = 100 / len(keys)
    if any(abs(w - (share if w > 0 else -share)) > 0.01 for _, w in options):
        weights = ", ".join(f"{text!r} {_weight(w)} %" for text, w in options)
        lost.append(LeftOut(ident, f"the weights ({weights})",
                            f"edu_kit scores (right ticks - wrong ticks) / {len(keys)} keys instead: each key "
                            f"{_weight(share)} %, each wrong tick -{_weight(share)} %"))
    return {"type": "multiple", "choices": choices, "answer": keys}
