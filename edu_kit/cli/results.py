"""``edu-kit results``: summarise recorded quiz responses, report on them, grade them.

::

    edu-kit results [PATH] [--quiz ID] [--per-quiz] [--assignment SPEC]   # one line per student
    edu-kit results report LOGS... [--out report.html] [--marks marks.csv] [--bank BANK]
    edu-kit results marks LOGS... [--out marks.csv] [--max 3]   # a marks file for open answers
    edu-kit results gradebook LOGS... [--lms long|moodle|canvas] [--percent] [--out grades.csv|.xlsx]

``PATH`` and ``LOGS`` are response logs, folders of them, or an nbgrader course folder /
``submitted/`` tree (the student comes from the folder); ``--bank`` (repeatable) names the bank
files the quizzes came from (default: the bundled banks).  ``--assignment SPEC`` works for
every action: only that assignment's answers, graded with its bank (keyless exam answers
included).  The summary, report, marks and gradebook grade every answer again with the
bank's key, and match answers saved under a keyless release's ids to the bank's questions,
so ``edu-kit results LOGS`` and ``edu-kit results LOGS --assignment SPEC`` give the same
scores for one assignment's logs (with ``--assignment`` the summary also shows how many
questions the assignment holds).
Warnings (skipped log lines, marks that were not used, regraded questions) are printed
as ``edu-kit: warning: ...``; no logs, or no answer to a question of the bank, is an error
(exit 2).  When the work was done but a log file or line could not be read (and was
skipped), the last line says how many and the exit status is 1, so a script notices; 0
when everything was read.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..quiz.model import Bank

COMMANDS = ("results",)
ACTIONS = ("report", "marks", "gradebook")


def add_parsers(commands: Any) -> None:
    results = commands.add_parser(
        "results",
        help="summarise, report on or grade recorded quiz responses",
        description="edu-kit results [PATH] prints one line per student (anonymous answers shown as "
        "'(anonymous)'; the latest answer by time to each question of each quiz counts; every attempt stays "
        "in the logs). "
        "edu-kit results report LOGS... writes the HTML report (item analysis, scores, open answers); "
        "edu-kit results marks LOGS... writes a marks file for the open answers; "
        "edu-kit results gradebook LOGS... writes a gradebook for Moodle, Canvas or Excel.",
    )
    results.add_argument(
        "words",
        nargs="*",
        metavar="[ACTION] PATH",
        help="an action (report, marks, gradebook) and response logs or folders of them (default: edu_kit_responses)",
    )
    results.add_argument(
        "--bank",
        action="append",
        metavar="BANK",
        help="bank file or folder the questions come from (repeatable; default: the bundled banks)",
    )
    results.add_argument("--marks", metavar="CSV", help="the teacher's marks for open answers (see 'marks')")
    results.add_argument(
        "--out",
        metavar="FILE",
        help="where to write (report: report.html; marks: marks.csv; gradebook: grades.csv, or an .xlsx Excel file)",
    )
    results.add_argument("--quiz", default=None, help="only this quiz or assignment id")
    results.add_argument("--per-quiz", action="store_true", help="summary: one row per student and quiz")
    results.add_argument(
        "--assignment",
        default=None,
        metavar="SPEC",
        help="an assignment file (edu-kit assign): only its answers, graded with its keyed bank "
        "(for the summary, report, marks and gradebook; keyless exam answers included)",
    )
    results.add_argument("--title", default="Quiz results report", help="the report's title")
    results.add_argument(
        "--lms",
        default="long",
        choices=("long", "moodle", "canvas"),
        help="gradebook CSV layout (default: long = student, assignment, score, maximum)",
    )
    results.add_argument("--percent", action="store_true", help="gradebook: percentages instead of points")
    results.add_argument("--max", type=float, default=1.0, help="marks: the default maximum mark (default 1)")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    with teacher_warnings():
        code, skipped = _run(args)
    return finish(code, skipped)


def finish(code: int, skipped: int) -> int:
    """The exit status: 1 when the work was done but ``skipped`` log files or lines could not be
    read (said in the last line, after the warnings naming them), so a script notices; else ``code``."""
    if code == 0 and skipped:
        print(f"edu-kit: {skipped} unreadable log file(s) or line(s) were skipped (named above); "
              "everything else was read; exit status 1", file=sys.stderr)
        return 1
    return code


@contextmanager
def teacher_warnings() -> Iterator[None]:
    """Print each warning raised inside (skipped log lines, marks not used, ...) once, at the end,
    as ``edu-kit: warning: ...`` -- never Python's ``file:line: Warning`` format."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            _show(str(w.message) for w in caught if issubclass(w.category, UserWarning))


def _show(messages: Iterable[str]) -> None:
    """Each warning once, as the teacher should read it: no Python file and line."""
    for message in dict.fromkeys(messages):
        print(f"edu-kit: warning: {message}", file=sys.stderr)


def _warn(messages: Iterable[str]) -> None:
    """Warn of each message; :func:`run` prints every warning once, after the work is done."""
    for message in messages:
        warnings.warn(message, UserWarning, stacklevel=2)


def _run(args: argparse.Namespace) -> tuple[int, int]:
    """The exit status and how many log files or lines were skipped."""
    words = list(args.words)
    action = words.pop(0) if words and words[0] in ACTIONS else "summary"
    paths = words or ["edu_kit_responses"]
    if action == "summary":
        if len(paths) != 1:
            print(
                "edu-kit: 'edu-kit results' summarises one log or folder; for several use 'edu-kit results report'",
                file=sys.stderr,
            )
            return 2, 0
        return _summary(paths[0], quiz=args.quiz, per_quiz=args.per_quiz, spec=args.assignment, banks=args.bank)
    log, bank, skipped = _inputs(paths, args)
    marks = _marks(args.marks)
    if action == "report":
        from ..classroom import report

        if len(log) >= 20_000:  # about 10-60 s on a laptop: say what is going on
            print(f"analysing {len(log):,} answers of {log['student'].nunique():,} students ...", file=sys.stderr)
        analysed = report.analyse(log, bank, marks)
        out = report.write_report(analysed, args.out or "report.html", args.title)
        _warn(analysed.notes)
        written = analysed.open_answers["question"].nunique() if not analysed.open_answers.empty else 0
        print(f"wrote {out}: {len(analysed.scores)} student(s), {len(analysed.items)} question(s) marked "
              f"automatically, {written} written, {len(analysed.flags)} finding(s)", file=sys.stderr)
        return 0, skipped
    if action == "marks":
        from ..classroom.grading import regrade
        from ..classroom.open_answers import marks_template, open_answers, to_mark, usable_marks

        graded = regrade(log, bank)
        answers = open_answers(graded, bank, marks)
        _warn(usable_marks(graded, bank, marks)[1])
        out = Path(args.out or "marks.csv")
        # with a byte-order mark, so that Excel shows accented names right
        out.write_text(marks_template(answers, args.max, keep=marks), encoding="utf-8-sig", newline="")
        changed = int(answers["changed"].sum()) if not answers.empty else 0
        again = f" ({changed} changed after marking: mark them again)" if changed else ""
        print(f"wrote {out}: {len(answers)} written answer(s), {to_mark(answers)} still to mark{again}",
              file=sys.stderr)
        return 0, skipped
    return _gradebook(log, bank, marks, args), skipped


def _inputs(paths: Sequence[str], args: argparse.Namespace) -> tuple[pd.DataFrame, Bank, int]:
    """The records to work on, the bank to grade them with and how many log files or lines were
    skipped; an error when there is nothing to do."""
    from ..errors import EduKitError

    if args.assignment is not None:
        from ..classroom.assignments import load_assignment
        from ..classroom.grading import assignment_records
        from ..quiz.bank import load_bank

        assignment = load_assignment(args.assignment)
        bank = load_bank(assignment.bank)
        loaded = _load(paths, assignment.id)
        log = _only(assignment_records(loaded, assignment, bank), args.quiz)
        if log.empty:
            raise EduKitError(f"no answers to assignment {assignment.id!r} in {', '.join(paths)}",
                              hint="give the course folder (or its submitted/ folder) the assignment was "
                              "collected into, or the folder of its response logs")
        _warn(log.attrs.get("notes", ()))
        return log, bank, len(loaded.attrs.get("problems", ()))
    log = _only(_load(paths), args.quiz)
    bank = _bank(args.bank)
    if log.empty:
        raise EduKitError(f"no answers found in {', '.join(paths)}",
                          hint="give the folder the quizzes saved to (edu_kit_responses by default), "
                          "an nbgrader course folder, or response log files (*.jsonl)")
    _check_bank(log, bank, bool(args.bank))
    return log, bank, len(log.attrs.get("problems", ()))


def _check_bank(log: pd.DataFrame, bank: Bank, given: bool) -> None:
    """An error when no answer is to a question of ``bank`` (a forgotten --bank or --assignment)."""
    import re

    from ..classroom.grading import keyed_questions
    from ..errors import EduKitError

    known: set[str] = set(bank.ids)
    for quiz in {str(q) for q in log["quiz"].dropna()}:
        known.update(keyed_questions(bank, quiz))
    if log["question"].isin(known).any():
        return
    which = "the bank files given with --bank" if given else "the bundled banks"
    if log["question"].map(lambda q: bool(re.search(r"-q[0-9a-f]{10}$", str(q)))).all():
        raise EduKitError(f"these {len(log)} answers were saved by a release without the key, and none of "
                          f"their questions is in {which}",
                          hint="pass --assignment with the assignment file given to 'edu-kit assign' "
                          "(e.g. --assignment week3.yaml)")
    raise EduKitError(f"every answer ({len(log)}) is to a question that is not in {which} "
                      f"(e.g. {sorted(set(map(str, log['question'])))[0]!r})",
                      hint="did you forget --bank? Pass the bank file(s) the quizzes came from")


def _summary(path: str, *, quiz: str | None = None, per_quiz: bool = False, spec: str | None = None,
             banks: Sequence[str] | None = None) -> tuple[int, int]:
    from ..classroom.collected import load_collected
    from ..results import summary

    assignment = None
    held: int | None = None  # how many questions the assignment holds, when known
    if spec is not None:
        from ..classroom.assignments import load_assignment

        assignment = load_assignment(spec)
    # each skipped line, and each record filed under another student, is named in a ResponseLogWarning
    frame = load_collected(path, None if assignment is None else assignment.id)
    status = 0, len(frame.attrs.get("problems", ()))
    warned = set(frame.attrs.get("notes", ()))
    if assignment is not None:
        from ..classroom.grading import assignment_records, grade_log, released_ids
        from ..quiz.bank import load_bank

        bank = load_bank(assignment.bank)
        frame = grade_log(assignment_records(frame, assignment, bank), bank, quiz=assignment.id)
        quiz = assignment.id
        held = len(released_ids(assignment, bank))
    elif not frame.empty:  # graded with the bank's key as report, marks and gradebook do (keyless exam answers)
        from ..classroom.grading import regrade

        frame = regrade(frame, _bank(banks))
    for note in frame.attrs.get("notes", ()):
        if note not in warned:
            print(f"edu-kit: note: {note}", file=sys.stderr)
    if frame.empty:
        print(f"No responses recorded in {path} yet.")
        return status
    table = summary(frame, quiz=quiz, per_quiz=per_quiz, questions=held)
    if table.empty:
        quizzes = ", ".join(sorted(map(str, frame["quiz"].unique())))
        print(f"No responses to quiz {quiz!r} in {path}; quizzes there: {quizzes}.")
        return status
    print(table.to_string(index=False))
    return status


def _load(paths: Sequence[str], assignment: str | None = None) -> pd.DataFrame:
    import pandas as pd

    from ..classroom.collected import load_collected

    frames = [load_collected(p, assignment) for p in paths]
    log = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) > 1:  # a path given twice, or a folder and a log in it: each record once
        where = log["file"].map(os.path.realpath, na_action="ignore").astype(str) + ":" + log["line"].astype(str)
        log = log[~where.duplicated()].reset_index(drop=True)
    log.attrs["problems"] = tuple(p for f in frames for p in f.attrs.get("problems", ()))
    log.attrs["notes"] = tuple(n for f in frames for n in f.attrs.get("notes", ()))
    return log


def _only(log: pd.DataFrame, quiz: str | None) -> pd.DataFrame:
    """The records of one quiz (all when ``quiz`` is None)."""
    if quiz is None:
        return log
    chosen = log[log["quiz"] == quiz]
    if chosen.empty:
        from ..errors import ChoiceError

        raise ChoiceError.of("quiz", quiz, sorted({str(q) for q in log["quiz"]}))
    chosen.attrs["problems"] = log.attrs.get("problems", ())
    chosen.attrs["notes"] = log.attrs.get("notes", ())
    return chosen


def _bank(paths: Sequence[str] | None) -> Bank:
    from ..quiz import load_bank

    return load_bank([Path(p) for p in paths] if paths else None)


def _marks(path: str | None) -> pd.DataFrame | None:
    if path is None:
        return None
    from ..classroom.open_answers import read_marks

    return read_marks(path)


def _gradebook(log: pd.DataFrame, bank: Bank, marks: pd.DataFrame | None, args: argparse.Namespace) -> int:
    from ..classroom import gradebook

    table = gradebook.grades(log, bank, marks)
    _warn(table.attrs.get("notes", ()))
    out = Path(args.out or "grades.csv")
    excel = out.suffix.lower() == ".xlsx"
    if excel:
        gradebook.write_excel(table, out)
    else:
        out.write_text(gradebook.to_csv(table, args.lms, args.percent), encoding="utf-8", newline="")
    layout = "excel" if excel else args.lms
    dropped = gradebook.left_out(table, layout)
    waiting = int(table["to_mark"].sum()) if not table.empty else 0
    note = f"; {waiting} open answer(s) not marked yet count 0" if waiting else ""
    print(f"wrote {out}: {gradebook.file_rows(table, layout)}{note}", file=sys.stderr)
    if dropped:
        print(f"left out {dropped} row(s) of anonymous answers (no student name): {args.lms.capitalize()} has no "
              "such user; they are in --lms long and the report", file=sys.stderr)
    if layout == "moodle" and not table.empty:
        maxima = gradebook.maxima(table)
        if args.percent:
            print("in Moodle, give each grade item the maximum grade 100 (the file holds percentages)",
                  file=sys.stderr)
        else:
            print("in Moodle, give each grade item this maximum grade (the file holds points): "
                  + "; ".join(f"{name!r}: {_plain(most)}" for name, most in maxima.items()), file=sys.stderr)
    print(f"note: {gradebook.PERCENT_RULE}; the report's percent leaves answers still to mark out",
          file=sys.stderr)
    return 0


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
