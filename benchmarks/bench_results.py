"""Loading and summarising a class's answers: 1,000 students x 100 answers (100,000 records).

    python benchmarks/bench_results.py [--students N] [--answers N] [--repeats N]

Writes the logs once with ``edu_kit.results.record`` (one file per student), then times

* ours: ``results.load(folder)`` (validating every line, naming bad ones) followed by
  ``results.summary(log)`` (latest answer by time per student, quiz and question);
* reference 1: ``pandas.read_json(path, lines=True)`` on every file and ``pd.concat``,
  i.e. reading the same JSONL with pandas alone, no validation and no summary;
* reference 2: pandas' fastest way here: every file's bytes joined, one ``read_json`` call;

alternately, and reports the medians and the ratios (ours / pandas).  Then the gradebook's
growth: its time for 400 students over its time for 100 (4 would be linear, 16 quadratic).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path
from typing import Any

from _timing import interleaved

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def write_class(folder: Path, students: int, answers: int) -> int:
    """Write ``students`` logs of ``answers`` records each, as lines of real records."""
    from edu_kit.results import Response

    for s in range(students):
        name = f"student-{s:04d}"
        lines = b"".join(
            Response(student=name, quiz=f"week{a % 4}", question=f"q{a % 40:02d}", variant="0123456789abcdef",
                     answer=f"choice {a % 5}", correct=a % 3 == 0, score=1.0 if a % 3 == 0 else 0.0,
                     attempt=1 + a // 40, time=f"2022-01-{10 + a // 40:02d}T09:{a % 60:02d}:{s % 60:02d}.000Z").to_line()
            for a in range(answers)
        )
        (folder / f"{name}.jsonl").write_bytes(lines)  # same bytes record() appends, written at once
    return students * answers


def main(students: int = 1000, answers: int = 100, repeats: int = 3) -> dict[str, float]:
    import pandas as pd

    from edu_kit.results import load, summary

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total = write_class(folder, students, answers)
        files = sorted(folder.glob("*.jsonl"))

        def ours() -> object:
            table = summary(load(folder))
            assert len(table) == students
            return table

        def pandas_alone() -> object:
            frame = pd.concat([pd.read_json(path, lines=True) for path in files], ignore_index=True)
            assert len(frame) == total
            return frame

        def pandas_one_call() -> object:
            data = b"".join(path.read_bytes() for path in files)
            frame = pd.read_json(io.BytesIO(data), lines=True)
            assert len(frame) == total
            return frame

        mine, reference = interleaved(ours, pandas_alone, repeats)
        _, single = interleaved(lambda: None, pandas_one_call, repeats)
    print(f"{students} students x {answers} answers = {total:,} records")
    print(f"edu_kit load + summary: {mine:.2f} s")
    print(f"pandas.read_json per file + concat: {reference:.2f} s   ratio: {mine / reference:.2f}x")
    print(f"pandas.read_json, one call on all bytes: {single:.2f} s   ratio: {mine / single:.2f}x")
    growth = gradebook_growth()
    return {"ours_s": mine, "pandas_s": reference, "ratio": mine / reference,
            "pandas_one_call_s": single, "ratio_one_call": mine / single, "records": float(total),
            "gradebook_growth": growth}


def class_log(students: int) -> tuple[Any, Any]:
    """``students`` x 40 answers to 40 bank questions over 7 quizzes, as the review's A11 log:
    the choice answers are not options, so the regraded log carries thousands of problems."""
    import pandas as pd

    from edu_kit.quiz import load_bank

    bank = load_bank()
    questions = list(bank.questions)[:40]
    start = pd.Timestamp("2022-01-10T09:00Z")
    rows = [(start + pd.Timedelta(seconds=i), f"s{s:04d}", f"w{i % 7}", q.id,
             "long answer " * 50 if q.type == "open" else "x", None if q.type == "open" else False,
             None if q.type == "open" else 0.0, 1 + i % 3)
            for s in range(students) for i, q in enumerate(questions)]
    columns = ["time", "student", "quiz", "question", "answer", "correct", "score", "attempt"]
    return pd.DataFrame(rows, columns=columns), bank


def gradebook_growth(students: int = 100, factor: int = 4, repeats: int = 3) -> float:
    """How the gradebook's time grows with the class (review atk4 A11): the exponent of
    time(factor x students) / time(students); 1 is linear, 2 quadratic."""
    import math

    from edu_kit.classroom.gradebook import grades

    small, large = class_log(students), class_log(factor * students)
    little, big = interleaved(lambda: grades(*small), lambda: grades(*large), repeats)
    exponent = math.log(big / little) / math.log(factor)
    print(f"gradebook, {students} then {factor * students} students x 40 answers: {factor}x the records take "
          f"{big / little:.1f}x the time (growth exponent {exponent:.2f}; 1 is linear)")
    return exponent


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    main(options.students, options.answers, options.repeats)
