"""Scaling: do loading, annotation, facts and ``edu-kit extract`` take time linear in the text?

    python benchmarks/bench_scaling.py              # 1 KB -> 10 MB, every workload, both stages
    python benchmarks/bench_scaling.py --max-mb 1   # a quicker run
    python benchmarks/bench_scaling.py --only dates --stage pipeline

Each workload's text is grown from 1 KB towards 10 MB (by factors of 4, then 10 MB itself;
sizes are UTF-8 bytes, so the largest file is just within the default 10 MB limit of one
article) and written to a file.  Two stages are timed, each in a fresh process that runs
every size of the workload in turn:

- ``pipeline``: ``load_corpus([file])`` + ``corpus_facts(corpus)`` (which annotates);
- ``extract``: ``edu-kit extract --format json FILE`` in the same process (output counted,
  then discarded), i.e. loading, annotation, facts, cross-checks and the record check.
  The size of the JSON printed is shown too: it grows linearly as well, since
  ``conflicts`` lists each distinct conflict once with the count of its pairs (a text
  that repeats two conflicting quotations r times, as "ordinary news", the seeds
  repeated, does, has r² pairs: counted, not printed).

Beside each run a reference is timed on the same text in the same process: a linear scan
(lower-casing and ``re.findall(r"\\w+")``).  Times are the process's CPU seconds by
default (``--clock wall`` for elapsed time): on a machine shared with other work, elapsed
time mostly measures the neighbours.  A size whose run takes longer than ``--budget``
seconds ends that stage of the workload (a quadratic one would otherwise run for hours).
Printed per size: seconds, seconds per MB, the ratio to the reference and the process's
peak resident memory above its size after the warm-up.  Per workload and stage: the
growth exponent ``k`` of time ~ size^k over the four largest sizes of 64 KB and more
(1.0 is linear, 2.0 quadratic), for ours and for the reference (and, for ``extract``, of
the JSON printed), seconds per MB at the
largest size, and peak memory per MB of input.

Workloads: ordinary news (the seed articles, repeated) and the adversarial inputs of
issue 16: a speech verb followed by many quotation marks, a body of opening marks, a name
with a speech verb before each mark, unmatched quotation marks, one long line of short
sentences, hard-wrapped paragraphs, dense dates in short sentences and many dates in one
sentence.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KB = 1024
MB = 1024 * KB
STAGES = ("pipeline", "extract")


def _seed_text() -> str:
    from edu_kit import load_corpus

    return "\n\n".join(article.body for article in load_corpus())


def _grow(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` UTF-8 bytes (cut at a character boundary)."""
    encoded = unit.encode("utf-8")
    data = (encoded * (size // max(1, len(encoded)) + 1))[:size]
    return data.decode("utf-8", errors="ignore")


WORKLOADS: dict[str, Callable[[int], str]] = {
    "ordinary news": lambda size: _grow(_seed_text() + "\n\n", size),
    "speech verb + quotes": lambda size: "Ryabkov said " + _grow('"a ', size - 13),
    "opening marks": lambda size: _grow('"a ', size),
    "name said + mark": lambda size: _grow('Stoltenberg said "x ', size),
    "unmatched quotes": lambda size: _grow('word " ', size),
    "one line of sentences": lambda size: _grow("It rained. Talks went on. ", size),
    "hard-wrapped lines": lambda size: _grow(
        "NATO and Russia met in Brussels on Wednesday and talked for\n"
        "four hours about Ukraine, arms control and the security of\n", size),
    "dense dates": lambda size: _grow("On 10 January 2022, yesterday, and on Monday, they met. ", size),
    "dates in one sentence": lambda size: _grow("on 10 January 2022, ", size),
    # attack atk4 (A4): short quotations each followed by a speech verb, in one sentence
    "short quotations, said": lambda size: _grow('"x," said "y," said ', size),
}


# ----------------------------------------------------------------- the child process


def _rss() -> int:
    """Peak resident memory of this process so far, in bytes (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def _child(stage: str, files: list[str], budget: float, clock_name: str = "cpu") -> None:
    """Time ``stage`` on each file in turn; print one JSON line per file."""
    clock = CLOCKS[clock_name]
    from edu_kit import load_corpus
    from edu_kit.cli import main as cli
    from edu_kit.facts import corpus_facts

    counts: dict[str, int] = {}

    def pipeline(path: str) -> None:
        corpus_facts(load_corpus([path]))

    class _Counting:  # stdout that counts the characters printed, and keeps none
        def __init__(self) -> None:
            self.chars = 0

        def write(self, text: str) -> int:
            self.chars += len(text)
            return len(text)

        def flush(self) -> None:
            pass

    def extract(path: str) -> None:
        sink = _Counting()
        stdout, sys.stdout = sys.stdout, sink
        try:
            cli(["extract", "--format", "json", path])
        finally:
            sys.stdout = stdout
        counts["output"] = sink.chars

    run = pipeline if stage == "pipeline" else extract
    with tempfile.TemporaryDirectory() as folder:  # warm up: patterns, knowledge base
        warm = Path(folder, "warm.txt")
        warm.write_text("Warm-up. NATO met on Monday, Stoltenberg said.\n", encoding="utf-8")
        run(str(warm))
    gc.collect()
    baseline = _rss()
    for path in files:
        text = Path(path).read_text(encoding="utf-8")
        gc.collect()
        start = clock()
        re.findall(r"\w+", text.lower())
        reference = clock() - start
        del text
        gc.collect()
        start = clock()
        run(path)
        seconds = clock() - start
        print(json.dumps({"size": os.path.getsize(path), "seconds": seconds, "reference": reference,
                          "rss": max(0, _rss() - baseline), "output": counts.get("output", 0)}), flush=True)
        if seconds > budget:
            return


# ----------------------------------------------------------------- the parent


def _exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(size): the four largest sizes of 64 KB and more."""
    usable = [(math.log(s), math.log(max(t, 1e-6))) for s, t in points if s >= 64 * KB][-4:]
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


def _label(size: int) -> str:
    return f"{size / MB:.2f} MB" if size >= MB else f"{size // KB} KB"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def run(max_mb: float = 10.0, budget: float = 60.0, only: str | None = None,
        stages: tuple[str, ...] = STAGES, clock: str = "cpu") -> dict[str, dict[str, object]]:
    """Run every workload (or those whose name contains ``only``) and return the figures."""
    results: dict[str, dict[str, object]] = {}
    summary: list[tuple[str, float | None, float, int, float]] = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryDirectory() as folder:
        for name, make in WORKLOADS.items():
            if only and only not in name:
                continue
            files: list[str] = []
            for size in _sizes(int(max_mb * MB)):
                path = Path(folder, f"{len(files):02d}.txt")
                path.write_text(make(size), encoding="utf-8")
                files.append(str(path))
            for stage in stages:
                print(f"-- {name}: {stage}", flush=True)
                print(f"   {'size':>8} {'seconds':>9} {'s/MB':>8} {'ref s':>8} {'ratio':>7} {'peak MB':>8}"
                      + (f" {'output MB':>10}" if stage == "extract" else ""), flush=True)
                child = subprocess.Popen(
                    [sys.executable, __file__, "--child", stage, "--budget", str(budget), "--clock", clock, *files],
                    stdout=subprocess.PIPE, text=True, env=env)
                assert child.stdout is not None
                ours: list[tuple[int, float]] = []
                ref: list[tuple[int, float]] = []
                printed: list[tuple[int, float]] = []  # characters of JSON printed (extract)
                peak = 0
                for line in child.stdout:
                    row = json.loads(line)
                    size, seconds, theirs, peak = row["size"], row["seconds"], row["reference"], row["rss"]
                    ours.append((size, seconds))
                    ref.append((size, theirs))
                    printed.append((size, max(1, row.get("output", 0))))
                    print(f"   {_label(size):>8} {seconds:9.3f} {seconds / (size / MB):8.2f} {theirs:8.4f} "
                          f"{seconds / max(theirs, 1e-9):7.0f} {peak / MB:8.0f}"
                          + (f" {row.get('output', 0) / MB:10.1f}" if stage == "extract" else ""), flush=True)
                child.wait()
                if not ours:
                    print(f"   failed (exit status {child.returncode})")
                    continue
                k, k_ref = _exponent(ours), _exponent(ref)
                size, seconds = ours[-1]
                per_mb = seconds / (size / MB)
                stopped = ours[-1][0] < os.path.getsize(files[-1])
                print(f"   growth exponent: ours {_round(k)}, reference {_round(k_ref)}; {per_mb:.2f} s/MB "
                      f"at {_label(size)}; peak memory {peak / MB:.0f} MB above the warm process "
                      f"({peak / size:.0f} bytes per input byte)"
                      + (f"; output growth exponent {_round(_exponent(printed))}" if stage == "extract" else "")
                      + (f"; stopped: {_label(size)} took more than {budget:.0f} s" if stopped else ""),
                      flush=True)
                results[f"{name}: {stage}"] = {"exponent": k, "reference_exponent": k_ref, "s_per_mb": per_mb,
                                               "largest": size, "peak_mb": peak / MB, "stopped": stopped}
                summary.append((f"{name}: {stage}", k, per_mb, size, peak / MB))
    print("\nsummary (1 KB -> largest size reached)")
    for key, k, per_mb, size, peak_mb in summary:
        print(f"   {key:<40} k = {_round(k)!s:>5}  {per_mb:7.2f} s/MB at {_label(size)}  {peak_mb:.0f} MB peak")
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--max-mb", type=float, default=10.0, help="largest text (default 10 MB)")
    parser.add_argument("--budget", type=float, default=120.0, help="stop a workload after a run this long (s)")
    parser.add_argument("--only", help="run the workloads whose name contains this")
    parser.add_argument("--stage", choices=STAGES, help="time only this stage")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                        help="cpu: the process's CPU time (default; steady on a shared machine), wall: elapsed time")
    parser.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.child:
        _child(args.child, args.files, args.budget, args.clock)
        return
    run(args.max_mb, args.budget, args.only, (args.stage,) if args.stage else STAGES, args.clock)


if __name__ == "__main__":
    main(sys.argv[1:])
