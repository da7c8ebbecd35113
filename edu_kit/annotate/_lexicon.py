"""Compiled forms of the word lists in ``edu_kit/data/lexicon.yaml`` (built once)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .._data import data_file

__all__ = ["Lexicon", "lexicon", "lowered", "trie_pattern"]


def trie_pattern(words: Iterable[str], char_pattern: Callable[[str], str] = re.escape) -> str:
    """A regular expression matching any of ``words``, built as a trie so that a long
    list costs little more than a short one.  Longer words win over their prefixes.

    >>> rx = re.compile(trie_pattern(["NATO", "NATO-Russia Council", "Nord Stream 2"]))
    >>> [m.group() for m in rx.finditer("the NATO-Russia Council and NATO")]
    ['NATO-Russia Council', 'NATO']
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(trie, char_pattern) if trie else r"(?!)"


def _render(node: dict, char_pattern: Callable[[str], str]) -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    branches = [char_pattern(char) + _render(child, char_pattern) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


def lowered(text: str) -> str:
    """``text`` in lower case with every offset kept (a character whose lower case is
    longer, such as "İ", stays as it is).

    >>> lowered("NATO's İstanbul")
    "nato's İstanbul"
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _phrases(words: Iterable[str]) -> str:
    return trie_pattern(sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    speech_verb: re.Pattern[str]
    report_verb: re.Pattern[str]
    according_to: re.Pattern[str]
    pronouns: dict[str, str]
    organization_anaphor: re.Pattern[str]
    title_words: frozenset[str]
    title_words_lower: frozenset[str]
    role_nouns: frozenset[str]
    given_names: frozenset[str]
    credit_words: frozenset[str]
    outlets: frozenset[str]
    glued_words: frozenset[str]
    media_words: frozenset[str]
    name_introducers: tuple[str, ...]
    person_object_cues: tuple[str, ...]
    person_verbs: tuple[str, ...]
    greetings: tuple[str, ...]
    name_particles: frozenset[str]
    body_voices: re.Pattern[str]
    object_markers: frozenset[str]
    unnamed_people: dict[str, str | None]
    not_name_openers: frozenset[str]
    place_prepositions: frozenset[str]
    body_heads: frozenset[str]
    possessive_bodies: frozenset[str]
    speech_nouns: frozenset[str]
    staff_roles: frozenset[str]
    question_labels: frozenset[str]
    answer_labels: frozenset[str]
    unnamed_speaker_labels: frozenset[str]
    unnamed_source_bodies: dict[str, str]
    unnamed_source_governments: dict[str, str]
    former_word: re.Pattern[str]
    named_thing_heads: frozenset[str]
    not_speaker_labels: frozenset[str]
    future_marker: re.Pattern[str]
    past_tense: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    passive_auxiliaries: frozenset[str]
    determiners: frozenset[str]
    base_form_markers: frozenset[str]
    month_lead_words: tuple[str, ...]
    anaphoric_days: dict[str, int]
    framing_word: re.Pattern[str]
    demonyms: dict[str, str]
    anonymous_source: re.Pattern[str]
    person_noun: re.Pattern[str]
    honorifics: dict[str, str]
    gendered_nouns: dict[str, str]
    gendered_words: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled lexicon."""
    spec = data_file("lexicon")

    def words(key: str) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{_phrases(spec[key])})(?![\w-])", re.IGNORECASE)

    return Lexicon(
        speech_verb=words("speech_verbs"),
        report_verb=words("report_verbs"),
        according_to=words("according_to"),
        pronouns={k.lower(): v for k, v in spec["pronouns"].items()},
        organization_anaphor=words("organization_anaphors"),
        title_words=frozenset(spec["title_words"]) | frozenset(spec["role_nouns"]),
        title_words_lower=frozenset(w.lower() for w in (*spec["title_words"], *spec["role_nouns"])),
        role_nouns=frozenset(spec["role_nouns"]),
        given_names=frozenset(spec["given_names"]),
        credit_words=frozenset(spec["credit_words"]),
        outlets=frozenset(spec["outlets"]),
        glued_words=frozenset(spec["outlets"]) | frozenset(spec["glued_words"]),
        media_words=frozenset(spec["media_words"]) | frozenset(spec["credit_words"]),
        name_introducers=tuple(str(w) for w in spec["name_introducers"]),
        person_object_cues=tuple(str(w) for w in spec["person_object_cues"]),
        person_verbs=tuple(str(w) for w in spec["person_verbs"]),
        greetings=tuple(str(w) for w in spec["greetings"]),
        name_particles=frozenset(spec["name_particles"]),
        body_voices=words("body_voices"),
        object_markers=frozenset(w.lower() for w in spec["object_markers"]),
        unnamed_people={str(k).lower(): (None if v is None else str(v)) for k, v in spec["unnamed_people"].items()},
        not_name_openers=frozenset(spec["not_name_openers"]),
        place_prepositions=frozenset(spec["place_prepositions"]),
        body_heads=frozenset(spec["body_heads"]),
        possessive_bodies=frozenset(w.lower() for w in spec["possessive_bodies"]),
        speech_nouns=frozenset(w.lower() for w in spec["speech_nouns"]),
        staff_roles=frozenset(w.lower() for w in spec["staff_roles"]),
        question_labels=frozenset(spec["question_labels"]),
        answer_labels=frozenset(spec["answer_labels"]),
        unnamed_speaker_labels=frozenset(w.upper() for w in spec["unnamed_speaker_labels"]),
        unnamed_source_bodies={str(k).lower(): str(v) for k, v in spec["unnamed_source_bodies"].items()},
        unnamed_source_governments={str(k): str(v) for k, v in spec["unnamed_source_governments"].items()},
        named_thing_heads=frozenset(spec["named_thing_heads"]),
        former_word=re.compile(rf"(?<![\w-])(?:{_phrases(spec['former_words'])})(?:-|\s+)(?:\w+\s+)?$", re.IGNORECASE),
        not_speaker_labels=frozenset(w.upper() for w in spec["not_speaker_labels"]),
        future_marker=words("future_markers"),
        past_tense=frozenset(w.lower() for w in spec["past_tense_words"]),
        months={k: int(v) for k, v in spec["months"].items()},
        weekdays={k: int(v) for k, v in spec["weekdays"].items()},
        relative_days={k.lower(): int(v) for k, v in spec["relative_days"].items()},
        passive_auxiliaries=frozenset(w.lower() for w in spec["passive_auxiliaries"]),
        determiners=frozenset(w.lower() for w in spec["determiners"]),
        base_form_markers=frozenset(w.lower() for w in spec["base_form_markers"]),
        month_lead_words=tuple(str(w) for w in spec["month_lead_words"]),
        anaphoric_days={k.lower(): int(v) for k, v in spec["anaphoric_days"].items()},
        framing_word=words("framing_words"),
        demonyms={str(k): str(v) for k, v in spec["demonyms"].items()},
        person_noun=re.compile(
            rf"\b(?:{_phrases([*spec['person_nouns'], *(n.lower() for n in spec['role_nouns'])])})s?\b", re.IGNORECASE
        ),
        honorifics={str(k): str(v) for k, v in spec["honorifics"].items()},
        gendered_nouns={str(k).lower(): str(v) for k, v in spec["gendered_nouns"].items()},
        gendered_words={str(k).lower(): str(v) for k, v in spec["gendered_words"].items()},
        anonymous_source=re.compile(
            rf"^\s*(?:(?:{_phrases(spec['anonymous_openers'])})\b.*\b(?:{_phrases(spec['anonymous_nouns'])})\b"
            rf"|(?:the\s+)?(?:[\w.-]+\s+){{1,3}}(?:{_phrases(spec['anonymous_plurals'])})\b)",
            re.IGNORECASE,
        ),
    )
