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
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..quiz.grade import AnswerError, credit, grade, unanswered
from ..quiz.model import Bank, Question
from ..quiz.render import feedback_html
from ..results import latest, log_path

if TYPE_CHECKING:
    import pandas as pd

    from .assignments import Assignment

__all__ = ["FEEDBACK_FILE", "assignment_records", "feedback_folder", "grade_log", "keyed_questions", "regrade",
           "released_ids", "write_feedback"]

_SAFE_FOLDER = re.compile(r"[\w.+@= -]+")

#: The name of each student's feedback page.
FEEDBACK_FILE = "edu_kit_feedback.html"


def keyed_questions(bank: Bank, quiz: str | None) -> dict[str, Question]:
    """Question id → keyed question, including the ids a keyless release of ``quiz`` used."""
    from .assignments import sealed_id

    found = {q.id: q for q in bank.questions}
    if quiz is not None:
        found.update({sealed_id(quiz, q.id): q for q in bank.questions})
    return found


def released_ids(assignment: Assignment, bank: Bank) -> tuple[str, ...]:
    """The question ids the assignment's release shows (keyless ids when sealed), in order."""
    from .assignments import choose, sealed_id

    questions = choose(assignment, bank)
    return tuple(sealed_id(assignment.id, q.id) if assignment.sealed else q.id for q in questions)


def _stamp(text: str | None) -> pd.Timestamp | None:
    import pandas as pd

    return None if text is None else pd.Timestamp(text.replace("Z", "+00:00"))


def assignment_records(log: pd.DataFrame, assignment: Assignment, bank: Bank, *,
                       outside: str = "note") -> pd.DataFrame:
    """The records that count for ``assignment``: its quiz id and only the questions its
    release shows.  Every other record is left out and named in ``attrs["notes"]`` (a
    question the release never showed cannot add to a score).  A record saved before
    ``opens`` or after ``due`` is named too (the in-kernel opening gate is advisory);
    with ``outside="exclude"`` it is also left out.
    """
    if outside not in ("note", "exclude"):
        from ..errors import ChoiceError

        raise ChoiceError.of("outside", outside, ["note", "exclude"])
    ids = set(released_ids(assignment, bank))
    notes = list(log.attrs.get("notes", ()))
    frame = log[log["quiz"] == assignment.id]
    foreign = frame[~frame["question"].isin(ids)]
    for row in foreign.itertuples(index=False):
        notes.append(f"{row.file}, line {row.line}: question {row.question!r} is not part of assignment "
                     f"{assignment.id!r}; not counted")
    frame = frame[frame["question"].isin(ids)]
    opens, due = _stamp(assignment.opens), _stamp(assignment.due)
    never = frame["time"].isna() & False  # all False, on frame's index
    early = frame["time"] < opens if opens is not None else never
    late = frame["time"] > due if due is not None else never
    for row in frame[early | late].itertuples(index=False):
        when = "before it opened" if opens is not None and row.time < opens else "after it was due"
        verb = "left out" if outside == "exclude" else "counted"
        notes.append(f"{row.file}, line {row.line}: saved {row.time.isoformat()}, {when} "
                     f"({assignment.opens if when.startswith('before') else assignment.due}); {verb}")
    if outside == "exclude":
        frame = frame[~(early | late)]
    frame = frame.copy()
    frame.attrs["problems"] = tuple(log.attrs.get("problems", ()))
    frame.attrs["notes"] = tuple(notes)
    return frame


def _blank(answer: Any) -> bool:
    """No answer: null in the log (None, or NaN once pandas has read it)."""
    return answer is None or (isinstance(answer, float) and answer != answer)


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
            result = unanswered(question) if _blank(row.answer) else grade(question, row.answer)
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
    frame.attrs["notes"] = tuple(log.attrs.get("notes", ()))
    return frame


def regrade(log: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """``log`` with every answer graded again with ``bank``'s key: what the report and the gradebook count.

    Answers saved under a keyless release's ids (``<quiz>-q<digest>``) get the id of the
    bank question they stand for, so keyless exam answers are graded and analysed like
    any others.  Answers to questions the bank does not have, or to ``open`` questions,
    keep what the log says.  An answer that cannot be graded (wrong shape) keeps its
    recorded score and is named in ``attrs["problems"]``.  ``attrs["notes"]`` names each
    question whose recorded grading differs from the bank's key (a key fixed after the
    quiz: the answers are regraded, so scores and item analysis follow the fixed key),
    and each keyless id matched to a bank question.  A later attempt earns less
    (:func:`edu_kit.quiz.grade.credit`): when the bank gives the same verdict as the log,
    the recorded credit is kept; when the verdict changes, the default later credit applies.
    """
    import pandas as pd

    frame = log.copy()
    problems = list(log.attrs.get("problems", ()))
    notes = list(log.attrs.get("notes", ()))
    if frame.empty:
        frame.attrs.update(problems=tuple(problems), notes=tuple(notes))
        return frame
    by_id = {q.id: q for q in bank.questions}
    sealed: dict[str, Question] = {}
    for quiz in {str(q) for q in frame["quiz"].dropna()}:
        sealed.update({k: v for k, v in keyed_questions(bank, quiz).items() if k not in by_id})
    matched = frame["question"].map(lambda q: sealed[q].id if q in sealed else q)
    renamed = int((matched != frame["question"]).sum())
    if renamed:
        notes.append(f"{renamed} answer(s) saved under the ids of a keyless release were matched to the bank's "
                     "questions and graded with its key")
    frame["question"] = matched
    cache: dict[tuple[str, str], tuple[bool | None, float] | str] = {}
    # plain lists: iterating pandas' nullable arrays cell by cell is slow on a large class
    correct: list[bool | None] = list(pd.array(frame["correct"], dtype="boolean").to_numpy(dtype=object,
                                                                                          na_value=None))
    score: list[float] = frame["score"].astype(float).tolist()
    attempts = pd.to_numeric(frame["attempt"], errors="coerce").fillna(1).astype(int).tolist()
    files = frame["file"].tolist() if "file" in frame else ["the log"] * len(frame)
    lines = frame["line"].tolist() if "line" in frame else ["?"] * len(frame)
    differ: dict[str, int] = {}
    for position, (qid, answer) in enumerate(zip(frame["question"].tolist(), frame["answer"].tolist(),
                                                 strict=True)):
        question = by_id.get(str(qid))
        if question is None or not question.graded:
            continue
        key = (question.id, repr(answer))
        if key not in cache:
            try:
                result = unanswered(question) if _blank(answer) else grade(question, answer)
                cache[key] = (result.correct, float(result.score))
            except AnswerError as err:
                cache[key] = err.problem
        found = cache[key]
        if isinstance(found, str):
            problems.append(f"{files[position]}, line {lines[position]}: {found}; the recorded score is kept")
            continue
        new_right, new_score = found
        old, attempt = score[position], attempts[position]
        if attempt > 1:
            if old == old and correct[position] is not None and correct[position] == bool(new_right):
                continue  # the same verdict: keep the credit the quiz gave a later attempt
            new_score = credit(new_score, attempt)
        if old == old and abs(old - new_score) > 1e-9:
            differ[question.id] = differ.get(question.id, 0) + 1
        correct[position], score[position] = new_right, new_score
    for qid, count in differ.items():
        notes.append(f"{qid}: {count} answer(s) were graded with another key when they were saved; they are "
                     "graded again with the bank's key")
    frame["correct"] = frame["correct"].__class__(correct, index=frame.index, dtype="boolean")
    frame["score"] = frame["score"].__class__(score, index=frame.index, dtype=float)
    frame.attrs.update(problems=tuple(problems), notes=tuple(notes))
    return frame


def _answer_text(answer: Any) -> str:
    if _blank(answer):
        return "(no answer)"
    if isinstance(answer, dict):
        return "; ".join(f"{k} → {v}" for k, v in answer.items())
    if isinstance(answer, list):
        return ", ".join(str(a) for a in answer)
    return str(answer)


def feedback_folder(student: str) -> str:
    """The folder name of ``student``'s feedback: the id itself, as nbgrader expects
    (``feedback/<student>/<assignment>/``), when it is a safe folder name (letters,
    digits, ``_ . - + @ =`` and inner spaces; no leading dot); otherwise the escaped file
    name of :func:`edu_kit.results.log_path`, so an id such as ``../x`` never leaves ``out``.

    A folder name is no spreadsheet cell: ``=evil`` stays ``=evil`` (the formula guard,
    a leading ``'``, is for CSV and Excel cells only).

    >>> feedback_folder("john_smith"), feedback_folder("jose+1"), feedback_folder("=evil"), feedback_folder("../x")
    ('john_smith', 'jose+1', '=evil', '_2e._2fx')
    """
    if (_SAFE_FOLDER.fullmatch(student) and not student.startswith(".") and student == student.strip()
            and len(student.encode("utf-8")) <= 200 and student.isprintable()):
        return student
    return log_path("", student).stem


def write_feedback(graded: pd.DataFrame, bank: Bank, out: str | os.PathLike[str], assignment: str,
                   *, title: str | None = None) -> list[Path]:
    """One page per student: ``<out>/<student>/<assignment>/edu_kit_feedback.html``
    (``<student>`` is :func:`feedback_folder`).

    Each question shows the student's latest answer, the verdict, the expected answer,
    the explanation and the sources.  Returns the files written.
    """
    written: list[Path] = []
    rows = latest(graded[graded["quiz"] == assignment])
    keyed = keyed_questions(bank, assignment)
    for student, answers in rows.groupby(rows["student"].fillna("anonymous"), sort=True):
        folder = Path(out) / feedback_folder(str(student)) / assignment
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
            try:
                result = unanswered(question) if _blank(row.answer) else grade(question, row.answer)
            except AnswerError as err:  # one bad record never stops the class's pages
                parts.append(f"<li><p><strong>{html.escape(question.prompt)}</strong></p>"
                             f"<p>Your answer: {html.escape(_answer_text(row.answer))}</p>"
                             f"<p>This answer could not be graded ({html.escape(err.problem)}); "
                             "ask your teacher.</p></li>")
                continue
            parts.append(f"<li><p><strong>{html.escape(question.prompt)}</strong></p>"
                         f"<p>Your answer: {html.escape(_answer_text(row.answer))}</p>"
                         + feedback_html(result, question, final=True, attempts_left=0) + "</li>")
        parts.append("</ol></body></html>")
        target = folder / FEEDBACK_FILE
        target.write_text("\n".join(parts), encoding="utf-8")
        written.append(target)
    return written
