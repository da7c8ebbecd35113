"""Running a class: who answers, assignments, grading with the keyed bank, collected work.

* :mod:`.identity` -- the student is the JupyterHub login, else ``$EDU_KIT_STUDENT``,
  else ``student=``, else the quiz asks for a name once per kernel.
* :mod:`.assignments` -- an assignment YAML file becomes a student folder
  (``edu-kit assign``); :func:`assignment` is the student's one-line quiz cell.
* :mod:`.grading` -- grade saved answers with the keyed bank (``edu-kit grade``) and
  write each student's feedback page.
* :mod:`.collected` -- read nbgrader's ``submitted/<student>/<assignment>/`` tree.

In a released notebook::

    from edu_kit import classroom; classroom.assignment()

What a teacher does with the answers:

* :mod:`.item_analysis` -- per-question statistics, flags, scores and mastery (DataFrames).
* :mod:`.open_answers` -- written answers to ``open`` questions and the teacher's marks.
* :mod:`.report` -- the results report as one static HTML page, and its figures.
* :mod:`.gradebook` -- scores per student and assignment for Moodle, Canvas and Excel.
"""

from __future__ import annotations

from .assignments import Assignment, assignment, load_assignment, release
from .collected import load_collected
from .grading import grade_log, write_feedback
from .identity import ANONYMOUS, Identity, resolve

__all__ = [
    "ANONYMOUS",
    "Assignment",
    "Identity",
    "assignment",
    "grade_log",
    "load_assignment",
    "load_collected",
    "release",
    "resolve",
    "write_feedback",
]
