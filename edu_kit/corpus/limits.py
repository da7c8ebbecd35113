"""The size limit of one article file, checked in one place.

The limit comes from ``max_bytes=`` (Python, in bytes), ``edu-kit extract --max-mb``
(megabytes), the environment variable ``EDU_KIT_MAX_ARTICLE_MB`` (megabytes) or the
default :data:`MAX_ARTICLE_BYTES` (10 MB), first given first.  Each must be a finite
number greater than 0; anything else (text, ``inf``, ``1e400``, ``nan``, 0, a negative
number, ``True``) is an :class:`~edu_kit.errors.ArticleError` naming the value, the
allowed range and how to set the limit.

>>> article_limit(max_mb=0.5)
524288
>>> article_limit(max_bytes="5")
Traceback (most recent call last):
...
edu_kit.errors.ArticleError: max_bytes is '5' (text); the size limit of one article must be a finite number of bytes greater than 0. ...
"""

from __future__ import annotations

import math
import os
import sys
from decimal import Decimal
from numbers import Integral, Real

from ..errors import ArticleError

__all__ = ["LIMIT_ENV", "MAX_ARTICLE_BYTES", "article_limit", "size_text"]

#: The largest article file read by default (10 MB).
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
#: The environment variable that sets the limit (in megabytes) for a whole session.
LIMIT_ENV = "EDU_KIT_MAX_ARTICLE_MB"
_MB = 1024 * 1024
_HOW = (
    f"'edu-kit extract --max-mb 50' for one run, {LIMIT_ENV}=50 in the environment for a whole session, "
    "or load_corpus(..., max_bytes=50 * 1024 * 1024) in Python; leave them out for the default of 10 MB "
    "(there is no setting for 'no limit': a number larger than your biggest article will do)"
)


def article_limit(max_bytes: object = None, *, max_mb: object = None) -> int:
    """The size limit of one article in bytes: ``max_bytes`` if given, else ``max_mb``
    (megabytes: a number, or the text given to ``--max-mb``), else ``$EDU_KIT_MAX_ARTICLE_MB``, else :data:`MAX_ARTICLE_BYTES`.

    A fraction of a byte is rounded up, so every accepted limit admits at least one byte.
    """
    if max_bytes is not None:
        return _checked(max_bytes, 1, "max_bytes", "bytes")
    if max_mb is not None:
        return _megabytes(max_mb, "--max-mb")
    value = os.environ.get(LIMIT_ENV, "").strip()
    return _megabytes(value, f"${LIMIT_ENV}") if value else MAX_ARTICLE_BYTES


def _megabytes(value: object, name: str) -> int:
    """``value`` megabytes (a number, or text as typed on the command line) in bytes."""
    if not isinstance(value, str):
        return _checked(value, _MB, name, "megabytes")
    try:
        number = float(value)
    except ValueError:
        raise _refused(f"{name} is {value!r}, not a number", "megabytes") from None
    return _checked(number, _MB, name, "megabytes", shown=repr(value))


def _checked(value: object, unit: int, name: str, unit_name: str, *, shown: str | None = None) -> int:
    shown = shown or repr(value)
    if len(shown) > 60:
        shown = f"{shown[:40]}... ({len(shown)} characters)"
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        kind = "text" if isinstance(value, str) else f"a {type(value).__name__}"
        raise _refused(f"{name} is {shown} ({kind})", unit_name)
    try:  # whole numbers of any size without float rounding; others as floats
        number: float = int(value) if isinstance(value, Integral) else float(value)
    except (ValueError, OverflowError):  # Decimal("sNaN"), a Fraction too large for a float
        number = math.nan
    if (isinstance(number, float) and not math.isfinite(number)) or number <= 0:
        raise _refused(f"{name} is {shown}", unit_name)
    if number > sys.maxsize / unit:
        raise _refused(f"{name} is {shown}, too large to count in bytes", unit_name)
    return max(1, math.ceil(number * unit))


def _refused(what: str, unit_name: str) -> ArticleError:
    example = "a number of bytes such as 50 * 1024 * 1024 (50 MB)" if unit_name == "bytes" else "a number such as 50"
    return ArticleError(
        f"{what}; the size limit of one article must be a finite number of {unit_name} greater than 0",
        hint=f"give {example}: {_HOW}",
    )


def size_text(n: int) -> str:
    """A size in words: bytes below 10 KB, else megabytes to three figures.

    >>> size_text(1), size_text(524288), size_text(10 * 1024 * 1024)
    ('1 byte', '0.5 MB', '10 MB')
    """
    if n < 10_000:
        return "1 byte" if n == 1 else f"{n:,} bytes"
    return f"{n / _MB:.3g} MB"
