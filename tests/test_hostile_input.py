"""Issue 16, crashes: every hostile input gives a clear message naming file and line.

Each case here crashed with a traceback before (ValueError, TypeError, OverflowError,
ReaderError, RecursionError, a hang on a FIFO, all memory on /dev/zero).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from edu_kit.cli import main
from edu_kit.corpus import load_corpus
from edu_kit.corpus.loading import read_corpus
from edu_kit.errors import ArticleError
from edu_kit.export import extraction
from edu_kit.quiz import BankMessage, check_text, show

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
    "huge integer": (BANK.format(extra="", value="1" + "0" * 400), 8, "more than 15 digits"),
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
