"""``edu-kit extract`` and ``edu-kit score``."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

from .._spreadsheet import csv_writer
from .._spreadsheet import row as safe_row

COMMANDS = ("extract", "score")
FORMATS = ("table", "json", "csv")


def add_parsers(commands: Any) -> None:
    extract = commands.add_parser("extract", help="quotations, dates and names found in articles")
    extract.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (default: the bundled seeds)"
    )
    extract.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    extract.add_argument(
        "--keep-going", action="store_true",
        help="report bad files, go on with the good ones, and exit with status 1",
    )
    extract.add_argument(
        "--max-mb", default=None, metavar="MB",  # checked with the other limits: corpus.limits
        help="largest article file read, in megabytes (default: 10, or $EDU_KIT_MAX_ARTICLE_MB)",
    )

    score = commands.add_parser("score", help="precision and recall against gold annotations")
    score.add_argument("gold", metavar="GOLD_DIR", help="folder of gold JSON files")
    score.add_argument("paths", nargs="*", metavar="PATH", help="the gold data's articles (default: the bundled seeds)")


def run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    if args.command == "extract":
        return _extract(args.paths, args.format, keep_going=args.keep_going, max_mb=args.max_mb)
    return _score(args.gold, args.paths)


def _corpus(paths: Sequence[str] | None) -> Any:
    from . import corpus

    return corpus(paths)


def _extract(paths: Sequence[str], fmt: str, *, keep_going: bool = False, max_mb: str | None = None) -> int:
    from ..corpus.limits import article_limit
    from ..corpus.loading import load_corpus, read_corpus
    from ..export import extraction

    limit = article_limit(max_mb=max_mb)  # --max-mb, else $EDU_KIT_MAX_ARTICLE_MB, else 10 MB; checked
    selected = list(paths) or None
    status = 0
    if keep_going:
        corpus, problems = read_corpus(selected, max_bytes=limit)
        for problem in problems:
            print(f"edu-kit: {problem}", file=sys.stderr)
        if problems:
            print(f"edu-kit: {len(problems)} problem(s); went on with the {len(corpus)} good article(s)",
                  file=sys.stderr)
            status = 1
        if not len(corpus):
            return 2
    else:
        corpus = load_corpus(selected, max_bytes=limit)
    document = extraction(corpus)
    if fmt == "json":
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        sys.stdout.write(_as_csv(document))
    else:
        sys.stdout.write(_as_table(document))
    return status


def _as_csv(document: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = _Guarded(csv_writer(out))
    writer.writerow(
        ["article", "type", "start", "end", "text", "speaker_or_name", "kind", "value", "until", "cue", "fragment"]
    )
    for article in document["articles"]:
        for q in article["quotes"]:
            writer.writerow(
                [
                    article["id"],
                    "quote",
                    q["start"],
                    q["end"],
                    q["text"],
                    q["speaker"],
                    q["speaker_kind"],
                    "",
                    "",
                    q["cue"],
                    q["fragment"],
                ]
            )
        for d in article["dates"]:
            writer.writerow(
                [
                    article["id"],
                    "date",
                    d["start"],
                    d["end"],
                    d["text"],
                    "",
                    d["precision"],
                    d["value"],
                    d["until"],
                    "",
                    "",
                ]
            )
        for m in article["mentions"]:
            writer.writerow(
                [article["id"], "mention", m["start"], m["end"], m["text"], m["name"], m["kind"], "", "", "", ""]
            )
    return out.getvalue()


class _Guarded:
    """Every row through :func:`edu_kit._spreadsheet.row`: a quotation or name that starts
    with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` as in the gradebook and marks file."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, values: list[Any]) -> None:
        self._writer.writerow(safe_row(values))


def _as_table(document: dict[str, Any]) -> str:
    lines: list[str] = []
    for article in document["articles"]:
        lines.append(
            f"== {article['id']}  {article['outlet'] or 'unknown outlet'}, {article['published'] or 'undated'}"
        )
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
    checked = document["record_check"]
    counts = {status: sum(c["status"] == status for c in checked) for status in ("confirmed", "misattributed", "unverified")}
    lines.append("Quotations checked against the record: " + ", ".join(f"{n} {status}" for status, n in counts.items()))
    for c in checked:
        if c["status"] == "misattributed":
            lines.append(f"   {c['article']}: {c['reason']}")
    lines.append(f"Spelling variants ({len(document['variants'])}):")
    for v in document["variants"]:
        forms = ", ".join(f"{s['text']}{' (misspelt)' if s['misspelt'] else ''} x{s['count']}" for s in v["spellings"])
        lines.append(f"   {v['name']}: {forms}")
    return "\n".join(lines) + "\n"


def _score(gold: str, paths: Sequence[str]) -> int:
    from ..evaluation import format_scores, score_gold

    skipped: list[str] = []
    scores = score_gold(gold, _corpus(paths), skipped=skipped)
    print(format_scores(scores.values()))
    if skipped:
        print(
            f"left out {len(skipped)} gold file(s) whose text is not in the folders given "
            f"(licensed-out texts; see tests/gold/real/README.md): {', '.join(skipped)}",
            file=sys.stderr,
        )
    return 0
