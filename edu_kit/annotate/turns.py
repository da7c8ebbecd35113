"""Speaker turns in transcripts and interviews: quotations without quotation marks.

A paragraph that opens with a speaker label is one *turn*:

* a name in capitals (titles such as "MR" or "RUSSIAN FOREIGN MINISTER" before it are
  not part of it), optionally with a role after a comma and a note in brackets
  ("SERGEI LAVROV, RUSSIAN FOREIGN MINISTER (through interpreter): ...", "HALE: ..."),
  or a name in ordinary case that the article names elsewhere ("Moreau: ...");
* a question or an answer label ("Q:", "A:", "Question:", "Answer:").

A turn is a quotation of the labelled person, except the turns of the outlet's own
staff (a label role from ``staff_roles`` in ``edu_kit/data/lexicon.yaml``, such as
ANCHOR or CORRESPONDENT, and their later turns under a shorter label) and questions.
An answer belongs to the interviewee: the first person named in the nearest
paragraph before the first question or answer that names someone.

Labels that are not names ("CLAIM:", "UPDATE:") are never turns: a label must be
two or more words, carry a role, or be the surname of someone the article names.

A briefing's unnamed speakers ("SENIOR ADMINISTRATION OFFICIAL:", and "MODERATOR:" on a
government's own transcript) speak for a body: the one their label names, else the one
that publishes the transcript (``unnamed_speaker_labels`` in the lexicon); their turns
have ``kind`` "unnamed_source".  In a transcript (two labelled turns in capitals or
more) a paragraph without a label continues the turn before it; a reporter's "Q" line
("Q    Happy Friday.") is a question even without a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Article
from ..knowledge import KnowledgeBase
from ._lexicon import lexicon
from .records import Mention, SpeakerKind

__all__ = ["Turn", "body_named_in", "turns"]

_UPPER_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][A-ZÀ-ÖØ-ÞĀ-Ž.'’-]*"
_CASED_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w.'’-]*"
_LABEL_MAX_CHARS = 160  # four words, a role of up to 80 characters and a note in brackets
_OPENING_MARKS = "\"“«„‘'"
_LABEL = re.compile(
    rf"(?P<label>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,5}}|{_CASED_WORD}(?:[ \t]+{_CASED_WORD}){{0,2}})"
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
    people = [m for m in found if m.kind == "person"]
    labelled: dict[str, str] = {}  # surname (upper case) -> full name, from earlier labels
    staff: set[str] = set()
    interviewee: str | None = None
    result: list[Turn] = []
    guessed: list[int] = []
    continued: list[Turn] = []  # unlabelled paragraphs that continue a turn in capitals
    current: Turn | None = None
    issuer: str | bool | None = False  # the body that publishes the article, looked up once
    for paragraph in article.paragraphs:
        if paragraph.kind != "text":
            continue
        bare = _QUESTION_WITHOUT_COLON.match(article.body, paragraph.start, paragraph.end)
        if bare is not None:
            current = None
            result.append(Turn(bare.end(), paragraph.end, paragraph.start, paragraph.start + 1, None, "Q", False))
            continue
        match = None
        if article.body.find(":", paragraph.start, paragraph.start + _LABEL_MAX_CHARS) >= 0:
            match = _LABEL.match(article.body, paragraph.start, paragraph.end)
        if match is None:
            text = paragraph.text.strip()
            if text[:1] in "([" and text[-1:] in ")]":
                continue  # a stage direction: "(The briefing was concluded at 3:02 p.m.)"
            if current is not None and current.quotation:
                continued.append(
                    Turn(paragraph.start, paragraph.end, current.label_start, current.label_end, current.speaker,
                         current.cue, True, current.kind)
                )
            continue
        current = None
        label = match.group("label")
        role = (match.group("role") or "").lower()
        start, end = match.end(), paragraph.end
        if article.body[start] in _OPENING_MARKS or lex.speech_verb.search(role):
            continue  # 'Maria Zakharova wrote on Telegram: "..."' is prose, quoted with marks
        cue = article.body[paragraph.start : match.end()].rstrip()
        if label in questions or label in answers:
            if interviewee is None:
                interviewee = _interviewee(article, people, paragraph.start)
            speaker = interviewee if label in answers else None
            result.append(Turn(start, end, match.start("label"), match.end("label"), speaker, cue, label in answers and speaker is not None))
            continue
        if label.upper() in not_names:
            continue
        if label.upper() in lex.unnamed_speaker_labels:
            if issuer is False:
                issuer = _issuer(article, kb)
            # The body that put the speaker forward (its own transcript), else the one named.
            body = issuer if isinstance(issuer, str) else body_named_in(label, kb)
            turn = Turn(start, end, match.start("label"), match.end("label"), body, cue, body is not None, "unnamed_source")
            result.append(turn)
            current = turn if label.isupper() else None
            continue
        name = _name(label, people, labelled, kb, match.start("label"))
        if name is None:
            continue
        if name == _titled(label) and not role:
            guessed.append(len(result))  # a name read from capitals only: "NEW DELHI:" may be a dateline
        is_staff = any(word in role for word in staff_roles) or name in staff
        if is_staff:
            staff.add(name)
        labelled[name.split()[-1].upper()] = name
        turn = Turn(start, end, match.start("label"), match.end("label"), name, cue, not is_staff)
        result.append(turn)
        current = turn if label.isupper() else None
    if len(result) < 2:
        # One capitalised label in a whole article is a dateline or a heading, not a transcript.
        result = [t for i, t in enumerate(result) if i not in guessed]
    in_capitals = [t for t in result if article.body[t.label_start : t.label_end].isupper()]
    if len(in_capitals) >= 2 and continued:
        result = sorted([*result, *continued], key=lambda t: t.start)
    return tuple(result)


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


def _name(label: str, people: list[Mention], labelled: dict[str, str], kb: KnowledgeBase, at: int) -> str | None:
    """The person a label names, or None when the label is no name we can read."""
    upper = label.isupper()
    words = label.split()
    honorific = len(words) > 1 and words[0].rstrip(".").capitalize() in lexicon().honorifics
    titles = lexicon().title_words
    while len(words) > 1 and (words[0].rstrip(".").capitalize() in titles or words[0].rstrip(".") in titles):
        words = words[1:]  # "MR PRICE", "Dr Moreau": the name without its title
    if len(words) < len(label.split()):
        label = " ".join(words)
    if not upper and not any(m.start == at and m.text == label for m in people):
        return None  # "Ukraine: ..." in ordinary case is a heading-like lead, not a label
    if len(words) == 1 and label.upper() in labelled:
        return labelled[label.upper()]
    for mention in people:
        if mention.text.upper() == label.upper() or (len(words) == 1 and mention.name.split()[-1].upper() == label.upper()):
            return mention.name
    person = kb.person(label)
    if person is not None:
        return person.name
    if len(words) >= 2 and upper and _known_as(kb).get(label.lower()) in (None, "person"):
        return _titled(label)
    if honorific and upper and len(words) == 1 and _known_as(kb).get(label.lower()) in (None, "person"):
        return _titled(label)  # "MS. KOUNDVROUNDVRON:": an honorific says the word is someone's surname
    return None


def _titled(label: str) -> str:
    """"MARCUS HALE" -> "Marcus Hale"."""
    return " ".join(w.capitalize() if w.isalpha() else w for w in label.split())


@lru_cache(maxsize=8)
def _known_as(kb: KnowledgeBase) -> dict[str, str]:
    """Every alias of the knowledge base in lower case -> the kind of thing it names."""
    return {surface.lower(): entity.kind for surface, (entity, _) in kb.surface_forms().items()}


def _interviewee(article: Article, people: list[Mention], before: int) -> str | None:
    """The first person named in the nearest paragraph before ``before`` that names one."""
    for paragraph in reversed(article.paragraphs):
        if paragraph.start >= before:
            continue
        named = [m for m in people if paragraph.start <= m.start < paragraph.end]
        if named:
            return named[0].name
    return None
