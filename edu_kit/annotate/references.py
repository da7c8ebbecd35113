"""Who is being talked about where: names, role phrases and pronouns, in text order.

This is the coreference the speaker finder needs, and no more: each person or body
mentioned outside quotation marks becomes a *reference*; a role phrase ("the German
leader") refers to whoever held the role on the article's date; a pronoun (he/she)
refers to the nearest earlier person reference of a compatible gender.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Article
from ..knowledge import KnowledgeBase
from ._lexicon import lexicon, trie_pattern
from .records import Mention, SpeakerKind

__all__ = ["Reference", "References", "build_references"]

# How far back (in paragraphs) a pronoun may look for the person it stands for.
_PRONOUN_WINDOW = 3


@dataclass(frozen=True)
class Reference:
    """A stretch of text that refers to a speaker-capable person or body."""

    start: int
    end: int
    name: str
    kind: SpeakerKind
    gender: str | None
    via: str  # "name", "role", "pronoun" or "place"
    paragraph: int


@dataclass(frozen=True)
class References:
    """All references of one article, sorted by position."""

    items: tuple[Reference, ...]
    starts: tuple[int, ...]

    def within(self, start: int, end: int) -> tuple[Reference, ...]:
        """References lying inside ``[start, end)``."""
        lo = bisect_right(self.starts, start - 1)
        return tuple(r for r in self.items[lo:] if r.start < end and r.end <= end)

    def before(self, offset: int) -> tuple[Reference, ...]:
        """References that end before ``offset``, nearest last."""
        return tuple(r for r in self.items[: bisect_right(self.starts, offset)] if r.end <= offset)


@lru_cache(maxsize=8)
def _role_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    cues = {cue for role in kb.roles for cue in role.cues}
    alternatives = []
    for cue in sorted(cues, key=len, reverse=True):
        words = [re.escape(w).replace("'", "['’]") for w in cue.split()]
        alternatives.append(r"(?:['’]s)?[\s-]+".join(words))
    body = "|".join(alternatives) or r"(?!)"
    return re.compile(rf"(?<![\w-])(?:the\s+)?(?:{body})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _pronoun_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(lexicon().pronouns)})(?![\w-])", re.IGNORECASE)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def build_references(
    article: Article,
    found: tuple[Mention, ...],
    kb: KnowledgeBase,
    quoted: list[tuple[int, int]],
) -> References:
    """References of ``article`` outside the quotation spans ``quoted``."""
    paragraph_of = _paragraph_lookup(article)
    raw: list[tuple[int, int, str, str | None, SpeakerKind | None, str | None]] = []
    for mention in found:
        if _inside(mention.start, quoted):
            continue
        if mention.kind == "person":
            person = kb.person(mention.name)
            raw.append((mention.start, mention.end, "name", mention.name, "person", person.gender if person else None))
        elif mention.kind == "organization":
            raw.append((mention.start, mention.end, "name", mention.name, "organization", None))
        elif mention.kind == "place":
            raw.append((mention.start, mention.end, "place", mention.name, "organization", None))
    for match in _role_pattern(kb).finditer(article.body):
        if _inside(match.start(), quoted):
            continue
        holder = kb.holder(match.group(), article.published)
        if holder is None:
            continue
        overlapping = [r for r in raw if r[0] < match.end() and match.start() < r[1]]
        if any(r[4] == "person" for r in overlapping):
            continue  # "NATO Secretary General Jens Stoltenberg": the name says it already
        # "the Kremlin chief" is a person, not the Kremlin.
        raw = [r for r in raw if r not in overlapping]
        raw.append((match.start(), match.end(), "role", holder.name, "person", holder.gender))
    for match in _description_pattern().finditer(article.body):
        if not _inside(match.start(), quoted) and not any(r[0] < match.end() and match.start() < r[1] for r in raw):
            raw.append((match.start(), match.end(), "description", match.group(), "person", _description_gender(match.group())))
    for match in _pronoun_pattern().finditer(article.body):
        if not _inside(match.start(), quoted):
            raw.append((match.start(), match.end(), "pronoun", None, "person", lexicon().pronouns[match.group().lower()]))
    raw.sort(key=lambda r: r[0])
    items: list[Reference] = []
    for start, end, via, name, kind, gender in raw:
        paragraph = paragraph_of(start)
        if via == "pronoun":
            antecedent = _antecedent(items, gender, paragraph)
            if antecedent is None:
                continue
            name = antecedent.name
            gender = antecedent.gender or gender
        elif via == "description":
            antecedent = _described(items, name or "", gender, paragraph, kb)
            if antecedent is None:
                continue
            name = antecedent.name
            gender = antecedent.gender or gender
        if name is None or kind is None:
            continue
        items.append(Reference(start, end, name, kind, gender, via, paragraph))
    return References(tuple(items), tuple(r.start for r in items))


@lru_cache(maxsize=1)
def _description_pattern() -> re.Pattern[str]:
    """"the Russian diplomat", "the deputy minister", "the spokeswoman": a person described, not named."""
    lex = lexicon()
    nouns = trie_pattern({n.lower() for n in lex.role_nouns if n.isalpha() and len(n) > 3})
    return re.compile(rf"(?<![\w-])[Tt]he\s+(?:[A-Za-z.-]+\s+){{0,3}}?(?:{nouns})(?![\w-])")


def _description_gender(text: str) -> str | None:
    lowered = text.lower()
    if "woman" in lowered.split()[-1]:
        return "female"
    if lowered.split()[-1].endswith("man") and not lowered.endswith("chairman"):
        return "male"
    return None


def _described(items: list[Reference], text: str, gender: str | None, paragraph: int, kb: KnowledgeBase) -> Reference | None:
    """The nearest earlier person a description fits (gender, and nationality when it says one)."""
    demonyms = lexicon().demonyms
    nationality = {demonyms[w] for w in re.findall(r"[A-Z][\w.]*", text) if w in demonyms}
    for ref in reversed(items):
        if paragraph - ref.paragraph > _PRONOUN_WINDOW:
            return None
        if ref.kind != "person" or ref.via == "place" or (gender and ref.gender and ref.gender != gender):
            continue
        person = kb.person(ref.name)
        if nationality and person is not None and person.country not in nationality:
            continue
        return ref
    return None


def _antecedent(items: list[Reference], gender: str | None, paragraph: int) -> Reference | None:
    for ref in reversed(items):
        if paragraph - ref.paragraph > _PRONOUN_WINDOW:
            return None
        if ref.kind == "person" and ref.via != "place" and (ref.gender is None or ref.gender == gender):
            return ref
    return None


def _paragraph_lookup(article: Article) -> Callable[[int], int]:
    starts = [p.start for p in article.paragraphs]

    def find(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    return find

