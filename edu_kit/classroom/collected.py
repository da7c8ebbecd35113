"""Read collected work: nbgrader's ``submitted/<student>/<assignment>/`` tree, or a plain folder.

``nbgrader collect`` copies each student's assignment folder -- with its
``responses/*.jsonl`` (``.JSONL`` too: the ending in any case) -- to ``<course>/submitted/<student>/<assignment>/``.
:func:`load_collected` reads the logs directly in each ``responses/`` folder of that tree
(only ``<assignment>``'s folders when it is named; logs in other folders, or in
sub-folders of ``responses/``, were not written by the assignment and are left out); the student is the folder name
(what nbgrader knows from the login) and is cross-checked with the ``student`` field of
each record: a record saying someone else (or nobody) is kept under the folder's
student, and each disagreement is named in ``attrs["notes"]`` (the record is counted, not skipped) and in a
:class:`~edu_kit.results.ResponseLogWarning`.  A folder that is not such a tree is read
as a plain folder of logs with :func:`edu_kit.results.load`.
"""

from __future__ import annotations

import os
import unicodedata
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ResponseLogError
from ..results import ResponseLogWarning, load, log_files, terminal_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_collected", "submitted_folder"]


def submitted_folder(path: str | os.PathLike[str]) -> Path | None:
    """``path/submitted`` or ``path`` itself when it is an nbgrader ``submitted`` tree, else None."""
    where = Path(path)
    if not where.is_dir():
        return None
    if (where / "submitted").is_dir():
        return where / "submitted"
    if where.name == "submitted":
        return where
    return None


def load_collected(path: str | os.PathLike[str], assignment: str | None = None) -> pd.DataFrame:
    """Every response in an nbgrader ``submitted`` tree (or a plain folder / log), as :func:`load` gives.

    With ``assignment``, only ``submitted/<student>/<assignment>/responses/*.jsonl``.

    Adds nothing and drops nothing: the columns are :data:`edu_kit.results.COLUMNS`.
    """
    import pandas as pd

    tree = submitted_folder(path)
    if tree is None:
        return load(path)
    frames, problems, notes = [], [], []
    for student_dir in sorted(p for p in tree.iterdir() if p.is_dir()):
        for assignment_dir in sorted(p for p in student_dir.iterdir()
                                     if p.is_dir() and assignment in (None, p.name)):
            for log in [p for p in log_files(assignment_dir / "responses") if not p.is_dir()]:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", ResponseLogWarning)
                        frame = load(log)
                except ResponseLogError as err:  # a link to nothing, a FIFO: named, never opened
                    problems.append(terminal_text(f"{str(err).rstrip('.')}; the file was skipped"))
                    continue
                problems += frame.attrs.get("problems", ())
                student = unicodedata.normalize("NFC", student_dir.name)  # as load gives ids
                claimed = frame["student"]
                wrong = frame[claimed.isna() | (claimed != student)]
                for row in wrong.itertuples(index=False):
                    notes.append(f"{row.file}, line {row.line}: the record says student {row.student!r} "
                                    f"but it was submitted by {student!r}; counted for {student!r}")
                frames.append(frame.assign(student=student))
    from ..results import COLUMNS

    if frames:
        result = pd.concat(frames, ignore_index=True)
    else:
        result = load(tree) if log_files(tree) else pd.DataFrame(columns=list(COLUMNS))
    for problem in (*problems, *notes):
        warnings.warn(problem, ResponseLogWarning, stacklevel=2)
    result.attrs["problems"] = tuple(problems)
    result.attrs["notes"] = tuple(notes)
    return result
