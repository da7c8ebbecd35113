"""The fast schema gate agrees with jsonschema on every bank file we have."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from edu_kit.quiz._schema import _schema, is_valid
from edu_kit.quiz._yaml import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p
    for folder in (ROOT / "quizzes", ROOT / "tests" / "data")
    for p in folder.rglob("*.yaml")
    if "bank" in p.read_text(encoding="utf-8", errors="replace")[:2000]
)


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_fast_gate_agrees_with_jsonschema(path: Path) -> None:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")).data
    except Exception:
        pytest.skip("not YAML")
    expected = not list(jsonschema.Draft202012Validator(_schema()).iter_errors(data))
    assert is_valid(data) is expected


def test_gate_sees_a_schema_error() -> None:
    assert is_valid({"bank": "x", "title": "t", "questions": [{"id": "q", "type": "nonsense"}]}) is False
