"""Facts with provenance and the cross-source checks."""

from __future__ import annotations

import pytest

from edu_kit import load_corpus
from edu_kit.annotate import annotate
from edu_kit.corpus import Corpus, parse_article
from edu_kit.facts import article_facts, conflicts, corpus_facts, crosscheck, quote_similarity, support


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return crosscheck(load_corpus())


def test_every_fact_points_at_its_sentence() -> None:
    corpus = load_corpus()
    for fact in corpus_facts(corpus):
        body = corpus[fact.article].body
        assert body[fact.sentence_start : fact.sentence_end] == fact.sentence
        assert fact.sentence_start <= fact.start < fact.end <= fact.sentence_end or fact.kind == "quote"


def test_fact_ids_are_stable_and_unique() -> None:
    first = [f.id for f in corpus_facts(load_corpus())]
    second = [f.id for f in corpus_facts(load_corpus())]
    assert first == second
    assert len(set(first)) == len(first)


def test_captions_and_links_are_kept_out_of_facts() -> None:
    article = load_corpus()["000"]
    facts = article_facts(article, annotate(article))
    assert all(f.where == "text" for f in facts)
    assert not any("Olivier Hoslet" in f.sentence for f in facts)


def test_caption_conflict_in_seed_000_is_reported(report) -> None:  # type: ignore[no-untyped-def]
    pairs = {(c.first.article, c.first.subject, c.second.article, c.second.subject) for c in report.conflicts}
    assert ("000", "Jens Stoltenberg", "000", "Volodymyr Zelensky") in pairs


def test_same_words_two_speakers_two_days_is_reported(report) -> None:  # type: ignore[no-untyped-def]
    (conflict,) = [c for c in report.conflicts if {c.first.article, c.second.article} == {"002", "004"}]
    assert {conflict.first.subject, conflict.second.subject} == {"Olaf Scholz", "Jens Stoltenberg"}
    assert conflict.same_day is False
    assert "Scholz" in conflict.explanation


def test_scholz_misspellings_are_reported(report) -> None:  # type: ignore[no-untyped-def]
    (scholz,) = [v for v in report.variants if v.name == "Olaf Scholz"]
    assert set(scholz.misspellings) == {"Olaf Schulz", "Schultz"}


def test_transliterations_are_reported(report) -> None:  # type: ignore[no-untyped-def]
    names = {v.name: {s for s, _, _ in v.spellings} for v in report.variants}
    assert {"Zelensky", "Volodymyr Zelenskyy"} <= names["Volodymyr Zelensky"]
    assert {"Kiev", "Kyiv"} <= names["Kyiv"]


def test_unknown_near_spelling_of_a_known_person_is_reported() -> None:
    article = parse_article("Chancellor Olaf Scholtz met Biden.", id="t", published="2021-12-12")
    other = parse_article("Olaf Scholz met Macron.", id="u", published="2021-12-12")
    from edu_kit.facts import variants

    found = variants([("t", annotate(article).mentions), ("u", annotate(other).mentions)])
    (scholz,) = [v for v in found if v.name == "Olaf Scholz"]
    assert "Olaf Scholtz" in scholz.misspellings


def test_support_separates_shared_from_single_source_facts(report) -> None:  # type: ignore[no-untyped-def]
    by_key = {(s.kind, s.key): s for s in report.support}
    assert by_key[("event", "2022-01-12")].articles == ("001", "003")
    assert by_key[("event", "2021-12-16")].articles == ("000", "004")
    assert by_key[("event", "2021-12-08")].n_articles == 1


def test_quote_similarity() -> None:
    assert quote_similarity("We call on Russia to de-escalate.", "We call on Russia to de-escalate.") == 1.0
    assert quote_similarity("We call on Russia.", "Ukraine will decide.") < 0.3


def test_same_speaker_same_words_is_support_not_conflict() -> None:
    a = parse_article('"We will never accept spheres of influence in Europe," Stoltenberg said.', id="a", published="2022-01-07")
    b = parse_article('"We will never accept spheres of influence in Europe," Stoltenberg said.', id="b", published="2022-01-08")
    facts = [*article_facts(a, annotate(a)), *article_facts(b, annotate(b))]
    assert conflicts(facts) == ()
    quote_groups = [s for s in support(facts) if s.kind == "quote"]
    assert [s.articles for s in quote_groups] == [("a", "b")]


# --- the date of an event vs a date it only mentions ---------------------------------------


@pytest.mark.parametrize(
    ("article", "expression", "words", "event_date", "dated_by"),
    [
        # The Foreign Ministry's call of December 2021 to rescind "the 2008 declaration".
        ("002", "2008", "Russian Foreign Ministry said", "2021-12-10", "published"),
        # "$2.5 billion to bolster an army that collapsed ... in 2014": a commitment standing in Dec 2021.
        ("002", "2014", "$2.5 billion", "2021-12-10", "published"),
        # "Schultz, who took office on Wednesday ..., also warned Russia".
        ("002", "Wednesday", "who took office", "2021-12-10", "published"),
        # "On Wednesday, Russia handed ... to Donfried, who then came to NATO ... on Thursday".
        ("000", "Thursday", "who then came", "2021-12-15", "sentence"),
        # "The Kremlin rolled out a proposal ahead of the 12 January meeting".
        ("003", "12 January", "rolled out a proposal", "2022-01-07", "published"),
    ],
)
def test_a_date_only_mentioned_is_kept_apart_from_the_date_of_the_event(
    corpus: Corpus, article: str, expression: str, words: str, event_date: str, dated_by: str
) -> None:
    facts = [
        f
        for f in corpus_facts(corpus)
        if f.kind == "event" and f.article == article and words in f.sentence
        and corpus[article].body[f.start : f.end] == expression
    ]
    assert len(facts) == 1
    (fact,) = facts
    assert fact.mentioned
    assert (fact.event_date, fact.dated_by) == (event_date, dated_by)
    assert fact.date != fact.event_date  # the date named stays on the fact, as evidence


@pytest.mark.parametrize(
    ("article", "expression", "value"),
    [("002", "today", "2021-12-10"), ("001", "January 12", "2022-01-12"), ("004", "Thursday, December 16, 2021", "2021-12-16")],
)
def test_a_date_that_dates_the_event_is_the_event_date(corpus: Corpus, article: str, expression: str, value: str) -> None:
    facts = [f for f in corpus_facts(corpus) if f.kind == "event" and f.article == article and corpus[article].body[f.start : f.end] == expression]
    assert facts
    assert all((f.event_date, f.dated_by, f.mentioned) == (value, "text", False) for f in facts)


@pytest.mark.parametrize(
    ("spelling", "articles"),
    [("Volodymyr Zelenskyy", "004"), ("Zelensky", "000"), ("Volodymyr Zelensky", "000"), ("Kiev", "000, 003"), ("Kyiv", "001")],
)
def test_variants_table_lists_the_articles_of_each_spelling(corpus: Corpus, spelling: str, articles: str) -> None:
    from edu_kit.tables import variants_table

    table = variants_table(corpus)
    row = table[table["spelling"] == spelling]
    assert row["articles"].tolist() == [articles]
