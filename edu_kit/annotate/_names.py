"""What the text says about capitalised words, for finding people nobody listed.

Runs of capitalised words that may be names, the words that stand alone elsewhere in a
text ("Galtolno" after "Vrailken Galtolno"), and the contexts that only a person stands in
(a speech verb after, "spoke to" before, an age, a greeting).  The word lists are in
``edu_kit/data/lexicon.yaml``; :mod:`._people` turns this evidence into mentions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from ._lexicon import lexicon, trie_pattern

__all__ = [
    "AGE_AFTER",
    "BEFORE_VERB",
    "CAPITAL_AFTER",
    "CAPITAL_BEFORE",
    "CAPITAL_INSIDE",
    "LONE_CAPITAL",
    "LOWER_WORD",
    "NAME_END",
    "POSSESSIVE_END",
    "SUBJECT_PLACE",
    "WHO_AFTER",
    "described_as_person",
    "fold",
    "initials",
    "last_two",
    "name_sequences",
    "person_cue_before",
    "person_verb_after",
    "plural_role",
    "repeated_alone",
    "role_nouns_lower",
    "speaking_words",
    "standing_alone",
    "strip_possessive",
    "word_occurrences",
]


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
# ", a former French ambassador to the OSCE": the first words of an apposition.
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?P<words>(?:[\w’'.-]+\s+){0,4}[\w’'.-]+)")
# A capitalised word, without a possessive ending: where a surname can stand.
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]*?(?=['’]s\b|[^\w-]|$)")
POSSESSIVE_END = re.compile(r"['’]s$")
WHO_AFTER = re.compile(r",\s+who\s+(?!is\s+not\b)")


@lru_cache(maxsize=1)
def name_sequences() -> re.Pattern[str]:
    """Runs of two or more capitalised words on one line (particles such as "von der" allowed)."""
    particles = "|".join(sorted(lexicon().name_particles))
    upper = "A-ZÀ-ÖØ-ÞĀ-Ž"
    word = rf"(?:(?:[{upper}]\.){{1,3}}|[{upper}][\w’'-]*)"  # a capitalised word, or initials ("T.S.")
    return re.compile(rf"(?<![\w-]){word}(?:[ \t]+(?:(?:{particles})[ \t]+)*{word})+")


def initials(word: str) -> bool:
    """"T.S." opens a name; "U.S." or "E.U." (title words) does not."""
    return _INITIALS.fullmatch(word) is not None and word not in lexicon().title_words and word not in ("U.N.", "U.K.", "E.U.")


def fold(word: str) -> str:
    """A word without accents: "Małgorzata" -> "Malgorzata", "Élise" -> "Elise"."""
    return unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L")).encode("ascii", "ignore").decode()


def described_as_person(body: str, end: int) -> bool:
    """Is the text after ``end`` an apposition about a person (", a schoolteacher in ...")?"""
    match = _APPOSITION.match(body, end)
    return match is not None and bool(lexicon().person_noun.search(match.group("words")))


def strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _is_word_char(ch: str) -> bool:
    """Can ``ch`` stand inside a word (``[\\w-]``)?"""
    return ch.isalnum() or ch in "_-"


def word_occurrences(body: str, word: str) -> Iterator[int]:
    """Starts of ``word`` where it stands as a whole word (no letter, digit, ``_`` or
    ``-`` on either side): a fast ``str.find`` loop instead of a scan of every word."""
    if not _CAPITALISED.fullmatch(word):
        return
    start = body.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _is_word_char(body[start - 1])) and (end == len(body) or not _is_word_char(body[end])):
            yield start
        start = body.find(word, end)


# What may stand between a name and its speech verb: "Drimdrair Gaimborbror has told",
# "Lanfou Meilklouruv of Britain said".
BEFORE_VERB = re.compile(
    r"[ \t]+(?:of[ \t]+(?:the[ \t]+)?[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]+)?[ \t]+)?"
    r"(?:(?:has|have|had|also|further|again|then|later|earlier|once|\w+ly)[ \t]+)*"
)
# ", 46," or ", a 41-year-old accountant": an age after a name makes it a person's.
AGE_AFTER = re.compile(r",[ \t]+(?:\d{1,3}[ \t]*,|(?:a|an)[ \t]+\d{1,3}-year-old\b)")
LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-öø-ÿā-ž][\w-]*")
CAPITAL_INSIDE = re.compile(r"[a-z,][ \t]+([A-ZÀ-ÖØ-ÞĀ-Ž][\w-]{2,})(?![\w-])")
CAPITAL_BEFORE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*[ \t]+$")
SUBJECT_PLACE = re.compile(r"(?:^|[.!?][\"”’»]?[ \t]+|\n[ \t]*|[,;:][ \t]+|(?<![\w-])(?:and|but)[ \t]+|[–—-][ \t]+)$")
LONE_CAPITAL = re.compile(r"(?<![\w-])([A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž’'-]{2,})(?![\w-])")


def speaking_words(body: str, taken: bytearray) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words nobody lists that stand before a speech verb ("Kimfailmir
    promised", "Bouskklaisgor said"): surnames, so that a run of capitals ending in one
    elsewhere ("Sailas Kimfailmir and Gondvond Bouskklaisgor met") is a full name; and
    those of them that stand in a subject's place, which may be surnames on their own."""
    lex = lexicon()
    words: set[str] = set()
    alone: set[str] = set()
    for match in LONE_CAPITAL.finditer(body):
        word = match.group(1)
        if any(taken[match.start() : match.end()]) or word in words:
            continue
        if word in lex.title_words or word in lex.months or word in lex.weekdays or word in lex.demonyms:
            continue
        if word in lex.not_name_openers or word in lex.body_heads or word in lex.named_thing_heads or word in ("The", "A", "An", "It"):
            continue
        if word in lex.outlets or word in lex.media_words:
            continue  # "Interfax reported": an agency
        gap = BEFORE_VERB.match(body, match.end())
        if gap is None or lex.speech_verb.match(body, gap.end()) is None:
            continue
        # not the second word of a run ("Kremlin Moscow said")
        if CAPITAL_BEFORE.search(body, max(0, match.start() - 40), match.start()) is None:
            words.add(word)
        # alone, a subject's place: a sentence's or clause's start, not after "the", "some",
        # "former" or "in" ("the West reads", "former Soviet states", "a reader in Tartu wrote")
        if SUBJECT_PLACE.search(body[max(0, match.start() - 8) : match.start()]) is not None:
            alone.add(word)
    return frozenset(words), frozenset(alone)


# What may follow a name in a sentence: punctuation, a capitalised word, or a small word
# that is no noun ("in Moscow", "on Friday", "and …", "twice", "are set to").
NAME_END = re.compile(
    r"[ \t]*(?:[,.;:!?)\"”’»\n]|$)|[ \t]+(?:[A-ZÀ-ÖØ-ÞĀ-Ž]|(?:in|on|at|by|for|and|or|to|with|as|last|next|this|who|again|twice|"
    r"today|tomorrow|yesterday|about|over|after|before|during|while|when|later|earlier|because|since|until|via|in-person|"
    r"is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|did|does|said|says|told)(?![\w-]))"
)
_AUXILIARY_AFTER = re.compile(r"(?:['’]s\b|[ \t]+(?:is|was|has|had|will|would|could|should|did|does|can|may|might|must|also|then|himself|herself)(?![\w-]))")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Oo]ur|[Tt]heir)[ \t]+$")
CAPITAL_AFTER = re.compile(r"[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž]")


def standing_alone(body: str, taken: bytearray) -> frozenset[str]:
    """Capitalised words that stand alone somewhere (no capitalised word next to them, no
    article before them) and never in lower case: a name repeated by one of its words
    ("Galtolno" after "Vrailken Galtolno"), not a thing ("the Council", "the polytechnic")."""
    lex = lexicon()
    lower_words = frozenset(LOWER_WORD.findall(body))
    alone: set[str] = set()
    for match in LONE_CAPITAL.finditer(body):
        word = strip_possessive(match.group(1))
        end = match.start() + len(word)
        if word in alone or any(taken[match.start() : end]) or word.lower() in lower_words:
            continue
        if word in lex.title_words or word in lex.months or word in lex.weekdays or word in lex.demonyms or word in lex.not_name_openers:
            continue
        if word in lex.body_heads or word in lex.named_thing_heads or word in lex.honorifics:
            continue
        window = body[max(0, match.start() - 40) : match.start()]
        capital = CAPITAL_BEFORE.search(window)
        if capital is not None and capital.group().split()[0].rstrip(".") not in lex.title_words:
            continue  # "Mr Galtolno", "President Galtolno" stand alone; "Vrailken Galtolno" does not
        if _ARTICLE_BEFORE.search(window) or CAPITAL_AFTER.match(body, end):
            continue
        if capital is None and not _acts_as_person(body, window, end):
            continue  # "Stream operators", "Breeze drills": a thing's word used as a modifier
        alone.add(word)
    return frozenset(alone)


def _acts_as_person(body: str, before: str, end: int) -> bool:
    """Does the context of a word alone make it someone: a speech verb, a verb only a person
    does, an auxiliary ("Galtolno has", "Treldartvrouv is"), "'s", ", who" or an age after
    it; words only a person is the object of ("meets Galtolno") or a greeting ("Well,
    Beiskdei,") before it?"""
    lex = lexicon()
    gap = BEFORE_VERB.match(body, end)
    after = end if gap is None else gap.end()
    return (
        lex.speech_verb.match(body, after) is not None
        or person_verb_after().match(body, end) is not None
        or _AUXILIARY_AFTER.match(body, end) is not None
        or WHO_AFTER.match(body, end) is not None
        or AGE_AFTER.match(body, end) is not None
        or person_cue_before().search(before) is not None
        or (_greeting_before().search(before) is not None and body[end : end + 1] in (",", ".", "!", "?"))
    )


@lru_cache(maxsize=1)
def _greeting_before() -> re.Pattern[str]:
    """A greeting before a name said to someone: "Well, | Beiskdei,", "Good morning, | Mika."."""
    words = trie_pattern(lexicon().greetings, lambda ch: r"[ \t]+" if ch == " " else re.escape(ch))
    return re.compile(rf"(?<![\w-])(?:{words}),[ \t]+$")


@lru_cache(maxsize=1)
def person_cue_before() -> re.Pattern[str]:
    """Words after which a name is a person's: "spoke to", "talks with", "meet"."""
    cues = trie_pattern(lexicon().person_object_cues, lambda ch: r"[ \t]+" if ch == " " else re.escape(ch))
    return re.compile(rf"(?<![\w-])(?:{cues})[ \t]+$")


@lru_cache(maxsize=1)
def person_verb_after() -> re.Pattern[str]:
    """A verb only a person does right after a name in a subject's place ("… | held talks")."""
    verbs = trie_pattern(lexicon().person_verbs, lambda ch: r"[ \t]+" if ch == " " else re.escape(ch))
    return re.compile(rf"(?:,[ \t]+for[ \t]+(?:his|her)[ \t]+part,|[ \t]+(?:{verbs})(?![\w-]))")


def repeated_alone(words: list[tuple[int, str]], alone: frozenset[str], lower_words: frozenset[str]) -> list[tuple[int, str]]:
    """A run of two or three capitalised words one of which stands alone elsewhere in the
    text ("Vrailken Galtolno" … "Galtolno said"), none of them a title, a body's or thing's
    head, a month, a weekday, a nationality or a word the text also writes in lower case
    ("Many Ukrainians"): a person's name."""
    lex = lexicon()
    if not 2 <= len(words) <= 3 or not any(w in alone for _, w in words):
        return []
    if any(
        w in lex.title_words or w in lex.body_heads or w in lex.named_thing_heads or w in lex.months or w in lex.weekdays
        or w in lex.demonyms or w.rstrip("s") in lex.demonyms or w in lex.not_name_openers or w in lex.honorifics
        or w.isupper() or w.lower() in lower_words or w in lex.media_words or w in lex.outlets
        for _, w in words
    ):
        return []
    return words


def last_two(words: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The last two capitalised words of a run with the particles between them
    ("Nicolas de Rivière", not "de Rivière")."""
    capitals = [i for i, (_, w) in enumerate(words) if w[:1].isupper()]
    return words[capitals[-2] :] if len(capitals) >= 2 else words[-2:]


@lru_cache(maxsize=1)
def role_nouns_lower() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().role_nouns) | frozenset(w.lower().rstrip(".") for w in lexicon().role_nouns)


def plural_role(word: str, role_nouns: frozenset[str]) -> bool:
    """"Presidents", "Ministers": a role noun in the plural."""
    return word.endswith("s") and word[:-1].lower() in role_nouns
