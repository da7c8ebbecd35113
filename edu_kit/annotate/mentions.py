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
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Article
from ..knowledge import KnowledgeBase, load_knowledge
from ._lexicon import lexicon, lowered, trie_pattern
from .records import Mention, MentionKind

__all__ = ["mentions"]

_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
# ", a former French ambassador to the OSCE": the first words of an apposition.
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?P<words>(?:[\w’'.-]+\s+){0,4}[\w’'.-]+)")
# A capitalised word, without a possessive ending: where a surname can stand.
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]*?(?=['’]s\b|[^\w-]|$)")
_POSSESSIVE_END = re.compile(r"['’]s$")
# "(Reporting by Daniel Okafor in Washington, Ilse Brandt in Brussels; Editing by Fiona Marr)"
_CREDIT_LINE = re.compile(r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Pp]hotos?|[Aa]dditional reporting)\s+by\b")
_CREDIT_OPENING = re.compile(r"\((?:(?:Photo|Photos|Picture|Image|Credit)s?:[ \t]*)?$")
_BYLINE = re.compile(r"(?:(?<=\n)|^)By[ \t]+[^\n,]{3,60}[ \t]*(?:\n|$)")
_NAME_WORDS = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]+){1,3}"
# "By Andrea Shalal, Steve Holland and Andrew Osborn": a byline that lists several people.
_BYLINE_LIST = re.compile(rf"(?:(?<=\n)|^)By[ \t]+{_NAME_WORDS}(?:(?:,[ \t]*|,?[ \t]+(?:and|&)[ \t]+){_NAME_WORDS})+[ \t]*(?=\n|$)")
# "Jane Doe in Paris and Ivan Sydor in Kyiv contributed to this report."
_CONTRIBUTED = re.compile(r"(?:(?<=\n)|^)[^\n]{0,200}?\bcontributed(?:[ \t]+reporting)?[ \t]+to[ \t]+this[ \t]+(?:report|story|article)")
# "(AP/Emilio Morenatti)", "© AP Photo / Mark Tenally", "Sputnik/Breirgeisk Dreifintram/Pool":
# a name next to a slash in a picture credit.
_SLASH_BEFORE = re.compile(r"[\w.)][ \t]*/[ \t]*$")
_SLASH_AFTER = re.compile(r"[ \t]*/[ \t]*[A-ZÀ-ÖØ-ÞĀ-Ž]")
# a lower-case letter glued to a capitalised word: "IsachenkovReuters", "TenallyThe"
_GLUED = re.compile(r"(.*[a-zà-öø-ÿā-ž])([A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*)")
_WHO_AFTER = re.compile(r",\s+who\s+(?!is\s+not\b)")
# A capitalised word right before a point ("Oksana" before "Melnyk").
_GIVEN_BEFORE = re.compile(r"(?<![\w-])([A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+)[ \t]+$")
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
            if before is not None and _fold(before.group(1)) in given and not name.startswith(before.group(1)):
                continue  # "Oksana Melnyk" is not Andriy Melnyk: left to the unknown-people pass
        found.append(Mention(name, kind, match.group(), match.start(), match.end(), entity_id, misspelt))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    found.extend(_surnames_of_known(body, found, taken))
    found.extend(_unknown_people(body, taken, _role_cue_ends(kb, body)))
    found.extend(_coordinated_people(body, found, taken))
    found = _unknown_bodies(body, found, taken)
    found.extend(_label_names(article, found, taken, kb))
    found.extend(_named_by_themselves(body, taken))
    found.extend(_hyphenated_surnames(body, found, taken))
    found.extend(_given_names_alone(body, found, taken))
    return tuple(_printed_names_win(sorted(found, key=lambda m: (m.start, -m.end))))


_HYPHENATED = re.compile(r"(?<![\w-])([A-ZÀ-ÖØ-ÞĀ-Ž][\w’']+)-([A-ZÀ-ÖØ-ÞĀ-Ž][\w’']+)(?![\w-])")


def _hyphenated_surnames(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Two surnames of people the article names joined by a hyphen ("the
    Souvgraimklil-Galtolno conversation"): each is that person."""
    people: dict[str, Mention] = {}
    for mention in found:
        if mention.kind == "person":
            people.setdefault(mention.name.split()[-1], mention)
    extra = []
    for match in _HYPHENATED.finditer(body):
        if match.group(1) in people and match.group(2) in people:
            for group in (1, 2):
                start, end = match.span(group)
                person = people[match.group(group)]
                if not any(taken[start:end]):
                    extra.append(Mention(person.name, "person", match.group(group), start, end, person.entity, person.misspelt))
                    taken[start:end] = b"\x01" * (end - start)
    return extra


def _given_names_alone(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """A given name alone ("Emmanuel", "Jake", "Jonathan") is the person the article names
    in full with it, when only one person printed in full has that given name and it is no
    one's surname; not when a capitalised word follows ("Emmanuel Bonne" is someone else)."""
    lex = lexicon()
    people = [m for m in found if m.kind == "person"]
    surnames = {m.name.split()[-1] for m in people} | {m.text for m in people if " " not in m.text}
    by_given: dict[str, Mention | None] = {}
    for mention in people:
        words = mention.text.split()
        if len(words) < 2 or words[0] != mention.name.split()[0] or not _LONE_CAPITAL.fullmatch(words[0]):
            continue
        given = words[0]
        if given in lex.title_words or given in lex.honorifics or given in surnames:
            continue
        known = by_given.setdefault(given, mention)
        if known is not None and known.name != mention.name:
            by_given[given] = None  # two people share it: a given name alone names neither
    extra = []
    for given, person in by_given.items():
        if person is None:
            continue
        for start in _word_occurrences(body, given):
            end = start + len(given)
            capital = _CAPITAL_BEFORE.search(body, max(0, start - 40), start)
            if capital is not None and capital.group().split()[0] not in lex.not_name_openers:
                continue  # "Emmanuel" in "Bonne Emmanuel" is no given name alone; "Later Emmanuel" is
            if any(taken[start:end]) or _CAPITAL_AFTER.match(body, end):
                continue
            extra.append(Mention(person.name, "person", given, start, end, person.entity, person.misspelt))
            taken[start:end] = b"\x01" * (end - start)
    return extra


def _named_by_themselves(body: str, taken: bytearray) -> list[Mention]:
    """People the text names in a way only a person is named: after a phrase that gives a
    name ("I’m Grolfair Trinneidraisk", "who gave his name only as Danylo") or, a single
    word, with an age after it ("Taras, 19, a student")."""
    lex = lexicon()
    lower_words = frozenset(_LOWER_WORD.findall(body))
    spans: list[tuple[int, int]] = []
    for match in _introduced().finditer(body):
        start, end = match.span("name")
        words = match.group("name").split()
        while words and (words[-1] in lex.weekdays or words[-1] in lex.months):
            words.pop()
        if len(words) == 1 and not re.search(r"name|call|identif", match.group(), re.IGNORECASE):
            continue  # "I'm Proud": one capitalised word after "I'm" is no name
        if words and not any(w in lex.title_words or w in lex.demonyms or w in lex.not_name_openers or w.lower() in lower_words for w in words):
            spans.append((start, start + len(" ".join(words))))
    for match in _LONE_CAPITAL.finditer(body):
        word = match.group(1)
        if _AGE_AFTER.match(body, match.end()) is None or _CAPITAL_BEFORE.search(body, max(0, match.start() - 40), match.start()):
            continue
        if word in lex.title_words or word in lex.demonyms or word in lex.not_name_openers or word.lower() in lower_words:
            continue
        spans.append(match.span(1))
    extra = []
    for start, end in spans:
        if not any(taken[start:end]):
            extra.append(Mention(body[start:end], "person", body[start:end], start, end, None))
            taken[start:end] = b"\x01" * (end - start)
    return extra


@lru_cache(maxsize=1)
def _introduced() -> re.Pattern[str]:
    """A phrase that gives a name, and the one to three capitalised words after it."""
    phrases = trie_pattern(lexicon().name_introducers, lambda ch: r"[ \t]+" if ch == " " else "['’]" if ch == "'" else re.escape(ch))
    word = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*[\w]"
    return re.compile(rf"(?<![\w-])(?:{phrases})[ \t]+(?P<name>{word}(?:[ \t]+{word}){{0,2}})(?![\w-])")


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


@lru_cache(maxsize=1)
def _name_sequences() -> re.Pattern[str]:
    """Runs of two or more capitalised words on one line (particles such as "von der" allowed)."""
    particles = "|".join(sorted(lexicon().name_particles))
    upper = "A-ZÀ-ÖØ-ÞĀ-Ž"
    word = rf"(?:(?:[{upper}]\.){{1,3}}|[{upper}][\w’'-]*)"  # a capitalised word, or initials ("T.S.")
    return re.compile(rf"(?<![\w-]){word}(?:[ \t]+(?:(?:{particles})[ \t]+)*{word})+")


def _initials(word: str) -> bool:
    """"T.S." opens a name; "U.S." or "E.U." (title words) does not."""
    return _INITIALS.fullmatch(word) is not None and word not in lexicon().title_words and word not in ("U.N.", "U.K.", "E.U.")


def _fold(word: str) -> str:
    """A word without accents: "Małgorzata" -> "Malgorzata", "Élise" -> "Elise"."""
    return unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L")).encode("ascii", "ignore").decode()


def _described_as_person(body: str, end: int) -> bool:
    """Is the text after ``end`` an apposition about a person (", a schoolteacher in ...")?"""
    match = _APPOSITION.match(body, end)
    return match is not None and bool(lexicon().person_noun.search(match.group("words")))


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _is_word_char(ch: str) -> bool:
    """Can ``ch`` stand inside a word (``[\\w-]``)?"""
    return ch.isalnum() or ch in "_-"


def _word_occurrences(body: str, word: str) -> Iterator[int]:
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


def _surnames_of_known(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Once an article names a known person in full ("Ned Price"), the bare surname
    ("Price") refers to that person in the rest of the article."""
    full = {m.text.split()[-1]: m for m in found if m.kind == "person" and len(m.text.split()) > 1}
    extra = []
    for surname, known in full.items():
        for start in _word_occurrences(body, surname):
            end = start + len(surname)
            if start > known.start and not any(taken[start:end]):
                extra.append(Mention(known.name, "person", surname, start, end, known.entity, known.misspelt))
                taken[start:end] = b"\x01" * len(surname)
    return extra


_AND_AFTER = re.compile(r"[ \t]+(?:and|&)[ \t]+((?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+[ \t]+){1,2}[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+)(?![\w-])")
_AND_BEFORE = re.compile(r"(?<![\w-])((?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+[ \t]+){1,2}[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+)[ \t]+(?:and|&)[ \t]+$")


def _coordinated_people(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """A full name joined by "and" to a person's name is a person's too ("Sailas Kimfailmir
    and Gondvond Bouskklaisgor met"), unless a title, a body's or a thing's head noun, a
    month or a weekday is among its words; then its bare surname elsewhere."""
    lex = lexicon()
    extra: list[Mention] = []
    people = [m for m in found if m.kind == "person"]
    for person in people:
        after = _AND_AFTER.match(body, person.end)
        before = _AND_BEFORE.search(body, max(0, person.start - 80), person.start)
        for match in (after, before):
            if match is None:
                continue
            start, end = match.span(1)
            text = _strip_possessive(match.group(1))
            end = start + len(text)
            words = text.split()
            if any(taken[start:end]) or any(
                w in lex.title_words or w in lex.body_heads or w in lex.named_thing_heads or w in lex.months or w in lex.weekdays
                or w in lex.not_name_openers or w in lex.demonyms
                for w in words
            ):
                continue
            extra.append(Mention(text, "person", text, start, end, None))
            taken[start:end] = b"\x01" * (end - start)
    for mention in list(extra):
        surname = mention.text.split()[-1]
        for start in _word_occurrences(body, surname):
            if len(surname) > 2 and not any(taken[start : start + len(surname)]):
                extra.append(Mention(mention.name, "person", surname, start, start + len(surname), None))
                taken[start : start + len(surname)] = b"\x01" * len(surname)
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


# What may stand between a name and its speech verb: "Drimdrair Gaimborbror has told",
# "Lanfou Meilklouruv of Britain said".
_BEFORE_VERB = re.compile(
    r"[ \t]+(?:of[ \t]+(?:the[ \t]+)?[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]+)?[ \t]+)?"
    r"(?:(?:has|have|had|also|further|again|then|later|earlier|once|\w+ly)[ \t]+)*"
)
# ", 46," or ", a 41-year-old accountant": an age after a name makes it a person's.
_AGE_AFTER = re.compile(r",[ \t]+(?:\d{1,3}[ \t]*,|(?:a|an)[ \t]+\d{1,3}-year-old\b)")
# '"…" - Vrailken Galtolno, annual press conference': a name signing the quotation before it.
_SIGNS_QUOTE = re.compile(r"[\"”»’'][ \t]*[-–—][ \t]*$")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-öø-ÿā-ž][\w-]*")
_CAPITAL_INSIDE = re.compile(r"[a-z,][ \t]+([A-ZÀ-ÖØ-ÞĀ-Ž][\w-]{2,})(?![\w-])")
_CAPITAL_BEFORE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*[ \t]+$")
_SUBJECT_PLACE = re.compile(r"(?:^|[.!?][\"”’»]?[ \t]+|\n[ \t]*|[,;:][ \t]+|(?<![\w-])(?:and|but)[ \t]+|[–—-][ \t]+)$")
_LONE_CAPITAL = re.compile(r"(?<![\w-])([A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž’'-]{2,})(?![\w-])")


def _speaking_words(body: str, taken: bytearray) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words nobody lists that stand before a speech verb ("Kimfailmir
    promised", "Bouskklaisgor said"): surnames, so that a run of capitals ending in one
    elsewhere ("Sailas Kimfailmir and Gondvond Bouskklaisgor met") is a full name; and
    those of them that stand in a subject's place, which may be surnames on their own."""
    lex = lexicon()
    words: set[str] = set()
    alone: set[str] = set()
    for match in _LONE_CAPITAL.finditer(body):
        word = match.group(1)
        if any(taken[match.start() : match.end()]) or word in words:
            continue
        if word in lex.title_words or word in lex.months or word in lex.weekdays or word in lex.demonyms:
            continue
        if word in lex.not_name_openers or word in lex.body_heads or word in lex.named_thing_heads or word in ("The", "A", "An", "It"):
            continue
        if word in lex.outlets or word in lex.media_words:
            continue  # "Interfax reported": an agency
        gap = _BEFORE_VERB.match(body, match.end())
        if gap is None or lex.speech_verb.match(body, gap.end()) is None:
            continue
        # not the second word of a run ("Kremlin Moscow said")
        if _CAPITAL_BEFORE.search(body, max(0, match.start() - 40), match.start()) is None:
            words.add(word)
        # alone, a subject's place: a sentence's or clause's start, not after "the", "some",
        # "former" or "in" ("the West reads", "former Soviet states", "a reader in Tartu wrote")
        if _SUBJECT_PLACE.search(body[max(0, match.start() - 8) : match.start()]) is not None:
            alone.add(word)
    return frozenset(words), frozenset(alone)


# What may follow a name in a sentence: punctuation, a capitalised word, or a small word
# that is no noun ("in Moscow", "on Friday", "and …", "twice", "are set to").
_NAME_END = re.compile(
    r"[ \t]*(?:[,.;:!?)\"”’»\n]|$)|[ \t]+(?:[A-ZÀ-ÖØ-ÞĀ-Ž]|(?:in|on|at|by|for|and|or|to|with|as|last|next|this|who|again|twice|"
    r"today|tomorrow|yesterday|about|over|after|before|during|while|when|later|earlier|because|since|until|via|in-person|"
    r"is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|did|does|said|says|told)(?![\w-]))"
)
_AUXILIARY_AFTER = re.compile(r"(?:['’]s\b|[ \t]+(?:is|was|has|had|will|would|could|should|did|does|can|may|might|must|also|then|himself|herself)(?![\w-]))")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Oo]ur|[Tt]heir)[ \t]+$")
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž]")


def _standing_alone(body: str, taken: bytearray) -> frozenset[str]:
    """Capitalised words that stand alone somewhere (no capitalised word next to them, no
    article before them) and never in lower case: a name repeated by one of its words
    ("Galtolno" after "Vrailken Galtolno"), not a thing ("the Council", "the polytechnic")."""
    lex = lexicon()
    lower_words = frozenset(_LOWER_WORD.findall(body))
    alone: set[str] = set()
    for match in _LONE_CAPITAL.finditer(body):
        word = _strip_possessive(match.group(1))
        end = match.start() + len(word)
        if word in alone or any(taken[match.start() : end]) or word.lower() in lower_words:
            continue
        if word in lex.title_words or word in lex.months or word in lex.weekdays or word in lex.demonyms or word in lex.not_name_openers:
            continue
        if word in lex.body_heads or word in lex.named_thing_heads or word in lex.honorifics:
            continue
        window = body[max(0, match.start() - 40) : match.start()]
        capital = _CAPITAL_BEFORE.search(window)
        if capital is not None and capital.group().split()[0].rstrip(".") not in lex.title_words:
            continue  # "Mr Galtolno", "President Galtolno" stand alone; "Vrailken Galtolno" does not
        if _ARTICLE_BEFORE.search(window) or _CAPITAL_AFTER.match(body, end):
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
    gap = _BEFORE_VERB.match(body, end)
    after = end if gap is None else gap.end()
    return (
        lex.speech_verb.match(body, after) is not None
        or _person_verb_after().match(body, end) is not None
        or _AUXILIARY_AFTER.match(body, end) is not None
        or _WHO_AFTER.match(body, end) is not None
        or _AGE_AFTER.match(body, end) is not None
        or _person_cue_before().search(before) is not None
        or (_greeting_before().search(before) is not None and body[end : end + 1] in (",", ".", "!", "?"))
    )


@lru_cache(maxsize=1)
def _greeting_before() -> re.Pattern[str]:
    """A greeting before a name said to someone: "Well, | Beiskdei,", "Good morning, | Mika."."""
    words = trie_pattern(lexicon().greetings, lambda ch: r"[ \t]+" if ch == " " else re.escape(ch))
    return re.compile(rf"(?<![\w-])(?:{words}),[ \t]+$")


@lru_cache(maxsize=1)
def _person_cue_before() -> re.Pattern[str]:
    """Words after which a name is a person's: "spoke to", "talks with", "meet"."""
    cues = trie_pattern(lexicon().person_object_cues, lambda ch: r"[ \t]+" if ch == " " else re.escape(ch))
    return re.compile(rf"(?<![\w-])(?:{cues})[ \t]+$")


@lru_cache(maxsize=1)
def _person_verb_after() -> re.Pattern[str]:
    """A verb only a person does right after a name in a subject's place ("… | held talks")."""
    verbs = trie_pattern(lexicon().person_verbs, lambda ch: r"[ \t]+" if ch == " " else re.escape(ch))
    return re.compile(rf"(?:,[ \t]+for[ \t]+(?:his|her)[ \t]+part,|[ \t]+(?:{verbs})(?![\w-]))")


def _repeated_alone(words: list[tuple[int, str]], alone: frozenset[str], lower_words: frozenset[str]) -> list[tuple[int, str]]:
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


def _after_role_cue(body: str, run: re.Match[str], ends: list[int], taken: bytearray) -> list[tuple[int, str]]:
    """The words of ``run`` after a role phrase that ends inside it or just before it
    ("… Euro-Atlantic Integration | Nasmun Grorklorki", "… Integration of Ukraine |
    Nasmun Grorklorki"), places and nationalities left out."""
    lex = lexicon()
    at = bisect_left(ends, run.start() - 12)
    while at < len(ends) and ends[at] < run.end():
        end = ends[at]
        at += 1
        if end < run.start() and not re.fullmatch(r"[ \t]*,?[ \t]*(?:(?:of|for)[ \t]+(?:the[ \t]+)?)?", body[end : run.start()]):
            continue
        words = [(w.start() + run.start(), w.group().rstrip("’'-")) for w in re.finditer(r"\S+", run.group()) if w.start() + run.start() >= end]
        while words and (any(taken[words[0][0] : words[0][0] + len(words[0][1])]) or words[0][1] in lex.demonyms):
            words = words[1:]
        if len(words) >= 2 and not any(w in lex.title_words or w in lex.body_heads for _, w in words):
            return words
    return []


def _unknown_people(body: str, taken: bytearray, role_ends: list[int] | None = None) -> list[Mention]:
    """Full names the knowledge base does not know, then their bare surnames.

    In each run of capitalised words, a name follows the last title word ("Latvian
    Foreign Minister | Edgars Rinkēvičs") or a role noun just before the run
    ("spokesman | John Kirby"), starts with a common given name ("Olivier Hoslet",
    accents ignored), follows a speech verb ("said | Suresh Nair") or is followed by an
    apposition that describes a person ("Oleksandra Hnatiuk, a schoolteacher in Kharkiv").
    """
    lex = lexicon()
    role_nouns = _role_nouns_lower()
    spans: dict[tuple[int, int], str] = {}
    # Lines that credit people ("(Reporting by …; Editing by …)"), found once.
    credits = [(m.start(), len(body) if body.find("\n", m.end()) < 0 else body.find("\n", m.end())) for m in _CREDIT_LINE.finditer(body)]
    credits += [m.span() for m in _BYLINE_LIST.finditer(body)] + [m.span() for m in _CONTRIBUTED.finditer(body)]
    speaking, alone = _speaking_words(body, taken)
    standing = _standing_alone(body, taken)
    lower_words = frozenset(_LOWER_WORD.findall(body))
    for run in _name_sequences().finditer(body):
        if run.group().isupper():
            continue  # "SERGEI RYABKOV, RUSSIAN DEPUTY FOREIGN MINISTER:": a transcript label (turns.py)
        words = [(w.start() + run.start(), w.group().rstrip("’'-")) for w in re.finditer(r"\S+", run.group())]
        words, glued = _unglued(words)
        before = body[max(0, run.start() - 60) : run.start()].split()
        after_role = bool(before) and (
            before[-1].rstrip(",").lower() in role_nouns
            or _plural_role(before[-1].rstrip(","), role_nouns)  # "writers Bramdour Mivhainddraiv in Paris and …"
            or (before[-1].rstrip(",").lower() in lex.title_words_lower and before[-1].endswith(","))
            or _role_of_the(before, role_nouns)  # "Secretary General of the organization Maren Halvorsen"
            or before[-1].rstrip(".").capitalize() in lex.honorifics  # "MR. Drinkev Dreirsaskdrail"
        )
        # "(Olivier Hoslet / AP Archive)": a photographer's credit.
        # "(Photo: Drasgrai Deldeimzous / Sample Agency)" too.
        opened = _CREDIT_OPENING.search(body, max(0, run.start() - 12), run.start()) is not None and (
            body.startswith(" /", run.end()) or body.startswith("/", run.end())
        )
        # A name glued to an outlet ("Vladimir IsachenkovReuters"), next to a slash in a
        # picture credit, or after "Image:" / "QUESTION (" ("QUESTION (Navsisk Granteirklert,
        # Radio Wisła):"); the agency's side of the slash is no one ("/ AP Archive").
        slashed = (
            glued in lex.outlets
            or _credit_before().search(body, max(0, run.start() - 20), run.start()) is not None
            or (len(words) == len(run.group().split()) and _SLASH_AFTER.match(body, run.end()) is not None)
        )
        credited = opened or (slashed and not any(w in lex.outlets or w in lex.media_words or w in lex.body_heads for _, w in words))
        # "By Vraisin Drangreirttraisk" alone on a line: a byline.
        byline = run.group().startswith("By ") and _BYLINE.match(body, run.start()) is not None
        after_by = credited or byline or (bool(before) and before[-1] == "by") or any(a <= run.start() < b for a, b in credits)
        followed_by_who = _WHO_AFTER.match(body, run.end()) is not None  # "Rolf Mützenich, who leads …"
        # "…," said Suresh Nair, a bank clerk: a name right after "said" that ends the clause.
        after_speech = bool(before) and before[-1] in ("said", "says", "added", "asked") and body[run.end() : run.end() + 1] in (",", ".")
        if words and words[0][1] in ("The", "A", "An"):
            continue
        while words and words[0][1] in lex.not_name_openers:
            words = words[1:]  # "On Monday, the defence secretary": no name starts with "On"
        if len(words) < 2 or words[0][1] in lex.months or words[0][1] in lex.weekdays:
            continue
        while len(words) > 1 and words[-1][1] in lex.weekdays:
            words = words[:-1]  # "Russian President Vladimir Putin Tuesday": the day is no part of it
        titled = [i for i, (_, w) in enumerate(words) if w in lex.title_words or _plural_role(w, role_nouns)]
        owner = max((i for i, (_, w) in enumerate(words[:-1]) if _POSSESSIVE_END.search(w)), default=None)
        # "Tanya Mercer said": the last two words of a run that a speech verb follows.
        in_place = bool(before) and before[-1] in lex.place_prepositions  # "officials in South Block said"
        gap = _BEFORE_VERB.match(body, run.end())
        speaks = (
            not in_place
            and gap is not None
            and lex.speech_verb.match(body, gap.end()) is not None
            and not any(w in lex.title_words or w in lex.months or w in lex.weekdays or w in lex.body_heads for _, w in words[-2:])
        )
        after_cue = _after_role_cue(body, run, role_ends or [], taken)
        if after_cue:
            name = after_cue  # "the Deputy Prime Minister … of Ukraine Nasmun Grorklorki"
        elif after_role and before[-1] in _OF_THE:
            # "Minister of | Digital Transformation Klurkeis Zurleskdour", "Mayor of | Moscow
            # Rurtbrour Drunlepert": the run opens with what the role is of
            name = _after_complement(words, taken)
        elif titled and (any(words[i][1] in lex.role_nouns or _plural_role(words[i][1], role_nouns) for i in titled) or after_role):
            # "Russian President | Vladimir Putin", "Secretary of State | Antony Blinken"
            name = words[titled[-1] + 1 :]
            if len(name) == 1 and titled[-1] == len(words) - 2 and words[titled[-1]][1].lower().rstrip(".") in role_nouns and len(name[0][1]) > 2:
                # "President Galtolno": a role noun before one capitalised word is a surname.
                start = name[0][0]
                end = start + len(_strip_possessive(name[0][1]))
                if not any(taken[start:end]) and not _head_noun_after(body, end):
                    spans[(start, end)] = body[start:end]
                continue
        elif owner is not None and not any(w in lex.title_words for _, w in words[owner + 1 :]):
            name = words[owner + 1 :]  # "Gulf Horizon's Samir Haddad": the name after the possessive
        elif speaks:
            name = _last_two(words)
        elif (after_role or after_speech or after_by or followed_by_who or _described_as_person(body, run.end()) or _initials(words[0][1])) and not titled:
            name = words
        elif (
            (_AGE_AFTER.match(body, run.end()) or _SIGNS_QUOTE.search(body, max(0, run.start() - 6), run.start()))
            and not titled
            and not any(w in lex.body_heads or w in lex.named_thing_heads for _, w in words)
        ):
            name = words  # "Grilpir Giskgrourtveir, 46, said", '"…" - Vrailken Galtolno, annual press conference'
        elif words[-1][1] in speaking and not any(w in lex.title_words or w in lex.body_heads for _, w in words[-2:]):
            name = _last_two(words)  # "Sailas Kimfailmir and …", where "Kimfailmir promised" elsewhere
        else:
            first = next((i for i, (_, w) in enumerate(words) if _fold(w) in lex.given_names and w not in lex.title_words), None)
            if first is None and not (before and before[-1] in ("the", "a", "an", "The")):
                # "the Journal du Dimanche" is no one; "spoke to | Vrailken Galtolno" and
                # "Galtolno … | Vrailken Galtolno" are someone
                cued = (  # not "meet Nord Stream executives"
                    _person_cue_before().search(body, max(0, run.start() - 30), run.start()) is not None
                    and _NAME_END.match(body, run.end()) is not None
                ) or (
                    _person_verb_after().match(body, run.end()) is not None and _SUBJECT_PLACE.search(body[max(0, run.start() - 8) : run.start()]) is not None
                )
                if cued:
                    name = _repeated_alone(words, standing | {words[-1][1]}, lower_words)
                elif not in_place:  # "the troops met in Nova Kakhovka … Kakhovka is": a place
                    name = _repeated_alone(words, standing, lower_words)
                else:
                    name = []
            else:
                name = [] if first is None else words[first:]
            if any(w in lex.title_words for _, w in name[1:]):
                name = []
        owned = next((i for i, (_, w) in enumerate(name) if _POSSESSIVE_END.search(w)), None)
        if owned is not None:
            name = name[: owned + 1]  # "Chancellor Zessim Vresklusziv’s Social Democrats": the name ends at the possessive
        given = next((i for i, (_, w) in enumerate(name) if i and _fold(w) in lex.given_names and w not in lex.title_words), None)
        if given is not None and len(name) - given >= 2:
            name = name[given:]  # "Digital Transformation Mykhailo Fedorov": from the given name on
        name = name[:3]
        if len(name) < 2 or name[-1][1] in lex.named_thing_heads:
            continue  # "President Wilson Hotel" is a hotel
        start = name[0][0]
        end = name[-1][0] + len(_strip_possessive(name[-1][1]))
        if not any(taken[start:end]):
            spans[(start, end)] = body[start:end]
    found = [Mention(text, "person", text, s, e, None) for (s, e), text in spans.items()]
    for s, e in spans:
        taken[s:e] = b"\x01" * (e - s)
    surnames: dict[str, str] = {}
    for text in spans.values():  # a surname stands for the fullest name printed with it
        last = text.split()[-1]
        if len(last) > 2 and len(text) > len(surnames.get(last, "")):
            surnames[last] = text
    if alone:
        inside = frozenset(m.group(1) for m in _CAPITAL_INSIDE.finditer(body))
        for word in alone:
            # never written in lower case (as "officials" or "analysts" would be), and with a
            # capital inside a sentence at least once, not only as a sentence's first word
            if word not in surnames and word.lower() not in lower_words and word in inside:
                surnames[word] = word  # "Galtolno claimed …", never printed in full
    for surname, text in surnames.items():
        for start in _word_occurrences(body, surname):
            if not any(taken[start : start + len(surname)]):
                found.append(Mention(text, "person", surname, start, start + len(surname), None))
                taken[start : start + len(surname)] = b"\x01" * len(surname)
    return found


def _after_complement(words: list[tuple[int, str]], taken: bytearray) -> list[tuple[int, str]]:
    """The name after a role's complement in one run of capitals: the words after the
    last known or national word ("Moscow | Rurtbrour Drunlepert"; the last two when more
    follow), else the last two of a
    run of four or more ("Digital Transformation | Klurkeis Zurleskdour"); nothing when the
    whole run may be the complement ("head of gas research at Lowland Energy Analytics")."""
    lex = lexicon()
    marked = [
        i for i, (at, w) in enumerate(words)
        if any(taken[at : at + len(w)]) or w in lex.demonyms or w in lex.body_heads or w in lex.title_words
    ]
    if marked:
        rest = words[marked[-1] + 1 :]
        return rest if len(rest) == 2 else _last_two(rest) if len(rest) > 2 else []  # "French | Republic Dartgeis Treldartvrouv"
    return _last_two(words) if len(words) >= 4 else []


@lru_cache(maxsize=1)
def _credit_before() -> re.Pattern[str]:
    """What stands before a name in a credit: "Image: ", "AP/", "AP Photo / ", "QUESTION ("."""
    lex = lexicon()
    words = "|".join(sorted(map(re.escape, lex.credit_words), key=len, reverse=True))
    labels = "|".join(sorted(map(re.escape, lex.question_labels), key=len, reverse=True))
    return re.compile(rf"(?:(?:{words})s?:[ \t]*|[\w.)][ \t]*/[ \t]*|(?<![\w-])(?:{labels})[ \t]*\([ \t]*)$")


def _unglued(words: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str]:
    """The words of a run up to a word glued to the next text by a lost line break
    ("Mark TenallyThe United States …" -> "Mark Tenally"), and the glued word ("The")."""
    glue = lexicon().glued_words
    for i, (at, word) in enumerate(words):
        match = _GLUED.fullmatch(word)
        if match is not None and match.group(2) in glue and len(match.group(1)) > 1:
            return [*words[:i], (at, match.group(1))], match.group(2)
    return words, ""


def _last_two(words: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The last two capitalised words of a run with the particles between them
    ("Nicolas de Rivière", not "de Rivière")."""
    capitals = [i for i, (_, w) in enumerate(words) if w[:1].isupper()]
    return words[capitals[-2] :] if len(capitals) >= 2 else words[-2:]


@lru_cache(maxsize=1)
def _role_nouns_lower() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().role_nouns) | frozenset(w.lower().rstrip(".") for w in lexicon().role_nouns)


def _plural_role(word: str, role_nouns: frozenset[str]) -> bool:
    """"Presidents", "Ministers": a role noun in the plural."""
    return word.endswith("s") and word[:-1].lower() in role_nouns


def _head_noun_after(body: str, end: int) -> bool:
    """Does a body's head noun follow ("President Wilson Hotel")?"""
    match = re.match(r"[ \t]+([A-Z][\w-]*)", body[end : end + 40])
    return match is not None and (match.group(1) in lexicon().body_heads or match.group(1) in lexicon().named_thing_heads)


_OF_THE = frozenset({"of", "the", "for", "to", "at", "in", "and"})


def _role_of_the(before: list[str], role_nouns: frozenset[str]) -> bool:
    """Do the words before a name end with a role noun and a short "of the …" tail in
    lower case ("Secretary General of the organization", "minister for foreign affairs")?"""
    tail: list[str] = []
    for position, word in enumerate(reversed(before[-6:])):
        bare = word.rstrip(",")
        if bare.lower() in role_nouns and tail and tail[-1] in _OF_THE:
            return True
        if position == 0 and word != bare and bare[:1].isupper() and "." not in bare:
            tail.append(bare)  # "ambassador to the OSCE, Pasvor Noldundbairt": the body before the comma
            continue
        if word != bare or not word.islower():
            return False  # a comma or a capitalised word: the tail stops here
        tail.append(word)
    return False


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
        national = any(_strip_possessive(w) in lex.demonyms for w in text.split()) or any(m.kind == "place" for m in inside)
        proper = re.search(r"\s(?:of|for)\s", text) is not None  # "Ministry of Defence" is a name; "Foreign Ministry" is not
        if not (national or proper) or any(taken[i] and not any(m.start <= i < m.end for m in inside) for i in range(start, end)):
            continue
        absorbed.update(id(m) for m in inside)
        extra.append(Mention(text, "organization", text, start, end, None))
        taken[start:end] = b"\x01" * (end - start)
    return [m for m in found if id(m) not in absorbed] + extra
