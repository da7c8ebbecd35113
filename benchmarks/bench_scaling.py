"""Scaling: does extraction (segment, annotate, facts) take time linear in the text's size?

    python benchmarks/bench_scaling.py              # 1 KB -> 10 MB, every workload
    python benchmarks/bench_scaling.py --max-mb 1   # a quicker run

For each workload the text is grown from 1 KB towards 10 MB (by factors of 4) and
``parse_article`` + ``annotate`` + ``article_facts`` are timed once per size, beside a
reference timed on the same text in the same run: a linear scan (lower-casing and
``re.findall(r"\\w+")``).  A size whose run takes longer than ``--budget`` seconds ends
the workload (a quadratic workload would otherwise run for hours).  Printed per size:
seconds, seconds per MB, and the ratio to the reference; per workload: the growth
exponent ``k`` of time ~ size^k, fitted over the four largest sizes of 4 KB and more (1.0 is linear,
2.0 quadratic), for ours and for the reference, and peak memory (tracemalloc) at the
largest size.

Workloads: ordinary news (the seed articles, repeated) and the adversarial inputs of
issue 16: a speech verb followed by many quotation marks, unmatched quotation marks, one
long line of short sentences, hard-wrapped paragraphs, and dense dates.
"""

from __future__ import annotations

import argparse
import gc
import math
import re
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KB = 1024
MB = 1024 * KB


def _seed_text() -> str:
    from edu_kit import load_corpus

    return "\n\n".join(article.body for article in load_corpus())


def _grow(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


WORKLOADS: dict[str, Callable[[int], str]] = {
    "ordinary news": lambda size: _grow(_seed_text() + "\n\n", size),
    "speech verb + quotes": lambda size: "Ryabkov said " + _grow('"a ', size),
    "unmatched quotes": lambda size: _grow('word " ', size),
    "one line of sentences": lambda size: _grow("It rained. Talks went on. ", size),
    "hard-wrapped lines": lambda size: _grow(
        "NATO and Russia met in Brussels on Wednesday and talked for\n"
        "four hours about Ukraine, arms control and the security of\n", size),
    "dense dates": lambda size: _grow("On 10 January 2022, yesterday, and on Monday, they met. ", size),
}


def _ours(text: str) -> None:
    from edu_kit.annotate import annotate
    from edu_kit.corpus import parse_article
    from edu_kit.facts import article_facts

    article = parse_article(text, id="bench", published="2022-01-12")
    article_facts(article, annotate(article))


def _reference(text: str) -> None:
    re.findall(r"\w+", text.lower())


def _timed(fn: Callable[[str], None], text: str) -> float:
    gc.collect()
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def _exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(size): the four largest sizes of 4 KB and more."""
    usable = [(math.log(s), math.log(max(t, 1e-6))) for s, t in points if s >= 4 * KB][-4:]
    if len(usable) < 2:
        return None
    mx = sum(x for x, _ in usable) / len(usable)
    my = sum(y for _, y in usable) / len(usable)
    sxx = sum((x - mx) ** 2 for x, _ in usable)
    return sum((x - mx) * (y - my) for x, y in usable) / sxx if sxx else None


def _sizes(max_bytes: int) -> list[int]:
    sizes, size = [], KB
    while size < max_bytes:
        sizes.append(size)
        size *= 4
    return [*sizes, max_bytes]


def run(max_mb: float = 10.0, budget: float = 60.0, only: str | None = None) -> dict[str, dict[str, object]]:
    _ours("Warm-up. NATO met on Monday.")  # build patterns and load the knowledge base once
    results: dict[str, dict[str, object]] = {}
    for name, make in WORKLOADS.items():
        if only and only not in name:
            continue
        print(f"-- {name}")
        print(f"   {'size':>8} {'seconds':>9} {'s/MB':>8} {'ref s':>8} {'ratio':>7}")
        ours: list[tuple[int, float]] = []
        ref: list[tuple[int, float]] = []
        stopped = ""
        for size in _sizes(int(max_mb * MB)):
            text = make(size)
            mine = _timed(_ours, text)
            theirs = _timed(_reference, text)
            ours.append((size, mine))
            ref.append((size, theirs))
            label = f"{size / MB:.2f} MB" if size >= MB else f"{size // KB} KB"
            print(f"   {label:>8} {mine:9.3f} {mine / (size / MB):8.2f} {theirs:8.4f} {mine / max(theirs, 1e-9):7.0f}")
            if mine > budget:
                stopped = f"stopped: {label} took more than the budget of {budget:.0f} s"
                break
        tracemalloc.start()
        _ours(make(ours[-1][0]))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        k, k_ref = _exponent(ours), _exponent(ref)
        size, seconds = ours[-1]
        per_mb = seconds / (size / MB)
        print(f"   growth exponent: ours {k if k is None else round(k, 2)}, reference "
              f"{k_ref if k_ref is None else round(k_ref, 2)}; {per_mb:.2f} s/MB at the largest size; "
              f"peak memory {peak / MB:.0f} MB ({peak / size:.0f} bytes per input byte)")
        if stopped:
            print(f"   {stopped}")
        results[name] = {"exponent": k, "s_per_mb": per_mb, "peak_mb": peak / MB, "stopped": stopped}
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-mb", type=float, default=10.0, help="largest text (default 10 MB)")
    parser.add_argument("--budget", type=float, default=60.0, help="stop a workload after a run this long (s)")
    parser.add_argument("--only", help="run the workloads whose name contains this")
    args = parser.parse_args(argv if argv is not None else [])
    run(args.max_mb, args.budget, args.only)


if __name__ == "__main__":
    main(sys.argv[1:])
