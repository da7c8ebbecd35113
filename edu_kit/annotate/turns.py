"""Speaker turns in transcripts and interviews: quotations without quotation marks.

A paragraph that opens with a speaker label is one *turn*:

* a name in capitals (titles such as "MR" or "RUSSIAN FOREIGN MINISTER" before it are
  not part of it), optionally with a role after a comma and a note in brackets
  ("SERGEI LAVROV, RUSSIAN FOREIGN MINISTER (through interpreter): ...", "HALE: ..."),
  or a name in ordinary case that the article names elsewhere ("Moreau: ..."), also after
  a title as kremlin.ru, mid.ru and nato.int print them ("President of Russia Vladimir
  Putin:", "President of France Emmanuel Macron (retranslated):", "NATO Secretary General
  Jens Stoltenberg:"; lower-case joiners from ``label_title_joiners``);
* a question or an answer label ("Q:", "A:", "Question:", "Answer:").

A turn is a quotation of the labelled person, except the turns of the outlet's own
staff (a label role from ``staff_roles`` in ``edu_kit/data/lexicon.yaml``, such as
ANCHOR or CORRESPONDENT, and their later turns under a shorter label) and questions.
An answer belongs to the interviewee: the first person named in the nearest
paragraph before the first question or answer that names someone.

Labels that are not names ("CLAIM:", "UPDATE:") are never turns: a label must be
two or more words, carry a role, or be the surname of someone the article names.

A briefing's unnamed speakers ("SENIOR ADMINISTRATION OFFICIAL:", "SENIOR STATE DEPARTMENT
OFFICIAL ONE:", and "MODERATOR:" on a government's own transcript) speak for a body: the
one that publishes the transcript, else the one their label names.  Such a label is known
by its shape: words in capitals ending in a head noun of ``unnamed_label_heads``
(OFFICIAL, SPOKESPERSON, MODERATOR), maybe numbered ("ONE", "2", "#1"; ``label_ordinals``),
or it is one of ``unnamed_speaker_labels``; their turns have ``kind`` "unnamed_source".

In a transcript a paragraph without a label continues the turn before it.  A text is a
transcript when it has two labelled turns in capitals or more, a labelled question and a
quoted turn ("Question: …" then "Sergey Lavrov: …"), or one label in the form transcripts
use and news prose does not: a known person's name after a title ("President of Russia Vladimir Putin:") or with a
note in brackets.  So an excerpt of one speaker's words is a transcript too; when only
such a label says so, and the page is no record of a spoken event (neither published by a
body the knowledge base knows nor titled "Press conference …", "Talks with …"), the turn
runs only while its paragraphs speak as "I", "we" or to "you" (``first_person_words``,
``spoken_event_words``): a live blog's "Title Name: words" line does not swallow the prose
after it.  A reporter's
"Q" line ("Q    Happy Friday.") is a question even without a colon.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from .._data import data_file
from ..corpus import Article
from ..knowledge import KnowledgeBase
from ._lexicon import lexicon
from .records import Mention, SpeakerKind

__all__ = ["Turn", "body_named_in", "turns"]

_UPPER_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][A-ZÀ-ÖØ-ÞĀ-Ž.'’-]*"
_CASED_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w.'’-]*"
_LABEL_MAX_CHARS = 200  # fourteen words, a role of up to 80 characters and a note in brackets
_OPENING_MARKS = "\"“«„‘'"
_NUMBER = r"(?:[ \t]+(?:NO\.[ \t]*|#)?\d{1,2})"  # "SENIOR ADMINISTRATION OFFICIAL 2", "… #1"


@lru_cache(maxsize=1)
def _label_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The lexicon's joiners of title words, unnamed-label heads and ordinals (lower case)."""
    spec = data_file("lexicon")
    return (
        frozenset(w.lower() for w in spec["label_title_joiners"]),
        frozenset(w.lower() for w in spec["unnamed_label_heads"]),
        frozenset(w.lower() for w in spec["label_ordinals"]),
    )


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    """A label: up to eight words in capitals (maybe numbered), or up to fourteen words in
    ordinary case that lower-case joiners or a dash may link ("President of Russia Vladimir
    Putin", "Deputy Chief of Staff of the Presidential Executive Office – Presidential Press
    Secretary Dmitry Peskov"),
    then a role after a comma, a note in brackets, and the colon."""
    joiners = "|".join(re.escape(w) for w in sorted(_label_words()[0]))
    cased = rf"{_CASED_WORD}(?:[ \t]+(?:(?:{joiners})[ \t]+){{0,3}}{_CASED_WORD}){{0,13}}"
    return re.compile(
        rf"(?P<label>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,7}}{_NUMBER}?|{cased})"
        r"(?:,[ \t]*(?P<role>[^:()\n]{1,80}?))?(?:[ \t]*\((?P<note>[^()\n]{1,40})\))?:[ \t]+(?=\S)"
    )


@dataclass(frozen=True)
class Turn:
    """One labelled paragraph: the words after the label, and who speaks them.

    ``label_start``/``label_end`` span the speaker's name in the label; ``cue`` is the
    whole label ("SERGEI LAVROV, RUSSIAN FOREIGN MINISTER (through interpreter):").
    ``quotation`` is False for questions and for the outlet's own staff.
    """

    start: int
    end: int
    label_start: int
    label_end: int
    speaker: str | None
    cue: str
    quotation: bool
    kind: SpeakerKind = "person"
    cue_start: int = -1  # where the label begins (titles included); -1: no label of its own


_QUESTION_WITHOUT_COLON = re.compile(r"(?:Q|QUESTION)(?:[ \t]{2,}|\t)(?=\S)")


def turns(article: Article, found: tuple[Mention, ...] | list[Mention], kb: KnowledgeBase) -> tuple[Turn, ...]:
    """The speaker turns of ``article`` (none in an ordinary news story).

    >>> from edu_kit.corpus import parse_article
    >>> from edu_kit.knowledge import load_knowledge
    >>> art = parse_article("MARCUS HALE, CORRESPONDENT: Talks ended.\\n"
    ...                     "SERGEI LAVROV (through interpreter): We wait for answers.\\n"
    ...                     "HALE: Back to the studio.", id="x")
    >>> [(t.speaker, t.quotation) for t in turns(art, [], load_knowledge())]
    [('Marcus Hale', False), ('Sergei Lavrov', True), ('Marcus Hale', False)]
    """
    lex = lexicon()
    staff_roles, questions, answers, not_names = lex.staff_roles, lex.question_labels, lex.answer_labels, lex.not_speaker_labels
    label_pattern = _label_pattern()
    people = [m for m in found if m.kind == "person"]
    labelled: dict[str, str] = {}  # surname (upper case) -> full name, from earlier labels
    staff: set[str] = set()
    interviewee: str | None = None
    named_paragraphs: tuple[list[int], list[str]] | None = None  # for _interviewee, made once
    result: list[Turn] = []
    guessed: list[int] = []
    continued: list[Turn] = []  # unlabelled paragraphs that continue a turn
    unvoiced: set[int] = set()  # … of which these have no word of a speaker's own voice
    formal = False  # a label only a transcript has ("President of Russia Vladimir Putin:")
    titled: set[str] = set()  # people whose label gave a title, a role or a note
    untitled: set[int] = set()  # turns (indexes in result) labelled by a name alone, nobody's titled
    current: Turn | None = None
    issuer: str | bool | None = False  # the body that publishes the article, looked up once
    for paragraph in article.paragraphs:
        if paragraph.kind != "text":
            continue
        bare = _QUESTION_WITHOUT_COLON.match(article.body, paragraph.start, paragraph.end)
        if bare is not None:
            current = None
            result.append(Turn(bare.end(), paragraph.end, paragraph.start, paragraph.start + 1, None, "Q", False, cue_start=paragraph.start))
            continue
        match = None
        if article.body.find(":", paragraph.start, paragraph.start + _LABEL_MAX_CHARS) >= 0:
            match = label_pattern.match(article.body, paragraph.start, paragraph.end)
        if match is None:
            text = paragraph.text.strip()
            if text[:1] in "([" and text[-1:] in ")]":
                continue  # a stage direction: "(The briefing was concluded at 3:02 p.m.)"
            if current is not None and current.speaker and current.kind == "person" and any(
                m.name == current.speaker and paragraph.start <= m.start < paragraph.end for m in people
            ):
                current = None  # "Putin said …": the reporter writes about the speaker; the turn is over
            if current is not None and current.quotation:
                continued.append(
                    Turn(paragraph.start, paragraph.end, current.label_start, current.label_end, current.speaker,
                         current.cue, True, current.kind, paragraph.start)
                )
                if not _speaks_in_person(text):
                    unvoiced.add(paragraph.start)
            continue
        current = None
        label = match.group("label")
        role = (match.group("role") or "").lower()
        start, end = match.end(), paragraph.end
        if article.body[start] in _OPENING_MARKS or article.body[start].islower() or lex.speech_verb.search(role):
            # 'Maria Zakharova wrote on Telegram: "..."' is prose, quoted with marks, and
            # "Kremlin spokesman Dmitry Peskov: talks will go on" a summary: a turn opens a sentence.
            continue
        cue = article.body[paragraph.start : match.end()].rstrip()
        if label in questions or label in answers:
            if interviewee is None:
                if named_paragraphs is None:
                    named_paragraphs = _named_paragraphs(article, people)
                interviewee = _interviewee(named_paragraphs, paragraph.start)
            speaker = interviewee if label in answers else None
            result.append(Turn(start, end, match.start("label"), match.end("label"), speaker, cue,
                               label in answers and speaker is not None, cue_start=paragraph.start))
            continue
        if label.upper() in not_names:
            continue
        if _unnamed_label(label):
            if issuer is False:
                issuer = _issuer(article, kb)
            # The body that put the speaker forward (its own transcript), else the one named.
            body = issuer if isinstance(issuer, str) else body_named_in(label, kb)
            turn = Turn(start, end, match.start("label"), match.end("label"), body, cue, body is not None, "unnamed_source", paragraph.start)
            result.append(turn)
            current = turn
            continue
        named = _name(label, people, labelled, kb, match.start("label"))
        if label.isupper() and label.split()[0] == "THE":
            named = _role_label(label, article, people, kb, match.start("label"))
        if named is None:
            continue
        name, name_start, how = named
        if how == "guess" and not role:
            guessed.append(len(result))  # a name read from capitals only: "NEW DELHI:" may be a dateline
        if how != "guess" and (name_start > match.start("label") or match.group("note")):
            formal = True  # "President of Russia Vladimir Putin:", "EMMANUEL MACRON (retranslated):"
        is_staff = any(word in role for word in staff_roles) or name in staff or _outlet_note(match.group("note") or role, kb)
        if is_staff:
            staff.add(name)  # the outlet's staff, or a reporter labelled with their outlet ("Teri Schultz (NPR):")
        if name_start > match.start("label") or role or match.group("note"):
            titled.add(name)
        elif how == "known" and name not in titled and not is_staff:
            untitled.add(len(result))  # "Vyacheslav Terekhov:": a name alone (a reporter, when officials have titles)
        labelled[name.split()[-1].upper()] = name
        turn = Turn(start, end, name_start, match.end("label"), name, cue, not is_staff, cue_start=paragraph.start)
        result.append(turn)
        current = turn
    if formal and untitled:
        result, continued = _reporters(article, result, continued, untitled, titled, kb)
    if len(result) < 2:
        # One capitalised label in a whole article is a dateline or a heading, not a transcript.
        result = [t for i, t in enumerate(result) if i not in guessed]
    in_capitals = [t for t in result if article.body[t.label_start : t.label_end].isupper()]
    asked = any(article.body[t.label_start : t.label_end] in questions for t in result)  # a labelled question
    confirmed = len(in_capitals) >= 2 or (asked and any(t.quotation for t in result))
    if formal and not confirmed and unvoiced and not _spoken_page(article, kb):
        # Only a label's form says "transcript": a turn runs while it speaks as "I" or "we"
        # ("Russia has massed troops near the border." after "… Lavrov (left): …" is prose).
        ended = {t.label_start: min(u.start for u in continued if u.label_start == t.label_start and u.start in unvoiced)
                 for t in continued if any(u.label_start == t.label_start and u.start in unvoiced for u in continued)}
        continued = [t for t in continued if t.label_start not in ended or t.start < ended[t.label_start]]
    if (formal or confirmed) and continued:
        result = sorted([*result, *continued], key=lambda t: t.start)
    return tuple(result)


def _reporters(
    article: Article, result: list[Turn], continued: list[Turn], untitled: set[int], titled: set[str], kb: KnowledgeBase
) -> tuple[list[Turn], list[Turn]]:
    """The turns of reporters in a transcript whose officials' labels carry titles (kremlin.ru:
    "President of Russia Vladimir Putin:" … "Vyacheslav Terekhov:"): a name alone that never
    had a title, of someone the knowledge base gives no office, whose turn asks a question
    ("?"), is a reporter's, as are that reporter's later turns.  They are no quotations, as
    reporters' "Q" lines are not."""
    asking: set[str] = set()
    for index in sorted(untitled):
        turn = result[index]
        name = turn.speaker or ""
        person = kb.person(name)
        if name in titled or (person is not None and person.roles):
            continue
        words = [turn, *(t for t in continued if t.label_start == turn.label_start)]
        if any("?" in _QUOTED.sub(" ", article.body[t.start : t.end]) for t in words):
            asking.add(name)
    if not asking:
        return result, continued
    silenced = {t.label_start for t in result if t.speaker in asking and t.quotation}
    result = [replace(t, quotation=False) if t.label_start in silenced else t for t in result]
    return result, [t for t in continued if t.label_start not in silenced]


def _outlet_note(note: str, kb: KnowledgeBase) -> bool:
    """Does a label's note or role name a news outlet ("Teri Schultz (NPR):", "QUESTION (Tom
    Ellery, Atlantic Broadcast):")?  A word of the lexicon's ``outlets``, ``media_words`` or
    ``press_outlets``, or an acronym the knowledge base does not know; never a note that
    names a place, a body or a title ("(NATO Spokesperson)", "(United States of America)")."""
    words = re.findall(r"[\w’'-]+", note)
    if not words or note.strip()[:1].islower():
        return False
    lex = lexicon()
    outlets = {w.lower() for w in (*lex.outlets, *lex.media_words, *data_file("lexicon")["press_outlets"])} - {w.lower() for w in data_file("lexicon")["credit_words"]}
    if any(w.lower() in outlets for w in words) or note.strip().lower() in outlets:
        return True
    known = _known_as(kb)
    return (
        len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", words[0]) is not None and words[0] not in lex.title_words
        and known.get(words[0].lower()) is None and words[0] not in lex.demonyms
    )


def _spoken_page(article: Article, kb: KnowledgeBase) -> bool:
    """Is ``article`` the record of a spoken event: published by a body the knowledge base
    knows (NATO, the White House), or titled so ("Press conference by …", "Talks with …")?"""
    title = (article.title or "").lower()
    return _issuer(article, kb) is not None or any(
        re.search(rf"\b{re.escape(str(w).lower())}\b", title) for w in data_file("lexicon")["spoken_event_words"])


@lru_cache(maxsize=1)
def _own_voice() -> re.Pattern[str]:
    """A word of the speaker's own voice (the lexicon's ``first_person_words``): "I" as
    written, the others in lower case or capitalised ("We", but not "US")."""
    words = data_file("lexicon")["first_person_words"]
    forms = sorted({w if w == "I" else f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in map(str, words)})
    return re.compile(rf"(?<![\w’'-])(?:{'|'.join(forms)})(?![\w-])")


_QUOTED = re.compile(r"[\"“«„][^\"”»“\n]*[\"”»“]")


def _speaks_in_person(text: str) -> bool:
    """Does ``text`` (outside its quotation marks) speak as "I", "we" or to "you"?"""
    return _own_voice().search(_QUOTED.sub(" ", text)) is not None


def _unnamed_label(label: str) -> bool:
    """Is ``label`` an unnamed speaker's: one of ``unnamed_speaker_labels``, or words in
    capitals ending in a head noun such as OFFICIAL, maybe numbered ("SENIOR STATE
    DEPARTMENT OFFICIAL ONE", "SENIOR ADMINISTRATION OFFICIAL 2")?"""
    _, heads, ordinals = _label_words()
    words = label.split()
    while len(words) > 1 and (words[-1].lower() in ordinals or re.fullmatch(r"(?:NO\.|#)?\d{1,2}", words[-1])):
        words = words[:-1]
    if len(words) > 1 and words[-1] in ("NO.", "NUMBER"):
        words = words[:-1]
    if " ".join(words).upper() in lexicon().unnamed_speaker_labels:
        return True
    return label.isupper() and words[-1].lower() in heads


def _issuer(article: Article, kb: KnowledgeBase) -> str | None:
    """The body that publishes ``article`` when its outlet is one the knowledge base knows
    ("The White House", "U.S. Department of State"), else None."""
    outlet = re.sub(r"\s*\(.*?\)\s*", " ", article.outlet or "").strip()
    return body_named_in(re.sub(r"^[Tt]he\s+", "", outlet), kb) if outlet else None


def body_named_in(phrase: str, kb: KnowledgeBase) -> str | None:
    """The body a phrase names: a knowledge-base alias inside it ("SENIOR STATE DEPARTMENT
    OFFICIAL" -> US State Department) or a word of the lexicon's ``unnamed_source_bodies``."""
    lower = " ".join(phrase.lower().split())
    words = lower.split()
    forms = _known_as(kb)
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            candidate = " ".join(words[first : first + size])
            if forms.get(candidate) == "organization":
                return _org_name(candidate, kb)
    bodies = lexicon().unnamed_source_bodies
    return next((body for word, body in bodies.items() if re.search(rf"\b{re.escape(word)}\b", lower)), None)


@lru_cache(maxsize=256)
def _org_name(alias: str, kb: KnowledgeBase) -> str | None:
    for surface, (entity, _) in kb.surface_forms().items():
        if surface.lower() == alias and entity.kind == "organization":
            return entity.name
    return None


def _name(label: str, people: list[Mention], labelled: dict[str, str], kb: KnowledgeBase, at: int) -> tuple[str, int, str] | None:
    """The person a label names, where the name begins, and how it was read ("known", or
    "guess" for a name read from capitals alone), or None when the label is no name."""
    upper = label.isupper()
    words = label_words = label.split()
    honorific = len(words) > 1 and words[0].rstrip(".").capitalize() in lexicon().honorifics
    titles = lexicon().title_words
    if not upper:
        return _titled_name(label, people, at, kb)
    suffixes = {str(w).upper() for w in data_file("lexicon")["name_suffixes"]}
    for first in range(1, len(words) - 1):  # "PRESIDENT OF RUSSIA VLADIMIR PUTIN": a known name at the end
        tail = words[first:]
        bare = [w for w in tail if not re.fullmatch(r"\w\.", w) and w.rstrip(".,").upper() not in suffixes]
        person = kb.person(" ".join(tail).title()) or (kb.person(" ".join(bare).title()) if len(bare) >= 2 and bare != tail else None)
        if person is not None:  # "… LLOYD J. AUSTIN III": the name without initial and suffix
            return person.name, at + label.rindex(" ".join(tail)), "known"
    while len(words) > 1 and (words[0].rstrip(".").capitalize() in titles or words[0].rstrip(".") in titles):
        words = words[1:]  # "MR PRICE", "Dr Moreau": the name without its title
    begins = " ".join(words)
    bare = [w for w in words if not re.fullmatch(r"\w\.", w) and w.rstrip(".,").upper() not in suffixes]
    if len(words) < len(label_words) and len(bare) > 2 and words[0].lower() in _label_words()[0]:
        # "SECRETARY OF DEFENSE SANEL J. VREIMKLASKUR III": after the title's complement, the
        # last two words are the name (its initial and suffix left out)
        begins = " ".join(words[len(words) - words[::-1].index(bare[-2]) - 1 :])
        words = bare[-2:]
    start = at + label.rindex(begins) if len(words) < len(label_words) else at
    if len(words) < len(label_words):
        label = " ".join(words)
    if len(words) == 1 and label.upper() in labelled:
        return labelled[label.upper()], start, "known"
    for mention in people:
        if mention.text.upper() == label.upper() or (len(words) == 1 and mention.name.split()[-1].upper() == label.upper()):
            return mention.name, start, "known"
    person = kb.person(label) or kb.person(" ".join(w for w in words if not re.fullmatch(r"\w\.", w)).title())
    if person is not None:  # "JOHN F. KIRBY" is John Kirby
        return person.name, start, "known"
    if len(words) >= 2 and _known_as(kb).get(label.lower()) in (None, "person"):
        known = _known_as(kb)
        if start > at and all(known.get(w.lower()) in (None, "person") and w.capitalize() not in lexicon().demonyms for w in words):
            # "PRESS SECRETARY SANEL VRUSKIRKLUV:": a title before two words nobody lists is a
            # person's label (as in ordinary case), even the only label of an excerpt
            return _titled(label), start, "titled"
        return _titled(label), start, "guess"
    titled = honorific or len(words) < len(label_words)  # "MS. X:", "SECRETARY X:": the word after is a surname
    if titled and len(words) == 1 and _known_as(kb).get(label.lower()) in (None, "person"):
        return _titled(label), start, "known"  # "MS. KOUNDVROUNDVRON:", "SECRETARY KIMFAILMIR:"
    return None


def _role_label(label: str, article: Article, people: list[Mention], kb: KnowledgeBase, at: int) -> tuple[str, int, str] | None:
    """The person a role label stands for ("THE PRESIDENT:" on whitehouse.gov): the one the
    title or the text before calls by that title ("Remarks by President Biden …"), else None."""
    words = label.split()[1:]
    if not words or not all(w.capitalize() in lexicon().title_words for w in words):
        return None
    role = r"\s+".join(re.escape(w.capitalize()) for w in words)
    for text in (article.title or "", article.body[:at]):
        for found in re.finditer(rf"\b{role}\s+((?:{_CASED_WORD}[ \t]*){{1,3}})", text):
            candidate = found.group(1).split()
            for size in range(len(candidate), 0, -1):
                person = kb.person(" ".join(candidate[:size]))
                if person is not None:
                    return person.name, at, "known"
    return next(((m.name, at, "known") for m in people if m.start < at and re.search(rf"\b{role}\s+$", article.body[max(0, m.start - 40) : m.start])), None)


def _titled_name(label: str, people: list[Mention], at: int, kb: KnowledgeBase) -> tuple[str, int, str] | None:
    """The person an ordinary-case label names: a person the article names there, either
    the whole label ("Moreau:") or its end after title words ("President of Russia
    Vladimir Putin:", "NATO Secretary General Jens Stoltenberg:")."""
    end = at + len(label)
    for mention in people:
        if mention.end != end or not at <= mention.start < end:
            continue
        if mention.start == at:
            return mention.name, at, "known"
        before = label[: mention.start - at].split()
        if any(w.rstrip(".") in lexicon().title_words for w in before):
            return mention.name, mention.start, "known"
    # "President of Kazakhstan Kassym-Jomart Tokayev:": a title, then two capitalised words
    # that name no place, body or title are someone the knowledge base does not know.
    words = label.split()
    titles, joiners = lexicon().title_words, _label_words()[0]
    if len(words) >= 3 and any(w.rstrip(".") in titles for w in words[:-2]) and all(
        w.rstrip(".") not in titles and w not in joiners and w[:1].isupper() and _known_as(kb).get(w.lower()) in (None, "person")
        and not w.isupper() for w in words[-2:]
    ):
        tail = " ".join(words[-2:])
        return tail, at + label.rindex(tail), "titled"
    return None  # "Ukraine: ..." in ordinary case is a heading-like lead, not a label


def _titled(label: str) -> str:
    """"MARCUS HALE" -> "Marcus Hale"."""
    return " ".join(w.capitalize() if w.isalpha() else w for w in label.split())


@lru_cache(maxsize=8)
def _known_as(kb: KnowledgeBase) -> dict[str, str]:
    """Every alias of the knowledge base in lower case -> the kind of thing it names."""
    return {surface.lower(): entity.kind for surface, (entity, _) in kb.surface_forms().items()}


def _named_paragraphs(article: Article, people: list[Mention]) -> tuple[list[int], list[str]]:
    """The starts of the paragraphs that name a person, in order, and the first person each
    names (first in ``people``): one pass over the paragraphs with bisect over the sorted
    mention starts, so that every Q/A label finds its interviewee without a rescan."""
    order = sorted(range(len(people)), key=lambda i: people[i].start)
    mention_starts = [people[i].start for i in order]
    starts: list[int] = []
    names: list[str] = []
    for paragraph in sorted(article.paragraphs, key=lambda p: p.start):
        low = bisect_left(mention_starts, paragraph.start)
        high = bisect_left(mention_starts, paragraph.end, low)
        if low < high:
            starts.append(paragraph.start)
            names.append(people[min(order[low:high])].name)
    return starts, names


def _interviewee(named: tuple[list[int], list[str]], before: int) -> str | None:
    """The first person named in the nearest paragraph before ``before`` that names one
    (``named``: :func:`_named_paragraphs`)."""
    starts, names = named
    index = bisect_left(starts, before) - 1
    return names[index] if index >= 0 else None
