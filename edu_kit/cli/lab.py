"""``edu-kit lab``: open the student notebooks in JupyterLab."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import EduKitError

COMMANDS = ("lab",)


def add_parsers(commands: Any) -> None:
    lab = commands.add_parser(
        "lab",
        help="open the student notebooks in JupyterLab",
        description="Open a student notebook (default: 00_start_here.ipynb) in JupyterLab. "
        "Options after the notebook name are passed to `jupyter lab` (e.g. --port 8890).",
    )
    lab.add_argument(
        "notebook", nargs="?", default="00_start_here.ipynb", help="notebook to open (default: 00_start_here.ipynb)"
    )
    lab.add_argument("--dry-run", action="store_true", help="print the command instead of running it")


def split_jupyter_args(argv: list[str]) -> tuple[list[str], list[str]]:
    """For ``lab``: everything but the notebook name and --dry-run goes to ``jupyter lab`` as it is."""
    if argv[:1] != ["lab"] or {"-h", "--help"} & set(argv):
        return argv, []
    known = [a for a in argv[1:] if a == "--dry-run" or (a.endswith(".ipynb") and not a.startswith("-"))][:2]
    extra = [a for a in argv[1:] if a not in known]
    return ["lab", *known], extra


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    return _lab(args.notebook, extra, dry_run=args.dry_run)


def _notebooks_folder() -> Path:
    """The notebooks: ``./notebooks`` here, or beside the package in a source checkout."""
    for candidate in (Path.cwd() / "notebooks", Path(__file__).resolve().parents[2] / "notebooks"):
        if (candidate / "00_start_here.ipynb").is_file():
            return candidate
    raise EduKitError(
        "the student notebooks were not found (no notebooks/00_start_here.ipynb here or beside edu_kit)",
        hint="run this from the edu_kit project folder, where the notebooks/ folder is",
    )


def _lab(notebook: str, jupyter_args: Sequence[str], *, dry_run: bool) -> int:
    import os
    import shlex
    import subprocess

    folder = _notebooks_folder()
    target = folder / notebook
    if not target.is_file():
        available = sorted(p.name for p in folder.glob("*.ipynb"))
        from ..errors import ChoiceError

        raise ChoiceError.of("notebook", notebook, available)
    root = folder.parent
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={root}",
        target.relative_to(root).as_posix(),
        *jupyter_args,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")  # JupyterLab refuses to start as root without it
    if dry_run:
        print(f"cd {shlex.quote(str(root))} && {shlex.join(command)}")
        return 0
    try:
        return subprocess.call(command, cwd=root)
    except KeyboardInterrupt:  # Ctrl-C stops JupyterLab: a normal way to end
        return 0
