"""The classroom: what a teacher does with the answers students give.

- :mod:`.item_analysis`: per-question statistics, flags, scores and mastery (DataFrames).
- :mod:`.open_answers`: written answers to ``open`` questions and the teacher's marks.
- :mod:`.report`: the results report as one static HTML page, and its figures.
- :mod:`.gradebook`: scores per student and assignment for Moodle, Canvas and Excel.

Nothing is imported until used, so ``import edu_kit.classroom`` stays fast.
"""

from __future__ import annotations

__all__: list[str] = []
