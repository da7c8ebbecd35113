"""Quizzes on the NATO–Russia–Ukraine crisis (December 2021 – January 2022).

In a notebook cell, one short line::

    from edu_kit import quiz
    quiz.show(topic="timeline", n=5)          # 5 timeline questions, per-student sample
    quiz.show(["hw-concepts-nato-allies"])    # chosen questions
    quiz.bank()                               # browse the bank as a DataFrame
    quiz.model_answers(["open-minsk-order"])  # teacher: model answers and rubrics

Banks are YAML files (``docs/quiz_format.md``), checked with :func:`check_bank` and
loaded with :func:`load_bank`; :func:`grade` grades an answer in the kernel.  Importing
this package does not import pandas, ipywidgets or jsonschema.

>>> from edu_kit import quiz
>>> q = quiz.load_bank()["hw-concepts-nato-allies"]
>>> quiz.grade(q, 30).correct
True
"""

from __future__ import annotations

from .bank import dump_bank, load_bank
from .cells import BankMessage, ModelAnswers, bank, model_answers, show
from .check import Problem, check_bank, check_text
from .grade import AnswerError, Feedback, grade
from .model import (
    DIFFICULTIES,
    TOPICS,
    TYPES,
    Bank,
    Numeric,
    Question,
    Source,
)

__all__ = [
    "DIFFICULTIES",
    "TOPICS",
    "TYPES",
    "AnswerError",
    "Bank",
    "BankMessage",
    "Feedback",
    "ModelAnswers",
    "Numeric",
    "Problem",
    "Question",
    "Source",
    "bank",
    "check_bank",
    "check_text",
    "dump_bank",
    "grade",
    "load_bank",
    "model_answers",
    "show",
]
