"""Who is answering: the logged-in JupyterHub user, else ``$EDU_KIT_STUDENT``, else ``student=``.

Under JupyterHub every single-user server has ``JUPYTERHUB_USER`` set to the login
name, and it wins over everything else: a student cannot answer in someone else's name
by typing ``student="ben"`` in a cell.  On a laptop the teacher (or the student) can set
``EDU_KIT_STUDENT``; a notebook may pass ``student=``.  When none of these is there,
the quiz asks for a name once per notebook session (kernel): :func:`remember` keeps
the name for the other quizzes of the same kernel.

>>> resolve(None, environ={"JUPYTERHUB_USER": "ana", "EDU_KIT_STUDENT": "x"})
Identity(name='ana', source='jupyterhub')
>>> resolve("ben", environ={})
Identity(name='ben', source='argument')
>>> resolve(None, environ={}).name is None
True

Every id, wherever it comes from, is Unicode NFC (so "José" typed with a combined "é" or
with "e" and an accent is one student) and must pass :func:`check_id`: no control or
invisible character, not the name results give to answers without one, and not
starting with ``=``, ``+``, ``-`` or ``@`` (a spreadsheet would read it as a formula).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .._unicode import invisible_characters
from ..errors import ChoiceError

__all__ = ["ANONYMOUS", "FORMULA_START", "MAX_NAME", "SOURCES", "Identity", "check_id", "clean_name", "forget",
           "remember", "resolve"]

#: Where a name came from, strongest first.
SOURCES = ("jupyterhub", "environment", "argument", "asked")
Source = Literal["jupyterhub", "environment", "argument", "asked"]

#: How results show answers given without a name.
ANONYMOUS = "(anonymous)"
#: The longest name accepted (characters).
MAX_NAME = 80

#: Characters an id may not start with: a spreadsheet reads a cell starting with one of them as
#: a formula (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``, ``-2+3``).
FORMULA_START = "=+-@"

#: Unicode categories of characters that do not show: format (zero-width), private use, unassigned,
#: line and paragraph separators.
_HIDDEN = frozenset({"Cf", "Co", "Cn", "Zl", "Zp"})

_asked: list[str] = []  # the name typed in this kernel, if any (one element at most)


@dataclass(frozen=True)
class Identity:
    """A student's ``name`` (None when unknown) and its ``source`` (one of :data:`SOURCES`)."""

    name: str | None
    source: Source | None


def clean_name(text: object) -> str:
    """A name as typed, trimmed, runs of white space as one space; rejects blank or too long.

    >>> clean_name("  Ana   M. ")
    'Ana M.'
    >>> clean_name("   ")
    Traceback (most recent call last):
    ...
    edu_kit.errors.ChoiceError: the name is empty. What to do: type your name (or the one your teacher gave you).
    """
    name = unicodedata.normalize("NFC", re.sub(r"\s+", " ", str(text or "")).strip())
    if not name:
        raise ChoiceError("the name is empty", hint="type your name (or the one your teacher gave you)")
    if len(name) > MAX_NAME:
        raise ChoiceError(f"the name has {len(name)} characters, more than {MAX_NAME}",
                          hint="type a shorter name")
    why = _refusal(name)
    if why is not None:
        raise ChoiceError(f"the name {name!r} {why[0]}", hint=why[1])
    return name


def _refusal(name: str) -> tuple[str, str, str] | None:
    """Why ``name`` (NFC, not empty) cannot be a student id, what to type instead, and what
    an id needs (for a setting); None if it can be one."""
    visible = "visible characters only (letters, digits, spaces)"
    control = next((ch for ch in name if unicodedata.category(ch) == "Cc"), None)
    if control is not None:
        return (f"has a control character (U+{ord(control):04X}, such as a terminal escape)",
                "type the name again, letters, digits and spaces only", visible)
    hidden = next((ch for ch in name if not ch.isprintable() or unicodedata.category(ch) in _HIDDEN),
                  None) or next(iter(invisible_characters(name)), None)
    if hidden is not None:
        return (f"has an invisible character (U+{ord(hidden):04X})",
                "type the name again, letters, digits and spaces only", visible)
    if not any(ch.isalnum() for ch in name):
        return "has no letter or digit", "type your name", "a letter or a digit"
    if name.casefold() in ("anonymous", ANONYMOUS):
        return ("is what results call answers without a name", "type your own name",
                "the student's own name")
    if name[0] in FORMULA_START:
        return (f"starts with {name[0]!r}, which a spreadsheet reads as a formula",
                "start the name with a letter or a digit (not with = + - or @)",
                "a letter or a digit first (not = + - or @)")
    return None


def check_id(value: object, *, source: str = "student") -> str:
    """``value`` as a student id: trimmed and NFC, or :class:`~edu_kit.errors.ChoiceError`
    naming ``source`` (the setting it came from) when :func:`clean_name`'s rules refuse it
    (length and inner white space excepted: a login is used as it is).

    >>> check_id(" Jose\u0301 ") == "Jos\u00e9"
    True
    >>> check_id("=1+1", source="EDU_KIT_STUDENT")
    Traceback (most recent call last):
    ...
    edu_kit.errors.ChoiceError: EDU_KIT_STUDENT '=1+1' cannot be a student id: it starts with '=', \
which a spreadsheet reads as a formula. What to do: set EDU_KIT_STUDENT to an id with a letter or a digit \
first (not = + - or @), or ask your teacher to.
    """
    name = unicodedata.normalize("NFC", str(value).strip())
    why = _refusal(name) if name else ("is empty", "", "a letter or a digit")
    if why is not None:
        raise ChoiceError(f"{source} {name!r} cannot be a student id: it {why[0]}",
                          hint=f"set {source} to an id with {why[2]}, or ask your teacher to")
    return name


def resolve(student: str | None = None, *, environ: Mapping[str, str] | None = None) -> Identity:
    """Who answers: ``JUPYTERHUB_USER``, ``EDU_KIT_STUDENT``, ``student``, the asked name, else nobody.

    The first one set must be a valid id (:func:`check_id`), else
    :class:`~edu_kit.errors.ChoiceError` says which setting to change.
    """
    env = os.environ if environ is None else environ
    for source, label, value in (("jupyterhub", "the JupyterHub login JUPYTERHUB_USER",
                                  env.get("JUPYTERHUB_USER")),
                                 ("environment", "EDU_KIT_STUDENT", env.get("EDU_KIT_STUDENT")),
                                 ("argument", "student=", student)):
        if value is not None and str(value).strip():
            return Identity(check_id(value, source=label), source)  # type: ignore[arg-type]
    if _asked:
        return Identity(_asked[0], "asked")
    return Identity(None, None)


def remember(name: str) -> Identity:
    """Keep ``name`` (as typed in a quiz) for the rest of this kernel's session."""
    cleaned = clean_name(name)
    _asked[:] = [cleaned]
    return Identity(cleaned, "asked")


def forget() -> None:
    """Forget the asked name (a new session; used by tests)."""
    _asked.clear()
