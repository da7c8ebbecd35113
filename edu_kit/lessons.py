"""How long a notebook takes a student: a measured estimate, not a guess.

:func:`lesson_time` reads a notebook as a student would meet it, from its saved outputs:

* **reading**: every word of the Markdown cells and of the outputs (the whole article
  of a reading view, concept cards, the glossary, printed text, the questions of a quiz) at :data:`WORDS_PER_MINUTE`
  (150, a careful reading speed for 16-year-olds reading an informational text in their
  first language; slower for learners of English);
* **looking**: :data:`FIGURE_MINUTES` per figure and :data:`TABLE_MINUTES` per table;
* **answering**: per question of a quiz, :data:`ANSWER_MINUTES` by type (a written
  answer 5 minutes, a choice 1 minute), and :data:`CODE_EXERCISE_MINUTES` per "Your turn"
  code cell; and per "**To write**" or "**To discuss**" task set in the prose,
  :data:`PROMPT_MINUTES`;
* **running**: :data:`RUN_MINUTES` per code cell (find it, run it, wait).

The words of code cells are not counted: hidden plumbing is not read.  The sum is the
time a student needs working alone; the teacher's introduction and discussion come on top
(the teacher guide budgets them).

>>> from pathlib import Path
>>> t = lesson_time(Path(__file__).parents[1] / "notebooks" / "00_start_here.ipynb")
>>> t.total > 0 and t.reading_words > 100
True
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import EduKitError

__all__ = [
    "ANSWER_MINUTES",
    "CODE_EXERCISE_MINUTES",
    "FIGURE_MINUTES",
    "PROMPT_MINUTES",
    "RUN_MINUTES",
    "TABLE_MINUTES",
    "WORDS_PER_MINUTE",
    "LessonTime",
    "lesson_time",
]

WORDS_PER_MINUTE = 150
FIGURE_MINUTES = 1.5
TABLE_MINUTES = 1.0
RUN_MINUTES = 0.25
CODE_EXERCISE_MINUTES = 4.0
#: Minutes to answer one question, by how a quiz shows it (its instruction line).
ANSWER_MINUTES: dict[str, float] = {"open": 5.0, "other": 1.0}
#: Prompts in the prose that set a task without a quiz box, and the minutes each takes:
#: a "To write" paragraph is a written answer, a "To discuss" a talk with a neighbour.
PROMPT_MINUTES: dict[str, float] = {"to write": ANSWER_MINUTES["open"], "to discuss": 5.0}

_WORD = re.compile(r"[A-Za-z0-9À-ÿ’']+")
_QUIZ_HEADER = re.compile(r"\((\d+) questions?")
_OPEN_MARK = "Write your answer"
_PROMPT = re.compile(r"\*\*(to write|to discuss)\b", re.IGNORECASE)
_WIDGET = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class LessonTime:
    """Minutes a student needs for one notebook, by activity."""

    notebook: str
    reading_words: int
    reading: float
    figures: int
    tables: int
    questions: int
    written_questions: int
    code_exercises: int
    code_cells: int
    prompts: tuple[str, ...] = ()

    @property
    def looking(self) -> float:
        return self.figures * FIGURE_MINUTES + self.tables * TABLE_MINUTES

    @property
    def answering(self) -> float:
        written = self.written_questions * ANSWER_MINUTES["open"]
        others = (self.questions - self.written_questions) * ANSWER_MINUTES["other"]
        tasks = sum(PROMPT_MINUTES[p] for p in self.prompts)
        return written + others + tasks + self.code_exercises * CODE_EXERCISE_MINUTES

    @property
    def running(self) -> float:
        return self.code_cells * RUN_MINUTES

    @property
    def total(self) -> float:
        """All minutes, rounded up to whole minutes."""
        return float(-(-(self.reading + self.looking + self.answering + self.running) // 1))

    def __str__(self) -> str:
        return (
            f"{self.notebook}: about {self.total:.0f} min (reading {self.reading_words} words: "
            f"{self.reading:.0f} min; {self.figures} figures and {self.tables} tables: {self.looking:.0f} min; "
            f"{self.questions} questions, {self.written_questions} written, {len(self.prompts)} writing or "
            f"discussion tasks and {self.code_exercises} code exercises: {self.answering:.0f} min; running {self.code_cells} cells: {self.running:.0f} min)"
        )


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def lesson_time(notebook: str | os.PathLike[str]) -> LessonTime:
    """The estimate for one notebook (see the module for the rates)."""
    import nbformat

    reader: Any = nbformat.read
    path = Path(notebook)
    try:
        nb = reader(path, as_version=4)
    except (OSError, ValueError) as exc:
        raise EduKitError(
            f"cannot read the notebook: {exc}", path=path, hint="give the path of an .ipynb file"
        ) from exc
    prompts: list[str] = []
    words = figures = tables = questions = written = code_exercises = code_cells = 0
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"teacher", "answer", "solution"}:
            continue
        if cell.cell_type == "markdown":
            words += _words(re.sub(r"<[^>]+>|`[^`]*`", " ", cell.source))
            prompts += [found.lower() for found in _PROMPT.findall(cell.source)]
            continue
        if cell.cell_type != "code":
            continue
        code_cells += 1
        if "your turn" in cell.source.lower():
            code_exercises += 1
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if output.get("output_type") == "stream":
                words += _words(_text(output.get("text", "")))
            elif "image/png" in data or "image/svg+xml" in data:
                figures += 1
            elif _WIDGET in data or _QUIZ_HEADER.search(_text(data.get("text/plain", ""))[:200]):
                plain = _text(data.get("text/plain", ""))
                found = _QUIZ_HEADER.search(plain[:200])
                questions += int(found.group(1)) if found else 0
                written += plain.count(_OPEN_MARK)
                words += _words(plain)
            elif "text/html" in data and "<table" in _text(data["text/html"]):
                tables += 1
            elif "text/html" in data:  # reading views, concept cards, glossary: read in full
                words += _words(html.unescape(re.sub(r"<[^>]+>", " ", _text(data["text/html"]))))
            elif "text/plain" in data:
                words += _words(_text(data["text/plain"]))
    return LessonTime(
        notebook=path.stem,
        reading_words=words,
        reading=words / WORDS_PER_MINUTE,
        figures=figures,
        tables=tables,
        questions=questions,
        written_questions=written,
        code_exercises=code_exercises,
        code_cells=code_cells,
        prompts=tuple(prompts),
    )
