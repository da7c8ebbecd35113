"""Score the annotation against hand-made gold data (precision, recall, accuracy).

A gold file (JSON, one per article; see ``tests/gold/README.md``) lists the
article's quotations with speakers, date expressions with values and name mentions
of people, with character offsets into the body.  A prediction matches a gold item
when their spans overlap by at least half of the shorter one.

Categories reported:

``quote_spans``         finding quotations (fragments included)
``attribution``         (quotation, speaker) pairs of full quotations -- the headline figure
``attribution_all``     the same with fragments
``date_spans``          finding date expressions
``dates``               finding date expressions with the right value (and end of range)
``date_values``         accuracy of the value (and end of range) of matched dates
``date_values_explicit`` the same for dates written with a month name or a year
``people``              person name mentions with the right person
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _rename
from .annotate import Annotations, annotate
from .corpus import Article, Corpus
from .errors import EduKitError
from .knowledge import KnowledgeBase, load_knowledge

__all__ = ["Score", "score_article", "score_gold"]


@dataclass(frozen=True)
class Score:
    """Counts for one category; precision/recall/F1 derived from them."""

    category: str
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.category,
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.expected + other.expected,
        )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _name(value: str | None) -> str | None:
    """A name in comparable form: the knowledge base's canonical name when it knows the
    spelling (gold "Vasily Nebenzia" = "Vasily Nebenzya"), without accents and case."""
    if value is None:
        return None
    kb = load_knowledge()
    known = kb.person(value) or kb.surface_forms().get(value, (None, False))[0]
    if known is not None:
        value = known.name
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return " ".join(folded.replace("the ", " ").split())


def _same_person(predicted: str | None, gold: str | None) -> bool:
    """Same speaker or person: the same name, or a surname alone (as the text names them,
    "President Galtolno", '"…," Traisdainnail said') that is the gold name's surname."""
    if predicted == gold:
        return True
    return predicted is not None and gold is not None and " " not in predicted and gold.split()[-1] == predicted


def _match(pred: list[tuple[int, int, Any]], gold: list[tuple[int, int, Any]], same: Any = None) -> int:
    """Greedy one-to-one matching; ``same(p, g)`` decides whether payloads agree."""
    used: set[int] = set()
    hits = 0
    for start, end, payload in pred:
        for index, (g_start, g_end, g_payload) in enumerate(gold):
            if index in used or not _overlaps((start, end), (g_start, g_end)):
                continue
            if same is None or same(payload, g_payload):
                used.add(index)
                hits += 1
                break
    return hits


def _explicit(text: str) -> bool:
    return bool(re.search(r"\b(?:19|20)\d\d\b|January|February|March|April|May|June|July|August|September|October|November|December|\bJan\b|\bFeb\b|\bDec\b|\bNov\b|\bOct\b|\bSept?\b|\bAug\b", text))


def score_article(article: Article, gold: dict[str, Any], notes: Annotations) -> dict[str, Score]:
    """Scores of one article's annotations against its gold record."""
    quotes = notes.quotes
    g_quotes = gold["quotes"]
    scores: dict[str, Score] = {}

    spans_p = [(q.start, q.end, None) for q in quotes]
    spans_g = [(q["start"], q["end"], None) for q in g_quotes]
    scores["quote_spans"] = Score("quote_spans", _match(spans_p, spans_g), len(spans_p), len(spans_g))

    for category, keep_fragments in (("attribution", False), ("attribution_all", True)):
        gold_pairs = [
            (q["start"], q["end"], _name(q["speaker"])) for q in g_quotes if q["speaker"] and (keep_fragments or not q["fragment"])
        ]
        gold_full = [(q["start"], q["end"]) for q in g_quotes if not q["fragment"]]
        pred_pairs = [
            (q.start, q.end, _name(q.speaker))
            for q in quotes
            if q.speaker and (keep_fragments or not q.fragment or any(_overlaps((q.start, q.end), g) for g in gold_full))
        ]
        hits = _match(pred_pairs, gold_pairs, _same_person)
        scores[category] = Score(category, hits, len(pred_pairs), len(gold_pairs))

    dates_p = [(d.start, d.end, (d.value, d.until)) for d in notes.dates]
    dates_g = [(d["start"], d["end"], (d["value"], d["until"])) for d in gold["dates"]]
    found = _match(dates_p, dates_g)
    scores["date_spans"] = Score("date_spans", found, len(dates_p), len(dates_g))
    right = _match(dates_p, dates_g, lambda p, g: p == g)
    scores["dates"] = Score("dates", right, len(dates_p), len(dates_g))
    scores["date_values"] = Score("date_values", right, found, found)
    explicit_g = [d for d, raw in zip(dates_g, gold["dates"], strict=True) if _explicit(raw["text"])]
    explicit_found = _match(dates_p, explicit_g)
    scores["date_values_explicit"] = Score(
        "date_values_explicit", _match(dates_p, explicit_g, lambda p, g: p == g), explicit_found, explicit_found
    )

    people_p = [(m.start, m.end, _name(m.name)) for m in notes.mentions if m.kind == "person"]
    people_g = [(p["start"], p["end"], _name(p["name"])) for p in gold["people"]]
    scores["people"] = Score("people", _match(people_p, people_g, _same_person), len(people_p), len(people_g))
    return scores


def score_gold(
    gold_dir: str | Path,
    corpus: Corpus,
    kb: KnowledgeBase | None = None,
    skipped: list[str] | None = None,
    *,
    rename_people: bool = False,
) -> dict[str, Score]:
    """Total scores over every gold file in ``gold_dir`` whose article is in ``corpus``.

    Articles are matched by the gold file's ``file`` (the article's file name).  A gold
    file marked ``"text_in_repository": false`` annotates a text whose licence keeps it
    out of the repository: it is scored when the text is there (its ``sha256`` must
    match) and otherwise left out, its name added to ``skipped``.

    With ``rename_people`` every person in the articles and their gold records is first
    renamed to an invented name (the entity-swap test; see ``edu_kit/_rename.py``).
    """
    by_file = {Path(a.source_path).name: a for a in corpus if a.source_path}
    totals: dict[str, Score] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8-sig"))  # a BOM from an editor is allowed
        article = by_file.get(gold["file"])
        if article is None and gold.get("text_in_repository") is False:
            if skipped is not None:
                skipped.append(gold["file"])
            continue
        if article is not None and "sha256" in gold and hashlib.sha256(article.body.encode("utf-8")).hexdigest() != gold["sha256"]:
            raise EduKitError(
                f"the text of {gold['file']!r} is not the one the gold data indexes (sha256 differs)",
                path=path,
                hint="re-create the text exactly as tests/gold/real/README.md describes",
            )
        if article is None:
            raise EduKitError(
                f"gold file names the article {gold['file']!r}, which is not in the corpus",
                path=path,
                hint="load the folder that holds the gold data's articles",
            )
        if rename_people:
            article, gold = _rename.rename_people(article, gold)
        for category, score in score_article(article, gold, annotate(article, kb)).items():
            totals[category] = totals[category] + score if category in totals else score
    return totals


def format_scores(scores: Iterable[Score]) -> str:
    """A small text table of scores."""
    lines = [f"{'category':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'pred':>6}{'gold':>6}"]
    for s in scores:
        lines.append(
            f"{s.category:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.true_positives:>6}{s.predicted:>6}{s.expected:>6}"
        )
    return "\n".join(lines)
