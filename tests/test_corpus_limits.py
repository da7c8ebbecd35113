"""The size limit of one article (edu_kit/corpus/limits.py) and the manifest's YAML
messages: a bad limit from any of the three places it may come from is refused with a
message naming the value, the allowed range and how to set the limit; never a traceback,
never a limit that silently means something else (attack 16-2, findings 16-19 and 27)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from edu_kit.cli import main
from edu_kit.corpus import load_corpus
from edu_kit.corpus.limits import LIMIT_ENV, MAX_ARTICLE_BYTES, article_limit
from edu_kit.corpus.loading import read_corpus
from edu_kit.errors import ArticleError

ARTICLE = "Talks open\n\nNATO met Russia in Brussels on 12 January 2022.\n"
BAD_MEGABYTES = ["inf", "-inf", "1e400", "nan", "0", "-1", "-0.5", "1e308", "abc", "10 MB", "0x10"]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _says_what_to_do(message: str, value: str) -> None:
    assert repr(value) in message or value in message  # the value given
    for words in ("finite number of", "greater than 0"):  # the allowed range
        assert words in message
    for words in ("--max-mb", LIMIT_ENV, "max_bytes"):  # how to set it
        assert words in message
    assert "Traceback" not in message


@pytest.mark.parametrize("value", BAD_MEGABYTES)
def test_bad_max_mb_option_is_refused_by_name(article: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(article), f"--max-mb={value}"]) == 2
    err = capsys.readouterr().err
    assert f"--max-mb is {value!r}" in err
    _says_what_to_do(err, value)


@pytest.mark.parametrize("value", BAD_MEGABYTES)
def test_bad_environment_limit_is_refused_by_name(
    article: Path, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(LIMIT_ENV, value)
    assert main(["extract", str(article)]) == 2
    err = capsys.readouterr().err
    assert f"${LIMIT_ENV} is {value!r}" in err
    assert "larger than the limit" not in err  # the setting is the problem, not the article
    _says_what_to_do(err, value)
    assert main(["extract", str(article), "--keep-going"]) == 2  # not a problem of one file


@pytest.mark.parametrize("value", ["5", b"5", True, None, [5], 0, -5, 0.0, float("inf"), float("nan"), 1e400, 10**400,
                                   -(10**400), Decimal("sNaN"), Decimal("-1"), Decimal("1e400"), Fraction(10**400, 3)])
def test_bad_max_bytes_is_an_article_error(article: Path, value: object) -> None:
    if value is None:  # None means "the default": accepted
        assert len(load_corpus(str(article), max_bytes=value)) == 1
        return
    for load in (load_corpus, read_corpus):
        with pytest.raises(ArticleError) as caught:
            load(str(article), max_bytes=value)  # type: ignore[arg-type]  # the wrong types are the test
        assert f"max_bytes is {repr(value)[:40]}" in str(caught.value)  # a long value is cut
        assert "bytes greater than 0" in str(caught.value)


@pytest.mark.parametrize(("value", "limit"), [(7, 7), (2.5, 3), (Fraction(1, 2), 1), (Decimal("5"), 5), (2**62, 2**62)])
def test_any_kind_of_positive_finite_number_is_a_limit(value: object, limit: int) -> None:
    assert article_limit(value) == limit


def test_an_option_wins_over_the_environment_and_the_environment_over_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(LIMIT_ENV, raising=False)
    assert article_limit() == MAX_ARTICLE_BYTES
    monkeypatch.setenv(LIMIT_ENV, " 2 ")
    assert article_limit() == 2 * 1024 * 1024
    assert article_limit(max_mb="0.5") == 512 * 1024
    assert article_limit(7, max_mb="0.5") == 7
    monkeypatch.setenv(LIMIT_ENV, "inf")
    assert article_limit(max_mb="1") == 1024 * 1024  # the option given, the bad setting not used


def test_a_tiny_limit_is_at_least_one_byte_and_said_in_bytes(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert article_limit(max_mb="0.0000001") == 1
    assert article_limit(0.5) == 1
    assert main(["extract", str(article), "--max-mb", "0.0000001"]) == 2
    assert "larger than the limit of 1 byte for one article" in capsys.readouterr().err


def test_a_large_finite_limit_reads_the_article(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMIT_ENV, "1e12")
    assert len(load_corpus(str(article))) == 1
    assert main(["extract", str(article), "--max-mb", "1e6", "--format", "csv"]) == 0


@pytest.mark.parametrize(
    ("manifest", "line", "words"),
    [
        ("x: &a a.txt\narticles:\n  - file: *a\n", 3, "aliases (*name) are not allowed in an article manifest (articles.yaml)"),
        ("base: &b {outlet: X}\narticles:\n  - file: a.txt\n    <<: *b\n", 4, "not allowed in an article manifest"),
    ],
)
def test_manifest_yaml_problems_name_the_manifest_not_quiz_banks(
    article: Path, manifest: str, line: int, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (article.parent / "articles.yaml").write_text(manifest, encoding="utf-8")
    assert main(["extract", str(article.parent)]) == 2
    err = capsys.readouterr().err
    assert f"articles.yaml, line {line}: the manifest is not valid YAML" in err
    assert words in err
    assert "quiz bank" not in err
    assert "write the value out in full" in err
