"""Running a class: who answers, assignments, grading with the keyed bank, collected work.

* :mod:`.identity` -- the student is the JupyterHub login, else ``$EDU_KIT_STUDENT``,
  else ``student=``, else the quiz asks for a name once per kernel.
"""

from __future__ import annotations

from .identity import ANONYMOUS, Identity, resolve

__all__ = ["ANONYMOUS", "Identity", "resolve"]
