"""Rename every person of a gold-annotated article to a name nobody knows.

The entity-swap test (``score_gold(..., rename_people=True)``) asks whether the
extractor reads the text or leans on knowing the names: every person the gold data
lists is given an invented name (neither its given name nor its surname is in the
knowledge base or the lexicon's list of given names), in the article's body and in
its gold record alike, and all offsets move with the new text.  Role phrases ("the
secretary general") are left as they are, so a rule that resolves them to the real
office holder instead of the name the text printed loses points; a speaker the text
never names (only "the German chancellor") keeps their real name in the gold, since only
the knowledge base can tell who that is.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

from .annotate._lexicon import lexicon
from .corpus import Article, parse_article
from .knowledge import load_knowledge

__all__: list[str] = []

_ONSETS = ["B", "D", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "V", "Z", "Br", "Dr", "Gr", "Kl", "Tr", "Vr"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou"]
_CODAS = ["", "n", "r", "s", "l", "m", "nd", "rt", "sk", "v"]


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    words = {w.lower() for surface in load_knowledge().surface_forms() for w in re.findall(r"\w+", surface)}
    return frozenset(words | {g.lower() for g in lexicon().given_names})


def _invented(seed: str, syllables: int) -> str:
    """A pronounceable word from ``seed`` that no list of edu_kit knows."""
    known = _known_words()
    for attempt in range(100):
        digest = hashlib.sha256(f"{seed}/{attempt}".encode()).digest()
        word = "".join(
            _ONSETS[digest[3 * i] % len(_ONSETS)] + _VOWELS[digest[3 * i + 1] % len(_VOWELS)] + _CODAS[digest[3 * i + 2] % len(_CODAS)]
            for i in range(syllables)
        ).capitalize()
        if word.lower() not in known:
            return word
    raise RuntimeError(f"no invented name for {seed!r}")  # pragma: no cover - 100 draws never all collide


def invented_name(name: str) -> tuple[str, str]:
    """(given name, surname) that stand in for ``name``, the same every time."""
    return _invented("given:" + name, 2), _invented("surname:" + name, 3)


def _surface(name: str, text: str) -> str:
    """What the text's ``text`` (a mention of ``name``) becomes."""
    given, surname = invented_name(name)
    words = text.split()
    parts = name.split()
    if len(words) == 1 and parts and _fold(text) == _fold(parts[0]) and len(parts) > 1:
        new = given  # "Jake" for Jake Sullivan
    elif len(words) == 1:
        new = surname  # "Stoltenberg", "Schulz", "PSAKI"
    else:
        new = f"{given} {surname}"
    return new.upper() if text.isupper() and len(text) > 1 else new


def _fold(text: str) -> str:
    return text.lower().strip(".")


def rename_people(article: Article, gold: dict[str, Any]) -> tuple[Article, dict[str, Any]]:
    """``article`` and ``gold`` with every person renamed (see the module's docstring)."""
    body = article.body
    named = {p["name"] for p in gold["people"]}  # a speaker the text only gives a title ("the German chancellor") keeps the name
    edits: list[tuple[int, int, str]] = sorted((int(p["start"]), int(p["end"]), _surface(p["name"], p["text"])) for p in gold["people"])
    pieces: list[str] = []
    shifts: list[tuple[int, int, int, int]] = []
    position, delta = 0, 0
    for start, end, new in edits:
        pieces.append(body[position:start])
        pieces.append(new)
        shifts.append((start, end, delta, delta + len(new) - (end - start)))
        delta += len(new) - (end - start)
        position = end
    pieces.append(body[position:])
    new_body = "".join(pieces)

    def moved(offset: int, closing: bool) -> int:
        """Where an offset of the old body lands; an end inside a renamed name goes to the
        end of the new name, a start to its start."""
        shift = 0
        for start, end, before, after in shifts:
            if offset <= start:
                return offset + before
            if offset < end:
                return end + after if closing else start + before
            shift = after
        return offset + shift

    def span(entry: dict[str, Any]) -> dict[str, Any]:
        start, end = moved(entry["start"], False), moved(entry["end"], True)
        return {**entry, "start": start, "end": end, "text": new_body[start:end]}

    renamed: dict[str, Any] = {
        **gold,
        "quotes": [
            {**span(q), "speaker": " ".join(invented_name(q["speaker"])) if q.get("speaker_kind") == "person" and q["speaker"] in named else q["speaker"]}
            for q in gold["quotes"]
        ],
        "dates": [span(d) for d in gold["dates"]],
        "people": [{**span(p), "name": " ".join(invented_name(p["name"]))} for p in gold["people"]],
    }
    renamed.pop("sha256", None)
    rebuilt = parse_article(
        new_body, id=article.id, title=article.title, outlet=article.outlet, published=article.published, url=article.url,
        source_path=article.source_path,
    )
    return rebuilt, renamed
