"""A simulated class for the report's tests: 30 students of known ability answer 20
single-choice questions (Rasch model, fixed seed).

Two faults are planted on purpose:

- ``sim-q07`` has a wrong key: the bank says ``A``, but the right answer is ``B``, which
  is what students who know the answer pick (so the log marks them wrong);
- ``sim-q12`` has a useless distractor: nobody ever picks ``D``.

>>> log, bank = simulate()
>>> len(log), len(bank), log["student"].nunique()
(600, 20, 30)
"""

from __future__ import annotations

import json
import math
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from edu_kit.quiz.model import Bank, Question

STUDENTS = 30
QUESTIONS = 20
WRONG_KEY = "sim-q07"
USELESS = "sim-q12"
USELESS_CHOICE = "D"
TOPICS = ("timeline", "positions", "concepts", "sources")


def abilities(students: int = STUDENTS) -> list[float]:
    """The abilities of ``students`` students, evenly from -2 to 2 (student s00 is the weakest)."""
    if students < 2:
        raise ValueError(f"students={students!r}: a simulated class needs 2 or more students")
    return [-2 + 4 * s / (students - 1) for s in range(students)]


def difficulties() -> list[float]:
    """The questions' Rasch difficulties, from -1.2 to 1.2."""
    return [-1.2 + 2.4 * q / (QUESTIONS - 1) for q in range(QUESTIONS)]


def _stated(b: float) -> str:
    return "easy" if b < -0.5 else ("hard" if b > 0.5 else "medium")


def bank() -> Bank:
    questions = []
    for q, b in enumerate(difficulties()):
        questions.append(Question(
            id=f"sim-q{q:02d}", type="single", prompt=f"Simulated question {q}?",
            choices=("A", "B", "C", "D"), answer="A", explanation="Simulated.",
            topics=(TOPICS[q % 4],), difficulty=_stated(b), reference="Simulated test bank"))  # type: ignore[arg-type]
    return Bank(tuple(questions))


def simulate(seed: int = 15, students: int = STUDENTS) -> tuple[pd.DataFrame, Bank]:
    """The log (as :func:`edu_kit.results.load` returns it) and the bank.

    ``students`` (2 or more) students answer, their abilities evenly from -2 to 2; the
    default is the class of 30 the tests use.
    """
    rng = random.Random(seed)
    start = datetime(2022, 1, 10, 9, 0, tzinfo=timezone.utc)
    rows = []
    for s, theta in enumerate(abilities(students)):
        clock = start
        for q, b in enumerate(difficulties()):
            qid = f"sim-q{q:02d}"
            clock += timedelta(seconds=20 + rng.randrange(40))
            knows = rng.random() < 1 / (1 + math.exp(-(theta - b)))
            truth = "B" if qid == WRONG_KEY else "A"
            wrong = [c for c in "ABCD" if c != truth and not (qid == USELESS and c == USELESS_CHOICE)]
            answer = truth if knows else rng.choice(wrong)
            right = answer == "A"
            rows.append({"time": clock, "student": f"s{s:02d}", "quiz": "simulated", "question": qid,
                         "variant": "0" * 16, "answer": answer, "correct": right,
                         "score": 1.0 if right else 0.0, "attempt": 1, "file": "sim", "line": len(rows) + 1})
    frame = pd.DataFrame(rows)
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    return frame, bank()


def write_logs(folder: Path, log: pd.DataFrame) -> Path:
    """Write ``log`` as JSONL response logs (one file per student) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for student, rows in log.groupby("student"):
        lines = []
        for row in rows.itertuples():
            record = {"time": row.time.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "student": student,
                      "quiz": row.quiz, "question": row.question, "variant": row.variant,
                      "answer": row.answer, "correct": bool(row.correct), "score": float(row.score),
                      "attempt": int(row.attempt)}
            lines.append(json.dumps(record))
        (folder / f"{student}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
