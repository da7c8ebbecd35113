"""How often are the report's findings right and wrong on simulated classes?

    python benchmarks/flag_rates.py [--classes 40] [--sizes 10 15 20 30]

Not a timing benchmark: it reproduces the figures that the report, docs/quiz_format.md and
the README give (``edu_kit.classroom.report.MEASURED_FLAGS``).

For each class size N it simulates ``--classes`` classes with tests/simulated_class.py
(``simulate(seed, students=N)``: N students of abilities evenly from -2 to 2 answer 20
single-choice questions by the Rasch model; ``sim-q07`` has a wrong key, the right answer
being B; nobody ever picks ``sim-q12``'s D).  Class number i (0, 1, ...) of size N uses the
fixed seed ``1000 * N + i``, so every run gives the same table.  Each class goes through
:func:`edu_kit.classroom.item_analysis.flags` (with ``items`` and ``distractors``) and is
counted as follows; every count is a number of classes, out of ``--classes``:

- false "likely wrong key": the class has a ``likely wrong key`` finding on a question
  other than sim-q07;
- true wrong key found: the class has a ``likely wrong key`` finding on sim-q07;
- false "unused distractor": the class has an ``unused distractor`` finding on an option
  other than sim-q12's D.

The number of such findings (a class may have more than one) is shown in brackets.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from simulated_class import USELESS, USELESS_CHOICE, WRONG_KEY, simulate

from edu_kit.classroom import item_analysis as ia

__all__ = ["Rates", "class_seed", "main", "rates", "sweep", "table"]

CLASSES = 40
SIZES = (10, 15, 20, 30)


@dataclass(frozen=True)
class Rates:
    """The counts for one class size: classes with each finding, and the findings in all."""

    size: int
    classes: int
    false_wrong_key: int
    true_wrong_key: int
    false_unused: int
    false_wrong_key_findings: int
    false_unused_findings: int


def class_seed(size: int, index: int) -> int:
    """The fixed seed of class number ``index`` of ``size`` students."""
    return 1000 * size + index


def _is_planted(question: str, detail: str) -> bool:
    """Whether an ``unused distractor`` finding is the planted one, sim-q12's D (the detail
    names the option: "nobody of 10 students picked 'D': ...")."""
    return question == USELESS and f" picked {USELESS_CHOICE!r}:" in detail


def rates(size: int, classes: int = CLASSES) -> Rates:
    """Simulate ``classes`` classes of ``size`` students and count the findings."""
    if size < 2:
        raise ValueError(f"size={size!r}: a simulated class needs 2 or more students")
    if classes < 1:
        raise ValueError(f"classes={classes!r}: give 1 or more classes")
    false_key = true_key = false_unused = false_key_n = false_unused_n = 0
    for index in range(classes):
        log, bank = simulate(class_seed(size, index), students=size)
        found = ia.flags(ia.items(log, bank), ia.distractors(log, bank))
        keyed = found[found["flag"] == "likely wrong key"]
        wrong_keys = int((keyed["question"] != WRONG_KEY).sum())
        unused = found[found["flag"] == "unused distractor"]
        planted = [_is_planted(str(q), str(d)) for q, d in zip(unused["question"], unused["detail"], strict=True)]
        wrong_unused = planted.count(False)
        false_key += wrong_keys > 0
        false_key_n += wrong_keys
        true_key += bool((keyed["question"] == WRONG_KEY).any())
        false_unused += wrong_unused > 0
        false_unused_n += wrong_unused
    return Rates(size, classes, false_key, true_key, false_unused, false_key_n, false_unused_n)


def sweep(sizes: tuple[int, ...] = SIZES, classes: int = CLASSES) -> list[Rates]:
    """:func:`rates` for every size, in the order given."""
    return [rates(size, classes) for size in sizes]


def table(results: list[Rates]) -> str:
    """The counts as a plain-text table."""
    head = ("students", "classes", "false 'likely wrong key'", "true wrong key found",
            "false 'unused distractor'")
    rows = [(str(r.size), str(r.classes), f"{r.false_wrong_key} ({r.false_wrong_key_findings})",
             str(r.true_wrong_key), f"{r.false_unused} ({r.false_unused_findings})") for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--classes", type=int, default=CLASSES, help="classes per size (default 40)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES),
                        help="class sizes in students (default 10 15 20 30)")
    args = parser.parse_args(argv)
    try:
        start = time.perf_counter()
        results = sweep(tuple(args.sizes), args.classes)
    except ValueError as exc:
        parser.error(str(exc))
    took = time.perf_counter() - start
    sys.stdout.write(table(results) + "\n")
    sys.stdout.write("Counts are classes (of 'classes') with the finding; in brackets the findings in all.\n"
                     f"Seeds 1000 * students + class number. Took {took:.1f} s.\n")


if __name__ == "__main__":
    main()
