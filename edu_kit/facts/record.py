"""Quotations checked against the record: the articles' words beside the primary documents.

Every quotation an article gives (running text and captions, fragments included) is
looked for in the primary documents (:func:`edu_kit.corpus.load_sources`: NATO's
transcripts, the allies' and the EU's statements, Russia's drafts, the Kremlin's and the
State Department's records...).  Each gets one status of :data:`QUOTE_STATUSES`:

``confirmed``
    the record has the same (or closely translated) words, said by the speaker the
    article names -- or issued on behalf of the side the article names ("NATO said");
``misattributed``
    the record has the words, but said by someone else: the check says who;
``unverified``
    the words are not in the record held by edu_kit, the quotation is too short to
    check, or the article names no speaker.  Unverified is not false: the bundled
    excerpts are short (each file's ``Copy`` note says what the excerpt leaves out).

How words are compared (thresholds and word lists in ``edu_kit/data/record_check.yaml``):
both texts are reduced to content words (lower case, small words dropped, each word cut
to a stem), and the score is the share of the quotation's pairs of neighbouring content
words found in the densest stretch of a document.  At least ``same_words`` (0.75) is
"same" wording; at least ``close_words`` (0.5) is "close" wording, as when a wire agency
translates a statement; short quotations must reach "same".  A document dated after the
article cannot be its record and is not used.

>>> from edu_kit import load_corpus
>>> checks = check_quotes(load_corpus())
>>> [(c.status, c.speaker, c.record_speaker) for c in checks if c.article == "002" and c.status == "misattributed"]
[('misattributed', 'Olaf Scholz', 'Jens Stoltenberg'), ('misattributed', 'Olaf Scholz', 'Jens Stoltenberg')]
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .._data import MONTH_NAMES, data_file
from ..annotate import Quote, annotate
from ..corpus import Article, Corpus, Source, SourceSet, load_sources
from ..knowledge import Entity, KnowledgeBase, load_knowledge

__all__ = [
    "QUOTE_STATUSES",
    "QuoteCheck",
    "QuoteStatus",
    "RecordMatch",
    "Wording",
    "check_quote",
    "check_quotes",
    "content_words",
    "record_similarity",
]

QuoteStatus = Literal["confirmed", "misattributed", "unverified"]
Wording = Literal["same", "close"]

#: The statuses of a checked quotation, and what each means.
QUOTE_STATUSES: dict[str, str] = {
    "confirmed": "the record has these words from the speaker the article names (or from the side it names)",
    "misattributed": "the record has these words, but from someone else than the speaker the article names",
    "unverified": "the words are not in the record held by edu_kit, too short to check, or the article names no speaker",
}

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Rules:
    same: float
    close: float
    min_words: int
    short_words: int
    stem: int
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    spec = data_file("record_check")
    return _Rules(
        same=float(spec["same_words"]),
        close=float(spec["close_words"]),
        min_words=int(spec["min_content_words"]),
        short_words=int(spec["short_quote_words"]),
        stem=int(spec["stem_length"]),
        stopwords=frozenset(str(spec["stopwords"]).lower().split()),
    )


def content_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """The content words of ``text`` as (stem, start, end), offsets into ``text``
    (cached: the same document is compared with many quotations).

    >>> [w for w, _, _ in content_words("We call on Russia to return to diplomacy, de-escalation")]
    ['call', 'russi', 'retur', 'diplo', 'de', 'escal']
    """
    return _content_words(text)


@lru_cache(maxsize=4096)
def _content_words(text: str) -> tuple[tuple[str, int, int], ...]:
    rules = _rules()
    found = []
    for match in _WORD.finditer(text):  # apostrophes and dashes, straight or curly, split words alike
        word = match.group()
        word = (word if word.isascii() else unicodedata.normalize("NFKC", word)).casefold()
        if word in rules.stopwords:
            continue
        found.append((word[: rules.stem], match.start(), match.end()))
    return tuple(found)


def _pairs(words: Sequence[str]) -> list[tuple[str, str]]:
    return list(itertools.pairwise(words))


def record_similarity(quotation: str, passage: str) -> tuple[float, int, int]:
    """How much of ``quotation`` is in ``passage``: (score, start, end).

    ``score`` is the share of the quotation's pairs of neighbouring content words found
    in the densest stretch of the passage (0..1, rounded to 2 places); ``start``/``end``
    are the offsets in ``passage`` of that stretch (0, 0 when nothing matches).

    >>> score, start, end = record_similarity(
    ...     "We call on Russia to return to diplomacy, de-escalation and respect for Ukraine's sovereignty",
    ...     "Welcome. We call on Russia to return to diplomacy. And to de-escalate. And to respect Ukraine's sovereignty.")
    >>> score
    1.0
    """
    quote = [w for w, _, _ in content_words(quotation)]
    wanted = set(_pairs(quote))
    if not wanted:
        return 0.0, 0, 0
    words = content_words(passage)
    stems = [w for w, _, _ in words]
    hits = [(i, pair) for i, pair in enumerate(_pairs(stems)) if pair in wanted]
    if not hits:
        return 0.0, 0, 0
    width = max(2 * len(quote), len(quote) + 8)
    best, best_span = 0, (hits[0][0], hits[0][0])
    positions = [i for i, _ in hits]
    for k, (i, _) in enumerate(hits):
        last = bisect_left(positions, i + width) - 1
        covered = {pair for _, pair in hits[k : last + 1]}
        if len(covered) > best:
            best, best_span = len(covered), (i, hits[last][0])
    start = words[best_span[0]][1]
    end = words[best_span[1] + 1][2]
    return round(best / len(wanted), 2), start, end


@dataclass(frozen=True)
class RecordMatch:
    """Where a quotation's words are in the record.

    ``source`` is the id of the primary document, ``voice`` who speaks in it (its
    speaker, or its issuer), ``passage`` the document's sentences that hold the words
    (``start``/``end`` their offsets in its body), ``similarity`` the score of
    :func:`record_similarity` and ``wording`` "same" or "close".
    """

    source: str
    title: str | None
    issuer: str
    voice: str
    side: str | None
    published: str | None
    url: str | None
    kind: str
    passage: str
    start: int
    end: int
    similarity: float
    wording: Wording


@dataclass(frozen=True)
class QuoteCheck:
    """One quotation of an article, checked against the record (see the module)."""

    article: str
    outlet: str | None
    published: str | None
    speaker: str | None
    text: str
    where: str
    fragment: bool
    start: int
    end: int
    status: QuoteStatus
    match: RecordMatch | None
    reason: str

    @property
    def record_speaker(self) -> str | None:
        """Who says these words in the record (None when they are not in it)."""
        return None if self.match is None else self.match.voice


def _display_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTH_NAMES[int(month) - 1]} {year}"


def _explain(status: QuoteStatus, article: str, speaker: str | None, match: RecordMatch | None, why: str) -> str:
    if match is None:
        return why
    record = f"{match.issuer}'s record ({match.kind}, {_display_date(match.published)})"
    wording = "the same words" if match.wording == "same" else f"close wording ({match.similarity:.0%} of word pairs)"
    if status == "confirmed":
        return f"{record} has {match.voice} saying {wording}."
    if status == "misattributed":
        return f"Article {article} gives these words to {speaker}; {record} has {match.voice} saying {wording}.{why}"
    return f"{why} {record} has {match.voice} saying {wording}."


def _speaks_for(speaker: str, source: Source, entities: dict[str, Entity]) -> bool:
    """True when ``speaker`` (as the article names it) is the record's voice, or is the
    organisation of the side the record speaks for ("NATO" for the North Atlantic Council)."""
    if speaker == source.voice:
        return True
    entity = entities.get(speaker)
    if entity is None or source.side is None or entity.kind != "organization":
        return False
    return source.side in (entity.name, *entity.aliases)


def _candidates(text: str, article: Article, sources: Iterable[Source]) -> list[RecordMatch]:
    rules = _rules()
    n_words = len(content_words(text))
    floor = rules.same if n_words < rules.short_words else rules.close
    found = []
    for source in sources:
        if article.published and source.published and source.published > article.published:
            continue
        score, start, end = record_similarity(text, source.body)
        if score < floor:
            continue
        first, last = source.sentence_at(start), source.sentence_at(max(start, end - 1))
        s_start = first.start if first else start
        s_end = last.end if last else end
        found.append(
            RecordMatch(
                source=source.id,
                title=source.title,
                issuer=source.issuer,
                voice=source.voice,
                side=source.side,
                published=source.published.isoformat() if source.published else None,
                url=source.url,
                kind=source.kind,
                passage=" ".join(source.body[s_start:s_end].split()),
                start=s_start,
                end=s_end,
                similarity=score,
                wording="same" if score >= rules.same else "close",
            )
        )
    same_day = article.published.isoformat() if article.published else None
    return sorted(found, key=lambda m: (-m.similarity, m.published != same_day, m.source))


def check_quote(
    quote: Quote, article: Article, sources: SourceSet | Sequence[Source], kb: KnowledgeBase | None = None
) -> QuoteCheck:
    """Check one quotation of ``article`` against the primary documents (pure)."""
    kb = kb or load_knowledge()
    entities = {e.name: e for e in (*kb.people, *kb.organizations, *kb.places)}
    status: QuoteStatus = "unverified"
    match: RecordMatch | None = None
    if len(content_words(quote.text)) < _rules().min_words:
        why = "Too short to check against the record."
    else:
        found = _candidates(quote.text, article, sources)
        why = "Not in the primary documents held by edu_kit (their excerpts are short: see each document's Copy note)."
        if found and quote.speaker is None:
            match, why = found[0], "The article names no speaker."
        elif found and quote.speaker is not None:
            own = [m for m in found if _speaks_for(quote.speaker, _by_id(sources, m.source), entities)]
            match = own[0] if own else found[0]
            status = "confirmed" if own else "misattributed"
            if not own:
                why = _own_words_held(quote.speaker, article, sources, entities)
    return QuoteCheck(
        article=article.id,
        outlet=article.outlet,
        published=article.published.isoformat() if article.published else None,
        speaker=quote.speaker,
        text=quote.text,
        where=quote.where,
        fragment=quote.fragment,
        start=quote.start,
        end=quote.end,
        status=status,
        match=match,
        reason=_explain(status, article.id, quote.speaker, match, why),
    )


def _own_words_held(
    speaker: str, article: Article, sources: SourceSet | Sequence[Source], entities: dict[str, Entity]
) -> str:
    """For a misattribution: say so when the record holds no words of the article's speaker
    from then (so it cannot show what that speaker did say), else nothing."""
    for source in sources:
        dated_before = not (article.published and source.published and source.published > article.published)
        if dated_before and _speaks_for(speaker, source, entities):
            return ""
    return (
        f" The record held here has none of {speaker}'s own words from then: it shows whose words these are,"
        f" not what {speaker} said."
    )


def _by_id(sources: SourceSet | Sequence[Source], source_id: str) -> Source:
    for source in sources:
        if source.id == source_id:
            return source
    raise KeyError(source_id)  # pragma: no cover - matches come from these sources


def check_quotes(
    corpus: Corpus, sources: SourceSet | None = None, kb: KnowledgeBase | None = None
) -> tuple[QuoteCheck, ...]:
    """Every quotation of ``corpus`` (captions and fragments included), checked against
    ``sources`` (the bundled primary documents when None), in corpus order."""
    sources = sources if sources is not None else load_sources()
    return tuple(
        check_quote(quote, article, sources, kb) for article in corpus for quote in annotate(article, kb).quotes
    )
