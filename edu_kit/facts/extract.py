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
    mentioned = {id(e) for e, s in dated if only_mentioned(article.body, s, e)}
    own_dates: dict[int, list[DateExpression]] = {}  # per sentence, the dates of events in it
    for e, s in dated:
        if id(e) not in mentioned:
            own_dates.setdefault(s.start, []).append(e)
    for expression, sentence in dated:
        in_sentence = by_start[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        named = [m for m in in_sentence if m.kind != "concept"]
        actors = tuple(dict.fromkeys(m.name for m in named))
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
    rules = data_file("event_dates")
    determiners = set(rules["determiners"])
    before = body[sentence.start : expression.start]
    words = [m.group().lower() for m in _WORD.finditer(before)]
    after = body[expression.end : sentence.end]
    if words and words[-1] in determiners and before.endswith(" ") and re.match(r" [A-Za-z]", after):
        return True
    pronouns = set(rules["relative_pronouns"])
    matches = list(_WORD.finditer(before))
    for index in range(len(matches) - 1, -1, -1):
        word = matches[index].group().lower()
        between = before[matches[index].end() :]
        if any(end in between for end in rules["clause_ends"]):
            return False
        if word not in pronouns:
            continue
        gap = before[: matches[index].start()].rstrip(" ")
        after_comma = gap.endswith(",")
        after_noun = index >= 2 and matches[index - 2].group().lower() in determiners
        if after_comma or after_noun:
            return True
    return False


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
