"""The student notebooks' structure (their outputs are checked by nbval: ``pytest notebooks``).

Every notebook opens with learning objectives and a time estimate, has short code cells
without function or class definitions (the logic lives in the package), "your turn"
exercises known to :mod:`edu_kit.exercises`, stored outputs from one clean run, and ends
with a one-line quiz cell and a "What happened next" section.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from edu_kit import exercises

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "notebooks"
EXPECTED = ("00_start_here", "01_reading_the_sources", "02_timeline", "03_positions", "04_concepts", "05_quiz")
PATHS = sorted(p for p in FOLDER.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
MAX_LINES = 15
QUIZ_CELL = re.compile(r"^quiz\.show\([^\n]*\)$")
CHECK_CALL = re.compile(r"exercises\.check\(\s*\"([^\"]+)\"")


def _read(path: Path) -> Any:
    return nbformat.read(path, as_version=4)


def _code(nb: Any) -> list[Any]:
    return [c for c in nb.cells if c.cell_type == "code"]


def _ids(path: Path) -> str:
    return path.stem


@pytest.fixture(params=PATHS, ids=_ids)
def nb(request: pytest.FixtureRequest) -> Any:
    return _read(request.param)


def test_the_six_notebooks_are_there() -> None:
    assert tuple(p.stem for p in PATHS) == EXPECTED


@pytest.mark.parametrize("path", PATHS, ids=_ids)
def test_names_are_number_then_topic(path: Path) -> None:
    assert re.fullmatch(r"\d{2}_[a-z][a-z0-9_]*\.ipynb", path.name), path.name


def test_numbers_follow_each_other() -> None:
    assert [int(p.name[:2]) for p in PATHS] == list(range(len(PATHS)))


def test_valid_nbformat_with_a_python_kernel(nb: Any) -> None:
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_opens_with_title_objectives_and_time(nb: Any) -> None:
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith("# ")
    assert "**What you will learn**" in first.source
    assert len(re.findall(r"^- ", first.source, flags=re.MULTILINE)) >= 2, "list the learning objectives"
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", first.source)


def test_ends_with_a_quiz_cell_then_what_happened_next(nb: Any) -> None:
    last_code = _code(nb)[-1]
    assert QUIZ_CELL.match(last_code.source.strip()), last_code.source
    assert len(last_code.source.strip()) <= 80
    after = nb.cells[nb.cells.index(last_code) + 1 :]
    assert [c.cell_type for c in after] == ["markdown"]
    assert after[0].source.startswith("## What happened next")


def test_code_cells_are_short(nb: Any) -> None:
    for cell in _code(nb):
        assert len(cell.source.splitlines()) <= MAX_LINES, cell.source


def test_no_function_or_class_definitions(nb: Any) -> None:
    for cell in _code(nb):
        tree = ast.parse(cell.source)
        defined = [type(n).__name__ for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]
        assert not defined, f"{defined} in:\n{cell.source}"


def test_quizzes_log_to_the_default_place_for_the_default_student(nb: Any) -> None:
    for cell in _code(nb):
        assert "log_dir" not in cell.source
        assert "student=" not in cell.source, "a student id changes the stored outputs"


def test_executed_once_top_to_bottom(nb: Any) -> None:
    counts = [cell.execution_count for cell in _code(nb)]
    assert counts == list(range(1, len(counts) + 1))


def test_outputs_are_present(nb: Any) -> None:
    for cell in _code(nb):
        last = ast.parse(cell.source).body[-1]
        if isinstance(last, ast.Expr) and not cell.source.rstrip().endswith(";"):
            assert cell.outputs, f"no stored output for:\n{cell.source}"


def test_no_errors_warnings_or_addresses_in_outputs(nb: Any) -> None:
    for cell in _code(nb):
        for out in cell.outputs:
            assert out.output_type != "error", f"{out.get('ename')}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), out.text
            text = out.get("text", "") + out.get("data", {}).get("text/plain", "")
            assert not re.search(r"\b0x[0-9a-fA-F]{6,}", text), text


def test_no_run_specific_metadata(nb: Any) -> None:
    assert "widgets" not in nb.metadata, "drop the saved widget state (random model ids)"
    for cell in nb.cells:
        assert "execution" not in cell.metadata, "drop the execution timestamps"


def test_figures_are_shown_as_images(nb: Any) -> None:
    for cell in _code(nb):
        if "views.plot_" in cell.source:
            kinds = [set(out.get("data", {})) for out in cell.outputs]
            assert any("image/png" in k for k in kinds), cell.source


@pytest.mark.parametrize("path", PATHS, ids=_ids)
def test_your_turn_exercises_are_the_notebooks_own(path: Path) -> None:
    nb = _read(path)
    used = [name for cell in _code(nb) for name in CHECK_CALL.findall(cell.source)]
    # A notebook uses some of its exercises (at most a few code exercises, as extensions); the
    # others are extra tasks a teacher can give (the teacher notebook lists them all).
    assert set(used) <= set(exercises.names(path.stem))
    turns = [c for c in _code(nb) if c.source.startswith("# Your turn")]
    assert len(turns) <= 1, "at most one code exercise per lesson: most tasks are written"
    for cell in turns:
        assert "your_answer = ..." in cell.source
        assert cell.outputs[0]["data"]["text/plain"].startswith("✎ Not answered yet")


def test_some_cell_shows_extracted_facts_as_text(nb: Any) -> None:
    # So that nbval fails when the extraction changes (quotes, dates, facts, mentions...).
    tables = ("quotes()", "dates()", "conflicts()", "variants()", "facts()", "positions", "timeline(", "mentions", "sources(", "read(")
    shown = [c for c in _code(nb) if any(t in c.source for t in tables) and c.outputs]
    assert shown
