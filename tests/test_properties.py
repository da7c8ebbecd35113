"""Property-based tests: no input, however malformed, crashes the loader or the extractors.

The loader either returns an article or raises ArticleError (with a file name in the
message); the extractors never raise, and every offset they return points into the body.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edu_kit.annotate import annotate
from edu_kit.corpus import load_article, parse_article
from edu_kit.errors import ArticleError
from edu_kit.facts import article_facts

# Text built from the pieces that matter to the rules: quotation marks, apostrophes,
# dashes, colons, line breaks, names, role phrases, weekdays, months and numbers.
PIECES = st.sampled_from(
    [
        '"', "“", "”", "«", "»", "„", "‘", "’", "'", " – ", " — ", ": ", ", ", ". ", "\n", "\n\n", "\r\n", "\t",
        "Stoltenberg", "Zelensky", "the Kremlin", "NATO", "the secretary-general", "he said", "she said", "said",
        "according to", "the statement read", "Wednesday", "on Monday", "16 December", "January 11-12",
        "from 10 to 13 January", "2008", "this week", "today", "Olivier Hoslet", "Minister Edgars Rinkevics",
        "READ MORE: ", "Source: ", "(Photo: Jane Doe / Agency)", "Title: x", "---", "\x00", "\ufeff", "é", "Ж",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join),
)
DATES = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


def _check(article_text: str, published: str | None) -> None:
    article = parse_article(article_text, id="t", published=published)
    notes = annotate(article)
    body = article.body
    for quote in notes.quotes:
        assert 0 <= quote.start <= quote.end <= len(body)
    for expression in notes.dates:
        assert body[expression.start : expression.end] == expression.text
    for mention in notes.mentions:
        assert body[mention.start : mention.end] == mention.text
    for fact in article_facts(article, notes):
        assert body[fact.sentence_start : fact.sentence_end] == fact.sentence


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, DATES)
def test_extraction_never_raises(text: str, published: str | None) -> None:
    _check(text, published)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.binary(max_size=600) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_loader_returns_an_article_or_a_clear_error(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path: Path = tmp_path_factory.mktemp("prop") / "article.txt"
    path.write_bytes(data)
    try:
        article = load_article(path)
    except ArticleError as error:
        message = str(error)
        assert str(path) in message
        assert "What to do:" in message
        return
    assert article.body.strip()
    _check(article.body, article.published.isoformat() if article.published else None)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Title: A", "Outlet: B", "Published: 2022-01-10", "URL: u", "Nonsense", "", "---", "Body text."]), max_size=8))
def test_headers_in_any_order(lines: list[str]) -> None:
    from edu_kit.corpus.reading import parse_text

    text = "\n".join(lines) or "x"
    try:
        parsed = parse_text(text, "h.txt")
    except ArticleError as error:
        assert str(error).startswith("h.txt")  # noqa: PT017 - either outcome is valid
        return
    assert set(parsed.meta) <= {"title", "outlet", "published", "url"}


def test_huge_file_loads(tmp_path: Path) -> None:
    paragraph = '"We will not compromise," Stoltenberg said on Wednesday, 16 December. ' * 20
    path = tmp_path / "huge.txt"
    path.write_text("\n\n".join([paragraph] * 500), encoding="utf-8")
    article = load_article(path)
    assert len(article.paragraphs) == 500
    assert len(annotate(article).quotes) == 500 * 20
