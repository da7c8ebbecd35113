"""Lesson timing (edu_kit.lessons): the estimate is measured from what a student reads and does."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from edu_kit.errors import EduKitError
from edu_kit.lessons import ANSWER_MINUTES, PROMPT_MINUTES, WORDS_PER_MINUTE, lesson_time

REPO = Path(__file__).resolve().parents[1]
STUDENT_NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_the_estimate_counts_reading_questions_and_code(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    prose = " ".join(["word"] * 300)
    quiz = nbformat.v4.new_code_cell("quiz.show([...])")
    quiz.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/plain": "Quiz (2 questions, 2 attempts each)\n1. Why?\n   Write your answer, then save.\n2. When?",
                "application/vnd.jupyter.widget-view+json": {"model_id": "x"},
            },
        )
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell(prose),
        nbformat.v4.new_markdown_cell("secret " * 500, metadata={"tags": ["teacher"]}),
        nbformat.v4.new_code_cell("# Your turn: count\nyour_answer = ..."),
        quiz,
    ]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    t = lesson_time(path)
    assert t.reading_words >= 300
    assert t.reading_words < 400  # the teacher cell is not read by students
    assert t.questions == 2
    assert t.written_questions == 1
    assert t.code_exercises == 1
    assert t.answering == ANSWER_MINUTES["open"] + ANSWER_MINUTES["other"] + 4.0
    assert t.total >= 300 / WORDS_PER_MINUTE + t.answering
    assert "x: about" in str(t)


def test_a_missing_notebook_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EduKitError, match="cannot read the notebook"):
        lesson_time(tmp_path / "none.ipynb")


def test_writing_and_discussion_prompts_in_the_prose_are_counted(tmp_path: Path) -> None:
    """Blind review B2: a "To write" paragraph and a "To discuss" prompt took no time."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Read this.\n\n**To write (three sentences).** Why did it go wrong?"),
        nbformat.v4.new_markdown_cell("**To discuss:** who is right?"),
    ]
    path = tmp_path / "p.ipynb"
    nbformat.write(nb, path)
    t = lesson_time(path)
    assert t.prompts == ("to write", "to discuss")
    assert t.answering == PROMPT_MINUTES["to write"] + PROMPT_MINUTES["to discuss"]
    assert t.total >= 10
