"""Safe YAML reading that remembers the line of every node.

Only plain data is accepted: mappings with string keys, sequences, strings, numbers,
booleans (``true``/``false`` only) and null.  Dates stay strings.  Any other tag
(``!!python/object/apply:os.system`` ...), an alias or a duplicate key is reported as a
problem with its line; nothing is ever constructed from a tag.

>>> doc = parse_yaml("bank: demo\\nquestions:\\n  - id: q1\\n    published: 2021-12-16\\n")
>>> doc.data["questions"][0]["published"], doc.line_of(("questions", 0, "id"))
('2021-12-16', 3)
>>> parse_yaml("x: !!python/object/apply:os.system [ls]\\n").errors[0]
(1, "unsupported YAML tag '!!python/object/apply:os.system'")

Characters YAML refuses (NUL, vertical tab, escape, DEL, U+FFFE ...), nesting deeper than
:data:`MAX_DEPTH`, whole numbers too large for a float, numbers that are not finite, and numbers YAML 1.1
reads unexpectedly (``030`` is octal 24, ``1:30`` is 90) are problems with their line too.

>>> parse_yaml("a: 1\\nb: 030\\n").errors
((2, "the number '030' would be read as octal (24)"),)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["MAX_DEPTH", "JsonPath", "YamlDocument", "parse_yaml"]

#: How deeply lists and mappings may nest in a bank (a question needs four levels).
MAX_DEPTH = 20
_MAX_INT = 10**300  # whole numbers beyond this cannot be compared with a float answer
# What the YAML reader refuses (PyYAML's Reader.NON_PRINTABLE), with names people know.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {
    "\x00": "NUL", "\x0b": "vertical tab (Word's soft line break)", "\x0c": "form feed (page break)",
    "\x1b": "escape", "\x7f": "delete", "\ufffe": "non-character U+FFFE", "\uffff": "non-character U+FFFF",
}

JsonPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


_DROPPED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")


class _LineLoader(yaml.SafeLoader):
    """SafeLoader without timestamps and without yes/no/on/off booleans."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class-level registry
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in quiz banks", event.start_mark
            )
        if self._depth >= MAX_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, f"lists or mappings are nested more than {MAX_DEPTH} deep",
                event.start_mark,
            )
        self._depth += 1
        try:
            node: Node | None = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        return node


_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class YamlDocument:
    """What :func:`parse_yaml` found: the data, each node's line, and the errors.

    ``lines`` maps a JSON path (keys and indices) to its 1-based line; ``errors`` holds
    ``(line, message)`` pairs.  ``data`` is None when the text could not be parsed.
    """

    data: Any
    lines: dict[JsonPath, int]
    errors: tuple[tuple[int | None, str], ...]

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        parts = tuple(path)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get((), None)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document safely, keeping lines; never raises on bad input."""
    refused = _refused_characters(text)
    if refused:
        return YamlDocument(None, {}, refused)
    loader = None
    try:
        loader = _LineLoader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = None if mark is None else mark.line + 1
        reason = " ".join(part for part in (err.context, err.problem) if part) or "cannot be parsed"
        return YamlDocument(None, {}, ((line, f"not valid YAML: {reason}"),))
    except yaml.YAMLError as err:
        return YamlDocument(None, {}, ((None, f"not valid YAML: {err}"),))
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return YamlDocument(None, {}, ((1, "the file is empty"),))
    lines: dict[JsonPath, int] = {}
    errors: list[tuple[int | None, str]] = []
    data = _build(loader, root, (), lines, errors)
    return YamlDocument(data, lines, tuple(errors))


def _refused_characters(text: str) -> tuple[tuple[int | None, str], ...]:
    """One problem per line holding a character YAML refuses (at most ten lines)."""
    found: list[tuple[int | None, str]] = []
    last_line = 0
    for match in _NON_PRINTABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line == last_line:
            continue
        last_line = line
        char = match.group()
        column = match.start() - text.rfind("\n", 0, match.start())
        name = _CONTROL_NAMES.get(char, "control character")
        found.append((line, f"the control character U+{ord(char):04X} ({name}) at column {column} "
                            "is not allowed in YAML"))
        if len(found) == 10:
            break
    return tuple(found)


_INT_SURPRISES = (
    (re.compile(r"[-+]?0[0-7_]+"), "would be read as octal ({value})"),
    (re.compile(r"[-+]?0[bxo][0-9a-fA-F_]+"), "would be read as {value} (binary, octal or hexadecimal)"),
    (re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"),
     "would be read as base 60 ({value}), as YAML 1.1 does with times"),
    (re.compile(r"[-+]?[0-9]*_[0-9_]*(?:\.[0-9_]*)?"), "would be read as {value} (underscores are dropped)"),
)


def _number_problem(node: ScalarNode, value: Any) -> str | None:
    """Why a plain number in a bank is not what it looks like, or None."""
    if node.style is not None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    raw = node.value
    for pattern, why in _INT_SURPRISES:
        if pattern.fullmatch(raw) and raw not in ("0", "-0", "+0"):
            shown = value if isinstance(value, int) else f"{value:g}"
            return f"the number {raw!r} {why.format(value=shown)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"the number {raw!r} is not finite"
    if isinstance(value, int) and abs(value) > _MAX_INT:
        return f"the number {raw[:12]}... has {len(raw.lstrip('+-'))} digits, too many to be a number"
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate_problem(value: Any) -> str | None:
    """Why text holds a lone surrogate (a ``"\\udc00"`` escape), which cannot be saved or shown."""
    if not isinstance(value, str):
        return None
    found = _SURROGATE.search(value)
    if found is None:
        return None
    return (f"the text holds the lone surrogate U+{ord(found.group()):04X} (from a \\u escape), "
            "which is not a character; remove it")


def _tag_name(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


def _build(
    loader: _LineLoader,
    node: Node,
    path: JsonPath,
    lines: dict[JsonPath, int],
    errors: list[tuple[int | None, str]],
) -> Any:
    line = node.start_mark.line + 1
    lines[path] = line
    if isinstance(node, ScalarNode) and node.tag in _SCALAR_TAGS:
        try:
            value = loader.construct_object(node, deep=True)
        except ValueError:  # Python refuses to read whole numbers of more than 4,300 digits
            digits = len(str(node.value).lstrip("+-"))
            errors.append((line, f"the number {str(node.value)[:12]}... has {digits} digits, "
                                 "too many to be a number"))
            return None
        problem = _number_problem(node, value) or _surrogate_problem(value)
        if problem is not None:
            errors.append((line, problem))
            return None
        return value
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        return [
            _build(loader, item, (*path, i), lines, errors) for i, item in enumerate(node.value)
        ]
    if isinstance(node, MappingNode) and node.tag == _MAP:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                errors.append((key_line, "merge keys (<<) are not allowed in quiz banks"))
                continue
            if not (isinstance(key_node, ScalarNode) and key_node.tag == _STR):
                errors.append((key_line, "mapping keys must be plain text"))
                continue
            key = str(key_node.value)
            key_path = (*path, key)
            if key in result:
                errors.append((key_line, f"duplicate key {key!r} (the first is on line "
                                         f"{lines[key_path]})"))
                continue
            result[key] = _build(loader, value_node, key_path, lines, errors)
            lines[key_path] = min(key_line, lines[key_path])
        return result
    errors.append((line, f"unsupported YAML tag {_tag_name(node.tag)!r}"))
    return None
