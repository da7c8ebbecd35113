"""Helpers for build.py: read an article file, locate quotations, dates and names.

Offsets are Python string indices into the body (everything after the header's
``---`` line and its newline), as in every other gold set of this project.
"""

from __future__ import annotations

import re
from pathlib import Path

OPEN = "“\"«„"
CLOSE = "”\"»“"


def body_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    _head, sep, body = text.partition("\n---\n")
    if not sep:
        raise SystemExit(f"{path}: no header")
    return body


def header_of(path: Path) -> dict[str, str]:
    head = path.read_text(encoding="utf-8").partition("\n---\n")[0]
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head.splitlines())}


def quote_spans(body: str) -> list[tuple[int, int]]:
    """Stretches inside double quotation marks, in order; a quotation left open at the
    end of a paragraph ends there (the next paragraph starts afresh)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, char in enumerate(body):
        if char == "\n" and start is not None:
            spans.append((start, index))
            start = None
        elif start is None and char in OPEN:
            start = index + 1
        elif start is not None and char in CLOSE:
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(body.rstrip("\n"))))
    return spans


def find_in_order(body: str, texts: list[str]) -> list[tuple[int, int]]:
    """Each text located after the previous one (reading order)."""
    found = []
    position = 0
    for text in texts:
        index = body.find(text, position)
        if index < 0:
            raise SystemExit(f"not found after {position}: {text!r}")
        found.append((index, index + len(text)))
        position = index + 1
    return found


def name_spans(body: str, surfaces: dict[str, str]) -> list[tuple[int, int, str]]:
    """Every occurrence of each surface form (longest first, word boundaries, no overlap)."""
    taken: list[tuple[int, int, str]] = []
    for surface in sorted(surfaces, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", body):
            a, b = match.span()
            if any(a < e and s < b for s, e, _ in taken):
                continue
            taken.append((a, b, surfaces[surface]))
    return sorted(taken)
