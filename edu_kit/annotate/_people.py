"""People the knowledge base does not know, found by evidence from the text.

A run of capitalised words is a person's name after a title or role, in a byline or a
picture credit, before a speech verb, after words only a person is the object of, or
when one of its words stands alone elsewhere; then its bare surname, a given name alone,
and surnames joined by a hyphen refer to that person too (see ``docs/extract_format.md``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ._lexicon import lexicon, trie_pattern
from ._names import (
    AGE_AFTER,
    BEFORE_VERB,
    CAPITAL_AFTER,
    CAPITAL_BEFORE,
    CAPITAL_INSIDE,
    LONE_CAPITAL,
    LOWER_WORD,
    NAME_END,
    POSSESSIVE_END,
    SUBJECT_PLACE,
    WHO_AFTER,
    described_as_person,
    fold,
    initials,
    last_two,
    name_sequences,
    person_cue_before,
    person_verb_after,
    plural_role,
    repeated_alone,
    role_nouns_lower,
    speaking_words,
    standing_alone,
    strip_possessive,
    word_occurrences,
)
from .records import Mention

__all__ = [
    "coordinated_people",
    "given_names_alone",
    "hyphenated_surnames",
    "named_by_themselves",
    "surnames_of_known",
    "unknown_people",
]

# "(Reporting by Daniel Okafor in Washington, Ilse Brandt in Brussels; Editing by Fiona Marr)"
_CREDIT_LINE = re.compile(r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Pp]hotos?|[Aa]dditional reporting)\s+by\b")
_CREDIT_OPENING = re.compile(r"\((?:(?:Photo|Photos|Picture|Image|Credit)s?:[ \t]*)?$")
_BYLINE = re.compile(r"(?:(?<=\n)|^)By[ \t]+[^\n,]{3,60}[ \t]*(?:\n|$)")
_NAME_WORDS = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]+){1,3}"
# "By Andrea Shalal, Steve Holland and Andrew Osborn": a byline that lists several people.
_BYLINE_LIST = re.compile(rf"(?:(?<=\n)|^)By[ \t]+{_NAME_WORDS}(?:(?:,[ \t]*|,?[ \t]+(?:and|&)[ \t]+){_NAME_WORDS})+[ \t]*(?=\n|$)")
# "Jane Doe in Paris and Ivan Sydor in Kyiv contributed to this report."
_CONTRIBUTED = re.compile(r"(?:(?<=\n)|^)[^\n]{0,200}?\bcontributed(?:[ \t]+reporting)?[ \t]+to[ \t]+this[ \t]+(?:report|story|article)")
_SLASH_AFTER = re.compile(r"[ \t]*/[ \t]*[A-ZÀ-ÖØ-ÞĀ-Ž]")
# a lower-case letter glued to a capitalised word: "IsachenkovReuters", "TenallyThe"
_GLUED = re.compile(r"(.*[a-zà-öø-ÿā-ž])([A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*)")


_HYPHENATED = re.compile(r"(?<![\w-])([A-ZÀ-ÖØ-ÞĀ-Ž][\w’']+)-([A-ZÀ-ÖØ-ÞĀ-Ž][\w’']+)(?![\w-])")


def hyphenated_surnames(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
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


def given_names_alone(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """A given name alone ("Emmanuel", "Jake", "Jonathan") is the person the article names
    in full with it, when only one person printed in full has that given name and it is no
    one's surname; not when a capitalised word follows ("Emmanuel Bonne" is someone else)."""
    lex = lexicon()
    people = [m for m in found if m.kind == "person"]
    surnames = {m.name.split()[-1] for m in people} | {m.text for m in people if " " not in m.text}
    by_given: dict[str, Mention | None] = {}
    for mention in people:
        words = mention.text.split()
        if len(words) < 2 or words[0] != mention.name.split()[0] or not LONE_CAPITAL.fullmatch(words[0]):
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
        for start in word_occurrences(body, given):
            end = start + len(given)
            capital = CAPITAL_BEFORE.search(body, max(0, start - 40), start)
            if capital is not None and capital.group().split()[0] not in lex.not_name_openers:
                continue  # "Emmanuel" in "Bonne Emmanuel" is no given name alone; "Later Emmanuel" is
            if any(taken[start:end]) or CAPITAL_AFTER.match(body, end):
                continue
            extra.append(Mention(person.name, "person", given, start, end, person.entity, person.misspelt))
            taken[start:end] = b"\x01" * (end - start)
    return extra


def named_by_themselves(body: str, taken: bytearray) -> list[Mention]:
    """People the text names in a way only a person is named: after a phrase that gives a
    name ("I’m Grolfair Trinneidraisk", "who gave his name only as Danylo") or, a single
    word, with an age after it ("Taras, 19, a student")."""
    lex = lexicon()
    lower_words = frozenset(LOWER_WORD.findall(body))
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
    for match in LONE_CAPITAL.finditer(body):
        word = match.group(1)
        if AGE_AFTER.match(body, match.end()) is None or CAPITAL_BEFORE.search(body, max(0, match.start() - 40), match.start()):
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


def surnames_of_known(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
    """Once an article names a known person in full ("Ned Price"), the bare surname
    ("Price") refers to that person in the rest of the article."""
    full = {m.text.split()[-1]: m for m in found if m.kind == "person" and len(m.text.split()) > 1}
    extra = []
    for surname, known in full.items():
        for start in word_occurrences(body, surname):
            end = start + len(surname)
            if start > known.start and not any(taken[start:end]):
                extra.append(Mention(known.name, "person", surname, start, end, known.entity, known.misspelt))
                taken[start:end] = b"\x01" * len(surname)
    return extra


_AND_AFTER = re.compile(r"[ \t]+(?:and|&)[ \t]+((?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+[ \t]+){1,2}[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+)(?![\w-])")
_AND_BEFORE = re.compile(r"(?<![\w-])((?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+[ \t]+){1,2}[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+)[ \t]+(?:and|&)[ \t]+$")


def coordinated_people(body: str, found: list[Mention], taken: bytearray) -> list[Mention]:
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
            text = strip_possessive(match.group(1))
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
        for start in word_occurrences(body, surname):
            if len(surname) > 2 and not any(taken[start : start + len(surname)]):
                extra.append(Mention(mention.name, "person", surname, start, start + len(surname), None))
                taken[start : start + len(surname)] = b"\x01" * len(surname)
    return extra
# '"…" - Vrailken Galtolno, annual press conference': a name signing the quotation before it.
_SIGNS_QUOTE = re.compile(r"[\"”»’'][ \t]*[-–—][ \t]*$")


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


def unknown_people(body: str, taken: bytearray, role_ends: list[int] | None = None) -> list[Mention]:
    """Full names the knowledge base does not know, then their bare surnames.

    In each run of capitalised words, a name follows the last title word ("Latvian
    Foreign Minister | Edgars Rinkēvičs") or a role noun just before the run
    ("spokesman | John Kirby"), starts with a common given name ("Olivier Hoslet",
    accents ignored), follows a speech verb ("said | Suresh Nair") or is followed by an
    apposition that describes a person ("Oleksandra Hnatiuk, a schoolteacher in Kharkiv").
    """
    lex = lexicon()
    role_nouns = role_nouns_lower()
    spans: dict[tuple[int, int], str] = {}
    # Lines that credit people ("(Reporting by …; Editing by …)"), found once.
    credits = [(m.start(), len(body) if body.find("\n", m.end()) < 0 else body.find("\n", m.end())) for m in _CREDIT_LINE.finditer(body)]
    credits += [m.span() for m in _BYLINE_LIST.finditer(body)] + [m.span() for m in _CONTRIBUTED.finditer(body)]
    speaking, alone = speaking_words(body, taken)
    standing = standing_alone(body, taken)
    lower_words = frozenset(LOWER_WORD.findall(body))
    for run in name_sequences().finditer(body):
        if run.group().isupper():
            continue  # "SERGEI RYABKOV, RUSSIAN DEPUTY FOREIGN MINISTER:": a transcript label (turns.py)
        words = [(w.start() + run.start(), w.group().rstrip("’'-")) for w in re.finditer(r"\S+", run.group())]
        words, glued = _unglued(words)
        before = body[max(0, run.start() - 60) : run.start()].split()
        after_role = bool(before) and (
            before[-1].rstrip(",").lower() in role_nouns
            or plural_role(before[-1].rstrip(","), role_nouns)  # "writers Bramdour Mivhainddraiv in Paris and …"
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
        followed_by_who = WHO_AFTER.match(body, run.end()) is not None  # "Rolf Mützenich, who leads …"
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
        titled = [i for i, (_, w) in enumerate(words) if w in lex.title_words or plural_role(w, role_nouns)]
        owner = max((i for i, (_, w) in enumerate(words[:-1]) if POSSESSIVE_END.search(w)), default=None)
        # "Tanya Mercer said": the last two words of a run that a speech verb follows.
        in_place = bool(before) and before[-1] in lex.place_prepositions  # "officials in South Block said"
        gap = BEFORE_VERB.match(body, run.end())
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
        elif titled and (any(words[i][1] in lex.role_nouns or plural_role(words[i][1], role_nouns) for i in titled) or after_role):
            # "Russian President | Vladimir Putin", "Secretary of State | Antony Blinken"
            name = words[titled[-1] + 1 :]
            if len(name) == 1 and titled[-1] == len(words) - 2 and words[titled[-1]][1].lower().rstrip(".") in role_nouns and len(name[0][1]) > 2:
                # "President Galtolno": a role noun before one capitalised word is a surname.
                start = name[0][0]
                end = start + len(strip_possessive(name[0][1]))
                if not any(taken[start:end]) and not _head_noun_after(body, end):
                    spans[(start, end)] = body[start:end]
                continue
        elif owner is not None and not any(w in lex.title_words for _, w in words[owner + 1 :]):
            name = words[owner + 1 :]  # "Gulf Horizon's Samir Haddad": the name after the possessive
        elif speaks:
            name = last_two(words)
        elif (after_role or after_speech or after_by or followed_by_who or described_as_person(body, run.end()) or initials(words[0][1])) and not titled:
            name = words
        elif (
            (AGE_AFTER.match(body, run.end()) or _SIGNS_QUOTE.search(body, max(0, run.start() - 6), run.start()))
            and not titled
            and not any(w in lex.body_heads or w in lex.named_thing_heads for _, w in words)
        ):
            name = words  # "Grilpir Giskgrourtveir, 46, said", '"…" - Vrailken Galtolno, annual press conference'
        elif words[-1][1] in speaking and not any(w in lex.title_words or w in lex.body_heads for _, w in words[-2:]):
            name = last_two(words)  # "Sailas Kimfailmir and …", where "Kimfailmir promised" elsewhere
        else:
            first = next((i for i, (_, w) in enumerate(words) if fold(w) in lex.given_names and w not in lex.title_words), None)
            if first is None and not (before and before[-1] in ("the", "a", "an", "The")):
                # "the Journal du Dimanche" is no one; "spoke to | Vrailken Galtolno" and
                # "Galtolno … | Vrailken Galtolno" are someone
                cued = (  # not "meet Nord Stream executives"
                    person_cue_before().search(body, max(0, run.start() - 30), run.start()) is not None
                    and NAME_END.match(body, run.end()) is not None
                ) or (
                    person_verb_after().match(body, run.end()) is not None and SUBJECT_PLACE.search(body[max(0, run.start() - 8) : run.start()]) is not None
                )
                if cued:
                    name = repeated_alone(words, standing | {words[-1][1]}, lower_words)
                elif not in_place:  # "the troops met in Nova Kakhovka … Kakhovka is": a place
                    name = repeated_alone(words, standing, lower_words)
                else:
                    name = []
            else:
                name = [] if first is None else words[first:]
            if any(w in lex.title_words for _, w in name[1:]):
                name = []
        owned = next((i for i, (_, w) in enumerate(name) if POSSESSIVE_END.search(w)), None)
        if owned is not None:
            name = name[: owned + 1]  # "Chancellor Zessim Vresklusziv’s Social Democrats": the name ends at the possessive
        given = next((i for i, (_, w) in enumerate(name) if i and fold(w) in lex.given_names and w not in lex.title_words), None)
        if given is not None and len(name) - given >= 2:
            name = name[given:]  # "Digital Transformation Mykhailo Fedorov": from the given name on
        name = name[:3]
        if len(name) < 2 or name[-1][1] in lex.named_thing_heads:
            continue  # "President Wilson Hotel" is a hotel
        start = name[0][0]
        end = name[-1][0] + len(strip_possessive(name[-1][1]))
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
        inside = frozenset(m.group(1) for m in CAPITAL_INSIDE.finditer(body))
        for word in alone:
            # never written in lower case (as "officials" or "analysts" would be), and with a
            # capital inside a sentence at least once, not only as a sentence's first word
            if word not in surnames and word.lower() not in lower_words and word in inside:
                surnames[word] = word  # "Galtolno claimed …", never printed in full
    for surname, text in surnames.items():
        for start in word_occurrences(body, surname):
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
        return rest if len(rest) == 2 else last_two(rest) if len(rest) > 2 else []  # "French | Republic Dartgeis Treldartvrouv"
    return last_two(words) if len(words) >= 4 else []


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
