"""Exchange formats for question banks: one module per format, each with ``dump``
(questions → the format, with what it could not hold) and ``load`` (the format →
questions).

- :mod:`.gift`: Moodle's plain-text GIFT (export and import);
- :mod:`.moodle_xml`: Moodle XML (export, and reading back);
- :mod:`.qti`: QTI 1.2 for Canvas, built by text2qti (export, and reading back).

>>> sorted(FORMATS)
['gift', 'moodle-xml', 'qti']
"""

from __future__ import annotations

from ._common import Exported, Imported, LeftOut

__all__ = ["FORMATS", "Exported", "Imported", "LeftOut"]

#: Format name -> (module, file suffix).
FORMATS: dict[str, tuple[str, str]] = {
    "gift": ("edu_kit.quiz.formats.gift", ".gift"),
    "moodle-xml": ("edu_kit.quiz.formats.moodle_xml", ".xml"),
    "qti": ("edu_kit.quiz.formats.qti", ".zip"),
}
