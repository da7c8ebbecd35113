"""The lexicon's word lists: plain strings, so that YAML never turns a word into a value."""

from __future__ import annotations

import yaml

from edu_kit._resources import package_data


def test_every_word_is_a_string() -> None:
    """Unquoted On, Off, Yes or No would load as booleans and silently drop out of a list."""
    spec = yaml.safe_load(package_data("data", "lexicon.yaml").read_text(encoding="utf-8"))
    for key, value in spec.items():
        items = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
        odd = [item for item in items if not isinstance(item, str)]
        assert not odd, f"lexicon.yaml '{key}' has non-text entries {odd}: put them in quotes"
