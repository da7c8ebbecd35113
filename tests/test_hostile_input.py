"""Issue 16, crashes: every hostile input gives a clear message naming file and line.

Each case here crashed with a traceback before (ValueError, TypeError, OverflowError,
ReaderError, RecursionError, a hang on a FIFO, all memory on /dev/zero).
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from edu_kit.cli import main
from edu_kit.corpus import load_corpus
from edu_kit.corpus.loading import read_corpus
from edu_kit.errors import ArticleError, ResponseLogError
from edu_kit.export import extraction
from edu_kit.quiz import BankMessage, check_text, show
from edu_kit.quiz.widget import Quiz
from edu_kit.results import Response, ResponseLogWarning, load, log_path, record

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Talks open\n\nThe talks opened tomorrow. Both sides spoke yesterday.\n"


def _folder(tmp_path: Path, manifest: bytes | str) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    data = manifest if isinstance(manifest, bytes) else manifest.encode("utf-8")
    (tmp_path / "articles.yaml").write_bytes(data)
    return tmp_path


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("published: 2022-02-30", "'2022-02-30' is not a calendar date"),
        ("headline: 123", "'headline' of 'a.txt' is the number 123, not text"),
        ("teacher_note: {a: 1}", "'teacher_note' of 'a.txt' is a mapping, not text"),
        ("outlet: [a, b]", "'outlet' of 'a.txt' is a list, not text"),
        ("outlet: 7", "'outlet' of 'a.txt' is the number 7, not text"),
        ("headline_in_text: maybe", "'headline_in_text' is 'maybe', not true or false"),
    ],
)
def test_manifest_values_are_type_checked(tmp_path: Path, entry: str, words: str) -> None:
    folder = _folder(tmp_path, f"articles:\n  - file: a.txt\n    {entry}\n")
    with pytest.raises(ArticleError) as caught:
        load_corpus(folder)
    assert caught.value.line == 3
    assert caught.value.path == str(folder / "articles.yaml")
    assert words in str(caught.value)


def test_manifest_number_too_long_for_python_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "articles:\n  - file: a.txt\n    published: " + "9" * 5000 + "\n")
    with pytest.raises(ArticleError, match="5000 digits, too many") as caught:
        load_corpus(folder)
    assert caught.value.line == 3
    assert main(["extract", "--keep-going", str(folder)]) == 1
    assert "articles.yaml, line 3" in capsys.readouterr().err


def test_manifest_duplicate_files_are_reported_not_last_wins(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "articles:\n  - file: a.txt\n    id: x\n  - file: b.txt\n    id: x\n"
                               "  - file: a.txt\n    id: y\n")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    _, problems = read_corpus(folder)
    found = [(p.path, p.line, p.problem) for p in problems]
    assert found == [(str(folder / "articles.yaml"), 6,
                      "manifest entry 3 repeats the file 'a.txt' of the entry on line 2")]


def test_manifest_not_utf8_names_file_and_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, b"articles:\n  - file: a.txt\n    headline: \xff\xfe caf\xe9\n")
    with pytest.raises(ArticleError, match="not UTF-8") as caught:
        load_corpus(folder)
    assert caught.value.line == 3


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_dates_at_the_ends_of_the_calendar(tmp_path: Path, published: str) -> None:
    folder = _folder(tmp_path, f"articles:\n  - file: a.txt\n    published: {published}\n")
    document = extraction(load_corpus(folder))
    dates = document["articles"][0]["dates"]
    assert {d["text"] for d in dates} == {"tomorrow", "yesterday"}
    # one of the two is past the calendar's end and stays unresolved, the other resolves
    assert sorted(d["value"] is None for d in dates) == [False, True]


def test_several_bad_articles_are_all_reported(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes("Talks".encode("utf-16"))
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "articles.yaml").write_text(
        "articles:\n  - file: good.txt\n  - file: other.txt\n    outlet: 7\n", encoding="utf-8"
    )
    with pytest.raises(ArticleError) as caught:
        load_corpus(tmp_path)
    assert len(caught.value.problems) == 3
    text = str(caught.value)
    assert "utf16.txt" in text
    assert "empty.txt" in text
    assert "articles.yaml, line 4" in text
    corpus, problems = read_corpus(tmp_path)
    assert corpus.ids == ("good",)
    assert len(problems) == 3


def test_cli_keep_going_processes_good_files_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    assert main(["extract", str(tmp_path)]) == 2
    assert "bad.txt" in capsys.readouterr().err
    assert main(["extract", "--keep-going", "--format", "json", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert '"id": "good"' in out.out
    assert "bad.txt" in out.err


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.timeout(60)
def test_extract_reads_only_regular_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        assert main(["extract", str(path)]) == 2
        assert "not a regular file" in capsys.readouterr().err
    assert main(["extract", str(tmp_path)]) == 2  # inside a folder too: reported, not read
    err = capsys.readouterr().err
    assert "fifo.txt" in err
    assert "zero.txt" in err


def test_size_limit_says_what_it_is_and_how_to_raise_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE + "More talks. " * 100_000, encoding="utf-8")
    assert main(["extract", "--max-mb", "0.5", str(big)]) == 2
    err = capsys.readouterr().err
    assert "larger than the limit of 0.5 MB" in err
    assert "--max-mb" in err
    assert "EDU_KIT_MAX_ARTICLE_MB" in err
    assert main(["extract", "--max-mb", "2", "--format", "csv", str(big)]) == 0


BANK = """bank: demo
title: Demo
questions:
  - id: q1
    type: numeric
    prompt: How many allies did NATO have in December 2021?{extra}
    answer:
      value: {value}
      unit: allies
    explanation: North Macedonia was the 30th.
    topics: [concepts]
    difficulty: easy
    reference: NATO member countries
"""

HOSTILE_BANKS = {
    "NUL": (BANK.format(extra="\x00", value=30), 6, "U+0000"),
    "vertical tab": (BANK.format(extra="\x0b", value=30), 6, "U+000B"),
    "form feed": (BANK.format(extra="\x0c", value=30), 6, "U+000C"),
    "escape": (BANK.format(extra="\x1b", value=30), 6, "U+001B"),
    "delete": (BANK.format(extra="\x7f", value=30), 6, "U+007F"),
    "U+FFFE": (BANK.format(extra="\ufffe", value=30), 6, "U+FFFE"),
    "deep nesting": (BANK.format(extra="", value="[" * 1000 + "]" * 1000), 8, "nested more than"),
    "huge integer": (BANK.format(extra="", value="1" + "0" * 400), 8, "401 digits, too many"),
    "5,000-digit integer": (BANK.format(extra="", value="9" * 5000), 8, "5000 digits, too many"),
    "infinity": (BANK.format(extra="", value=".inf"), 8, "not finite"),
    "octal": (BANK.format(extra="", value="030"), 8, "octal (24)"),
    "sexagesimal": (BANK.format(extra="", value="1:30"), 8, "base 60 (90)"),
}


@pytest.mark.parametrize("name", HOSTILE_BANKS)
def test_hostile_bank_is_a_problem_not_a_crash(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text, line, words = HOSTILE_BANKS[name]
    problems = check_text(text, path="b.yaml")
    assert [p.line for p in problems] == [line]
    assert words in problems[0].message
    bank = tmp_path / "b.yaml"
    bank.write_text(text, encoding="utf-8")
    assert main(["quiz", "check", str(bank)]) == 1
    assert f"b.yaml, line {line}" in capsys.readouterr().out
    shown = show(bank=str(bank), log_dir=str(tmp_path / "logs"))
    assert isinstance(shown, BankMessage)
    assert words in shown._repr_mimebundle_()["text/html"]


SURROGATE_BANK = """bank: demo
title: Demo
questions:
  - id: q1
    type: single
    prompt: Which alliance did Ukraine ask to join?
    choices: [NATO, "\\udc00b", CSTO]
    answer: NATO
    explanation: Ukraine asked to join NATO.
    topics: [concepts]
    difficulty: easy
    reference: NATO member countries
"""


def test_lone_surrogate_in_a_bank_is_a_problem_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "\\udc00" in SURROGATE_BANK  # the YAML escape, not the character
    problems = check_text(SURROGATE_BANK, path="b.yaml")
    assert [(p.line, "lone surrogate U+DC00" in p.message) for p in problems] == [(7, True)]
    bank = tmp_path / "b.yaml"
    bank.write_text(SURROGATE_BANK, encoding="utf-8")
    assert main(["quiz", "check", str(bank)]) == 1
    assert "b.yaml, line 7" in capsys.readouterr().out
    shown = show(bank=str(bank), log_dir=str(tmp_path / "logs"))
    assert isinstance(shown, BankMessage)
    assert "lone surrogate" in shown._repr_mimebundle_()["text/html"]


def test_dollars_in_article_text_do_not_break_the_timeline() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from edu_kit import views
    from edu_kit.corpus import parse_article
    from edu_kit.corpus.records import Corpus

    article = parse_article(
        "Aid talks\n\nOn 10 January 2022 the US gave $5bn, 10% of $50bn, to Kyiv, officials said.",
        id="x", published="2022-01-12",
    )
    ax = views.plot_timeline(views.timeline(Corpus((article,))))
    ax.figure.canvas.draw()
    labels = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert any("$5bn, 10% of $50bn" in label for label in labels)


# ----------------------------------------------------------------- answers lost or hidden


def _response(i: int = 0, student: str | None = "ana", **kw: object) -> Response:
    base: dict[str, object] = {
        "student": student, "quiz": "z", "question": f"q{i}", "variant": "0123456789abcdef",
        "answer": f"answer {i}", "correct": True, "score": 1.0, "attempt": 1,
        "time": "2022-01-10T09:00:00.000Z",
    }
    base.update(kw)
    return Response(**base)  # type: ignore[arg-type]


def _answer_first(quiz: Quiz) -> None:
    item = quiz.items[0]
    item.controls[0].value = str(item.question.answer.value)  # type: ignore[union-attr]  # typed in the box
    assert item.button is not None
    item.button.click()


def test_a_name_too_long_for_the_file_system_is_saved(tmp_path: Path) -> None:
    student = "学" * 84  # 252 bytes of UTF-8: more than a file name may hold with .jsonl
    path = record(tmp_path, _response(student=student))
    assert len(path.name.encode("utf-8")) <= 255
    assert load(path)["student"].tolist() == [student]
    assert log_path(tmp_path, student + "x") != path  # cut names stay apart (hash)


@pytest.mark.parametrize("failure", ["too long", "no search permission"])
def test_every_failure_to_save_reaches_the_student(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    quiz = show(["hw-concepts-nato-allies"], log_dir=str(tmp_path), student="ana")
    assert isinstance(quiz, Quiz)
    if failure == "too long":
        monkeypatch.setattr("edu_kit.results.log_path", lambda folder, student: Path(folder) / ("x" * 300))
    else:
        def denied(*args: object, **kwargs: object) -> bool:
            raise PermissionError(13, "Permission denied", str(tmp_path))

        monkeypatch.setattr(Path, "exists", denied)
    _answer_first(quiz)
    assert "✓ Correct." not in quiz.items[0].feedback.value  # not saved: not marked (atk4 A5)
    assert "could not be saved" in quiz.notice.value
    assert "could not be saved" in quiz.items[0].feedback.value
    assert not list(tmp_path.glob("*.jsonl"))


def test_an_unexpected_recorder_error_reaches_the_student(tmp_path: Path) -> None:
    from edu_kit.quiz import load_bank

    def broken(folder: Path, response: Response) -> Path:
        raise RuntimeError("the recorder broke")

    question = load_bank()["hw-concepts-nato-allies"]
    quiz = Quiz([question], quiz_id="z", title="Z", student="ana", log_dir=tmp_path, recorder=broken)
    _answer_first(quiz)
    assert "could not be saved: RuntimeError: the recorder broke" in quiz.notice.value


BAD_LINES = {
    "time not ISO": b'"time": "yesterday"',
    "time week date": b'"time": "2022W011"',
    "time week date dashed": b'"time": "2022-W01-1"',
    "time comma fraction": b'"time": "2022-01-10T09:00:00,5"',
    "time offset seconds": b'"time": "2022-01-10T09:00:00+00:00:30"',
    "time offset microseconds": b'"time": "2022-01-10T09:00:00-23:59:59.999999"',
    "time before year 1 in UTC": b'"time": "0001-01-01T00:00:00+01:00"',
    "absurd attempt": b'"attempt": 100000000000000000000',
    "negative attempt": b'"attempt": -1',
    "score NaN": b'"score": NaN',
    "score infinite": b'"score": Infinity',
    "score 57": b'"score": 57',
    "score -3": b'"score": -3',
    "lone surrogate": b'"student": "\\ud800"',
    "deep nesting": b'"answer": ' + b"[" * 5000 + b"]" * 5000,
    "5,000 digits": b'"answer": 1' + b"0" * 5000,
}


def _line(field: bytes) -> bytes:
    base = _response().to_line().rstrip(b"\n")
    key = field.split(b":", 1)[0]
    start = base.index(key)
    end = base.index(b", \"", start) if base.find(b", \"", start) != -1 else len(base) - 1
    return base[:start] + field + base[end:] + b"\n"


@pytest.mark.parametrize("name", BAD_LINES)
def test_one_bad_line_hides_nothing_else(tmp_path: Path, name: str) -> None:
    good = _response().to_line()
    (tmp_path / "ana.jsonl").write_bytes(good + _line(BAD_LINES[name]) + good)
    record(tmp_path, _response(student="ben"))
    with pytest.warns(ResponseLogWarning, match="line 2"):
        frame = load(tmp_path)
    assert sorted(frame["student"]) == ["ana", "ana", "ben"]
    (problem,) = frame.attrs["problems"]
    assert problem.startswith(f"{tmp_path / 'ana.jsonl'}, line 2:")


def test_cli_results_counts_good_records_and_names_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record(tmp_path, _response(student="ana"))
    (tmp_path / "ben.jsonl").write_bytes(_line(BAD_LINES["score 57"]))
    assert main(["results", str(tmp_path)]) == 1  # review i15 #7: the skipped line is in the exit status
    out, err = capsys.readouterr()
    assert "ana" in out
    # printed for the teacher, not in Python's "file.py:53: ResponseLogWarning:" format (review i15b #10)
    assert f"edu-kit: warning: {tmp_path / 'ben.jsonl'}, line 1: 'score' 57 is not between 0 and 1" in err
    assert "ResponseLogWarning" not in err


def test_unreadable_file_is_reported_with_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record(tmp_path, _response(student="ana"))
    record(tmp_path, _response(student="ben"))
    from edu_kit import results

    real = results._read_locked

    def fail_for_ben(path: Path) -> bytes:
        if path.name == "ben.jsonl":
            raise ResponseLogError("cannot read the log: Permission denied", path=path)
        return real(path)

    monkeypatch.setattr(results, "_read_locked", fail_for_ben)
    with pytest.warns(ResponseLogWarning, match="ben.jsonl"):
        frame = load(tmp_path)
    assert frame["student"].tolist() == ["ana"]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("score", float("nan"), "not finite"),
        ("score", float("inf"), "not finite"),
        ("score", 57, "not between 0 and 1"),
        ("score", -3, "not between 0 and 1"),
        ("attempt", -1, "not between 1 and 1000"),
        ("student", "bad \ud800", "lone surrogate"),
        ("time", "yesterday", "not an ISO 8601 time"),
        ("time", "2022-W01-1", "not an ISO 8601 time"),
        ("time", "2022-01-10T09:00:00,5", "not an ISO 8601 time"),
        ("time", "2022-01-10T09:00:00+00:00:30", "not an ISO 8601 time"),
    ],
)
def test_records_are_validated_on_write(tmp_path: Path, field: str, value: object, words: str) -> None:
    with pytest.raises(ResponseLogError, match=words):
        record(tmp_path, _response(**{field: value}))
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "names",
    [("a/b", "a b", "a／b", "a_b", "a:b", "a\\b"), (".hidden", "_2ehidden", "%2ehidden"), ("anonymous", None),
     ("ana", " ana\t", "ana\u00a0", "\r", None)],
)
def test_student_names_map_to_distinct_files(tmp_path: Path, names: tuple[str | None, ...]) -> None:
    paths = {log_path(tmp_path, name) for name in names}
    assert len(paths) == len(names)
    assert all(p.parent == tmp_path for p in paths)


def test_student_names_are_normalised(tmp_path: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFD", "José")
    assert nfc != nfd
    assert log_path(tmp_path, nfc) == log_path(tmp_path, nfd)


# ------------------------------------------------------------------ keys that leak


def _uniform(counts: list[int]) -> bool:
    """Chi-square test that ``counts`` come from a uniform distribution, at p = 0.001.

    The critical value uses the Wilson-Hilferty approximation (z = 3.09 for p = 0.001).
    """
    expected = sum(counts) / len(counts)
    statistic = sum((c - expected) ** 2 / expected for c in counts)
    k = len(counts) - 1
    critical = k * (1 - 2 / (9 * k) + 3.09 * (2 / (9 * k)) ** 0.5) ** 3
    return statistic < critical


@pytest.mark.parametrize("n_items", [3, 4, 5])
def test_shown_orders_carry_no_information_about_the_key(n_items: int) -> None:
    from itertools import permutations

    from edu_kit.quiz.model import Question
    from edu_kit.quiz.render import display_for

    key = tuple(f"event {i}" for i in range(n_items))
    question = Question("q-order", "ordering", "Put in order", tuple(reversed(key)), key)
    students = 120 * len(list(permutations(key)))  # 120 expected per order
    seen: dict[tuple[str, ...], int] = dict.fromkeys(permutations(key), 0)
    for k in range(students):
        seen[display_for(question, f"student-{k}").options] += 1
    assert seen[key] > 0  # the key order is shown too: no order is "the one never shown"
    counts = list(seen.values())
    assert _uniform(counts)
    assert not _uniform([*counts[:-1], 0])  # an order never shown is detected  # deterministic seeds: this cannot flake
    # the position of each key item in the shown order is uniform
    for item in key:
        where = [0] * n_items
        for order, count in seen.items():
            where[order.index(item)] += count
        assert _uniform(where)


def test_matching_orders_carry_no_information_about_the_key() -> None:
    from edu_kit.quiz.model import Question
    from edu_kit.quiz.render import display_for

    pairs = (("NRC", "Brussels"), ("SSD", "Geneva"), ("OSCE", "Vienna"))
    rights = tuple(r for _, r in pairs)
    question = Question("q-match", "matching", "Match", rights, pairs)
    together: dict[tuple[tuple[str, str], ...], int] = {}
    for k in range(6 * 6 * 60):
        d = display_for(question, f"student-{k}")
        zipped = tuple(zip(d.left, d.options, strict=True))
        together[zipped] = together.get(zipped, 0) + 1
    assert len(together) == 36  # every (left order, option order) pair, the key's included
    assert _uniform(list(together.values()))
    assert sum(count for z, count in together.items() if set(z) == set(pairs)) > 0
    assert not _uniform([5000] + [10] * 35)  # the test can fail


def _bank_of(*questions: str) -> str:
    return "bank: demo\ntitle: Demo\nquestions:\n" + "".join(questions)


def _single(qid: str, choices: str, answer: str, kind: str = "single") -> str:
    return (f"  - id: {qid}\n    type: {kind}\n    prompt: Which one?\n    choices: {choices}\n"
            f"    answer: {answer}\n    explanation: Because.\n    topics: [concepts]\n"
            "    difficulty: easy\n    reference: NATO member countries\n")


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (_single("o2", "['1994', '1997']", "['1994', '1997']", "ordering"),
         "an ordering of 2 items gives its key away"),
        (_single("m2", "[Geneva, Brussels]", "[[SSD, Geneva], [NRC, Brussels]]", "matching"),
         "a matching of 2 pairs gives its key away"),
        (_single("cyr", "[NATO, \"N\u0410TO\", CSTO]", "NATO"), "look the same"),
        (_single("greek", "[NATO, \"NAT\u039f\", CSTO]", "NATO"), "look the same"),
        (_single("zw", "[NATO, \"NA\u200bTO\", CSTO]", "NATO"), "invisible character (U+200B"),
        (_single("bidi", "[NATO, \"\u202eOTAN\", CSTO]", "NATO"), "invisible character (U+202E"),
        (_single("st", "[]", "[\"Min\u200bsk\"]", "short_text").replace("    choices: []\n", ""),
         "invisible character (U+200B"),
    ],
)
def test_suspicious_keys_are_refused(question: str, words: str) -> None:
    problems = check_text(_bank_of(question), path="b.yaml")
    assert any(words in p.message for p in problems), problems
    assert all(p.line is not None for p in problems)


def test_revealing_pairs_are_reported_and_never_drawn_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from edu_kit.quiz import load_bank
    from edu_kit.quiz.cells import select
    from edu_kit.quiz.leaks import revealing_pairs

    asks = ("  - id: ask\n    type: short_text\n    prompt: Which city hosted the talks of 10 January "
            "between the US and Russia?\n    answer: [Geneva]\n    explanation: Geneva.\n"
            "    topics: [timeline]\n    difficulty: easy\n    reference: State Department\n")
    tells = ("  - id: tells\n    type: true_false\n    prompt: The talks of 10 January between the US "
             "and Russia were held in Geneva.\n    answer: true\n    explanation: Yes.\n"
             "    topics: [timeline]\n    difficulty: easy\n    reference: State Department\n")
    other = _single("other", "[NATO, CSTO, OSCE]", "NATO").replace("[concepts]", "[timeline]")
    bank = tmp_path / "b.yaml"
    bank.write_text(_bank_of(asks, tells, other), encoding="utf-8")
    assert main(["quiz", "check", str(bank)]) == 0
    out = capsys.readouterr().err
    assert "b.yaml, line 4: warning: question 'tells' reveals the answer of 'ask'" in out
    loaded = load_bank(bank)
    for k in range(40):
        chosen, _ = select(loaded, topic="timeline", n=2, student=f"s{k}")
        assert {"ask", "tells"} - {q.id for q in chosen}
        assert len(chosen) == 2
    everything, _ = select(loaded, topic="timeline")
    assert len(everything) == 2
    assert not revealing_pairs(everything)
    assert len(select(loaded, ["ask", "tells"])[0]) == 2  # a teacher's explicit list is kept


def test_bundled_topic_quizzes_hold_no_revealing_pair() -> None:
    from edu_kit.quiz import TOPICS, load_bank
    from edu_kit.quiz.cells import select
    from edu_kit.quiz.leaks import revealing_pairs

    bank = load_bank()
    pairs = {(r.by, r.of) for r in revealing_pairs(bank.questions)}
    assert pairs  # the bank has such pairs ...
    for topic in TOPICS:
        for k in range(25):
            chosen, _ = select(bank, topic=topic, n=5, student=f"student-{k}")
            ids = {q.id for q in chosen}
            assert not {(a, b) for a, b in pairs if a in ids and b in ids}  # ... no quiz has one
            assert len(chosen) == 5


# ------------------------------------------------------------------------- $ and maths

DOLLARS = REPO_ROOT / "tests" / "data" / "dollars" / "bank.yaml"
MONEY = "$5bn and Russia gave $9bn"


def test_dollars_in_typeset_widgets_are_escaped_for_mathjax(tmp_path: Path) -> None:
    quiz = show(["dollars-multiple", "dollars-numeric"], bank=str(DOLLARS), log_dir=str(tmp_path), attempts=1,
                student="ana")
    assert isinstance(quiz, Quiz)
    descriptions = [c.description for c in quiz.items[0].controls]
    assert "\\$5bn and Russia gave \\$9bn" in descriptions  # MathJax shows \$ as $
    def labels(widget: object) -> list[str]:
        found = [widget.value] if type(widget).__name__ == "Label" else []  # type: ignore[attr-defined]
        for child in getattr(widget, "children", ()):
            found += labels(child)
        return found

    assert "\\$bn (US \\$)" in labels(quiz.items[1].box)
    quiz.items[0].controls[0].value = True  # the answer recorded is the choice's own text
    quiz.check(quiz.items[0])
    logged = load(tmp_path)["answer"].tolist()[0]
    assert all("\\" not in choice for choice in logged)
    assert "mathjax_ignore" in quiz._repr_mimebundle_()["text/html"]


def test_dataframes_and_figures_keep_dollars_literal() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.text import Text

    from edu_kit import quiz, views

    table = quiz.bank(str(DOLLARS))
    assert "mathjax_ignore" in table._repr_html_()
    assert MONEY in table["prompt"].iloc[0]  # the data itself is unchanged
    ax = views.plot_sources(corpus=load_corpus())
    assert all(not t.get_parse_math() for t in ax.findobj(Text))


# ----------------------------------------------------------------------------- a UTF-8 byte-order mark

BOM = "\ufeff".encode()


def _with_bom(path: Path) -> Path:
    path.write_bytes(BOM + path.read_bytes())
    return path


def _read_article(tmp_path: Path) -> object:
    (tmp_path / "a.txt").write_bytes(BOM + ARTICLE.encode())
    article = load_corpus(tmp_path).articles[0]
    return article.title, article.body.startswith("Talks open")


def _read_manifest(tmp_path: Path) -> object:
    folder = _folder(tmp_path, BOM + b"articles:\n  - file: a.txt\n    headline: From the manifest\n")
    return load_corpus(folder).articles[0].title


def _read_bank(tmp_path: Path) -> object:
    from edu_kit.quiz import load_bank

    source = sorted((REPO_ROOT / "quizzes" / "handwritten").glob("*.yaml"))[0]
    copy = tmp_path / source.name
    copy.write_bytes(BOM + source.read_bytes())
    return len(load_bank(copy).questions) == len(load_bank(source).questions)


def _read_gift(tmp_path: Path) -> object:
    from edu_kit.quiz import load_bank

    (tmp_path / "q.gift").write_bytes(BOM + b"::q1:: Who leads NATO? {=Stoltenberg ~Putin}\n")
    code = main(["quiz", "import", str(tmp_path / "q.gift"), "--topic", "concepts", "--out", str(tmp_path / "o.yaml")])
    return code == 0 and len(load_bank(tmp_path / "o.yaml").questions) == 1


def _read_log(tmp_path: Path) -> object:
    from edu_kit.results import answers_of

    _with_bom(record(tmp_path, Response("ana", "z", "q", "v", "A", True, 1.0, 1)))
    return len(load(tmp_path)), len(answers_of(tmp_path, "ana", "z"))


def _read_marks(tmp_path: Path) -> object:
    from edu_kit.classroom.open_answers import read_marks

    (tmp_path / "m.csv").write_bytes(BOM + b"student,quiz,question,mark,max\nana,z,q,1,1\n")
    return len(read_marks(tmp_path / "m.csv"))


def _read_assignment(tmp_path: Path) -> object:
    from edu_kit.classroom.assignments import load_assignment

    (tmp_path / "a.yaml").write_bytes(BOM + b"id: week3\ntitle: Week 3\ntopic: timeline\nn: 2\nmode: exam\n")
    return load_assignment(tmp_path / "a.yaml").id


def _read_gold(tmp_path: Path) -> object:
    from edu_kit.corpus import load_corpus as corpus_of
    from edu_kit.evaluation import score_gold

    for gold in sorted((REPO_ROOT / "tests" / "gold").glob("00[01].json")):
        (tmp_path / gold.name).write_bytes(BOM + gold.read_bytes())
    return bool(score_gold(tmp_path, corpus_of()))


BOM_READERS = {
    "article": (_read_article, ("Talks open", True)),
    "manifest": (_read_manifest, "From the manifest"),
    "bank": (_read_bank, True),
    "GIFT import": (_read_gift, True),
    "log": (_read_log, (1, 1)),
    "marks CSV": (_read_marks, 1),
    "assignment YAML": (_read_assignment, "week3"),
    "gold JSON": (_read_gold, True),
}


@pytest.mark.parametrize(("read", "expected"), BOM_READERS.values(), ids=list(BOM_READERS))
def test_a_file_with_a_utf8_bom_reads_as_without(tmp_path: Path, read: Any, expected: object,
                                                  recwarn: pytest.WarningsRecorder) -> None:
    assert read(tmp_path) == expected
    assert not [w for w in recwarn if issubclass(w.category, ResponseLogWarning)]


# ----------------------------------------------------------------------------- issue 16, atk4 A2 and A3


def _log_line(student: str, question: str = "q0", **kw: object) -> bytes:
    from dataclasses import asdict

    return json.dumps(asdict(_response(student=student, question=question, **kw))).encode()


def _found_by_load(tmp_path: Path, name: str) -> object:
    (tmp_path / name).write_bytes(_log_line("bob") + b"\n")
    return sorted(load(tmp_path)["student"])


def _found_by_collected(tmp_path: Path, name: str) -> object:
    from edu_kit.classroom.collected import load_collected

    responses = tmp_path / "submitted" / "bob" / "week3" / "responses"
    responses.mkdir(parents=True)
    (responses / name).write_bytes(_log_line("bob") + b"\n")
    return sorted(load_collected(tmp_path / "submitted", "week3")["student"])


def _found_by_plain_submitted(tmp_path: Path, name: str) -> object:
    from edu_kit.classroom.collected import load_collected

    (tmp_path / "submitted").mkdir()
    (tmp_path / "submitted" / name).write_bytes(_log_line("bob") + b"\n")
    return sorted(load_collected(tmp_path / "submitted")["student"])


def _found_by_exam_lock(tmp_path: Path, name: str) -> object:
    from edu_kit.results import answers_in

    (tmp_path / name).write_bytes(_log_line("bob", exam=True) + b"\n")
    return sorted(str(row["student"]) for row in answers_in(tmp_path, "z", exam=True))


def _found_in_hidden_folder(tmp_path: Path, name: str) -> object:
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / name).write_bytes(_log_line("bob") + b"\n")
    with pytest.warns(ResponseLogWarning, match="hidden folder"):
        return sorted(load(tmp_path)["student"]) or ["bob (named)"]


def _found_by_cli(tmp_path: Path, name: str) -> object:
    import contextlib
    import io

    (tmp_path / name).write_bytes(_log_line("bob") + b"\n")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["results", str(tmp_path)])
    return ["bob"] if "bob" in out.getvalue() else []


LOG_FINDERS = {
    "load": (_found_by_load, ["bob"]),
    "nbgrader tree": (_found_by_collected, ["bob"]),
    "plain submitted folder": (_found_by_plain_submitted, ["bob"]),
    "exam lock": (_found_by_exam_lock, ["bob"]),
    "hidden folder": (_found_in_hidden_folder, ["bob (named)"]),
    "edu-kit results": (_found_by_cli, ["bob"]),
}


@pytest.mark.parametrize("name", ["Bob.JSONL", "Bob.Jsonl", "bob.jsonL"])
@pytest.mark.parametrize(("find", "expected"), LOG_FINDERS.values(), ids=list(LOG_FINDERS))
def test_a_log_named_in_upper_case_is_found(tmp_path: Path, find: Any, expected: object, name: str) -> None:
    """atk4 A2: ``Bob.JSONL`` (copied from Windows, a FAT stick) was skipped without a word."""
    assert find(tmp_path, name) == expected


LINE_ENDS = {"LF": b"\n", "CRLF": b"\r\n", "CR": b"\r"}


@pytest.mark.parametrize("end", LINE_ENDS.values(), ids=list(LINE_ENDS))
def test_any_line_end_reads_every_record_and_names_the_right_line(tmp_path: Path, end: bytes) -> None:
    """atk4 A3: a log whose lines end in a bare CR lost every record, blamed on "a crash"."""
    lines = [_log_line("cr", "q1"), b'{"not": "a record"}', _log_line("cr", "q3"), b"", _log_line("cr", "q5")]
    (tmp_path / "cr.jsonl").write_bytes(end.join(lines) + end)
    with pytest.warns(ResponseLogWarning) as caught:
        log = load(tmp_path)
    assert log["question"].tolist() == ["q1", "q3", "q5"]
    assert log["line"].tolist() == [1, 3, 5]
    said = [str(w.message) for w in caught]
    assert len(said) == 1
    assert "cr.jsonl, line 2: missing" in said[0]
    assert "crash" not in said[0]


@pytest.mark.parametrize("end", LINE_ENDS.values(), ids=list(LINE_ENDS))
def test_any_line_end_keeps_the_quiz_reading_its_log(tmp_path: Path, end: bytes) -> None:
    from edu_kit.results import read_answers

    path = log_path(tmp_path, "ana")
    broken = b'{"quiz": "z", "broken'
    path.write_bytes(end.join([_log_line("ana", "q1"), broken, _log_line("ana", "q3")]) + end)
    rows, problems = read_answers(tmp_path, "ana", "z")
    assert [row["question"] for row in rows] == ["q1", "q3"]
    assert len(problems) == 1
    assert ", line 2: not valid JSON" in problems[0]
    record(tmp_path, _response(0, student="ana", question="q4"))  # appended after the odd line end
    assert [row["question"] for row in read_answers(tmp_path, "ana", "z")[0]] == ["q1", "q3", "q4"]
