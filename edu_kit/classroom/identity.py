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
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..errors import ChoiceError

__all__ = ["ANONYMOUS", "MAX_NAME", "SOURCES", "Identity", "clean_name", "forget", "remember", "resolve"]

#: Where a name came from, strongest first.
SOURCES = ("jupyterhub", "environment", "argument", "asked")
Source = Literal["jupyterhub", "environment", "argument", "asked"]

#: How results show answers given without a name.
ANONYMOUS = "(anonymous)"
#: The longest name accepted (characters).
MAX_NAME = 80

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
    name = re.sub(r"\s+", " ", str(text or "")).strip()
    if not name:
        raise ChoiceError("the name is empty", hint="type your name (or the one your teacher gave you)")
    if len(name) > MAX_NAME:
        raise ChoiceError(f"the name has {len(name)} characters, more than {MAX_NAME}",
                          hint="type a shorter name")
    if any(ord(ch) < 32 for ch in name):
        raise ChoiceError("the name has control characters", hint="type letters, digits and spaces")
    hidden = next((ch for ch in name if not ch.isprintable() or unicodedata.category(ch) in _HIDDEN), None)
    if hidden is not None:
        raise ChoiceError(f"the name has an invisible character (U+{ord(hidden):04X})",
                          hint="type the name again, letters, digits and spaces only")
    if not any(ch.isalnum() for ch in name):
        raise ChoiceError(f"the name {name!r} has no letter or digit", hint="type your name")
    if name.casefold() in ("anonymous", ANONYMOUS):
        raise ChoiceError(f"{name!r} is what results call answers without a name",
                          hint="type your own name")
    return name


def resolve(student: str | None = None, *, environ: Mapping[str, str] | None = None) -> Identity:
    """Who answers: ``JUPYTERHUB_USER``, ``EDU_KIT_STUDENT``, ``student``, the asked name, else nobody."""
    env = os.environ if environ is None else environ
    for source, value in (("jupyterhub", env.get("JUPYTERHUB_USER")),
                          ("environment", env.get("EDU_KIT_STUDENT")),
                          ("argument", student)):
        if value is not None and str(value).strip():
            return Identity(str(value).strip(), source)  # type: ignore[arg-type]
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
