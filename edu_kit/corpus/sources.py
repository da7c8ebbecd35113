"""Primary documents: the official texts beside the articles.

A primary document is a text like an article -- it is segmented the same way and the
same annotators run on it -- but it comes from the people and bodies the articles
quote: NATO's transcripts, the North Atlantic Council's statement, Russia's draft
treaties, the Kremlin's and the State Department's readouts, the EU's conclusions, the
treaties and declarations the crisis turns on.  They live in the top-level folder
``sources/`` (bundled in the wheel), one short excerpt per UTF-8 file, quoted exactly as
the stored page at its URL gives it.

A file opens with a header closed by ``---`` (see ``docs/sources.md``)::

    Title: Joint press conference with NATO Secretary General Jens Stoltenberg ...
    Issuer: NATO
    Speaker: Jens Stoltenberg
    Side: NATO
    Published: 2021-12-10
    URL: https://www.nato.int/cps/en/natohq/opinions_190110.htm
    Kind: transcript
    Copy: our excerpt is the opening statement; it stops before the questions and answers
    ---
    So today we discussed Russia's substantial military build-up ...

``Title``, ``Issuer``, ``Published``, ``URL`` and ``Kind`` are required; ``Speaker`` (who
speaks the words: a name from the knowledge base), ``Side`` (the side the text speaks
for) and ``Copy`` (what the page is when it is not the issuer's own site, what the
excerpt leaves out, and where it stops) are optional.  A folder's ``sources.yaml`` manifest gives each file an
``id`` and a ``why_it_matters`` line.

>>> docs = load_sources()
>>> doc = docs["nato-2021-12-10-stoltenberg-scholz"]
>>> doc.issuer, doc.voice, doc.published.isoformat(), doc.kind
('NATO', 'Jens Stoltenberg', '2021-12-10', 'transcript')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .._data import SAFE_LOADER
from .._resources import bundled_dir
from ..errors import ArticleError
from .loading import parse_article
from .reading import decode_article, parse_text, published_date
from .records import Article, Corpus

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "SOURCES_MANIFEST",
    "SOURCE_HEADER_KEYS",
    "SOURCE_KINDS",
    "Source",
    "SourceSet",
    "load_source",
    "load_sources",
]

#: Header keys of a primary-document file, and what each holds.
SOURCE_HEADER_KEYS: dict[str, str] = {
    "title": "the document's title, as its issuer gives it",
    "issuer": "who issued or published the document (body, government, office)",
    "speaker": "who speaks the words, as named in the knowledge base (optional)",
    "side": "the side the text speaks for: NATO, Russia, Ukraine, US, EU, ... (optional)",
    "published": "the date of the document as YYYY-MM-DD",
    "url": "the page the excerpt is quoted from",
    "kind": "what kind of document it is (see SOURCE_KINDS)",
    "copy": "what the page is when not the issuer's own site, what the excerpt leaves out and where it stops (optional)",
}
_REQUIRED = ("title", "issuer", "published", "url", "kind")

#: The kinds of primary document, and what each is.
SOURCE_KINDS: dict[str, str] = {
    "transcript": "the words spoken at a press conference or meeting, as its organiser records them",
    "statement": "a written statement issued by a body or a ministry",
    "readout": "an official account of a meeting or call, written by one participant's office",
    "address": "a speech or video address by a leader to the public",
    "remarks": "words spoken in public (a press conference, an interview) as a news agency quotes them",
    "conclusions": "conclusions adopted by a council of governments",
    "declaration": "a declaration adopted at a summit",
    "press summary": "an official summary of a meeting",
    "memorandum": "a memorandum signed by states",
    "founding act": "a political agreement founding a relationship between organisations or states",
    "charter": "a charter signed by an organisation and a state",
    "agreement": "an agreement signed by the parties to a conflict",
    "draft treaty": "a treaty proposed by one party, not agreed",
    "draft agreement": "an agreement proposed by one party, not agreed",
}

#: A folder may hold a manifest of this name with an id and "why it matters" per file.
SOURCES_MANIFEST = "sources.yaml"
_MANIFEST_KEYS = {"id", "file", "why_it_matters", "note"}

PathArg = str | os.PathLike[str]


@dataclass(frozen=True)
class Source(Article):
    """A primary document: an :class:`~edu_kit.corpus.Article` (``outlet`` is the issuer)
    with what a reader needs to judge it.

    ``speaker`` is who speaks the words (None when the document is the issuer's own
    text, such as a treaty); ``voice`` is the speaker or, failing that, the issuer.
    ``side`` is the side the text speaks for, ``kind`` one of :data:`SOURCE_KINDS`,
    ``copy`` a note when the quoted page is not the issuer's own site, and
    ``why_it_matters`` the manifest's line for students.
    """

    issuer: str = ""
    speaker: str | None = None
    side: str | None = None
    kind: str = ""
    copy: str | None = None
    why_it_matters: str | None = None

    @property
    def voice(self) -> str:
        """Whose words these are: the speaker, or the issuer when nobody is named."""
        return self.speaker or self.issuer

    def __repr__(self) -> str:
        day = self.published.isoformat() if self.published else "undated"
        return f"Source(id={self.id!r}, issuer={self.issuer!r}, voice={self.voice!r}, {day}, {self.kind})"


@dataclass(frozen=True)
class SourceSet:
    """The primary documents, in file-name order (which is date order for the bundled ones).

    Iterating yields :class:`Source` records; indexing by id returns one.
    :meth:`as_corpus` gives them as a :class:`~edu_kit.corpus.Corpus`, for the annotators,
    tables and views that take one.
    """

    documents: tuple[Source, ...]

    def __iter__(self) -> Iterator[Source]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, source_id: str) -> Source:
        for document in self.documents:
            if document.id == source_id:
                return document
        from ..errors import ChoiceError

        raise ChoiceError.of("source id", source_id, self.ids)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents)

    def as_corpus(self) -> Corpus:
        """The documents as a corpus of articles (each still a :class:`Source`)."""
        return Corpus(self.documents)

    def table(self) -> pd.DataFrame:
        """One row per document (columns documented in :func:`edu_kit.tables.sources_table`)."""
        from ..tables import sources_table

        return sources_table(self)

    def __repr__(self) -> str:
        return f"SourceSet({len(self.documents)} documents)"


def load_source(path: PathArg, *, metadata: Mapping[str, Any] | None = None) -> Source:
    """Load one primary-document file; ``metadata`` comes from the folder's manifest.

    Raises :class:`~edu_kit.errors.ArticleError` naming the file (and line) when the
    file is not UTF-8 text, has no header, lacks a required key or has an unknown kind.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such file", path=path, hint="check the spelling of the path") from None
    except OSError as exc:
        raise ArticleError(
            f"the file cannot be read ({exc.strerror})", path=path, hint="check that you may read it"
        ) from None
    text = decode_article(data, path)
    parsed = parse_text(text, path, SOURCE_HEADER_KEYS)
    meta = parsed.meta
    missing = [key for key in _REQUIRED if not meta.get(key)]
    if missing:
        raise ArticleError(
            f"the header lacks {', '.join(_display(k) for k in missing)}",
            path=path,
            line=1,
            hint="every primary document needs Title, Issuer, Published (YYYY-MM-DD), URL and Kind lines before '---'",
        )
    kind = meta["kind"].lower()
    if kind not in SOURCE_KINDS:
        raise ArticleError(
            f"unknown kind {meta['kind']!r}",
            path=path,
            line=_header_line(text, "kind"),
            hint=f"use one of {', '.join(SOURCE_KINDS)}",
        )
    side = meta.get("side")
    if side is not None:
        from ..knowledge import SIDES

        if side not in SIDES:
            raise ArticleError(
                f"unknown side {side!r}",
                path=path,
                line=_header_line(text, "side"),
                hint=f"use one of {', '.join(SIDES)}, or leave the Side line out",
            )
    extra = dict(metadata or {})
    published: date | None = published_date(meta, path)
    article = parse_article(
        parsed.body,
        id=str(extra.get("id") or path.stem),
        title=meta["title"],
        outlet=meta["issuer"],
        published=published,
        url=meta["url"],
        source_path=str(path),
        note=extra.get("note"),
    )
    base = {f.name: getattr(article, f.name) for f in fields(Article)}
    return Source(
        **base,
        issuer=meta["issuer"],
        speaker=meta.get("speaker") or None,
        side=side,
        kind=kind,
        copy=meta.get("copy") or None,
        why_it_matters=" ".join(str(extra["why_it_matters"]).split()) if extra.get("why_it_matters") else None,
    )


def _display(key: str) -> str:
    return "URL" if key == "url" else key.capitalize()


def _header_line(text: str, key: str) -> int | None:
    """The number of the header line that sets ``key``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() == "---" or line.strip().startswith("---"):
            return None
        if line.split(":", 1)[0].strip().lower() == key:
            return number
    return None


def load_sources(paths: PathArg | Iterable[PathArg] | None = None) -> SourceSet:
    """Load primary documents from files and folders (default: the bundled ``sources/``).

    A folder contributes every ``*.txt`` file in it, in name order; its ``sources.yaml``
    manifest, when present, gives ids and "why it matters" lines.

    >>> docs = load_sources()
    >>> len(docs) >= 20, all(d.url and d.issuer and d.published and d.body for d in docs)
    (True, True)
    """
    if paths is None:
        return _bundled()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _load(paths)


@lru_cache(maxsize=1)
def _bundled() -> SourceSet:
    """The bundled documents, read once per process (records are immutable)."""
    return _load([bundled_dir("sources")])


def _load(paths: Iterable[PathArg]) -> SourceSet:
    found: list[Source] = []
    seen: dict[str, str] = {}
    for item in paths:
        path = Path(item)
        if path.is_dir():
            manifest = _read_manifest(path / SOURCES_MANIFEST) if (path / SOURCES_MANIFEST).is_file() else {}
            files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
            if not files:
                raise ArticleError(
                    "the folder holds no documents (no .txt files)",
                    path=path,
                    hint="put each excerpt in a UTF-8 .txt file",
                )
            entries = [(f, manifest.get(f.name)) for f in files]
        elif path.is_file():
            manifest = (
                _read_manifest(path.parent / SOURCES_MANIFEST) if (path.parent / SOURCES_MANIFEST).is_file() else {}
            )
            entries = [(path, manifest.get(path.name))]
        else:
            raise ArticleError("no such file or folder", path=path, hint="check the spelling of the path")
        for file, meta in entries:
            document = load_source(file, metadata=meta)
            if document.id in seen:
                raise ArticleError(
                    f"source id {document.id!r} is used twice (also by {seen[document.id]})",
                    path=file,
                    hint="give the documents different ids in sources.yaml",
                )
            seen[document.id] = str(file)
            found.append(document)
    return SourceSet(tuple(found))


def _read_manifest(path: Path) -> dict[str, Mapping[str, Any]]:
    """Manifest entries keyed by file name."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ArticleError(
            "the manifest is not valid YAML",
            path=path,
            line=None if mark is None else mark.line + 1,
            hint="fix the YAML syntax (indentation, colons, quotes) at that line",
        ) from None
    entries = document.get("sources") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ArticleError(
            "the manifest has no 'sources:' list",
            path=path,
            hint="start the file with 'sources:' and one entry per file",
        )
    result: dict[str, Mapping[str, Any]] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or "file" not in entry:
            raise ArticleError(
                f"manifest entry {number} has no 'file:'",
                path=path,
                hint="give each entry the file name of its document",
            )
        unknown = set(entry) - _MANIFEST_KEYS
        if unknown:
            raise ArticleError(
                f"manifest entry for {entry['file']!r} has unknown keys {sorted(unknown)}",
                path=path,
                hint=f"use only {sorted(_MANIFEST_KEYS)}",
            )
        result[str(entry["file"])] = entry
    return result
