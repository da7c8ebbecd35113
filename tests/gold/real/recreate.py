"""Check re-created licensed-out texts against their gold files (run: python recreate.py [folder]).

For every gold file marked ``"text_in_repository": false`` this reports whether its text is
in the folder (default ``tests/data/real_local``) and whether the body is exactly the one
annotated: the sha256 is computed the way the scorer computes it (the body as
``edu_kit`` reads it).  When the hash differs, it says where to look: the first annotation
whose excerpt is not at its offset (and where that excerpt is instead, i.e. how many
characters too many or too few come before it), or, when every annotation is in place,
what follows the last one (then the end of the text is what differs).  See recreate.md.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT))

from edu_kit.corpus.reading import decode_article, parse_text  # noqa: E402


def body_of(path: Path) -> str:
    """The body exactly as the scorer hashes it."""
    return parse_text(decode_article(path.read_bytes(), path), path).body


def annotations(gold: dict) -> list[tuple[int, int, str]]:
    return sorted((r["start"], r["end"], r["text"]) for key in ("quotes", "dates", "people") for r in gold.get(key, []))


def diagnose(gold: dict, body: str) -> str:
    for start, end, text in annotations(gold):
        if body[start:end] != text:
            found = body.find(text)
            where = f"found at {found} ({found - start:+d} characters before it)" if found >= 0 else "not found at all"
            return f"{text[:40]!r} expected at {start}: {where}"
    last = max((end for _, end, _ in annotations(gold)), default=0)
    return f"every annotation in place; the text after the last one (at {last}) differs: {body[last:last + 80]!r}"


def main(folder: Path) -> int:
    matched = missing = wrong = 0
    for gold_path in sorted(HERE.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("text_in_repository") is not False:
            continue
        path = folder / gold["file"]
        if not path.exists():
            missing += 1
            print(f"missing  {gold['file']}  ({gold['url']})")
            continue
        body = body_of(path)
        if hashlib.sha256(body.encode("utf-8")).hexdigest() == gold["sha256"]:
            matched += 1
            print(f"ok       {gold['file']}")
        else:
            wrong += 1
            print(f"DIFFERS  {gold['file']}  ({len(body)} characters): {diagnose(gold, body)}")
    print(f"{matched} match, {wrong} differ, {missing} missing")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "real_local"))
