"""Concept cards (what, when, who, why, source) and where each concept appears in the articles.

:func:`concept_cards` turns the knowledge base's concepts into :class:`ConceptCard`
records, which show as cards in a notebook (``_repr_html_``) and as plain text with
``print``.  :func:`concept_mentions` returns one row per mention of a concept in the
articles (a pandas DataFrame) with columns

``concept``
    the concept's name in the knowledge base (``"Bucharest Summit"``)
``article``, ``outlet``
    where it is mentioned
``text``
    the words as written in the article (``"2008 declaration"``)
``sentence``
    the sentence of the mention
``start``, ``end``
    character offsets of the mention in the article body

sorted by concept, article and offset.

>>> card = concept_card("bucharest-summit-2008")
>>> card.name, card.who
('Bucharest Summit', 'NATO, Ukraine, Georgia, George W. Bush')
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._frames import literal_dollars
from ..corpus import Corpus
from ..errors import ChoiceError
from ..knowledge import Concept, KnowledgeBase, load_knowledge

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMNS", "Citation", "ConceptCard", "concept_card", "concept_cards", "concept_mentions"]

#: The columns of :func:`concept_mentions`, in order.
COLUMNS: tuple[str, ...] = ("concept", "article", "outlet", "text", "sentence", "start", "end")

_WIDTH = 88


@dataclass(frozen=True)
class Citation:
    """One source of a card: what it backs (``"What"`` or ``"Why it matters"``) and where it is."""

    backs: str
    title: str
    issuer: str
    date: str
    url: str
    passage: str
    kind: str

    def __str__(self) -> str:
        secondary = ", secondary source" if self.kind == "secondary" else ""
        return f"[{self.backs}] {self.title} ({self.issuer}, {self.date}{secondary}) {self.url} «{self.passage}»"


@dataclass(frozen=True)
class ConceptCard:
    """What a student needs to know about one concept.

    ``when`` holds the key dates, one per line (``"2008-04-03 – Declaration..."``);
    ``citations`` the sources of the card (what each backs, title, issuer, date, URL and the
    exact passage), printed after the fields.  ``who`` the states, people and organisations related to it, comma-separated, in the
    order of the knowledge base's ``related`` list (a related place is a state when the
    lexicon has a nationality word for it).

    >>> print(ConceptCard("x", "X", "An idea.", "2022-01-12 – A meeting", "NATO", "It mattered.", "A treaty"))
    X
    What: An idea.
    When:
      2022-01-12 – A meeting
    Who: NATO
    Why it matters: It mattered.
    Source: A treaty
    """

    id: str
    name: str
    what: str
    when: str
    who: str
    why: str
    source: str
    citations: tuple[Citation, ...] = ()

    def _fields(self) -> list[tuple[str, str]]:
        return [
            ("What", self.what),
            ("When", self.when),
            ("Who", self.who),
            ("Why it matters", self.why),
            ("Source", self.source),
        ]

    def __str__(self) -> str:
        lines = [self.name]
        for title, value in self._fields():
            if not value:
                continue
            if title == "When":
                lines.append("When:")
                lines.extend(f"  {line}" for line in value.splitlines())
            else:
                lines.append(
                    textwrap.fill(f"{title}: {value}", width=_WIDTH, subsequent_indent="  ", break_on_hyphens=False)
                )
        if self.citations:
            lines.append("Cited:")
            lines.extend(
                textwrap.fill(str(c), width=_WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False)
                for c in self.citations
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        rows = []
        for title, value in self._fields():
            if not value:
                continue
            if title == "When":
                body = (
                    "<ul style='margin:0;padding-left:1.2em'>"
                    + "".join(f"<li>{e(line)}</li>" for line in value.splitlines())
                    + "</ul>"
                )
            else:
                body = e(value)
            rows.append(
                f"<dt style='font-weight:bold;margin-top:0.4em'>{e(title)}</dt><dd style='margin-left:1em'>{body}</dd>"
            )
        if self.citations:
            items = "".join(
                f"<li>[{e(c.backs)}] <a href='{e(c.url)}' target='_blank' rel='noopener'>{e(c.title)}</a> "
                f"({e(c.issuer)}, {e(c.date)}{', secondary source' if c.kind == 'secondary' else ''}): "
                f"<q>{e(c.passage)}</q></li>"
                for c in self.citations
            )
            rows.append(
                "<dt style='font-weight:bold;margin-top:0.4em'>Cited</dt>"
                f"<dd style='margin-left:1em'><ul style='margin:0;padding-left:1.2em;font-size:90%'>{items}</ul></dd>"
            )
        return (
            f"<div class='edu-kit-concept-card' data-concept='{e(self.id)}' "
            "style='border:1px solid #0072B2;border-left:6px solid #0072B2;border-radius:4px;"
            "padding:0.6em 1em;margin:0.5em 0;max-width:48em'>"
            f"<h4 style='margin:0 0 0.3em 0;color:#0072B2'>{e(self.name)}</h4>"
            f"<dl style='margin:0'>{''.join(rows)}</dl></div>"
        )


def concept_cards(kb: KnowledgeBase | None = None) -> tuple[ConceptCard, ...]:
    """One card per concept of the knowledge base, in the knowledge base's order.

    >>> cards = concept_cards()
    >>> cards[0].id, cards[0].when.splitlines()[1]
    ('bucharest-summit-2008', "2008-04-03 – Declaration, paragraph 23: Ukraine and Georgia 'will become members'")
    """
    kb = kb or load_knowledge()
    return tuple(_card(concept, kb) for concept in kb.concepts)


def concept_card(concept_id: str, kb: KnowledgeBase | None = None) -> ConceptCard:
    """The card of one concept, by id; raises :class:`edu_kit.errors.ChoiceError` if unknown.

    >>> concept_card("minsk-agreement")
    Traceback (most recent call last):
    ...
    edu_kit.errors.ChoiceError: concept 'minsk-agreement' is not one of: 'minsk-agreements'. ...
    """
    kb = kb or load_knowledge()
    for concept in kb.concepts:
        if concept.id == concept_id:
            return _card(concept, kb)
    import difflib

    ids = [c.id for c in kb.concepts]
    raise ChoiceError.of("concept", concept_id, difflib.get_close_matches(concept_id, ids, n=5, cutoff=0.6) or ids)


def _card(concept: Concept, kb: KnowledgeBase) -> ConceptCard:
    from ..annotate._lexicon import lexicon

    # States are actors too: a related place counts when the lexicon has a nationality
    # word for it ("Ukrainian" -> Ukraine), as in the timeline's "who" column.
    countries = set(lexicon().demonyms.values())
    names = {e.id: e.name for e in (*kb.people, *kb.organizations, *kb.places) if e.kind != "place" or e.name in countries}
    return ConceptCard(
        id=concept.id,
        name=concept.name,
        what=_one_line(concept.explanation),
        when="\n".join(f"{d.date} – {_one_line(d.label)}" for d in concept.key_dates),
        who=", ".join(names[r] for r in concept.related if r in names),
        why=_one_line(concept.why_it_matters),
        source=_one_line(concept.primary_source),
        citations=tuple(
            Citation(_BACKS.get(part, part), c.title, c.issuer, c.date, c.url, c.passage, c.kind)
            for part in ("explanation", "why_it_matters", "description", "key_dates")
            for c in concept.sources
            if part in c.supports
        ),
    )


_BACKS = {"explanation": "What", "why_it_matters": "Why it matters", "description": "What", "key_dates": "When"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def concept_mentions(corpus: Corpus, kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """Where each concept appears in the articles (columns: see the module).

    >>> from edu_kit import load_corpus
    >>> frame = concept_mentions(load_corpus())
    >>> frame[frame["concept"] == "Bucharest Summit"][["article", "text"]].values.tolist()
    [['002', '2008 declaration'], ['002', 'NATO Summit in Bucharest']]
    """
    import pandas as pd
    literal_dollars(pd)

    from ..annotate import annotate

    rows: list[dict[str, Any]] = []
    for article in corpus:
        if kb is None:
            from ..tables import annotations_of

            notes = annotations_of(article)
        else:
            notes = annotate(article, kb)
        for mention in notes.mentions:
            if mention.kind != "concept":
                continue
            sentence = article.sentence_at(mention.start)
            rows.append(
                {
                    "concept": mention.name,
                    "article": article.id,
                    "outlet": article.outlet,
                    "text": mention.text,
                    "sentence": None if sentence is None else _one_line(sentence.text),
                    "start": mention.start,
                    "end": mention.end,
                }
            )
    rows.sort(key=lambda r: (r["concept"], r["article"], r["start"]))
    return pd.DataFrame(rows, columns=list(COLUMNS))
