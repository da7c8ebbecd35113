"""``python -m edu_kit`` is the same as the ``edu-kit`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
