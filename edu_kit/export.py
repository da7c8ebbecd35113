"""The extraction as plain data: the JSON document of ``edu-kit extract --format json``.

The shape is documented in ``docs/extract_format.md`` and described by the JSON
Schema ``edu_kit/data/extract.schema.json``.
"""

from __future__ import annotations

from typing import Any

from .annotate import annotate
from .corpus import Corpus, Sentence, SourceSet
from .facts import QuoteCheck, check_quotes, crosscheck
from .knowledge import KnowledgeBase

__all__ = ["SENTENCE_MAX_CHARS", "extraction"]

#: The longest sentence given whole with a date; of a longer one (a run-on text, a list
#: without full stops), the part around the date.  Without a bound, a text of many dates
#: in one sentence would print that sentence once per date: output, and time, growing
#: with the square of the text.
SENTENCE_MAX_CHARS = 1000


def _sentence_around(sentence: Sentence, start: int, end: int) -> str:
    """``sentence``'s text, or at most :data:`SENTENCE_MAX_CHARS` of it around
    ``[start, end)`` with "…" where it was cut.

    >>> from edu_kit.corpus import parse_article
    >>> art = parse_article("Talks " * 300 + "on 10 January.", id="x")
    >>> text = _sentence_around(art.sentences[0], 1800, 1810)
    >>> len(text) <= SENTENCE_MAX_CHARS + 2, text[:1], text[-14:]
    (True, '…', 'on 10 January.')
    """
    text = sentence.text
    if len(text) <= SENTENCE_MAX_CHARS:
        return text
    half = max(0, SENTENCE_MAX_CHARS - (end - start)) // 2
    lo = max(0, start - sentence.start - half)
    hi = min(len(text), lo + max(SENTENCE_MAX_CHARS, end - start))
    lo = max(0, hi - max(SENTENCE_MAX_CHARS, end - start))
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def extraction(corpus: Corpus, kb: KnowledgeBase | None = None, sources: SourceSet | None = None) -> dict[str, Any]:
    """Everything extracted from ``corpus`` as JSON-ready data; ``record_check`` compares
    each quotation with ``sources`` (the bundled primary documents when None).

    >>> from edu_kit import load_corpus
    >>> doc = extraction(load_corpus())
    >>> sorted(doc), sorted(doc["articles"][0])[:4]
    (['articles', 'conflicts', 'record_check', 'support', 'variants'], ['dates', 'id', 'mentions', 'outlet'])
    """
    articles = []
    for article in corpus:
        notes = annotate(article, kb)
        articles.append(
            {
                "id": article.id,
                "source_path": article.source_path,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published.isoformat() if article.published else None,
                "quotes": [
                    {
                        "speaker": q.speaker,
                        "speaker_kind": q.speaker_kind,
                        "text": q.text,
                        "start": q.start,
                        "end": q.end,
                        "cue": q.cue,
                        "fragment": q.fragment,
                        "where": q.where,
                    }
                    for q in notes.quotes
                ],
                "dates": [
                    {
                        "text": d.text,
                        "value": d.value,
                        "until": d.until,
                        "precision": d.precision,
                        "start": d.start,
                        "end": d.end,
                        "relative": d.relative,
                        "sentence": _sentence_around(article.sentences[d.sentence], d.start, d.end)
                        if d.sentence >= 0 else None,
                    }
                    for d in notes.dates
                ],
                "mentions": [
                    {
                        "name": m.name,
                        "kind": m.kind,
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                        "known": m.entity is not None,
                        "misspelt": m.misspelt,
                    }
                    for m in notes.mentions
                ],
            }
        )
    report = crosscheck(corpus, kb)
    return {
        "articles": articles,
        "conflicts": [
            {
                "similarity": c.similarity,
                "same_article": c.same_article,
                "same_day": c.same_day,
                "explanation": c.explanation,
                "quotes": [
                    {"article": f.article, "speaker": f.subject, "text": f.text, "start": f.start, "end": f.end, "where": f.where}
                    for f in (c.first, c.second)
                ],
                # every pair of these two texts and speakers is this one conflict: counted, the first few located
                "count": c.count,
                "locations": [
                    [{"article": f.article, "start": f.start, "end": f.end} for f in pair]
                    for pair in (c.locations or ((c.first, c.second),))
                ],
            }
            for c in report.conflicts
        ],
        "variants": [
            {
                "name": v.name,
                "kind": v.kind,
                "articles": list(v.articles),
                "spellings": [{"text": s, "count": n, "misspelt": wrong} for s, n, wrong in v.spellings],
            }
            for v in report.variants
        ],
        "support": [
            {"kind": s.kind, "key": s.key, "articles": list(s.articles), "n_articles": s.n_articles}
            for s in report.support
        ],
        "record_check": [_record_check(c) for c in check_quotes(corpus, sources, kb)],
    }


def _record_check(check: QuoteCheck) -> dict[str, Any]:
    match = check.match
    return {
        "article": check.article,
        "speaker": check.speaker,
        "text": check.text,
        "start": check.start,
        "end": check.end,
        "where": check.where,
        "fragment": check.fragment,
        "status": check.status,
        "reason": check.reason,
        "record": None
        if match is None
        else {
            "source": match.source,
            "title": match.title,
            "issuer": match.issuer,
            "speaker": match.voice,
            "side": match.side,
            "published": match.published,
            "url": match.url,
            "kind": match.kind,
            "passage": match.passage,
            "start": match.start,
            "end": match.end,
            "similarity": match.similarity,
            "wording": match.wording,
        },
    }
