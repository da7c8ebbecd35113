"""The glossary: the hard words of the crisis, and plain-language versions of hard passages.

The words live in ``edu_kit/data/glossary.yaml`` (our own wording; documents cited for
every fact), not in code.  :func:`glossary` returns a :class:`Glossary` that shows as a
list in a notebook and as text with ``print``; :func:`plain_passages` the passages of an
article rewritten in plain English for students learning English, beside the original.

>>> g = glossary()
>>> g.term("map").term
'Membership Action Plan (MAP)'
>>> [t.id for t in glossary(["sovereignty", "deterrence"]).terms]
['sovereignty', 'deterrence']
>>> plain_passages("003")[0].id
'stoltenberg-second-class'
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .._data import SAFE_LOADER
from .._resources import package_data
from ..errors import ChoiceError, EduKitError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS",
    "Citation",
    "Glossary",
    "Passage",
    "Term",
    "glossary",
    "glossary_markdown",
    "load_glossary",
    "plain_passages",
]

#: Columns of :meth:`Glossary.frame`: ``term``, ``simple`` (plain English), ``meaning``,
#: ``concept`` (id of a full card, or ""), ``sources`` (titles, "; "-joined).
COLUMNS: tuple[str, ...] = ("id", "term", "simple", "meaning", "concept", "sources")


@dataclass(frozen=True)
class Citation:
    """A document that supports what an entry states."""

    title: str
    issuer: str
    date: str
    url: str

    def __str__(self) -> str:
        return f"{self.title} ({self.issuer}, {self.date}) {self.url}"


@dataclass(frozen=True)
class Term:
    """One glossary entry; ``in_texts`` holds (article id, words as written) pairs."""

    id: str
    term: str
    also: tuple[str, ...]
    simple: str
    meaning: str
    in_texts: tuple[tuple[str, str], ...]
    concept: str | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Passage:
    """A hard passage of an article (``original``, exactly as written) in plain English."""

    id: str
    article: str
    speaker: str
    original: str
    plain: str
    words: tuple[tuple[str, str], ...]

    def _repr_html_(self) -> str:
        e = html.escape
        words = "".join(f"<li><b>{e(w)}</b>: {e(m)}</li>" for w, m in self.words)
        return (
            f"<section class='edu-kit-plain' aria-label='Plain English: {e(self.id)}' "
            "style='border-left:6px solid #009E73;padding:0.4em 1em;margin:0.5em 0;max-width:46em;color:#000;background:#fff'>"
            f"<p style='margin:0'><b>{e(self.speaker)}</b> (text {e(self.article)})</p>"
            f"<p style='margin:0.3em 0'><i>Original:</i> “{e(self.original)}”</p>"
            f"<p style='margin:0.3em 0'><i>In plain English:</i> {e(self.plain)}</p>"
            f"<ul style='margin:0.2em 0'>{words}</ul></section>"
        )

    def __str__(self) -> str:
        lines = [
            f"{self.speaker} (text {self.article})",
            f"Original: “{self.original}”",
            f"Plain English: {self.plain}",
        ]
        lines += [f"  {w}: {m}" for w, m in self.words]
        return "\n".join(lines)


@dataclass(frozen=True)
class Glossary:
    """Terms (and the plain-language passages) of the glossary file."""

    terms: tuple[Term, ...]
    passages: tuple[Passage, ...]

    def term(self, term_id: str) -> Term:
        """One term by id; :class:`edu_kit.errors.ChoiceError` names the ids there are."""
        for term in self.terms:
            if term.id == term_id:
                return term
        raise ChoiceError.of("glossary term", term_id, [t.id for t in self.terms])

    def frame(self) -> pd.DataFrame:
        """One row per term (columns: :data:`COLUMNS`)."""
        import pandas as pd

        rows = [
            {
                "id": t.id,
                "term": t.term,
                "simple": t.simple,
                "meaning": t.meaning,
                "concept": t.concept or "",
                "sources": "; ".join(c.title for c in t.sources),
            }
            for t in self.terms
        ]
        return pd.DataFrame(rows, columns=list(COLUMNS))

    def _repr_html_(self) -> str:
        e = html.escape
        items = []
        for t in self.terms:
            also = f" <span style='color:#333'>(also: {e(', '.join(t.also))})</span>" if t.also else ""
            card = f" Full card: <code>views.concept_card({e(repr(t.concept))})</code>." if t.concept else ""
            cites = "".join(
                f"<li>{e(c.title)}, {e(c.issuer)}, {e(c.date)}: <span style='word-break:break-all'>{e(c.url)}</span></li>"
                for c in t.sources
            )
            sources = f"<ul style='margin:0.1em 0;font-size:0.85em'>{cites}</ul>" if cites else ""
            items.append(
                f"<dt id='ek-glossary-{e(t.id)}' style='font-weight:bold;margin-top:0.5em'>{e(t.term)}{also}</dt>"
                f"<dd style='margin-left:1em'><p style='margin:0'><i>In short:</i> {e(t.simple)}</p>"
                f"<p style='margin:0.2em 0'>{e(t.meaning)}{card}</p>{sources}</dd>"
            )
        return (
            "<section class='edu-kit-glossary' aria-label='Glossary' "
            "style='max-width:46em;color:#000;background:#fff;line-height:1.5'>"
            f"<dl style='margin:0'>{''.join(items)}</dl></section>"
        )

    def __str__(self) -> str:
        return "\n".join(f"{t.term}: {t.simple}" for t in self.terms)


def _path(path: str | os.PathLike[str] | None) -> Path:
    return Path(path) if path is not None else package_data("data", "glossary.yaml")


def _fail(path: Path, node: yaml.Node | None, problem: str, hint: str) -> EduKitError:
    return EduKitError(problem, path=path, line=None if node is None else node.start_mark.line + 1, hint=hint)


def _text(path: Path, node: yaml.Node, entry: dict[str, Any], key: str, where: yaml.Node) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"entry has no text for '{key}'", f"add '{key}:' with a sentence")
    return " ".join(value.split())


def load_glossary(path: str | os.PathLike[str] | None = None) -> Glossary:
    """Read a glossary file (the bundled one by default); a bad file raises
    :class:`edu_kit.errors.EduKitError` naming the file and line."""
    file = _path(path)
    try:
        text = file.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=SAFE_LOADER)
        data = yaml.load(text, Loader=SAFE_LOADER)
    except OSError as exc:
        raise EduKitError(f"glossary cannot be read: {exc.strerror}", path=file, hint="check the path") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise EduKitError(
            f"glossary is not valid YAML: {getattr(exc, 'problem', exc)}",
            path=file,
            line=None if mark is None else mark.line + 1,
            hint="fix the YAML (indentation, quotes) at that line",
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise _fail(file, root, "glossary has no 'terms:' list", "start the file with 'terms:' and a list of entries")
    nodes = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    terms: list[Term] = []
    for index, entry in enumerate(data["terms"]):
        node = nodes["terms"].value[index]
        if not isinstance(entry, dict):
            raise _fail(
                file, node, "a glossary term is not a mapping", "write each term as 'id:', 'term:', 'simple:' ..."
            )
        term_id = _text(file, node, entry, "id", node)
        if any(t.id == term_id for t in terms):
            raise _fail(file, node, f"glossary term id {term_id!r} is used twice", "give each term its own id")
        citations = []
        for source in entry.get("sources") or []:
            if not isinstance(source, dict):
                raise _fail(file, node, f"a source of {term_id!r} is not a mapping", "give title, issuer, date, url")
            missing = [k for k in ("title", "issuer", "date", "url") if not str(source.get(k) or "").strip()]
            if missing:
                raise _fail(
                    file,
                    node,
                    f"a source of {term_id!r} lacks {', '.join(missing)}",
                    "cite title, issuer, date and url",
                )
            citations.append(Citation(*(" ".join(str(source[k]).split()) for k in ("title", "issuer", "date", "url"))))
        terms.append(
            Term(
                id=term_id,
                term=_text(file, node, entry, "term", node),
                also=tuple(str(a) for a in entry.get("also") or ()),
                simple=_text(file, node, entry, "simple", node),
                meaning=_text(file, node, entry, "meaning", node),
                in_texts=tuple((str(x["article"]), str(x["text"])) for x in entry.get("in_texts") or ()),
                concept=entry.get("concept"),
                sources=tuple(citations),
            )
        )
    passages: list[Passage] = []
    for index, entry in enumerate(data.get("passages") or []):
        node = nodes["passages"].value[index]
        if not isinstance(entry, dict):
            raise _fail(file, node, "a passage is not a mapping", "write 'id:', 'article:', 'original:', 'plain:'")
        words = entry.get("words") or {}
        passages.append(
            Passage(
                id=_text(file, node, entry, "id", node),
                article=_text(file, node, entry, "article", node),
                speaker=_text(file, node, entry, "speaker", node),
                original=_text(file, node, entry, "original", node),
                plain=_text(file, node, entry, "plain", node),
                words=tuple((str(w), str(m)) for w, m in words.items()),
            )
        )
    return Glossary(tuple(terms), tuple(passages))


def glossary(
    terms: list[str] | tuple[str, ...] | None = None, *, path: str | os.PathLike[str] | None = None
) -> Glossary:
    """The glossary, or only the ``terms`` named (in that order)."""
    full = load_glossary(path)
    if terms is None:
        return full
    return Glossary(tuple(full.term(t) for t in terms), full.passages)


def plain_passages(article: str | None = None, *, path: str | os.PathLike[str] | None = None) -> tuple[Passage, ...]:
    """The plain-language passages (of one article when ``article`` is given)."""
    found = load_glossary(path).passages
    return tuple(p for p in found if article is None or p.article == article)


def glossary_markdown(path: str | os.PathLike[str] | None = None) -> str:
    """The glossary as Markdown (``docs/glossary.md`` is this text; a test keeps them equal)."""
    g = load_glossary(path)
    lines = [
        "# Glossary",
        "",
        "The hard words of the NATO–Russia–Ukraine crisis of 2021–2022, in our own words, with the",
        "documents behind every fact. In a notebook: `views.glossary()` (all terms) or",
        '`views.glossary(["map", "deterrence"])`. Generated from `edu_kit/data/glossary.yaml`',
        "by `edu_kit.views.glossary.glossary_markdown()`; edit the YAML, not this page.",
        "",
    ]
    for t in g.terms:
        lines += [f"## {t.term}", "", f"*In short:* {t.simple}", "", t.meaning, ""]
        if t.also:
            lines += [f"Also written: {', '.join(t.also)}.", ""]
        if t.concept:
            lines += [f"Full card: `views.concept_card({t.concept!r})`.", ""]
        if t.in_texts:
            lines += ["In the articles: " + "; ".join(f"{a}: “{w}”" for a, w in t.in_texts) + ".", ""]
        lines += [f"- Source: {c.title}, {c.issuer}, {c.date}, <{c.url}>" for c in t.sources]
        if t.sources:
            lines.append("")
    lines += ["# Hard passages in plain English", ""]
    for p in g.passages:
        lines += [f"## {p.speaker} (text {p.article})", "", f"> {p.original}", "", f"**Plain English:** {p.plain}", ""]
        lines += [f"- *{w}*: {m}" for w, m in p.words]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
