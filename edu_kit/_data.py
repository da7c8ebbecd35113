"""Read the package's own YAML data files (patterns and word lists) once."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from ._resources import package_data
from .errors import EduKitError

__all__ = ["MONTH_NAMES", "SAFE_LOADER", "data_file"]

#: English month names, January first (fixed, not the locale's as in ``calendar``).
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: PyYAML's safe loader, in C when libyaml is there (ten times faster, same results).
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def data_file(name: str) -> Any:
    """Parsed content of ``edu_kit/data/<name>.yaml`` (cached; treat as read-only).

    >>> data_file("text_patterns")["heading_max_words"]
    12
    """
    path = package_data("data", f"{name}.yaml")
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise EduKitError(
            f"package data file is not valid YAML: {exc}",
            path=path,
            line=None if mark is None else mark.line + 1,
            hint="reinstall edu_kit, or undo your edit of this file",
        ) from exc
    except OSError as exc:
        raise EduKitError(
            f"package data file cannot be read: {exc.strerror}",
            path=path,
            hint="reinstall edu_kit",
        ) from exc
