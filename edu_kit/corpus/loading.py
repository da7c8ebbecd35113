"""Load articles from files and folders: the only I/O of the corpus stage."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .._data import SAFE_LOADER
from .._resources import bundled_dir
from ..errors import ArticleError
from .reading import decode_article, parse_text, published_date
from .records import Article, Corpus
from .segment import segment

__all__ = ["MANIFEST_NAME", "load_article", "load_corpus", "parse_article"]

#: A folder may hold a manifest of this name with metadata for its articles.
MANIFEST_NAME = "articles.yaml"
_MANIFEST_KEYS = {"id", "file", "headline", "headline_in_text", "outlet", "published", "date_basis", "url", "teacher_note"}
_HEADLINE_MAX_WORDS = 25

PathArg = str | os.PathLike[str]


def parse_article(
    text: str,
    *,
    id: str,
    title: str | None = None,
    outlet: str | None = None,
    published: date | str | None = None,
    url: str | None = None,
    source_path: str | None = None,
    note: str | None = None,
) -> Article:
    """Build an :class:`Article` from a body text already in memory.

    >>> art = parse_article("Talks open\\n\\nThe talks opened today. Both sides spoke.",
    ...                     id="demo", published="2022-01-10")
    >>> art.title, [p.kind for p in art.paragraphs], len(art.sentences)
    ('Talks open', ['headline', 'text'], 3)
    """
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(published, str):
        published = published_date({"published": published}, source_path)
    if title is None:
        title = _headline_from_text(body)
    paragraphs, sentences = segment(body, title)
    return Article(
        id=id,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        body=body,
        paragraphs=paragraphs,
        sentences=sentences,
        source_path=source_path,
        note=note,
    )


def _headline_from_text(body: str) -> str | None:
    """The first line, when it reads like a headline (short, not ending like a sentence)."""
    first = body.strip().split("\n", 1)[0].strip()
    words = first.split()
    if 0 < len(words) <= _HEADLINE_MAX_WORDS and not re.search(r"[.!?:;,][\"'”’»)]*$", first):
        return first
    return None


def load_article(path: PathArg, *, metadata: Mapping[str, Any] | None = None) -> Article:
    """Load one article file.

    ``metadata`` (from a folder's manifest) fills in what the file's own header
    does not give.  Raises :class:`~edu_kit.errors.ArticleError` naming the file
    (and line) for an empty, binary, non-UTF-8 or badly headed file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ArticleError("this is a folder, not a file", path=path, hint="pass the folder to load_corpus()") from None
    except FileNotFoundError:
        raise ArticleError("no such file", path=path, hint="check the spelling of the path") from None
    except OSError as exc:
        raise ArticleError(f"the file cannot be read ({exc.strerror})", path=path, hint="check that the file exists and you may read it") from None
    parsed = parse_text(decode_article(data, path), path)
    meta = dict(metadata or {})
    header = parsed.meta
    published = published_date(header, path) if "published" in header else _manifest_date(meta.get("published"), path)
    title = header.get("title") or meta.get("headline")
    return parse_article(
        parsed.body,
        id=str(meta.get("id") or path.stem),
        title=title,
        outlet=header.get("outlet") or meta.get("outlet"),
        published=published,
        url=header.get("url") or meta.get("url"),
        source_path=str(path),
        note=meta.get("teacher_note"),
    )


def _manifest_date(value: Any, path: Path) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return published_date({"published": str(value)}, path)


def load_corpus(paths: PathArg | Iterable[PathArg] | None = None) -> Corpus:
    """Load articles from files and folders into a :class:`Corpus`.

    With no argument, the five bundled seed articles.  A folder contributes every
    ``*.txt`` file in it (sorted by name) and, when present, its ``articles.yaml``
    manifest supplies metadata (id, headline, outlet, publication date).

    >>> corpus = load_corpus()
    >>> len(corpus), corpus.ids[0], corpus["000"].outlet
    (5, '000', 'TRT World')
    """
    if paths is None:
        paths = [bundled_dir("seeds")]
    elif isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for item in paths:
        for file, meta in _expand(Path(item)):
            article = load_article(file, metadata=meta)
            if article.id in seen:
                raise ArticleError(
                    f"article id {article.id!r} is used twice (also by {seen[article.id]})",
                    path=file,
                    hint="rename one of the files, or give the articles different ids in articles.yaml",
                )
            seen[article.id] = str(file)
            articles.append(article)
    return Corpus(tuple(articles))


def _expand(path: Path) -> list[tuple[Path, Mapping[str, Any] | None]]:
    if path.is_dir():
        manifest = _read_manifest(path / MANIFEST_NAME) if (path / MANIFEST_NAME).is_file() else {}
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
        if not files:
            raise ArticleError(
                "the folder holds no articles (no .txt files)",
                path=path,
                hint="put each article in a UTF-8 .txt file in this folder",
            )
        return [(f, manifest.get(f.name)) for f in files]
    if not path.exists():
        raise ArticleError("no such file or folder", path=path, hint="check the spelling of the path")
    manifest = _read_manifest(path.parent / MANIFEST_NAME) if (path.parent / MANIFEST_NAME).is_file() else {}
    return [(path, manifest.get(path.name))]


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
    entries = document.get("articles") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ArticleError("the manifest has no 'articles:' list", path=path, hint="start the file with 'articles:' followed by one entry per article")
    result: dict[str, Mapping[str, Any]] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or "file" not in entry:
            raise ArticleError(f"manifest entry {number} has no 'file:'", path=path, hint="give each entry the file name of its article")
        unknown = set(entry) - _MANIFEST_KEYS
        if unknown:
            raise ArticleError(
                f"manifest entry for {entry['file']!r} has unknown keys {sorted(unknown)}",
                path=path,
                hint=f"use only {sorted(_MANIFEST_KEYS)}",
            )
        result[str(entry["file"])] = entry
    return result
