"""The ``edu-kit`` command line (the only module that owns it).

Commands::

    edu-kit extract [PATH ...] [--format table|json|csv]
    edu-kit score GOLD_DIR [PATH ...]
    edu-kit quiz build [PATH ...] [--out FILE] [--check]
    edu-kit quiz check [FILE ...]
    edu-kit results [PATH]
    edu-kit lab [NOTEBOOK] [JUPYTER LAB OPTIONS ...]

Bad input never ends in a traceback: the message names the file and line and what
to do, and the exit status is 2 (1 for ``quiz check`` problems and a stale bank).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import EduKitError

__all__ = ["main"]

FORMATS = ("table", "json", "csv")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edu-kit",
        description="Annotated news sources, facts and quizzes on the NATO-Russia-Ukraine crisis (Dec 2021 - Jan 2022).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    extract = commands.add_parser("extract", help="quotations, dates and names found in articles")
    extract.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: the bundled seeds)")
    extract.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")

    score = commands.add_parser("score", help="precision and recall against gold annotations")
    score.add_argument("gold", metavar="GOLD_DIR", help="folder of gold JSON files")
    score.add_argument("paths", nargs="*", metavar="PATH", help="the gold data's articles (default: the bundled seeds)")

    quiz = commands.add_parser("quiz", help="build or check quiz banks")
    quiz_commands = quiz.add_subparsers(dest="quiz_command", metavar="ACTION", required=True)
    build = quiz_commands.add_parser("build", help="generate a question bank from the facts of articles")
    build.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: the bundled seeds)")
    build.add_argument("--out", help="write the bank here (default: print it)")
    build.add_argument("--check", action="store_true", help="do not write; fail if --out differs from what would be written")
    check = quiz_commands.add_parser("check", help="validate quiz bank files")
    check.add_argument("files", nargs="*", metavar="FILE", help="bank files or folders (default: the bundled banks)")
    check.add_argument("--articles", nargs="*", metavar="PATH", help="check sources against these articles (default: the bundled seeds)")

    lab = commands.add_parser(
        "lab",
        help="open the student notebooks in JupyterLab",
        description="Open a student notebook (default: 00_start_here.ipynb) in JupyterLab. "
        "Options after the notebook name are passed to `jupyter lab` (e.g. --port 8890).",
    )
    lab.add_argument("notebook", nargs="?", default="00_start_here.ipynb", help="notebook to open (default: 00_start_here.ipynb)")
    lab.add_argument("--dry-run", action="store_true", help="print the command instead of running it")

    results = commands.add_parser("results", help="summarise recorded quiz responses")
    results.add_argument("path", nargs="?", default="edu_kit_responses", help="a response log or a folder of them")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    extra: list[str] = []
    if argv[:1] == ["lab"] and not {"-h", "--help"} & set(argv):
        # Everything but the notebook name and --dry-run goes to `jupyter lab` as it is.
        known = [a for a in argv[1:] if a == "--dry-run" or (a.endswith(".ipynb") and not a.startswith("-"))][:2]
        extra = [a for a in argv[1:] if a not in known]
        argv = ["lab", *known]
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args.paths, args.format)
        if args.command == "score":
            return _score(args.gold, args.paths)
        if args.command == "quiz":
            return _quiz(args)
        if args.command == "lab":
            return _lab(args.notebook, extra, dry_run=args.dry_run)
        return _results(args.path)
    except EduKitError as exc:
        print(f"edu-kit: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


def _corpus(paths: Sequence[str] | None) -> Any:
    from .corpus import load_corpus

    return load_corpus(list(paths) if paths else None)


def _extract(paths: Sequence[str], fmt: str) -> int:
    from .export import extraction

    document = extraction(_corpus(paths))
    if fmt == "json":
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        sys.stdout.write(_as_csv(document))
    else:
        sys.stdout.write(_as_table(document))
    return 0


def _as_csv(document: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["article", "type", "start", "end", "text", "speaker_or_name", "kind", "value", "until", "cue", "fragment"])
    for article in document["articles"]:
        for q in article["quotes"]:
            writer.writerow([article["id"], "quote", q["start"], q["end"], q["text"], q["speaker"], q["speaker_kind"], "", "", q["cue"], q["fragment"]])
        for d in article["dates"]:
            writer.writerow([article["id"], "date", d["start"], d["end"], d["text"], "", d["precision"], d["value"], d["until"], "", ""])
        for m in article["mentions"]:
            writer.writerow([article["id"], "mention", m["start"], m["end"], m["text"], m["name"], m["kind"], "", "", "", ""])
    return out.getvalue()


def _as_table(document: dict[str, Any]) -> str:
    lines: list[str] = []
    for article in document["articles"]:
        lines.append(f"== {article['id']}  {article['outlet'] or 'unknown outlet'}, {article['published'] or 'undated'}")
        lines.append(f"   {article['title'] or '(no title)'}")
        lines.append(f"   Quotations ({len(article['quotes'])}):")
        for q in article["quotes"]:
            kind = "fragment" if q["fragment"] else q["where"] if q["where"] != "text" else "quote"
            text = q["text"] if len(q["text"]) <= 70 else q["text"][:67] + "..."
            lines.append(f"     {q['speaker'] or '?':<24} [{kind}] \u201c{text}\u201d  ({q['cue'] or 'no cue'})")
        lines.append(f"   Dates ({len(article['dates'])}):")
        for d in article["dates"]:
            until = f" to {d['until']}" if d["until"] else ""
            lines.append(f"     {d['text']:<32} {d['value'] or 'unresolved'}{until} ({d['precision']})")
        people = sorted({m["name"] for m in article["mentions"] if m["kind"] == "person"})
        lines.append(f"   People ({len(people)}): {', '.join(people)}")
        lines.append("")
    lines.append(f"Conflicts ({len(document['conflicts'])}):")
    for c in document["conflicts"]:
        lines.append(f"   {c['explanation']}")
    lines.append(f"Spelling variants ({len(document['variants'])}):")
    for v in document["variants"]:
        forms = ", ".join(f"{s['text']}{' (misspelt)' if s['misspelt'] else ''} x{s['count']}" for s in v["spellings"])
        lines.append(f"   {v['name']}: {forms}")
    return "\n".join(lines) + "\n"


def _score(gold: str, paths: Sequence[str]) -> int:
    from .evaluation import format_scores, score_gold

    scores = score_gold(gold, _corpus(paths))
    print(format_scores(scores.values()))
    return 0


def _quiz(args: argparse.Namespace) -> int:
    if args.quiz_command == "build":
        from .quiz.generate import build_bank_text

        text = build_bank_text(_corpus(args.paths))
        if args.check:
            if not args.out:
                print("edu-kit: quiz build --check needs --out FILE to compare with", file=sys.stderr)
                return 2
            current = Path(args.out).read_text(encoding="utf-8") if Path(args.out).is_file() else ""
            if current != text:
                print(f"edu-kit: {args.out} is stale. What to do: run 'edu-kit quiz build --out {args.out}' and commit it.", file=sys.stderr)
                return 1
            print(f"{args.out} is up to date.")
            return 0
        if args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(text, encoding="utf-8")
            print(f"wrote {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    from .quiz import check_bank

    corpus = _corpus(args.articles) if args.articles is not None else _corpus(None)
    files = [Path(f) for f in args.files] if args.files else None
    problems = check_bank(files, corpus=corpus)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("All quiz banks are valid.")
    return 0


def _notebooks_folder() -> Path:
    """The notebooks: ``./notebooks`` here, or beside the package in a source checkout."""
    for candidate in (Path.cwd() / "notebooks", Path(__file__).resolve().parent.parent / "notebooks"):
        if (candidate / "00_start_here.ipynb").is_file():
            return candidate
    raise EduKitError(
        "the student notebooks were not found (no notebooks/00_start_here.ipynb here or beside edu_kit)",
        hint="run this from the edu_kit project folder, where the notebooks/ folder is",
    )


def _lab(notebook: str, jupyter_args: Sequence[str], *, dry_run: bool) -> int:
    import os
    import shlex
    import subprocess

    folder = _notebooks_folder()
    target = folder / notebook
    if not target.is_file():
        available = sorted(p.name for p in folder.glob("*.ipynb"))
        from .errors import ChoiceError

        raise ChoiceError.of("notebook", notebook, available)
    root = folder.parent
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}", target.relative_to(root).as_posix(), *jupyter_args]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")  # JupyterLab refuses to start as root without it
    if dry_run:
        print(f"cd {shlex.quote(str(root))} && {shlex.join(command)}")
        return 0
    try:
        return subprocess.call(command, cwd=root)
    except KeyboardInterrupt:  # Ctrl-C stops JupyterLab: a normal way to end
        return 0


def _results(path: str) -> int:
    from . import results

    frame = results.load(path)
    if frame.empty:
        print(f"No responses recorded in {path} yet.")
        return 0
    print(results.summary(frame).to_string(index=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
