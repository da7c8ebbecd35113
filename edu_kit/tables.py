"""pandas DataFrames of a corpus's annotations and facts, for students to explore.

Each function takes a :class:`~edu_kit.corpus.Corpus` and returns a new DataFrame
(pandas is imported only when one is called).  Columns:

``articles_table``
    id, title, outlet, published (datetime64), words, paragraphs, sentences,
    boilerplate (non-article paragraphs), source_path
``quotes_table``
    article, outlet, published, speaker, speaker_kind, text, fragment, where, cue,
    start, end, sentence
``dates_table``
    article, text, value, until, precision, relative, start, end, sentence
``mentions_table``
    article, name, kind, text, misspelt, start, end
``facts_table``
    id, kind, article, outlet, published, subject, text, date, until, precision,
    actors (comma-separated), start, end, sentence, fragment
``conflicts_table``
    article_a, speaker_a, article_b, speaker_b, similarity, same_article, same_day,
    text_a, text_b, explanation
``variants_table``
    name, kind, spelling, count, misspelt, articles
``support_table``
    kind, key, n_articles, articles, example
``sources_table`` (takes a :class:`~edu_kit.corpus.SourceSet` of primary documents)
    id, title, issuer, voice (speaker, or issuer), side, published, kind, url, copy
    (what the stored page is when not the issuer's site), words, why_it_matters
``record_table`` (a corpus, and primary documents: the bundled ones by default)
    one row per quotation checked against the record: article, outlet, published,
    speaker (as the article names them), text, where, fragment, status (confirmed,
    misattributed or unverified, see :data:`edu_kit.facts.QUOTE_STATUSES`),
    record_speaker (who says the words in the record), wording (same or close),
    similarity (0..1), record_source (document id), record_title, record_issuer,
    record_published, record_url, record_passage, reason (a sentence for students),
    start, end

>>> from edu_kit import load_corpus
>>> quotes_table(load_corpus()).columns[:4].tolist()
['article', 'outlet', 'published', 'speaker']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._frames import literal_dollars
from .annotate import Annotations, annotate
from .corpus import Article, Corpus, SourceSet
from .facts import check_quotes, corpus_facts, crosscheck

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "annotations_of",
    "articles_table",
    "conflicts_table",
    "dates_table",
    "facts_table",
    "mentions_table",
    "quotes_table",
    "record_table",
    "sources_table",
    "support_table",
    "variants_table",
]


def annotations_of(article: Article) -> Annotations:
    """Annotations of an article with the bundled knowledge base (cached per article by
    :func:`edu_kit.annotate.annotate`)."""
    return annotate(article)


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd
    literal_dollars(pd)

    frame = pd.DataFrame(rows, columns=columns)
    for column in ("published",):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def _published(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def articles_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article."""
    rows = [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "published": _published(a),
            "words": len(a.body.split()),
            "paragraphs": len(a.paragraphs),
            "sentences": len(a.sentences),
            "boilerplate": sum(p.is_boilerplate for p in a.paragraphs),
            "source_path": a.source_path,
        }
        for a in corpus
    ]
    return _frame(rows, ["id", "title", "outlet", "published", "words", "paragraphs", "sentences", "boilerplate", "source_path"])


def quotes_table(corpus: Corpus) -> pd.DataFrame:
    """One row per quotation (fragments and captions included; filter on ``fragment``/``where``)."""
    rows = []
    for article in corpus:
        for q in annotations_of(article).quotes:
            sentence = article.sentence_at(q.start)
            rows.append(
                {
                    "article": article.id,
                    "outlet": article.outlet,
                    "published": _published(article),
                    "speaker": q.speaker,
                    "speaker_kind": q.speaker_kind,
                    "text": q.text,
                    "fragment": q.fragment,
                    "where": q.where,
                    "cue": q.cue,
                    "start": q.start,
                    "end": q.end,
                    "sentence": None if sentence is None else sentence.text,
                }
            )
    columns = ["article", "outlet", "published", "speaker", "speaker_kind", "text", "fragment", "where", "cue", "start", "end", "sentence"]
    return _frame(rows, columns)


def dates_table(corpus: Corpus) -> pd.DataFrame:
    """One row per date expression."""
    rows = []
    for article in corpus:
        for d in annotations_of(article).dates:
            sentence = article.sentence_at(d.start)
            rows.append(
                {
                    "article": article.id,
                    "text": d.text,
                    "value": d.value,
                    "until": d.until,
                    "precision": d.precision,
                    "relative": d.relative,
                    "start": d.start,
                    "end": d.end,
                    "sentence": None if sentence is None else sentence.text,
                }
            )
    return _frame(rows, ["article", "text", "value", "until", "precision", "relative", "start", "end", "sentence"])


def mentions_table(corpus: Corpus) -> pd.DataFrame:
    """One row per name mention."""
    rows = [
        {
            "article": article.id,
            "name": m.name,
            "kind": m.kind,
            "text": m.text,
            "misspelt": m.misspelt,
            "start": m.start,
            "end": m.end,
        }
        for article in corpus
        for m in annotations_of(article).mentions
    ]
    return _frame(rows, ["article", "name", "kind", "text", "misspelt", "start", "end"])


def facts_table(corpus: Corpus) -> pd.DataFrame:
    """One row per fact (running text only)."""
    rows = []
    for f in corpus_facts(corpus):
        rows.append(
            {
                "id": f.id,
                "kind": f.kind,
                "article": f.article,
                "outlet": f.outlet,
                "published": f.published,
                "subject": f.subject,
                "text": f.text,
                "date": f.date,
                "until": f.until,
                "precision": f.precision,
                "actors": ", ".join(f.actors),
                "start": f.start,
                "end": f.end,
                "sentence": f.sentence,
                "fragment": f.fragment,
            }
        )
    columns = ["id", "kind", "article", "outlet", "published", "subject", "text", "date", "until", "precision", "actors", "start", "end", "sentence", "fragment"]
    return _frame(rows, columns)


def conflicts_table(corpus: Corpus) -> pd.DataFrame:
    """One row per pair of near-identical quotations with different speakers."""
    rows = [
        {
            "article_a": c.first.article,
            "speaker_a": c.first.subject,
            "article_b": c.second.article,
            "speaker_b": c.second.subject,
            "similarity": c.similarity,
            "same_article": c.same_article,
            "same_day": c.same_day,
            "text_a": c.first.text,
            "text_b": c.second.text,
            "explanation": c.explanation,
        }
        for c in crosscheck(corpus).conflicts
    ]
    columns = ["article_a", "speaker_a", "article_b", "speaker_b", "similarity", "same_article", "same_day", "text_a", "text_b", "explanation"]
    return _frame(rows, columns)


def variants_table(corpus: Corpus) -> pd.DataFrame:
    """One row per spelling of a name that is written in more than one way.

    ``articles`` lists the articles that use *this* spelling (004 writes only
    "Zelenskyy", so it is not listed on the row of "Zelensky").
    """
    rows = [
        {
            "name": v.name,
            "kind": v.kind,
            "spelling": spelling,
            "count": count,
            "misspelt": wrong,
            "articles": ", ".join(v.articles_of(spelling)),
        }
        for v in crosscheck(corpus).variants
        for spelling, count, wrong in v.spellings
    ]
    return _frame(rows, ["name", "kind", "spelling", "count", "misspelt", "articles"])


def support_table(corpus: Corpus) -> pd.DataFrame:
    """One row per group of facts saying the same thing, most supported first."""
    rows = [
        {
            "kind": s.kind,
            "key": s.key,
            "n_articles": s.n_articles,
            "articles": ", ".join(s.articles),
            "example": s.facts[0].sentence,
        }
        for s in crosscheck(corpus).support
    ]
    return _frame(rows, ["kind", "key", "n_articles", "articles", "example"])


SOURCES_COLUMNS = [
    "id",
    "title",
    "issuer",
    "voice",
    "side",
    "published",
    "kind",
    "url",
    "copy",
    "words",
    "why_it_matters",
]
RECORD_COLUMNS = [
    "article", "outlet", "published", "speaker", "text", "where", "fragment", "status", "record_speaker", "wording",
    "similarity", "record_source", "record_title", "record_issuer", "record_published", "record_url",
    "record_passage", "reason", "start", "end",
]  # fmt: skip


def sources_table(sources: SourceSet) -> pd.DataFrame:
    """One row per primary document (:func:`edu_kit.corpus.load_sources`).

    >>> from edu_kit.corpus import load_sources
    >>> sources_table(load_sources()).set_index("id").loc["nac-2021-12-16", "voice"]
    'North Atlantic Council'
    """
    rows = [
        {
            "id": d.id,
            "title": d.title,
            "issuer": d.issuer,
            "voice": d.voice,
            "side": d.side,
            "published": _published(d),
            "kind": d.kind,
            "url": d.url,
            "copy": d.copy,
            "words": len(d.body.split()),
            "why_it_matters": d.why_it_matters,
        }
        for d in sources
    ]
    return _frame(rows, SOURCES_COLUMNS)


def record_table(corpus: Corpus, sources: SourceSet | None = None) -> pd.DataFrame:
    """Every quotation of ``corpus`` checked against the record (:func:`edu_kit.facts.check_quotes`).

    >>> from edu_kit import load_corpus
    >>> frame = record_table(load_corpus())
    >>> frame[frame["status"] == "misattributed"][["article", "speaker", "record_speaker"]].values.tolist()
    [['002', 'Olaf Scholz', 'Jens Stoltenberg'], ['002', 'Olaf Scholz', 'Jens Stoltenberg']]
    """
    rows = []
    for check in check_quotes(corpus, sources):
        match = check.match
        rows.append(
            {
                "article": check.article,
                "outlet": check.outlet,
                "published": check.published,
                "speaker": check.speaker,
                "text": check.text,
                "where": check.where,
                "fragment": check.fragment,
                "status": check.status,
                "record_speaker": check.record_speaker,
                "wording": None if match is None else match.wording,
                "similarity": None if match is None else match.similarity,
                "record_source": None if match is None else match.source,
                "record_title": None if match is None else match.title,
                "record_issuer": None if match is None else match.issuer,
                "record_published": None if match is None else match.published,
                "record_url": None if match is None else match.url,
                "record_passage": None if match is None else match.passage,
                "reason": check.reason,
                "start": check.start,
                "end": check.end,
            }
        )
    return _frame(rows, RECORD_COLUMNS)
