"""Full annotation speed against spaCy's bare English tokenizer, on the same text.

    python benchmarks/bench_extract.py          (needs: pip install -e ".[bench]")

Annotation = quotations, dates, mentions and facts for every article.  The reference
is `spacy.blank("en")` tokenising the same bodies, measured in the same run.  Prints
words per second for both, their ratio (goal: >= 1.0), and the cost per article at
three corpus sizes to show that it grows linearly.
"""

from __future__ import annotations

from pathlib import Path

from _timing import interleaved

from edu_kit import load_corpus
from edu_kit.annotate import _annotate as annotate  # the annotators themselves, never the per-article cache
from edu_kit.annotate import prepare
from edu_kit.corpus import Article, parse_article
from edu_kit.facts import article_facts
from edu_kit.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent


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
    import spacy

    kb = load_knowledge()
    tokenizer = spacy.blank("en").tokenizer
    results: dict[str, float] = {}
    for label, articles in (("seeds", list(load_corpus())), (f"{size} articles", scaled_corpus(size))):
        words = sum(len(a.body.split()) for a in articles)
        bodies = [a.body for a in articles]
        prepare(kb)  # compile the patterns once, as spacy.blank("en") does when it is made
        annotate(articles[0], kb)

        def ours(articles: list[Article] = articles) -> None:
            for article in articles:
                article_facts(article, annotate(article, kb))

        def reference(bodies: list[str] = bodies) -> None:
            for body in bodies:
                tokenizer(body)

        # First pass: a new tokenizer meets the text for the first time, as in a fresh kernel.
        fresh = spacy.blank("en").tokenizer
        first_ours, first_ref = interleaved(ours, lambda b=bodies, t=fresh: [t(x) for x in b], 1)
        t_ours, t_ref = interleaved(ours, reference, repeats if len(articles) > 10 else repeats * 10)
        ratio_first = (words / first_ours) / (words / first_ref)
        ratio = (words / t_ours) / (words / t_ref)
        print(
            f"{label:>14}: edu_kit {words / t_ours:>10,.0f} words/s | spaCy tokenizer, first pass {words / first_ref:>10,.0f}"
            f" -> ratio {ratio_first:.2f} | spaCy tokenizer, warm cache {words / t_ref:>10,.0f} -> ratio {ratio:.2f}"
        )
        results[label] = ratio
        results[f"{label} (first pass)"] = ratio_first

    print("linear growth (ms per article):", end="")
    for n in (size // 10, size // 3, size):
        articles = scaled_corpus(n)
        per_article, _ = interleaved(lambda a=articles: [article_facts(x, annotate(x, kb)) for x in a], lambda: None, repeats)
        print(f"  {n}: {per_article / n * 1000:.2f}", end="")
        results[f"ms_per_article_{n}"] = per_article / n * 1000
    print()
    return results


if __name__ == "__main__":
    main()
