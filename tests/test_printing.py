"""Printing: worksheets, paper quizzes with a separate key, static HTML (edu_kit.printing).

The PDF tests print through nbconvert and headless Chromium, then read the PDF back
(pypdf): pages exist, the text is extractable, and no key, explanation or model answer
reaches the student's copy.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import nbformat
import pytest

from edu_kit import printing
from edu_kit.cli import main
from edu_kit.errors import ChoiceError, EduKitError
from edu_kit.quiz import load_bank
from edu_kit.quiz.model import Question

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HAS_CHROMIUM = any(Path(p).is_file() for p in printing.CHROMIUM) or bool(os.environ.get("EDU_KIT_CHROMIUM"))
needs_chromium = pytest.mark.skipif(
    not HAS_CHROMIUM and os.environ.get("CI") != "true",
    reason="printing needs Chromium: apt-get install chromium",
)
BANK = load_bank()


def _text(pdf: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def _mixed() -> tuple[Question, ...]:
    """One question of each type in the bank, so every layout is printed."""
    seen: dict[str, Question] = {}
    for question in BANK.questions:
        seen.setdefault(question.type, question)
    return tuple(seen.values())


def _teacher_notebook(tmp_path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A lesson\n\nRead the text below."),
        nbformat.v4.new_markdown_cell("Model answer: SECRET-MODEL-ANSWER", metadata={"tags": ["answer"]}),
        nbformat.v4.new_markdown_cell("For the teacher: SECRET-TEACHER-NOTE", metadata={"tags": ["teacher"]}),
        nbformat.v4.new_code_cell("x = 'SECRET-CODE'\nprint('visible output')"),
        nbformat.v4.new_code_cell("# Your turn: explain why.\nyour_answer = 'SECRET-SOLUTION'"),
    ]
    nb.cells[3].outputs = [nbformat.v4.new_output("stream", name="stdout", text="visible output\n")]
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nb, path)
    return path


def test_student_copy_drops_teacher_cells_code_and_widget_state(tmp_path: Path) -> None:
    nb = nbformat.read(_teacher_notebook(tmp_path), as_version=4)
    nb.cells[3].outputs.append(
        nbformat.v4.new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "quiz"},
        )
    )
    copy = printing.student_copy(nb)
    sources = "\n".join(c.source for c in copy.cells)
    assert "SECRET-MODEL-ANSWER" not in sources
    assert "SECRET-TEACHER-NOTE" not in sources
    assert "SECRET-SOLUTION" not in sources  # a "Your turn" cell keeps only its question
    assert "# Your turn: explain why." in sources
    assert "remove_input" in copy.cells[1].metadata["tags"]
    assert all("application/vnd.jupyter.widget-view+json" not in o.get("data", {}) for o in copy.cells[1].outputs)
    assert len(nb.cells) == 5  # the original is untouched


def test_export_html_has_no_code_and_no_answers(tmp_path: Path) -> None:
    page = printing.export_html(_teacher_notebook(tmp_path), tmp_path / "site")
    text = page.read_text(encoding="utf-8")
    assert "visible output" in text
    for secret in ("SECRET-MODEL-ANSWER", "SECRET-TEACHER-NOTE", "SECRET-CODE", "SECRET-SOLUTION"):
        assert secret not in text


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_exports_without_widget_state(notebook: Path, tmp_path: Path) -> None:
    page = printing.export_html(notebook, tmp_path).read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert "your_answer = ..." not in page


def test_hostile_question_text_is_escaped() -> None:
    question = Question(
        "x",
        "single",
        "Who said <script>alert(1)</script> **bold** ____?",
        ("<b>A</b>", "B_"),
        "B_",
        explanation="<i>why</i>",
    )
    paper = "".join(c.source for c in printing.paper_notebook([question], "T <script>").cells)
    key = "".join(c.source for c in printing.key_notebook([question], "T").cells)
    assert "<script>" not in paper
    assert "&lt;script&gt;" in paper
    assert "&lt;b&gt;A&lt;/b&gt;" in paper
    assert "&lt;i&gt;why&lt;/i&gt;" in key
    assert "why" not in paper


def test_selection_errors_are_clear() -> None:
    with pytest.raises(ChoiceError, match="topic 'history'"):
        printing.select_questions(topic="history")
    with pytest.raises(ChoiceError, match="'no-such-id'"):
        printing.select_questions(["no-such-id"])
    with pytest.raises(EduKitError, match="no notebook at"):
        printing.export_html("missing.ipynb", "out")


@needs_chromium
def test_paper_quiz_and_key_are_separate_pdfs(tmp_path: Path) -> None:
    questions = _mixed()
    student, key = printing.paper_quiz(questions, tmp_path, title="Mixed quiz")
    pages, text = _text(student)
    key_pages, key_text = _text(key)
    assert pages >= 1
    assert key_pages >= 1
    assert "Mixed quiz" in text
    assert "Name:" in text
    assert "answer key" not in text.lower()
    assert "Answer:" not in text
    for question in questions:
        first_words = " ".join(question.prompt.split()[:4])
        assert first_words in text
        assert first_words in key_text
        why = " ".join(question.explanation.split())
        if why:  # the whole explanation: in the key, never on the student's paper
            assert why not in text, f"{question.id}: its explanation is in the student's paper"
            assert why[:60] in key_text
        model = " ".join(str(getattr(question, "model_answer", "") or "").split())
        if model:
            assert model not in text
            assert model[:60] in key_text
    assert "answer key" in key_text.lower()


@needs_chromium
def test_worksheet_pdf_from_a_notebook(tmp_path: Path) -> None:
    pdf = printing.worksheet(_teacher_notebook(tmp_path), tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == [pdf.name]  # no HTML copy left beside it
    pages, text = _text(pdf)
    assert pages >= 1
    assert "A lesson" in text
    assert "visible output" in text
    for secret in ("SECRET-MODEL-ANSWER", "SECRET-TEACHER-NOTE", "SECRET-CODE", "SECRET-SOLUTION"):
        assert secret not in text


@needs_chromium
def test_print_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = [q.id for q in _mixed()[:3]]
    assert main(["print", "quiz", *ids, "--title", "Week 1", "--out", str(tmp_path / "printed")]) == 0
    # review i13c finding 11: the key is in a folder of its own, and no HTML copy is left anywhere
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "printed/quiz.pdf", "printed_key/quiz_key.pdf"]
    out = capsys.readouterr().out
    assert f"answer key {tmp_path / 'printed_key' / 'quiz_key.pdf'} (for the teacher only" in out
    assert main(["print", "quiz", *ids, "--out", str(tmp_path / "p"), "--key-out", str(tmp_path / "mine")]) == 0
    assert (tmp_path / "mine" / "quiz_key.pdf").is_file()


def test_print_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "quiz", "--topic", "history", "--out", str(tmp_path)]) == 2
    assert "topic 'history' is not one of" in capsys.readouterr().err
    ids = [q.id for q in _mixed()[:1]]
    assert main(["print", "quiz", *ids, "--out", str(tmp_path), "--key-out", str(tmp_path)]) == 2
    assert "the answer key would go into the students' folder" in capsys.readouterr().err
    assert printing.key_folder("printed") == Path("printed_key")
    assert main(["print", "worksheet", str(tmp_path / "none.ipynb"), "--out", str(tmp_path)]) == 2
    assert "no notebook at" in capsys.readouterr().err
    assert main(["print", "html", str(NOTEBOOKS[0]), "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / f"{NOTEBOOKS[0].stem}.html").is_file()


@pytest.mark.parametrize("notebook", [p.stem for p in NOTEBOOKS])
def test_a_notebooks_paper_quiz_stands_on_its_own(notebook: str) -> None:
    """Blind review B1: ``--notebook`` printed 25 questions that answered each other,
    asked about articles not yet read and about records not on the paper."""
    try:
        chosen = printing.select_questions(notebook=notebook)
    except (ChoiceError, EduKitError):
        pytest.skip(f"no printable question is taught in {notebook}")
    read = printing.articles_read(notebook)
    assert len(chosen) <= printing.PAPER_DEFAULT
    for q in chosen:
        assert q.taught_in == notebook
        assert all(s.article in read for s in q.sources), q.id
        assert not q.id.startswith("gen-record-"), q.id
    for i, first in enumerate(chosen):
        for second in chosen[i + 1 :]:
            assert not printing.reveals(first, second), (first.id, second.id)


def test_reveals_finds_a_key_in_another_prompt_and_a_shared_passage() -> None:
    caption = BANK["hw-sources-caption-attribution"]
    assert printing.reveals(caption, BANK["les-01-caption-or-body"])  # same "Since 2014" passage
    assert not printing.reveals(BANK["hw-concepts-nato-allies"], BANK["les-01-caption-or-body"])
    assert printing.articles_read("01_reading_the_sources") == {"002", "004"}


def test_paper_copies_leave_out_what_only_works_on_a_screen() -> None:
    """Blind review P6: worksheets printed "press Save answer", "up to 2 attempts",
    "Run views.glossary() in any cell", "Not answered yet..." and stray values."""
    nb = printing.student_copy(nbformat.read(REPO / "notebooks" / "02_timeline.ipynb", as_version=4))
    text = "".join(
        c.source + "".join(str(o.get("text", "")) + str(o.get("data", {})) for o in c.get("outputs", []))
        for c in nb.cells
    )
    for screen_only in ("press Save answer", "attempts each", "in any cell", "Not answered yet", "run the cell"):
        assert screen_only not in text, screen_only
    assert "Corpus(" not in text
    assert "word-break: normal" in printing._PRINT_CSS
    assert "break-inside: avoid" in printing._PRINT_CSS


def test_paper_questions_have_letters_numbers_and_one_title() -> None:
    """Blind review P7: matching said "letter" beside numbered options, numeric said
    "(in allies)", ordering had tick boxes and nowhere to write, the title came twice."""
    matching = next(q for q in BANK.questions if q.type == "matching")
    ordering = next(q for q in BANK.questions if q.type == "ordering")
    numeric = BANK["hw-concepts-nato-allies"]
    paper = "".join(c.source for c in printing.paper_notebook([matching, ordering, numeric], "Lesson 2").cells)
    assert "<b>A.</b>" in paper
    assert "<b>B.</b>" in paper
    assert "Write the number of allies." in paper
    assert "(in allies)" not in paper
    assert "Lesson 2" not in paper  # printed once, in the header


@pytest.mark.parametrize("where", ["paper quiz", "worksheet"])
def test_each_ordering_item_has_a_box_for_its_position(where: str) -> None:
    """Review of issue 13: a printed ordering question gave no place to write each item's
    position (the worksheet even printed tick boxes before its items)."""
    from edu_kit.quiz import render

    ordering = next(q for q in BANK.questions if q.type == "ordering")
    if where == "paper quiz":
        page = "".join(c.source for c in printing.paper_notebook([ordering], "Lesson 2").cells)
    else:  # the static form that a notebook's student copy prints
        page = render.html_form("Quiz", [render.display_for(ordering, "ana")], attempts=2, exam=False, score="")
    boxes = re.findall(r"<li><strong class='ek-box'>\[(?:&nbsp;){6}\]</strong> ([^<]+)</li>", page)
    assert sorted(html.unescape(b) for b in boxes) == sorted(ordering.choices)
    assert "rite 1 in the box of the earliest" in page
    # review i13c finding 15: one instruction (the prompt already asks for the order), and the box is
    # drawn larger on paper
    assert page.lower().count("chronological order") == ordering.prompt.lower().count("chronological order")
    assert ".ek-box { display: inline-block; min-width: 11mm; height: 7mm" in printing._PRINT_CSS
    assert "ul.ek-positions li::before { content: none" in printing._PRINT_CSS  # no tick box as well


def test_two_questions_on_one_fact_are_not_printed_together() -> None:
    """Blind review B1: two written tasks on 002's "Scholz" sentences came on one paper."""
    assert printing.reveals(BANK["les-01-what-went-wrong-002"], BANK["open-check-against-transcript"])


def test_the_static_site_has_an_index_page(tmp_path: Path) -> None:
    """Blind review P14: the exported pages had no front page."""
    index = printing.site_index(NOTEBOOKS[:2], tmp_path)
    text = index.read_text(encoding="utf-8")
    assert f"href='{NOTEBOOKS[0].stem}.html'" in text
    assert "Start here" in text
    assert text.index(NOTEBOOKS[0].stem) < text.index(NOTEBOOKS[1].stem)


def test_printed_dollars_are_never_maths() -> None:  # attack 16-2 #31
    q = Question("dollars", "single", "Which amount? $5bn and $9bn", ("$5bn", "$9bn"), "$5bn",
                 explanation="It was $5bn.", topics=("concepts",), reference="Test")
    for nb in (printing.paper_notebook([q], "Quiz"), printing.key_notebook([q], "Quiz")):
        page = printing._to_html(nb, "t", printing._header("Quiz", "Paper quiz"))
        assert not re.search(r"<script[^>]*mathjax|MathJax\.Hub", page, re.I)
        assert not re.search(r"<script[^>]*src=[^>]*//|import\(\s*[\"']https?:", page, re.I)  # review formats15 #13
        assert re.search(r'<body class="[^"]*tex2jax_ignore mathjax_ignore"', page)
        assert "Which amount? $5bn and $9bn" in page


def test_the_key_of_an_ordering_numbers_the_boxes_as_printed() -> None:
    """Review i13c finding 10: the key listed the order, while the paper has boxes in another order."""
    from edu_kit.quiz import render

    ordering = BANK["gen-order-budapest-memorandum-signed"] if "gen-order-budapest-memorandum-signed" in {
        q.id for q in BANK.questions} else next(q for q in BANK.questions if q.type == "ordering")
    paper = "".join(c.source for c in printing.paper_notebook([ordering], "Lesson").cells)
    key = "".join(c.source for c in printing.key_notebook([ordering], "Lesson").cells)
    printed = [html.unescape(b) for b in re.findall(r"<strong class='ek-box'>\[[^\]]*\]</strong> ([^<]+)</li>", paper)]
    keyed = re.findall(r"<strong class='ek-box ek-filled'>(\d+)</strong> ([^<]+)</li>", key)
    assert [html.unescape(item) for _, item in keyed] == printed == list(render.display_for(ordering, None).options)
    assert [ordering.answer[int(n) - 1] for n, _ in keyed] == printed  # box n holds the n-th item of the key
