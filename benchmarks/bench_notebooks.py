"""How long does each student notebook take to run, against a notebook that only imports?

    python benchmarks/bench_notebooks.py        (needs the `lab` extra: nbclient, ipykernel)

Each notebook of notebooks/ is executed top to bottom with nbclient in a fresh kernel,
from the notebooks folder (as nbval and JupyterLab run it), alternately with a reference
notebook made in a temporary folder whose one cell imports pandas and matplotlib.pyplot.
Kernel start-up is part of both times.  Prints the medians and the ratio for each
notebook (goal: no notebook costs more than twice the reference).  Nothing is written
to the notebooks.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import nbformat
from _timing import interleaved
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GOAL = 2.0
REFERENCE_SOURCE = "import pandas as pd\nimport matplotlib.pyplot as plt"


def run(path: Path, cwd: Path) -> None:
    """Execute the notebook at ``path`` in a fresh kernel started in ``cwd`` (in memory only)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=300, startup_timeout=120, resources={"metadata": {"path": str(cwd)}})
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up warnings are noise here; cell errors still raise


def main(repeats: int = 3) -> dict[str, float]:
    paths = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench_notebooks_") as tmp:
        reference = Path(tmp) / "reference.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells.append(nbformat.v4.new_code_cell(REFERENCE_SOURCE))
        nbformat.write(nb, reference)
        run(reference, Path(tmp))  # warm the disk cache for both sides
        for path in paths:
            run(path, NOTEBOOKS)
            ours, ref = interleaved(lambda p=path: run(p, NOTEBOOKS), lambda: run(reference, Path(tmp)), repeats)
            ratios[path.stem] = ours / ref
            print(f"{path.stem:>24}: {ours:6.2f} s   reference (imports only): {ref:6.2f} s   ratio {ours / ref:.2f}")
    worst = max(ratios, key=ratios.__getitem__)
    verdict = "ok" if ratios[worst] <= GOAL else "over the goal"
    print(f"worst: {worst} at {ratios[worst]:.2f}x (goal <= {GOAL:.1f}x): {verdict}")
    return ratios


if __name__ == "__main__":
    main()
