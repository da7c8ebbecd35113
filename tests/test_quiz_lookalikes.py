"""Choices and keys that look alike or hold what nobody can see (issue 16, second attack).

The attack found choices that passed ``quiz check`` although a student could not tell
them apart: a variation selector ("copy" / "copy\\ufe0f"), NFC against NFD "Genève",
Hangul fillers, the combining grapheme joiner, a Khmer inherent vowel, a combining low
line.  The checker now compares choices after NFKC, without every Unicode
default-ignorable character and with look-alike letters made Latin
(``edu_kit.quiz.leaks.skeleton``); keys and choices holding such characters, or marks on
nothing, are errors with the question and line; grading reads typed answers the same way.
"""

from __future__ import annotations

import json
import sys

import pytest

from edu_kit._unicode import default_ignorable, fold, stray_marks
from edu_kit.quiz.check import check_text
from edu_kit.quiz.grade import grade
from edu_kit.quiz.leaks import skeleton
from edu_kit.quiz.model import Question

# the second attack's look-alike pairs: each passed `quiz check` before
PAIRS = {
    "variation selector-16": ("copy", "copy\ufe0f"),
    "NFC against NFD": ("Gen\u00e8ve", "Gene\u0300ve"),
    "variation selector-15": ("copy", "copy\ufe0e"),
    "variation selector-17": ("copy", "copy\U000e0100"),
    "Hangul filler": ("copy", "copy\u3164"),
    "Hangul choseong filler": ("copy", "\u115fcopy"),
    "halfwidth Hangul filler": ("copy", "co\uffa0py"),
    "combining grapheme joiner": ("copy", "co\u034fpy"),
    "Khmer inherent vowel": ("copy", "copy\u17b4"),
    "combining low line": ("copy", "copy\u0332"),
}

# characters nobody sees, in a key or a choice (the pairs' and their neighbours)
INVISIBLE = ["\ufe0f", "\ufe0e", "\U000e0100", "\u3164", "\u115f", "\u1160", "\uffa0", "\u034f",
             "\u17b4", "\u17b5", "\u180e", "\u200b", "\u2060", "\u202e", "\u2066", "\u00ad", "\ufeff",
             "\U000e0041"]


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _bank(kind: str, choices: list[str] | None, answer: object) -> str:
    lines = ["bank: t", "title: t", "questions:", "  - id: look-q1", f"    type: {kind}",
             "    prompt: Which city?"]
    if choices is not None:
        lines.append(f"    choices: {_dump(choices)}")
    lines += [f"    answer: {_dump(answer)}", "    explanation: x", "    topics: [timeline]",
              "    difficulty: easy", "    reference: x"]
    return "\n".join(lines) + "\n"


def _errors(text: str) -> list[str]:
    return [f"{p.line}: {p.message}" for p in check_text(text, "bank.yaml") if p.severity == "error"]


@pytest.mark.parametrize(("first", "second"), PAIRS.values(), ids=list(PAIRS))
def test_look_alike_choices_are_refused(first: str, second: str) -> None:
    errors = _errors(_bank("single", [first, second, "paste"], first))
    assert errors, f"{second!r} passed beside {first!r}"
    assert any("look-q1" in e and e.startswith("7:") for e in errors), errors  # the choices' line


@pytest.mark.parametrize(("first", "second"), PAIRS.values(), ids=list(PAIRS))
def test_look_alike_choices_share_a_skeleton(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
@pytest.mark.parametrize("kind", ["short_text", "single"])
def test_a_key_or_choice_holding_an_invisible_character_is_an_error(char: str, kind: str) -> None:
    if kind == "short_text":
        text = _bank("short_text", None, [f"Gen{char}eva"])
    else:
        text = _bank("single", [f"Gen{char}eva", "Vienna", "Minsk"], f"Gen{char}eva")
    errors = [e for e in _errors(text) if "invisible character" in e]
    assert errors, _errors(text)
    assert all("look-q1" in e for e in errors)
    assert f"U+{ord(char):04X}" in errors[0]


@pytest.mark.parametrize("text", ["\u0301Geneva", "Geneva \u0301", "a\n\u0332b", "\u20dd"])
def test_combining_marks_on_nothing_are_an_error(text: str) -> None:
    errors = [e for e in _errors(_bank("short_text", None, [text])) if "combining mark on nothing" in e]
    assert errors
    assert "look-q1" in errors[0]


@pytest.mark.parametrize("text", ["Genève", "Gene\u0300ve", "Zelens'kyi", "नमस्ते", "1\u20e3", "Київ"])
def test_ordinary_accents_and_scripts_are_not_stray(text: str) -> None:
    assert stray_marks(text) == []
    assert _errors(_bank("short_text", None, [text])) == []


@pytest.mark.parametrize(("first", "second"), [("Genève", "Geneve"), ("Kyiv", "Kiev"), ("Minsk I", "Minsk II")])
def test_choices_that_differ_visibly_pass(first: str, second: str) -> None:
    assert _errors(_bank("single", [first, second, "Vienna"], first)) == []


def test_a_key_in_another_unicode_form_than_its_choice_says_why() -> None:
    errors = _errors(_bank("single", ["Gen\u00e8ve", "Vienna", "Minsk"], "Gene\u0300ve"))
    assert any("looks like the choice" in e and "NFD" in e for e in errors), errors


KEY = Question("typed", "short_text", "Where did the talks of 10 January take place?", (),
               ("Genève", "Kyiv"), explanation="x")


@pytest.mark.parametrize("typed", ["Gene\u0300ve", "GEN\u00c8VE", "Gen\u00e8ve\ufe0f", "Ge\u034fn\u00e8ve",
                                   "Kyiv\u200b", "Ky\u0456v", "\u2066Kyiv\u2069", "Ｋｙｉｖ"])
def test_typed_answers_are_read_as_keys_are(typed: str) -> None:
    """A student typing NFD (a Mac keyboard), a variation selector (an emoji keyboard) or a
    Ukrainian і is not marked wrong."""
    assert grade(KEY, typed).correct


@pytest.mark.parametrize("typed", ["Geneve", "Kiev", "Gen", ""])
def test_typed_answers_that_differ_visibly_stay_wrong(typed: str) -> None:
    assert not grade(KEY, typed).correct


def test_fold_is_idempotent_on_the_attack() -> None:
    for first, second in PAIRS.values():
        for text in (first, second):
            assert fold(fold(text)) == fold(text)


def test_the_default_ignorable_table_is_unicodes() -> None:
    """The range table in data/default_ignorable.yaml against an independent copy of the
    property (the `regex` module's), over every code point."""
    regex = pytest.importorskip("regex")
    pattern = regex.compile(r"\p{Default_Ignorable_Code_Point}")
    wrong = [cp for cp in range(sys.maxunicode + 1)
             if default_ignorable(chr(cp)) != (pattern.match(chr(cp)) is not None)]
    assert wrong == [], [f"U+{cp:04X}" for cp in wrong[:10]]


# Greek capitals and Lisu letters that print as Latin capitals (issue 16, third attack)
OTHER_SCRIPTS = {
    "Greek capital nu and alpha": ("NATO", "\u039d\u0391TO"),
    "Greek capitals only": ("NATO", "\u039d\u0391\u03a4\u039f"),
    "Greek capital eta": ("HELSINKI", "\u0397ELSINKI"),
    "Greek capital mu": ("MINSK", "\u039cINSK"),
    "Lisu letters": ("NATO", "\ua4e0\ua4ee\ua4d4\ua4f3"),
    "one Lisu letter": ("OSCE", "\ua4f3SCE"),
}


@pytest.mark.parametrize(("first", "second"), OTHER_SCRIPTS.values(), ids=list(OTHER_SCRIPTS))
def test_greek_and_lisu_look_alike_choices_are_refused(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)
    errors = _errors(_bank("single", [first, second, "paste"], first))
    assert any("look the same" in e for e in errors), errors


@pytest.mark.parametrize("word", ["\ua4e0ATO", "\u039dATO", "N\u0391TO"])
def test_a_word_mixing_latin_with_greek_or_lisu_is_named(word: str) -> None:
    errors = _errors(_bank("short_text", None, [word]))
    assert any("mixes Latin letters" in e for e in errors), errors


@pytest.mark.parametrize(("first", "second"), [("\u03bd", "N"), ("\u03b7", "h"), ("\u03bc", "m")])
def test_greek_small_letters_that_look_like_nothing_latin_stay_apart(first: str, second: str) -> None:
    assert skeleton(first) != skeleton(second)
