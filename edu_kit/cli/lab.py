"""``edu-kit lab``: open the student notebooks in JupyterLab.

JupyterLab serves the ``notebooks/`` folder only: the quiz banks (``quizzes/``, with
their keys) and everything else in the project stay out of the students' file browser.
Answers still go to ``<project>/edu_kit_responses`` (``$EDU_KIT_RESPONSES`` is set for
the kernels unless it is set already).  The command *becomes* JupyterLab (``exec``):
its process id is JupyterLab's, so ending it by that id (``kill PID``, a service
manager, Ctrl-C) ends JupyterLab and its kernels.  The notebook is JupyterLab's
default URL, so the address printed with ``--no-browser`` opens that notebook.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import ChoiceError, EduKitError

COMMANDS = ("lab",)
DEFAULT = "00_start_here"


def add_parsers(commands: Any) -> None:
    lab = commands.add_parser(
        "lab",
        help="open the student notebooks in JupyterLab",
        description="Open a student notebook (default: 00_start_here) in JupyterLab, serving the notebooks/ "
        "folder only. The name may leave out .ipynb. Options after the notebook name are passed to "
        "`jupyter lab` (e.g. --port 8890, --no-browser: the printed address opens the notebook).",
    )
    lab.add_argument("notebook", nargs="?", default=DEFAULT, help=f"notebook to open (default: {DEFAULT})")
    lab.add_argument("--dry-run", action="store_true", help="print the command instead of running it")


def split_jupyter_args(argv: list[str]) -> tuple[list[str], list[str]]:
    """For ``lab``: the notebook (first word, or any ``*.ipynb``) and --dry-run are ours; the rest is JupyterLab's."""
    if argv[:1] != ["lab"] or {"-h", "--help"} & set(argv):
        return argv, []
    rest = argv[1:]
    known = [a for a in rest if a == "--dry-run"]
    names = [a for a in rest if a.endswith(".ipynb") and not a.startswith("-")]
    if not names and rest and not rest[0].startswith("-"):
        names = [rest[0]]
    known += names[:1]
    extra = [a for a in rest if a not in known]
    return ["lab", *known], extra


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    return _lab(args.notebook, extra, dry_run=args.dry_run)


def _notebooks_folder() -> Path:
    """The notebooks: ``./notebooks`` here, or beside the package in a source checkout."""
    for candidate in (Path.cwd() / "notebooks", Path(__file__).resolve().parents[2] / "notebooks"):
        if (candidate / f"{DEFAULT}.ipynb").is_file():
            return candidate
    raise EduKitError(
        "the student notebooks were not found (no notebooks/00_start_here.ipynb here or beside edu_kit)",
        hint="run this from the edu_kit project folder, where the notebooks/ folder is",
    )


def find_notebook(folder: Path, name: str) -> Path:
    """``name`` with or without ``.ipynb`` in ``folder``; :class:`ChoiceError` lists what exists."""
    wanted = Path(name).name
    target = folder / (wanted if wanted.endswith(".ipynb") else f"{wanted}.ipynb")
    if target.is_file():
        return target
    available = sorted(p.stem for p in folder.glob("*.ipynb"))
    raise ChoiceError.of("notebook", name, available)


def command_for(notebook: str, jupyter_args: Sequence[str]) -> tuple[list[str], Path, dict[str, str]]:
    """The JupyterLab command line, the folder it serves and the environment for it."""
    folder = _notebooks_folder()
    target = find_notebook(folder, notebook)
    command = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.default_url=/lab/tree/{quote(target.name)}",
        *jupyter_args,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")  # JupyterLab refuses to start as root without it
    env = dict(os.environ)
    if not env.get("EDU_KIT_RESPONSES", "").strip():
        env["EDU_KIT_RESPONSES"] = str(folder.parent / "edu_kit_responses")
    return command, folder, env


def _lab(notebook: str, jupyter_args: Sequence[str], *, dry_run: bool) -> int:
    command, folder, env = command_for(notebook, jupyter_args)
    if dry_run:
        responses = shlex.quote(env["EDU_KIT_RESPONSES"])
        print(f"cd {shlex.quote(str(folder))} && EDU_KIT_RESPONSES={responses} {shlex.join(command)}")
        return 0
    sys.stdout.flush()
    sys.stderr.flush()
    if sys.platform == "win32":  # no exec there: wait, and pass Ctrl-C on
        try:
            return subprocess.call(command, cwd=folder, env=env)
        except KeyboardInterrupt:
            return 0
    os.chdir(folder)
    os.execve(sys.executable, command, env)  # this process becomes JupyterLab (same pid)
