"""Rebuild the fresh14 gold files from tests/data/fresh14 (``python tests/gold/fresh14/build_fresh14.py``).

Every decision below was made by reading the texts, by the blind reviewer of issue 14
(review i14b) before any extractor had been run on them; Python only turns the decisions
into offsets, with the helpers of ``tests/gold/real/gold_lib.py``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "real"))
from gold_lib import body_of, find_in_order, header_of, name_spans  # noqa: E402

TEXTS = HERE.parents[1] / "data" / "fresh14"
LICENCE = "public domain: work of the US Government (17 U.S.C. 105)"
SD = "US State Department"
PRECISION = {10: "day", 8: "week", 7: "month", 4: "year"}

DECISIONS: dict[str, dict] = {  # type: ignore[type-arg]
    "f03_state_embassy_kyiv_posture": {
        # label -> (speaker, speaker_kind); unlabelled paragraphs continue the turn before
        "turns": {"MODERATOR:": (SD, "unnamed_source"), "SENIOR STATE DEPARTMENT OFFICIAL ONE:": (SD, "unnamed_source")},
        "dates": [("Sunday", "2022-01-23"), ("today", "2022-01-23"), ("this evening", "2022-01-23"),
                  ("this evening", "2022-01-23"), ("today", "2022-01-23")],
        "people": {},
        "excluded": [],
        "note": "State Department background call (Sunday 23 Jan 2022, ordered departure from Embassy Kyiv): "
                "moderator and briefer are unnamed and speak for the State Department.",
    },
    "f09_state_blinken_morning_joe": {
        "turns": {"SECRETARY BLINKEN:": ("Antony Blinken", "person"), "QUESTION:": (None, None)},
        "dates": [("this morning", "2022-02-16"), ("yesterday", "2022-02-15"), ("yesterday", "2022-02-15")],
        "people": {"Antony Blinken": "Antony Blinken", "BLINKEN": "Antony Blinken", "Mika": "Mika Brzezinski",
                   "Jonathan Lemire": "Jonathan Lemire", "Jonathan": "Jonathan Lemire", "Vladimir Putin": "Vladimir Putin",
                   "Stoltenberg": "Jens Stoltenberg", "Biden": "Joe Biden"},
        "excluded": ["just in a short time ago"],
        "note": "Interview transcript (MSNBC Morning Joe, 16 Feb 2022, the day after Russia announced a pullback): "
                "QUESTION turns are the hosts' and are not quotations; 'Mika' is Mika Brzezinski (named in the title only).",
    },
}


def _turns(body: str, labels: dict[str, tuple[str | None, str | None]]) -> list[tuple[str, str | None, str | None]]:
    out: list[tuple[str, str | None, str | None]] = []
    current: tuple[str | None, str | None] | None = None
    for line in body.split("\n"):
        text = line.strip()
        if not text:
            continue
        label = next((lab for lab in labels if text.startswith(lab)), None)
        if label is not None:
            current, text = labels[label], text[len(label):].strip()
        if current is not None and current[0] is not None and text:
            out.append((text, current[0], current[1]))
    return out


def main() -> None:
    for stem, spec in DECISIONS.items():
        path = TEXTS / f"{stem}.txt"
        body, header = body_of(path), header_of(path)
        listed = _turns(body, spec["turns"])
        spans = find_in_order(body, [t for t, _, _ in listed])
        quotes = [{"text": body[a:b], "start": a, "end": b, "speaker": who, "speaker_kind": kind, "fragment": False,
                   "where": "body", "note": "speaker turn"} for (a, b), (_, who, kind) in zip(spans, listed, strict=True)]
        dates = [{"text": text, "start": a, "end": b, "value": value, "until": None,
                  "precision": "week" if "W" in value else PRECISION[len(value)]}
                 for (a, b), (text, value) in zip(find_in_order(body, [d[0] for d in spec["dates"]]), spec["dates"], strict=True)]
        people = sorted(set(name_spans(body, spec["people"])))
        gold = {"article": stem, "file": path.name, "published": header["published"], "url": header["url"],
                "outlet": header["outlet"], "licence": LICENCE, "text_in_repository": True,
                "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(), "quotes": quotes,
                "dates": sorted(dates, key=lambda d: d["start"]),
                "people": [{"name": n, "text": body[a:b], "start": a, "end": b, "where": "body"} for a, b, n in people],
                "excluded": spec["excluded"], "note": spec["note"]}
        (HERE / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(stem, len(quotes), "quotes", len(dates), "dates", len(people), "people")


if __name__ == "__main__":
    main()
