"""Text that looks the same: Unicode folding shared by the bank checker and grading.

Two strings a reader cannot tell apart must compare equal, and a key must never hold a
character nobody can see or type.  The causes, each handled once here:

- compatibility and composition forms (NFD "Gene\\u0300ve" and NFC "Genève", "ﬁ" and
  "fi"): NFKC;
- characters drawn as nothing: Unicode's Default_Ignorable_Code_Point property (zero-width
  spaces and joiners, bidi controls, variation selectors, Hangul fillers, the combining
  grapheme joiner, ...), read from ``edu_kit/data/default_ignorable.yaml``;
- combining marks with no letter to sit on (at the start, after a space).

>>> fold("Gene\\u0300ve") == fold("GENÈVE") == fold("Gen\\u00e8ve\\ufe0f")
True
>>> [hex(ord(c)) for c in invisible_characters("co\\u034fpy\\u3164")]
['0x34f', '0x3164']
>>> stray_marks("\\u0301e and \\u0332")
['\\u0301', '\\u0332']
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cache

from ._data import data_file

__all__ = ["default_ignorable", "fold", "invisible_characters", "stray_marks", "strip_ignorable", "unattached_marks"]


@cache
def _ranges() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and ends (inclusive) of the Default_Ignorable_Code_Point ranges."""
    starts: list[int] = []
    ends: list[int] = []
    for item in data_file("default_ignorable")["ranges"]:
        first, _, last = str(item).partition("..")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
    return tuple(starts), tuple(ends)


def default_ignorable(char: str) -> bool:
    """Whether ``char`` has the Unicode property Default_Ignorable_Code_Point.

    >>> default_ignorable("\\u200b"), default_ignorable("\\U000e0100"), default_ignorable("a")
    (True, True, False)
    """
    starts, ends = _ranges()
    i = bisect_right(starts, ord(char)) - 1
    return i >= 0 and ord(char) <= ends[i]


def _hidden(char: str) -> bool:
    """Default-ignorable, any other format character (category Cf), or U+FFFC (the
    object replacement character, drawn as nothing or a box)."""
    return default_ignorable(char) or char == "\ufffc" or unicodedata.category(char) == "Cf"


def invisible_characters(text: str) -> list[str]:
    """The characters of ``text`` a reader cannot see (in order, repeats kept)."""
    return [c for c in text if _hidden(c)]


def strip_ignorable(text: str) -> str:
    """``text`` without its invisible characters."""
    return "".join(c for c in text if not _hidden(c)) if any(_hidden(c) for c in text) else text


def fold(text: str) -> str:
    """The form in which texts that read the same are equal: invisible characters
    removed, NFKC, case folded (Unicode's NFKC_Casefold, in the order it is defined)."""
    once = unicodedata.normalize("NFKC", strip_ignorable(text)).casefold()
    return strip_ignorable(unicodedata.normalize("NFKC", once))


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Mc")


def stray_marks(text: str) -> list[str]:
    """Combining marks with nothing to sit on: at the start of ``text``, or after a space,
    a line break or an invisible character."""
    found: list[str] = []
    base: str | None = None
    for char in text:
        if _is_mark(char) and not default_ignorable(char):
            if base is None:
                found.append(char)
            continue
        base = None if (char.isspace() or _hidden(char) or not char.isprintable()) else char
    return found


_COMPOSING_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


def unattached_marks(text: str) -> str:
    """``text`` (NFC) without the non-spacing marks that did not join a Latin, Greek or
    Cyrillic letter into one character: in these scripts every accent in use has a
    precomposed letter, so a mark left over ("copy\\u0332") is an overlay a font may
    draw faintly or not at all.  Marks of other scripts (Devanagari vowel signs) stay.

    >>> unattached_marks("copy\\u0332"), unattached_marks("Gene\\u0300ve")
    ('copy', 'Genève')
    """
    composed = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    base = ""
    for char in composed:
        if unicodedata.category(char) in ("Mn", "Me"):
            if not base or unicodedata.name(base, "").startswith(_COMPOSING_SCRIPTS) or not base.isalpha():
                continue
        else:
            base = char
        kept.append(char)
    return "".join(kept)
