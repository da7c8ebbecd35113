"""Shared helpers for the benchmarks: interleaved repeats and medians.

Machines here are noisy, so every benchmark measures its reference in the same run,
interleaving the two, and reports the ratio of medians.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved(ours: Callable[[], object], reference: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median seconds of ``ours`` and ``reference``, run alternately ``repeats`` times each."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(repeats):
        for fn, out in ((ours, mine), (reference, theirs)):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs)
