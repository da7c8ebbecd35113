"""Paper and static copies for the classroom: worksheets, paper quizzes with a separate
answer key, and HTML pages that need no kernel.

Everything goes through nbconvert: a notebook (a lesson, or one built here from a
question selection) is converted to HTML by nbconvert's ``HTMLExporter`` and printed to
PDF by headless Chromium (``--print-to-pdf``), the browser the tests already use.  No PDF
is drawn by hand.

* :func:`worksheet` -- a lesson notebook as a printable worksheet (PDF): prose, reading
  views, figures and the quiz questions with tick boxes; code, teacher cells and answers
  left out;
* :func:`paper_quiz` -- a quiz as two PDFs, the student's paper and the teacher's answer key;
* :func:`export_html` -- a lesson notebook as one static HTML page (no code, no answers)
  that a school web site can serve.

What "no answers" means: cells tagged ``teacher``, ``answer`` or ``solution`` are dropped,
widget state is dropped (the quiz's static form, which never holds a key, is kept), and
code is hidden.  The tests check that no key and no model answer of the printed questions
reaches the student's copy.
"""

from __future__ import annotations

import copy
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ChoiceError, EduKitError

if TYPE_CHECKING:  # pragma: no cover
    from nbformat import NotebookNode

    from .quiz.model import Question

__all__ = [
    "CHROMIUM",
    "NEEDS_RECORD",
    "PAPER_DEFAULT",
    "TEACHER_TAGS",
    "articles_read",
    "export_html",
    "html_to_pdf",
    "key_notebook",
    "paper_notebook",
    "paper_quiz",
    "reveals",
    "select_questions",
    "site_index",
    "student_copy",
    "worksheet",
]

#: Where Chromium is looked for (the ``EDU_KIT_CHROMIUM`` environment variable wins).
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

#: Cells with one of these tags never reach a student's copy.
TEACHER_TAGS = frozenset({"teacher", "answer", "solution"})

_WIDGET = "application/vnd.jupyter.widget-view+json"
_PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-size: 11pt; color: #000; background: #fff; }
.jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
.jp-OutputArea-output img { max-width: 100% !important; height: auto; }
.edu-kit-quiz ul, .ek-question ul { list-style: none; padding-left: 0.5em; }
.edu-kit-quiz ul li::before, .ek-question ul li::before { content: "\\2610\\00a0\\00a0"; font-size: 1.1em; }
ul.ek-positions li::before { content: none !important; }  /* an ordering item has a box for its position */
ul.ek-positions li { margin: 0.45em 0; }
.ek-box { display: inline-block; min-width: 11mm; height: 7mm; line-height: 7mm; border: 1px solid #000;
  color: transparent; text-align: center; vertical-align: middle; margin-right: 0.6em; }
.ek-box.ek-filled { color: #000; }  /* the key's number; an empty box's brackets are for screens */
.ek-paper-lines { border-bottom: 1px solid #555; height: 2em; }
.ek-header { width: 100%; border-bottom: 2px solid #000; margin-bottom: 0.8em; font-size: 11pt; }
.ek-header td { padding: 0.2em 0.6em 0.4em 0; white-space: nowrap; }
.ek-question { break-inside: avoid-page; margin: 0 0 1em 0; }
.jp-OutputArea-output img, .jp-RenderedImage, figure { break-inside: avoid; page-break-inside: avoid; }
body, li, td, p, pre { word-break: normal !important; overflow-wrap: normal; hyphens: manual; }
pre { white-space: pre-wrap !important; }
.jp-OutputArea-output img { max-height: 255mm; width: auto; object-fit: contain; }
* { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
@media print {
  .edu-kit-quiz > p { display: none; }  /* "Score: 0/5", "run the cell to answer" */
  .edu-kit-quiz li span[style*="border-bottom"] { display: block; min-height: 12em; border: 1px solid #777; }
  details > *:not(summary) { display: block; }
}
"""


#: Text that only makes sense on a screen with a kernel, and what paper (or a web page
#: without a kernel) says instead: (pattern, replacement) pairs applied to prose and to
#: the static form of quizzes and exercises.
SCREEN_ONLY: tuple[tuple[str, str], ...] = (
    (r"Run `views\.glossary\(\)` in any cell for the glossary \(or open `docs/glossary\.md`\);\s*"
     r"`views\.glossary\(\[[^\]]*\]\)` shows one word\.", "See the glossary (docs/glossary.md)."),
    (r"Write your answer, then press Save answer\. ", "Write your answer in the box. "),
    (r"Write your answer; it is saved when you press Submit answers\. ", "Write your answer in the box. "),
    (r",? up to \d+ attempts? each", ""),
    (r"<p>Score: [^<]*</p>", ""),
    (r"<p><em>Open this notebook in Jupyter and run the cell to answer\.</em></p>", ""),
    (r"✎ Not answered yet: replace \.\.\. with your answer and run the cell again\.[^\n<]*", ""),
)


def _unscreen(text: str) -> str:
    for pattern, replacement in SCREEN_ONLY:
        text = re.sub(pattern, replacement, text)
    return text


def _nbformat() -> Any:
    try:
        import nbformat
    except ImportError as exc:  # pragma: no cover - nbformat comes with jupyter
        raise EduKitError(
            "printing needs nbconvert and nbformat", hint="install them: python -m pip install -e '.[lab]'"
        ) from exc
    return nbformat


def _read(notebook: str | os.PathLike[str]) -> NotebookNode:
    path = Path(notebook)
    if not path.is_file():
        raise EduKitError(
            f"no notebook at {path}",
            path=path,
            hint="give the path of an .ipynb file, e.g. notebooks/02_timeline.ipynb",
        )
    nbformat = _nbformat()
    try:
        read: NotebookNode = nbformat.read(path, as_version=4)
        return read
    except Exception as exc:  # nbformat raises several kinds on a broken file
        raise EduKitError(
            f"not a readable notebook: {exc}", path=path, hint="open it in JupyterLab and save it again"
        ) from exc


def student_copy(notebook: NotebookNode) -> NotebookNode:
    """A copy of ``notebook`` fit for students without a kernel: teacher cells dropped,
    code hidden (the comment lines of a "Your turn" cell stay, as its question), widget
    state dropped so that quizzes show their static form (questions, never keys)."""
    nb = copy.deepcopy(notebook)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & TEACHER_TAGS:
            continue
        if cell.cell_type == "code":
            cell.metadata.setdefault("tags", [])
            source = cell.source
            if "your turn" in source.lower():
                cell.source = "\n".join(line for line in source.splitlines() if line.lstrip().startswith("#"))
            else:
                cell.metadata["tags"] = [*cell.metadata["tags"], "remove_input"]
            outputs = []
            for output in cell.get("outputs", []):
                data = output.get("data")
                if data and _WIDGET in data:
                    del data[_WIDGET]
                if output.get("output_type") == "execute_result" and data and set(data) == {"text/plain"}:
                    plain = "".join(data["text/plain"])
                    if "\n" not in plain.strip() and len(plain) < 120:
                        continue  # a stray value such as Corpus(...) or 28: plumbing, not a lesson
                for kind in ("text/html", "text/plain"):
                    if data and kind in data:
                        data[kind] = _unscreen("".join(data[kind]))
                if output.get("output_type") == "stream":
                    output["text"] = _unscreen("".join(output.get("text", "")))
                    if not output["text"].strip():
                        continue
                outputs.append(output)
            cell.outputs = outputs
        else:
            cell.source = _unscreen(cell.source)
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


def _to_html(nb: NotebookNode, title: str, header: str = "") -> str:
    import nbconvert
    import nbconvert.preprocessors
    from traitlets.config import Config

    exporter_class: Any = nbconvert.HTMLExporter
    tag_remover: Any = nbconvert.preprocessors.TagRemovePreprocessor

    config = Config()
    config.TagRemovePreprocessor.remove_input_tags = {"remove_input"}
    config.TagRemovePreprocessor.remove_cell_tags = set(TEACHER_TAGS)
    config.TagRemovePreprocessor.enabled = True
    exporter = exporter_class(config=config, template_name="lab")
    exporter.register_preprocessor(tag_remover(config=config), enabled=True)
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    body: str = exporter.from_notebook_node(nb)[0]
    body = _without_mathjax(body)
    style = f"<style>{_PRINT_CSS}</style>"
    body = body.replace("</head>", style + "</head>", 1)
    if header:
        body = (
            body.replace("<main>", "<main>" + header, 1)
            if "<main>" in body
            else body.replace("<body", header + "<body", 1)
        )
    return body


_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->\s*", re.S)


#: A ``<script>`` that fetches code from the network (nbconvert's require.js, its mermaid loader).
_NETWORK_SCRIPT = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//[^>]*>\s*</script>\s*"""
                             r"""|<script\b[^>]*>(?:(?!</script>).)*?https?://(?:(?!</script>).)*</script>\s*""",
                             re.S | re.I)


def _without_mathjax(page: str) -> str:
    """``page`` without nbconvert's MathJax and any other script it loads from a CDN
    (require.js, mermaid): our text is printed as it is written, so "$5bn and $9bn"
    stays two amounts, and nothing is fetched while printing or when the page is opened.
    The body is also marked ``tex2jax_ignore mathjax_ignore`` for any MathJax a reader adds.

    >>> _without_mathjax('<head><!-- Load mathjax --><script src="x"></script>'
    ...                  '<!-- End of mathjax configuration --></head><body class="a">$5</body>')
    '<head></head><body class="a tex2jax_ignore mathjax_ignore">$5</body>'
    """
    page = _NETWORK_SCRIPT.sub("", _MATHJAX.sub("", page))
    if re.search(r"<script[^>]*mathjax", page, re.I):  # pragma: no cover - another nbconvert template
        raise EduKitError("the HTML page still loads MathJax", hint="report this: nbconvert's template changed")
    if _NETWORK_SCRIPT.search(page):  # pragma: no cover - another nbconvert template
        raise EduKitError("the HTML page still loads a script from the network",
                          hint="report this: nbconvert's template changed")
    return re.sub(r'<body( class="([^"]*)")?',
                  lambda m: f'<body class="{(m.group(2) + " ") if m.group(2) else ""}tex2jax_ignore mathjax_ignore"',
                  page, count=1)


def _chromium() -> str:
    wanted = os.environ.get("EDU_KIT_CHROMIUM")
    for candidate in ([wanted] if wanted else []) + list(CHROMIUM):
        if candidate and Path(candidate).is_file():
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    raise EduKitError(
        "no Chromium to print with",
        hint="install it (apt-get install chromium) or set EDU_KIT_CHROMIUM to the browser's path; "
        "'edu-kit print html' works without it",
    )


def html_to_pdf(html_file: str | os.PathLike[str], pdf_file: str | os.PathLike[str]) -> Path:
    """Print an HTML file to PDF (A4) with headless Chromium; returns the PDF's path."""
    source, target = Path(html_file).resolve(), Path(pdf_file).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="edu-kit-chromium-") as profile:
        command = [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        except subprocess.TimeoutExpired as exc:
            raise EduKitError("Chromium took more than 3 minutes to print", path=source, hint="try again") from exc
    if not target.is_file() or target.stat().st_size == 0:
        raise EduKitError(
            f"Chromium made no PDF (exit status {done.returncode}): {done.stderr.strip()[-300:]}",
            path=source,
            hint="check that Chromium starts: chromium --headless --no-sandbox --version",
        )
    return target


def _write(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _header(title: str, what: str) -> str:
    e = html.escape
    return (
        f"<table class='ek-header'><tr><td colspan='3'><b>{e(title)}</b> — {e(what)}</td></tr>"
        "<tr><td>Name: ____________________________</td><td>Class: __________</td><td>Date: ____________</td></tr></table>"
    )


def export_html(notebook: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> Path:
    """``notebook`` as one static HTML page for students (no code, no answers)."""
    path = Path(notebook)
    nb = student_copy(_read(path))
    title = _title_of(nb, path)
    return _write(_to_html(nb, title), Path(out_dir) / f"{path.stem}.html")


def site_index(notebooks: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str]) -> Path:
    """``<out_dir>/index.html``: a page linking the static pages of ``notebooks`` in order,
    each with its title, so that a school web site has a front page."""
    e = html.escape
    items = []
    for notebook in notebooks:
        path = Path(notebook)
        title = _title_of(_read(path), path)
        items.append(f"<li><a href='{e(path.stem)}.html'>{e(title)}</a></li>")
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Lessons</title></head><body style='font-family:sans-serif;max-width:46em;margin:2em auto'>"
        "<h1>Lessons</h1><p>Read the lessons in this order. The quizzes and written answers work "
        "when your teacher opens the notebooks in Jupyter; here you can read everything.</p>"
        f"<ol>{''.join(items)}</ol></body></html>"
    )
    return _write(page, Path(out_dir) / "index.html")


def worksheet(notebook: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> Path:
    """``notebook`` as a printable worksheet: ``<out_dir>/<stem>_worksheet.pdf``."""
    path = Path(notebook)
    nb = student_copy(_read(path))
    title = _title_of(nb, path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return _pdf_of(_to_html(nb, title, _header(title, "Worksheet")), out / f"{path.stem}_worksheet.pdf")


def _title_of(nb: NotebookNode, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return str(line[2:]).strip()
    return path.stem


# -- paper quizzes ----------------------------------------------------------------------


#: How many questions ``--notebook`` prints when no ``n`` is given: one side of a lesson.
PAPER_DEFAULT = 10

#: Question families that ask students to check an article against a primary document
#: whose text the paper does not carry; they are left out of a notebook's paper quiz.
NEEDS_RECORD = frozenset({"gen-record"})

_READ_CALL = re.compile(r"""views\.read\(\s*\\?["'](\d{3})\\?["']""")
_QUOTED = re.compile(r"[“\"'‘]([^”\"'’]{12,})[”\"'’]")
_NGRAM = 5


def _notebooks_dir(notebook: str) -> Path:
    given = Path(notebook)
    if given.suffix == ".ipynb" and given.is_file():
        return given.parent
    return Path(__file__).resolve().parents[1] / "notebooks"


def articles_read(notebook: str) -> frozenset[str]:
    """The articles a student has read whole by the end of ``notebook``: those shown with
    ``views.read`` in it or in an earlier notebook of the sequence (by file name)."""
    stem = Path(notebook).stem
    found: set[str] = set()
    for path in sorted(_notebooks_dir(notebook).glob("[0-9][0-9]_*.ipynb")):
        if path.stem > stem:
            break
        found.update(_READ_CALL.findall(path.read_text(encoding="utf-8")))
    return frozenset(found)


def _grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + _NGRAM]) for i in range(len(words) - _NGRAM + 1)}


def _passages(question: Question) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for quoted in _QUOTED.findall(question.prompt):
        grams |= _grams(quoted)
    for source in question.sources:
        grams |= _grams(source.sentence)
    return grams


def _text_keys(question: Question) -> tuple[str, ...]:
    answer = question.answer
    if question.type not in ("single", "short_text"):
        return ()
    keys = (answer,) if isinstance(answer, str) else tuple(str(a) for a in answer) if isinstance(answer, tuple) else ()
    return tuple(k for k in keys if len(k) >= 4)


def reveals(first: Question, second: Question) -> bool:
    """Whether one of two questions gives away the other: both test the same fact, one's
    key is printed in the other's prompt, or both quote the same passage (five words in a
    row in common)."""
    if first.fact and first.fact == second.fact:
        return True
    for a, b in ((first, second), (second, first)):
        prompt = b.prompt.lower()
        if any(key.lower() in prompt for key in _text_keys(a)):
            return True
    return bool(_passages(first) & _passages(second))


def _apart(questions: Sequence[Question], n: int | None) -> tuple[Question, ...]:
    kept: list[Question] = []
    for question in questions:
        if n is not None and len(kept) >= n:
            break
        if not any(reveals(question, other) for other in kept):
            kept.append(question)
    return tuple(kept)


def select_questions(
    ids: Sequence[str] = (),
    *,
    topic: str | None = None,
    notebook: str | None = None,
    n: int | None = None,
    bank: Any = None,
) -> tuple[Question, ...]:
    """Questions for a paper quiz: by ``ids`` (exactly those), by ``topic``, or those a
    ``notebook`` teaches; the first ``n`` if given.

    For a ``notebook`` the paper must stand on its own after that lesson, so only
    questions with ``taught_in`` equal to its stem are taken, and of those only the ones
    whose articles the students have read whole by then (:func:`articles_read`), none
    that needs a primary document the paper does not print (:data:`NEEDS_RECORD`), and
    never two where one gives the other away (:func:`reveals`); written-by-hand questions
    come first, and at most ``n`` (default :data:`PAPER_DEFAULT`) are printed.  A
    ``topic`` selection also leaves out questions that give each other away."""
    from .quiz import load_bank
    from .quiz.gates import family_of

    source = bank if bank is not None else load_bank()
    if ids:
        chosen = tuple(source[i] for i in ids)
        if n is not None:
            chosen = chosen[:n]
    else:
        chosen = tuple(source.questions)
        if topic is not None:
            from .quiz.model import TOPICS

            if topic not in TOPICS:
                raise ChoiceError.of("topic", topic, TOPICS)
            chosen = tuple(q for q in chosen if topic in q.topics)
        if notebook is not None:
            stem = Path(notebook).stem
            chosen = tuple(q for q in chosen if getattr(q, "taught_in", None) == stem)
            if not chosen:
                taught = sorted({str(getattr(q, "taught_in", "")) for q in source.questions} - {"", "None"})
                raise ChoiceError.of("notebook (taught_in)", stem, taught or ["no question records taught_in yet"])
            read = articles_read(notebook)
            chosen = tuple(
                q
                for q in chosen
                if family_of(q) not in NEEDS_RECORD and all(s.article in read for s in q.sources)
            )
            chosen = tuple(sorted(chosen, key=lambda q: q.id.startswith("gen-")))
            if n is None:
                n = PAPER_DEFAULT
        chosen = _apart(chosen, n)
    if not chosen:
        raise EduKitError("no question matches this selection", hint="name question ids, a topic or a notebook")
    return chosen


def _lines(count: int) -> str:
    return "".join("<div class='ek-paper-lines'></div>" for _ in range(count))


def _lettered(options: Sequence[str]) -> str:
    # Letters written out (not a CSS counter), so that every renderer prints A, B, C.
    items = "".join(
        f"<li><b>{chr(ord('A') + i)}.</b> {html.escape(o)}</li>" for i, o in enumerate(options)
    )
    return f"<ol class='ek-options' style='list-style:none;padding-left:0.5em'>{items}</ol>"


def _paper_question(number: int, question: Question) -> str:
    from .quiz.render import display_for, instructions, position_boxes, position_note

    e = html.escape
    shown = display_for(question, None)
    kind: str = question.type  # a str, so that newer types (such as "open") compare too
    parts = [f"<p><b>{number}.</b> {e(question.prompt)}</p>"]
    if kind == "open":
        parts.append("<p><i>Write your answer on the lines.</i></p>" + _lines(6))
    elif kind == "ordering":
        parts.append(f"<p><i>{e(position_note(question))}</i></p>")
    elif kind == "numeric":
        unit = getattr(question.answer, "unit", "")
        parts.append(f"<p><i>{e(f'Write the number of {unit}.' if unit else 'Write a number.')}</i></p>")
    else:
        parts.append(f"<p><i>{e(instructions(question))}</i></p>")
    if kind in ("single", "multiple", "true_false"):
        parts.append("<ul>" + "".join(f"<li>{e(o)}</li>" for o in shown.options) + "</ul>")
    elif kind == "ordering":
        parts.append(position_boxes(shown.options))
    elif kind == "matching":
        parts.append(
            "<table><tbody>"
            + "".join(f"<tr><td>{e(item)}</td><td>→ letter: ______</td></tr>" for item in shown.left)
            + "</tbody></table>"
        )
        parts.append(_lettered(shown.options))
    elif kind in ("short_text", "numeric"):
        parts.append(_lines(1))
    return f"<div class='ek-question tex2jax_ignore mathjax_ignore'>{''.join(parts)}</div>"


def _key_text(question: Question) -> str:
    from .quiz.model import Numeric

    answer = question.answer
    kind: str = question.type
    if kind == "open":
        return str(getattr(question, "model_answer", "") or "")
    if isinstance(answer, Numeric):
        tolerance = f" (± {answer.tolerance:g})" if answer.tolerance else ""
        return f"{answer.value:g}{tolerance} {answer.unit}".strip()
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if question.type == "matching" and isinstance(answer, tuple):
        return "; ".join(" → ".join(map(str, pair)) if isinstance(pair, tuple) else str(pair) for pair in answer)
    if question.type == "short_text" and isinstance(answer, tuple):
        return " / ".join(str(a) for a in answer)
    if isinstance(answer, tuple):
        joiner = " → " if question.type == "ordering" else "; "
        return joiner.join(str(a) for a in answer)
    return str(answer)


def _key_question(number: int, question: Question) -> str:
    e = html.escape
    parts = [f"<p><b>{number}.</b> {e(question.prompt)}</p>"]
    answer = question.answer
    if question.type == "ordering" and isinstance(answer, tuple):
        # the paper's order, each box with its number: the teacher marks box by box
        from .quiz.render import display_for, position_boxes

        shown = display_for(question, None).options
        key = [str(a) for a in answer]
        parts.append("<p><b>Answer</b> (the boxes as printed on the paper):</p>"
                     + position_boxes(shown, [key.index(item) + 1 for item in shown]))
        parts.append(f"<p style='font-size:0.9em'>Earliest first: {e(' → '.join(key))}</p>")
    elif question.type == "matching" and isinstance(answer, tuple):
        items = [f"{a[0]} → {a[1]}" if isinstance(a, tuple) else str(a) for a in answer]
        parts.append("<p><b>Answer:</b></p><ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>")
    else:
        parts.append(f"<p><b>Answer:</b> {e(_key_text(question))}</p>")
    rubric = tuple(getattr(question, "rubric", ()) or ())
    if rubric:
        parts.append("<p><b>Look for:</b></p><ul>" + "".join(f"<li>{e(str(r))}</li>" for r in rubric) + "</ul>")
    if question.explanation:
        parts.append(f"<p><b>Why:</b> {e(question.explanation)}</p>")
    for source in question.sources:
        parts.append(
            f"<p style='font-size:0.9em'><b>Source:</b> article {e(source.article)}: “{e(source.sentence)}”</p>"
        )
    parts.append(f"<p style='font-size:0.8em;color:#333'>id: <code>{e(question.id)}</code></p>")
    return f"<div class='ek-question tex2jax_ignore mathjax_ignore'>{''.join(parts)}</div>"


def _html_cell(markup: str) -> Any:
    # A Markdown cell holding one HTML block: nbconvert passes the block through as it is
    # (all question text in it is escaped), so Markdown never reads "____" as emphasis.
    return _nbformat().v4.new_markdown_cell(markup.replace("\n", " "))


def paper_notebook(questions: Sequence[Question], title: str) -> NotebookNode:
    """A notebook holding the student's paper quiz (questions and answer space, no keys)."""
    nbformat = _nbformat()
    nb: NotebookNode = nbformat.v4.new_notebook()
    # The title is printed once, in the page header (name, class, date) that paper_quiz adds.
    nb.cells = [_html_cell(_paper_question(i, q)) for i, q in enumerate(questions, start=1)]
    return nb


def key_notebook(questions: Sequence[Question], title: str) -> NotebookNode:
    """A notebook holding the teacher's answer key (keys, model answers, rubrics, sources)."""
    nbformat = _nbformat()
    nb: NotebookNode = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {_md_escape(title)}: answer key (for the teacher)")]
    nb.cells += [_html_cell(_key_question(i, q)) for i, q in enumerate(questions, start=1)]
    return nb


def _md_escape(text: str) -> str:
    escaped = html.escape(text)
    for char in "\\`*_[]#":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def key_folder(out_dir: str | os.PathLike[str]) -> Path:
    """Where :func:`paper_quiz` puts the answer key by default: a folder beside ``out_dir``
    named ``<out_dir>_key`` (``printed`` → ``printed_key``), so that handing out or sharing
    the students' folder never hands out the key."""
    out = Path(out_dir)
    if out.name in ("", ".", ".."):
        out = out.resolve()
    return out.with_name(f"{out.name}_key")


def _pdf_of(page: str, pdf: Path) -> Path:
    """``page`` (HTML) printed to ``pdf``; the HTML is written to a temporary folder and removed."""
    with tempfile.TemporaryDirectory(prefix="edu-kit-print-") as tmp:
        return html_to_pdf(_write(page, Path(tmp) / f"{pdf.stem}.html"), pdf)


def paper_quiz(
    questions: Sequence[Question], out_dir: str | os.PathLike[str], *, title: str = "Quiz", name: str = "quiz",
    key_dir: str | os.PathLike[str] | None = None,
) -> tuple[Path, Path]:
    """Print ``questions`` as ``<out_dir>/<name>.pdf`` (students) and the answer key as
    ``<key_dir>/<name>_key.pdf`` (teacher; ``key_dir`` defaults to :func:`key_folder`, beside
    ``out_dir``, never inside it).  Only the PDFs are left: no HTML copy of the key."""
    out = Path(out_dir)
    keys = Path(key_dir) if key_dir is not None else key_folder(out)
    if keys.resolve() == out.resolve():
        raise EduKitError("the answer key would go into the students' folder", path=out,
                          hint="give --key-out a folder of its own (the default is OUT_key, beside OUT)")
    for folder in (out, keys):
        folder.mkdir(parents=True, exist_ok=True)
    student = _pdf_of(_to_html(paper_notebook(questions, title), title, _header(title, "Paper quiz")),
                      out / f"{name}.pdf")
    key = _pdf_of(_to_html(key_notebook(questions, title), f"{title}: answer key"), keys / f"{name}_key.pdf")
    return student, key
