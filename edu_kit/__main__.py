"""``python -m edu_kit`` is the same as the ``edu-kit`` command."""

from .cli import main

raise SystemExit(main())
