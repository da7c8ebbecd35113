"""Quality gates: what makes a question answerable without knowing the history.

Each gate is a pure function over questions that returns :class:`~.rules.Issue`
records.  The generator drops questions that fail a gate; ``check_bank`` (and
``edu-kit quiz check``) reports them for any bank as *warnings* with file and line.
The thresholds live in ``edu_kit/data/quiz_rules.yaml`` (``gates``).

========================  ===============================================================
gate                      what it catches
========================  ===============================================================
``key-in-prompt``         the key (or an accepted answer) is printed in the prompt or its
                          header, e.g. the publication date of the article the prompt names
``lone-form``             one option differs in kind from all the others: the only date
                          range, the only number, the only option with a pronoun
``lone-long``             one option is much longer than every other one
``passage``               a cited passage is a block of text rather than the sentence, or
                          is web boilerplate ("READ MORE: ...")
``key-share``             in one family, one key is more than about a third of the keys
========================  ===============================================================

Distractors that the facts also support are caught by
:func:`edu_kit.quiz.generate.supported_distractors`; how often students pick each
distractor is measured by :func:`distractor_report` once there are responses.

>>> from edu_kit.quiz.model import Question
>>> q = Question("q", "single", "In article 000 (16 December 2021), when did X happen?",
...              ("16 December 2021", "15 December 2021", "12 January 2022"), "16 December 2021")
>>> [i.message for i in question_issues(q)]
["the key '16 December 2021' is printed in the prompt"]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .._data import data_file
from .model import Numeric, Question
from .rules import Issue, normalize_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GATES",
    "distractor_report",
    "family_of",
    "key_share_issues",
    "question_issues",
]

#: The gates' names, as used in messages.
GATES = ("key-in-prompt", "lone-form", "lone-long", "passage", "key-share")

_DATE = re.compile(
    r"\b(\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)|(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{1,2}|\d{4}-\d{2}-\d{2})\b"
)
_YEAR = re.compile(r"^\s*(1[89]|20)\d{2}\s*$")
_NUMBER = re.compile(r"^\s*[\d.,]+\s*\w*\s*$")


def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = data_file("quiz_rules")["gates"]
    return rules


def _contains(haystack: str, needle: str) -> bool:
    n, h = normalize_text(needle), normalize_text(haystack)
    return bool(n) and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", h) is not None


def _keys(q: Question) -> tuple[str, ...]:
    key = q.answer
    if q.type in ("single", "multiple", "short_text"):
        return (key,) if isinstance(key, str) else tuple(str(k) for k in key) if isinstance(
            key, tuple) else ()
    if isinstance(key, Numeric):
        return (f"{key.value:g}",)
    return ()


def _key_in_prompt(q: Question) -> list[Issue]:
    return [
        Issue(("prompt",), f"the key {key!r} is printed in the prompt",
              "reword the prompt (or its header) so that it does not contain the answer")
        for key in _keys(q)
        if len(normalize_text(key)) >= 2 and _contains(q.prompt, key)
    ]


def _kind(option: str) -> str:
    marks = _rules()["range_marks"]
    dates = len(_DATE.findall(option)) + len(re.findall(r"\b(1[89]|20)\d{2}\b", option))
    if dates >= 1 and any(mark in option for mark in marks) and len(option) < 60:
        return "a date range"
    if _YEAR.match(option):
        return "a year"
    if _DATE.search(option) and len(option) < 40:
        return "a date"
    if _NUMBER.match(option):
        return "a number"
    return "text"


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")  # <i>, </i>, <b>, <em class="x">
_NUMERAL_I = re.compile(r"\b([A-Z][\w.’'-]*)\s+I\b(?![’'])")  # "Minsk I", "World War I": a numeral


def _has_pronoun(option: str) -> bool:
    """Whether ``option`` holds one of the rules' pronouns.  Markup tags are not words
    ("<i>The Times</i>" has no "i"), and a capital I right after a capitalised word is
    a numeral ("Minsk I", "World War I"), not the pronoun.

    >>> _has_pronoun("<i>The Times</i>"), _has_pronoun("Minsk I"), _has_pronoun("I agree"), _has_pronoun("as I said")
    (False, False, True, True)
    """
    text = _NUMERAL_I.sub(r"\1 ", _TAG.sub(" ", option))
    words = set(normalize_text(text).split())
    return bool(words & {str(p) for p in _rules()["pronouns"]})


def _lone_form(q: Question) -> list[Issue]:
    options = q.choices
    if q.type not in ("single", "multiple") or len(options) < 3:
        return []
    issues: list[Issue] = []
    kinds = [_kind(o) for o in options]
    counts = Counter(kinds)
    for i, (option, kind) in enumerate(zip(options, kinds, strict=True)):
        if counts[kind] == 1 and len(counts) > 1:
            issues.append(Issue(("choices", i), f"option {option!r} is the only one that is {kind}",
                                "make every option the same kind (all dates, all ranges, all text)"))
    short = all(len(o.split()) <= 6 for o in options)  # names, sides, short phrases
    pronouned = [i for i, o in enumerate(options) if _has_pronoun(o)]
    if short and len(pronouned) == 1:
        i = pronouned[0]
        issues.append(Issue(("choices", i), f"option {options[i]!r} is the only one with a pronoun",
                            "word the options alike, so that no pronoun points to the answer"))
    rules = _rules()
    lengths = [len(o) for o in options]
    for i, option in enumerate(options):
        others = max(length for j, length in enumerate(lengths) if j != i)
        if len(option) >= rules["long_option_min_chars"] and len(option) > rules[
                "long_option_ratio"] * others:
            issues.append(Issue(("choices", i), f"option {i + 1} is much longer than the others "
                                f"({len(option)} characters against at most {others})",
                                "shorten it or give the other options the same detail"))
    return issues


def _passages(q: Question) -> list[Issue]:
    rules = _rules()
    issues = []
    for k, source in enumerate(q.sources):
        if len(source.sentence) > rules["max_passage_chars"]:
            issues.append(Issue(("sources", k, "sentence"),
                                f"source {k + 1} cites {len(source.sentence)} characters, not a sentence",
                                "cite the sentence that supports the answer (with the quotation's cue)"))
        for mark in rules["boilerplate"]:
            if mark.casefold() in source.sentence.casefold():
                issues.append(Issue(("sources", k, "sentence"),
                                    f"source {k + 1} is web page furniture ({mark!r}), not evidence",
                                    "cite a sentence of the article's text instead"))
    return issues


def question_issues(question: Question) -> tuple[Issue, ...]:
    """The gates ``question`` fails on its own (key in prompt, lone option, passage)."""
    return tuple(_key_in_prompt(question) + _lone_form(question) + _passages(question))


def family_of(question: Question) -> str | None:
    """The question's family: its ``family``, else a generated id's ``gen-<family>`` part.

    >>> family_of(Question("gen-who-quote-000-1-2", "single", "p", ("a", "b"), "a"))
    'gen-who'
    """
    if question.family:
        return question.family
    match = re.match(r"(gen-[a-z]+)-", question.id)
    return match.group(1) if match else None


def key_share_issues(questions: Iterable[Question], min_questions: int | None = None
                     ) -> list[tuple[Question, Issue]]:
    """Families in which one key is more than about a third of the single-choice keys.

    Each question with the over-used key is returned with an issue (the first ones
    in bank order up to the allowed number are not).  Families with fewer than
    ``min_questions`` single-choice questions (default from the rules) are not judged.
    """
    rules = dict(_rules())
    if min_questions is not None:
        rules["key_share_min_questions"] = min_questions
    by_family: dict[str, list[Question]] = {}
    for q in questions:
        family = family_of(q)
        if family and q.type == "single" and isinstance(q.answer, str):
            by_family.setdefault(family, []).append(q)
    found: list[tuple[Question, Issue]] = []
    for family, members in by_family.items():
        if len(members) < rules["key_share_min_questions"]:
            continue
        allowed = max(2, math.ceil(rules["key_share"] * len(members)))
        counts = Counter(str(q.answer) for q in members)
        for key, count in counts.items():
            if count <= allowed:
                continue
            extra = [q for q in members if q.answer == key][allowed:]
            found += [
                (q, Issue(("answer",), f"in family {family!r}, {count} of {len(members)} keys are "
                          f"{key!r} (at most {allowed})", "key this question to another option, "
                          "or drop it so that guessing the usual answer does not pay"))
                for q in extra
            ]
    return found


def distractor_report(log: pd.DataFrame, questions: Sequence[Question],
                      min_answers: int = 10) -> pd.DataFrame:
    """How often students chose each option at their first attempt: distractors measured.

    Columns: ``question``, ``option``, ``is_key``, ``chosen`` (first attempts that chose
    it), ``answers`` (first attempts at the question), ``share`` and ``dead`` (a
    distractor nobody chose, once the question has ``min_answers`` answers: it does not
    distract and should be replaced).  ``log`` is what :func:`edu_kit.results.load`
    returns; single- and multiple-choice questions are counted.
    """
    import pandas as pd

    columns = ["question", "option", "is_key", "chosen", "answers", "share", "dead"]
    first = log[log["attempt"] == 1] if not log.empty else log
    rows = []
    for q in questions:
        if q.type not in ("single", "multiple"):
            continue
        answers = first[first["question"] == q.id]["answer"] if not first.empty else []
        picked: Counter[str] = Counter()
        total = 0
        for answer in answers:
            total += 1
            picked.update([answer] if isinstance(answer, str) else list(answer or ()))
        keys = set(_keys(q))
        for option in q.choices:
            chosen = picked[option]
            rows.append({"question": q.id, "option": option, "is_key": option in keys,
                         "chosen": chosen, "answers": total,
                         "share": chosen / total if total else float("nan"),
                         "dead": option not in keys and total >= min_answers and chosen == 0})
    return pd.DataFrame(rows, columns=columns)
