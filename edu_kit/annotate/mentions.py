"""Find named people, organisations, places and concepts in an article.

Known names come from the knowledge base's aliases (and known misspellings), matched
case-sensitively on word boundaries, longest first; a possessive ``'s`` is left
outside the mention.  People the knowledge base does not know are found by evidence
from the text (:mod:`._people`: a title before a full name, "Latvian Foreign Minister
Edgars Rinkēvičs"; a byline or picture credit; a speech verb; the name repeated by one of
its words); later bare surnames then refer to them too.  Bodies it does not know are
found by their head noun ("the Polish Foreign Ministry").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Article
from ..knowledge import KnowledgeBase, load_knowledge
from ._lexicon import lexicon, lowered, trie_pattern
from ._names import fold, strip_possessive
from ._people import (
    coordinated_people,
    given_names_alone,
    hyphenated_surnames,
    named_by_themselves,
    surnames_of_known,
    unknown_people,
)
from .records import Mention, MentionKind

__all__ = ["mentions"]
# A capitalised word right before a point ("Oksana" before "Melnyk").
_GIVEN_BEFORE = re.compile(r"(?<![\w-])([A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+)[ \t]+$")


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
    pattern = re.compile(rf"(?<!\w)(?:{trie_pattern(forms)})(?!\w)")
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
    given = lexicon().given_names
    for match in matcher.pattern.finditer(body):
        entity_id, name, kind, misspelt = matcher.forms[match.group()]
        if kind == "person" and " " not in match.group():
            before = _GIVEN_BEFORE.search(body, max(0, match.start() - 30), match.start())
            if before is not None and fold(before.group(1)) in given and not name.startswith(before.group(1)):
                continue  # "Oksana Melnyk" is not Andriy Melnyk: left to the unknown-people pass
        found.append(Mention(name, kind, match.group(), match.start(), match.end(), entity_id, misspelt))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    found.extend(surnames_of_known(body, found, taken))
    found.extend(unknown_people(body, taken, _role_cue_ends(kb, body)))
    found.extend(coordinated_people(body, found, taken))
    found = _unknown_bodies(body, found, taken)
    found.extend(_label_names(article, found, taken, kb))
    found.extend(named_by_themselves(body, taken))
    found.extend(hyphenated_surnames(body, found, taken))
    found.extend(given_names_alone(body, found, taken))
    return tuple(_printed_names_win(sorted(found, key=lambda m: (m.start, -m.end))))


def _printed_names_win(found: list[Mention]) -> list[Mention]:
    """A surname alone is the person the article last named in full with it, even when
    the knowledge base knows someone else of that name: after "Ambassador John Sullivan",
    "Sullivan" is John Sullivan, not the adviser Jake Sullivan."""
    latest: dict[str, Mention] = {}  # surname -> the latest full name printed before
    result = []
    for mention in found:
        if mention.kind == "person" and " " in mention.text.strip():
            latest[mention.name.split()[-1]] = mention
        elif mention.kind == "person" and mention.text == mention.name.split()[-1]:
            full = latest.get(mention.text)
            if full is not None and full.name != mention.name:
                mention = Mention(full.name, "person", mention.text, mention.start, mention.end, full.entity, mention.misspelt)
        result.append(mention)
    return result


def _label_names(article: Article, found: list[Mention], taken: bytearray, kb: KnowledgeBase) -> list[Mention]:
    """Speakers named in transcript labels ("SERGEI LAVROV, RUSSIAN FOREIGN MINISTER:")."""
    from .turns import turns  # turns read the mentions found so far

    extra = []
    lex = lexicon()
    seen: set[int] = set()
    for turn in turns(article, found, kb):
        text = article.body[turn.label_start : turn.label_end]
        if turn.speaker is None or turn.kind != "person" or turn.label_start in seen:
            continue  # a body's unnamed official, or a turn continued (its label counted once)
        seen.add(turn.label_start)
        start = turn.label_start
        for word in re.finditer(r"\S+", text):  # "MR. PRICE", "SECRETARY BLINKEN": the name without its title
            bare = word.group().rstrip(".")
            if word.end() == len(text) or not (bare.capitalize() in lex.title_words or bare in lex.title_words):
                break
            start = turn.label_start + word.end() + len(text[word.end() :]) - len(text[word.end() :].lstrip())
        text = article.body[start : turn.label_end]
        if text in lex.question_labels or text in lex.answer_labels or any(taken[start : turn.label_end]):
            continue
        person = kb.person(turn.speaker)
        extra.append(Mention(turn.speaker, "person", text, start, turn.label_end, person.id if person else None))
    return extra


@lru_cache(maxsize=8)
def _role_cues(kb: KnowledgeBase) -> re.Pattern[str]:
    """The knowledge base's role phrases ("deputy prime minister for european and
    euro-atlantic integration"), in lower case."""
    cues = {" ".join(cue.split()) for role in kb.roles for cue in role.cues}
    special = {" ": r"[\s-]+", "'": "['’]", "-": r"[\s-]+"}
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(cues, lambda ch: special.get(ch, re.escape(ch)))})(?![\w-])")


def _role_cue_ends(kb: KnowledgeBase, body: str) -> list[int]:
    """Where a role phrase ends: capitalised words right after one are a name."""
    return [m.end() for m in _role_cues(kb).finditer(lowered(body))]


@lru_cache(maxsize=1)
def _body_names() -> re.Pattern[str]:
    """Capitalised words ending in a body's head noun, with an "of/in/to ..." tail."""
    lex = lexicon()
    word = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]*"
    head = "|".join(sorted(lex.body_heads, key=len, reverse=True))
    tail = rf"[ \t]+(?:of|in|to|for)[ \t]+(?:the[ \t]+)?{word}(?:[ \t]+{word}){{0,2}}"
    return re.compile(rf"(?<![\w-])(?:{word}[ \t]+){{1,4}}(?:{head})(?![\w-])(?:{tail}){{0,2}}|(?<![\w-])(?:{head})(?:{tail}){{1,2}}")


@lru_cache(maxsize=1)
def _head_nouns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The head nouns alone (a fast scan: they start with capitals), and up to four
    capitalised words before a point."""
    heads = "|".join(sorted(lexicon().body_heads, key=len, reverse=True))
    return re.compile(rf"(?:{heads})(?![\w-])"), re.compile(r"(?<![\w-])(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]*[ \t]+){1,4}$")


def _body_matches(body: str) -> Iterator[re.Match[str]]:
    """The matches of :func:`_body_names`, tried only around head nouns (most text has none)."""
    heads, words_before = _head_nouns()
    pattern = _body_names()
    position = 0
    for head in heads.finditer(body):
        at = head.start()
        if at < position:
            continue
        window_start = max(position, at - 120)
        before = words_before.search(body, window_start, at)
        starts = [at] if before is None else [m.start() + before.start() for m in re.finditer(r"\S+", before.group())] + [at]
        for start in starts:
            match = pattern.match(body, start)
            if match is not None and match.end() > at:
                yield match
                position = match.end()
                break


def _unknown_bodies(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Bodies the knowledge base does not know, named in full: capitalised words ending
    in a head noun ("Polish Foreign Ministry", "Embassy") with an optional "in/of ..."
    tail, when the name says whose body it is (a nationality or a known place) or is a
    proper name with "of" ("Ministry of Defence").  Places
    inside the name ("Washington" in "the Russian Embassy in Washington") become part of
    it; a person's name ends it.
    """
    lex = lexicon()
    extra: list[Mention] = []
    absorbed: set[int] = set()
    # the mentions overlapping a span are found by binary search, not a scan of all
    ordered = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    longest = max((m.end - m.start for m in ordered), default=0)
    for match in _body_matches(body):
        start, end = match.span()
        words = match.group().split()
        while words and words[0] in ("The", "A", "An", "In", "On", "At", "By", "From"):
            start += len(words[0]) + len(body[start + len(words[0]) :]) - len(body[start + len(words[0]) :].lstrip())
            words = words[1:]
        near = ordered[bisect_left(starts, start - longest) : bisect_left(starts, end)]
        inside = [m for m in near if m.start < end and start < m.end]
        person = next((m for m in inside if m.kind == "person"), None)
        if person is not None:
            end = min(end, person.start)
            inside = [m for m in inside if m.end <= end]
        text = body[start:end].rstrip(" \t,")
        end = start + len(text)
        if not any(w in lex.body_heads for w in text.split()) or any(m.start < start or m.end > end for m in inside):
            continue
        if any(m.kind in ("organization", "concept") for m in inside):
            continue  # the knowledge base knows it ("the Ukrainian Foreign Ministry")
        national = any(strip_possessive(w) in lex.demonyms for w in text.split()) or any(m.kind == "place" for m in inside)
        proper = re.search(r"\s(?:of|for)\s", text) is not None  # "Ministry of Defence" is a name; "Foreign Ministry" is not
        if not (national or proper) or any(taken[i] and not any(m.start <= i < m.end for m in inside) for i in range(start, end)):
            continue
        absorbed.update(id(m) for m in inside)
        extra.append(Mention(text, "organization", text, start, end, None))
        taken[start:end] = b"\x01" * (end - start)
    return [m for m in found if id(m) not in absorbed] + extra
