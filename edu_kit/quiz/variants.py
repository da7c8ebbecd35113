"""Per-student variants: deterministic shuffles and samples seeded from hashlib.

A seed is the SHA-256 of the student id and the quiz or question id, so the same
student sees the same variant every time, on any machine and any Python version.
Python's ``hash()`` and ``random`` are never used.  Without a student id, a fixed
default seed gives every run the same output (which nbval needs).

>>> a = shuffled(("A", "B", "C", "D"), seed_for("ana", "q1"))
>>> a == shuffled(("A", "B", "C", "D"), seed_for("ana", "q1"))
True
>>> sorted(a)
['A', 'B', 'C', 'D']
>>> seed_for(None, "q1") == seed_for(None, "q1")
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

__all__ = [
    "DEFAULT_SEED",
    "sample",
    "seed_for",
    "shuffled",
]

T = TypeVar("T")

#: What stands for the student id when there is none.
DEFAULT_SEED = "edu_kit default variant"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def seed_for(student: str | None, *parts: str) -> str:
    """A hex seed for ``student`` (or the default) and the ids in ``parts``.

    >>> len(seed_for("ana", "quiz", "q1")), seed_for("ana", "q1") != seed_for("ben", "q1")
    (16, True)
    """
    return _digest(DEFAULT_SEED if student is None else f"student:{student}", *parts)[:16]


def shuffled(items: Sequence[T], seed: str, *, key: Sequence[str] | None = None) -> tuple[T, ...]:
    """``items`` in an order fixed by ``seed``: sorted by a hash of seed and position.

    ``key`` gives each item's text for hashing (defaults to ``str(item)``); items are
    ranked by the hash of their text, so the order does not depend on input order.

    >>> shuffled((), "x")
    ()
    >>> shuffled(("only",), "x")
    ('only',)
    """
    texts = [str(item) for item in items] if key is None else list(key)
    ranks = [(_digest(seed, text, str(texts[: i].count(text))), i) for i, text in enumerate(texts)]
    return tuple(items[i] for _, i in sorted(ranks))


def sample(
    items: Sequence[T], n: int, seed: str, *, key: Sequence[str] | None = None
) -> tuple[T, ...]:
    """``n`` of ``items`` chosen by ``seed``, kept in their original order.

    >>> sample(("a", "b", "c", "d"), 2, seed_for(None, "quiz")) == sample(
    ...     ("a", "b", "c", "d"), 2, seed_for(None, "quiz"))
    True
    >>> sample(("a", "b"), 5, "s")
    ('a', 'b')
    """
    if n >= len(items):
        return tuple(items)
    chosen = shuffled(range(len(items)), seed, key=key)[:n]
    return tuple(items[i] for i in sorted(chosen))
