"""Who is being talked about where: names, role phrases and pronouns, in text order.

This is the coreference the speaker finder needs, and no more: each person or body
mentioned outside quotation marks becomes a *reference*; a pronoun (he/she) refers to
the nearest earlier person reference of a compatible gender.

The text is read before the knowledge base is asked (issue 14):

* a role phrase ("the secretary general", "the German leader") is the person the text
  printed with that title ("NATO secretary-general Maren Halvorsen"), or the person it
  has already read it as; failing that, a person the knowledge base does not know named
  just before it (not one the text gave another title); only when the text never ties
  the role to anyone, whoever held the office on the article's date;
* a person's gender is the knowledge base's, else what the text says: an honorific
  ("Ms", "MR."), a gendered title or apposition ("spokeswoman", "the Kremlin
  spokesman"), a pronoun later in the sentence that names them as its subject, or a
  pronoun already resolved to them (word lists in ``edu_kit/data/lexicon.yaml``:
  ``honorifics``, ``gendered_nouns``, ``gendered_words``).  A person of unknown gender
  is still a candidate for he or she.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from .._data import data_file
from ..corpus import Article
from ..knowledge import KnowledgeBase, Person
from ._lexicon import lexicon, lowered, trie_pattern
from .records import Mention, SpeakerKind

__all__ = ["Reference", "References", "build_references"]

# How far back (in paragraphs) a pronoun may look for the person it stands for.
_PRONOUN_WINDOW = 6
# How far back (in sentences) a pronoun prefers a subject to a nearer object.
_SUBJECT_WINDOW = 3


class Reference(NamedTuple):
    """A stretch of text that refers to a speaker-capable person or body (an immutable
    tuple: an article has dozens, and tuples cost a tenth of a frozen dataclass to make)."""

    start: int
    end: int
    name: str
    kind: SpeakerKind
    gender: str | None
    via: str  # "name", "role", "pronoun", "description", "place" or "unnamed" (name "")
    paragraph: int
    sentence: int = -1
    subject: bool = False  # not the object of a verb or preposition ("briefed Shmyhal")


@dataclass(frozen=True)
class References:
    """All references of one article, sorted by position."""

    items: tuple[Reference, ...]
    starts: tuple[int, ...]

    def within(self, start: int, end: int) -> tuple[Reference, ...]:
        """References lying inside ``[start, end)``."""
        lo = bisect_right(self.starts, start - 1)
        hi = bisect_left(self.starts, end, lo)  # stop at the first that starts at ``end``
        return tuple(r for r in self.items[lo:hi] if r.end <= end)

    def nearest_before(self, offset: int) -> Iterator[Reference]:
        """References that end before ``offset``, nearest first, produced lazily (a caller
        that stops at the first it wants does not walk the whole article)."""
        for index in range(bisect_right(self.starts, offset) - 1, -1, -1):  # no copy of the list
            ref = self.items[index]
            if ref.end <= offset:
                yield ref

    def before(self, offset: int) -> tuple[Reference, ...]:
        """References that end before ``offset``, nearest last."""
        return tuple(r for r in self.items[: bisect_right(self.starts, offset)] if r.end <= offset)


@lru_cache(maxsize=8)
def _scanner(kb: KnowledgeBase) -> re.Pattern[str]:
    """One pass over the lower-cased body finds role phrases, descriptions and pronouns.

    At one position a role phrase ("the kremlin spokesman") wins over a description
    ("the russian diplomat"), which is tried next.
    """
    cues = {" ".join(cue.split()) for role in kb.roles for cue in role.cues}
    special = {" ": r"(?:['’]s)?[\s-]+", "'": "['’]", "-": r"[\s-]+"}
    roles = trie_pattern(cues, lambda ch: special.get(ch, re.escape(ch)))
    lex = lexicon()
    nouns = trie_pattern({n.lower() for n in lex.role_nouns if n.isalpha() and len(n) > 3})
    pronouns = trie_pattern({p.lower() for p in lex.pronouns})
    unnamed = trie_pattern(set(lex.unnamed_people))
    # a word of a description: "u.s." but not "positions." at a sentence's end (a
    # description never runs on into the next sentence: "the positions.\n\nThe NATO chief")
    word = r"(?:[\w-]+|(?:\w\.)+)"
    return re.compile(
        rf"(?<![\w-])(?:(?P<role>(?:the\s+)?(?:{roles}))|(?P<pronoun>{pronouns})|(?P<description>the\s+(?:{word}[ \t]+){{0,3}}?(?:{nouns}))"
        rf"|(?P<unnamed>an?\s+(?:{word}[ \t]+){{0,2}}?(?:{unnamed})))(?![\w-])"
    )


def _holder(kb: KnowledgeBase, phrase: str, published: date | None) -> Person | None:
    """Who a role phrase means: on the publication date, or -- for an undated article --
    whoever held the role throughout the period edu_kit teaches (``data/period.yaml``)."""
    if published is not None:
        return kb.holder(phrase, published)
    period = data_file("period")
    first, last = kb.holder(phrase, period["start"]), kb.holder(phrase, period["end"])
    return first if first is not None and last is not None and first.id == last.id else None


_OF_PLACE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?")
_STRANGER_WINDOW = 300  # characters back in which an unknown person may be the one a title means


def _unknown_before(
    article: Article, named: list[Any], starts: list[int], offset: int, kb: KnowledgeBase, titled: dict[str, str], role: str | None
) -> Any:
    """The latest person named before ``offset`` as a subject (not "spoke to X"), within
    ``_STRANGER_WINDOW``, if the knowledge base does not know them; None when that person
    is someone it knows.  Someone the text has given another title ("Russian Deputy
    Foreign Minister Droupund Kligreivtrain" in ``titled``) is not the one a role means."""
    for r in reversed(named[: bisect_right(starts, offset)]):
        if r[0] < offset - _STRANGER_WINDOW:
            return None
        if r[4] != "person" or r[2] != "name" or (r[3] in titled and titled[r[3]] != role):
            continue
        sentence = article.sentence_at(r[0])
        if sentence is not None and _is_object(article.body, sentence.start, r[0]):
            continue
        return r if kb.person(r[3] or "") is None else None
    return None


_POSSESSED = re.compile(r"['’]s\s+([a-z]+)\b")


def _office_body(kb: KnowledgeBase, person: Person | None, published: date | None) -> str | None:
    """The body of the one office ``person`` held on ``published`` (or throughout the
    period edu_kit teaches, for an undated article), or None."""
    if person is None:
        return None
    if published is not None:
        days = [published]
    else:
        period = data_file("period")
        days = [period["start"], period["end"]]
    orgs = {org for t in person.roles if all(t.covers(day) for day in days) and (org := kb.role(t.role).org) is not None}
    return kb.entity(orgs.pop()).name if len(orgs) == 1 else None


_HONORIFIC_BEFORE = re.compile(r"(?<![\w.])([A-Za-z]+)\.?[ \t]+$")
_LETTERS = re.compile(r"[A-Za-z]+")
_LEAD_CUT = re.compile(r"[,;:()\"“”«»]")
_APPOSITION_AFTER = re.compile(r",\s+(?:a|an|the)\s+([^,;.\n]{1,60})")
_APPOSITION_TAIL = re.compile(r"\s(?:of|to|for|in|at|with|from|on|and|who|whose|whom|which|that)\s")
_GENDER_REACH = 160  # characters after a name in which its sentence's pronoun may say its gender


def _text_genders(article: Article, named: list[Any], inside: _Spans) -> dict[str, str]:
    """The gender the text gives each person the knowledge base does not know: an
    honorific before a name ("Ms Halvorsen"), a gendered noun in the title before it or
    the apposition after it ("spokeswoman Brikon Brutreirzouv", "X, the Kremlin
    spokesman,"), or a pronoun later in the sentence that names them as its subject when
    nobody else stands between ("Bulnanfuv, 61, a retired tram driver, has inspected the
    basement of his apartment block").  Each mention votes; a tie says nothing."""
    lex = lexicon()
    body = article.body
    people = [r for r in named if r[4] == "person" and r[3]]
    votes: dict[str, dict[str, int]] = {}
    for index, (start, end, _, name, _, known) in enumerate(people):
        if known is not None:
            continue
        said: list[str] = []
        honorific = _HONORIFIC_BEFORE.search(body, max(0, start - 8), start)
        if honorific is not None and honorific.group(1).capitalize() in lex.honorifics:
            said.append(lex.honorifics[honorific.group(1).capitalize()])
        sentence = article.sentence_at(start)
        first, last = (sentence.start, sentence.end) if sentence is not None else (max(0, start - 200), min(len(body), end + 200))
        # the title right before the name ("Foreign Ministry spokeswoman | Brikon …"; not
        # "the wife of | Taras …"): its last word in lower case
        lead = [w for w in _LETTERS.findall(_LEAD_CUT.split(body[max(first, start - 60) : start])[-1]) if not w[:1].isupper()]
        # the head of an apposition (", the Kremlin spokesman,"; not ", a colleague of his wife,")
        apposition = _APPOSITION_AFTER.match(body, end)
        head = _APPOSITION_TAIL.split(apposition.group(1))[0] if apposition is not None else ""
        words = lead[-1:] + _LETTERS.findall(head)
        said.extend(lex.gendered_nouns[w.lower()] for w in words if w.lower() in lex.gendered_nouns)
        if not said and not _is_object(body, first, start):
            reach = min(last, end + _GENDER_REACH, people[index + 1][0] if index + 1 < len(people) else len(body))
            for word in _LETTERS.finditer(body, end, reach):
                gender = lex.gendered_words.get(word.group().lower())
                if gender is not None and word.start() not in inside:
                    said.append(gender)
                    break
        for gender in said:
            tally = votes.setdefault(name, {})
            tally[gender] = tally.get(gender, 0) + 1
    result = {}
    for name, tally in votes.items():
        ranked = sorted(tally.items(), key=lambda item: -item[1])
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            result[name] = ranked[0][0]
    return result


def _description_gender(text: str) -> str | None:
    last = text.lower().split()[-1]
    if "woman" in last:
        return "female"
    if last.endswith("man") and last != "chairman":
        return "male"
    return None


class _Spans:
    """Sorted, non-overlapping spans with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.spans[index][1]


def build_references(
    article: Article,
    found: tuple[Mention, ...],
    kb: KnowledgeBase,
    quoted: list[tuple[int, int]],
) -> References:
    """References of ``article`` outside the quotation spans ``quoted``."""
    paragraph_of = _paragraph_lookup(article)
    inside = _Spans(quoted)
    raw: list[tuple[int, int, str, str | None, SpeakerKind | None, str | None]] = []
    for mention in found:
        if mention.start in inside:
            continue
        if mention.kind == "person":
            person = kb.person(mention.name)
            owned = _POSSESSED.match(article.body, mention.end)
            if owned is not None and owned.group(1).lower() in lexicon().possessive_bodies:
                # "Shoigu's ministry said": the body of Shoigu's office, not Shoigu.
                body = _office_body(kb, person, article.published)
                if body is not None:
                    raw.append((mention.start, owned.end(), "name", body, "organization", None))
                continue
            raw.append((mention.start, mention.end, "name", mention.name, "person", person.gender if person else None))
        elif mention.kind == "organization":
            raw.append((mention.start, mention.end, "name", mention.name, "organization", None))
        elif mention.kind == "place":
            raw.append((mention.start, mention.end, "place", mention.name, "organization", None))
    named = sorted(raw)
    read = _text_genders(article, named, inside)
    if read:
        named = [r if r[5] is not None or r[4] != "person" or r[3] not in read else (*r[:5], read[r[3]]) for r in named]
        raw = [r if r[5] is not None or r[4] != "person" or r[3] not in read else (*r[:5], read[r[3]]) for r in raw]
    named_starts = [r[0] for r in named]
    named_people = {r[3] for r in named if r[4] == "person"}
    dropped: set[int] = set()
    printed_holders: dict[str, tuple[str | None, str | None]] = {}  # role id -> (name, gender) printed with it
    titled: dict[str, str] = {}  # person -> the role id the text printed with their name
    lex = lexicon()
    pronouns = lex.pronouns
    for match in _scanner(kb).finditer(lowered(article.body)):
        start, end = match.span()
        if start in inside:
            continue
        if match.group("pronoun"):
            raw.append((start, end, "pronoun", None, "person", pronouns[match.group()]))
            continue
        if match.group("unnamed"):
            # "a woman selling flowers": someone unnamed, who may be "she" later (name "");
            # but "Wendy Sherman, a veteran of such rooms" describes the person just named.
            if not article.body[max(0, start - 3) : start].rstrip(" ").endswith(","):
                gender = lexicon().unnamed_people[match.group().split()[-1]]
                raw.append((start, end, "unnamed", "", "person", gender))
            continue
        # Names that overlap this phrase (names never overlap each other).
        first = max(0, bisect_right(named_starts, start) - 1)
        overlapping = [r for r in named[first : bisect_right(named_starts, end)] if r[0] < end and start < r[1]]
        role = kb.cue_role(match.group()) if match.group("role") else None
        former = match.group("role") is not None and lex.former_word.search(article.body, max(0, start - 24), start) is not None
        following = named[bisect_right(named_starts, end - 1) : bisect_right(named_starts, end - 1) + 2]
        if len(following) == 2 and following[0][4] != "person" and _OF_PLACE.fullmatch(article.body, end, following[0][0]) is not None:
            # "Deputy Prime Minister … of Ukraine Nasmun Grorklorki": the country belongs to the title
            end_of_title = following[0][1]
            following = following[1:]
        else:
            end_of_title = end
            following = following[:1]
        inside_name = [r for r in overlapping if r[4] == "person"]
        preceding = named[max(0, first - 1) : first + 1]
        printed = (
            inside_name
            # "the White House press secretary, Purtfund Koundvroundvron, said": the name in apposition
            or [r for r in following if r[4] == "person" and re.fullmatch(r",?\s*", article.body[end_of_title : r[0]])]
            # "Brikon Brutreirzouv, the Russian Foreign Ministry spokeswoman, wrote": an apposition
            or [r for r in preceding if r[4] == "person" and r[1] <= start and re.fullmatch(r",\s*", article.body[r[1] : start])]
        )
        if printed and role is not None and not former:
            # A later "the secretary general" is whoever the article printed with the title
            # ("NATO secretary-general Maren Halvorsen"), not the holder the data knows.
            printed_holders[role.id] = (printed[0][3], printed[0][5])
            if printed[0][3]:
                titled.setdefault(printed[0][3], role.id)
        if inside_name:
            continue  # "NATO Secretary General Jens Stoltenberg": the name says it already
        if match.group("role") and re.search(r"(?:^|\s)(?:an?|one|another)\s+$", article.body[max(0, start - 8) : start], re.IGNORECASE):
            continue  # "a State Department spokesperson": someone unnamed, not the office holder
        if former:
            continue  # "the former secretary general": a past holder the text does not name
        holder = _holder(kb, match.group(), article.published) if match.group("role") else None
        if printed and match.group("role"):
            # The title right before a printed name stands for that name (the sentence's subject).
            dropped.update(r[0] for r in overlapping)
            if not former:
                raw.append((start, end, "role", printed[0][3], "person", printed[0][5]))
            continue
        if role is not None and role.id in printed_holders:
            name, gender = printed_holders[role.id]
            raw.append((start, end, "role", name, "person", gender))
            dropped.update(r[0] for r in overlapping)
            continue
        if holder is not None and holder.name not in named_people:
            # The data's office holder is nowhere in the text, but the text has just named
            # someone the data does not know: "Bouskklaisgor said … Russia's top diplomat
            # said": the title is that person's (the text wins over the data).
            stranger = _unknown_before(article, named, named_starts, start, kb, titled, None if role is None else role.id)
            if stranger is not None:
                raw.append((start, end, "role", stranger[3], "person", stranger[5]))
                if role is not None:
                    # "the German chancellor added" read as Meivnaindtem: a later "the German
                    # leader" (the same office) is Meivnaindtem too, whoever is nearer.
                    printed_holders[role.id] = (stranger[3], stranger[5])
                    if stranger[3]:
                        titled.setdefault(stranger[3], role.id)
                dropped.update(r[0] for r in overlapping)
                continue
        if match.group("role"):
            # "the Kremlin chief" is a person, not the Kremlin (even when we cannot say who).
            dropped.update(r[0] for r in overlapping)
            if holder is not None:
                raw.append((start, end, "role", holder.name, "person", holder.gender))
        elif not overlapping:
            text = article.body[start:end]
            raw.append((start, end, "description", text, "person", _description_gender(text)))
    if dropped:
        raw = [r for r in raw if not (r[0] in dropped and r[2] in ("name", "place"))]
    raw.sort(key=lambda r: r[0])
    items: list[Reference] = []
    learned: dict[str, str] = {}  # person -> the gender a pronoun resolved to them gave
    for start, end, via, name, kind, gender in raw:
        paragraph = paragraph_of(start)
        if via == "pronoun":
            # A second "he" in a sentence means the same person as the first.
            sentence = article.sentence_at(start)
            same = None
            if sentence is not None:
                for r in reversed(items):
                    if r.start < sentence.start:
                        break
                    if r.via == "pronoun" and r.gender == gender:
                        same = r
                        break
            antecedent = same if same is not None else _antecedent(items, gender, paragraph, -1 if sentence is None else sentence.index, learned)
            if antecedent is None:
                continue
            name = antecedent.name
            if antecedent.gender is None and gender is not None and antecedent.name:
                learned.setdefault(antecedent.name, gender)  # "she told reporters": the text calls her "she"
            gender = antecedent.gender or gender
        elif via == "description":
            where = article.sentence_at(start)
            antecedent = _described(items, name or "", gender, paragraph, kb, article.body, -1 if where is None else where.index)
            if antecedent is None:
                continue
            name = antecedent.name
            gender = antecedent.gender or gender
        if name is None or kind is None:
            continue
        where = article.sentence_at(start)
        subject = (
            kind == "person"
            and via != "pronoun"
            and where is not None
            and not _is_object(article.body, where.start, start)
            and _POSSESSED.match(article.body, end) is None  # "even if Galtolno's intentions were not": a possessor
        )
        items.append(Reference(start, end, name, kind, gender, via, paragraph, -1 if where is None else where.index, subject))
    return References(tuple(items), tuple(r.start for r in items))


_QUOTE_CHARS = "\"“”‘’«»()[]"


def _is_object(body: str, sentence_start: int, start: int) -> bool:
    """Does the reference follow a preposition or a verb in its clause ("spoke with Russian
    Foreign Minister Sergei Lavrov", "accused Scholz")?  Titles and capitalised words before
    the name are skipped; a comma or the sentence start before it means a subject."""
    lex = lexicon()
    lead = body[max(sentence_start, start - 120) : start]
    tokens = lead.split()
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        if token.rstrip(_QUOTE_CHARS).endswith(","):
            return False
        word = token.strip(_QUOTE_CHARS)
        if not word or word[:1].isupper() or word.lower() in lex.title_words_lower or word in ("the", "and"):
            continue
        if _according_end().search(" ".join(tokens[max(0, position - 3) : position + 1])):
            return False  # "According to Grorklorki, …": the source of the words, not an object
        return word.lower() in lex.object_markers or (len(word) > 4 and word.endswith(("ed", "ing")))
    return False


@lru_cache(maxsize=1)
def _according_end() -> re.Pattern[str]:
    return re.compile(rf"(?:{lexicon().according_to.pattern})$", re.IGNORECASE)


def _described(
    items: list[Reference], text: str, gender: str | None, paragraph: int, kb: KnowledgeBase, body: str = "", sentence: int = -1
) -> Reference | None:
    """The nearest earlier person a description fits (gender, and nationality when it says
    one); "the official" is first the unnamed "a senior official" introduced before."""
    demonyms = lexicon().demonyms
    noun = text.lower().split()[-1] if text.split() else ""
    for ref in reversed(items):
        if paragraph - ref.paragraph > _PRONOUN_WINDOW:
            break
        if ref.via == "unnamed" and body[ref.start : ref.end].lower().split()[-1:] == [noun]:
            return ref
    nationality = {demonyms[w] for w in re.findall(r"[A-Z][\w.]*", text) if w in demonyms}
    nearest = None
    for ref in reversed(items):
        if paragraph - ref.paragraph > _PRONOUN_WINDOW:
            break
        if ref.kind != "person" or ref.via == "place" or (gender and ref.gender and ref.gender != gender):
            continue
        person = kb.person(ref.name)
        if nationality and person is not None and person.country not in nationality:
            continue
        if nearest is None:
            nearest = ref
        if sentence - ref.sentence > _SUBJECT_WINDOW:
            break
        if ref.subject:
            return ref  # like a pronoun, a description prefers a subject to a nearer object
    return nearest


def _antecedent(items: list[Reference], gender: str | None, paragraph: int, sentence: int, learned: dict[str, str] | None = None) -> Reference | None:
    """The person a he/she stands for: the latest person of a compatible gender in this
    sentence or the three before who is not an object ("Fedorov said he had briefed
    Shmyhal. "…," he wrote" is Fedorov), else the nearest compatible person.

    ``learned`` holds the gender earlier pronouns gave people the knowledge base does not
    know.  When the person just talked about is of the other gender and the choice would
    be someone whose gender the text never gave, a reader takes the person within reach
    the text has already shown to be of this gender ("she told reporters" ... "he said"
    ... "…," she added" is the first speaker)."""
    learned = learned or {}

    def fits(ref: Reference, known_only: bool) -> bool:
        said = ref.gender or learned.get(ref.name)
        return ref.kind == "person" and ref.via != "place" and (said == gender or (said is None and not known_only))

    chosen = _nearest_fitting(items, paragraph, sentence, lambda r: fits(r, False))
    if chosen is None or gender is None or (chosen.gender or learned.get(chosen.name)) is not None:
        return chosen
    latest = next((r for r in _within_reach(items, paragraph) if r.kind == "person" and r.via != "place"), None)
    latest_gender = None if latest is None else latest.gender or learned.get(latest.name)
    if latest_gender is None or latest_gender == gender:
        return chosen
    # "…," he said. "…," she added: the writer turns from the man just quoted to someone
    # the text has already shown to be a "she", not to a person it never gave a gender.
    known = _nearest_fitting(items, paragraph, sentence, lambda r: fits(r, True))
    return known if known is not None else chosen


def _within_reach(items: list[Reference], paragraph: int) -> Iterator[Reference]:
    """The references a pronoun may look back to, nearest first."""
    for ref in reversed(items):
        if paragraph - ref.paragraph > _PRONOUN_WINDOW:
            return
        yield ref


def _nearest_fitting(items: list[Reference], paragraph: int, sentence: int, fits: Callable[[Reference], bool]) -> Reference | None:
    nearest = None
    for ref in reversed(items):
        if paragraph - ref.paragraph > _PRONOUN_WINDOW:
            break
        if fits(ref):
            if nearest is None:
                nearest = ref
            if sentence - ref.sentence > _SUBJECT_WINDOW:
                break
            if ref.subject:
                return ref
    return nearest


def _paragraph_lookup(article: Article) -> Callable[[int], int]:
    starts = [p.start for p in article.paragraphs]

    def find(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    return find

