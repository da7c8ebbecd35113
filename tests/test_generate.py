"""The generated question bank: coverage, determinism, freshness, and no ambiguity."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from edu_kit import load_corpus
from edu_kit.facts import corpus_facts, crosscheck
from edu_kit.quiz import check_bank, load_bank
from edu_kit.quiz.generate import build_bank, build_bank_text, supported_distractors
from edu_kit.quiz.model import Question

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "quizzes" / "generated" / "seeds.yaml"


@pytest.fixture(scope="module")
def questions() -> tuple[Question, ...]:
    return build_bank(load_corpus())


def test_generated_families_are_the_kept_ones_and_every_question_has_rule_fields(
    questions: tuple[Question, ...]
) -> None:
    assert len(questions) >= 12
    families = Counter(q.family for q in questions)
    assert set(families) <= {"gen-who", "gen-whoname", "gen-order", "gen-match", "gen-conflict",
                             "gen-spelling", "gen-record"}
    assert families["gen-record"] >= 3
    retired = ("gen-outlet-", "gen-concept-", "gen-when-", "gen-side-", "gen-number-")
    assert not [q.id for q in questions if q.id.startswith(retired)]
    for q in questions:
        assert q.taught_in, q.id
        assert q.difficulty == {"gen-order": "easy", "gen-conflict": "hard", "gen-record": "hard"}.get(
            str(q.family), "medium"), q.id


def test_generated_questions_pass_every_gate(questions: tuple[Question, ...]) -> None:
    from edu_kit.quiz.gates import key_share_issues, question_issues

    assert {q.id: question_issues(q) for q in questions if question_issues(q)} == {}
    assert key_share_issues(questions, min_questions=3) == []


def test_disputed_quotations_are_never_keyed_to_one_speaker(questions: tuple[Question, ...]) -> None:
    keyed = " ".join(q.prompt + str(q.answer) for q in questions if q.family in ("gen-who", "gen-whoname", "gen-match"))
    for words in ("NATO allies agree that any further aggression", "We call on Russia to return to diplomacy",
                  "Since 2014, since the start of the war", "Russia itself is paving"):
        assert words not in keyed


def test_generation_is_deterministic() -> None:
    assert build_bank_text(load_corpus()) == build_bank_text(load_corpus())


def test_committed_bank_is_up_to_date() -> None:
    """Fails when the extraction changed: run `edu-kit quiz build --out quizzes/generated/seeds.yaml`."""
    assert COMMITTED.read_text(encoding="utf-8") == build_bank_text(load_corpus())


def test_committed_bank_passes_the_checker_with_sources_in_the_corpus() -> None:
    assert check_bank([COMMITTED], corpus=load_corpus()) == ()
    assert len(load_bank([COMMITTED]).questions) >= 12


def test_no_distractor_is_supported_by_the_facts(questions: tuple[Question, ...]) -> None:
    facts = corpus_facts(load_corpus())
    ambiguous = {q.id: supported_distractors(q, facts) for q in questions}
    assert {k: v for k, v in ambiguous.items() if v} == {}


def test_conflicting_quotations_become_source_criticism_questions(questions: tuple[Question, ...]) -> None:
    report = crosscheck(load_corpus())
    conflicted = {c.first.id for c in report.conflicts} | {c.second.id for c in report.conflicts}
    who = {q.fact for q in questions if q.id.startswith(("gen-who-", "gen-side-", "gen-whoname-"))}
    assert not who & conflicted
    criticism = [q for q in questions if q.id.startswith("gen-conflict-")]
    assert {q.fact for q in criticism} >= {c.first.id for c in report.conflicts}


def test_scholz_and_stoltenberg_near_identical_words_are_never_a_who_said_question(questions: tuple[Question, ...]) -> None:
    for q in questions:
        if q.id.startswith("gen-who-") and "We call on Russia to return to diplomacy" in q.prompt:
            pytest.fail(f"{q.id} asks who said words that two speakers said")


def test_every_generated_question_from_an_article_carries_its_source_sentence(questions: tuple[Question, ...]) -> None:
    corpus = load_corpus()
    for q in questions:
        if q.fact is not None and q.fact.startswith(("quote-", "event-")):
            assert q.sources, q.id
        for source in q.sources:
            assert corpus[source.article].body[source.start : source.end] == source.sentence


def test_who_said_distractors_are_of_the_same_kind(questions: tuple[Question, ...]) -> None:
    from edu_kit.knowledge import load_knowledge

    kb = load_knowledge()
    for q in questions:
        if q.id.startswith("gen-who-"):
            kinds = {"person" if kb.person(c) else "organization" for c in q.choices}
            assert len(kinds) == 1, q.id


def test_a_conflict_explanation_names_each_articles_speaker() -> None:
    """Blind review P8: the key said "002 and 004 ... to Stoltenberg and to Scholz" (reversed)."""
    from edu_kit.quiz import load_bank

    q = load_bank()["gen-conflict-tf-quote-002-2732-2852"]
    assert "Article 002 gives these words to Olaf Scholz; article 004" in (q.explanation or "")
    assert "copied carelessly" not in (q.explanation or "")
