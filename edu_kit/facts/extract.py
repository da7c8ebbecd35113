"""Turn an article's annotations into facts with provenance."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from .._data import data_file
from ..annotate import Annotations, DateExpression
from ..corpus import Article, Sentence
from .records import DatedBy, Fact, FactKind

__all__ = ["article_facts", "fact_id", "only_mentioned"]


def fact_id(kind: FactKind, article: str, start: int, end: int) -> str:
    """A short stable id for a fact: the same evidence always gives the same id.

    >>> fact_id("quote", "000", 10, 42)
    'quote-000-10-42'
    """
    return f"{kind}-{article}-{start}-{end}"


def article_facts(article: Article, notes: Annotations, *, include_captions: bool = False) -> tuple[Fact, ...]:
    """The facts of one article: quotations, dated events and concepts invoked.

    Only running text counts: headlines, captions, links and headings are kept out,
    unless ``include_captions`` is True, which adds the quotations of captions and
    headlines (with ``where`` set) for cross-checking.

    >>> from edu_kit import load_corpus
    >>> from edu_kit.annotate import annotate
    >>> art = load_corpus()["003"]
    >>> facts = article_facts(art, annotate(art))
    >>> sorted({f.kind for f in facts})
    ['concept', 'event', 'quote']
    """
    published = article.published.isoformat() if article.published else None

    def fact(kind: FactKind, start: int, end: int, sentence: Sentence, **fields: Any) -> Fact:
        """A fact of this article with its evidence at ``[start, end)`` in ``sentence``."""
        return Fact(
            id=fact_id(kind, article.id, start, end),
            kind=kind,
            article=article.id,
            outlet=article.outlet,
            published=published,
            start=start,
            end=end,
            sentence=sentence.text,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            **fields,
        )

    facts: list[Fact] = []
    quoted = [(q.start, q.end) for q in notes.quotes]
    for quote in notes.quotes:
        sentence = article.sentence_at(quote.start)
        if sentence is None or not (quote.where == "text" or (include_captions and quote.where in ("caption", "headline"))):
            continue
        facts.append(
            fact(
                "quote", quote.start, quote.end, sentence,
                subject=quote.speaker, text=quote.text, date=published, until=None,
                precision="day" if published else None, actors=(quote.speaker,) if quote.speaker else (),
                fragment=quote.fragment, where=quote.where, cue=quote.cue,
            )
        )

    inside_quote = _Spans(quoted)
    by_start = sorted(notes.mentions, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    dated = [
        (expression, sentence)
        for expression in notes.dates
        if (sentence := _sentence(article, expression.start)) is not None
        and expression.value is not None
        and not inside_quote.covers(expression.start)
    ]
    clauses: dict[int, _Clauses] = {}  # per sentence, built once
    mentioned = {
        id(e) for e, s in dated
        if (clauses.get(s.start) or clauses.setdefault(s.start, _Clauses(article.body, s))).only_mentioned(e)
    }
    own_dates: dict[int, list[DateExpression]] = {}  # per sentence, the dates of events in it
    for e, s in dated:
        if id(e) not in mentioned:
            own_dates.setdefault(s.start, []).append(e)
    sentence_actors: dict[int, tuple[str, ...]] = {}  # per sentence, built once
    for expression, sentence in dated:
        actors = sentence_actors.get(sentence.start, ())
        if sentence.start not in sentence_actors:
            in_sentence = by_start[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
            actors = sentence_actors.setdefault(
                sentence.start, tuple(dict.fromkeys(m.name for m in in_sentence if m.kind != "concept")))
        event_date, event_until = expression.value, expression.until
        event_precision: str | None = expression.precision
        dated_by: DatedBy = "text"
        if id(expression) in mentioned:
            own = own_dates.get(sentence.start, [])
            if own:
                event_date, event_until, event_precision, dated_by = own[0].value, own[0].until, own[0].precision, "sentence"
            else:
                event_date, event_until = published, None
                event_precision, dated_by = ("day" if published else None), "published"
        facts.append(
            fact(
                "event", expression.start, expression.end, sentence,
                subject=actors[0] if actors else None, text=sentence.text, date=expression.value,
                until=expression.until, precision=expression.precision, actors=actors,
                event_date=event_date, event_until=event_until, event_precision=event_precision,
                dated_by=dated_by,
            )
        )

    seen: set[str] = set()
    for mention in notes.mentions:
        if mention.kind != "concept" or mention.name in seen:
            continue
        sentence = _sentence(article, mention.start)
        if sentence is None:
            continue
        seen.add(mention.name)
        facts.append(
            fact(
                "concept", mention.start, mention.end, sentence,
                subject=mention.name, text=sentence.text, date=published, until=None, precision=None, actors=(),
            )
        )
    return tuple(sorted(facts, key=lambda f: (f.start, f.kind)))


_WORD = re.compile(r"[\w'’]+")


def only_mentioned(body: str, sentence: Sentence, expression: DateExpression) -> bool:
    """True when a date expression only *mentions* a date (see ``data/event_dates.yaml``).

    It does when used like an adjective ("the 2008 declaration") or when it stands in a
    relative clause ("an army that collapsed ... in 2014", "Donfried, who then came ... on
    Thursday"); then it does not date the event the sentence reports.

    >>> from edu_kit import load_corpus
    >>> from edu_kit.annotate import annotate
    >>> art = load_corpus()["002"]
    >>> [(d.text, only_mentioned(art.body, art.sentence_at(d.start), d))
    ...  for d in annotate(art).dates if d.text in ("2014", "today")]
    [('today', False), ('2014', True)]
    """
    return _Clauses(body, sentence).only_mentioned(expression)


class _Clauses:
    """One sentence's words, clause boundaries and relative pronouns, found once, so
    that each date of the sentence is judged by binary searches (time linear in the
    sentence, however many dates it holds)."""

    def __init__(self, body: str, sentence: Sentence) -> None:
        rules = data_file("event_dates")
        self.body, self.start, self.end = body, sentence.start, sentence.end
        self.determiners = frozenset(rules["determiners"])
        pronouns = frozenset(rules["relative_pronouns"])
        words = list(_WORD.finditer(body, sentence.start, sentence.end))
        lowered = [m.group().lower() for m in words]
        self.word_ends = [m.end() for m in words]
        self.words = lowered
        # clause boundaries never overlap one another: sorted by start is sorted by end
        found = sorted(
            (m.start(), m.end())
            for end in rules["clause_ends"]
            for m in re.finditer(re.escape(end), body[sentence.start : sentence.end])
        )
        self.clause_starts = [sentence.start + s for s, _ in found]
        self.clause_ends = [sentence.start + e for _, e in found]
        # a relative pronoun after a comma, or after a noun that follows a determiner
        self.relative_ends: list[int] = []
        for index, match in enumerate(words):
            if lowered[index] not in pronouns:
                continue
            gap = match.start()
            while gap > sentence.start and body[gap - 1] == " ":
                gap -= 1
            after_comma = gap > sentence.start and body[gap - 1] == ","
            after_noun = index >= 2 and lowered[index - 2] in self.determiners
            if after_comma or after_noun:
                self.relative_ends.append(match.end())

    def only_mentioned(self, expression: DateExpression) -> bool:
        body, start, end = self.body, expression.start, expression.end
        last = bisect_right(self.word_ends, start) - 1  # the last word before the date
        if (last >= 0 and self.words[last] in self.determiners and start > self.start and body[start - 1] == " "
                and end + 2 <= self.end and body[end] == " " and body[end + 1] in _ASCII_LETTERS):
            return True
        # a relative clause runs from its pronoun to the next clause boundary
        boundary = bisect_right(self.clause_ends, start) - 1
        after = self.clause_starts[boundary] if boundary >= 0 else -1
        i = bisect_right(self.relative_ends, start) - 1
        return i >= 0 and self.relative_ends[i] > after


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _sentence(article: Article, offset: int) -> Sentence | None:
    """The running-text sentence at ``offset`` (None inside headlines, captions ...)."""
    sentence = article.sentence_at(offset)
    return sentence if sentence is not None and sentence.kind == "text" else None


class _Spans:
    """``[start, end)`` spans (possibly overlapping): is an offset inside one?  Each
    question costs a binary search, not a scan of every span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            elif start < end:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]
