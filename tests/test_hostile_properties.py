"""Property tests for hostile input beyond article text: manifests, banks, response logs.

Whatever hypothesis generates, each loader returns its result or raises the package's
own error naming the file (and line, when there is one); it never raises anything else,
never hangs, and never loses a good record.
"""

from __future__ import annotations

import json
import re
import tempfile
import warnings
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edu_kit.corpus import load_corpus
from edu_kit.errors import ArticleError, ResponseLogError
from edu_kit.quiz import BankMessage, check_text, show
from edu_kit.quiz.widget import Quiz
from edu_kit.results import Response, ResponseLogWarning, load, record

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Characters that break YAML or hide in text: NUL, vertical tab, form feed, escape,
# delete, non-characters, zero-width space, bidi override, lone surrogate halves.
NASTY = st.sampled_from(["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffe", "\uffff", "\u200b",
                         "\u202e", "\ud800", "\r", "\t", "$", "\\", '"', "'", ":", "#", "&", "*"])
TEXT = st.lists(st.one_of(st.text(max_size=8), NASTY), max_size=8).map("".join)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), TEXT,
    st.sampled_from(["2022-02-30", "9999-12-31", "0001-01-01", "030", "1:30", "0x1F", ".inf", ".nan",
                     "1" + "0" * 400, "yes", "~", "!!python/object:os.system"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


def _yaml_text(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return repr(data)


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


MANIFEST_KEYS = st.sampled_from(["id", "file", "headline", "headline_in_text", "outlet", "published",
                                 "date_basis", "url", "teacher_note", "publisher"])


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    """An articles.yaml: mostly well-formed, with hostile values, raw bytes or nesting."""
    entries = draw(st.lists(st.dictionaries(MANIFEST_KEYS, VALUES, max_size=5), max_size=3))
    for entry in entries:
        if draw(st.booleans()):
            entry["file"] = "a.txt"
    text = _yaml_text({"articles": entries})
    tail = draw(st.one_of(st.just(""), NASTY, st.integers(1, 3000).map(_deep).map(lambda d: f"x: {d}\n")))
    data = (text + tail).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data += draw(st.binary(max_size=6))
    return data


@SETTINGS
@given(manifests())
def test_any_manifest_loads_or_is_a_clear_error(manifest: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.txt").write_text("Talks\n\nThe talks opened tomorrow in Geneva.\n", encoding="utf-8")
        (root / "articles.yaml").write_bytes(manifest)
        try:
            corpus = load_corpus(root)
        except ArticleError as err:
            error: ArticleError | None = err
        else:
            error = None
            article = corpus["a"] if "a" in corpus.ids else corpus.articles[0]
            assert article.outlet is None or isinstance(article.outlet, str)
            assert article.title is None or isinstance(article.title, str)
        assert error is None or str(root) in str(error)


QUESTION = {"id": "q1", "type": "numeric", "prompt": "How many?", "answer": {"value": 30, "unit": "allies"},
            "explanation": "x", "topics": ["concepts"], "difficulty": "easy", "reference": "r"}


@st.composite
def banks(draw: st.DrawFn) -> str:
    """A bank file's text: a valid question with hostile values, characters or nesting."""
    question: dict[str, Any] = dict(QUESTION)
    for key in draw(st.lists(st.sampled_from([*sorted(QUESTION), "choices", "sources"]), max_size=3)):
        question[key] = draw(VALUES)
    text = _yaml_text({"bank": "b", "title": "B", "questions": [question]})
    where = draw(st.integers(0, len(text)))
    insert = draw(st.one_of(NASTY, st.integers(1, 2000).map(_deep),
                            st.sampled_from(["value: 030", "value: 1:30", "value: " + "9" * 500, "&a x", "*a"])))
    return text[:where] + insert + text[where:]


@SETTINGS
@given(banks())
def test_any_bank_is_checked_without_a_traceback(text: str) -> None:
    problems = check_text(text, path="b.yaml")
    assert all(p.path == "b.yaml" and (p.line is None or p.line >= 1) for p in problems)
    with tempfile.TemporaryDirectory() as folder:
        bank = Path(folder) / "b.yaml"
        bank.write_bytes(text.encode("utf-8", "surrogatepass"))
        shown = show(bank=str(bank), log_dir=folder)
        assert isinstance(shown, (Quiz, BankMessage))
        if problems:
            assert isinstance(shown, BankMessage)


GOOD = Response("ana", "z", "q1", "0123456789abcdef", "NATO", True, 1.0, 1, "2022-01-10T09:00:00.000Z")
FIELDS = st.sampled_from(["time", "student", "quiz", "question", "variant", "answer", "correct", "score", "attempt"])
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def log_lines(draw: st.DrawFn) -> bytes:
    """A log line: a good record with a field replaced, raw bytes, or deep nesting."""
    kind = draw(st.sampled_from(["field", "bytes", "deep", "digits", "good"]))
    if kind == "good":
        return GOOD.to_line()
    if kind == "bytes":
        return draw(st.binary(max_size=40)).replace(b"\n", b" ") + b"\n"
    data = json.loads(GOOD.to_line())
    if kind == "deep":
        data["answer"] = "DEEP"
        return json.dumps(data).replace('"DEEP"', _deep(draw(st.integers(1, 5000)))).encode() + b"\n"
    if kind == "digits":
        return json.dumps(data).replace("1.0", "1" * draw(st.integers(1, 6000))).encode() + b"\n"
    data[draw(FIELDS)] = draw(JSONISH)
    return json.dumps(data, allow_nan=True).encode("utf-8", "surrogatepass") + b"\n"


@SETTINGS
@given(st.lists(log_lines(), min_size=1, max_size=6))
def test_any_log_keeps_every_good_record(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ana.jsonl"
        path.write_bytes(b"".join(lines))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResponseLogWarning)
            frame = load(folder)
        good = sum(line == GOOD.to_line() for line in lines)
        assert len(frame) >= good
        # CR, CRLF and LF all end a line (review atk4 A3), and a BOM at the start is no line's
        pieces = re.split(rb"\r\n|\r|\n", b"".join(lines).removeprefix("\ufeff".encode()))
        assert len(frame) + len(frame.attrs["problems"]) == sum(bool(piece.strip()) for piece in pieces)
        assert all(0 <= s <= 1 for s in frame["score"].dropna())
        assert all(1 <= a <= 1000 for a in frame["attempt"])


@SETTINGS
@given(st.fixed_dictionaries({}, optional={
    "student": st.one_of(st.none(), TEXT), "score": st.one_of(st.floats(), st.integers()),
    "attempt": st.integers(), "answer": JSONISH, "time": TEXT,
}))
def test_a_record_is_written_whole_or_refused(changes: dict[str, Any]) -> None:
    fields = {**GOOD.__dict__, **changes}
    with tempfile.TemporaryDirectory() as folder:
        try:
            response = Response(**fields)
            path = record(folder, response)
        except ResponseLogError:
            assert not list(Path(folder).iterdir())
            return
        frame = load(path)
        assert len(frame) == 1
        assert frame.attrs["problems"] == ()
