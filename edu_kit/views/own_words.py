"""Each side in its own words: the positions of the primary documents, issue by issue.

:func:`positions` reads what the *articles* report; :func:`own_words` reads the primary
documents of ``sources/`` (:func:`edu_kit.load_sources`), in which each side speaks for
itself: NATO's transcripts, Russia's drafts and the Kremlin's readout, Ukraine's Foreign
Ministry, the State Department and the White House, the EU's conclusions, the German
Chancellor.  A document speaks with one voice, so every sentence of it that touches an
issue is a statement of its side.

The frame has the columns of :func:`edu_kit.views.positions` (so that
:func:`position_summary` and :func:`plot_positions` take it), with these meanings:

``side``, ``speaker``
    the document's side and voice (its speaker, or its issuer)
``issue``, ``issues``
    as in :func:`positions`: the issue the sentence is most about, then every issue it touches
``statement``, ``sentence``
    the sentence, on one line
``attributed``
    where the words come from, e.g. ``"Jens Stoltenberg (transcript of 10 December 2021,
    issued by NATO)"``
``record``
    always ``"primary document"``: the label that tells these rows from the articles' ones
``article``, ``outlet``, ``published``
    the document's id, its issuer and its date (a datetime)
``start``, ``end``
    character offsets of the sentence in the document's body

Only documents with a ``Side`` are read, and only sentences that touch an issue are kept.

>>> frame = own_words()
>>> {"NATO", "Russia", "Ukraine", "US", "EU", "Germany"} <= set(frame["side"])
True
>>> set(frame["record"])
{'primary document'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..annotate import annotate
from ..corpus import Source, SourceSet, load_sources
from ..knowledge import SIDES
from .positions import COLUMNS, OTHER, _filed, issues

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["RECORD_LABEL", "own_words"]

#: The ``record`` value of every row of :func:`own_words`.
RECORD_LABEL = "primary document"


def own_words(record: SourceSet | None = None) -> pd.DataFrame:
    """Each side's statements in its own documents, one row per sentence that touches an
    issue (columns: see the module); ``record`` defaults to the bundled ``sources/``."""
    import pandas as pd

    record = record if record is not None else load_sources()
    side_order = {side: i for i, side in enumerate(SIDES)}
    issue_order = {issue.id: i for i, issue in enumerate(issues())}
    rows: list[dict[str, Any]] = []
    for document in record:
        if document.side is None:
            continue
        concepts = [(m.start, m.entity) for m in annotate(document).mentions if m.kind == "concept" and m.entity]
        label = _attributed(document)
        for sentence in document.text_sentences:
            inside = [c for start, c in concepts if sentence.start <= start < sentence.end]
            found = _filed(sentence.text, inside)
            if found == [OTHER]:
                continue
            text = " ".join(sentence.text.split())
            rows.append(
                {
                    "side": document.side,
                    "issue": found[0],
                    "issues": ", ".join(found),
                    "speaker": document.voice,
                    "statement": text,
                    "attributed": label,
                    "record": RECORD_LABEL,
                    "article": document.id,
                    "outlet": document.issuer,
                    "published": document.published.isoformat() if document.published else None,
                    "sentence": text,
                    "start": sentence.start,
                    "end": sentence.end,
                }
            )
    rows.sort(
        key=lambda r: (side_order.get(r["side"], len(side_order)), issue_order[r["issue"]], r["published"] or "", r["article"], r["start"])
    )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def _attributed(document: Source) -> str:
    """Where the words come from: "<voice> (<kind> of <date>, issued by <issuer>)".

    >>> _attributed(load_sources()["nato-2021-12-10-stoltenberg-scholz"])
    'Jens Stoltenberg (transcript of 10 December 2021, issued by NATO)'
    """
    day = f" of {document.published.day} {document.published:%B %Y}" if document.published else ""
    if document.speaker is None or document.speaker == document.issuer:
        return f"{document.issuer} ({document.kind}{day})"
    return f"{document.speaker} ({document.kind}{day}, issued by {document.issuer})"
