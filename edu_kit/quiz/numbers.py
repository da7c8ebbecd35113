"""Reading a number typed into a numeric question's box, and showing a recorded one: pure.

The quiz widget reads the box with :func:`read_number`; :func:`edu_kit.quiz.grade.grade`
reads a numeric answer recorded as text the same way, so the widget, ``edu-kit grade``
and the teacher's report agree.  The rules (``docs/quiz_format.md``, ``numeric``):

- digits with a point for decimals, an optional sign and exponent: ``30``, ``-2.5``, ``3e1``;
- thousands grouped by commas or spaces: ``100,000``, ``100 000`` (no-break spaces too);
- any script's decimal digits and full-width forms (``３０``, ``٣٠``) count as digits;
- the unit printed beside the box may follow the number: ``30 allies``;
- refused, with what to type instead: a decimal comma (``3,5``), a point that may group
  thousands (``1.000``: one or a thousand?), words, and numbers too large for a float.

>>> read_number("30")[0], read_number("100,000")[0], read_number("٣٠")[0], read_number("30 allies", "allies")[0]
(30.0, 100000.0, 30.0, 30.0)
>>> read_number("1.000")
(None, "'1.000' could mean 1 or 1000: type 1000 or 1 (a point marks decimals).")
>>> number_text(30.0), number_text(1e20), number_text(1e-7), number_text(2.5)
('30', '1e20', '1e-7', '2.5')
"""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["number_text", "read_number", "shown"]

_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
# Thousands grouped by commas or spaces, as in "100,000" or "100 000" (a comma elsewhere is refused).
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([, \u00a0\u202f])\d{3})(?:\1\d{3})*(?:\.\d*)?")
# "1.000" or "12.500": a point followed by exactly three digits may group thousands (German, French)
_POINT_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}", re.ASCII)
_POINTS_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3}){2,}", re.ASCII)
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+", re.ASCII)


def shown(text: str) -> str:
    """``text`` quoted for a message, shortened with "…" after 40 characters."""
    typed = text.strip()
    return repr(typed if len(typed) <= 40 else typed[:39] + "…")


def _ascii_digits(text: str) -> str:
    """Full-width forms (U+FF01-U+FF5E, as an East Asian keyboard types them) as ASCII, and
    every decimal digit of any script as 0-9.  Not all of NFKC: it would read "10²" as 102."""
    folded = "".join(unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and unicodedata.decimal(c, None) is not None
                   else c for c in folded)


def _without_unit(text: str, unit: str) -> str:
    if unit and text.casefold().endswith(unit.casefold()):
        rest = text[: len(text) - len(unit)]
        if rest.strip() and (rest[-1:].isspace() or rest[-1:].isdigit() or unit[:1] in "%°"):
            return rest.strip()
    return text


def read_number(text: str, unit: str = "") -> tuple[float | None, str]:
    """What a numeric question's box holds: ``(number, "")``, or ``(None, what to do)`` when
    it is empty or not a number (an empty box is no answer, never 0).  ``unit``: the unit
    printed beside the box, which may follow the number.

    >>> read_number("0"), read_number(" -2.5 "), read_number("1 000")
    ((0.0, ''), (-2.5, ''), (1000.0, ''))
    >>> read_number("")[0], read_number("3,5")[0], read_number("1,00,0")[0], read_number("thirty")[0]
    (None, None, None, None)
    """
    typed = text.strip()
    if not typed:
        return None, "Type a number first."
    quoted = shown(typed)
    plain = _without_unit(_ascii_digits(typed).strip(), unit).translate(_MINUS)
    if _GROUPED.fullmatch(plain):
        plain = re.sub(r"[, \u00a0\u202f]", "", plain)
    if _DECIMAL_COMMA.fullmatch(plain):
        return None, (f"Write {quoted} with a point for decimals, such as "
                      f"{plain.replace(',', '.')} (a comma only groups thousands, as in 3,500).")
    if "," in plain:
        return None, (f"Write {quoted} without a comma: digits with a point for decimals, "
                      "such as 3500 or 3.5.")
    if _POINT_GROUPED.fullmatch(plain):
        small, large = number_text(float(plain)), plain.replace(".", "").lstrip("+")
        return None, (f"{quoted} could mean {small} or {large}: type {large} or {small} "
                      "(a point marks decimals).")
    if _POINTS_GROUPED.fullmatch(plain):
        return None, (f"Write {quoted} without points, such as {plain.replace('.', '')} "
                      "(a point marks decimals).")
    if _PLAIN_NUMBER.fullmatch(plain) is None:
        return None, f"{quoted} is not a number: type digits only, such as 30 or 2.5."
    value = float(plain) + 0.0  # + 0.0: "-0" is 0
    if not math.isfinite(value):
        return None, f"{quoted} is too large: type a smaller number."
    return value, ""


def number_text(value: float) -> str:
    """A recorded number as the box shows it again: ``30`` not ``30.0``, ``1e20`` not
    ``1e+20``.  The log holds the number, not the keystrokes: ``100,000`` shows as
    ``100000``, and digits beyond a float's 17 are not kept."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return re.sub(r"e([+-])0*(\d)", lambda m: "e" + ("-" if m[1] == "-" else "") + m[2], repr(number))
