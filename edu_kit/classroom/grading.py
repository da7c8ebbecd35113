"""Grade saved answers with the keyed bank, and write each student's feedback afterwards.

A sealed assignment (feedback after the deadline) saves answers with ``correct`` and
``score`` null: the student's kernel never had the key.  :func:`grade_log` grades them
(and re-grades any graded ones) with the teacher's keyed bank; the log files are never
changed.  :func:`write_feedback` writes one HTML page per student, in nbgrader's
``feedback/<student>/<assignment>/`` layout.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..quiz.grade import AnswerError, grade, unanswered
from ..quiz.model import Bank, Question
from ..quiz.render import feedback_html
from ..results import latest, log_path

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FEEDBACK_FILE", "grade_log", "keyed_questions", "write_feedback"]

#: The name of each student's feedback page.
FEEDBACK_FILE = "edu_kit_feedback.html"


def keyed_questions(bank: Bank, quiz: str | None) -> dict[str, Question]:
    """Question id → keyed question, including the ids a keyless release of ``quiz`` used."""
    from .assignments import sealed_id

    found = {q.id: q for q in bank.questions}
    if quiz is not None:
        found.update({sealed_id(quiz, q.id): q for q in bank.questions})
    return found


def grade_log(log: pd.DataFrame, bank: Bank, *, quiz: str | None = None) -> pd.DataFrame:
    """``log`` (from :func:`edu_kit.results.load`) with ``correct`` and ``score`` from ``bank``.

    Rows of other quizzes (when ``quiz`` is given) are left out.  An answer to a question
    the bank does not have, or of the wrong shape, stays ungraded (null) and is named in
    ``attrs["problems"]``.
    """
    frame = log if quiz is None else log[log["quiz"] == quiz]
    frame = frame.copy()
    keyed = keyed_questions(bank, quiz)
    problems = list(log.attrs.get("problems", ()))
    correct: list[bool | None] = []
    score: list[float | None] = []
    for row in frame.itertuples(index=False):
        question = keyed.get(str(row.question))
        if question is None:
            problems.append(f"{row.file}, line {row.line}: question {row.question!r} is not in the keyed bank")
            correct.append(None)
            score.append(None)
            continue
        if not question.graded:  # a written answer: the teacher reads it, nothing to grade
            correct.append(None)
            score.append(None)
            continue
        try:
            result = unanswered(question) if row.answer is None else grade(question, row.answer)
        except AnswerError as err:
            problems.append(f"{row.file}, line {row.line}: {err.problem}")
            correct.append(None)
            score.append(None)
            continue
        correct.append(result.correct)
        score.append(result.score)
    frame["correct"] = frame["correct"].__class__(correct, index=frame.index, dtype="boolean")
    frame["score"] = frame["score"].__class__(score, index=frame.index, dtype=float)
    frame.attrs["problems"] = tuple(problems)
    return frame


def _answer_text(answer: Any) -> str:
    if answer is None:
        return "(no answer)"
    if isinstance(answer, dict):
        return "; ".join(f"{k} → {v}" for k, v in answer.items())
    if isinstance(answer, list):
        return ", ".join(str(a) for a in answer)
    return str(answer)


def write_feedback(graded: pd.DataFrame, bank: Bank, out: str | os.PathLike[str], assignment: str,
                   *, title: str | None = None) -> list[Path]:
    """One page per student: ``<out>/<student>/<assignment>/edu_kit_feedback.html``.

    Each question shows the student's latest answer, the verdict, the expected answer,
    the explanation and the sources.  Returns the files written.
    """
    written: list[Path] = []
    rows = latest(graded[graded["quiz"] == assignment])
    keyed = keyed_questions(bank, assignment)
    for student, answers in rows.groupby(rows["student"].fillna("anonymous"), sort=True):
        folder = Path(out) / log_path("", str(student)).stem / assignment
        folder.mkdir(parents=True, exist_ok=True)
        total = float(answers["score"].fillna(0.0).sum())
        marked = sum(1 for q in answers["question"] if (k := keyed.get(str(q))) is None or k.graded)
        parts = [f"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{html.escape(title or assignment)}"
                 "</title><body>", f"<h1>{html.escape(title or assignment)}</h1>",
                 f"<p>Student: {html.escape(str(student))}. Score: {round(total, 2):g}/{marked}.</p><ol>"]
        for row in answers.itertuples(index=False):
            question = keyed.get(str(row.question))
            if question is None:
                continue
            if not question.graded:
                parts.append(f"<li><p><strong>{html.escape(question.prompt)}</strong></p>"
                             f"<p>Your answer: {html.escape(_answer_text(row.answer))}</p>"
                             "<p>A written answer: your teacher reads it.</p></li>")
                continue
            result = unanswered(question) if row.answer is None else grade(question, row.answer)
            parts.append(f"<li><p><strong>{html.escape(question.prompt)}</strong></p>"
                         f"<p>Your answer: {html.escape(_answer_text(row.answer))}</p>"
                         + feedback_html(result, question, final=True, attempts_left=0) + "</li>")
        parts.append("</ol></body></html>")
        target = folder / FEEDBACK_FILE
        target.write_text("\n".join(parts), encoding="utf-8")
        written.append(target)
    return written
