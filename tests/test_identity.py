"""Names typed into a quiz's name box (the asked identity)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from edu_kit.classroom.identity import check_id, clean_name, resolve
from edu_kit.errors import ChoiceError
from edu_kit.results import log_path


@pytest.mark.parametrize(("typed", "why"), [
    (".", "no letter or digit"), ("..", "no letter or digit"), ("-_-", "no letter or digit"),
    ("anonymous", "answers without a name"), ("Anonymous", "answers without a name"),
    ("ana\u200b", "invisible character (U+200B)"), ("a\u2060b", "invisible character"),
    ("\ufeffana", "invisible character"), ("ana\u00ad", "invisible character"),
])
def test_names_that_would_hide_or_collide_are_refused(typed: str, why: str) -> None:
    with pytest.raises(ChoiceError, match=re.escape(why)):
        clean_name(typed)


@pytest.mark.parametrize("typed", ["Ana", "José", "a/b", "a_b", ".hidden", "Ana M.", "李雷"])
def test_real_names_are_kept_and_get_their_own_file(typed: str) -> None:
    assert clean_name(typed) == typed


def test_distinct_names_never_share_a_log_file() -> None:
    names = ["a/b", "a_b", "a\\b", ".hidden", "hidden", "Ana", "ana"]
    assert len({log_path("logs", n) for n in names}) == len(names)


# -- issue 16 (attack16-2 #4, #8, #9, #23, #24): ids that would inject, hide, forge or collide

FORMULAS = ['=HYPERLINK("http://evil.example","ana")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


@pytest.mark.parametrize("typed", FORMULAS)
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_refused(typed: str) -> None:
    with pytest.raises(ChoiceError, match=r"reads as a formula.*start the name with a letter or a digit"):
        clean_name(typed)


@pytest.mark.parametrize(("typed", "code"), [
    ("ana\u3164", "U+3164"), ("ana\ufe0f", "U+FE0F"), ("a\u034fna", "U+034F"),  # default-ignorable
    ("mallory\x1b[2K\x1b[1Gben", "U+001B"), ("ana\x7f", "U+007F"), ("ana\x9b2K", "U+009B"),
])
def test_invisible_and_terminal_control_characters_are_refused(typed: str, code: str) -> None:
    with pytest.raises(ChoiceError, match=re.escape(code)):
        clean_name(typed)


@pytest.mark.parametrize(("environ", "student", "named"), [
    ({"EDU_KIT_STUDENT": "=1+1"}, None, "EDU_KIT_STUDENT"),
    ({"EDU_KIT_STUDENT": "(anonymous)"}, None, "EDU_KIT_STUDENT"),
    ({}, "(anonymous)", "student="),
    ({}, "-2+3", "student="),
    ({}, "ana\u3164", "student="),
    ({"JUPYTERHUB_USER": "eve\x1b[2K"}, "ana", "JUPYTERHUB_USER"),
])
def test_an_id_from_the_environment_or_an_argument_is_checked_too(
        environ: dict[str, str], student: str | None, named: str) -> None:
    with pytest.raises(ChoiceError, match=re.escape(named) + ".*cannot be a student id"):
        resolve(student, environ=environ)


def test_an_id_is_nfc_whichever_way_its_accents_were_typed() -> None:
    nfc, nfd = unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFD", "José")
    assert nfc != nfd
    assert resolve(nfd, environ={}).name == nfc
    assert resolve(None, environ={"EDU_KIT_STUDENT": nfd}).name == nfc
    assert clean_name(nfd) == nfc
    assert check_id(nfd) == nfc


# ids that a case-insensitive (and normalisation-insensitive) file system would confuse
CASE_NAMES = ["Ana", "ana", "ANA", "aNa", "José", "josé", "JOSÉ", "ß", "ss", "SS", "ẞ", "ı", "i", "I", "İ",
              "σ", "ς", "Σ", "ſ", "s", "S", "ǅ", "ǆ", "Ǆ", "ﬁ", "fi", "k", "K", "con", "CON", "Con.x",
              "a^b", "^ab", "Ab"]


def test_log_names_stay_distinct_where_the_file_system_ignores_case() -> None:
    names = {unicodedata.normalize("NFC", n) for n in CASE_NAMES}
    files = [log_path("logs", n).name for n in names]
    for fold in (str.casefold, str.upper, str.lower):  # macOS/APFS, Windows' upcase table, ...
        folded = {fold(unicodedata.normalize("NFD", f)) for f in files}
        assert len(folded) == len(names), fold


@pytest.mark.parametrize("name", ["con", "CON", "nul", "Aux.txt", "com1", "LPT9"])
def test_windows_device_names_are_not_log_names(name: str) -> None:
    stem = log_path("logs", name).stem
    assert stem.split(".")[0].casefold() not in {"con", "prn", "aux", "nul", "com1", "lpt9"}
