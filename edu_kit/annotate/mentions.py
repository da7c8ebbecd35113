"""Find named people, organisations, places and concepts in an article.

Known names come from the knowledge base's aliases (and known misspellings), matched
case-sensitively on word boundaries, longest first; a possessive ``'s`` is left
outside the mention.  People the knowledge base does not know are found when the
text introduces them: a title before a full name ("Latvian Foreign Minister Edgars
Rinkēvičs") or a common given name before a surname ("Olivier Hoslet"); later bare
surnames then refer to them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Article
from ..knowledge import KnowledgeBase, load_knowledge
from ._lexicon import lexicon, trie_pattern
from .records import Mention, MentionKind

__all__ = ["mentions"]

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*\w|[A-ZÀ-ÖØ-ÞĀ-Ž]"


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    forms: dict[str, tuple[str, str, MentionKind, bool]]  # surface -> (entity id, name, kind, misspelt)


@lru_cache(maxsize=8)
def _matcher(kb: KnowledgeBase) -> _Matcher:
    forms: dict[str, tuple[str, str, MentionKind, bool]] = {}
    for surface, (entity, misspelt) in kb.surface_forms().items():
        record = (entity.id, entity.name, entity.kind, misspelt)
        for form in {surface, surface.replace("'", "’")}:
            forms.setdefault(form, record)
            if form[:1].islower():
                forms.setdefault(form[0].upper() + form[1:], record)
    pattern = re.compile(rf"(?<![\w-])(?:{trie_pattern(forms)})(?!\w)")
    return _Matcher(pattern, forms)


def mentions(article: Article, kb: KnowledgeBase | None = None) -> tuple[Mention, ...]:
    """All name mentions in ``article``, in text order.

    >>> from edu_kit.corpus import parse_article
    >>> art = parse_article("Zelenskyy met Stoltenberg in Kiev. Olivier Hoslet took the photo.", id="x")
    >>> [(m.name, m.kind, m.text) for m in mentions(art)]  # doctest: +NORMALIZE_WHITESPACE
    [('Volodymyr Zelensky', 'person', 'Zelenskyy'), ('Jens Stoltenberg', 'person', 'Stoltenberg'),
     ('Kyiv', 'place', 'Kiev'), ('Olivier Hoslet', 'person', 'Olivier Hoslet')]
    """
    kb = kb or load_knowledge()
    matcher = _matcher(kb)
    body = article.body
    found: list[Mention] = []
    taken = bytearray(len(body))
    for match in matcher.pattern.finditer(body):
        entity_id, name, kind, misspelt = matcher.forms[match.group()]
        found.append(Mention(name, kind, match.group(), match.start(), match.end(), entity_id, misspelt))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    found.extend(_surnames_of_known(body, found, taken))
    found.extend(_unknown_people(body, taken))
    return tuple(sorted(found, key=lambda m: (m.start, -m.end)))


@lru_cache(maxsize=1)
def _unknown_person_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    particles = "|".join(sorted(lex.name_particles))
    name_tail = rf"(?:[ \t]+(?:(?:{particles})[ \t]+)*(?:{_CAP}))"
    given = trie_pattern(lex.given_names)
    by_given = re.compile(rf"(?<![\w-])(?:{given}){name_tail}{{1,2}}(?![\w-])")
    titles = trie_pattern(lex.title_words)
    roles = trie_pattern(lex.role_nouns)
    by_title = re.compile(
        rf"(?<![\w-])(?:(?:{titles})[ \t-]+)*(?:{roles}),?[ \t]+(?P<name>(?:{_CAP})(?:[ \t]+(?:(?:{particles})[ \t]+)*(?:{_CAP})){{1,2}})(?![\w-])"
    )
    return by_given, by_title


def _surnames_of_known(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Once an article names a known person in full ("Ned Price"), the bare surname
    ("Price") refers to that person in the rest of the article."""
    full = {m.text.split()[-1]: m for m in found if m.kind == "person" and len(m.text.split()) > 1}
    if not full:
        return []
    first = {surname: m.start for surname, m in full.items()}
    pattern = re.compile(rf"(?<![\w-])(?:{trie_pattern(full)})(?!\w)")
    extra = []
    for match in pattern.finditer(body):
        surname = match.group()
        if match.start() > first[surname] and not any(taken[match.start() : match.end()]):
            known = full[surname]
            extra.append(Mention(known.name, "person", surname, match.start(), match.end(), known.entity, known.misspelt))
            taken[match.start() : match.end()] = b"\x01" * len(surname)
    return extra


def _unknown_people(body: str, taken: bytearray) -> list[Mention]:
    """Full names the knowledge base does not know, then their bare surnames."""
    lex = lexicon()
    by_given, by_title = _unknown_person_patterns()
    spans: dict[tuple[int, int], str] = {}
    for match in by_title.finditer(body):
        start, end = match.span("name")
        words = match.group("name").split()
        # Drop leading title words that the greedy pattern left in the name.
        while words and words[0] in lex.title_words:
            start += len(words[0]) + 1
            words.pop(0)
        if len(words) >= 2 and not any(taken[start:end]):
            spans[(start, end)] = body[start:end]
    for match in by_given.finditer(body):
        start, end = match.span()
        words = match.group().split()
        if any(w in lex.title_words for w in words[1:]) or any(taken[start:end]):
            continue
        if not any(s <= start < e for s, e in spans):
            spans[(start, end)] = match.group()
    found = [Mention(text, "person", text, s, e, None) for (s, e), text in spans.items()]
    for s, e in spans:
        taken[s:e] = b"\x01" * (e - s)
    surnames = {text.split()[-1]: text for text in spans.values() if len(text.split()[-1]) > 2}
    if surnames:
        pattern = re.compile(rf"(?<![\w-])(?:{trie_pattern(surnames)})(?!\w)")
        for match in pattern.finditer(body):
            if not any(taken[match.start() : match.end()]):
                found.append(Mention(surnames[match.group()], "person", match.group(), match.start(), match.end(), None))
    return found
