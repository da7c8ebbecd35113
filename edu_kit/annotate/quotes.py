"""Direct quotations and their speakers.

Each quotation span (see :mod:`edu_kit.annotate.marks`) is attributed by the first
rule that applies, and the rule's words are kept as the ``cue`` so that a student
can see why:

1. a cue right after the closing mark: ``"…," Stoltenberg said``, ``"…" – she
   said``, ``"…," said Lavrov``, ``"…," the statement read``;
2. a cue right before the opening mark: ``X said: "…"``, ``X issued a statement:``
   (also at the end of the previous paragraph), ``according to X, "…"``, ``X added
   that "…"``, and the second half of ``"…," X said, "…"``;
3. a quotation standing alone in its paragraph continues the speaker of the
   paragraph before, when that paragraph ends with a quotation of one speaker, or
   reports the words of one speaker only ("X stressed that …");
4. a quotation inside a sentence with a speech or report verb ("calling such claims
   "fake"") belongs to the sentence's subject; in a sentence that opens with
   "According to X," it belongs to X.

The speaker phrase is read with the knowledge base: names (and their known
misspellings), role phrases ("the German leader": the person the text printed with
the title, else the holder at the article's date), pronouns (nearest earlier person of
that gender, the gender read from the text when the knowledge base lacks the person; see
:mod:`edu_kit.annotate.references`), bodies ("NATO", "the Kremlin"; "the
alliance" = the latest body whose name says so, the North Atlantic Alliance; "the
statement" = the body that last spoke), and people introduced with a title.

Transcripts and interviews quote without marks: a labelled turn ("SERGEI LAVROV
(through interpreter): ...", "A: ...") is a quotation of its speaker, with the label
as its cue (see :mod:`edu_kit.annotate.turns`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .._data import data_file
from ..corpus import Article, Paragraph, Sentence
from ..knowledge import KnowledgeBase, load_knowledge
from ._lexicon import lexicon
from .marks import QuoteSpan, quote_spans
from .mentions import mentions as find_mentions
from .records import Mention, Quote, SpeakerKind
from .references import Reference, References, build_references
from .turns import body_named_in, turns

__all__ = ["quotes"]

_MARKS = "\"'“”‘’«»„"
_PARTICIPLE_AFTER = re.compile(r",\s*\w+ing\b")  # "…?" Zelensky asked, emphasizing that …: still this quotation's cue
_LONE_NAME = re.compile(r"\s*([A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž’'-]+)\s*")  # one capitalised word: a surname
_SENTENCE_TAIL_MAX_WORDS = 25  # words after a sentence's last quotation that rule 5 reads
_FRAGMENT_MAX_WORDS = 12
_FRAGMENT_WOVEN_WORDS = 8
_POST_WINDOW = 120
# What may stand between a subject and its verb: "Peskov has also repeatedly said".
_AUXILIARIES = re.compile(r"(?:\s*,)?\s+(?:(?:has|have|had|was|were|is|are|also|further|repeatedly|earlier|later|then|again|once|\w+ly)\s+)*")
_INNER_SPACE = " \u00a0\u202f"  # spaces French typography puts inside « »
# A quotation mark, not an apostrophe inside a word ("Kremlin’s").
_QUOTE_MARK = re.compile(r"[\"“”«»„]|(?<!\w)['‘’]|['‘’](?!\w)")
_WHO_MAX_WORDS = 10
_INNER_MARKS = re.compile(r"\s*\n\s*[“«„\"‘]?")
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?,;:…][\]\)]*$")
_TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:GMT|UTC|CET|EET|EST|ET|MSK|BST|local(?:\s+time)?|[ap]\.?m\.?))?\s*[–—-]\s*")
_HEADLINE_SPEAKER = re.compile(r"(?P<who>(?:[\w.’'-]+\s+){0,3}[\w.’'-]+)\s*:\s")
_HEADLINE_MAX_WORDS = 15
_SUBJECT_MAX_WORDS = 4
# How far before a quotation its cue and speaker are looked for (the clause is cut here
# when the sentence is longer): each quotation then costs a bounded amount of work, so a
# sentence of thousands of quotation marks takes linear, not quadratic, time.
_CLAUSE_WINDOW = 600
_SPACE = re.compile(r"\s+")
_NOT_SPACE_OR_STOP = re.compile(r"[^ .,;]")
_CUE_TAIL_MAX_WORDS = 4


def _until_sentence_end(text: str) -> str:
    cut = _SENTENCE_STOP.search(text)
    return text if cut is None else text[: cut.start()]

_APPOSITION_TAIL = re.compile(r",\s+(?:the|a|an)\s+[^,;.]*$")
# A full stop that ends a sentence, not one of "Mr. Putin" or "Gen. Milley".
_SENTENCE_STOP = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bLt)(?<!\bCol)(?<!\bSt)(?<!\b[A-Z])\.|[!?;]")
_RELATIVE = re.compile(r",\s+(?:who|whose)\b[^;:]*,\s*(?:\w+\s+){0,2}$")
_IT_SAYS = re.compile(r"\s*It\s+(?:(?:has|had|also|\w+ly)\s+)*")
_ENDS_SENTENCE = re.compile(r"[.!?…]\s*$")
_INTRODUCES_NEXT = re.compile(r"\s*[,:]\s*[\"“«„]")
_ISSUED_FOLLOWING = re.compile(r"\b(?:issued|released|published|put\s+out|sent\s+out|circulated)\s+the\s+following\b")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|those|these|its|their|his|her|our|such|whose)\s+$", re.IGNORECASE)
_DETERMINER_LONGEST = 5  # letters in the longest word of _DETERMINER_BEFORE


def _determiner_before(text: str, end: int) -> bool:
    """``_DETERMINER_BEFORE.search(text, 0, end)``, reading only the word before ``end``
    (a match starts at most that word's length before its trailing spaces), not all of
    ``text``: once per verb of a clause, a scan from its start would cost its square."""
    words_end = end
    while words_end > 0 and text[words_end - 1].isspace():
        words_end -= 1
    return _DETERMINER_BEFORE.search(text, max(0, words_end - _DETERMINER_LONGEST), end) is not None


_POSSESSIVE_NOUN = re.compile(r"['’]s\s+([a-z]+)\b")
# What joins two people in a joint subject: "Mr Johnson and Mr Stoltenberg".
_JOINED = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?(?:(?:Mr|Mrs|Ms|Dr|President|Chancellor|Prime\s+Minister|Secretary)\.?\s+)?")
_IT_BEFORE = re.compile(r"\b[Ii]t(?:\s+(?:has|had|is|was|also|\w+ly))*\s+$")
_IT_AUXILIARY = re.compile(r"has|had|is|was|also|\w+ly")  # a word _IT_BEFORE lets stand between "it" and its verb
_ACRONYM = re.compile(r"(?<![\w.-])[A-Z]{2,6}(?![\w.-])")
_CAP_NAME = re.compile(r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+\s+){1,2}[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]+")


@dataclass(frozen=True)
class _Patterns:
    according_at_end: re.Pattern[str]
    according_at_start: re.Pattern[str]
    according_before: re.Pattern[str]
    body_speaks: re.Pattern[str]
    reported_speech: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Patterns built from the lexicon's word lists (compiled once)."""
    lex = lexicon()
    according, speech, report = lex.according_to.pattern, lex.speech_verb.pattern, lex.report_verb.pattern
    return _Patterns(
        according_at_end=re.compile(rf"(?:{according})\s+(.{{1,80}}?)\s*,$", re.IGNORECASE),
        according_before=re.compile(rf"(?:{according})\s+$", re.IGNORECASE),
        according_at_start=re.compile(rf"\s*(?:{according})\s+([^,;]{{1,80}}?)\s*,", re.IGNORECASE),
        body_speaks=re.compile(rf"\s*(?:has\s+|have\s+|had\s+)?(?:{speech})", re.IGNORECASE),
        reported_speech=re.compile(
            rf"[\s,]+(?:\w+ly\s+|has\s+|have\s+|had\s+|also\s+|further\s+)*(?:{report}|{speech})\s*(?:that\b|:)",
            re.IGNORECASE,
        ),
    )


@dataclass(frozen=True)
class _Speaker:
    name: str
    kind: SpeakerKind
    cue: str



def _covering(intervals: list[tuple[int, int]], *, closed: bool) -> Callable[[int, int], bool]:
    """Whether ``[start, end)`` lies inside one of ``intervals`` (``closed``: ``end`` may reach
    an interval's end; else ``end`` must stay before it), by bisect over the sorted starts and
    the running farthest end: what comparing with every interval gives, without the scan."""
    ordered = sorted(intervals)
    starts = [lo for lo, _ in ordered]
    farthest: list[int] = []
    for _, hi in ordered:
        farthest.append(max(hi, farthest[-1]) if farthest else hi)

    def covers(start: int, end: int) -> bool:
        index = bisect_right(starts, start) - 1
        if index < 0:
            return False
        return end <= farthest[index] if closed else end - 1 < farthest[index]

    return covers

def quotes(article: Article, kb: KnowledgeBase | None = None, found: tuple[Mention, ...] | None = None) -> tuple[Quote, ...]:
    """The direct quotations of ``article`` with their speakers, in text order.

    >>> from edu_kit.corpus import parse_article
    >>> art = parse_article('"We will not compromise," Stoltenberg said.\\n\\n"Never."', id="x")
    >>> [(q.text, q.speaker, q.cue) for q in quotes(art)]  # doctest: +NORMALIZE_WHITESPACE
    [('We will not compromise,', 'Jens Stoltenberg', 'Stoltenberg said'),
     ('Never.', 'Jens Stoltenberg', 'continues the quotation before')]
    """
    kb = kb or load_knowledge()
    found = find_mentions(article, kb) if found is None else found
    spans = quote_spans(article)
    labelled = turns(article, found, kb)
    label_covers = _covering([(min(t.label_start, t.cue_start if t.cue_start >= 0 else t.label_start), t.start)
                              for t in labelled], closed=False)
    # A transcript label ("QUESTION (Agnieszka Wrona, Radio Wisła):") names who speaks the
    # turn, not the subject of its sentences.
    refs = build_references(
        article, tuple(m for m in found if not label_covers(m.start, m.start + 1)), kb, [(s.start, s.end) for s in spans]
    )
    finder = _Finder(article, kb, refs, spans)
    result: list[Quote] = []
    for index, span in enumerate(spans):
        paragraph = article.paragraphs[span.paragraph]
        sentence = article.sentence_at(span.start)
        text = _clean(article.body[span.start : span.end])
        fragment = finder.is_fragment(text, span)
        speaker = finder.speaker(index, fragment, result)
        if speaker is not None and not speaker.name:
            speaker = None  # someone the article does not name ("a woman selling flowers … she said")
        result.append(
            Quote(
                text=text,
                start=span.start,
                end=span.end,
                speaker=None if speaker is None else speaker.name,
                speaker_kind=None if speaker is None else speaker.kind,
                cue=None if speaker is None else speaker.cue,
                fragment=fragment,
                where=paragraph.kind,
                sentence=-1 if sentence is None else sentence.index,
            )
        )
    spoken = [t for t in labelled if t.quotation]
    if spoken:
        # A quotation mark inside an interviewee's answer is theirs to quote: the turn wins.
        turn_covers = _covering([(t.start, t.end) for t in spoken], closed=True)
        result = [q for q in result if not turn_covers(q.start, q.end)]
        for turn in spoken:
            sentence = article.sentence_at(turn.start)
            result.append(
                Quote(
                    text=_clean(article.body[turn.start : turn.end]),
                    start=turn.start,
                    end=turn.end,
                    speaker=turn.speaker,
                    speaker_kind=turn.kind,
                    cue=turn.cue,
                    fragment=False,
                    where="text",  # turns are read in running text only
                    sentence=-1 if sentence is None else sentence.index,
                )
            )
        result.sort(key=lambda q: q.start)
    return tuple(result)


_ROLE_NOUN_AFTER = re.compile(r"\s+([a-z]+)\b")
_DEFINITE = re.compile(r"\s*[Tt]he\s+(?:[\w.’'-]+\s+){0,2}?([a-z]+)\s*")  # "the official", "the French ambassador"
_TITLE_REACH = 3  # paragraphs back in which "the ambassador" finds the one titled so


@lru_cache(maxsize=1)
def _quoted_as_saying() -> re.Pattern[str]:
    """A passive cue after a quotation: "he was quoted by TASS as saying", "Peskov was cited
    as saying" (the lexicon's ``quoted_as_verbs``); group ``verb`` starts at "was"."""
    verbs = "|".join(re.escape(str(w)) for w in data_file("lexicon")["quoted_as_verbs"])
    return re.compile(
        rf"(?P<who>(?:[\w.’'-]+\s+){{1,4}}?)(?P<verb>(?:was|were|is|has\s+been)\s+(?:{verbs})(?:\s+by\s+[^,.;:\"“”]{{1,40}}?)?\s+as\s+saying)\b"
    )


_THE_BEFORE = re.compile(r"(?:^|[\s(])[Tt]he\s+$")


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    """The singular nouns of a role phrase ("official", "spokesman", "diplomat"): the
    lexicon's ``anonymous_nouns`` without its plurals."""
    spec = data_file("lexicon")
    plurals = {w.lower() for w in spec["anonymous_plurals"]}
    return frozenset(w.lower() for w in spec["anonymous_nouns"] if w.lower() not in plurals and not w.endswith("s") and w != "people")


@lru_cache(maxsize=1)
def _anonymity() -> re.Pattern[str]:
    """Words that keep a role phrase anonymous (the lexicon's ``anonymity_markers``)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in data_file("lexicon")["anonymity_markers"]) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _capital_voices() -> dict[str, str]:
    """Capital -> the state it speaks for (the lexicon's ``capital_voices``)."""
    return {str(k): str(v) for k, v in data_file("lexicon")["capital_voices"].items()}


def _unnamed_source_body(phrase: str, kb: KnowledgeBase) -> str | None:
    """The body an unnamed source speaks for: one the phrase names ("a NATO official"),
    else "a senior administration official" -> White House, "a senior US official" -> US
    government (the lexicon's ``unnamed_source_bodies`` and ``unnamed_source_governments``)."""
    lex = lexicon()
    body = body_named_in(phrase, kb)
    if body is not None:
        return body
    for word, government in lex.unnamed_source_governments.items():
        if re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", phrase):
            return government
    return None


def _quotes_from(done: list[Quote], start: int, end: int) -> Iterator[Quote]:
    """The quotations of ``done`` (in text order) that start in ``[start, end)``, found by
    binary search rather than a scan of every quotation before."""
    for i in range(bisect_left(done, start, key=lambda q: q.start), len(done)):
        if done[i].start >= end:
            return
        yield done[i]


def _clean(raw: str) -> str:
    """The quotation's words with paragraph breaks and repeated opening marks removed."""
    return " ".join(_INNER_MARKS.sub(" ", raw).split())


def _words_of(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+", name.lower()))


@lru_cache(maxsize=8)
def _body_words(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Each body's canonical name -> the lower-case words of its name and aliases."""
    return {org.name: frozenset().union(*(_words_of(a) for a in org.aliases)) for org in kb.organizations}


class _Finder:
    """Attribution rules over one article (internal; built per call of :func:`quotes`)."""

    def __init__(self, article: Article, kb: KnowledgeBase, refs: References, spans: tuple[QuoteSpan, ...]) -> None:
        self.article = article
        self.body = article.body
        self.kb = kb
        self.refs = refs
        self.spans = spans
        self.lex = lexicon()
        self._word_counts: dict[int, int] = {}
        self._span_starts = [s.start for s in spans]
        self._tags: dict[tuple[int, int], _Speaker | None] = {}
        self._acts: dict[tuple[int, int], list[Reference]] = {}
        self._verbs: dict[int, tuple[int, bool, int]] = {}
        self._bodies: tuple[list[Reference], list[int]] | None = None
        self._called: dict[str, tuple[list[Reference], list[int]]] = {}
        self._surnames: dict[str, str] | None = None
        self._paragraph_starts: list[int] | None = None

    def is_fragment(self, text: str, span: QuoteSpan) -> bool:
        """Short quoted words woven into the writer's sentence, not a full statement.

        A quotation of up to three words without closing punctuation always is one
        ("fake", 'very expensive'); up to twelve words when other words of the
        sentence come before it (other than a lead-in such as "X said:", "…, X said,"
        or "X said that") or after it (other than a speech cue).  American style puts
        the full stop inside the marks even for a fragment (were a "red line."), so up
        to eight words woven into a sentence are a fragment whatever their punctuation,
        and so are words that open in lower case in the middle of the writer's clause
        (He stressed that Moscow's partners "have realized …"), however long.
        """
        words = len(text.split())
        if len(span.paragraphs) > 1:
            return False
        opener, close = self._before_mark(span.start), self._after_mark(span.end)
        sentence = self.article.sentence_at(opener)
        if sentence is None:
            return False
        before = self.body[self._floor(sentence.start, opener) : opener].strip()
        woven = bool(before) and not re.search(r"(?:[:,(]|\bthat)$", before)
        if woven and text[:1].islower():
            # He stressed that Moscow's partners "have realized the need …": words that
            # start in the middle of the writer's own clause are a piece of it, however long.
            return True
        if words > _FRAGMENT_MAX_WORDS:
            return False
        if _ENDS_LIKE_SENTENCE.search(text):
            if woven and words <= 3 and text.rstrip().endswith(","):
                return True  # called the reaction "businesslike," adding …
            return woven and words <= _FRAGMENT_WOVEN_WORDS and not text.rstrip().endswith(",")
        if words <= 3 or woven:
            return True
        # the words after the closing mark (their first 60 characters, never the whole rest)
        first = _NOT_SPACE_OR_STOP.search(self.body, close, max(close, sentence.end))
        if first is None:
            return False
        after = self.body[first.start() : min(sentence.end, first.start() + 60)].rstrip(" .,;")
        return self.lex.speech_verb.search(after) is None

    # -- the rules -------------------------------------------------------------------
    def speaker(self, index: int, fragment: bool, done: list[Quote]) -> _Speaker | None:
        found = self._rules(index, fragment, done)
        if found is not None and not found.name and self.lex.anonymous_source.search(found.cue):
            # "An administration official told CNN that "…"": someone unnamed who speaks
            # for a body; the quotation is the body's, as an unnamed source's.
            body = _unnamed_source_body(found.cue, self.kb)
            return None if body is None else _Speaker(body, "unnamed_source", found.cue)
        return found

    def _rules(self, index: int, fragment: bool, done: list[Quote]) -> _Speaker | None:
        span = self.spans[index]
        return (
            self._after(span)
            or self._before(span)
            or (None if fragment else self._continuation(span, done))
            or self._subject(span)
            or self._sentence_tag(index)
        )

    def _sentence_tag(self, index: int) -> _Speaker | None:
        """Rule 5: a quotation in a sentence that closes with a speech tag of its own is
        that tag's speaker's, wherever in the sentence it stands ('"The greatest risk …"
        rather than the threat of an invasion, Zelensky said in a press conference'; '"The
        probability of the attack" by the Russians "exists …", assured Zelensky').  Only
        the sentence's own text after its last quotation is read."""
        span = self.spans[index]
        sentence = self.article.sentence_at(self._before_mark(span.start))
        if sentence is None:
            return None
        # the sentence's last quotation, by binary search (spans are in text order)
        last = max(index, bisect_left(self._span_starts, sentence.end) - 1)
        key = (last, sentence.end)
        if key not in self._tags:  # read once per sentence, not once per quotation
            self._tags[key] = self._tag_after(last, sentence)
        return self._tags[key]

    def _tag_after(self, last: int, sentence: Sentence) -> _Speaker | None:
        """The speech tag after quotation ``last``, the last of ``sentence`` (rule 5)."""
        tail_start = self._after_mark(self.spans[last].end)
        tail = self.body[tail_start : sentence.end]
        if _QUOTE_MARK.search(tail) or len(tail.split()) > _SENTENCE_TAIL_MAX_WORDS:
            return None
        commas = [m.end() for m in re.finditer(r",", tail)]
        if self.body[self.spans[last].start : self.spans[last].end].rstrip().endswith(","):
            commas.insert(0, 0)  # '"…,” Wendy Sherman said': the comma inside the marks
        for comma in reversed(commas):
            rest = tail[comma:]
            verb = self.lex.speech_verb.search(rest)
            if verb is None:
                continue
            at = tail_start + comma
            who = rest[: verb.start()]
            if who.strip():
                if len(who.split()) > _WHO_MAX_WORDS:
                    return None
                return self._who(at, at + verb.start(), at, at + verb.end())
            after = re.match(r"[^,.;:!?]*", rest[verb.end() :])
            end = at + verb.end() + (len(after.group()) if after else 0)
            return self._who(at + verb.end(), end, at, end)
        return None

    def _after(self, span: QuoteSpan) -> _Speaker | None:
        """Rule 1: a cue right after the closing mark."""
        if not span.closed:
            return None
        close = self._after_mark(span.end)
        paragraph = self.article.paragraphs[span.paragraphs[-1]]
        stop = min(paragraph.end, close + _POST_WINDOW)
        window = self.body[close:stop]
        lead = re.match(r"[\s,;]*(?:[-–—]+\s*)?", window)
        offset = close + (lead.end() if lead else 0)
        rest = self.body[offset:stop]
        if lead is not None and re.search(r"[-–—]", lead.group()):
            # "…" – Vladimir Putin, annual press conference: a name straight after a dash.
            named = [r for r in self.refs.within(offset, offset + 60) if r.kind == "person" and r.via == "name"]
            if named and not self.body[offset : named[0].start].strip():
                return _Speaker(named[0].name, "person", self._cue_text(close, named[0].end))
        verb = self.lex.speech_verb.search(rest)
        if verb is None:
            verb = _quoted_as_saying().match(rest)  # "…," he was quoted by TASS as saying
            if verb is not None:
                return self._who(offset, offset + verb.start("verb"), offset, offset + verb.end())
        if verb is None or _QUOTE_MARK.search(rest[: verb.start()]):
            return None
        if _ENDS_SENTENCE.search(self.body[span.start : span.end]) and (
            _INTRODUCES_NEXT.match(rest, verb.end())
            or (len(_until_sentence_end(rest[verb.end() :]).split()) > _CUE_TAIL_MAX_WORDS and not _PARTICIPLE_AFTER.match(rest, verb.end()))
        ):
            # "… moves." He added, "…", or "… forever." Kuleba urged partners to …: a new
            # sentence with its own business, not this quotation's cue.
            return None
        if verb.start() == 0:  # "…," said Lavrov
            tail = re.match(r"[^,.;:!?\"“”«»]*", rest[verb.end() :])
            who_start = offset + verb.end()
            who_end = who_start + (len(tail.group()) if tail else 0)
            if len(self.body[who_start:who_end].split()) > _WHO_MAX_WORDS:
                return None
            speaker = self._who(who_start, who_end, offset, who_end)
            if speaker is None:
                # "…," said a local MP, Graham Ellery: the name in the apposition.
                named = [r for r in self.refs.within(who_end, who_end + 40) if r.kind == "person" and r.via == "name"]
                if named and re.fullmatch(r",\s*", self.body[who_end : named[0].start]):
                    return _Speaker(named[0].name, "person", self._cue_text(offset, named[0].end))
            return speaker
        who = rest[: verb.start()]
        if len(who.split()) > _WHO_MAX_WORDS or _SENTENCE_STOP.search(who):
            return None
        if "," in who.strip(" ,"):
            # "…," Peskov, the Kremlin spokesman, said: the name before the apposition.
            head = who.strip(" ,").split(",")[0]
            start = offset + who.index(head)
            speaker = self._who(start, start + len(head), offset, offset + verb.end())
            return speaker if speaker is not None and speaker.kind == "person" else None
        if re.match(r"(?:and|but|while|as|which|who|whereas|although|though|when)\b", who, re.IGNORECASE):
            return None  # "…", and Ryabkov said …: a new clause, not this quotation's cue
        return self._who(offset, offset + verb.start(), offset, offset + verb.end())

    def _before(self, span: QuoteSpan) -> _Speaker | None:
        """Rule 2: a cue right before the opening mark."""
        opener = self._before_mark(span.start)
        sentence = self.article.sentence_at(opener)
        if sentence is None:
            return None
        floor = self._floor(sentence.start, opener)
        pre = self.body[floor:opener]
        last_close = max(pre.rfind(m) for m in "\"”»’'")
        if last_close >= 0 and any(s.end <= floor + last_close < span.start for s in self.spans):
            floor += last_close + 1  # "…," Lavrov said, "…": only what follows the first part
            pre = self.body[floor:opener]
        stripped = pre.rstrip()
        if not stripped:
            return self._colon_paragraph(span)
        stamp = _TIME_STAMP.match(stripped)  # "09:40 GMT – Kirby: …" in a live blog
        lead = stamp.end() if stamp else 0
        headline_style = _HEADLINE_SPEAKER.match(stripped[lead:] + " ")
        short = self._paragraph_words(span.paragraph) <= _HEADLINE_MAX_WORDS
        if headline_style is not None and (short or headline_style.end() >= len(stripped) - lead):
            # Kuleba: “…”, or in a short line "Kirby: US 'clear-eyed' about talks" (headlines, live blogs)
            colon = floor + lead + headline_style.end("who")
            speaker = self._who(floor + lead, colon, floor + lead, colon)
            if speaker is not None and speaker.kind == "person":
                return speaker
        if stripped.endswith((":", ",")):
            clause_end = floor + len(stripped) - 1
            according = _patterns().according_at_end.search(stripped)
            if according:
                return self._who(floor + according.start(1), floor + according.end(1), floor + according.start(), clause_end)
            speaker = self._verb_subject(floor, clause_end, require_end=True)
            if speaker is None and stripped.endswith(":"):
                speaker = self._leading_name(floor, clause_end)
            return speaker
        if re.search(r"\bthat$", stripped):
            return self._verb_subject(floor, floor + len(stripped) - 4, require_end=True)
        return None

    def _paragraph_words(self, index: int) -> int:
        """Words in paragraph ``index`` (counted once per paragraph, not per quotation)."""
        if index not in self._word_counts:
            self._word_counts[index] = len(self.article.paragraphs[index].text.split())
        return self._word_counts[index]

    def _floor(self, sentence_start: int, opener: int) -> int:
        """Where the clause before a quotation opening at ``opener`` begins: the sentence's
        start, or at most :data:`_CLAUSE_WINDOW` characters back (at a word's start)."""
        if opener - sentence_start <= _CLAUSE_WINDOW:
            return sentence_start
        space = _SPACE.search(self.body, opener - _CLAUSE_WINDOW, opener)
        return opener if space is None else space.end()

    def _leading_name(self, floor: int, end: int) -> _Speaker | None:
        """"2. Jens Stoltenberg, NATO secretary general, Saturday: "…"": a list of quotes,
        each introduced by the name that opens its line."""
        people = [r for r in self.refs.within(floor, end) if r.kind == "person" and r.via == "name"]
        lead = self.body[floor : people[0].start] if people else ""
        # Only list markers or a title may come first ("EU foreign policy chief Josep Borrell").
        if (people and re.fullmatch(r"[\s\d.)•*–-]*", lead)) or (people and len(lead.split()) <= 5 and not re.search(r"[,;]", lead)):
            return _Speaker(people[0].name, "person", self._cue_text(people[0].start, end))
        return None

    def _colon_paragraph(self, span: QuoteSpan) -> _Speaker | None:
        """A quotation opening its paragraph after a paragraph that ends with a colon, or
        that says someone "issued the following statement"."""
        previous = self._previous_text_paragraph(span.paragraph)
        if previous is None:
            return None
        sentence = self.article.sentence_at(previous.end - 1)
        floor = previous.start if sentence is None else sentence.start
        if previous.text.rstrip().endswith(":"):
            return self._verb_subject(floor, previous.end - 1, require_end=False)
        # "The alliance's press office issued the following statement, which we reproduce":
        # the paragraph announces the text that follows, and who issued it.
        issued = _ISSUED_FOLLOWING.search(self.body, floor, previous.end)
        if issued is None:
            return None
        return self._who(floor, issued.start(), floor, issued.end())

    def _continuation(self, span: QuoteSpan, done: list[Quote]) -> _Speaker | None:
        """Rule 3: a quotation that is a sentence of its own continues the speaker before."""
        opener, close = self._before_mark(span.start), self._after_mark(span.end)
        first, last = self.article.sentence_at(opener), self.article.sentence_at(max(opener, close - 1))
        if first is None or last is None:
            return None
        if self.body[first.start : opener].strip() or self.body[close : last.end].strip(" .,;:!?"):
            return None  # other words share the sentence: not a quotation standing alone
        previous = self._previous_sentence(first)
        if previous is None:
            return None
        before: list[Quote] = []
        for q in reversed(done):  # quotations come in text order: stop before the sentence
            if q.end < previous.start:
                break
            if q.end <= previous.end and not q.fragment:
                before.insert(0, q)
        if before and before[-1].speaker is not None and before[-1].speaker_kind is not None:
            return _Speaker(before[-1].speaker, before[-1].speaker_kind, "continues the quotation before")
        earlier = self._earlier_in_paragraph(span, first, done)
        if earlier is not None:
            return earlier
        paragraph = self.article.paragraphs[previous.paragraph]
        acts = self._speech_acts(paragraph.start, paragraph.end)
        names = {(ref.name, ref.kind) for ref in acts}
        if len(names) == 1 and not any(
            not q.fragment for q in _quotes_from(done, paragraph.start, paragraph.end)
        ):
            name, kind = names.pop()
            return _Speaker(name, kind, "continues the words reported before")
        return self._about_one_person(paragraph, done)

    def _about_one_person(self, paragraph: Paragraph, done: list[Quote]) -> _Speaker | None:
        """A quotation standing alone after a one-sentence paragraph about one person only,
        its subject, where no body speaks ("Concerning European NATO members, Ryabkov wished they paid more
        attention …" then "“We are very disappointed …”"), continues that person."""
        first, last = self.article.sentence_at(paragraph.start), self.article.sentence_at(max(paragraph.start, paragraph.end - 1))
        if first is None or first != last or any(True for _ in _quotes_from(done, paragraph.start, paragraph.end)):
            return None
        refs = [r for r in self.refs.within(paragraph.start, paragraph.end) if r.via != "place"]
        people = [r for r in refs if r.kind == "person"]
        if not people or not people[0].subject or any(r.name != people[0].name for r in people):
            return None
        if any(r.kind != "person" for r in self._speech_acts(paragraph.start, paragraph.end)):
            return None  # a body speaks there too
        return _Speaker(people[0].name, "person", "continues the words reported before")

    def _earlier_in_paragraph(self, span: QuoteSpan, sentence: Sentence, done: list[Quote]) -> _Speaker | None:
        """A quotation standing alone mid-paragraph after a tagged one: '"…," McConville said,
        speaking at a forum. "It gives the Russians options …"' continues the latest full
        quotation of the paragraph, when nobody else is named or quoted in between."""
        paragraph = self.article.paragraphs[span.paragraph]
        if sentence.start <= paragraph.start:
            return None
        # the latest quotation before the sentence, by binary search (not a scan per quotation)
        index = bisect_left(done, sentence.start, key=lambda q: q.start) - 1
        while index >= 0 and done[index].end > sentence.start:
            index -= 1
        if index < 0 or done[index].start < paragraph.start or done[index].fragment:
            return None
        last = done[index]
        speaker, kind = last.speaker, last.speaker_kind
        if speaker is None or kind is None:
            return None
        between = [r for r in self.refs.within(last.end, sentence.start) if r.via != "place"]
        if any(r.name != speaker for r in between):
            return None
        return _Speaker(speaker, kind, "continues the quotation before")

    def _previous_sentence(self, sentence: Sentence) -> Sentence | None:
        """The sentence before, skipping links, credits and captions inserted between paragraphs."""
        if sentence.index > 0 and self.article.sentences[sentence.index - 1].paragraph == sentence.paragraph:
            return self.article.sentences[sentence.index - 1]
        previous = self._previous_text_paragraph(sentence.paragraph)
        if previous is None:
            return None
        return self.article.sentence_at(previous.end - 1)

    def _subject(self, span: QuoteSpan) -> _Speaker | None:
        """Rule 4: the subject of a sentence with a speech or report verb."""
        opener = self._before_mark(span.start)
        sentence = self.article.sentence_at(opener)
        if sentence is None:
            return None
        floor = self._floor(sentence.start, opener)
        clause = self.body[floor:opener]
        according = _patterns().according_at_start.match(clause)
        if according is not None:  # "According to Ryabkov, the talks had reached "a dead end""
            return self._who(floor + according.start(1), floor + according.end(1), floor + according.start(), floor + according.end(1))
        it_said = _IT_SAYS.match(clause)
        if it_said is not None and self.lex.speech_verb.match(clause, it_said.end()):
            # "The Kremlin's readout was cooler. It said …": "it" is the latest body named.
            body = next(self._named_before(self._named_bodies(), floor), None)
            verb = self.lex.speech_verb.match(clause, it_said.end())
            if body is not None and verb is not None:
                return _Speaker(body.name, "organization", self._cue_text(floor, floor + verb.end()))
        found = [*self.lex.report_verb.finditer(clause), *self.lex.speech_verb.finditer(clause)]
        # the verbs, latest first (at one place, a report verb before a speech verb)
        latest = sorted(found, key=re.Match.start, reverse=True)
        governing = next((i for i, m in enumerate(latest) if not self._after_determiner(clause, floor, m.start())), None)
        if governing is None:  # "those demands" is a noun
            return self._possessive_words(floor, opener)
        verb = latest[governing]  # the verb that governs the quotation
        participle, cue_end = self._participle(clause, verb), floor + verb.end()
        if participle:
            verb = self._main_verb(clause, verb)
        elif not self._has_subject(floor, verb):
            # "Mr. Putin said the written replies …": "replies" has no subject of its own,
            # so the latest verb that does governs ("Putin said").  Each verb's subject is
            # found once, so that many verbs before many quotations cost one look-up each.
            verb = self._latest_with_subject(clause, floor, latest[governing + 1 :]) or verb
        verb_start = floor + verb.start()
        actors = [r for r in self.refs.within(floor, verb_start) if r.via != "place"]
        if not actors:
            # "The alliance said on Monday those demands were "non-starters"": a body's noun;
            # "An administration official told CNN that "…"": an unnamed source.
            subject = self.body[floor:verb_start]
            state = self._capital_voice(floor, verb_start)
            if state is not None:  # "Moscow has said it is "disappointed"": Russia speaks
                return _Speaker(state, "organization", self._cue_text(floor, cue_end))
            if len(subject.split()) <= _WHO_MAX_WORDS and self.lex.anonymous_source.search(subject):
                return self._who(floor, verb_start, floor, cue_end)
            if len(subject.split()) > _SUBJECT_MAX_WORDS or self.lex.organization_anaphor.search(subject) is None:
                return None
            speaker = self._who(floor, verb_start, floor, cue_end)
            return speaker if speaker is not None and speaker.kind == "organization" else None
        # Its subject: a person or body right before it ("the Kremlin has called"), else
        # the sentence's subject, its first person or body ("The deputy minister ... calling").
        adjacent = [] if participle else [r for r in actors if _AUXILIARIES.fullmatch(self.body[r.end : verb_start])]
        relative = _RELATIVE.search(self.body, floor, verb_start)
        if relative is not None:
            # "Orban, who has cultivated ties with the Kremlin and NATO, said …": the subject
            # stands before the relative clause.
            head = [r for r in actors if r.end <= relative.start()]
            if head and head[-1].kind == "person":
                adjacent = head[-1:]
        people = [r for r in actors if r.kind == "person"]
        bodies = [r for r in actors if r.kind == "organization"]
        if not adjacent and bodies and _IT_BEFORE.search(clause[: verb.start()]):
            adjacent = bodies[-1:]  # "the Kremlin was mocking what it called …": "it" is the latest body
        chosen = adjacent[-1] if adjacent else (people[0] if people else actors[0])
        if chosen.kind != "person" and self.body[chosen.end : verb_start].lstrip().startswith(","):
            apposition = _APPOSITION_TAIL.search(self.body, floor, chosen.start)
            head = [r for r in people if apposition is not None and r.end <= apposition.start()]
            if head:
                chosen = head[-1]  # "Merz, the leader of the Christian Democrats, accused": Merz
        if self._coordinated(chosen, actors):
            # "Downing Street said Mr Johnson and Mr Stoltenberg had agreed that …": a joint
            # subject has no single voice, so the words are those of whoever reports them.
            verbs = [m for m in found if not self._after_determiner(clause, floor, m.start())]  # "those demands" is a noun
            outer = [m for m in verbs if m.end() <= verb.start() and m.start() < chosen.start - floor]
            if not outer:
                return None
            said = max(outer, key=lambda m: m.start())
            before = [r for r in actors if r.end <= floor + said.start() and _AUXILIARIES.fullmatch(self.body[r.end : floor + said.start()])]
            if not before or self._coordinated(before[-1], actors):
                return None
            return _Speaker(before[-1].name, before[-1].kind, self._cue_text(before[-1].start, floor + said.end()))
        holder = self._role_holder(chosen, verb_start) if chosen.kind == "organization" else None
        if holder is not None:  # "The Kremlin official stated" right after Peskov is named
            return _Speaker(holder, "person", self._cue_text(chosen.start, cue_end))
        return _Speaker(chosen.name, chosen.kind, self._cue_text(chosen.start, cue_end))

    def _possessive_words(self, floor: int, opener: int) -> _Speaker | None:
        """"Zelensky's reply, that there are no "small nations"": the words are the person's."""
        clause = self.body[floor:opener]
        for found in reversed(list(_POSSESSIVE_NOUN.finditer(clause))):
            if found.group(1).lower() not in self.lex.speech_nouns:
                continue
            owner = [r for r in self.refs.within(floor, floor + found.start() + 1) if r.end == floor + found.start() and r.via != "place"]
            if owner:
                return _Speaker(owner[-1].name, owner[-1].kind, self._cue_text(owner[-1].start, floor + found.end()))
        return None

    # -- helpers ---------------------------------------------------------------------
    def _verb_subject(
        self, floor: int, end: int, *, require_end: bool, verbs: re.Pattern[str] | None = None
    ) -> _Speaker | None:
        """The actor before the last speech verb in ``body[floor:end]``.

        With ``require_end`` the verb (with its object, e.g. "issued a statement on
        …") must close the clause.
        """
        clause = self.body[floor:end]
        matches = list((verbs or self.lex.speech_verb).finditer(clause))
        if not matches and verbs is None:
            matches = list(self.lex.report_verb.finditer(clause))
        if not matches:
            return None
        verb = matches[-1] if require_end else matches[0]
        participle, cue_end = require_end and self._participle(clause, verb), floor + verb.end()
        if participle:
            verb = self._main_verb(clause, verb)
        verb_start = floor + verb.start()
        actors = [r for r in self.refs.within(floor, verb_start) if r.via != "place"]
        if not actors:
            return None
        people = [r for r in actors if r.kind == "person"]
        if participle:
            chosen = people[0] if people else actors[0]
        else:
            chosen = people[-1] if require_end and people else (people[0] if people else actors[0])
        if self._coordinated(chosen, actors):
            return None
        return _Speaker(chosen.name, chosen.kind, self._cue_text(chosen.start, cue_end))

    def _after_determiner(self, clause: str, floor: int, start: int) -> bool:
        """``_determiner_before(clause, start)`` for a clause opening at ``floor``, read once
        per verb of the text: every quotation after it in a long sentence asks again."""
        words_end, determiner, _ = self._verb_facts(floor + start)
        if words_end - _DETERMINER_LONGEST > floor:  # the word read lies inside the clause
            return determiner
        return _determiner_before(clause, start)

    def _latest_with_subject(self, clause: str, floor: int, latest: list[re.Match[str]]) -> re.Match[str] | None:
        """The first verb of ``latest`` (the clause's, latest first) that is no noun after a
        determiner and has a subject: one look-up per verb, each verb's facts found once."""
        known = self._verbs
        for verb in latest:
            at = floor + verb.start()
            facts = known.get(at) or self._verb_facts(at)
            if at - floor > _CLAUSE_WINDOW:  # a clause longer than any _floor gives
                if self._has_subject(floor, verb) and not self._after_determiner(clause, floor, verb.start()):
                    return verb
            elif facts[2] >= floor and not (facts[1] if facts[0] - _DETERMINER_LONGEST > floor else _determiner_before(clause, verb.start())):
                return verb
        return None

    def _verb_facts(self, at: int) -> tuple[int, bool, int]:
        """For a verb starting at ``at``: where the word before it ends, whether that word
        is a determiner ("those demands"), and where its subject starts (see
        :meth:`_subject_start`); found once per verb of the text."""
        found = self._verbs.get(at)
        if found is None:
            words_end = at
            while words_end > 0 and self.body[words_end - 1].isspace():
                words_end -= 1
            determiner = _DETERMINER_BEFORE.search(self.body, max(0, words_end - _DETERMINER_LONGEST), at) is not None
            found = (words_end, determiner, self._subject_start(at))
            self._verbs[at] = found
        return found

    def _has_subject(self, floor: int, verb: re.Match[str]) -> bool:
        """Does a person or body stand right before ``verb`` (auxiliaries aside), starting
        at ``floor`` or after?  ("what it called", "Peskov has also said")"""
        at = floor + verb.start()
        if floor < at - _CLAUSE_WINDOW:  # a clause longer than any _floor gives: read it all
            return _IT_BEFORE.search(self.body, floor, at) is not None or any(
                _AUXILIARIES.fullmatch(self.body[r.end : at]) for r in self.refs.within(floor, at) if r.via != "place")
        return self._verb_facts(at)[2] >= floor

    def _subject_start(self, at: int) -> int:
        """Where the latest subject of a verb starting at ``at`` begins: an "it" before it
        (auxiliaries aside), or a person or body that ends right before it, within
        :data:`_CLAUSE_WINDOW` characters; -1 when there is none.  Every quotation after a
        verb in a long sentence asks about it again; its clause (from its own ``_floor``)
        only sets how far back the answer may lie, so the answer is found once."""
        lowest = max(0, at - _CLAUSE_WINDOW)
        found = max(
            (r.start for r in self.refs.within(lowest, at) if r.via != "place" and _AUXILIARIES.fullmatch(self.body[r.end : at])),
            default=-1,
        )
        return max(found, self._it_start(at, lowest))

    def _it_start(self, at: int, lowest: int) -> int:
        """Where the "it" of ``_IT_BEFORE`` ending at ``at`` starts ("it has also "), read
        word by word back from ``at`` rather than by a search from the clause's start;
        -1 when there is none at ``lowest`` or after."""
        body, position = self.body, at
        while True:
            space = position
            while space > 0 and body[space - 1].isspace():
                space -= 1
            start = space
            while start > 0 and (body[start - 1].isalnum() or body[start - 1] == "_"):
                start -= 1
            if space == position or start == space or start < lowest:
                return -1
            word = body[start:space]
            if word in ("it", "It"):
                return start
            if _IT_AUXILIARY.fullmatch(word) is None:
                return -1
            position = start

    @staticmethod
    def _participle(clause: str, verb: re.Match[str]) -> bool:
        """Is ``verb`` a participle after a comma (", adding that …")?  Its subject is then
        the main clause's, not the name just before the comma."""
        return verb.group().lower().endswith("ing") and clause[: verb.start()].rstrip().endswith(",")

    def _main_verb(self, clause: str, participle: re.Match[str]) -> re.Match[str]:
        """The speech or report verb before a participle ("Macron told …, adding"), if any."""
        earlier = [m for m in (*self.lex.speech_verb.finditer(clause), *self.lex.report_verb.finditer(clause)) if m.end() <= participle.start()]
        return max(earlier, key=lambda m: m.start()) if earlier else participle

    def _coordinated(self, chosen: Reference, actors: list[Reference]) -> bool:
        """"The US and EU threatened …": a joint subject has no single speaker."""
        for other in self.refs.within(chosen.start - 60, chosen.end + 60):
            if other is chosen:
                continue
            gap = self.body[min(chosen.end, other.end) : max(chosen.start, other.start)]
            if _JOINED.fullmatch(gap) and other.name != chosen.name:
                return True
        return False

    def _who(self, who_start: int, who_end: int, cue_start: int, cue_end: int) -> _Speaker | None:
        """Resolve a speaker phrase such as "Stoltenberg", "she", "the statement"."""
        cue = self._cue_text(cue_start, cue_end)
        refs = self.refs.within(who_start, who_end)
        people = [r for r in refs if r.kind == "person" and r.via != "unnamed"]
        phrase = self.body[who_start:who_end]
        if people and all(r.via == "description" for r in refs):
            # "the official said": the unnamed source introduced before, or the person
            # the text titled so, before the nearest person a description may fit.
            described = self._described(phrase, who_start, cue, people[-1].name)
            if described is not None:
                return described
        if people:
            return _Speaker(people[-1].name, "person", cue)
        if self.lex.anonymous_source.search(phrase):
            # "a State Department spokesperson said": the body speaks through someone unnamed;
            # "a senior US official said": a source the article does not name.
            named_bodies = [r for r in refs if r.kind == "organization" and r.via == "name"]
            if named_bodies and self.lex.body_voices.search(phrase):
                return _Speaker(named_bodies[-1].name, "organization", cue)
            if named_bodies:
                # "an EU diplomat, who asked not to be named": the body the source speaks for
                return _Speaker(named_bodies[-1].name, "unnamed_source", cue)
            # "an IOC spokesperson said": a body the knowledge base lacks, named by its acronym.
            acronym = _ACRONYM.search(phrase)
            if acronym is not None and acronym.group() not in self.lex.title_words and acronym.group() not in self.lex.demonyms:
                return _Speaker(acronym.group(), "organization", cue)
            spoken_for = _unnamed_source_body(phrase, self.kb)
            return None if spoken_for is None else _Speaker(spoken_for, "unnamed_source", cue)
        bodies = [r for r in refs if r.via == "name"]
        if not bodies:  # a country speaks as a state only when named alone: "Russia said"
            bodies = [r for r in refs if re.fullmatch(r"\s*(?:the\s+)?", phrase[: r.start - who_start]) and not phrase[r.end - who_start :].strip()]
        if bodies:
            holder = self._role_holder(bodies[-1], who_end) if bodies[-1].via == "name" else None
            if holder is not None:  # '"…," the Kremlin official said' right after Peskov is named
                return _Speaker(holder, "person", cue)
            # "Moscow said" is Russia speaking as a state (the lexicon's capital_voices)
            state = _capital_voices().get(bodies[-1].name) if bodies[-1].via == "place" else None
            return _Speaker(state or bodies[-1].name, "organization", cue)
        anaphor = self.lex.organization_anaphor.search(phrase)
        if anaphor is not None and re.match(r"\s*(?:the|this|that|its|a)\s", phrase, re.IGNORECASE):
            body = self._body_called(anaphor.group().split()[-1].lower(), who_start) or self._last_body_before(who_start)
            if body is not None:
                return _Speaker(body.name, "organization", cue)
        name = _CAP_NAME.search(phrase)
        if name is not None:
            words = [w for w in name.group().split() if w not in self.lex.title_words]
            if len(words) >= 2:
                return _Speaker(" ".join(words), "person", cue)
        lone = _LONE_NAME.fullmatch(phrase)
        if lone is not None and not refs and self._unknown_word(lone.group(1)):
            # '"…," Traisdainnail said': a capitalised word nobody lists, before a speech
            # verb, is someone's surname (the full name printed with it, if any).
            return _Speaker(self._full_name(lone.group(1)), "person", cue)
        return None

    def _described(self, phrase: str, at: int, cue: str, fitting: str) -> _Speaker | None:
        """Who a definite description ("the official", "the ambassador") speaking at ``at``
        is, when the text says so more surely than the nearest person it fits: an unnamed
        source the text introduced with the same noun ("a senior US official said …" then
        "the official said" -> the body they speak for, ``unnamed_source``), else the latest
        person, within ``_TITLE_REACH`` paragraphs, printed with that noun in their title
        ("French Ambassador to Ukraine Etienne de Poncins") or holding it in the knowledge
        base (Lavrov, Foreign Minister, for "the minister"), unless the person the
        description fits (``fitting``) holds that title too; else None."""
        definite = _DEFINITE.fullmatch(phrase)
        if definite is None:
            return None
        noun = definite.group(1).lower()
        source = self._unnamed_antecedent(noun, at)
        if source is not None:
            return _Speaker(source, "unnamed_source", cue)
        if noun not in self.lex.title_words_lower:
            return None
        paragraph = self._paragraph_index(at)
        near = [r for r in self.refs.nearest_before(at) if paragraph - r.paragraph <= _TITLE_REACH]
        titled = [r for r in near if r.kind == "person" and r.name and r.via in ("name", "role") and self._titled(r, noun)]
        if not titled or any(r.name == fitting for r in titled) or self._holds(fitting, noun):
            return None  # "the president said" of Biden, a president too: the nearest fit stays
        return _Speaker(titled[0].name, "person", cue)

    def _unnamed_antecedent(self, noun: str, at: int) -> str | None:
        """The body an unnamed source speaks for, when the latest phrase before ``at`` that
        ends in ``noun`` (through earlier "the official"s) introduces one: "a senior US
        official" -> US government; not "Peskov, a Kremlin official" (an apposition)."""
        pattern = re.compile(rf"(?<![\w-])(?:an?|one|the)\s+(?:[\w.’'-]+\s+){{0,3}}?{re.escape(noun)}(?![\w-])", re.IGNORECASE)
        lowest = self.article.paragraphs[max(0, self._paragraph_index(at) - _TITLE_REACH)].start
        found = [m for m in pattern.finditer(self.body, lowest, at) if not self._quoted(m.start())]
        for match in reversed(found):
            phrase = match.group()
            if phrase.split()[0].lower() == "the":
                continue
            if any(r.kind == "person" and r.name and re.fullmatch(r",\s*", self.body[r.end : match.start()])
                   for r in self.refs.within(max(0, match.start() - 80), match.start())):
                return None  # "Dmitry Peskov, a Kremlin official": the named person
            if not self.lex.anonymous_source.search(phrase):
                return None
            return _unnamed_source_body(phrase, self.kb)
        return None

    def _paragraph_index(self, offset: int) -> int:
        """The index of the paragraph holding ``offset`` (paragraph starts found once)."""
        if self._paragraph_starts is None:
            self._paragraph_starts = [p.start for p in self.article.paragraphs]
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    def _quoted(self, offset: int) -> bool:
        index = bisect_right(self._span_starts, offset) - 1
        return index >= 0 and offset < self.spans[index].end

    def _titled(self, ref: Reference, noun: str) -> bool:
        """Was the person of ``ref`` given a title with ``noun`` here: printed right before
        the name ("Russian Foreign Minister Sergei Lavrov"), as the role phrase itself ("the
        Russian Foreign Minister stressed"), or among their roles in the knowledge base?"""
        word = re.compile(rf"\b{re.escape(noun)}s?\b", re.IGNORECASE)
        if ref.via == "role":
            return word.search(self.body, ref.start, ref.end) is not None
        lead = self.body[max(0, ref.start - 80) : ref.start]
        last = max(word.finditer(lead), key=lambda m: m.start(), default=None)
        if last is not None and all(w[:1].isupper() or w in ("of", "to", "for", "the", "and") for w in lead[last.end() :].split()):
            return True
        return self._holds(ref.name or "", noun)

    def _holds(self, name: str, noun: str) -> bool:
        """Does the knowledge base give ``name`` a role, held at the article's date, whose
        title or cues have ``noun`` (Putin, once Prime Minister, is no "minister" in 2022)?"""
        person = self.kb.person(name)
        word = re.compile(rf"\b{re.escape(noun)}s?\b", re.IGNORECASE)
        when = self.article.published
        return person is not None and any(
            word.search(" ".join((role.title, *role.cues)))
            for role in (self.kb.role(term.role) for term in person.roles
                         if when is None or ((term.start is None or term.start <= when) and (term.end is None or when <= term.end)))
        )

    def _role_holder(self, body: Reference, end: int) -> str | None:
        """The person a definite role phrase stands for: "The Kremlin official stated …"
        right after Peskov is named is Peskov, when the person last named holds a role in
        that body (the knowledge base's roles); else None and the body speaks."""
        role = _ROLE_NOUN_AFTER.match(self.body, body.end, end)
        if role is None or role.group(1).lower() not in _role_nouns() or not _THE_BEFORE.search(self.body, max(0, body.start - 8), body.start):
            return None
        organization = next((o for o in self.kb.organizations if o.name == body.name), None)
        sentence = self.article.sentence_at(body.start)
        if sentence is not None and _anonymity().search(self.body, sentence.start, sentence.end):
            return None  # "The NATO official, who asked not to be named, said"
        before = body.start if sentence is None else sentence.start
        person_ref = next((r for r in self.refs.nearest_before(before) if r.kind == "person" and r.name), None)
        if organization is None or person_ref is None or body.paragraph - person_ref.paragraph > 1:
            return None
        person = self.kb.person(person_ref.name)
        if person is None or not any(self.kb.role(term.role).org == organization.id for term in person.roles):
            return None
        return person.name

    def _capital_voice(self, floor: int, verb_start: int) -> str | None:
        """The state a capital speaks for when it alone is a speech verb's subject ("Moscow
        has said", "At the same time, Kyiv has accused"; the lexicon's ``capital_voices``)."""
        for place in self.refs.within(floor, verb_start):
            lead = self.body[floor : place.start].strip()
            if place.via == "place" and (not lead or lead.endswith(",")) and _AUXILIARIES.fullmatch(self.body[place.end : verb_start]):
                return _capital_voices().get(place.name)
        return None

    def _unknown_word(self, word: str) -> bool:
        lex = self.lex
        return (
            word not in lex.title_words
            and word not in lex.months
            and word not in lex.weekdays
            and word.lower() not in lex.pronouns
            and word not in lex.not_name_openers
            and word not in lex.demonyms
            and len(word) > 2
        )

    def _full_name(self, surname: str) -> str:
        if self._surnames is None:  # built once per article, on first need
            self._surnames = {}
            for ref in self.refs.items:
                if ref.kind == "person" and ref.name and " " in ref.name:
                    self._surnames.setdefault(ref.name.split()[-1], ref.name)
        return self._surnames.get(surname, surname)

    def _body_called(self, noun: str, offset: int) -> Reference | None:
        """The latest body before ``offset`` whose own name calls it ``noun`` ("the
        alliance" -> NATO, the North Atlantic Alliance; "the ministry" -> the Polish Foreign
        Ministry), or None when no earlier body's name has that word."""
        if noun not in self._called:  # the bodies whose names have this word, found once
            words = _body_words(self.kb)
            named = [r for r in self._named_bodies()[0] if noun in words.get(r.name, _words_of(r.name))]
            self._called[noun] = (named, [r.start for r in named])
        return next(self._named_before(self._called[noun], offset), None)

    def _named_bodies(self) -> tuple[list[Reference], list[int]]:
        """The bodies named by their names, in text order, and their starts (found once)."""
        if self._bodies is None:
            named = [r for r in self.refs.items if r.kind == "organization" and r.via == "name"]
            self._bodies = (named, [r.start for r in named])
        return self._bodies

    @staticmethod
    def _named_before(index: tuple[list[Reference], list[int]], offset: int) -> Iterator[Reference]:
        """The references of ``index`` that end before ``offset``, nearest first, lazily."""
        named, starts = index
        for i in range(bisect_right(starts, offset) - 1, -1, -1):
            if named[i].end <= offset:
                yield named[i]

    def _last_body_before(self, offset: int) -> Reference | None:
        """The body that most recently spoke (or, failing that, was named) before ``offset``."""
        if "speaks" not in self._called:  # found once per article, not once per question
            named = self._named_bodies()[0]
            speaks = [r for r in named if _patterns().body_speaks.match(self.body[r.end : r.end + 40])]
            self._called["speaks"] = (speaks, [r.start for r in speaks])
            subjects = [r for r in named if self._opens_sentence(r)]
            self._called["subject"] = (subjects, [r.start for r in subjects])
        # the latest that spoke, failing that the latest a sentence is about (its subject)
        for index in (self._called["speaks"], self._called["subject"], self._named_bodies()):
            found = next(self._named_before(index, offset), None)
            if found is not None:
                return found
        return None

    def _opens_sentence(self, ref: Reference) -> bool:
        """Whether ``ref`` opens its sentence (after "the" at most): the sentence's subject."""
        sentence = self.article.sentence_at(ref.start)
        return sentence is not None and re.fullmatch(
            r"(?:the\s+)?", self.body[sentence.start : ref.start], re.IGNORECASE) is not None

    def _speech_acts(self, start: int, end: int) -> list[Reference]:
        """People and bodies in ``[start, end)`` that are followed by a speech or report verb
        (found once per stretch: the quotations of a paragraph ask about the same one)."""
        if (start, end) not in self._acts:
            self._acts[start, end] = self._find_speech_acts(start, end)
        return self._acts[start, end]

    def _find_speech_acts(self, start: int, end: int) -> list[Reference]:
        acts = []
        for ref in self.refs.within(start, end):
            if ref.via == "place":
                continue
            after = self.body[ref.end : min(end, ref.end + 40)]
            if _patterns().reported_speech.match(after) or _patterns().according_before.search(
                self.body[max(start, ref.start - 20) : ref.start]
            ):
                acts.append(ref)
        return acts

    def _previous_text_paragraph(self, index: int) -> Paragraph | None:
        """The text paragraph before paragraph ``index``, across links, credits and
        captions (None when something else comes first).  Found for every paragraph in
        one pass, on the first call: walking back per quotation was quadratic when many
        captions, each with a quotation, follow one another."""
        found: list[Paragraph | None] | None = self.__dict__.get("_previous_text")
        last: Paragraph | None
        if found is None:
            found, last = [], None  # the text paragraph so far, if only skipped ones followed it
            for paragraph in self.article.paragraphs:
                found.append(last)
                skipped = paragraph.kind in ("link", "credit", "caption")
                last = paragraph if paragraph.kind == "text" else last if skipped else None
            self.__dict__["_previous_text"] = found
        return found[index]

    def _after_mark(self, end: int) -> int:
        """Offset just after the closing mark of a span ending at ``end`` (French style
        puts a space before it: « … »)."""
        position = end
        while position < len(self.body) and self.body[position] in _INNER_SPACE:
            position += 1
        if position >= len(self.body) or self.body[position] not in _MARKS:
            return end
        while position < len(self.body) and self.body[position] in _MARKS:
            position += 1
        return position

    def _before_mark(self, start: int) -> int:
        """Offset of the opening mark of a span starting at ``start`` (« … » allowed)."""
        position = start
        while position > 0 and self.body[position - 1] in _INNER_SPACE:
            position -= 1
        if position == 0 or self.body[position - 1] not in _MARKS:
            return start
        while position > 0 and self.body[position - 1] in _MARKS:
            position -= 1
        return position

    def _cue_text(self, start: int, end: int) -> str:
        return " ".join(self.body[start:end].strip(" ,;:–—-").split())
