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
        defined = [
            type(n).__name__
            for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
        ]
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
    tables = (
        "quotes()",
        "dates()",
        "conflicts()",
        "variants()",
        "facts()",
        "positions",
        "timeline(",
        "mentions",
        "sources(",
        "read(",
    )
    shown = [c for c in _code(nb) if any(t in c.source for t in tables) and c.outputs]
    assert shown


# --------------------------------------------------------------------------- lessons (issue 12)

TEACHER = FOLDER / "teacher" / "teacher_notebook.ipynb"
QUIZ_IDS = re.compile(r"quiz\.show\(\s*(\[[^\]]*\])")


def _thinking_and_code(path: Path) -> tuple[int, int]:
    """Written thinking tasks (open questions shown by id) and code exercises of a notebook."""
    from edu_kit.quiz import load_bank

    bank = load_bank()
    nb = _read(path)
    thinking = code = 0
    for cell in _code(nb):
        if cell.source.startswith("# Your turn"):
            if 'exercises.check("record-' in cell.source:
                thinking += 1  # corroboration against the record (notebook 01's flagship), typed as a name
            else:
                code += 1
        for group in QUIZ_IDS.findall(cell.source):
            thinking += sum(1 for i in ast.literal_eval(group) if bank[i].type == "open")
    return thinking, code


def test_the_glossary_is_reachable_from_every_notebook(nb: Any) -> None:
    assert "views.glossary(" in nb.cells[0].source


@pytest.mark.parametrize("path", PATHS, ids=_ids)
def test_every_notebook_lets_students_read_the_texts(path: Path) -> None:
    reads = [c for c in _code(_read(path)) if c.source.startswith("views.read(")]
    assert reads, "a notebook that discusses articles shows them whole with views.read(...)"
    for cell in reads:
        assert any("text/html" in o.get("data", {}) for o in cell.outputs)


@pytest.mark.parametrize("path", PATHS, ids=_ids)
def test_each_notebook_fits_a_lesson(path: Path) -> None:
    from edu_kit.lessons import lesson_time

    minutes = lesson_time(path).total
    assert minutes <= 50, f"{path.stem}: {lesson_time(path)}"
    stated = int(re.search(r"\*\*Time:\*\* about (\d+) minutes", _read(path).cells[0].source).group(1))  # type: ignore[union-attr]
    assert abs(stated - minutes) <= 5, f"the notebook says {stated} minutes, measured {minutes}"


def test_two_thirds_of_the_exercises_are_thinking_tasks() -> None:
    counts = [_thinking_and_code(p) for p in PATHS]
    thinking = sum(t for t, _ in counts)
    code = sum(c for _, c in counts)
    assert thinking >= 2 * code, f"{thinking} written tasks, {code} code exercises"
    for path, (t, c) in zip(PATHS, counts, strict=True):
        assert t >= c, f"{path.stem}: {t} written tasks, {c} code exercises"


def test_code_exercises_are_marked_as_extension(nb: Any) -> None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source.startswith("# Your turn"):
            if 'exercises.check("record-' in cell.source:
                continue  # the flagship check against the record is the lesson, not an extension
            before = nb.cells[index - 1]
            assert before.cell_type == "markdown"
            assert "Extension" in before.source, cell.source


@pytest.mark.parametrize("path", [p for p in PATHS if not p.stem.startswith("00")], ids=_ids)
def test_plumbing_is_hidden(path: Path) -> None:
    for cell in _code(_read(path)):
        if re.search(r"^(import|from) ", cell.source, flags=re.MULTILINE):
            assert cell.metadata.get("jupyter", {}).get("source_hidden"), cell.source


def test_the_teacher_notebook_is_outside_the_students_sequence() -> None:
    assert TEACHER.is_file()
    assert TEACHER not in PATHS
    assert all("For teachers" not in c.source for c in _read(FOLDER / "05_quiz.ipynb").cells)
    teacher = _read(TEACHER)
    assert any("model_answers(" in c.source for c in teacher.cells)
    assert any("results.summary" in c.source for c in teacher.cells)


def test_the_teacher_notebooks_lesson_times_are_current() -> None:
    """Blind review P1: the stored times were those of older notebooks (output not checked)."""
    from edu_kit.lessons import lesson_time

    teacher = _read(TEACHER)
    cell = next(c for c in teacher.cells if c.cell_type == "code" and "lesson_time(path)" in c.source)
    assert "nbval-ignore-output" not in cell.metadata.get("tags", [])
    shown = "".join(o.get("text", "") for o in cell.outputs)
    for path in PATHS:
        assert str(lesson_time(path)) in shown, path.stem
