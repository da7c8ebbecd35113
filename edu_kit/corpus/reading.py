"""Turn the bytes of an article file into metadata and body text.

The article format (documented in the README):

* UTF-8 text; a byte-order mark is allowed and dropped.  Other encodings are
  refused with a clear message rather than guessed.
* Optionally, a header of ``Key: value`` lines (keys ``Title``, ``Outlet``,
  ``Published`` (``YYYY-MM-DD``), ``URL``; case-insensitive) closed by a line
  ``---``.  The header is metadata, not body.
* Paragraphs are separated by blank lines or by single newlines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from os import PathLike

from ..errors import ArticleError

__all__ = ["HEADER_KEYS", "ParsedFile", "decode_article", "parse_text"]

#: Header keys an article file may use, and what each holds.
HEADER_KEYS: dict[str, str] = {
    "title": "the headline",
    "outlet": "who published it (newspaper, agency, broadcaster)",
    "published": "the publication date as YYYY-MM-DD",
    "url": "where it was published",
}

def _display(key: str) -> str:
    """How a header key is written in messages: ``URL``, ``Title``..."""
    return "URL" if key == "url" else key.capitalize()

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):(.*)$")
_SEPARATOR = re.compile(r"^-{3,}\s*$")


@dataclass(frozen=True)
class ParsedFile:
    """The header fields of an article file and its body, with the body's first line number."""

    meta: dict[str, str]
    body: str
    body_line: int


def decode_article(data: bytes, path: str | PathLike[str] | None = None) -> str:
    """Decode an article file's bytes: UTF-8 (BOM allowed), newlines normalised to ``\\n``.

    >>> decode_article("\\ufeffKyiv\\r\\nNATO".encode())
    'Kyiv\\nNATO'
    """
    if not data.strip():
        raise ArticleError(
            "the file is empty",
            path=path,
            hint="paste the article's text into the file, or remove the file from the folder",
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ArticleError(
            "the file is UTF-16 text; edu_kit reads UTF-8 only",
            path=path,
            hint="save the file with the encoding UTF-8 (in most editors: Save As, then Encoding: UTF-8)",
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ArticleError(
            "the file contains NUL bytes, so it looks like a binary file (a PDF, Word document or image?), not text",
            path=path,
            line=line,
            hint="save the article as plain text (.txt, UTF-8) and load that file",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start} cannot be decoded)",
            path=path,
            line=line,
            hint="save the file with the encoding UTF-8 (in most editors: Save As, then Encoding: UTF-8)",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError("the file holds only white space", path=path, hint="paste the article's text into the file")
    return text


def parse_text(text: str, path: str | PathLike[str] | None = None, keys: Mapping[str, str] = HEADER_KEYS) -> ParsedFile:
    """Split decoded text into header fields and body.

    A file has a header when its first non-blank line is ``Key: value`` with a key of
    ``keys`` (the article keys by default; primary documents have their own, see
    :mod:`edu_kit.corpus.sources`).  The header must then be closed by a line ``---``.

    >>> parsed = parse_text("Title: Talks in Geneva\\nPublished: 2022-01-10\\n---\\nThe talks began.")
    >>> parsed.meta["published"], parsed.body, parsed.body_line
    ('2022-01-10', 'The talks began.', 4)
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if not _starts_header(lines[first], keys):
        return ParsedFile({}, text, 1)
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[first:], start=first + 1):
        if _SEPARATOR.match(line):
            separator = number
            body_lines = lines[number:]
            while body_lines and not body_lines[0].strip():
                body_lines.pop(0)
                number += 1
            body = "\n".join(body_lines)
            if not body.strip():
                raise ArticleError(
                    "the header is there but the article text after '---' is empty",
                    path=path,
                    line=separator,
                    hint="paste the article's text below the '---' line",
                )
            return ParsedFile(meta, body, number + 1)
        if not line.strip():
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            raise ArticleError(
                f"header line {line.strip()[:60]!r} is not of the form 'Key: value', and the header has no closing '---' line before it",
                path=path,
                line=number,
                hint="end the header with a line of three dashes '---' before the article text",
            )
        key = match.group(1).strip().lower()
        value = match.group(2).strip()
        if key not in keys:
            allowed = ", ".join(_display(k) for k in keys)
            raise ArticleError(
                f"unknown header key {match.group(1).strip()!r}",
                path=path,
                line=number,
                hint=f"use one of the keys {allowed}",
            )
        if key in meta:
            raise ArticleError(f"header key {_display(key)!r} appears twice", path=path, line=number, hint="keep one of them")
        if key == "published":
            _parse_date(value, path, number)
        meta[key] = value
    raise ArticleError(
        "the header is never closed",
        path=path,
        line=first + 1,
        hint="add a line of three dashes '---' between the header and the article text",
    )


def _starts_header(line: str, keys: Mapping[str, str] = HEADER_KEYS) -> bool:
    match = _HEADER_LINE.match(line.strip())
    return match is not None and match.group(1).strip().lower() in keys


def _parse_date(value: str, path: str | PathLike[str] | None, line: int | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) else _bad_date(value, path, line)
    except ValueError:
        return _bad_date(value, path, line)


def _bad_date(value: str, path: str | PathLike[str] | None, line: int | None) -> date:
    raise ArticleError(
        f"publication date {value!r} is not a calendar date in the form YYYY-MM-DD",
        path=path,
        line=line,
        hint="write it like 'Published: 2022-01-10', or leave the line out if the date is unknown",
    )


def published_date(meta: dict[str, str], path: str | PathLike[str] | None = None) -> date | None:
    """The ``published`` header value as a date (None when absent)."""
    value = meta.get("published")
    return None if value is None else _parse_date(value, path, None)
