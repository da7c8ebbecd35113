"""Check quiz bank files: the schema, the rules for each type, ids and sources.

:func:`check_bank` returns every :class:`Problem` found, each with file, line, what is
wrong and how to fix it; an empty tuple means the banks are fine.  ``load_bank`` raises
:class:`~edu_kit.errors.QuizBankError` with the same problems.

>>> text = '''bank: demo
... title: Demo
... questions:
...   - id: q1
...     type: single
...     prompt: Which alliance had 30 members in December 2021?
...     choices: [NATO, CSTO]
...     answer: OTAN
...     explanation: NATO had 30 allies.
...     topics: [concepts]
...     difficulty: easy
...     reference: NATO member countries
... '''
>>> for problem in check_text(text, path="demo.yaml"):
...     print(problem)
demo.yaml, line 8: question 'q1': the answer 'OTAN' is not one of the choices. What to do: \
copy the answer's text exactly from the choices (nearest: 'NATO').
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ._codec import question_from_data
from ._schema import kind_of, validate
from ._yaml import YamlDocument, parse_yaml
from .gates import key_share_issues, question_issues
from .model import Question
from .rules import Issue, Problem, check_question, check_sources, normalize_text

__all__ = [
    "Article",
    "Corpus",
    "Issue",
    "PathArg",
    "Problem",
    "bank_files",
    "bank_warnings",
    "check_bank",
    "check_question",
    "check_sources",
    "check_text",
    "normalize_text",
    "not_a_regular_file",
]

PathArg = str | os.PathLike[str]


class Article(Protocol):
    """What a corpus article must offer: an id and a body."""

    @property
    def id(self) -> str: ...

    @property
    def body(self) -> str: ...


class Corpus(Protocol):
    """Anything with ``.articles``: an iterable of :class:`Article`."""

    @property
    def articles(self) -> Iterable[Article]: ...


@dataclass(frozen=True)
class _File:
    """One bank file as read: its questions, with their index in the file."""

    path: str
    name: str
    title: str
    questions: tuple[tuple[int, Question], ...]
    doc: YamlDocument



# --------------------------------------------------------------------------- files


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a folder, a device, a FIFO, a dangling or
    looping symbolic link, nothing at all), or None for a regular file.

    >>> not_a_regular_file(Path("/dev/null"))
    'it is a character device (such as /dev/zero), not a file'
    """
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:  # pragma: no cover - a link that cannot be read
                target = "?"
            if err.errno == errno.ELOOP:
                return f"it is a symbolic link that loops (to {target!r})"
            return f"it is a symbolic link to {target!r}, which does not exist"
        if err.errno == errno.ENOENT:
            return "no such file or folder"
        return f"it cannot be opened: {err.strerror or err}"
    if stat.S_ISREG(mode):
        return None
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device (such as /dev/zero)"),
             (stat.S_ISBLK, "a block device (a disk)"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
             (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"it is {kind}, not a file"


def bank_files(
    paths: PathArg | Iterable[PathArg] | None = None,
) -> tuple[tuple[Path, ...], tuple[Problem, ...]]:
    """The ``*.yaml`` files named by ``paths`` (files or folders, searched recursively).

    ``None`` means the bundled banks.  Missing paths and empty folders are problems, and
    so is every ``*.yaml`` that is not a regular file (a dangling or looping symbolic
    link, a device, a FIFO), which is never read.  Files and folders whose names start
    with ``.`` are skipped inside folders.
    """
    if paths is None:
        from .._resources import bundled_dir

        roots: list[Path] = [bundled_dir("quizzes")]
    elif isinstance(paths, (str, os.PathLike)):
        roots = [Path(paths)]
    else:
        roots = [Path(p) for p in paths]
    files: list[Path] = []
    problems: list[Problem] = []
    unreadable = "the bank is not read: replace it with the bank file itself, or remove it"
    for root in roots:
        if root.is_dir():
            found: list[Path] = []
            skipped: list[Problem] = []
            for p in sorted(root.rglob("*.yaml")):
                if _hidden(p, root):
                    continue
                why = not_a_regular_file(p)
                if why is None:
                    found.append(p)
                elif not why.startswith("it is a folder"):
                    skipped.append(Problem(str(p), None, why, unreadable))
            problems.extend(skipped)
            if not found and not skipped:
                problems.append(Problem(str(root), None, "the folder has no *.yaml bank files",
                                        "add bank files or name another folder"))
            files.extend(found)
        elif root.is_file():
            files.append(root)
        else:
            why = not_a_regular_file(root) or "no such file or folder"
            fix = ("check the path (it is relative to the notebook's folder)" if why == "no such file or folder"
                   else "name the bank file itself (a .yaml file)")
            problems.append(Problem(str(root), None, why, fix))
    unique = tuple(dict.fromkeys(files))
    return unique, tuple(problems)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(path: Path) -> tuple[_File | None, tuple[Problem, ...]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return None, (Problem(str(path), None, f"the file is not UTF-8 text ({err.reason})",
                              "save the file as UTF-8"),)
    except OSError as err:
        return None, (Problem(str(path), None, f"the file cannot be read: {err.strerror or err}",
                              "check that the file exists and is readable"),)
    return _read_text(text, str(path))


_YAML_FIXES = (
    ("unsupported YAML tag", "remove the tag: bank files hold only text, numbers, true/false, "
                             "lists and mappings"),
    ("duplicate key", "keep only one of the two keys"),
    ("aliases", "write the value out in full instead of using an alias"),
    ("merge keys", "write the keys out in full"),
    ("mapping keys", "write keys as plain words, e.g. 'answer:'"),
    ("the control character", "delete it or replace it with a space (pasting from Word or a PDF "
                              "often brings such characters)"),
    ("the number", "write the number in plain decimal digits (no leading 0, underscores or "
                   "colons), or put it in quotes if it is text"),
    ("not valid YAML: lists or mappings are nested", "a question needs only a few levels: "
                                                     "remove the extra brackets"),
    ("the file is empty", "write a bank: 'bank:', 'title:' and 'questions:' (see docs/quiz_format.md)"),
)


def _yaml_fix(message: str) -> str:
    for start, fix in _YAML_FIXES:
        if message.startswith(start):
            return fix
    return "fix the YAML syntax at this line (check indentation, quotes and colons)"


def _read_text(text: str, path: str) -> tuple[_File | None, tuple[Problem, ...]]:
    doc = parse_yaml(text)
    problems = [Problem(path, line, message, _yaml_fix(message)) for line, message in doc.errors]
    if doc.data is None:
        return None, tuple(problems)
    if not isinstance(doc.data, dict):
        problems.append(Problem(path, 1, f"the file holds {kind_of(doc.data)}, not a bank",
                                "start the file with 'bank:', 'title:' and 'questions:'"))
        return None, tuple(problems)
    found, bad_questions = validate(doc, path)
    problems.extend(found)
    raw_questions = doc.data.get("questions")
    questions: list[tuple[int, Question]] = []
    if isinstance(raw_questions, list):
        for index, raw in enumerate(raw_questions):
            if index in bad_questions or not isinstance(raw, dict):
                continue
            question = question_from_data(raw)
            questions.append((index, question))
            problems.extend(
                _locate(issue, question, doc, path, index) for issue in check_question(question)
            )
            problems.extend(
                _locate(issue, question, doc, path, index, "warning")
                for issue in question_issues(question)
            )
    name, title = doc.data.get("bank"), doc.data.get("title")
    result = _File(
        path,
        name if isinstance(name, str) else "",
        title if isinstance(title, str) else "",
        tuple(questions),
        doc,
    )
    return result, tuple(sorted(problems, key=lambda p: p.line or 0))


def _check_written(text: str, path: str, questions: Sequence[Question]) -> tuple[Problem, ...]:
    """Problems of a bank written from ``questions`` (as text): schema, rules and ids.

    Unlike reading a file, the rules are also applied to questions that break the schema.
    """
    result, problems = _read_text(text, path)
    doc = result.doc if result is not None else YamlDocument(None, {}, ())
    checked = {index for index, _ in result.questions} if result is not None else set()
    extra = [
        _locate(issue, q, doc, path, index)
        for index, q in enumerate(questions)
        if index not in checked
        for issue in check_question(q)
    ]
    every = _File(path, "", "", tuple(enumerate(questions)), doc)
    return problems + tuple(extra) + tuple(_cross_checks([every], None))


def _locate(issue: Issue, question: Question, doc: YamlDocument, path: str, index: int,
            severity: str = "error") -> Problem:
    return Problem(
        path,
        doc.line_of(("questions", index, *issue.field)),
        f"question {question.id!r}: {issue.message}",
        issue.fix,
        severity,
    )


def _bodies(corpus: Corpus) -> dict[str, str]:
    return {str(article.id): str(article.body) for article in corpus.articles}


def _cross_checks(files: Sequence[_File], corpus: Corpus | None) -> list[Problem]:
    problems: list[Problem] = []
    places: dict[str, list[tuple[str, int | None]]] = {}
    for f in files:
        for index, q in f.questions:
            places.setdefault(q.id, []).append((f.path, f.doc.line_of(("questions", index, "id"))))
    for qid, where in places.items():
        if len(where) < 2:
            continue
        for k, (path, line) in enumerate(where):
            others = "; ".join(
                f"{p}, line {ln}" for j, (p, ln) in enumerate(where) if j != k
            )
            problems.append(Problem(path, line, f"question id {qid!r} is also used at {others}",
                                    "give each question its own id"))
    located = {id(q): (f, index) for f in files for index, q in f.questions}
    for question, issue in key_share_issues(q for f in files for _, q in f.questions):
        home, at = located[id(question)]
        problems.append(_locate(issue, question, home.doc, home.path, at, "warning"))
    if corpus is not None:
        bodies = _bodies(corpus)
        for f in files:
            for index, q in f.questions:
                problems.extend(
                    _locate(issue, q, f.doc, f.path, index) for issue in check_sources(q, bodies)
                )
    return problems


def _read_banks(
    paths: PathArg | Iterable[PathArg] | None = None, corpus: Corpus | None = None
) -> tuple[tuple[_File, ...], tuple[Problem, ...]]:
    """Read and check bank files: what was read, and every problem found."""
    files, problems = bank_files(paths)
    read: list[_File] = []
    found = list(problems)
    for path in files:
        result, file_problems = _read_file(path)
        found.extend(file_problems)
        if result is not None:
            read.append(result)
    found.extend(_cross_checks(read, corpus))
    return tuple(read), tuple(found)


def check_bank(
    paths: PathArg | Iterable[PathArg] | None = None, corpus: Corpus | None = None
) -> tuple[Problem, ...]:
    """Every problem in the bank files at ``paths`` (files or folders; None = bundled).

    With a ``corpus`` (anything with ``.articles``, each with ``.id`` and ``.body``),
    each source must name an article of it, and ``body[start:end]`` must be the sentence.
    Problems come file by file, in line order, then duplicate ids and sources.  The
    quality gates (:mod:`.gates`) come as problems with ``severity == "warning"``.
    """
    return _read_banks(paths, corpus)[1]


def check_text(
    text: str, path: str = "<text>", corpus: Corpus | None = None
) -> tuple[Problem, ...]:
    """Like :func:`check_bank` for the text of one bank file; ``path`` labels problems."""
    result, problems = _read_text(text, path)
    return problems + tuple(_cross_checks([result] if result else [], corpus))



def bank_warnings(paths: PathArg | Iterable[PathArg] | None = None) -> tuple[Problem, ...]:
    """Pairs of questions where one shows the answer of the other (see
    :func:`edu_kit.quiz.leaks.revealing_pairs`), located at the revealed question.

    They are warnings, not problems: such a pair is never drawn into one quiz, and a
    teacher who lists both ids gets an error.
    """
    from .leaks import revealing_pairs

    files, _ = _read_banks(paths)
    where = {q.id: (f.path, f.doc.line_of(("questions", index, "id")))
             for f in files for index, q in f.questions}
    return tuple(
        Problem(*where[reveal.of], f"warning: {reveal}",
                "reword one of the two questions; until then they are never in one quiz")
        for reveal in revealing_pairs(q for f in files for _, q in f.questions)
    )
