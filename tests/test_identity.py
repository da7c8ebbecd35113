"""Names typed into a quiz's name box (the asked identity)."""

from __future__ import annotations

import re

import pytest

from edu_kit.classroom.identity import clean_name
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
