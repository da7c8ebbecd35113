"""Keys that leak or are not what they look like: the hostile checks of ``quiz check``.

:func:`question_leaks` finds what one question gives away or hides: an ordering of two
items or a matching of two pairs (the shown order is the key or its reverse), choices
that differ only by a look-alike letter of another script or by invisible characters,
and invisible characters (zero-width spaces, bidi overrides) anywhere a student reads or
types.  :func:`revealing_pairs` finds pairs of questions where one prints the answer of
the other in its prompt, choices or sources; :func:`without_reveals` keeps a quiz free
of such pairs.

>>> from edu_kit.quiz.model import Question
>>> q = Question("q", "single", "Which alliance?", ("NATO", "N\\u0410TO"), "NATO")
>>> [i.message for i in question_leaks(q)][-1]
"choices 'NATO' and 'NАTO' look the same: they differ only by a look-alike letter of another script or an invisible character"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from .._data import data_file
from .._unicode import fold, invisible_characters, stray_marks, unattached_marks
from ._yaml import JsonPath
from .model import Numeric, Question
from .rules import Issue, normalize_text

__all__ = ["MIN_ITEMS", "Reveal", "bank_reveals", "mixed_script_word", "question_leaks", "revealing_pairs", "skeleton", "without_reveals"]

#: The fewest items an ordering (or pairs a matching) question may have: with two, the
#: order shown is either the key or its reverse.
MIN_ITEMS = 3


@cache
def _lookalikes() -> dict[str, str]:
    sections = data_file("lookalikes").values()
    listed = {other: latin for letters in sections for other, latin in letters.items()}
    table: dict[str, str] = {}
    for other, latin in listed.items():
        table[other] = latin
        if other.upper() not in listed:  # "Ν" (Greek capital nu) is N, though "ν" is v
            table[other.upper()] = latin.upper()
    return table


def skeleton(text: str) -> str:
    """The form in which choices that look the same are equal: :func:`~edu_kit._unicode.fold`
    (NFKC, case folded, every default-ignorable and format character removed), look-alike
    letters of other scripts made Latin (``data/lookalikes.yaml``), and combining marks
    that joined no Latin, Greek or Cyrillic letter dropped.

    >>> skeleton("NАTO") == skeleton("nato") == skeleton("NA\u200bTO\ufe0f")
    True
    >>> skeleton("Gene\u0300ve") == skeleton("Genève") != skeleton("Geneve")
    True
    """
    table = _lookalikes()
    # mapped before case folding (Greek "Ν" is N, its small "ν" v) and after (what folding made)
    latin = "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", text))
    return unattached_marks("".join(table.get(c, c) for c in fold(latin)))


def _script(char: str) -> str | None:
    """The script a letter's Unicode name starts with ("LATIN", "CYRILLIC", "LISU", ...)."""
    if not char.isalpha():
        return None
    return unicodedata.name(char, "OTHER").split()[0]


_WORD = re.compile(r"\w+")


def mixed_script_word(text: str) -> str | None:
    """The first word mixing Latin with Cyrillic or Greek letters, or with a look-alike
    letter of another script (``data/lookalikes.yaml``: "NАTO", "ꓠATO"), or None."""
    table = _lookalikes()
    for match in _WORD.finditer(text):
        word = match.group()
        scripts = {_script(c) for c in word}
        if "LATIN" in scripts and (scripts & {"CYRILLIC", "GREEK"} or any(c in table for c in word)):
            return word
    return None


def _texts(q: Question) -> Iterator[tuple[JsonPath, str]]:
    """Every text a student reads or types, with its place in the question."""
    yield ("prompt",), q.prompt
    for i, choice in enumerate(q.choices):
        yield ("choices", i), choice
    key = q.answer
    if q.type == "short_text" and isinstance(key, tuple):
        for i, variant in enumerate(key):
            yield ("answer", i), str(variant)
    if q.type == "matching" and isinstance(key, tuple):
        for i, pair in enumerate(key):
            if isinstance(pair, tuple) and pair:
                yield ("answer", i, 0), str(pair[0])


def question_leaks(q: Question) -> list[Issue]:
    """What ``q`` gives away through its form, or hides in look-alike characters."""
    issues: list[Issue] = []
    key = q.answer
    if q.type == "ordering" and isinstance(key, tuple) and 0 < len(key) < MIN_ITEMS:
        issues.append(Issue(("answer",), f"an ordering of {len(key)} items gives its key away "
                                         "(the order shown is the key or its reverse)",
                            f"order at least {MIN_ITEMS} items, or ask a single-choice question"))
    if q.type == "matching" and isinstance(key, tuple) and len(key) == 2:
        issues.append(Issue(("answer",), "a matching of 2 pairs gives its key away (there are "
                                         "only two ways to match)",
                            f"match at least {MIN_ITEMS} pairs, or ask a single-choice question"))
    for where, text in _texts(q):
        hidden = invisible_characters(text)
        if hidden:
            issues.append(Issue(where, f"{text[:40]!r} holds an invisible character "
                                       f"({_named(hidden[0])}; Unicode default-ignorable or format)",
                                "delete it: students cannot see it, and cannot type it"))
        stray = stray_marks(text)
        if stray:
            issues.append(Issue(where, f"{text[:40]!r} holds a combining mark on nothing "
                                       f"({_named(stray[0])}) at its start or after a space",
                                "delete the mark, or type the accented letter itself"))
        mixed = mixed_script_word(text)
        if mixed is not None:
            issues.append(Issue(where, f"the word {mixed!r} mixes Latin letters with look-alikes "
                                       "of another script (Cyrillic, Greek, Lisu, ...)",
                                "retype the word in one alphabet"))
    seen: dict[str, int] = {}
    for i, choice in enumerate(q.choices):
        shape = skeleton(choice)
        # (choices equal once normalised are reported as repeats by check_question)
        if (shape in seen and q.choices[seen[shape]] != choice
                and normalize_text(q.choices[seen[shape]]) != normalize_text(choice)):
            other = q.choices[seen[shape]]
            issues.append(Issue(("choices", i), f"choices {other!r} and {choice!r} look the same: "
                                                "they differ only by a look-alike letter of "
                                                "another script or an invisible character",
                                "make the choices differ visibly, or remove one"))
        seen.setdefault(shape, i)
    return issues


def _named(char: str) -> str:
    """"U+FE0F variation selector-16": a character by its code point and name."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed').lower()}"


# --------------------------------------------------------------- pairs that reveal


@dataclass(frozen=True)
class Reveal:
    """Question ``by`` prints the answer of question ``of`` (``text``) in its ``where``."""

    by: str
    of: str
    where: str
    text: str

    def __str__(self) -> str:
        return (f"question {self.by!r} reveals the answer of {self.of!r}: its {self.where} "
                f"contains {self.text!r}")


def _keys(q: Question) -> tuple[list[str], list[str]]:
    """The texts a student must give for ``q``, and the distractors (normalised)."""
    key = q.answer
    if q.type == "single" and isinstance(key, str):
        keys = [key]
    elif (q.type == "multiple" and isinstance(key, tuple)) or (q.type == "short_text" and isinstance(key, tuple)):
        keys = [str(k) for k in key]
    elif q.type == "numeric" and isinstance(key, Numeric) and key.unit:
        keys = [f"{key.value:g} {key.unit}"]
    else:
        return [], []
    distractors = [c for c in q.choices if c not in keys]
    return ([normalize_text(k) for k in keys if normalize_text(k)],
            [normalize_text(d) for d in distractors if normalize_text(d)])


def _shown(q: Question) -> list[tuple[str, str]]:
    """What ``q`` shows a student (normalised): its prompt, and its sources after answering."""
    parts = [("prompt", q.prompt), *(("source", s.sentence) for s in q.sources)]
    return [(where, f" {normalize_text(text)} ") for where, text in parts]


_SHINGLE = 4  # words in a row that tie two questions to the same statement
_TEMPLATE = 3  # words in a row shared by more questions than this are a template's


def _shingles(text: str, drop: Sequence[str]) -> set[str]:
    for key in drop:
        text = text.replace(f" {key} ", " | ")
    words = text.split()
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)
            if "|" not in words[i : i + _SHINGLE]}


def revealing_pairs(questions: Iterable[Question]) -> tuple[Reveal, ...]:
    """Every pair where one question shows the answer of another about the same thing.

    Question A reveals B when a part of A a student reads (its prompt, or a source
    sentence shown after answering) contains B's answer (a single- or multiple-choice
    key with none of the distractors, a short-text answer, a number with its unit) and
    is about the same statement: it shares four words in a row with B's prompt or
    sources (besides the answer), or cites the same sentence.
    """
    items = tuple(questions)
    shown = {q.id: _shown(q) for q in items}
    spans = {q.id: {(s.article, s.start, s.end) for s in q.sources} for q in items}
    # words a template repeats ("according to article 000 ...") tie nothing together
    spread: dict[str, int] = {}
    for q in items:
        for shingle in _shingles(" ".join(text for _, text in shown[q.id]), ()):
            spread[shingle] = spread.get(shingle, 0) + 1
    common = {shingle for shingle, count in spread.items() if count > _TEMPLATE}
    found: list[Reveal] = []
    for target in items:
        keys, distractors = _keys(target)
        if not keys:
            continue
        context = _shingles(" ".join(text for _, text in shown[target.id]), keys) - common
        for other in items:
            if other.id == target.id:
                continue
            same_sentence = bool(spans[target.id] & spans[other.id])
            for where, text in shown[other.id]:
                hit = next((k for k in keys if f" {k} " in text), None)
                if hit is None or any(f" {d} " in text for d in distractors):
                    continue
                if not (same_sentence or context & _shingles(text, keys)):
                    continue
                found.append(Reveal(other.id, target.id, where, hit))
                break
    return tuple(found)


@lru_cache(maxsize=8)
def bank_reveals(questions: tuple[Question, ...]) -> frozenset[tuple[str, str]]:
    """``(by, of)`` ids of :func:`revealing_pairs` in a whole bank (cached per bank)."""
    return frozenset((r.by, r.of) for r in revealing_pairs(questions))


def without_reveals(questions: Sequence[Question], bank: Sequence[Question]) -> tuple[Question, ...]:
    """``questions`` in order, dropping each that reveals, or is revealed by, one kept
    before it; pairs are judged within the whole ``bank`` (templates shared by many
    questions tie none of them together)."""
    pairs = bank_reveals(tuple(bank))
    kept: list[Question] = []
    for q in questions:
        if any((q.id, k.id) in pairs or (k.id, q.id) in pairs for k in kept):
            continue
        kept.append(q)
    return tuple(kept)
