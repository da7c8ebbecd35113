"""Hostile content: markup in articles and quiz banks is shown as text, never run.

``tests/data/hostile/article.txt`` and ``tests/data/hostile/bank.yaml`` carry
``<script>``, ``<img onerror>``, a markdown ``javascript:`` link and an HTML
``javascript:`` link in every field a student or teacher sees.

The Python tests (no browser) parse every piece of HTML that edu_kit hands to a front
end -- the widget's HTML values, feedback after answering, the static ``text/html`` form,
the bank-problem message, DataFrame HTML -- the way a browser would, and prove that it
holds no element or attribute that can run code and that the hostile strings are there as
text.  The browser tests load a notebook with the hostile quiz, its static form and the
DataFrames in JupyterLab and in Voilà, answer, and check that ``window.__pwned`` stays
undefined while a positive control (raw HTML displayed on purpose) does run.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

import edu_kit
from edu_kit import quiz
from edu_kit.quiz import BankMessage, Question
from edu_kit.quiz.grade import expected_text
from edu_kit.quiz.widget import Item, Quiz
from edu_kit.results import load
from edu_kit.tables import articles_table, quotes_table

from .conftest import (
    HOSTILE,
    QuizPage,
    Server,
    VoilaServers,
    expect,
    open_and_run,
    responses_for,
    save_screenshot,
    write_notebook,
)

BANK_FILE = HOSTILE / "bank.yaml"
ARTICLE = HOSTILE / "article.txt"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
MARKDOWN_LINK = "[click](javascript:window.__pwned=1)"
HTML_LINK = '<a href="javascript:window.__pwned=1">x</a>'
HOSTILE_STRINGS = (SCRIPT, IMG, MARKDOWN_LINK, HTML_LINK)

# What edu_kit and pandas may emit; none of these can run code or load anything.
SAFE_TAGS = {
    "blockquote",
    "mark",  # quotations marked in a cited sentence
    "br",
    "div",
    "em",
    "h3",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "style",
    "ul",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
URL_ATTRIBUTES = {"href", "src", "srcset", "srcdoc", "action", "formaction", "xlink:href", "background", "poster"}


# --------------------------------------------------------------------------- checking HTML


class _Parsed(HTMLParser):
    """Tags, attributes, text and style sheets of an HTML fragment, as a browser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def shown_as_text(markup: str, where: str) -> str:
    """Assert that ``markup`` can run nothing (no unsafe element, handler or URL); return
    the text a browser would show for it."""
    parsed = _Parsed()
    parsed.feed(markup)
    parsed.close()
    unsafe = sorted(set(parsed.tags) - SAFE_TAGS)
    assert not unsafe, f"{where}: NOT ESCAPED, the browser would create elements {unsafe}"
    risky = [
        (tag, name, value)
        for tag, name, value in parsed.attributes
        if name.startswith("on") or name in URL_ATTRIBUTES or "javascript:" in value.lower()
    ]
    assert not risky, f"{where}: NOT ESCAPED, risky attributes {risky}"
    for css in parsed.styles:
        assert "__pwned" not in css, f"{where}: hostile text inside a <style>: {css!r}"
        assert "<" not in css, f"{where}: markup inside a <style>: {css!r}"
    return "".join(parsed.text)


def assert_all_shown(text: str, expected: list[str], where: str) -> None:
    missing = [piece for piece in expected if piece not in text]
    assert not missing, f"{where}: these texts are not shown as text: {missing}"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDU_KIT_STUDENT", raising=False)
    monkeypatch.delenv("EDU_KIT_RESPONSES", raising=False)


@pytest.fixture(scope="module")
def corpus() -> Any:
    return edu_kit.load_corpus(ARTICLE)


@pytest.fixture(scope="module")
def bank() -> Any:
    return quiz.load_bank(BANK_FILE)


def hostile_quiz(tmp_path: Path, attempts: int = 1) -> Quiz:
    shown = quiz.show(bank=BANK_FILE, student="mallory", attempts=attempts, log_dir=tmp_path / "logs")
    assert isinstance(shown, Quiz), shown
    return shown


def walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def visible_text(root: widgets.Widget) -> str:
    """Everything a widget tree shows, checking that HTML values are inert on the way.

    HTML widgets render their value as HTML; Labels, descriptions and option labels are
    rendered as text by ipywidgets 8 (unless ``description_allow_html`` is set).
    """
    pieces: list[str] = []
    for widget in walk(root):
        name = type(widget).__name__
        if isinstance(widget, (widgets.HTML, widgets.HTMLMath)):
            pieces.append(shown_as_text(widget.value, f"{name}.value"))
        elif isinstance(widget, widgets.Label):
            pieces.append(widget.value)
        if getattr(widget, "description_allow_html", False):
            raise AssertionError(f"NOT ESCAPED: {name} renders its description as HTML: {widget.description!r}")
        pieces.append(getattr(widget, "description", "") or "")
        pieces += [str(label) for label in getattr(widget, "_options_labels", ())]
        pieces.append(getattr(widget, "placeholder", "") or "")
    return "\n".join(pieces)


def question_texts(question: Question) -> list[str]:
    """What the student must see before answering."""
    texts = [question.prompt, *question.choices, *question.left]
    unit = getattr(question.answer, "unit", "")
    return texts + ([unit] if unit else [])


def finished_texts(question: Question, correct: bool) -> list[str]:
    """What the feedback must show once the question is finished."""
    texts = [question.explanation]
    for source in question.sources:
        texts += [source.sentence, source.outlet or "unknown outlet"]
    if question.reference:
        texts.append(question.reference)
    if not correct:
        texts.append(expected_text(question))
    return texts


def set_answer(item: Item, correct: bool) -> object:
    """Set ``item``'s controls to the key (or to a wrong answer), as a student would."""
    q, display, controls = item.question, item.display, item.controls
    key = q.answer
    if q.type == "single":
        value = key if correct else next(o for o in display.options if o != key)
        controls[0].value = value
        return value
    if q.type == "true_false":
        controls[0].value = str(key if correct else not key)
        return key if correct else not key
    if q.type == "multiple":
        ticked = set(key) if correct else {next(o for o in display.options if o not in key)}
        for option, box in zip(display.options, controls, strict=True):
            box.value = option in ticked
        return sorted(ticked)
    if q.type == "ordering":
        order = list(key) if correct else list(reversed(key))
        for box, value in zip(controls, order, strict=True):
            box.value = value
        return order
    if q.type == "matching":
        pairs = dict(key)
        for left, box in zip(display.left, controls, strict=True):
            box.value = pairs[left] if correct else next(o for o in display.options if o != pairs[left])
        return {left: box.value for left, box in zip(display.left, controls, strict=True)}
    if q.type == "short_text":
        controls[0].value = key[0] if correct else "not it"
        return controls[0].value
    number = float(key.value) if correct else float(key.value) + 100
    controls[0].value = str(number)  # the number box is a text box: the student types digits
    return number


# --------------------------------------------------------------------------- the files


def test_hostile_files_are_valid_and_hostile(corpus: Any, bank: Any) -> None:
    article = corpus.articles[0]
    assert (article.id, article.published.isoformat()) == ("article", "2022-01-12")
    assert SCRIPT in article.title
    assert IMG in article.outlet
    assert article.url.startswith("javascript:")
    for piece in HOSTILE_STRINGS:
        assert piece in article.body, f"the article lacks {piece!r}"
    assert [p for p in quiz.check_bank(BANK_FILE, corpus=corpus) if p.severity == "error"] == []
    # open questions' hostile input: tests/test_widget.py::test_open_question_shows_markup_as_text
    assert {q.type for q in bank.questions} == set(quiz.TYPES) - {"open"}, "every graded type is covered"
    everything = " ".join(
        [*bank.titles] + [text for q in bank.questions for text in (*question_texts(q), *finished_texts(q, False))]
    )
    for piece in HOSTILE_STRINGS:
        assert piece in everything, f"the bank lacks {piece!r}"


# --------------------------------------------------------------------------- the widget


def test_widget_shows_markup_as_text_before_answering(tmp_path: Path, bank: Any) -> None:
    shown = hostile_quiz(tmp_path)
    text = visible_text(shown.widget)
    expected = [*bank.titles, *(t for q in bank.questions for t in question_texts(q))]
    assert_all_shown(text, expected, "the quiz widget")
    for piece in HOSTILE_STRINGS:
        assert piece in text


@pytest.mark.parametrize("correct", [False, True], ids=["wrong", "right"])
def test_feedback_shows_markup_as_text(tmp_path: Path, correct: bool) -> None:
    shown = hostile_quiz(tmp_path, attempts=1)
    given = {}
    for item in shown.items:
        given[item.question.id] = set_answer(item, correct)
        shown.check(item)
        assert item.final is not None, item.question.id
        assert item.final.correct is correct, item.question.id
        text = shown_as_text(item.feedback.value, f"feedback of {item.question.id}")
        verdict = "✓ Correct." if correct else "✗ Not quite."
        assert_all_shown(text, [verdict, *finished_texts(item.question, correct)], f"feedback of {item.question.id}")
    assert shown.notice.value == "", shown.notice.value
    assert shown.score_label.value == f"Score: {len(shown.items) if correct else 0}/{len(shown.items)}"
    visible_text(shown.widget)  # every HTML value, after answering, is still inert
    # The log keeps what was answered verbatim (it is data, not HTML).
    log = load(tmp_path / "logs")
    assert dict(zip(log["question"], log["correct"], strict=True)) == dict.fromkeys(given, correct)
    single = log[log["question"] == "hostile-single"]["answer"].item()
    assert single == given["hostile-single"]
    assert single in {IMG, SCRIPT, MARKDOWN_LINK, HTML_LINK}


def test_static_html_form_shows_markup_as_text(tmp_path: Path, bank: Any) -> None:
    bundle = hostile_quiz(tmp_path)._repr_mimebundle_()
    text = shown_as_text(bundle["text/html"], "the static text/html form of quiz.show")
    expected = [*bank.titles, *(t for q in bank.questions for t in (q.prompt, *q.choices, *q.left))]
    assert_all_shown(text, expected, "the static text/html form")
    assert_all_shown(bundle["text/plain"], expected, "the text/plain form")
    for q in bank.questions:  # and still no key, explanation or source
        assert q.explanation not in text
        assert all(s.sentence not in text for s in q.sources)


def test_bank_problem_message_shows_markup_as_text(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = BANK_FILE.read_text(encoding="utf-8")
    wrong_key = "answer: '<script>window.__pwned=2</script>'"
    broken.write_text(text.replace(f"answer: '{IMG}'", wrong_key, 1), encoding="utf-8")
    shown = quiz.show(bank=broken)
    assert isinstance(shown, BankMessage)
    rich = shown._repr_mimebundle_()["text/html"]
    assert "<script>window.__pwned=2</script>" in shown_as_text(rich, "the bank-problem message")


# --------------------------------------------------------------------------- DataFrames


@pytest.mark.parametrize("table", ["quiz.bank", "quotes_table", "articles_table"])
@pytest.mark.parametrize("form", ["to_html", "_repr_html_"])
def test_dataframe_html_shows_markup_as_text(corpus: Any, table: str, form: str) -> None:
    frame = {
        "quiz.bank": lambda: quiz.bank(BANK_FILE),
        "quotes_table": lambda: quotes_table(corpus),
        "articles_table": lambda: articles_table(corpus),
    }[table]()
    assert len(frame) > 0
    markup = getattr(frame, form)()
    text = shown_as_text(markup, f"{table}(...).{form}()")
    assert "&lt;script&gt;" in markup, "pandas did not escape the cells"
    assert "&lt;script&gt;" not in text, "the cells were escaped twice"
    assert "<script>" in text
    if form == "to_html":  # not truncated: every hostile string in the table comes back as text
        cells = {str(value) for column in frame.columns for value in frame[column] if isinstance(value, str)}
        present = [piece for piece in HOSTILE_STRINGS if any(piece in cell for cell in cells)]
        assert present, "the table holds none of the hostile strings"
        assert_all_shown(text, present, f"{table}.to_html()")


def test_quotes_table_holds_the_hostile_quotes(corpus: Any) -> None:
    sentences = " ".join(quotes_table(corpus)["sentence"].dropna())
    for piece in HOSTILE_STRINGS:
        assert piece in sentences, f"no quotation's sentence carries {piece!r}"


# --------------------------------------------------------------------------- in a real browser

# The notebook: the hostile quiz, its static HTML form, the bank and quotes DataFrames,
# and last, a positive control that displays raw HTML on purpose: it proves that in this
# front end unescaped markup WOULD run, so that window.__pwned staying undefined means
# something.
CONTROL = "from IPython.display import HTML\nHTML('<img src=x onerror=\"window.__canary=1\">')"


def hostile_cells() -> list[str]:
    return [
        f"from edu_kit import quiz\nquiz.show(bank={str(BANK_FILE)!r}, attempts=1)",
        f"from IPython.display import HTML\nHTML(quiz.show(bank={str(BANK_FILE)!r})._repr_mimebundle_()['text/html'])",
        f"quiz.bank({str(BANK_FILE)!r})",
        f"import edu_kit\nfrom edu_kit.tables import quotes_table\nquotes_table(edu_kit.load_corpus({str(ARTICLE)!r}))",
        CONTROL,
    ]


def check_page_is_unharmed(page: Any, server: Server, name: str) -> None:
    ui = QuizPage(page).wait()
    # The positive control ran: raw HTML does execute in this front end ...
    page.wait_for_function("() => window.__canary === 1", timeout=15_000)

    # ... yet the hostile texts are visible, as text.
    expect(ui.root.get_by_text(SCRIPT).first).to_be_visible()
    widget_text = ui.root.inner_text()
    for piece in HOSTILE_STRINGS:
        assert piece in widget_text, f"the quiz does not show {piece!r} as text"
    tables = page.locator("table.dataframe")
    expect(tables.first).to_be_attached()
    assert tables.count() == 2
    assert SCRIPT in tables.nth(1).inner_text(), "the quotes table does not show <script> as text"

    # Answer: the single-choice question rightly (its key is the <img> text), the
    # true/false question wrongly; the feedback shows explanation, sources, reference.
    ui.radio(IMG).check()
    ui.root.get_by_role("button", name="Check answer").nth(0).click()
    expect(ui.root.locator(".edu-kit-feedback").nth(0)).to_contain_text("✓ Correct.")
    ui.root.get_by_role("radio", name="True", exact=True).check()
    ui.root.get_by_role("button", name="Check answer").nth(2).click()
    expect(ui.root.locator(".edu-kit-feedback").nth(1)).to_contain_text("✗ Not quite.")
    feedback = ui.root.locator(".edu-kit-feedback").nth(0).inner_text()
    for piece in HOSTILE_STRINGS:
        assert piece in feedback, f"the feedback does not show {piece!r} as text"
    page.wait_for_timeout(1_000)  # give an <img onerror> that slipped through time to fire
    ui.root.locator(".edu-kit-feedback").nth(0).scroll_into_view_if_needed()
    save_screenshot(page, f"{name}_hostile_after.png")  # the quiz is taller than the window

    assert page.evaluate("typeof window.__pwned") == "undefined", "HOSTILE MARKUP RAN: window.__pwned is set"
    # Nothing hostile became an element: outputs other than the control hold no script,
    # img, link or frame; nowhere in the page is a handler or URL that mentions __pwned.
    found = page.evaluate(
        """() => {
            const outputs = [...document.querySelectorAll('.jp-OutputArea-output')]
                .filter(o => o.querySelector('.edu-kit-quiz, table.dataframe'));
            const elements = outputs.flatMap(o => [...o.querySelectorAll('script, img, a, iframe, object, embed')])
                .map(e => e.outerHTML.slice(0, 120));
            const risky = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                .filter(a => (a.name.startsWith('on') || ['href', 'src', 'srcdoc', 'action'].includes(a.name))
                             && /__pwned|javascript:/i.test(a.value))
                .map(a => `${e.tagName} ${a.name}=${a.value}`));
            return {outputs: outputs.length, elements, risky};
        }"""
    )
    assert found["outputs"] == 4, found
    assert found["elements"] == [], f"NOT ESCAPED: hostile elements in the outputs: {found['elements']}"
    assert found["risky"] == [], f"NOT ESCAPED: risky attributes in the page: {found['risky']}"
    log = responses_for(server, "hostile-single", 1)
    assert log["answer"].tolist() == [IMG]
    assert log["correct"].tolist() == [True]


@pytest.mark.browser
@pytest.mark.timeout(240)
def test_hostile_content_never_runs_in_jupyterlab(lab_server: Server, page: Any) -> None:
    notebook = "03_hostile.ipynb"
    write_notebook(lab_server.root / notebook, *hostile_cells())
    try:
        open_and_run(page, lab_server, notebook, app="lab")
        check_page_is_unharmed(page, lab_server, "jupyterlab")
    finally:
        lab_server.shutdown_sessions()


@pytest.mark.browser
@pytest.mark.timeout(240)
def test_hostile_content_never_runs_in_voila(voila: VoilaServers, page: Any) -> None:
    notebook = "03_hostile.ipynb"
    write_notebook(voila.root / notebook, *hostile_cells())
    server = voila.start(notebook)
    page.goto(server.url("/"), wait_until="domcontentloaded")
    check_page_is_unharmed(page, server, "voila")
