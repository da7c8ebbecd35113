"""Lint and types are part of the test command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "edu_kit", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy() -> None:
    assert shutil.which("mypy") or True
    done = subprocess.run([sys.executable, "-m", "mypy", "edu_kit"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_exactly_one_module_imports_ipywidgets() -> None:
    importers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "edu_kit").rglob("*.py") if "import ipywidgets" in p.read_text(encoding="utf-8")]
    assert importers == ["edu_kit/quiz/widget.py"]
