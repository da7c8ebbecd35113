"""The results report: item analysis, scores, mastery and open answers as one static page.

In a teacher notebook::

    from edu_kit import results
    from edu_kit.classroom import report
    r = report.analyse(results.load("edu_kit_responses"))     # DataFrames
    r.flags                                                    # what to look at first
    report.plot_items(r.items, flagged=set(r.flags["question"]))

On the command line: ``edu-kit results report LOGS... --out report.html``.  The page is
one HTML file (no server, no script, figures embedded as PNG), with headings, table
captions and alt texts; every text that students or teachers wrote is escaped.

>>> import pandas as pd
>>> from edu_kit.quiz.model import Bank, Question
>>> bank = Bank((Question("q1", "single", "Where?", ("Geneva", "Vienna"), "Geneva",
...                       topics=("timeline",), difficulty="easy"),))
>>> log = pd.DataFrame({"time": pd.to_datetime(["2022-01-10T09:00Z"]), "student": ["<b>ana</b>"],
...     "quiz": ["t"], "question": ["q1"], "answer": ["Geneva"], "correct": [True], "score": [1.0],
...     "attempt": [1]})
>>> page = to_html(analyse(log, bank), figures=False)
>>> "&lt;b&gt;ana&lt;/b&gt;" in page and "<b>ana</b>" not in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import math
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import item_analysis as ia
from .open_answers import open_answers
from .report_plots import plot_difficulty, plot_distractors, plot_items, plot_scores, plot_topics

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from ..quiz.model import Bank

__all__ = [
    "MEASURED_FLAGS",
    "MEASURED_HOW",
    "Report",
    "analyse",
    "plot_difficulty",
    "plot_distractors",
    "plot_items",
    "plot_scores",
    "plot_topics",
    "to_html",
    "write_report",
]


@dataclass(frozen=True)
class Report:
    """Everything the report shows, as DataFrames (see :mod:`.item_analysis`)."""

    items: pd.DataFrame
    distractors: pd.DataFrame
    flags: pd.DataFrame
    difficulty: pd.DataFrame
    scores: pd.DataFrame
    topics: pd.DataFrame
    open_answers: pd.DataFrame
    unknown: tuple[str, ...]
    problems: tuple[str, ...]
    bank: Bank
    notes: tuple[str, ...] = ()
    about: str = ""


def analyse(log: pd.DataFrame, bank: Bank | None = None, marks: pd.DataFrame | None = None) -> Report:
    """Analyse a response log (:func:`edu_kit.results.load`) against ``bank``.

    ``bank`` defaults to the bundled banks; ``marks`` is
    :func:`~edu_kit.classroom.open_answers.read_marks`.  Every answer is graded again
    with ``bank``'s key first (:func:`~edu_kit.classroom.grading.regrade`), so a key fixed
    after the quiz changes the analysis and the scores, and keyless exam answers count.
    Answers to questions that are not in the bank are left out and their ids listed in
    ``unknown``.  ``notes`` says what was regraded and which marks were not used (and why).
    """
    if bank is None:
        from ..quiz import load_bank

        bank = load_bank()
    from .grading import regrade
    from .open_answers import usable_marks

    log = regrade(log, bank)
    table = ia.items(log, bank)
    options = ia.distractors(log, bank)
    scores = ia.student_scores(log, bank, marks)
    unknown = tuple(sorted({str(q) for q in log["question"] if q not in bank}))
    _, mark_notes = usable_marks(log, bank, marks)
    return Report(
        items=table, distractors=options, flags=ia.flags(table, options),
        difficulty=ia.difficulty_check(table), scores=scores, topics=ia.topic_mastery(scores, bank),
        open_answers=open_answers(log, bank, marks), unknown=unknown,
        problems=tuple(str(p) for p in log.attrs.get("problems", ())), bank=bank,
        notes=(*log.attrs.get("notes", ()), *mark_notes), about=_about(log),
    )


def _about(log: pd.DataFrame) -> str:
    """Where the report's numbers come from: how many answers, to which quizzes, when."""
    if log.empty:
        return "No answers."
    import pandas as pd

    times = pd.to_datetime(log["time"], utc=True).dropna()
    quizzes = sorted({str(q) for q in log["quiz"].dropna()})
    shown = ", ".join(repr(q) for q in quizzes[:5]) + (f" and {len(quizzes) - 5} more" if len(quizzes) > 5 else "")
    when = (f", given between {times.min():%Y-%m-%d %H:%M} and {times.max():%Y-%m-%d %H:%M} UTC"
            if not times.empty else "")
    return f"{len(log)} answers to {len(quizzes)} quiz(zes) ({shown}){when}."


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _number(value: Any, digits: int = 2, percent: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if percent:
        return f"{100 * float(value):.0f}%"
    return f"{float(value):.{digits}f}" if isinstance(value, float) else _e(value)


#: How often the findings were right and wrong on simulated classes, as the report and the docs say it.
#: Measured by ``python benchmarks/flag_rates.py`` (its docstring defines the counts); rerun it
#: after changing the rules in edu_kit/data/item_analysis.yaml and update this and the docs.
MEASURED_FLAGS = ("In simulated classes of 10, 15, 20 and 30 students (40 classes of each size, each "
                  "with one wrong key and one option nobody would choose), a false 'likely wrong key' "
                  "finding appeared in 0, 1, 2 and 1 of 40 classes, the real wrong key was found in 10, 24, "
                  "36 and 38 of 40, and a false 'unused distractor' finding in 0, 5, 6 and 4 of 40.")
#: Where the figures of MEASURED_FLAGS come from (the docs say it; the report names only the docs).
MEASURED_HOW = ("Measured by benchmarks/flag_rates.py on the simulated classes of tests/simulated_class.py "
                "(the wrong key is sim-q07, the useless option sim-q12's D; fixed seeds).")

#: Plain headings for the DataFrames' column names (the notebook API keeps the short names).
_HEADINGS = {"upper_p": "right in upper group", "lower_p": "right in lower group",
             "discrimination": "discrimination (r)", "group": "students per group",
             "blank": "submitted blank", "not_reached": "not reached",
             "upper_share": "upper group", "lower_share": "lower group", "to_mark": "to mark",
             "agrees": "agrees with the data", "stated": "stated difficulty", "measured": "band of p",
             "verdict": "p against the stated band",
             "n": "students", "p": "right at first try (p)", "mastered": "mastered by"}


def _anchor(question: object) -> str:
    """The id of a question's option table (question ids may hold any character)."""
    return "options-" + hashlib.sha256(str(question).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _table(frame: pd.DataFrame, caption: str, formats: dict[str, Any] | None = None, ident: str = "") -> str:
    formats = formats or {}
    head = "".join(f'<th scope="col">{_e(_HEADINGS.get(str(c), c))}</th>' for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            shown = formats[column](value) if column in formats else (
                _number(value) if isinstance(value, float) else _e(value))
            cells.append(f"<td>{shown}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "".join(rows) or f'<tr><td colspan="{len(frame.columns)}">None.</td></tr>'
    where = f' id="{ident}"' if ident else ""
    return (f'<div class="scroll"><table{where}><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _figure(draw: Any, alt: str, caption: str, size: tuple[float, float]) -> str:
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    ax: Axes = figure.add_subplot()
    draw(ax)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt)}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>")


_CSS = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;line-height:1.45;color:#111}
h1,h2,h3{overflow-wrap:anywhere}.scroll{overflow-x:auto;max-width:100%}nav ul{display:flex;flex-wrap:wrap;gap:0 1.2rem}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:0.9rem}
caption{text-align:left;font-weight:600;padding:0.3rem 0}
th,td{border:1px solid #999;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}
th{background:#eee}
figure{margin:1rem 0}img{max-width:100%;height:auto}
.answer{white-space:pre-wrap;border-left:4px solid #0072B2;padding-left:0.5rem}
.model{white-space:pre-wrap}
"""


def to_html(report: Report, title: str = "Quiz results report", figures: bool = True) -> str:
    """The report as one self-contained HTML page (figures as embedded PNG images)."""
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_e(title)}</title>"
             f"<style>{_CSS}</style></head><body><main><h1>{_e(title)}</h1>"
             '<nav aria-label="Contents"><ul><li><a href="#summary">Summary</a></li>'
             '<li><a href="#findings">What to look at first</a></li><li><a href="#questions">Questions</a></li>'
             '<li><a href="#students">Students</a></li><li><a href="#topics">Topics</a></li>'
             '<li><a href="#written">Written answers</a></li><li><a href="#method">How the figures are '
             "computed</a></li></ul></nav>"]
    parts.append(_summary(report))
    parts.append(_flags_section(report))
    parts.append(_questions_section(report, figures))
    parts.append(_students_section(report, figures))
    parts.append(_open_section(report))
    parts.append(_method_section())
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _summary(report: Report) -> str:
    students = len(report.scores)
    written = report.open_answers
    blank = int(written["blank"].sum()) if not written.empty else 0
    left = f" ({blank} left blank)" if blank else ""
    lines = [f"<p>{students} students; {_questions_count(report)}; {len(report.flags)} findings to look at; "
             f"{len(written)} written answers{left}.</p>"]
    if report.unknown:
        lines.append(f"<p>Answers to {len(report.unknown)} question(s) that are not in the bank were left out: "
                     f"{_e(', '.join(report.unknown))}.</p>")
    if report.problems:
        items = "".join(f"<li>{_e(p)}</li>" for p in report.problems)
        lines.append(f"<p>Lines of the logs that were skipped:</p><ul>{items}</ul>")
    if report.notes:
        items = "".join(f"<li>{_e(p)}</li>" for p in report.notes)
        lines.append(f"<p>Please note (regraded answers, marks that were not used):</p><ul>{items}</ul>")
    lines.append(f"<p>{_e(_trust(report))}</p>")
    made = f"Made on {date.today():%Y-%m-%d} from {report.about}" if report.about else ""
    return f'<section><h2 id="summary">Summary</h2><p>{_e(made)}</p>' + "".join(lines) + "</section>"


#: What to do about an unused distractor, as docs/quiz_format.md says it (review t15c P13).
_UNUSED_ADVICE = ("look before you replace the option: in a class of 15 or more such a finding can be chance "
                  "(see the figures in the Summary); replace it with a more plausible one only if hardly any "
                  "student could believe it")


def _questions_count(report: Report) -> str:
    """What the question count counts (review t15c P6: "7 questions answered" for a quiz of 8)."""
    auto = len(report.items)
    written = int(report.open_answers["question"].nunique()) if not report.open_answers.empty else 0
    text = f"{auto + written} questions have answers in these logs"
    if written:
        return text + (f": {auto} marked automatically (analysed under Questions) and {written} written "
                       "(open, marked by you, under Written answers)")
    return text + " (all marked automatically)"


def _confidence(z: float) -> str:
    """The two-sided confidence of a z value in words ("90%" for 1.645)."""
    return f"{math.erf(z / math.sqrt(2)):.0%}"


def _trust(report: Report) -> str:
    """How far the findings can be trusted with this many students."""
    r = ia.rules()
    most = int(report.items["n"].max()) if not report.items.empty else 0
    text = (f"Findings need at least {r.min_answers} students per question and a clear effect: "
            f"negative discrimination r below {r.negative_limit(max(most, 2)):.2f} with {most} students; "
            f"a likely wrong key at least {r.wrong_key_students} more students of the upper group "
            f"(and {r.wrong_key_margin:.0%} of it) on one wrong option than on the key. {MEASURED_FLAGS} The quiz format guide that comes with "
            "edu_kit (section \"The results report\") says how these were measured.")
    if most < 20:
        text += (f" With {most} students chance still decides much: read the findings as questions to "
                 "check, and trust them more after a larger class or a second class.")
    return text


def _flags_section(report: Report) -> str:
    shown = set(report.distractors["question"]) if not report.distractors.empty else set()
    return ('<section><h2 id="findings">What to look at first</h2>'
            "<p>Each finding is a reason to reread a question, not proof that it is wrong. What to check: "
            "<em>likely wrong key</em>: the key first; <em>negative discrimination</em>: the key, then the "
            "wording (strong students may read a trap into it); <em>nobody right</em>: the key, and whether "
            "it was taught; <em>unused distractor</em>: " + _UNUSED_ADVICE + "; "
            "<em>difficulty disagrees</em>: change the stated difficulty. The question ids link to their "
            "option tables.</p>"
            + _table(report.flags, "Findings per question",
                     {"question": lambda q: f'<a href="#{_anchor(q)}">{_e(q)}</a>' if q in shown else _e(q)})
            + "</section>")


def _questions_section(report: Report, figures: bool) -> str:
    table = report.items.drop(columns=["final"])
    parts = ['<section><h2 id="questions">Questions</h2>',
             "<p>Reading the discrimination r: 0.3 and above separates stronger from weaker students well, "
             "0.2 to 0.3 fairly, below 0.2 weakly; below 0, look at the key. The upper and lower groups are "
             "the students strongest and weakest on the other questions.</p>",
             _table(table, "Item analysis (p: share right at the first attempt; discrimination: corrected "
                           "point-biserial; seconds: median time to answer)",
                    {"p": lambda v: _number(v, percent=True), "upper_p": lambda v: _number(v, percent=True),
                     "lower_p": lambda v: _number(v, percent=True), "seconds": lambda v: _number(v, 0)})]
    flagged = set(report.flags[report.flags["flag"].isin(ia.ITEM_FLAGS)]["question"])
    if figures and not report.items.empty:
        found = set(report.flags["question"]) & set(report.items["question"])
        parts.append(_figure(lambda ax: plot_items(report.items, found, ax=ax),
                             "Scatter plot of each question's share right (x) against its discrimination (y); "
                             f"the {len(found)} questions with a finding are marked with triangles and their "
                             "ids; where several questions fall on one point, the number is written beside it.",
                             "Questions in the lower part (r below 0) or at the far left need a look.", (7.5, 4.8)))
    parts.append("<h3>Stated difficulty against the data</h3>")
    r = ia.rules()
    parts.append(f"<p>One rule for the table, the chart and the findings: a p-value outside the band of the "
                 f"stated difficulty is a finding (<em>difficulty disagrees</em>) only when its "
                 f"{_confidence(r.difficulty_z)} range lies wholly outside the band; otherwise a class of this size "
                 "can land there by chance, and the table says <em>outside its band, within chance</em>. "
                 f"Fewer than {r.min_answers} students: too few answers to tell.</p>")
    parts.append(_table(report.difficulty.drop(columns=["agrees"], errors="ignore"),
                        "Stated difficulty and the band its measured p-value falls in",
                        {"p": lambda v: _number(v, percent=True)}))
    if figures and not report.difficulty.empty:
        verdicts = report.difficulty["verdict"].value_counts()
        outside, chance = (int(verdicts.get(v, 0)) for v in ia.DIFFICULTY_VERDICTS[2:0:-1])
        parts.append(_figure(lambda ax: plot_difficulty(report.difficulty, ax=ax),
                             f"Strip plot of measured p-values grouped by stated difficulty; {outside} "
                             "questions lie outside their band by more than chance (red triangles), "
                             f"{chance} outside their band but within chance (orange squares); the others "
                             "are inside (blue circles).",
                             "Shaded: the p-values each stated difficulty expects.", (6.5, 4.2)))
    parts.append("<h3>How often each option was chosen</h3>")
    for question, sub in report.distractors.groupby("question", sort=False):
        sub = sub.drop(columns=["question"])
        parts.append(_table(sub, f"Options of {question} (share of first answers)",
                            {"key": lambda v: "key" if v else "",
                             "share": lambda v: _number(v, percent=True),
                             "upper_share": lambda v: _number(v, percent=True),
                             "lower_share": lambda v: _number(v, percent=True)}, ident=_anchor(question)))
        if figures and question in flagged:
            parts.append(_figure(lambda ax, q=question: plot_distractors(report.distractors, q, ax=ax),
                                 f"Bar chart of how often each option of {question} was picked; the key is hatched.",
                                 f"Options of the flagged question {question}.", (6.5, 2.8)))
    parts.append("</section>")
    return "".join(parts)


def _topic_columns(scores: pd.DataFrame) -> list[str]:
    """The per-topic mastery columns of :func:`.item_analysis.student_scores` (after ``to_mark``)."""
    columns = list(scores.columns)
    return columns[columns.index("to_mark") + 1:] if "to_mark" in columns else []


def _students_section(report: Report, figures: bool) -> str:
    parts = ['<section><h2 id="students">Students</h2>',
             _table(report.scores, "Score per student and mastery per topic (mean score of the student's "
                    "questions of the topic, unanswered ones counting 0). The latest answer to each question "
                    "counts, across all quizzes, except that a practice answer never replaces the student's exam "
                    "answer to the same question. questions: the questions of the quizzes the student took; "
                    "answered: questions answered; blank: questions submitted without an answer; percent: score "
                    "out of the student's questions, a blank or a question never reached counting 0 (answers "
                    "still to mark, to_mark, are left out until marked). The gradebook counts each quiz "
                    "separately and counts an answer still to mark as 0, so its percent can be lower.",
                    {c: (lambda v: _number(v, percent=True)) for c in _topic_columns(report.scores)}
                    | {"percent": lambda v: _number(None if v is None else float(v) / 100, percent=True)})]
    if figures and not report.scores.empty:
        parts.append(_figure(lambda ax: plot_scores(report.scores, ax=ax),
                             "Histogram of the students' percentage scores in steps of 10.",
                             "How the class's scores spread.", (6.5, 3.5)))
    parts.append('<h2 id="topics">Topics</h2>')
    parts.append(_table(report.topics, "Class mastery per topic (mastered by: share of students whose mean "
                                       f"score on the topic is at least {ia.rules().mastery_threshold:.0%})",
                        {"mastery": lambda v: _number(v, percent=True),
                         "mastered": lambda v: _number(v, percent=True)}))
    if figures and not report.topics.empty:
        parts.append(_figure(lambda ax: plot_topics(report.topics, ax=ax),
                             "Horizontal bars of the class's mean score per topic, with the share of students "
                             "who mastered it written on each bar.", "Class mastery per topic.",
                             (6.5, 0.9 + 0.5 * len(report.topics))))
    parts.append("</section>")
    return "".join(parts)


def _open_section(report: Report) -> str:
    answers = report.open_answers
    parts = ['<section><h2 id="written">Written answers (open questions)</h2>']
    if answers.empty:
        parts.append("<p>No written answers in these logs.</p></section>")
        return "".join(parts)
    parts.append("<p>To record your marks: run <code>edu-kit results marks LOGS --out marks.csv</code>, fill in "
                 "the <code>mark</code> (and <code>max</code>, <code>comment</code>) columns, then run the report "
                 "again with <code>--marks marks.csv</code>. Marked answers count as mark / max in the scores and "
                 "the gradebook.</p>")
    for question, sub in answers.groupby("question", sort=False):
        first = sub.iloc[0]
        rubric = "".join(f"<li>{_e(point)}</li>" for point in first["rubric"]) or "<li>(no rubric)</li>"
        parts.append(f"<h3>{_e(question)}</h3><p><strong>Prompt:</strong> {_e(first['prompt'])}</p>"
                     f"<p><strong>Model answer:</strong></p><p class=\"model\">{_e(first['model_answer'])}</p>"
                     f"<p><strong>Rubric:</strong></p><ul>{rubric}</ul>")
        rows = "".join(
            f"<tr><th scope=\"row\">{_e(r.student)}</th><td class=\"answer\">{_e(r.answer)}</td>"
            f"<td>{_mark(r.mark, r.max, blank=bool(r.blank), changed=bool(r.changed))}</td>"
            f"<td>{_e(r.comment)}</td></tr>"
            for r in sub.itertuples())
        parts.append(f"<table><caption>Answers to {_e(question)}</caption><thead><tr><th scope=\"col\">student"
                     f"</th><th scope=\"col\">answer</th><th scope=\"col\">mark</th><th scope=\"col\">comment"
                     f"</th></tr></thead><tbody>{rows}</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


def _mark(mark: Any, most: Any, *, blank: bool = False, changed: bool = False) -> str:
    if mark is None or (isinstance(mark, float) and math.isnan(mark)):
        return "0 (left blank)" if blank else "not marked yet"
    given = f"{_number(float(mark), 1)} / {_number(float(most), 1)}"
    if changed:
        return f"not marked yet: {given} was given to an earlier version of this answer; mark it again"
    return given


def _method_section() -> str:
    r = ia.rules()
    return ('<section><h2 id="method">How the figures are computed</h2><ul>'
            "<li><strong>p</strong>: the share of students whose first answer was right.</li>"
            "<li><strong>Discrimination</strong>: the corrected point-biserial correlation between being right "
            "at the first attempt and the share right on the student's other questions.</li>"
            f"<li><strong>Upper / lower group</strong>: the {r.group_share:.0%} of students with the highest / "
            "lowest share right on the other questions; students who tie at the edge of a group share its "
            "last places (so a student's name never decides).</li>"
            f"<li><strong>Every finding</strong> (but nobody right) needs at least {r.min_answers} students who "
            "answered the question.</li>"
            "<li><strong>Negative discrimination</strong>: r below "
            f"{r.negative_discrimination:.2f} and below -{r.negative_z:g} / &radic;(n &minus; 1) "
            f"({r.negative_limit(10):.2f} with 10 students, {r.negative_limit(30):.2f} with 30): smaller "
            "negative values happen by chance.</li>"
            "<li><strong>Likely wrong key</strong>: the upper group picked one wrong option more often than the "
            f"key, by at least {r.wrong_key_students} students and {r.wrong_key_margin:.0%} of the group, and "
            f"the question's r is at most {r.wrong_key_discrimination:.2f} (for several-answer questions: most "
            "of the upper group rejected a key or ticked a non-key). Check the key first.</li>"
            "<li><strong>Unused distractor</strong>: a wrong option nobody picked although so many answers "
            f"were wrong that chance alone would leave it unpicked less than {r.unused_chance:.0%} of the "
            "time (for that one option; a quiz tests many options, so some such findings are chance). "
            + _UNUSED_ADVICE[0].upper() + _UNUSED_ADVICE[1:] + ".</li>"
            "<li><strong>Difficulty disagrees</strong>: the 90% range of the measured p-value lies wholly "
            "outside the band of the stated difficulty. Change the stated difficulty or the question.</li>"
            "<li><strong>Seconds</strong>: the median time since the student's previous answer in the same quiz "
            f"(gaps over {r.max_gap_seconds / 60:.0f} minutes are breaks and not counted).</li>"
            "<li><strong>Score</strong>: the final answer's score per question, graded again with the bank's "
            "key (a key fixed after the quiz counts); a written answer counts as mark / max once marked, "
            "and a mark given before the student saved the answer again does not count.</li>"
            "<li><strong>Percent</strong> (Students): score out of the questions of the quizzes the student "
            "took; a question left blank or never reached counts 0, so stopping early does not raise it; "
            "answers still to mark are left out until marked. The gradebook's percent is per quiz, out of "
            "the quiz's number of questions, with answers still to mark counted as 0.</li></ul></section>")


def write_report(report: Report, out: str | os.PathLike[str], title: str = "Quiz results report") -> Path:
    """Write :func:`to_html` of ``report`` to ``out`` (UTF-8); return the path."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_html(report, title), encoding="utf-8")
    return path
