"""Where the bundled data lives, installed or in a source checkout.

In a wheel, ``seeds/``, ``quizzes/`` and ``sources/`` are shipped inside the package as
``edu_kit/_bundled/``; in a source checkout (editable install, or running from the
repository) they are the top-level folders beside ``edu_kit/``.  Callers ask for a
name and get a real directory either way.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["bundled_dir", "package_data"]

_BUNDLED = ("seeds", "quizzes", "sources")


def bundled_dir(name: str) -> Path:
    """Return the directory of bundled ``seeds``, ``quizzes`` or ``sources``.

    >>> bundled_dir("seeds").joinpath("SHA256SUMS").is_file()
    True
    """
    if name not in _BUNDLED:
        from .errors import ChoiceError

        raise ChoiceError.of("bundled folder", name, _BUNDLED)
    installed = Path(str(resources.files("edu_kit"))) / "_bundled" / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


def package_data(*parts: str) -> Path:
    """Path of a data file shipped inside the package, e.g. ``package_data("knowledge", "data")``."""
    node = resources.files("edu_kit")
    for part in parts:
        node = node.joinpath(part)
    return Path(str(node))
