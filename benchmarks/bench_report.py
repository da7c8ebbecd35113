"""How long does the results report take for a large class?

    python benchmarks/bench_report.py [STUDENTS] [QUESTIONS]

Simulates STUDENTS x QUESTIONS first answers (default 1000 x 100, Rasch model, fixed
seed) and times :func:`edu_kit.classroom.report.analyse` (every table of the report)
against a reference measured in the same run: the few lines of hand-written pandas and
numpy that give only p and the item-rest correlation per question.  Also times the HTML
page with its figures.
"""

from __future__ import annotations

import math
import random
import sys
import time

import numpy as np
import pandas as pd
from _timing import interleaved

from edu_kit.classroom import report
from edu_kit.quiz.model import Bank, Question


def simulate(students: int, questions: int) -> tuple[pd.DataFrame, Bank]:
    rng = random.Random(15)
    topics = ("timeline", "positions", "concepts", "sources")
    bank = Bank(tuple(Question(f"q{i:03d}", "single", f"Question {i}?", ("A", "B", "C", "D"), "A",
                               explanation="x", topics=(topics[i % 4],), reference="simulated")
                      for i in range(questions)))
    start = pd.Timestamp("2022-01-10T09:00Z")
    rows = []
    for s in range(students):
        theta = rng.gauss(0, 1)
        for i in range(questions):
            right = rng.random() < 1 / (1 + math.exp(-(theta - (2 * i / questions - 1))))
            rows.append((start + pd.Timedelta(seconds=30 * i), f"s{s:04d}", "sim", f"q{i:03d}",
                         "A" if right else rng.choice("BCD"), right, float(right), 1))
    columns = ["time", "student", "quiz", "question", "answer", "correct", "score", "attempt"]
    return pd.DataFrame(rows, columns=columns), bank


def hand_written(log: pd.DataFrame) -> pd.DataFrame:
    grid = log.pivot(index="student", columns="question", values="correct").astype(float)
    total = grid.sum(axis=1)
    rows = []
    for question in grid.columns:
        rest = (total - grid[question]) / (grid.shape[1] - 1)
        rows.append((question, grid[question].mean(), np.corrcoef(grid[question], rest)[0, 1]))
    return pd.DataFrame(rows, columns=["question", "p", "r"])


def main(students: int = 1000, questions: int = 100, repeats: int = 3) -> dict[str, float]:
    log, bank = simulate(students, questions)
    ours, reference = interleaved(lambda: report.analyse(log, bank), lambda: hand_written(log), repeats)
    analysed = report.analyse(log, bank)
    start = time.perf_counter()
    report.to_html(analysed)
    page = time.perf_counter() - start
    print(f"{students} students x {questions} questions: analyse {ours:.2f} s, hand-written p and r "
          f"{reference:.2f} s (ratio {ours / reference:.1f}x), HTML page with figures {page:.2f} s")
    return {"analyse_s": ours, "reference_s": reference, "ratio": ours / reference, "html_s": page}


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
