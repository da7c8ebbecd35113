"""Run every benchmark:  python benchmarks/run.py

Each prints ratios against a reference measured in the same run (machines here are
noisy; absolute times mislead).  bench_extract needs the `bench` extra (spaCy, its small English model, textacy,
dateparser);
bench_notebooks needs the `lab` extra. bench_scaling grows texts from 1 KB to 10 MB
(ordinary and adversarial) and prints seconds per MB and the growth exponent.

Not run here, as it times nothing: ``python benchmarks/flag_rates.py`` counts how often the
report's findings are right and wrong on simulated classes (the figures the report states).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

for name in ("bench_import", "bench_extract", "bench_scaling", "bench_notebooks", "bench_results", "bench_report"):
    path = Path(__file__).with_name(f"{name}.py")
    if not path.exists():
        continue
    print(f"== {name}")
    try:
        importlib.import_module(name).main()
    except ModuleNotFoundError as exc:
        print(f"skipped: {exc.name} is not installed (pip install -e '.[bench]')")
