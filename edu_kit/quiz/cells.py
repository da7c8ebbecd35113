"""The one-line calls a teacher puts in a notebook cell: ``show`` and ``bank``.

``show`` picks questions (by id, or by topic/difficulty and a per-student sample of
``n``) and returns a :class:`~edu_kit.quiz.widget.Quiz`; when the bank files have
problems it returns a readable message instead of raising (no traceback in class).

>>> qs, quiz_id = select(load_bank(), topic="timeline", n=3)
>>> len(qs), quiz_id
(3, 'topic=timeline n=3')
>>> select(load_bank(), topic="timelin")
Traceback (most recent call last):
...
edu_kit.errors.ChoiceError: topic 'timelin' is not one of: 'timeline', 'positions', ...
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._frames import literal_dollars
from ..errors import ChoiceError, EduKitError, QuizBankError
from .bank import load_bank
from .check import PathArg, bank_files
from .leaks import without_reveals
from .model import DIFFICULTIES, TOPICS, Bank, Question, nearest_first
from .variants import seed_for

if TYPE_CHECKING:
    import pandas as pd

    from .widget import Quiz

__all__ = [
    "BANK_COLUMNS",
    "BankMessage",
    "ModelAnswers",
    "bank",
    "model_answers",
    "resolve_log_dir",
    "resolve_student",
    "seen_questions",
    "select",
    "show",
    "taught_by",
]

#: Columns of :func:`bank`'s DataFrame (there is no answer column).
BANK_COLUMNS = ("id", "type", "topics", "difficulty", "origin", "prompt", "n_choices", "articles",
                "taught_in", "family")

#: Questions of this family (how quizzes work, notebook 00) are shown only by id.
DEMO_FAMILY = "demo"

_CACHE: dict[tuple[str, tuple[tuple[str, int, int], ...]], Bank] = {}


@dataclass(frozen=True)
class BankMessage:
    """What ``show`` displays instead of a quiz: the bank files have problems, or the student
    id cannot be used (``reason`` says which; ``error`` names the file or setting and what to do)."""

    error: EduKitError
    reason: str = "the quiz bank has problems"

    def __repr__(self) -> str:
        return f"This quiz cannot be shown.\n{self.error}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any
                          ) -> dict[str, str]:
        rich = (
            '<div class="edu-kit-error" role="alert"><p><strong>⚠ This quiz cannot be shown: '
            f"{html.escape(self.reason)}.</strong></p>"
            f"<pre style=\"white-space: pre-wrap\">{html.escape(str(self.error))}</pre></div>"
        )
        return {"text/plain": repr(self), "text/html": rich}


BankSource = Bank | PathArg | Sequence[PathArg]


def _load_cached(paths: PathArg | tuple[PathArg, ...] | None) -> Bank:
    """``load_bank(paths)``, reused while no file changes (same names, sizes, mtimes)."""
    files, _ = bank_files(paths)
    stamp = []
    for path in files:
        try:
            info = path.stat()
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            stamp.append((str(path), -1, -1))
    named = ("<bundled>" if paths is None else os.fspath(paths) if isinstance(paths, (str, os.PathLike))
             else "\n".join(os.fspath(p) for p in paths))
    key = (named, tuple(stamp))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = load_bank(paths)
    return _CACHE[key]


def _resolve_bank(source: BankSource | None) -> Bank:
    """A Bank as it is; a bank file or folder, or a list of them, loaded (bundled banks for None).

    Anything else is a :class:`~edu_kit.errors.ChoiceError` naming what ``bank`` may be.
    """
    if source is None or isinstance(source, Bank):
        return source if source is not None else _load_cached(None)
    if isinstance(source, (str, os.PathLike)):
        return _load_cached(source)
    if isinstance(source, (list, tuple)) and source and all(isinstance(p, (str, os.PathLike)) for p in source):
        return _load_cached(tuple(source))
    shown = repr(source) if len(repr(source)) <= 80 else repr(source)[:77] + "..."
    raise ChoiceError(
        f"bank must be a Bank, a bank file or folder, or a non-empty list of them, not {shown}",
        hint="pass bank='my_bank.yaml', bank=['week1.yaml', 'week2.yaml'] or bank=quiz.load_bank(...)")


def resolve_student(student: str | None) -> str | None:
    """Who answers: ``$JUPYTERHUB_USER``, else ``$EDU_KIT_STUDENT``, else ``student``, else
    the name typed earlier in this kernel, else None (blank counts as none).

    See :mod:`edu_kit.classroom.identity`.
    """
    from ..classroom.identity import resolve

    return resolve(student).name


def resolve_log_dir(log_dir: PathArg | None) -> Path:
    """``log_dir``, else ``$EDU_KIT_RESPONSES``, else ``./edu_kit_responses`` (the cwd)."""
    if log_dir is not None:
        return Path(log_dir)
    env = os.environ.get("EDU_KIT_RESPONSES", "").strip()
    return Path(env) if env else Path.cwd() / "edu_kit_responses"


def _notebook_number(stem: str) -> int:
    head = stem.split("_", 1)[0]
    if not head.isdigit():
        raise ChoiceError(f"upto must name a notebook such as '03_positions', not {stem!r}",
                          hint="pass the notebook's file name without '.ipynb'")
    return int(head)


def taught_by(question: Question, upto: str) -> bool:
    """Whether ``question`` is taught in notebook ``upto`` or an earlier one.

    >>> q = Question("q", "true_false", "p", ("True", "False"), True, taught_in="02_timeline")
    >>> taught_by(q, "03_positions"), taught_by(q, "01_reading_the_sources")
    (True, False)
    """
    if question.taught_in is None:
        return False
    return _notebook_number(question.taught_in) <= _notebook_number(upto)


def _one_per_fact(ordered: Sequence[Question], n: int | None) -> tuple[Question, ...]:
    """The first ``n`` of ``ordered`` with at most one question per fact."""
    chosen: list[Question] = []
    facts: set[str] = set()
    for q in ordered:
        if q.fact is not None and q.fact in facts:
            continue
        if q.fact is not None:
            facts.add(q.fact)
        chosen.append(q)
        if n is not None and len(chosen) == n:
            break
    return tuple(chosen)


def select(
    source: Bank,
    ids: str | Sequence[str] | None = None,
    *,
    topic: str | None = None,
    difficulty: str | None = None,
    n: int | None = None,
    student: str | None = None,
    upto: str | None = None,
    seen: frozenset[str] = frozenset(),
) -> tuple[tuple[Question, ...], str]:
    """The questions a quiz shows, and the quiz's id (used in logs and seeds).

    By ``ids`` (in that order), or all questions with ``topic`` and ``difficulty``
    (in bank order), of which ``n`` are sampled per student when there are more.
    ``upto`` keeps questions taught in that notebook or an earlier one; questions in
    ``seen`` are taken only when there are not ``n`` others; a quiz never holds two
    questions made from the same fact.
    """
    if ids is not None:
        if topic is not None or difficulty is not None or n is not None:
            raise ChoiceError("pass question ids, or topic/difficulty/n, not both",
                              hint="leave out topic, difficulty and n when you list ids")
        wanted = (ids,) if isinstance(ids, str) else tuple(dict.fromkeys(ids))
        if not wanted:
            raise ChoiceError("the list of question ids is empty", hint="name at least one id")
        chosen = tuple(source[qid] for qid in wanted)
        return chosen, "ids=" + "+".join(wanted)
    if topic is not None and topic not in TOPICS:
        raise ChoiceError.of("topic", topic, nearest_first(topic, TOPICS))
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise ChoiceError.of("difficulty", difficulty, nearest_first(difficulty, DIFFICULTIES))
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise ChoiceError(f"n must be a whole number of 1 or more, not {n!r}",
                          hint="pass how many questions to show, e.g. n=5")
    pool = tuple(
        q for q in source.questions
        if (topic is None or topic in q.topics) and difficulty in (None, q.difficulty)
        and (upto is None or taught_by(q, upto)) and q.family != DEMO_FAMILY
    )
    if not pool:
        raise ChoiceError(f"no question has topic {topic!r} and difficulty {difficulty!r}"
                          + (f" and is taught by {upto!r}" if upto else ""),
                          hint="choose another topic or difficulty (see quiz.bank())")
    parts = [f"topic={topic}" if topic else "", f"difficulty={difficulty}" if difficulty else "",
             f"upto={upto}" if upto else "", f"n={n}" if n is not None else ""]
    quiz_id = " ".join(p for p in parts if p) or "all"
    if n is None or n >= len(pool):
        return _one_per_fact(without_reveals(pool, source.questions), None), quiz_id
    seed = seed_for(student, "quiz", quiz_id)
    order = _shuffle(pool, seed)  # the same order ``sample`` draws from
    fresh = [q for q in order if q.id not in seen]
    stale = [q for q in order if q.id in seen]
    # skip any question that reveals (or is revealed by) one drawn before it
    chosen = _one_per_fact(without_reveals([*fresh, *stale], source.questions), n)
    rank = {q.id: i for i, q in enumerate(pool)}
    return tuple(sorted(chosen, key=lambda q: rank[q.id])), quiz_id


def _shuffle(pool: Sequence[Question], seed: str) -> tuple[Question, ...]:
    from .variants import shuffled

    return shuffled(tuple(pool), seed, key=[q.id for q in pool])


def seen_questions(log_dir: PathArg, student: str | None) -> frozenset[str]:
    """The ids of the questions ``student`` has answered, from their response log."""
    from ..errors import ResponseLogError
    from ..results import answers_of

    try:
        return frozenset(str(row["question"]) for row in answers_of(log_dir, student, None))
    except ResponseLogError:
        return frozenset()


def show(
    ids: str | Sequence[str] | None = None,
    *,
    topic: str | None = None,
    n: int | None = None,
    difficulty: str | None = None,
    student: str | None = None,
    attempts: int = 2,
    exam: bool = False,
    log_dir: PathArg | None = None,
    bank: BankSource | None = None,
    title: str | None = None,
    later_credit: float = 0.5,
    upto: str | None = None,
    unseen: bool = False,
) -> Quiz | BankMessage:
    """A quiz for a notebook cell: ``quiz.show(topic="timeline", n=5)`` or ``quiz.show(["id"])``.

    The student is ``$JUPYTERHUB_USER`` (the JupyterHub login), else
    ``$EDU_KIT_STUDENT``, else ``student``; without any, the quiz first asks for a name
    (once per kernel).  The name seeds the variant: the choice order and the sample of
    ``n`` questions.  What this student already answered in this quiz is shown again
    when the cell runs again (an exam already submitted is read-only).
    ``attempts`` per question (then the answer is revealed); ``exam=True`` holds all
    feedback until Submit.  Answers go to ``log_dir`` (else ``$EDU_KIT_RESPONSES``,
    else ``./edu_kit_responses``).  ``bank`` is a Bank, a bank file or folder, or a list
    of them (default: the bundled banks; anything else is a ChoiceError).  Unknown ids or
    topics raise :class:`~edu_kit.errors.ChoiceError`; bank files with problems, and a
    student id that the rules of :mod:`edu_kit.classroom.identity` refuse (a formula, a
    control or invisible character, "(anonymous)"), give a readable message instead of a
    quiz.
    ``later_credit`` is the share of a point a right answer earns after the first
    attempt (the first attempt earns it all; see docs/quiz_format.md, "Scoring").
    ``upto`` (a notebook name) keeps questions taught in that notebook or an earlier
    one; ``unseen=True`` prefers questions this student has not answered yet.
    """
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise ChoiceError(f"attempts must be a whole number of 1 or more, not {attempts!r}",
                          hint="pass attempts=1, 2 or 3")
    try:
        source = _resolve_bank(bank)
    except QuizBankError as err:
        return BankMessage(err)
    try:
        who = resolve_student(student)
    except ChoiceError as err:  # JUPYTERHUB_USER, EDU_KIT_STUDENT or student= is not a usable id
        return BankMessage(err, reason="the student id cannot be used")
    logs = resolve_log_dir(log_dir)
    seen = seen_questions(logs, who) if unseen else frozenset()
    questions, quiz_id = select(source, ids, topic=topic, difficulty=difficulty, n=n,
                                student=who, upto=upto, seen=seen)
    from .widget import Quiz

    def chooser(name: str | None) -> tuple[Question, ...]:
        known = seen_questions(logs, name) if unseen else frozenset()
        return select(source, ids, topic=topic, difficulty=difficulty, n=n, student=name,
                      upto=upto, seen=known)[0]

    single_file_title = source.titles[0] if len(source.titles) == 1 else "Quiz"
    default_title = f"{topic.capitalize()} quiz" if topic else single_file_title
    return Quiz(
        questions,
        quiz_id=title or quiz_id,
        title=title or default_title,
        student=who,
        attempts=attempts,
        exam=exam,
        log_dir=logs,
        later_credit=later_credit,
        ask_name=who is None,
        chooser=chooser,
    )


def bank(source: BankSource | None = None) -> pd.DataFrame:
    """The questions of a bank as a DataFrame, for teachers to browse (no answers).

    Columns: ``id``, ``type``, ``topics`` (comma-separated), ``difficulty``,
    ``origin`` (generated or handwritten), ``prompt``, ``n_choices`` (options shown;
    0 for short_text, numeric and open), ``articles`` (comma-separated ids of cited
    articles), ``taught_in`` (the notebook that teaches it) and ``family``.
    ``source`` is a Bank, a bank file or folder, or a list of them (default: the bundled banks).
    """
    import pandas as pd
    literal_dollars(pd)

    rows = [
        {
            "id": q.id,
            "type": q.type,
            "topics": ", ".join(q.topics),
            "difficulty": q.difficulty,
            "origin": q.origin,
            "prompt": q.prompt,
            "n_choices": len(q.choices),
            "articles": ", ".join(dict.fromkeys(s.article for s in q.sources)),
            "taught_in": q.taught_in,
            "family": q.family,
        }
        for q in _resolve_bank(source).questions
    ]
    return pd.DataFrame(rows, columns=list(BANK_COLUMNS))


@dataclass(frozen=True)
class ModelAnswers:
    """The teacher's view of questions: prompt, key or model answer, rubric, sources.

    What :func:`model_answers` returns; it displays as escaped HTML (and plain text).
    Never put it in a student's notebook: it shows the answers.
    """

    questions: tuple[Question, ...]

    def _rows(self) -> list[tuple[Question, str]]:
        from .grade import expected_text

        return [(q, q.model_answer if q.type == "open" else expected_text(q))
                for q in self.questions]

    def __repr__(self) -> str:
        lines = []
        for number, (q, answer) in enumerate(self._rows(), start=1):
            lines += [f"{number}. [{q.id}] {q.prompt}", f"   Model answer: {answer}"]
            lines += [f"   - {point}" for point in q.rubric]
            if q.taught_in:
                lines.append(f"   Taught in: {q.taught_in}")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any
                          ) -> dict[str, str]:
        from .render import sources_html

        e = html.escape
        parts = ['<div class="edu-kit-model-answers"><h3>Model answers (for the teacher)</h3><ol>']
        for q, answer in self._rows():
            parts.append(f"<li><p><strong>{e(q.prompt)}</strong> <code>{e(q.id)}</code></p>"
                         f"<p><strong>Model answer:</strong> {e(answer)}</p>")
            if q.rubric:
                parts.append("<p><strong>Rubric:</strong></p><ul>"
                             + "".join(f"<li>{e(p)}</li>" for p in q.rubric) + "</ul>")
            if q.explanation:
                parts.append(f"<p>{e(q.explanation)}</p>")
            parts.append(sources_html(q.sources, q.reference))
            parts.append("</li>")
        parts.append("</ol></div>")
        return {"text/plain": repr(self), "text/html": "".join(parts)}


def model_answers(
    ids: str | Sequence[str] | None = None,
    *,
    topic: str | None = None,
    bank: BankSource | None = None,
) -> ModelAnswers:
    """The teacher's answer sheet: model answers and rubrics of open questions, keys of
    the others.  ``quiz.model_answers(["open-minsk-order"])`` for chosen ids, or
    ``quiz.model_answers(topic="concepts")``; without either, every open question.
    """
    source = _resolve_bank(bank)
    if ids is None and topic is None:
        return ModelAnswers(tuple(q for q in source.questions if q.type == "open"))
    questions, _ = select(source, ids, topic=topic)
    return ModelAnswers(questions)
