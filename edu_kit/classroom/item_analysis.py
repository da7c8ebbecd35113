"""Item analysis of recorded quiz answers: what a teacher learns about each question.

Every function takes the DataFrame of :func:`edu_kit.results.load` (the *log*) and the
:class:`~edu_kit.quiz.Bank` the questions come from, and returns a DataFrame with
documented columns.  Nothing here reads or writes files.

Definitions (also in ``docs/quiz_format.md``):

- **first answer**: a student's earliest record for a question (by time, then attempt);
  **final answer**: the latest one.  ``p`` is the share of first answers that are right.
- **discrimination**: the *corrected point-biserial* correlation (item-rest correlation)
  between being right at the first attempt (0/1) and the student's share right on the
  *other* questions they answered (first attempts).  Near 0 the question does not
  separate stronger from weaker students; below 0 the weaker do better (a warning sign).
- **upper / lower group**: the 27 % (``group_share`` in ``edu_kit/data/item_analysis.yaml``)
  of the students answering a question with the highest / lowest rest score.  Students who
  tie at the edge of a group share its remaining places: each counts with the same weight
  (2 places, 4 tied students: each counts as half a student), so names never decide.
- **seconds**: the time since the same student's previous answer in the same quiz (the
  log records when an answer was given, not when the question was opened); gaps longer
  than ``max_gap_seconds``, gaps under one second (answers saved together, as an exam's
  Submit saves them) and each student's first answer in a quiz count as unknown.

>>> import pandas as pd
>>> from edu_kit.quiz.model import Bank, Question
>>> bank = Bank((Question("q1", "single", "Where?", ("Geneva", "Vienna", "Minsk"), "Geneva",
...                       topics=("timeline",), difficulty="easy"),))
>>> log = pd.DataFrame({"time": pd.to_datetime(["2022-01-10T09:00Z", "2022-01-10T09:01Z"]),
...     "student": ["ana", "ben"], "quiz": ["t", "t"], "question": ["q1", "q1"],
...     "answer": ["Geneva", "Vienna"], "correct": [True, False], "score": [1.0, 0.0],
...     "attempt": [1, 1]})
>>> items(log, bank)[["question", "n", "p"]].to_dict("records")
[{'question': 'q1', 'n': 2, 'p': 0.5}]
>>> distractors(log, bank)[["choice", "key", "picked"]].values.tolist()
[['Geneva', True, 1], ['Vienna', False, 1], ['Minsk', False, 0]]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._data import data_file
from ..errors import EduKitError
from .identity import ANONYMOUS
from .open_answers import NO_ANSWER

if TYPE_CHECKING:
    import pandas as pd

    from ..quiz.model import Bank, Question

__all__ = [
    "CHOICE_TYPES",
    "DIFFICULTY_VERDICTS",
    "ITEM_FLAGS",
    "NO_ANSWER",
    "OTHER",
    "Rules",
    "difficulty_check",
    "distractors",
    "final_answers",
    "first_answers",
    "flags",
    "items",
    "rules",
    "shown_order",
    "student_scores",
    "topic_mastery",
]

#: Question types whose answers are picked from options (so distractors can be counted).
CHOICE_TYPES = ("single", "multiple", "true_false", "matching")
#: The ``choice`` of the row of :func:`distractors` that counts first answers matching no option.
OTHER = "(none of the options)"
#: The flags about a question's quality (``difficulty disagrees`` is about its label).
ITEM_FLAGS = ("nobody right", "negative discrimination", "likely wrong key", "unused distractor")


@dataclass(frozen=True)
class Rules:
    """The thresholds of the report (see ``edu_kit/data/item_analysis.yaml``)."""

    difficulty_bands: Mapping[str, tuple[float, float]]
    min_answers: int
    group_share: float
    mastery_threshold: float
    max_gap_seconds: float
    negative_discrimination: float
    negative_z: float
    wrong_key_margin: float
    wrong_key_students: int
    wrong_key_discrimination: float
    unused_chance: float
    difficulty_z: float

    def band(self, p: float) -> str:
        """The difficulty a p-value measures: ``easy``, ``medium`` or ``hard``.

        >>> rules().band(0.9), rules().band(0.5), rules().band(0.1)
        ('easy', 'medium', 'hard')
        """
        for name, (low, high) in self.difficulty_bands.items():
            if low <= p < high:
                return name
        return "hard" if p < 0.5 else "easy"

    def negative_limit(self, n: int) -> float:
        """The r below which ``n`` students' answers show negative discrimination.

        >>> round(rules().negative_limit(10), 2), round(rules().negative_limit(30), 2)
        (-0.55, -0.31)
        """
        return min(self.negative_discrimination, -self.negative_z / math.sqrt(max(n - 1, 1)))

    def interval(self, p: float, n: int) -> tuple[float, float]:
        """The Wilson interval of a p-value from ``n`` answers (``difficulty_z``).

        >>> [round(x, 2) for x in rules().interval(0.5, 30)]
        [0.36, 0.64]
        """
        z = self.difficulty_z
        if n <= 0:
            return 0.0, 1.0
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return max(0.0, centre - half), min(1.0, centre + half)


def rules() -> Rules:
    """The thresholds in ``edu_kit/data/item_analysis.yaml``."""
    raw = data_file("item_analysis")
    try:
        bands = {str(k): (float(v[0]), float(v[1])) for k, v in raw["difficulty_bands"].items()}
        key = raw["wrong_key"]
        return Rules(bands, int(raw["min_answers"]), float(raw["group_share"]),
                     float(raw["mastery_threshold"]), float(raw["max_gap_seconds"]),
                     float(raw["negative_discrimination"]), float(raw["negative_z"]), float(key["min_margin"]),
                     int(key["min_students"]), float(key["max_discrimination"]),
                     float(raw["unused_chance"]), float(raw["difficulty_z"]))
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise EduKitError(f"edu_kit/data/item_analysis.yaml is malformed ({exc!r})",
                          hint="undo your edit of this file or reinstall edu_kit") from None


def _by(frame: pd.DataFrame, column: str) -> dict[Any, pd.DataFrame]:
    """``frame`` split by the values of ``column`` (one pass, instead of a filter per value)."""
    return {key: sub for key, sub in frame.groupby(column, sort=False)}  # noqa: C416 - dict() fails on a GroupBy


def _prepare(log: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    frame = log.copy()
    frame.attrs = {}  # notes and problems: pandas deep-copies attrs on every per-group step (atk4 A11)
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    frame["student"] = frame["student"].astype(object).where(frame["student"].notna(), ANONYMOUS)
    frame["score"] = frame["score"].astype(float)
    return frame.sort_values(["time", "attempt"], kind="stable")


def _graded(log: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Records of questions in the bank that are graded automatically (not ``open``)."""
    known = {q.id for q in bank if str(q.type) != "open"}
    frame = _prepare(log)
    return frame[frame["question"].isin(known) & frame["score"].notna()]


def first_answers(log: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Each student's first answer to each graded question of ``bank`` (a log subset).

    Adds ``right`` (1.0 if correct, else 0.0) and ``seconds`` (time to answer, or NaN).
    """
    import pandas as pd

    frame = _prepare(log)
    gaps = frame.groupby(["student", "quiz"])["time"].diff().dt.total_seconds()
    limit = rules().max_gap_seconds
    frame["seconds"] = gaps.where((gaps <= limit) & (gaps >= 1))  # under 1 s: saved together (an exam)
    graded = frame[frame["question"].isin({q.id for q in bank if str(q.type) != "open"})
                   & frame["score"].notna()]
    first = graded.groupby(["student", "question"], as_index=False, sort=False).head(1).copy()
    first["right"] = pd.Series(first["correct"], dtype="boolean").fillna(False).astype(float)
    return first.reset_index(drop=True)


def final_answers(log: pd.DataFrame, bank: Bank, *, by_quiz: bool = False) -> pd.DataFrame:
    """Each student's latest graded answer to each question (per quiz when ``by_quiz``)."""
    keys = ["student", "quiz", "question"] if by_quiz else ["student", "question"]
    return _graded(log, bank).groupby(keys, as_index=False, sort=False).tail(1).reset_index(drop=True)


def _rest_scores(first: pd.DataFrame) -> pd.DataFrame:
    """Per (student, question): the share right on the student's *other* first answers."""
    totals = first.groupby("student")["right"].agg(["sum", "count"])
    rest = first[["student", "question", "right"]].join(totals, on="student")
    others = rest["count"] - 1
    rest["rest"] = ((rest["sum"] - rest["right"]) / others).where(others > 0)
    return rest[["student", "question", "right", "rest"]]


def _correlation(x: pd.Series, y: pd.Series) -> float:
    """Pearson's r of the pairs where both values are known; NaN with fewer than 3 pairs
    or no variation."""
    import numpy as np

    a, b = x.to_numpy(dtype=float), y.to_numpy(dtype=float)
    known = ~(np.isnan(a) | np.isnan(b))
    a, b = a[known], b[known]
    if len(a) < 3:
        return math.nan
    a, b = a - a.mean(), b - b.mean()
    vx, vy = float((a * a).sum()), float((b * b).sum())
    if vx <= 1e-12 or vy <= 1e-12:
        return math.nan
    return float((a * b).sum() / math.sqrt(vx * vy))


def items(log: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """One row per graded question of ``bank`` that has answers.

    Columns: ``question``, ``type``, ``topics`` (joined with ", "), ``stated`` (the
    bank's difficulty), ``n`` (students who answered), ``answers`` (all attempts),
    ``p`` (share right at the first attempt), ``final`` (mean score of final answers),
    ``discrimination`` (corrected point-biserial; NaN with fewer than 3 students or no
    variation), ``group`` (students in each of the upper and lower groups; 0 with fewer
    than 4 students), ``upper_p`` and ``lower_p`` (share right in the upper / lower group),
    ``seconds`` (median time to answer, NaN when unknown), ``blank`` (of the ``n``
    students, those whose first answer was submitted blank -- an exam's Submit records an
    untouched question with no answer; counted as wrong in ``p``) and ``not_reached``
    (students who answered an earlier question of the same quiz but no question of that
    quiz from this one on: they stopped before it; not in ``n``).  The logs do not record
    the order a quiz showed its questions in, so "earlier" is the order estimated from the
    class's answers (:func:`shown_order`), not the bank's order; written (``open``)
    answers, saved at any time, do not count as reaching a question.
    """
    import pandas as pd

    columns = ["question", "type", "topics", "stated", "n", "answers", "p", "final",
               "discrimination", "group", "upper_p", "lower_p", "seconds", "blank", "not_reached"]
    first = first_answers(log, bank)
    if first.empty:
        return pd.DataFrame(columns=columns)
    rest = _rest_scores(first)
    final = final_answers(log, bank).groupby("question")["score"].mean()
    attempts = _graded(log, bank).groupby("question").size()
    rows: list[dict[str, Any]] = []
    firsts, rests = _by(first, "question"), _by(rest, "question")
    stopped = _not_reached(log, bank)
    for question in bank:
        if question.id not in firsts:
            continue
        sub, r = firsts[question.id], rests[question.id]
        upper, lower = _groups(r)
        rows.append({
            "question": question.id,
            "type": question.type,
            "topics": ", ".join(question.topics),
            "stated": question.difficulty,
            "n": len(sub),
            "answers": int(attempts.get(question.id, 0)),
            "p": float(sub["right"].mean()),
            "final": float(final.get(question.id, math.nan)),
            "discrimination": _correlation(r["right"], r["rest"]),
            "group": _size(upper),
            "upper_p": _weighted(upper, dict(zip(r["student"], r["right"], strict=True))),
            "lower_p": _weighted(lower, dict(zip(r["student"], r["right"], strict=True))),
            "seconds": float(sub["seconds"].median()) if sub["seconds"].notna().any() else math.nan,
            "blank": int(sub["answer"].map(_blank).sum()) if "answer" in sub else 0,
            "not_reached": stopped.get(question.id, 0),
        })
    return pd.DataFrame(rows, columns=columns)


def _blank(answer: object) -> bool:
    """Submitted without an answer: null in the log (None, or NaN once pandas has read it)."""
    return answer is None or (isinstance(answer, float) and math.isnan(answer))


def _not_reached(log: pd.DataFrame, bank: Bank) -> dict[str, int]:
    """Per question: students with a record in a quiz holding it whose last question of that
    quiz (in the order the quiz showed, :func:`shown_order`) comes before it.

    Only questions marked automatically count: a written (``open``) answer is saved whenever
    the student saves the text, often at the end or after the quiz, so it says nothing about
    how far the student got (review t15c P1: a student who stopped halfway and wrote the
    essay later was counted as having reached every question)."""
    frame = _prepare(log)
    bank_order = {q.id: n for n, q in enumerate(bank) if str(q.type) != "open"}
    frame = frame[frame["question"].isin(bank_order)]
    if frame.empty:
        return {}
    counts: dict[str, set[str]] = {}
    for _, sub in frame.groupby("quiz", sort=False):
        order = {qid: n for n, qid in enumerate(shown_order(sub, bank_order))}
        last = sub.assign(position=sub["question"].map(order)).groupby("student")["position"].max()
        for qid, position in order.items():
            counts.setdefault(str(qid), set()).update(str(s) for s in last[last < position].index)
    return {qid: len(students) for qid, students in counts.items()}


def shown_order(answers: pd.DataFrame, bank_order: Mapping[str, int] | None = None) -> list[str]:
    """The estimated order in which one quiz showed its questions (``answers``: that quiz's
    records, ``student`` and ``question``, in time order).

    The logs record when each answer was given, not the order the quiz showed the questions
    in (a teacher may list ids in any order).  So the order is estimated from the class:
    each question's position in each student's time-ordered first answers, and the
    questions sorted by the median of those positions (equal medians: by ``bank_order``,
    then by id).  A student who stops halfway gives positions only to the questions they
    reached, so the others' answers decide where the rest come.

    >>> import pandas as pd
    >>> answers = pd.DataFrame({"student": ["a", "a", "a", "b", "b"],
    ...                         "question": ["q3", "q1", "q2", "q3", "q1"]})
    >>> shown_order(answers)
    ['q3', 'q1', 'q2']
    """
    first = answers.drop_duplicates(["student", "question"])
    rank = first.groupby("student", sort=False).cumcount()
    medians = rank.groupby(first["question"]).median()
    known = bank_order or {}
    return sorted((str(q) for q in medians.index),
                  key=lambda q: (float(medians[q]), known.get(q, len(known)), q))


def _groups(rest: pd.DataFrame) -> tuple[dict[str, float], dict[str, float]]:
    """The upper and lower group for one question (by rest score), as weights per student.

    Each group has ``ceil(group_share * students)`` places.  Students whose rest score ties
    at the edge of a group share the places left: each gets ``places left / tied students``
    (review t15c P12: sorting ties by name let a renamed student remove a finding).
    """
    scored = [(float(r), str(st)) for r, st in zip(rest["rest"], rest["student"], strict=True)
              if not math.isnan(r)]
    if len(scored) < 4:
        return {}, {}
    size = max(1, math.ceil(rules().group_share * len(scored)))

    def pick(sign: float) -> dict[str, float]:
        weights: dict[str, float] = {}
        left = float(size)
        for value in sorted({sign * r for r, _ in scored}, reverse=True):
            tied = [st for r, st in scored if sign * r == value]
            share = min(1.0, left / len(tied))
            weights.update(dict.fromkeys(tied, share))
            left -= share * len(tied)
            if left <= 1e-9:
                break
        return weights

    return pick(1.0), pick(-1.0)


def _size(group: Mapping[str, float]) -> int:
    """The number of places of a group (its weights add up to it)."""
    return round(sum(group.values()))


def _weighted(group: Mapping[str, float], values: Mapping[str, float]) -> float:
    """The weighted mean of ``values`` over a group (NaN for an empty group)."""
    total = sum(group.values())
    if not total:
        return math.nan
    return sum(w * float(values.get(st, 0.0)) for st, w in group.items()) / total


def _picked(question: Question, answer: object) -> list[str]:
    """The options a recorded answer picked."""
    if question.type == "true_false":
        if isinstance(answer, bool):
            return ["True" if answer else "False"]
        return [str(answer)] if answer is not None else []
    if question.type == "single":
        return [str(answer)] if answer is not None else []
    if question.type == "multiple":
        return [str(a) for a in answer] if isinstance(answer, (list, tuple)) else []
    if question.type == "matching":
        return [str(v) for v in answer.values()] if isinstance(answer, Mapping) else []
    return []


def _keys(question: Question) -> set[str]:
    answer = question.answer
    if question.type == "true_false":
        return {"True" if answer else "False"}
    if question.type == "single":
        return {str(answer)}
    if question.type == "multiple" and isinstance(answer, tuple):
        return {str(a) for a in answer}
    if question.type == "matching" and isinstance(answer, tuple):
        return {str(pair[1]) for pair in answer if isinstance(pair, tuple)}
    return set()


def distractors(log: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """How often each option of each choice question was picked at the first attempt.

    One row per (question, option) for the types in :data:`CHOICE_TYPES`, options in
    bank order.  Columns: ``question``, ``choice``, ``key`` (whether the bank counts it
    right), ``picked`` (first answers that picked it), ``share`` (picked / students who
    answered), ``upper_share`` and ``lower_share`` (the same within the upper / lower
    group; NaN with fewer than 4 students).  When some students submitted the question
    blank (no answer at all), a row with ``choice`` :data:`NO_ANSWER` (``"(no answer)"``)
    counts them; when some first answers picked none of the options (a log written by
    hand or by another tool), one more row with ``choice`` :data:`OTHER` counts them, so
    the shares add up.
    """
    import pandas as pd

    columns = ["question", "choice", "key", "picked", "share", "upper_share", "lower_share"]
    first = first_answers(log, bank)
    if first.empty:
        return pd.DataFrame(columns=columns)
    rest = _rest_scores(first)
    rows: list[dict[str, Any]] = []
    firsts, rests = _by(first, "question"), _by(rest, "question")
    for question in bank:
        if question.type not in CHOICE_TYPES or question.id not in firsts:
            continue
        sub = firsts[question.id]
        upper, lower = _groups(rests[question.id])
        picks = {student: set(_picked(question, answer))
                 for student, answer in zip(sub["student"], sub["answer"], strict=True)}
        keys = _keys(question)
        for choice in question.choices:
            chosen = {s for s, p in picks.items() if choice in p}

            def share(group: dict[str, float], chosen: set[str] = chosen) -> float:
                return _weighted(group, dict.fromkeys(chosen, 1.0))

            rows.append({
                "question": question.id, "choice": choice, "key": choice in keys,
                "picked": len(chosen), "share": len(chosen) / len(picks),
                "upper_share": share(upper), "lower_share": share(lower),
            })
        known = set(question.choices)
        blank = {s for s, a in zip(sub["student"], sub["answer"], strict=True) if _blank(a)}
        stray = {s for s, p in picks.items() if (not p or not p <= known) and s not in blank}
        for label, group in ((NO_ANSWER, blank), (OTHER, stray)):
            if group:
                rows.append({
                    "question": question.id, "choice": label, "key": False, "picked": len(group),
                    "share": len(group) / len(picks),
                    "upper_share": _weighted(upper, dict.fromkeys(group, 1.0)),
                    "lower_share": _weighted(lower, dict.fromkeys(group, 1.0)),
                })
    return pd.DataFrame(rows, columns=columns)


#: The four verdicts of :func:`difficulty_check`, one rule for the table, the chart and the findings.
DIFFICULTY_VERDICTS = ("inside its band", "outside its band, within chance", "outside its band by more than chance",
                       "too few answers")


def difficulty_check(table: pd.DataFrame) -> pd.DataFrame:
    """Stated difficulty against the measured p-value, for each row of :func:`items`.

    Columns: ``question``, ``stated``, ``p``, ``n``, ``measured`` (the band of ``p``,
    see ``difficulty_bands``), ``agrees`` (None when fewer than ``min_answers`` students
    answered; False only when the data clearly disagree: the Wilson interval of ``p``,
    see ``difficulty_z``, lies wholly outside the stated band; True otherwise) and
    ``verdict``, the one rule in words (:data:`DIFFICULTY_VERDICTS`): ``inside its band``
    (``p`` lies in the stated band), ``outside its band, within chance`` (``p`` lies
    outside, but its interval still reaches the band: with this many students chance can
    explain it), ``outside its band by more than chance`` (``agrees`` is False: a
    ``difficulty disagrees`` finding) or ``too few answers``.
    """
    r = rules()
    out = table[["question", "stated", "p", "n"]].copy()
    out["measured"] = [r.band(p) for p in out["p"]]
    out["agrees"] = [None if n < r.min_answers else _agrees(r, str(s), float(p), int(n))
                     for s, p, n in zip(out["stated"], out["p"], out["n"], strict=True)]
    out["verdict"] = [_verdict(r, str(s), float(p), a)
                      for s, p, a in zip(out["stated"], out["p"], out["agrees"], strict=True)]
    return out.reset_index(drop=True)


def _verdict(r: Rules, stated: str, p: float, agrees: bool | None) -> str:
    if agrees is None:
        return DIFFICULTY_VERDICTS[3]
    if agrees is False:
        return DIFFICULTY_VERDICTS[2]
    return DIFFICULTY_VERDICTS[0] if r.band(p) == stated else DIFFICULTY_VERDICTS[1]


def _agrees(r: Rules, stated: str, p: float, n: int) -> bool:
    if stated not in r.difficulty_bands:
        return r.band(p) == stated
    low, high = r.difficulty_bands[stated]
    lowest, highest = r.interval(p, n)
    return highest >= low and lowest < high


def flags(table: pd.DataFrame, options: pd.DataFrame) -> pd.DataFrame:
    """Questions a teacher should look at, one row per finding.

    ``table`` is :func:`items`, ``options`` is :func:`distractors`.  Columns:
    ``question``, ``flag`` and ``detail``.  Every flag but ``nobody right`` needs at
    least ``min_answers`` students, and each needs a clear effect (the thresholds are in
    ``edu_kit/data/item_analysis.yaml``): ``nobody right`` (no first answer right),
    ``unused distractor`` (a wrong option nobody picked although the wrong answers were
    many enough that chance alone would rarely leave it unpicked), ``negative
    discrimination`` (r below :meth:`Rules.negative_limit`), ``likely wrong key`` (the
    upper group prefers another option to the key by a clear margin and the question
    does not discriminate as keyed; for a multiple question most of the upper group
    rejects a key or ticks a non-key), ``difficulty disagrees`` (the measured p-value
    lies outside the stated band by more than chance explains).
    """
    import pandas as pd

    r = rules()
    rows: list[dict[str, str]] = []
    by_question: dict[str, list[dict[str, Any]]] = {}
    elsewhere: dict[str, int] = {}  # first answers that went to no option (blank or none of them)
    for option in options.to_dict("records"):
        if option["choice"] in (OTHER, NO_ANSWER):
            elsewhere[str(option["question"])] = elsewhere.get(str(option["question"]), 0) + int(option["picked"])
        else:
            by_question.setdefault(str(option["question"]), []).append(option)

    def add(question: str, flag: str, detail: str) -> None:
        rows.append({"question": question, "flag": flag, "detail": detail})

    for item in table.itertuples():
        qid = str(item.question)
        if item.n and item.p == 0:
            add(qid, "nobody right", f"none of {item.n} students was right at the first attempt")
        if item.n < r.min_answers:
            continue
        if not math.isnan(item.discrimination) and item.discrimination < r.negative_limit(int(item.n)):
            add(qid, "negative discrimination",
                f"r = {item.discrimination:.2f}: students who do worse on the other questions "
                "do better on this one")
        sub = by_question.get(qid, [])
        wrong_answers = max(0, round(item.n * (1 - item.p)) - elsewhere.get(qid, 0))
        distractor_count = sum(1 for o in sub if not o["key"])
        if distractor_count and _unpicked_by_chance(wrong_answers, distractor_count) < r.unused_chance:
            for option in sub:
                if not option["key"] and option["picked"] == 0:
                    add(qid, "unused distractor",
                        f"nobody of {item.n} students picked {option['choice']!r}: {wrong_answers} wrong "
                        f"answers went to the other options (by chance {_odds(wrong_answers, distractor_count)})")
        _wrong_key(r, item, sub, add)
    for row in difficulty_check(table).itertuples():
        if row.agrees is False:
            low, high = r.interval(float(row.p), int(row.n))
            add(str(row.question), "difficulty disagrees",
                f"stated {row.stated}, measured {row.measured} (p = {row.p:.2f}, n = {row.n}; "
                f"90% range {low:.2f}-{high:.2f})")
    return pd.DataFrame(rows, columns=["question", "flag", "detail"])


def _unpicked_by_chance(wrong: int, distractors: int) -> float:
    """The chance that one wrong option gets none of ``wrong`` answers spread evenly at random."""
    if wrong <= 0:
        return 1.0
    return float(((distractors - 1) / distractors) ** wrong)


def _odds(wrong: int, distractors: int) -> str:
    """How rarely chance leaves one wrong option unpicked (:func:`_unpicked_by_chance`), in words.

    A large class makes the chance underflow to 0.0, so a tiny one is put in log space:
    "less than 1 time in 10^528" (review atk4 A10: ``1 / chance`` crashed the report).
    """
    if distractors <= 1:  # the wrong answers went to no option at all (blank or stray)
        return "never: it is the only wrong option"
    chance = _unpicked_by_chance(wrong, distractors)
    if chance >= 1e-15:
        return f"about 1 time in {round(1 / chance):,}"
    return f"less than 1 time in 10^{math.floor(wrong * math.log10(distractors / (distractors - 1)))}"


def _wrong_key(r: Rules, item: Any, options: list[dict[str, Any]], add: Any) -> None:
    group = int(item.group)
    if not group or math.isnan(item.discrimination) or item.discrimination > r.wrong_key_discrimination:
        return
    upper = [o for o in options if not math.isnan(o["upper_share"])]
    keys = [o for o in upper if o["key"]]
    others = [o for o in upper if not o["key"]]

    def count(option: dict[str, Any]) -> float:  # weighted: tied students count in part
        return round(float(option["upper_share"]) * group, 6)

    def times(option: dict[str, Any]) -> str:
        return f"{count(option):g}"

    qid, kind = str(item.question), str(item.type)
    if kind in ("single", "true_false") and keys and others:
        best = max(others, key=lambda o: o["upper_share"])  # the first of equals, as in bank order
        key = keys[0]
        margin = count(best) - count(key)
        if margin >= r.wrong_key_students and margin >= r.wrong_key_margin * group:
            add(qid, "likely wrong key",
                f"the upper group ({group} students) picked {best['choice']!r} {times(best)} times "
                f"({best['upper_share']:.0%}), the key {key['choice']!r} {times(key)} times "
                f"({key['upper_share']:.0%}); r = {item.discrimination:.2f}")
    elif kind == "multiple":
        needed = max(r.wrong_key_students, math.ceil((0.5 + r.wrong_key_margin / 2) * group))
        rejected = [str(o["choice"]) for o in keys if group - count(o) >= needed]
        wanted = [str(o["choice"]) for o in others if count(o) >= needed]
        if rejected or wanted:
            parts = ([f"most of the upper group left out the key {c!r}" for c in rejected]
                     + [f"most of the upper group ticked {c!r}, which is not a key" for c in wanted])
            add(qid, "likely wrong key", "; ".join(parts) + f" (r = {item.discrimination:.2f})")


def student_scores(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per student: score and mastery per topic (final answers; open answers by marks).

    Students are listed in :func:`edu_kit.results.student_order`.  Columns: ``student``,
    ``questions`` (the questions of the quizzes the student took: every question anyone
    answered in one of those quizzes), ``answered`` (questions answered, written answers
    still to mark included), ``blank`` (questions submitted without an answer),
    ``score`` (sum of final scores, an open answer counting ``mark / max``), ``percent``
    (score / the student's questions × 100: a question left blank or never reached counts
    0, so stopping early is not rewarded; an answer still to mark is left out until it is
    marked -- the gradebook counts it 0), ``to_mark`` (open answers without a mark; a
    written answer submitted blank scores 0 and is not one), then one column per topic of
    the bank: the mean score of the student's questions of that topic, unanswered ones
    counting 0 (NaN when the student's quizzes held none).  A practice answer to a
    question the student answered in an exam does not count (:func:`edu_kit.results.counted`).
    ``marks`` is :func:`edu_kit.classroom.open_answers.read_marks`.
    """
    import pandas as pd

    from ..results import student_order

    scored = _scored(log, bank, marks)
    topics = _topic_order(bank)
    columns = ["student", "questions", "answered", "blank", "score", "percent", "to_mark", *topics]
    if scored.empty:
        return pd.DataFrame(columns=columns)
    # the questions each student was given: those of every quiz they have a record in
    asked = scored.attrs.pop("asked")
    students = student_order(set(asked["student"]))
    full = asked.merge(scored, on=["student", "question"], how="left")
    full["score"] = full["score"].where(full["answered"].notna() | full["score"].notna(), 0.0)
    full = full.fillna({"answered": 0, "blank": 0}).astype({"answered": int, "blank": int})
    full["topics"] = full["question"].map({q.id: tuple(q.topics) for q in bank})
    done = full[full["score"].notna()]
    table = pd.DataFrame({"student": students}).set_index("student")
    table["questions"] = full.groupby("student").size()
    table["answered"] = full.groupby("student")["answered"].sum()
    table["blank"] = full.groupby("student")["blank"].sum()
    table["score"] = done.groupby("student")["score"].sum()
    table["percent"] = 100 * done.groupby("student")["score"].mean()
    table["to_mark"] = full["score"].isna().groupby(full["student"]).sum()
    long = done[["student", "topics", "score"]].explode("topics")
    means = long.groupby(["student", "topics"])["score"].mean().unstack()
    for topic in topics:
        table[topic] = means.get(topic, math.nan)
    table = table.fillna({"questions": 0, "answered": 0, "blank": 0, "score": 0.0, "to_mark": 0}).astype(
        {"questions": int, "answered": int, "blank": int, "to_mark": int})
    return table.reset_index()[columns]


def _topic_order(bank: Bank) -> list[str]:
    seen: list[str] = []
    for question in bank:
        seen.extend(t for t in question.topics if t not in seen)
    return seen


def _scored(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None) -> pd.DataFrame:
    """One row per (student, question) answered: final score (open: mark / max or NaN),
    ``answered`` and ``blank`` (1 or 0); ``attrs["asked"]`` holds the (student, question)
    pairs of the quizzes each student took."""
    from ..results import counted
    from .open_answers import usable_marks

    frame = counted(_prepare(log))
    frame = frame[frame["question"].isin(set(bank.ids))]
    last = frame.groupby(["student", "question"], as_index=False, sort=False).tail(1)
    out = last[["student", "question", "score"]].copy()
    kinds = {q.id: str(q.type) for q in bank}
    is_open = out["question"].map(kinds) == "open"
    blank = last["answer"].map(lambda a: a is None or (isinstance(a, float) and math.isnan(a))).astype(bool)
    out["answered"] = (~blank).astype(int)
    out["blank"] = blank.astype(int)
    out.loc[is_open, "score"] = math.nan
    out.loc[is_open & blank, "score"] = 0.0  # submitted blank: nothing to mark, 0 unless marked
    out.loc[~is_open & out["score"].isna(), "score"] = 0.0  # an answer that could not be graded counts 0
    given, _ = usable_marks(log, bank, marks)
    for index in out.index[is_open]:
        key = (str(out.at[index, "student"]), str(out.at[index, "question"]))
        if key in given:
            out.at[index, "score"] = given[key]
    out = out.reset_index(drop=True)
    quizzes = frame[["quiz", "question"]].drop_duplicates()
    taken = frame[["student", "quiz"]].drop_duplicates()
    out.attrs["asked"] = taken.merge(quizzes, on="quiz")[["student", "question"]].drop_duplicates()
    return out


def topic_mastery(scores: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Per topic, the class's mastery, from :func:`student_scores`.

    Columns: ``topic``, ``students`` (whose quizzes held a question of the topic),
    ``mastery`` (mean of their topic scores), ``mastered`` (share of them at or above
    ``mastery_threshold``).
    """
    import pandas as pd

    threshold = rules().mastery_threshold
    rows = []
    for topic in _topic_order(bank):
        if topic not in scores:
            continue
        values = scores[topic].dropna()
        if values.empty:
            continue
        rows.append({"topic": topic, "students": len(values), "mastery": float(values.mean()),
                     "mastered": float((values >= threshold).mean())})
    return pd.DataFrame(rows, columns=["topic", "students", "mastery", "mastered"])
