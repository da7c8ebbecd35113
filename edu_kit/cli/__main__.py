"""``python -m edu_kit.cli`` is the same as the ``edu-kit`` command."""

from . import main

if __name__ == "__main__":
    raise SystemExit(main())
