"""How much does `import edu_kit` cost over a bare interpreter?

    python benchmarks/bench_import.py

Runs `python -c "import edu_kit"` and `python -c "pass"` alternately and reports the
medians, the difference (goal: under 150 ms) and the ratio.
"""

from __future__ import annotations

import subprocess
import sys

from _timing import interleaved

GOAL_MS = 150.0


def main(repeats: int = 15) -> dict[str, float]:
    def run(code: str) -> None:
        subprocess.run([sys.executable, "-c", code], check=True)

    ours, bare = interleaved(lambda: run("import edu_kit"), lambda: run("pass"), repeats)
    extra_ms = (ours - bare) * 1000
    print(f"import edu_kit: {ours * 1000:.1f} ms   bare interpreter: {bare * 1000:.1f} ms")
    print(f"extra cost: {extra_ms:.1f} ms (goal < {GOAL_MS:.0f} ms)   ratio: {ours / bare:.2f}x")
    return {"import_ms": ours * 1000, "bare_ms": bare * 1000, "extra_ms": extra_ms, "ratio": ours / bare}


if __name__ == "__main__":
    main()
