"""Turn JSON Schema errors into readable problems at the line of the offending node.

>>> from edu_kit.quiz._yaml import parse_yaml
>>> doc = parse_yaml("bank: x\\ntitle: y\\nquestions: []\\n")
>>> for problem in validate(doc, "x.yaml")[0]:
...     print(problem)
x.yaml, line 3: the bank: questions needs at least 1 item(s), it has 0. What to do: add items \
to questions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from ._yaml import JsonPath, YamlDocument
from .model import DIFFICULTIES, TOPICS, TYPES, nearest_first
from .rules import Problem

__all__ = ["kind_of", "validate"]


def _quoted(values: Any) -> str:
    return ", ".join(repr(v) for v in values)


_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}
_REQUIRED_FIX = {
    "id": "add 'id:' with an id that no other question uses",
    "type": f"add 'type:' with one of: {_quoted(TYPES)}",
    "prompt": "add 'prompt:' with the question's text",
    "answer": "add 'answer:' with the key (see docs/quiz_format.md for its shape)",
    "explanation": "add 'explanation:' saying why the answer is right",
    "topics": f"add 'topics:' with a list of: {_quoted(TOPICS)}",
    "difficulty": f"add 'difficulty:' with one of: {_quoted(DIFFICULTIES)}",
    "choices": "add 'choices:' with the options as a list",
    "model_answer": "add 'model_answer:' with an answer a teacher would give full marks",
    "rubric": "add 'rubric:' with the points a teacher looks for, as a list",
    "bank": "add 'bank:' with a short name (lower-case letters, digits, '-', '_')",
    "title": "add 'title:' with a title for teachers",
    "questions": "add 'questions:' with a list of questions",
}


def _schema() -> dict[str, Any]:
    import json

    text = resources.files("edu_kit.quiz").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def kind_of(value: object) -> str:
    """The kind of a YAML value in words: ``text``, ``a list``, ..."""
    for name, types in (
        ("true or false", (bool,)),
        ("a whole number", (int,)),
        ("a number", (float,)),
        ("text", (str,)),
        ("a list", (list,)),
        ("a mapping", (dict,)),
    ):
        if isinstance(value, types):
            return name
    return "empty" if value is None else type(value).__name__


def _where(data: Any, path: JsonPath) -> tuple[str, JsonPath]:
    """A label for ``path`` (``question 'id': answer``) and the path inside the question."""
    if len(path) >= 2 and path[0] == "questions" and isinstance(data, dict):
        questions = data.get("questions")
        index = path[1]
        if isinstance(questions, list) and isinstance(index, int) and index < len(questions):
            q = questions[index]
            qid = q.get("id") if isinstance(q, dict) else None
            label = f"question {qid!r}" if isinstance(qid, str) else f"question {index + 1}"
            return label, path[2:]
    return "the bank", path


def _field_name(rest: JsonPath) -> str:
    name = ""
    for part in rest:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _schema_problem(err: Any, doc: YamlDocument, path: str) -> list[Problem]:
    loc: JsonPath = tuple(err.absolute_path)
    label, rest = _where(doc.data, loc)
    field = _field_name(rest)
    subject = f"{label}: {field}" if field else label
    line = doc.line_of(loc)
    validator, expected, value = err.validator, err.validator_value, err.instance

    def one(message: str, fix: str, at: JsonPath = loc) -> list[Problem]:
        return [Problem(path, doc.line_of(at), message, fix)]

    if validator == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        return [
            Problem(path, line, f"{label} has no {k!r}", _REQUIRED_FIX.get(k, f"add '{k}:'"))
            for k in missing
        ]
    if validator == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extras = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        return [
            Problem(
                path,
                doc.line_of((*loc, k)),
                f"{label}: unknown key {k!r}",
                f"fix its spelling (nearest: {nearest_first(k, allowed)[0]!r}) or remove it; "
                f"allowed keys: {', '.join(allowed)}",
            )
            for k in extras
        ]
    if validator == "not" and isinstance(expected, dict) and "required" in expected:
        key = expected["required"][0]
        kind = value.get("type") if isinstance(value, dict) else None
        fix = f"remove '{key}'" + (" (an open question has 'model_answer:' and 'rubric:' "
                                   "instead)" if kind == "open" else "")
        return one(f"{label}: '{key}' is not used by {kind} questions", fix, (*loc, key))
    if validator == "enum":
        allowed = [str(a) for a in expected]
        return one(
            f"{subject} is {value!r}, which is not one of: {_quoted(allowed)}",
            f"use one of: {_quoted(nearest_first(value, allowed))}",
        )
    if validator == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        fix = f"write {field or 'it'} as {words}"
        if "string" in wanted and not isinstance(value, (list, dict)):
            fix += " (put it in quotes)"
        return one(f"{subject} should be {words}, not {kind_of(value)}", fix)
    if validator == "minItems":
        return one(f"{subject} needs at least {expected} item(s), it has {len(value)}",
                   f"add items to {field or 'the list'}")
    if validator == "maxItems":
        return one(f"{subject} has {len(value)} items, at most {expected} are allowed",
                   "write each pair as [left item, right item]")
    if validator in ("minLength", "pattern") and rest and rest[-1] == "id":
        return one(f"{subject} {value!r} is not a valid id",
                   "use letters, digits, '.', '_', ':' and '-', starting with a letter or digit")
    if validator in ("minLength", "pattern") and rest and rest[-1] == "published":
        return one(f"{subject} {value!r} is not a date", "write the date as YYYY-MM-DD")
    if validator == "pattern" and rest and rest[-1] == "taught_in":
        return one(f"{subject} {value!r} is not a notebook name",
                   "write the notebook's file name without '.ipynb', e.g. 04_concepts")
    if validator == "pattern" and rest and rest[-1] == "family":
        return one(f"{subject} {value!r} is not a family name",
                   "use lower-case letters, digits and '-', e.g. obligations")
    if validator in ("minLength", "pattern") and loc == ("bank",):
        return one(f"the bank name {value!r} is not valid",
                   "use lower-case letters, digits, '-' and '_' only")
    if validator in ("minLength", "pattern"):
        return one(f"{subject} is empty", "write some text")
    if validator == "uniqueItems":
        return one(f"{subject} lists the same value twice", "list each value once")
    if validator == "minimum":
        return one(f"{subject} is {value!r}, it must be at least {expected}",
                   f"write a number of {expected} or more")
    return one(f"{subject}: {err.message}", "see docs/quiz_format.md for the bank format")



def _draft7(node: Any) -> Any:
    """The schema in draft-07 terms (``prefixItems`` -> tuple ``items``), for fastjsonschema."""
    if isinstance(node, dict):
        out = {("items" if k == "prefixItems" else k): _draft7(v) for k, v in node.items() if k != "$schema"}
        return {"$schema": "http://json-schema.org/draft-07/schema#", **out} if "$id" in node else out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


@lru_cache(maxsize=1)
def _fast_validator() -> Callable[[Any], Any] | None:
    """A compiled validator (fastjsonschema) that answers "valid or not" in microseconds."""
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - it ships with nbformat, and is a dependency
        return None
    validator: Callable[[Any], Any] = fastjsonschema.compile(_draft7(_schema()))
    return validator


def is_valid(data: Any) -> bool | None:
    """True/False from the fast validator, or None when it is not available."""
    validator = _fast_validator()
    if validator is None:
        return None
    from fastjsonschema import JsonSchemaException

    try:
        validator(data)
    except JsonSchemaException:
        return False
    return True


def validate(doc: YamlDocument, path: str) -> tuple[list[Problem], set[int]]:
    """Schema problems of ``doc.data`` and the indices of the questions that have them.

    A valid bank (the common case) is recognised by a fast compiled validator; only a
    bank with problems pays for ``jsonschema``, which reports every problem with its
    place.  Nodes on lines that already have a YAML error (e.g. an unsafe tag) are not
    reported twice.
    """
    if is_valid(doc.data):
        return [], set()
    import jsonschema

    yaml_lines = {line for line, _ in doc.errors}
    validator = jsonschema.Draft202012Validator(_schema())
    found: list[Problem] = []
    bad: set[int] = set()
    for err in validator.iter_errors(doc.data):
        loc: JsonPath = tuple(err.absolute_path)
        if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
            bad.add(loc[1])
        if doc.line_of(loc) not in yaml_lines:
            found.extend(_schema_problem(err, doc, path))
    return list(dict.fromkeys(found)), bad
