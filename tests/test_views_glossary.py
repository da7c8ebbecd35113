"""The glossary and the plain-language passages (edu_kit.views.glossary)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edu_kit import load_corpus
from edu_kit.errors import ChoiceError, EduKitError
from edu_kit.knowledge import load_knowledge
from edu_kit.views import glossary, plain_passages
from edu_kit.views.glossary import Passage, Term, glossary_markdown, load_glossary

GLOSSARY = load_glossary()
CORPUS = load_corpus()
DOCS = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"
REQUIRED = [
    "sovereignty",
    "annexation",
    "deterrence",
    "de-escalation",
    "map",
    "collective-defence",
    "sphere-of-influence",
    "indivisible-security",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_issue_terms_are_there() -> None:
    ids = [t.id for t in GLOSSARY.terms]
    assert set(REQUIRED) <= set(ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("term", GLOSSARY.terms, ids=lambda t: t.id)
def test_each_term_is_complete_and_its_quotes_are_real(term: Term) -> None:
    assert term.simple
    assert term.meaning
    assert len(term.simple.split()) <= 35, "the plain version stays short"
    for article, words in term.in_texts:
        assert _flat(words) in _flat(CORPUS[article].body), f"{term.id}: {words!r} is not in article {article}"
    if term.concept:
        assert term.concept in {c.id for c in load_knowledge().concepts}
    for citation in term.sources:
        assert citation.url.startswith("https://")
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", citation.date)


def test_terms_that_state_facts_cite_a_document() -> None:
    # a year or a number in the explanation is a fact: it needs a source, a seed
    # article quoted in in_texts, or a knowledge-base card that carries the citation
    for term in GLOSSARY.terms:
        if re.search(r"\b(1[89]\d\d|20\d\d)\b", term.meaning):
            assert term.sources or term.in_texts or term.concept, term.id


@pytest.mark.parametrize("passage", GLOSSARY.passages, ids=lambda p: p.id)
def test_passages_quote_the_article_exactly(passage: Passage) -> None:
    assert _flat(passage.original) in _flat(CORPUS[passage.article].body)
    assert passage.plain != passage.original
    assert len(passage.plain.split()) <= len(passage.original.split()) * 1.6


def test_views_show_and_select() -> None:
    chosen = glossary(["deterrence", "map"])
    assert [t.id for t in chosen.terms] == ["deterrence", "map"]
    markup = chosen._repr_html_()
    assert "id='ek-glossary-map'" in markup
    assert "official_texts_27444" in markup
    assert "deterrence" in str(chosen)
    assert list(GLOSSARY.frame().columns) == ["id", "term", "simple", "meaning", "concept", "sources"]
    assert {p.article for p in plain_passages("002")} == {"002"}
    assert "Plain English" in str(plain_passages("001")[0])
    with pytest.raises(ChoiceError, match="glossary term 'detterence'"):
        glossary(["detterence"])


def test_docs_page_is_the_generated_one() -> None:
    assert DOCS.read_text(encoding="utf-8") == glossary_markdown(), (
        "docs/glossary.md is out of date: regenerate it with "
        "python -c \"from edu_kit.views.glossary import glossary_markdown as g; open('docs/glossary.md','w').write(g())\""
    )


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("terms: [\n", "not valid YAML", 2),
        ("words: []\n", "no 'terms:' list", 1),
        ("terms:\n  - id: a\n    term: A\n    simple: s\n", "no text for 'meaning'", 2),
        (
            "terms:\n  - {id: a, term: A, simple: s, meaning: m}\n  - {id: a, term: B, simple: s, meaning: m}\n",
            "used twice",
            3,
        ),
        (
            "terms:\n  - {id: a, term: A, simple: s, meaning: m, sources: [{title: T, issuer: I}]}\n",
            "lacks date, url",
            2,
        ),
    ],
)
def test_bad_glossary_files_name_file_and_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    bad = tmp_path / "glossary.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(EduKitError, match=message) as info:
        load_glossary(bad)
    assert info.value.path == str(bad)
    assert info.value.line == line
