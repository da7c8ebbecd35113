"""Load articles from files and folders: the only I/O of the corpus stage."""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from .._resources import bundled_dir
from ..errors import ArticleError
from .limits import MAX_ARTICLE_BYTES, article_limit, size_text
from .reading import decode_article, parse_text, published_date
from .records import Article, Corpus
from .segment import segment

__all__ = ["MANIFEST_NAME", "MAX_ARTICLE_BYTES", "load_article", "load_corpus", "parse_article", "read_corpus"]

#: A folder may hold a manifest of this name with metadata for its articles.
MANIFEST_NAME = "articles.yaml"
_MANIFEST_NAMES = (MANIFEST_NAME, "articles.yml")  # the short suffix is read too (one of them)
_MANIFEST_KEYS = {"id", "file", "headline", "headline_in_text", "outlet", "published", "date_basis", "url", "teacher_note"}
_MANIFEST_TEXT = {"id", "file", "headline", "outlet", "url", "teacher_note", "date_basis"}
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


def load_article(
    path: PathArg, *, metadata: Mapping[str, Any] | None = None, max_bytes: float | None = None
) -> Article:
    """Load one article file.

    ``metadata`` (from a folder's manifest, already checked) fills in what the file's
    own header does not give.  Raises :class:`~edu_kit.errors.ArticleError` naming the
    file (and line) for an empty, binary, non-UTF-8 or badly headed file, for anything
    that is not a regular file (a FIFO, a device such as ``/dev/zero``), and for a file
    larger than ``max_bytes`` (default :data:`MAX_ARTICLE_BYTES`, 10 MB, or
    ``$EDU_KIT_MAX_ARTICLE_MB``; a limit that is not a finite number greater than 0 is an
    ArticleError too, see :mod:`edu_kit.corpus.limits`).
    """
    path = Path(path)
    data = _read_regular(path, article_limit(max_bytes))
    parsed = parse_text(decode_article(data, path), path)
    meta = dict(metadata or {})
    header = parsed.meta
    published = published_date(header, path) if "published" in header else meta.get("published")
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


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes`` (else ArticleError)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ArticleError("no such file", path=path, hint="check the spelling of the path") from None
    except OSError as exc:
        raise ArticleError(f"the file cannot be read ({exc.strerror})", path=path, hint="check that the file exists and you may read it") from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError("this is a folder, not a file", path=path, hint="pass the folder to load_corpus()")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError(
            "this is not a regular file (a pipe, a device or a socket), so it is not read",
            path=path,
            hint="save the article as a .txt file and pass that file",
        )
    too_big = ArticleError(
        f"the file is larger than the limit of {size_text(max_bytes)} for one article",
        path=path,
        hint="split it into several articles, or raise the limit: load_corpus(..., max_bytes=N), "
        "'edu-kit extract --max-mb N', or the environment variable EDU_KIT_MAX_ARTICLE_MB=N",
    )
    if info.st_size > max_bytes:
        raise too_big
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ArticleError(f"the file cannot be read ({exc.strerror})", path=path, hint="check that you may read it") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check above
            raise ArticleError("this is not a regular file, so it is not read", path=path,
                               hint="save the article as a .txt file and pass that file")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(1 << 20, max_bytes + 1 - size) or 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise too_big
        return b"".join(chunks)
    except OSError as exc:
        raise ArticleError(f"the file cannot be read ({exc.strerror})", path=path, hint="check that you may read it") from None
    finally:
        os.close(fd)


def load_corpus(paths: PathArg | Iterable[PathArg] | None = None, *, max_bytes: float | None = None) -> Corpus:
    """Load articles from files and folders into a :class:`Corpus`.

    With no argument, the five bundled seed articles.  A folder contributes every
    ``*.txt`` file in it (sorted by name) and, when present, its ``articles.yaml``
    manifest (or ``articles.yml``, not both) supplies metadata (id, headline, outlet,
    publication date); an entry naming no article there is a problem, and so is a
    ``*.txt`` link leading outside the folder (it is not read).  Every file is
    read before anything is raised: one :class:`~edu_kit.errors.ArticleError` lists
    every problem in its ``problems`` (use :func:`read_corpus` to keep the good
    articles).  ``max_bytes`` limits each file (see :func:`load_article`).

    >>> corpus = load_corpus()
    >>> len(corpus), corpus.ids[0], corpus["000"].outlet
    (5, '000', 'TRT World')
    """
    corpus, problems = read_corpus(paths, max_bytes=max_bytes)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ArticleError(
            f"{len(problems)} problems in the articles",
            hint="fix each problem listed below, then load the articles again",
            problems=problems,
        )
    return corpus


def read_corpus(
    paths: PathArg | Iterable[PathArg] | None = None, *, max_bytes: float | None = None
) -> tuple[Corpus, tuple[ArticleError, ...]]:
    """The articles that load, and one :class:`~edu_kit.errors.ArticleError` per problem.

    Like :func:`load_corpus`, but a bad file or manifest entry does not stop the
    others: ``edu-kit extract --keep-going`` uses it.
    """
    if paths is None:
        paths = [bundled_dir("seeds")]
    elif isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    limit = article_limit(max_bytes)  # a bad limit is refused before any file is read
    articles: list[Article] = []
    problems: list[ArticleError] = []
    seen: dict[str, str] = {}
    for item in paths:
        found, found_problems = _expand(Path(item))
        problems.extend(found_problems)
        for file, meta in found:
            try:
                article = load_article(file, metadata=meta, max_bytes=limit)
            except ArticleError as err:
                problems.append(err)
                continue
            if article.id in seen:
                problems.append(ArticleError(
                    f"article id {article.id!r} is used twice (also by {seen[article.id]})",
                    path=file,
                    hint="rename one of the files, or give the articles different ids in articles.yaml",
                ))
                continue
            seen[article.id] = str(file)
            articles.append(article)
    return Corpus(tuple(articles)), tuple(problems)


_Found = tuple[list[tuple[Path, Mapping[str, Any] | None]], list[ArticleError]]


def _expand(path: Path) -> _Found:
    if path.is_dir():
        manifest, problems = _manifest_in(path)
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and not p.is_dir())
        if not files:
            problems.append(ArticleError(
                "the folder holds no articles (no .txt files)",
                path=path,
                hint="put each article in a UTF-8 .txt file in this folder",
            ))
        outside = [f for f in files if _leads_outside(f, path)]
        problems.extend(ArticleError(
            f"this is a link to {os.path.realpath(f)}, outside the folder, so it is not read",
            path=f,
            hint="copy the article into the folder instead of linking to it (an unpacked archive can hold such links)",
        ) for f in outside)
        files = [f for f in files if f not in outside]
        problems.extend(_unmatched_entries(manifest, [f.name for f in files]))
        return [(f, manifest.get(f.name)) for f in files if f.name not in manifest.bad], problems
    if not (path.exists() or path.is_symlink()):
        return [], [ArticleError("no such file or folder", path=path, hint="check the spelling of the path")]
    manifest, problems = _manifest_in(path.parent)
    if path.name in manifest.bad:
        return [], problems
    return [(path, manifest.get(path.name))], problems


def _leads_outside(file: Path, folder: Path) -> bool:
    """Is ``file`` a link (or in a linked path) that resolves outside ``folder``?"""
    if not file.is_symlink():
        return False
    return not Path(os.path.realpath(file)).is_relative_to(Path(os.path.realpath(folder)))


def _unmatched_entries(manifest: _Manifest, names: list[str]) -> Iterable[ArticleError]:
    """A problem for each manifest entry whose ``file:`` names no article of the folder:
    its outlet and date would otherwise be lost without a word."""
    for name, line in manifest.lines.items():
        if name in names or name in manifest.bad:  # a wrong entry is reported once, for what is wrong
            continue
        stems = {Path(n).stem.lower(): n for n in names}  # compared without ".txt", which all share
        near = [n for n in names if n.lower() == name.lower()] or [
            stems[m] for m in difflib.get_close_matches(Path(name).stem.lower(), list(stems), n=1)]
        there = f"did you mean {near[0]!r}?" if near else (
            f"the articles there are {', '.join(repr(n) for n in names[:10])}{', ...' if len(names) > 10 else ''}"
            if names else "the folder holds no .txt articles")
        yield ArticleError(
            f"the manifest entry for {name!r} names no article in this folder ({there})",
            path=manifest.path, line=line,
            hint="write the file name exactly as it is in the folder (capitals count), without a folder in front",
        )


class _Manifest(dict[str, Mapping[str, Any]]):
    """Checked manifest entries keyed by file name; ``bad`` names files whose entry is wrong;
    ``lines`` gives the line of each entry's ``file:``; ``path`` is the manifest read."""

    bad: set[str]
    lines: dict[str, int | None]
    path: Path | None


def _empty_manifest(path: Path | None = None) -> _Manifest:
    manifest = _Manifest()
    manifest.bad, manifest.lines, manifest.path = set(), {}, path
    return manifest


def _manifest_in(folder: Path) -> tuple[_Manifest, list[ArticleError]]:
    found = [folder / name for name in _MANIFEST_NAMES if (folder / name).is_file()]
    if len(found) > 1:
        return _empty_manifest(), [ArticleError(
            f"the folder holds two manifests, {found[0].name} and {found[1].name}, so neither is read",
            path=found[1],
            hint=f"keep one of them (merge the entries into {MANIFEST_NAME}) and delete the other",
        )]
    if not found:
        return _empty_manifest(), []
    return _read_manifest(found[0])


def _read_manifest(path: Path) -> tuple[_Manifest, list[ArticleError]]:
    """Manifest entries keyed by file name, each value checked, and every problem found."""
    from ..quiz._yaml import parse_yaml

    result = _empty_manifest(path)
    try:
        data = _read_regular(path, MAX_ARTICLE_BYTES)
        text = data.decode("utf-8-sig")
    except ArticleError as err:
        return result, [err]
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return result, [ArticleError(
            f"the manifest is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
            path=path, line=line, hint="save the file with the encoding UTF-8",
        )]
    doc = parse_yaml(text)
    problems = [_yaml_problem(message, path, line) for line, message in doc.errors]
    if doc.data is None:
        return result, problems
    entries = doc.data.get("articles") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        problems.append(ArticleError("the manifest has no 'articles:' list", path=path, line=1,
                                     hint="start the file with 'articles:' followed by one entry per article"))
        return result, problems
    seen: dict[tuple[str, str], int | None] = {}  # ("file" or "id", value) -> line of its first entry
    for number, entry in enumerate(entries):
        where = doc.line_of(("articles", number))
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) or not entry["file"].strip():
            problems.append(ArticleError(f"manifest entry {number + 1} has no 'file:' with a file name", path=path,
                                         line=where, hint="give each entry the file name of its article"))
            continue
        name = entry["file"]
        result.lines.setdefault(name, doc.line_of(("articles", number, "file")))
        entry_problems = list(_check_entry(entry, path, doc, number))
        entry_problems.extend(_duplicates(entry, path, doc, number, seen))
        if entry_problems:
            result.bad.add(name)
            problems.extend(entry_problems)
            continue
        checked = dict(entry)
        if "published" in checked:
            checked["published"] = published_date({"published": entry["published"]}, path)
        result[name] = checked
    return result, problems


def _yaml_problem(message: str, path: Path, line: int | None) -> ArticleError:
    """A problem the YAML reader found, worded for a manifest (the reader is shared with
    quiz banks and names them; here the file is an article manifest)."""
    message = message.replace("quiz banks", f"an article manifest ({MANIFEST_NAME})")
    if message.startswith("not valid"):
        message = f"the manifest is {message}"
    shared = "alias" in message or "merge key" in message
    return ArticleError(
        message, path=path, line=line,
        hint="write the value out in full at that line (no &anchors, *aliases or << merge keys)" if shared
        else "fix the YAML syntax (indentation, colons, quotes) at that line",
    )


def _duplicates(
    entry: Mapping[str, Any], path: Path, doc: Any, number: int, seen: dict[tuple[str, str], int | None]
) -> Iterable[ArticleError]:
    """A problem when the entry's file name was already given by an earlier entry (no last-wins)."""
    name = entry["file"]
    # a repeated id is reported when the articles are made (it may also clash with a file name)
    for key, value in [("file", name)]:
        line = doc.line_of(("articles", number, key))
        if (key, value) in seen:
            first = seen[(key, value)]
            yield ArticleError(
                f"manifest entry {number + 1} repeats the {key} {value!r} of the entry on line {first}",
                path=path, line=line,
                hint=f"give each article one entry with its own {key}; remove or rename the repeated one",
            )
        else:
            seen[(key, value)] = line


def _check_entry(entry: Mapping[str, Any], path: Path, doc: Any, number: int) -> Iterable[ArticleError]:
    unknown = set(entry) - _MANIFEST_KEYS
    if unknown:
        yield ArticleError(
            f"manifest entry for {entry['file']!r} has unknown keys {sorted(unknown)}",
            path=path,
            line=doc.line_of(("articles", number, sorted(unknown)[0])),
            hint=f"use only {sorted(_MANIFEST_KEYS)}",
        )
    for key in sorted(set(entry) & _MANIFEST_KEYS):
        value, line = entry[key], doc.line_of(("articles", number, key))
        if value is None:
            continue
        if key == "headline_in_text":
            if not isinstance(value, bool):
                yield ArticleError(f"{key!r} is {value!r}, not true or false", path=path, line=line,
                                   hint=f"write '{key}: true' or '{key}: false'")
        elif not isinstance(value, str):
            number_like = isinstance(value, (int, float))
            kind = f"the number {value!r}" if number_like else "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else repr(value)
            quote = f"; put it in quotes when it looks like a number, e.g. {key}: \"{value}\"" if number_like else ""
            yield ArticleError(f"{key!r} of {entry['file']!r} is {kind}, not text", path=path, line=line,
                               hint=f"write the {key} as one line of text{quote}")
        elif key == "published":
            try:
                published_date({"published": value}, path)
            except ArticleError as err:
                yield ArticleError(err.problem, path=path, line=line, hint=err.hint)
