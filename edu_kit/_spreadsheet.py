"""One guard against spreadsheet formula injection, for every CSV and Excel file edu_kit writes.

A student types their own name, so a student id can be ``=HYPERLINK("http://x","y")``;
a spreadsheet program opening the teacher's gradebook or marks file would run it as a
formula.  Following OWASP's CSV-injection rule, :func:`cell` puts a leading ``'`` before
any text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; the
spreadsheet then shows the text as written.  Numbers (ints and floats, and text that is
a plain number such as ``-2`` or ``3.5``) are left as they are, so scores stay numbers.
:func:`uncell` undoes the guard when edu_kit reads such a file back (a marks file), so
the student id still matches the logs.  In Excel files :func:`write_sheet` stores every
text as a string cell, never as a formula.

>>> cell('=HYPERLINK("http://x","y")'), cell("-2+3"), cell("ana"), cell(-2), cell("-2.5")
('\\'=HYPERLINK("http://x","y")', "'-2+3", 'ana', -2, '-2.5')
>>> uncell(cell("@SUM(1+1)")), uncell("ana"), uncell("'quoted by hand")
('@SUM(1+1)', 'ana', "'quoted by hand")
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["DANGEROUS", "cell", "csv_writer", "frame_cells", "row", "uncell", "write_sheet"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _risky(text: str) -> bool:
    return text.startswith(DANGEROUS) and not _NUMBER.fullmatch(text)


def cell(value: Any) -> Any:
    """``value`` safe for a spreadsheet cell: risky text gets a leading ``'``; anything else as is."""
    if isinstance(value, str) and _risky(value):
        return "'" + value
    return value


def uncell(text: str) -> str:
    """Undo :func:`cell`: ``'=x`` → ``=x`` (only where :func:`cell` would have added the ``'``)."""
    if text.startswith("'") and _risky(text[1:]):
        return text[1:]
    return text


def csv_writer(out: Any) -> Any:
    """A ``csv.writer`` for every CSV edu_kit writes: RFC 4180 lines (``\\r\\n``), and any cell
    holding a comma, a double quote, a line feed or a carriage return quoted, so an id such
    as ``"ana\\r"`` or ``'a,"b"'`` reads back exactly.  Write the text to a file opened with
    ``newline=""`` (or ``Path.write_text(..., newline="")``) so no line ending is changed.
    """
    return csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


def row(values: Iterable[Any]) -> list[Any]:
    """:func:`cell` of each value (for ``csv.writer.writerow``)."""
    return [cell(v) for v in values]


def frame_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with :func:`cell` applied to every text cell, column name and index label."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(cell)
    out.columns = [cell(str(c)) if isinstance(c, str) else c for c in out.columns]
    out.index = out.index.map(lambda v: cell(v) if isinstance(v, str) else v)
    return out


def write_sheet(sheet: Worksheet, frame: pd.DataFrame, *, index: bool = False) -> None:
    """Write ``frame`` (header row first) into an openpyxl ``sheet``; text cells are strings, never formulas.

    With ``index``, the index becomes the first column (its name as the heading).
    """
    import math

    header = ([frame.index.name or ""] if index else []) + [str(c) for c in frame.columns]
    _append(sheet, header)
    for label, values in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = ([label] if index else []) + list(values)
        _append(sheet, [None if isinstance(v, float) and math.isnan(v) else v for v in cells])


def _append(sheet: Worksheet, values: list[Any]) -> None:
    import numpy as np

    number = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        if isinstance(value, np.generic):
            value = value.item()
        if value is not None and not isinstance(value, (int, float, bool)):
            value = str(value)
        target = sheet.cell(row=number, column=column)
        target.value = value
        if isinstance(value, str):
            target.data_type = "s"  # openpyxl would store "=..." as a formula
