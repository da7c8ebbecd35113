"""Work grows linearly with the text (issue 16): counted in steps, never timed.

A test may not assert on time (machines here are shared and noisy), so these count the
lines of edu_kit's own Python that run (``sys.settrace``): a deterministic measure of
work.  Growing a text four times must grow the steps about four times; a loop that
rescans what came before (quadratic) grows them sixteen times.  Scans inside C
(regular expressions over the whole text) are not counted here:
``benchmarks/bench_scaling.py`` times those, from 1 KB to 10 MB.

Equivalence tests check that each rewritten loop gives what the scan it replaced gave.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import edu_kit
from edu_kit.annotate import annotate
from edu_kit.annotate.dates import _Tense
from edu_kit.annotate.quotes import _DETERMINER_BEFORE, _determiner_before
from edu_kit.corpus import parse_article
from edu_kit.export import SENTENCE_MAX_CHARS, extraction
from edu_kit.facts import article_facts

PACKAGE = str(Path(edu_kit.__file__).parent)


def _steps(run: Callable[[], object]) -> int:
    """Lines of edu_kit code executed by ``run()``."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        run()
    finally:
        sys.settrace(previous)
    return count


def _pipeline(text: str) -> Callable[[], object]:
    def run() -> object:
        article = parse_article(text, id="x", published="2022-01-12")
        return article_facts(article, annotate(article))
    return run


# The inputs of the attack on issue 16 (and neighbours found while fixing them): each
# took time growing with the square of its length.
WORKLOADS = {
    "dates in one sentence (facts)": "on 10 January 2022, ",
    "opening marks": '"a ',
    "name said + mark": 'Stoltenberg said "x ',
    "it said + mark": 'It said "x ',
    "body named, then it said": 'NATO met. It said "x ',
    "weekdays in one long sentence (tense)": "Stoltenberg, who met him on Monday, said that ",
    "quotation paragraphs": '"x."\n\n',
    # attack 16-2: plain dates without commas in one sentence (facts), a quotation mark
    # opening every paragraph
    "weekdays in one sentence (facts)": "Monday ",
    "years in one sentence (facts)": "2022 ",
    "day and month in one sentence (facts)": "1 January ",
    "a mark opening every paragraph": "\u201cabc\n\n",
    # attack 16-3 (N19): question and answer labels with nobody named before them (each
    # label looked for the interviewee in every paragraph before it)
    "Q/A labels naming nobody": "Q: Why?\n\nA: Because.\n\n",
    # … and naming someone: each mention was compared with every label, each quotation with every turn
    "Q/A labels naming someone": "Q: Why did Stoltenberg go?\n\nA: Because.\n\n",
}


@pytest.mark.parametrize("unit", WORKLOADS.values(), ids=list(WORKLOADS))
def test_work_grows_linearly(unit: str) -> None:
    # past 600 characters of clause before a quotation (the window rule 4 reads), so
    # that per-quotation work has stopped growing
    small = unit * (3000 // len(unit) + 1)
    large = small * 4
    annotate(parse_article("Warm-up. NATO met on Monday.", id="w"))  # load the knowledge base first
    ratio = _steps(_pipeline(large)) / _steps(_pipeline(small))
    assert ratio < 6, f"4x the text took {ratio:.1f}x the steps (linear: 4, quadratic: 16)"


AFTER_CAPTIONS = {
    "credits, then quotations": lambda n: "He said:\n\n" + "Photo: x\n\n" * n + "\u201ca.\u201d " * n,
    "captions each with a quotation": lambda n: "He said:\n\n" + "\u201cabc\u201d (Photo: x)\n\n" * n,
    "credits, then a quotation per paragraph": lambda n: "He said:\n\n" + "Photo: x\n\n" * n + "\u201ca.\u201d\n\n" * n,
}


@pytest.mark.parametrize("text", AFTER_CAPTIONS.values(), ids=list(AFTER_CAPTIONS))
def test_quotations_after_a_run_of_captions_grow_linearly(text: Callable[[int], str]) -> None:
    """Each quotation looks for the text paragraph before its own, across photo credits
    and captions: found once per paragraph, not by walking back per quotation."""
    annotate(parse_article("Warm-up. NATO met on Monday.", id="w"))
    ratio = _steps(_pipeline(text(1000))) / _steps(_pipeline(text(250)))
    assert ratio < 6, f"4x the text took {ratio:.1f}x the steps (linear: 4, quadratic: 16)"


@pytest.mark.parametrize("unit", ['"x," said ', '"x," said "y," said ', 'It said "x ', 'Peskov also said "x, '])
def test_each_verb_before_many_quotations_is_read_once(unit: str) -> None:
    """Attack atk4 (A4): in one long sentence of short quotations and speech verbs, each
    quotation asked of each of the ~120 verbs in its 600-character clause whether it has a
    subject, by a regular-expression search from the clause's start: about 2,900 steps
    per quotation ('"x," said ' took 3.5 million steps for 12,000 characters, 10 MB about
    half an hour).  Each verb's subject is now found once for the text."""
    annotate(parse_article("Warm-up. NATO met on Monday.", id="w"))
    text = unit * (12000 // len(unit) + 1)
    quotations = len(text) // len(unit) * unit.count('"') // 2 or 1
    per_quotation = _steps(_pipeline(text)) / quotations
    assert per_quotation < 1500, f"{per_quotation:.0f} steps per quotation"


def test_extract_output_grows_linearly_with_dates_in_one_sentence() -> None:
    """Each date prints its sentence: of a run-on sentence, only the part around the date."""
    article = parse_article("on 10 January 2022, " * 400, id="x", published="2022-01-12")
    document = extraction(edu_kit.corpus.Corpus((article,)))
    dates = document["articles"][0]["dates"]
    assert len(dates) == 400
    assert all(len(d["sentence"]) <= SENTENCE_MAX_CHARS + 2 for d in dates)
    assert all(d["text"] in d["sentence"] for d in dates)


def test_short_sentences_are_printed_whole() -> None:
    seeds = edu_kit.load_corpus()
    document = extraction(seeds)
    for article, data in zip(seeds, document["articles"], strict=True):
        for d in data["dates"]:
            sentence = article.sentence_at(d["start"])
            assert sentence is not None
            assert d["sentence"] == sentence.text


# ------------------------------------------------------- the rewritten loops, unchanged


def _tense_by_scan(markers: list[tuple[int, str]], offset: int) -> str | None:
    """The scan that _Tense replaced (every marker for every date)."""
    bounds = [m[0] for m in markers if m[1] == "boundary"]
    lo = max((b for b in bounds if b < offset), default=-1)
    hi = min((b for b in bounds if b > offset), default=1 << 30)
    before = [m for m in markers if m[1] != "boundary" and lo < m[0] < offset]
    if before:
        return max(before)[1]
    after = [m for m in markers if m[1] != "boundary" and offset < m[0] < hi]
    return min(after)[1] if after else None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["future", "past", "boundary"])), max_size=12),
       st.integers(0, 40))
def test_tense_index_answers_as_the_scan_did(markers: list[tuple[int, str]], offset: int) -> None:
    assert _Tense(markers).at(offset) == _tense_by_scan(markers, offset)


_PIECES = ["the", "those", "These", "its", "their", "his", "her", "our", "such", "whose", "xthe",
           "the1", "said", "a", " ", "  ", "\u00a0", "\n", "ſuch"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10), st.data())
def test_determiner_before_reads_as_the_scan_did(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    end = data.draw(st.integers(0, len(text)))
    assert _determiner_before(text, end) == (_DETERMINER_BEFORE.search(text, 0, end) is not None)


def _only_mentioned_by_scan(body: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """The scan that facts used before (every word before the date, for every date)."""
    from edu_kit._data import data_file

    rules = data_file("event_dates")
    word = re.compile(r"[\w'’]+")
    determiners = set(rules["determiners"])
    before = body[sentence_start:start]
    words = [m.group().lower() for m in word.finditer(before)]
    after = body[end:sentence_end]
    if words and words[-1] in determiners and before.endswith(" ") and re.match(r" [A-Za-z]", after):
        return True
    pronouns = set(rules["relative_pronouns"])
    matches = list(word.finditer(before))
    for index in range(len(matches) - 1, -1, -1):
        between = before[matches[index].end():]
        if any(mark in between for mark in rules["clause_ends"]):
            return False
        if matches[index].group().lower() not in pronouns:
            continue
        gap = before[: matches[index].start()].rstrip(" ")
        if gap.endswith(",") or (index >= 2 and matches[index - 2].group().lower() in determiners):
            return True
    return False


_SENTENCE_PIECES = ["the", "an", "army", "that", "which", "who", "collapsed", "met", ",", ";", " - ", "(",
                    "–", "in 2014", "on Monday", "10 January 2022", "declaration", "Donfried"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), min_size=1, max_size=14))
def test_only_mentioned_judges_as_the_scan_did(pieces: list[str]) -> None:
    from edu_kit.facts.extract import only_mentioned

    text = "Talks: " + " ".join(pieces) + "."
    article = parse_article(text, id="x", published="2022-01-12")
    for date in annotate(article).dates:
        sentence = article.sentence_at(date.start)
        if sentence is None:
            continue
        assert only_mentioned(article.body, sentence, date) == _only_mentioned_by_scan(
            article.body, date.start, date.end, sentence.start, sentence.end), (text, date.text)


# ------------------------------------------------------- conflicts: exact, output-sensitive


def _conflicts_by_all_pairs(facts: list[Any], threshold: float) -> list[tuple[str, str, float]]:
    """Every quotation against every later one: what ``conflicts`` computed before."""
    from edu_kit.facts.crosscheck import _MIN_WORDS, _words, quote_similarity

    candidates = [f for f in facts if f.kind == "quote" and f.subject and not f.fragment
                  and len(_words(f.text)) >= _MIN_WORDS]
    found = []
    for i, first in enumerate(candidates):
        for second in candidates[i + 1:]:
            if first.subject != second.subject:
                score = quote_similarity(first.text, second.text)
                if score >= threshold:
                    found.append((first.id, second.id, score))
    return found


def _conflicts_grouped(facts: list[Any], threshold: float) -> list[tuple[str, str, float, int, list[tuple[str, str]]]]:
    """The pairs of comparing all, grouped by their two texts (word for word) and two
    speakers: each group's first pair, its score, how many pairs, the first few pairs."""
    from edu_kit.facts.crosscheck import LOCATIONS_KEPT, _words

    by_id = {f.id: f for f in facts}
    groups: dict[frozenset[tuple[tuple[str, ...], str]], list[tuple[str, str, float]]] = {}
    for a, b, score in _conflicts_by_all_pairs(facts, threshold):
        key = frozenset((tuple(_words(by_id[x].text)), by_id[x].subject) for x in (a, b))
        groups.setdefault(key, []).append((a, b, score))
    return [(g[0][0], g[0][1], g[0][2], len(g), [(a, b) for a, b, _ in g[:LOCATIONS_KEPT]]) for g in groups.values()]


def _quote_fact(index: int, text: str, subject: str | None) -> Any:
    from edu_kit.facts.records import Fact

    return Fact(id=f"q{index}", kind="quote", article="a", outlet=None, published=None, subject=subject,
                text=text, date=None, until=None, precision=None, actors=(), start=index, end=index + 1,
                sentence=text, sentence_start=index, sentence_end=index + 1)


_QUOTE_WORDS = ["we", "will", "not", "accept", "NATO", "expansion", "the", "talks", "Talks", "failed", "red", "line"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_QUOTE_WORDS), min_size=5, max_size=11),
                          st.sampled_from(["Lavrov", "Blinken", "Stoltenberg", None])), max_size=14),
       st.sampled_from([0.5, 0.75, 0.9, 1.0]))
def test_conflicts_are_those_of_comparing_all_pairs(quotes: list[tuple[list[str], str | None]], threshold: float) -> None:
    from edu_kit.facts.crosscheck import conflicts

    facts = [_quote_fact(i, " ".join(words), who) for i, (words, who) in enumerate(quotes)]
    got = [(c.first.id, c.second.id, c.similarity, c.count, [(x.id, y.id) for x, y in c.locations])
           for c in conflicts(facts, threshold)]
    assert got == _conflicts_grouped(facts, threshold)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_QUOTE_WORDS), min_size=5, max_size=9), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["Lavrov", "Blinken", "Stoltenberg"])), max_size=40),
       st.sampled_from([0.5, 0.75, 1.0]))
def test_repeated_conflicts_are_counted_as_comparing_all_pairs_would(
    pool: list[list[str]], said: list[tuple[int, str]], threshold: float
) -> None:
    """A few texts said again and again by a few speakers: each distinct conflict once,
    with the count and first pairs that comparing every pair gives."""
    from edu_kit.facts.crosscheck import conflicts

    facts = [_quote_fact(i, " ".join(pool[k % len(pool)]), who) for i, (k, who) in enumerate(said)]
    got = [(c.first.id, c.second.id, c.similarity, c.count, [(x.id, y.id) for x, y in c.locations])
           for c in conflicts(facts, threshold)]
    assert got == _conflicts_grouped(facts, threshold)


def test_conflicts_of_a_repeated_text_are_counted_not_listed() -> None:
    """The seeds' quotations, repeated r times: the same conflicts, each with r² times the
    pairs (by definition), found in work linear in the quotations."""
    from edu_kit.facts import corpus_facts
    from edu_kit.facts.crosscheck import LOCATIONS_KEPT, conflicts

    facts = [f for f in corpus_facts(edu_kit.load_corpus(), include_captions=True) if f.kind == "quote"]
    once = conflicts(facts)
    assert once
    assert all(c.count == 1 and c.locations == ((c.first, c.second),) for c in once)
    eight = conflicts(facts * 8)
    assert [(c.first, c.second, c.similarity) for c in eight] == [(c.first, c.second, c.similarity) for c in once]
    assert [c.count for c in eight] == [64 * c.count for c in once]
    assert all(len(c.locations) == LOCATIONS_KEPT for c in eight)
    two, eight_steps = _steps(lambda: conflicts(facts * 2)), _steps(lambda: conflicts(facts * 8))
    assert eight_steps / two < 6, f"4x the quotations took {eight_steps / two:.1f}x the steps (linear: 4, all pairs: 16)"


def _support_by_scan(facts: list[Any]) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every fact against every group before it: what ``support`` computed before."""
    from edu_kit.facts.crosscheck import _key, _same

    groups: list[tuple[str, str, list[Any]]] = []
    for fact in sorted(facts, key=lambda f: (f.article, f.start)):
        if fact.kind == "quote" and (fact.fragment or not fact.subject):
            continue
        for kind, _, members in groups:
            if kind == fact.kind and _same(fact, members[0]):
                members.append(fact)
                break
        else:
            groups.append((fact.kind, _key(fact), [fact]))
    return sorted((kind, key, tuple(m.id for m in members)) for kind, key, members in groups)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_QUOTE_WORDS), max_size=11),
                          st.sampled_from(["Lavrov", "Blinken", None])), max_size=16))
def test_support_groups_as_the_scan_did(quotes: list[tuple[list[str], str | None]]) -> None:
    from edu_kit.facts.crosscheck import support

    facts = [_quote_fact(i, " ".join(words), who) for i, (words, who) in enumerate(quotes)]
    got = sorted((s.kind, s.key, tuple(f.id for f in s.facts)) for s in support(facts))
    assert got == _support_by_scan(facts)


def test_support_of_the_seeds_is_unchanged() -> None:
    from edu_kit.facts import corpus_facts
    from edu_kit.facts.crosscheck import support

    facts = list(corpus_facts(edu_kit.load_corpus(), include_captions=True))
    got = sorted((s.kind, s.key, tuple(f.id for f in s.facts)) for s in support(facts))
    assert got == _support_by_scan(facts)


def _interviewee_by_scan(article: Any, people: list[Any], before: int) -> str | None:
    """What ``turns._interviewee`` computed before it was made linear: a scan per label."""
    for paragraph in reversed(article.paragraphs):
        if paragraph.start >= before:
            continue
        named = [m for m in people if paragraph.start <= m.start < paragraph.end]
        if named:
            return str(named[0].name)
    return None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Q: Why?", "A: Because.", "Stoltenberg met Lavrov.", "Putin said no.",
                                 "Then Biden and Blinken spoke.", "Text."]), min_size=1, max_size=12),
       st.randoms(use_true_random=False))
def test_interviewee_is_found_as_the_scan_found_it(paragraphs: list[str], rng: Any) -> None:
    from edu_kit.annotate.turns import _interviewee, _named_paragraphs

    article = parse_article("\n\n".join(paragraphs), id="x")
    people = [m for m in annotate(article).mentions if m.kind == "person"]
    rng.shuffle(people)  # "first" is first in the list given, whatever its order
    named = _named_paragraphs(article, people)
    for before in [*(p.start for p in article.paragraphs), len(article.body) + 1]:
        assert _interviewee(named, before) == _interviewee_by_scan(article, people, before)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
       st.integers(0, 45), st.integers(0, 10), st.booleans())
def test_covering_answers_as_comparing_every_interval_did(
        intervals: list[tuple[int, int]], start: int, width: int, closed: bool) -> None:
    from edu_kit.annotate.quotes import _covering

    end = start + width if closed else start + 1
    scan = any(lo <= start and (end <= hi if closed else start < hi) for lo, hi in intervals)
    assert _covering(intervals, closed=closed)(start, end) == scan


class _CountedNote(str):
    """A log note that counts how often pandas deep-copies the ``attrs`` it sits in."""

    copies = 0

    def __deepcopy__(self, memo: dict[int, Any]) -> _CountedNote:
        type(self).copies += 1
        return self


def _class_log(students: int, written: int) -> Any:
    """``students`` x 3 quizzes x (a choice and ``written`` written questions), a note in ``attrs``."""
    import pandas as pd

    from edu_kit.quiz import load_bank

    bank = load_bank()
    questions = [next(q for q in bank if q.type == "single"), *[q for q in bank if q.type == "open"][:written]]
    start = pd.Timestamp("2022-01-10T09:00Z")
    rows = [{"time": start + pd.Timedelta(seconds=s * 10 + w), "student": f"s{s:03d}", "quiz": f"w{w}",
             "question": q.id, "answer": "a long written answer" if q.type == "open" else "x",
             "correct": None if q.type == "open" else False, "score": None if q.type == "open" else 0.0,
             "attempt": 1}
            for s in range(students) for w in range(3) for q in questions]
    log = pd.DataFrame(rows)
    log.attrs = {"problems": (), "notes": (_CountedNote("a note"),)}
    return log, bank


def _gradebook(log: Any, bank: Any) -> object:
    from edu_kit.classroom.gradebook import grades

    return grades(log, bank)


def _report(log: Any, bank: Any) -> object:
    from edu_kit.classroom.report import analyse

    return analyse(log, bank)


def _open_answers(log: Any, bank: Any) -> object:
    from edu_kit.classroom.open_answers import open_answers

    return open_answers(log, bank)


@pytest.mark.parametrize(("work", "sizes"), [
    (_gradebook, ((10, 1), (40, 1))), (_report, ((10, 1), (40, 1))), (_report, ((10, 1), (10, 4))),
    (_open_answers, ((10, 1), (10, 4))),
], ids=["gradebook, 4x students", "report, 4x students", "report, 4x questions", "open answers, 4x questions"])
def test_log_notes_are_not_copied_once_per_group(work: Callable[[Any, Any], object],
                                                  sizes: tuple[tuple[int, int], ...]) -> None:
    # review atk4 A11: pandas deep-copies a frame's attrs (thousands of notes for a big log) on
    # every per-group step, so the gradebook took O(students x notes): 156 s for 50,000 records
    copies = []
    for students, written in sizes:
        log, bank = _class_log(students, written)
        _CountedNote.copies = 0
        work(log, bank)
        copies.append(_CountedNote.copies)
    assert copies[1] == copies[0]
