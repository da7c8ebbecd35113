"""The quiz widget: native, labelled controls; grading in the kernel.

This is the only module of edu_kit that imports ipywidgets.  The answer key stays in
the kernel: widget state holds only prompts and choice texts (in an order drawn
uniformly, so the order carries no information about the key), and feedback widgets
stay empty until the student answers.

A :class:`Quiz` displays as the live widget in JupyterLab and as a static, escaped
text/HTML form elsewhere (nbval, GitHub, nbconvert); displaying it writes nothing into
Output widgets.  Every graded answer is recorded with :func:`edu_kit.results.record`.

An ``open`` question is a labelled text area with a "Save answer" button: each save
appends the text to the log with ``correct`` and ``score`` null (never graded), and
the model answer and rubric never reach the widget (teachers see them with
:func:`edu_kit.quiz.model_answers`).
"""

from __future__ import annotations

import dataclasses
import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from traitlets import TraitError

from ..errors import ChoiceError, ResponseLogError
from ..results import Response, answers_in, now, read_answers, record, student_id
from .grade import LATER_CREDIT, Feedback, attempts_for, credit, grade, unanswered
from .model import Question
from .numbers import number_text, read_number, shown
from .render import (
    Display,
    display_for,
    feedback_html,
    html_form,
    instructions,
    notice_html,
    text_form,
)

__all__ = ["Item", "Quiz"]

_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}

# Let long choice texts wrap instead of being cut off (ipywidgets' labels are one line).
# Layout only: no colours, so light and dark themes both work.
_WRAP_CSS = """<style>
.edu-kit-quiz .jupyter-widget-radio-box label, .edu-kit-quiz .widget-radio-box label {
  height: auto; line-height: 1.4; white-space: normal; margin-bottom: 0.3em; }
.edu-kit-quiz .jupyter-widget-checkbox, .edu-kit-quiz .widget-checkbox { height: auto; }
.edu-kit-quiz .jupyter-widget-label-basic, .edu-kit-quiz .widget-label-basic {
  white-space: normal; overflow: visible; line-height: 1.4; }
.edu-kit-quiz select { max-width: 100%; }
</style>"""
_WIDE = {"width": "auto", "max_width": "100%"}
_LABELLED = {"description_width": "initial"}
_BUTTON = {"width": "auto", "align_self": "flex-start", "margin": "0.3em 0"}


def _ordinal(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{_SUFFIXES.get(n % 10, 'th')}"


def _lines(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _typeset_literal(text: str) -> str:
    """``text`` for a widget that JupyterLab typesets with MathJax (a Checkbox's
    description, a Label): ``\\$`` shows as ``$``, so "$5bn and $9bn" is not maths.
    Options of RadioButtons and Dropdowns and HTML widgets are not typeset."""
    return text.replace("\\", "\\\\").replace("$", "\\$")


def _text(value: str) -> widgets.HTML:
    return widgets.HTML(value=f"<p>{_lines(value)}</p>", layout=widgets.Layout(**_WIDE))


class Item:
    """One question's controls, Check button and feedback area.

    ``controls`` are the widgets the student sets (RadioButtons, Checkboxes, Dropdowns,
    Text for a word or a number); ``button`` is None in exam mode; ``feedback`` is an HTML widget
    whose value is empty until the student answers.
    """

    def __init__(self, number: int, display: Display, *, exam: bool) -> None:
        self.number = number
        self.display = display
        self.question: Question = display.question
        self.attempts_used = 0
        self.final: Feedback | None = None
        self.sent = False  # saved by an exam's Submit (never saved twice)
        self.controls: tuple[widgets.Widget, ...] = self._make_controls()
        self.feedback = widgets.HTML(value="", layout=widgets.Layout(**_WIDE))
        self.button: widgets.Button | None = None
        if not exam:
            written = self.question.type == "open"
            self.button = widgets.Button(
                description="Save answer" if written else "Check answer",
                tooltip=(f"Save your written answer to question {number}" if written
                         else f"Check your answer to question {number}"),
                layout=widgets.Layout(**_BUTTON),
            )
        header = widgets.HTML(
            value=_question_header(number, self.question, exam=exam), layout=widgets.Layout(**_WIDE)
        )
        parts: list[widgets.Widget] = [header, *self._arranged()]
        if self.button is not None:
            parts.append(self.button)
        parts.append(self.feedback)
        self.box = widgets.VBox(parts, layout=widgets.Layout(margin="0 0 1em 0"))

    # -- controls

    def _make_controls(self) -> tuple[widgets.Widget, ...]:
        q, options = self.question, self.display.options
        label = f"Answer to question {self.number}"
        if q.type in ("single", "true_false"):
            return (
                widgets.RadioButtons(
                    options=options, value=None, description=label,
                    tooltip=label, style=_LABELLED, layout=widgets.Layout(**_WIDE),
                ),
            )
        if q.type == "multiple":
            return tuple(
                widgets.Checkbox(value=False, description=_typeset_literal(option), indent=False,
                                 tooltip=option, layout=widgets.Layout(**_WIDE))
                for option in options
            )
        if q.type == "ordering":
            return tuple(
                widgets.Dropdown(
                    options=options, value=None, description=_ordinal(i),
                    tooltip=f"Item in position {i} (1 = earliest)",
                    style={"description_width": "3.5em"}, layout=widgets.Layout(**_WIDE),
                )
                for i in range(1, len(options) + 1)
            )
        if q.type == "matching":
            return tuple(
                widgets.Dropdown(
                    options=options, value=None, description=f"Match for {i}",
                    tooltip=f"Match for item {i}", style={"description_width": "7em"},
                    layout=widgets.Layout(**_WIDE),
                )
                for i in range(1, len(self.display.left) + 1)
            )
        if q.type == "open":
            return (
                widgets.Textarea(value="", description=f"Your answer to question {self.number}",
                                 placeholder="Write two or three sentences", tooltip=label,
                                 rows=5, style=_LABELLED,
                                 layout=widgets.Layout(width="100%", max_width="48em")),
            )
        if q.type == "short_text":
            return (
                widgets.Text(value="", description=label, placeholder="Type your answer",
                             tooltip=label, style=_LABELLED, layout=widgets.Layout(**_WIDE)),
            )
        # A text box, not a FloatText: a FloatText starts at 0, so an untouched box could not be
        # told from a typed 0 (the value never changes).  Empty means "no answer".
        return (
            widgets.Text(value="", description=label, placeholder="Type a number", tooltip=label,
                         style=_LABELLED, layout=widgets.Layout(width="auto")),
        )

    def _arranged(self) -> list[widgets.Widget]:
        if self.question.type == "matching":
            parts: list[widgets.Widget] = []
            for i, (item, control) in enumerate(zip(self.display.left, self.controls,
                                                    strict=True), start=1):
                parts += [_text(f"{i}. {item}"), control]
            return parts
        if self.question.type == "numeric":
            unit = getattr(self.question.answer, "unit", "")
            return [widgets.HBox([*self.controls, widgets.Label(value=_typeset_literal(unit))])]
        return list(self.controls)

    def answer(self) -> tuple[object | None, str]:
        """The answer set in the controls, or ``(None, what to do first)``."""
        kind, controls = self.question.type, self.controls
        values = [getattr(c, "value", None) for c in controls]
        if kind == "single":
            return (values[0], "") if values[0] is not None else (None, "Choose an answer first.")
        if kind == "true_false":
            if values[0] is None:
                return None, "Choose True or False first."
            return values[0] == "True", ""
        if kind == "multiple":
            chosen = [o for o, v in zip(self.display.options, values, strict=True) if v]
            return (chosen, "") if chosen else (None, "Tick at least one choice first.")
        if kind == "ordering":
            if any(v is None for v in values):
                return None, "Choose an item for every position first."
            repeated = [v for i, v in enumerate(values) if v in values[:i]]
            if repeated:
                return None, f"Use each item once: {repeated[0]!r} is in two positions."
            return list(values), ""
        if kind == "matching":
            if any(v is None for v in values):
                return None, "Choose a match for every item first."
            return dict(zip(self.display.left, values, strict=True)), ""
        if kind == "short_text":
            text = str(values[0] or "").strip()
            return (text, "") if text else (None, "Type an answer first.")
        if kind == "open":
            text = str(values[0] or "").strip()
            return (text, "") if text else (None, "Write your answer first.")
        return read_number(str(values[0] or ""), self._unit)

    @property
    def _unit(self) -> str:
        return str(getattr(self.question.answer, "unit", "") or "")

    def submitted(self) -> object | None:
        """What Submit saves: the answer, else what the student set, as given, else None
        (no answer).  An unfinished matching or ordering is saved as set (an empty entry is
        None; graded as given, the rest counts as wrong); a number box that holds text that
        is not a number saves the text as typed (graded wrong; the teacher sees it)."""
        answer, _ = self.answer()
        if answer is not None:
            return answer
        values = [getattr(c, "value", None) for c in self.controls]
        kind = self.question.type
        if kind == "matching" and any(v is not None for v in values):
            return dict(zip(self.display.left, values, strict=True))
        if kind == "ordering" and any(v is not None for v in values):
            return list(values)
        if self.unreadable():
            return str(values[0]).strip()
        return None

    def unreadable(self) -> bool:
        """True when a number box holds text that is not a number (Submit records it as typed)."""
        if self.question.type != "numeric":
            return False
        text = str(getattr(self.controls[0], "value", "") or "").strip()
        return bool(text) and read_number(text, self._unit)[0] is None

    def unfinished(self) -> str:
        """What an ordering or matching with some entries set still lacks, in words ("" when
        it is complete or untouched): Submit saves it as given."""
        values = [getattr(c, "value", None) for c in self.controls]
        if self.question.type not in ("ordering", "matching") or all(v is None for v in values):
            return ""
        empty = values.count(None)
        if self.question.type == "matching":
            return f"{empty} item{'s' if empty != 1 else ''} without a match" if empty else ""
        parts = [f"{empty} position{'s' if empty != 1 else ''} empty"] if empty else []
        twice: list[str] = []
        for i, value in enumerate(values):
            if value is not None and value in values[:i] and value not in twice:
                twice.append(value)
        parts += [f"{shown(str(v))} in two positions" for v in twice]
        return ", ".join(parts)

    def set_answer(self, answer: object) -> None:
        """Put a recorded ``answer`` back into the controls (restoring); ignores what no longer fits."""
        kind, controls, options = self.question.type, self.controls, self.display.options
        try:
            if kind == "single" and answer in options:
                controls[0].value = answer
            elif kind == "true_false" and isinstance(answer, bool):
                controls[0].value = "True" if answer else "False"
            elif kind == "multiple" and isinstance(answer, list):
                for option, control in zip(options, controls, strict=True):
                    control.value = option in answer
            elif kind == "ordering" and isinstance(answer, list) and len(answer) == len(controls):
                for value, control in zip(answer, controls, strict=True):
                    control.value = value if value in options else None
            elif kind == "matching" and isinstance(answer, dict):
                for item, control in zip(self.display.left, controls, strict=True):
                    value = answer.get(item)
                    control.value = value if value in options else None
            elif kind in ("short_text", "open") and isinstance(answer, str):
                controls[0].value = answer
            elif kind == "numeric" and isinstance(answer, (int, float)) and not isinstance(answer, bool):
                controls[0].value = number_text(answer)
            elif kind == "numeric" and isinstance(answer, str):  # recorded as typed: not a number
                controls[0].value = answer
        except (TraitError, ValueError, TypeError):
            return

    def disable(self, disabled: bool = True) -> None:
        for control in self.controls:
            control.disabled = disabled
        if self.button is not None:
            self.button.disabled = disabled


def _question_header(number: int, question: Question, *, exam: bool = False) -> str:
    return (
        f"<p><strong>{number}. {_lines(question.prompt)}</strong></p>"
        f"<p><em>{html.escape(instructions(question, exam=exam))}</em></p>"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _score_text(value: float) -> str:
    return f"{round(value, 2):g}"


class Quiz:
    """A quiz in a notebook cell (what ``edu_kit.quiz.show`` returns).

    ``items`` holds one :class:`Item` per question; ``score_label`` shows the running
    score; ``notice`` shows a one-line message (an answer cannot be saved, the exam was
    already submitted); ``submit_button`` exists in exam mode only; ``widget`` is the
    root VBox.

    ``ask_name``: without a student, first ask for a name (kept for the kernel's
    session) and build the questions for that name with ``chooser``.  ``sealed``: the
    kernel has no key (an assignment released without keys); answers are saved with
    ``correct``/``score`` null and graded later.  On display the quiz shows what this
    student already answered in this quiz (read from the log): an exam already submitted
    is shown read-only, so there is one submission per student across re-runs, kernel
    restarts and page reloads.
    """

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        quiz_id: str,
        title: str,
        student: str | None,
        attempts: int = 2,
        exam: bool = False,
        log_dir: str | os.PathLike[str],
        recorder: Callable[[Path, Response], Path] | None = None,
        later_credit: float = LATER_CREDIT,
        ask_name: bool = False,
        sealed: bool = False,
        one_owner: bool = False,
        chooser: Callable[[str | None], Sequence[Question]] | None = None,
    ) -> None:
        credit(1.0, 2, later_credit)  # rejects a later_credit outside [0, 1]
        self.later_credit = later_credit
        self.quiz_id = quiz_id
        self.title = title
        self.student = student_id(student)  # NFC: one variant and one lock however "José" was typed
        self.attempts = 1 if exam else attempts
        self.exam = exam
        self.sealed = sealed
        self.one_owner = one_owner  # the log folder is one student's (an assignment folder)
        self.log_dir = Path(log_dir)
        self._record = recorder or record
        self._chooser = chooser
        self.submitted_at: str | None = None
        self.unsure: str | None = None  # why an exam cannot tell whether it was submitted, or None
        self._resubmit = False  # a Submit failed part-way: what it saved is not a finished submission
        self._told_not_submitted = False  # the notice said NOT submitted; say when it is
        self.score_label = widgets.Label(value="")
        self.notice = widgets.HTML(value="", layout=widgets.Layout(**_WIDE))
        self.submit_button: widgets.Button | None = None
        self.pending = widgets.HTML(value="", layout=widgets.Layout(**_WIDE))
        self.widget = widgets.VBox([], layout=widgets.Layout(max_width="100%"))
        self.widget.add_class("edu-kit-quiz")
        self.name_box: widgets.Text | None = None
        self.name_button: widgets.Button | None = None
        self._build(tuple(questions))
        if ask_name and student is None:
            self._ask_name()
        else:
            self.restore()

    # -- building

    def _build(self, questions: tuple[Question, ...]) -> None:
        self.displays = tuple(display_for(q, self.student) for q in questions)
        self.items = tuple(Item(i, d, exam=self.exam) for i, d in enumerate(self.displays, start=1))
        if self.sealed:
            for item in self.items:
                if item.button is not None:
                    item.button.description = "Save answer"
                    item.button.tooltip = f"Save your answer to question {item.number}"
        for item in self.items:
            if item.button is not None:
                item.button.on_click(self._checker(item))
        children: list[widgets.Widget] = [widgets.HTML(value=_WRAP_CSS + _title_html(self.title))]
        children += [item.box for item in self.items]
        self.submit_button = None
        if self.exam:
            self.submit_button = widgets.Button(
                description="Submit answers",
                tooltip=_SUBMIT_TIP,
                layout=widgets.Layout(**_BUTTON),
            )
            self.submit_button.on_click(self._submit)
            for item in self.items:
                for control in item.controls:
                    control.observe(self._on_change, names="value")
            self._show_pending()
            children += [self.pending, self.submit_button]
        self.score_label.value = self._score_line()
        children += [self.score_label, self.notice]
        self.widget.children = tuple(children)

    def _ask_name(self) -> None:
        self.name_box = widgets.Text(
            value="", description="Your name", placeholder="Type your name, then press Start",
            tooltip="Your name: your answers are saved under it for your teacher",
            style=_LABELLED, layout=widgets.Layout(**_WIDE),
        )
        self.name_button = widgets.Button(
            description="Start", tooltip="Start the quiz under this name", layout=widgets.Layout(**_BUTTON)
        )
        self.name_button.on_click(lambda _: self.start(self.name_box.value if self.name_box else ""))
        intro = widgets.HTML(value=(
            _WRAP_CSS + _title_html(self.title)
            + "<p>Who is answering? Your answers are saved under this name for your teacher "
            "(asked once per notebook session).</p>"))
        self.widget.children = (intro, self.name_box, self.name_button, self.notice)

    def start(self, name: str) -> None:
        """Start the quiz under ``name`` (what the Start button does when a name is asked)."""
        from ..classroom.identity import remember
        from ..errors import ChoiceError

        try:
            who = remember(name)
        except ChoiceError as err:
            self.notice.value = notice_html(f"{err.problem}: {err.hint}." if err.hint else err.problem)
            return
        self.notice.value = ""
        self.student = who.name
        questions = tuple(self._chooser(who.name)) if self._chooser else tuple(d.question for d in self.displays)
        self._build(questions)
        self.restore()

    # -- state

    @property
    def asking(self) -> bool:
        """True while the quiz waits for a name."""
        return self.name_box is not None and self.name_box in self.widget.children

    @property
    def score(self) -> float:
        """The sum of the credited scores of finished graded questions."""
        return sum(item.final.score for item in self.items if item.final is not None)

    @property
    def _graded(self) -> int:
        return sum(1 for item in self.items if item.question.graded)

    def _score_line(self) -> str:
        if self.sealed:
            saved = sum(1 for item in self.items if item.attempts_used)
            return f"Saved: {saved}/{len(self.items)} answers; scores after the deadline"
        written = [item for item in self.items if not item.question.graded]
        blank = sum(1 for item in written if item.sent and item.answer()[0] is None)
        note = ""
        if len(written) > blank:
            kept = len(written) - blank
            note = (f"{kept} written answer{'s' if kept != 1 else ''} for your teacher, "
                    "not marked automatically")
        if blank:
            note += ("; " if note else "") + f"{blank} written answer{'s' if blank != 1 else ''} left blank"
        if not self._graded:
            return (note[0].upper() + note[1:] + ".") if note else ""
        marked = _plural(self._graded, "marked question")
        if self.exam and self.submitted_at is None and not any(item.final for item in self.items):
            return f"Score: shown after you submit ({marked}" + (f"; {note})" if note else ")")
        return f"Score: {_score_text(self.score)}/{self._graded}" + (f" ({note})" if note else "")

    def _on_change(self, _: object) -> None:
        self._show_pending()

    def _show_pending(self) -> None:
        """Before an exam's Submit: name the questions still blank (the student may submit anyway)."""
        if self.submitted_at is not None or not self.exam:
            value, said = "", ""
        else:
            open_items = [i for i in self.items if i.final is None and not i.sent]
            said = _pending_text([i.number for i in open_items if i.submitted() is None],
                                 [(i.number, i.unfinished()) for i in open_items if i.unfinished()],
                                 [i.number for i in open_items if i.unreadable()])
            value = _pending_html(said)
        if self.pending.value != value:  # a screen reader hears it again only when it changes
            self.pending.value = value
        if self.submit_button is not None:
            # The button's description (its title) says it too: a screen reader reads it on the
            # button itself, which stays in the page, whatever happens to the line above it.
            tooltip = f"{_SUBMIT_TIP} {said}".strip()
            if self.submit_button.tooltip != tooltip:
                self.submit_button.tooltip = tooltip

    # -- restoring what the log holds

    def restore(self) -> None:
        """Show what this student already answered in this quiz (read from the log).

        Practice: each answered question shows its last answer, its feedback and the
        attempts left.  Exam: once submitted, the submitted answers are shown read-only
        with "already submitted".  Nothing is restored without a student name (the
        anonymous log is shared).
        """
        if self.student is None:
            return
        self.unsure = None
        mode = "exam" if self.exam else "practice"
        try:  # an exam reads exam records only, practice practice ones: neither locks the other
            # In an assignment folder a record an older edu_kit wrote (no 'exam' field) locks the
            # exam too: upgrading during an exam must not unlock it.
            rows, problems = read_answers(self.log_dir, self.student, self.quiz_id, exam=self.exam,
                                          unmarked_is_exam=self.exam and self.one_owner)
            others: set[str] = set()
            if self.exam and self.one_owner and not rows:  # a submission under another name locks it too
                rows = answers_in(self.log_dir, self.quiz_id, exam=True, unmarked_is_exam=True)
                others = {str(row["student"]) for row in rows}
        except ResponseLogError as err:
            where = f" ({err.path})" if err.path else ""
            if self.exam:
                self._refuse(f"Your earlier {mode} answers could not be read: {err.problem}{where}. "
                             "Whether this exam was already submitted cannot be checked, so it cannot "
                             "be submitted now. Tell your teacher (the log must be a readable file), "
                             "then run this cell again; your answers here are kept until then.")
            else:
                self.notice.value = notice_html(
                    f"Your earlier answers could not be read: {err.problem}{where}. "
                    "Tell your teacher; new answers may not be saved either.")
            return
        if problems:
            lines = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
            if self.exam and not rows:
                self._refuse(f"Part of your log could not be read: {lines}. It may hold your submission "
                             "of this exam, so the exam cannot be submitted now. Tell your teacher "
                             "(who can fix or remove that line), then run this cell again; your answers "
                             "here are kept until then.")
                return
            self.notice.value = notice_html(
                f"Part of your log could not be read, so an earlier answer may not be shown: {lines}. "
                "Tell your teacher.")
        by_question: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_question.setdefault(row["question"], []).append(row)
        if self.exam and rows:
            self._lock_submitted(by_question, rows[-1]["time"])
            if others:
                self.notice.value += notice_html(
                    f"This assignment folder already holds a submission as {', '.join(sorted(others))!s}, "
                    f"not {self.student}: one folder holds one student's submission. Tell your teacher "
                    "if this is wrong.")
            return
        for item in self.items:
            history = by_question.get(item.question.id)
            if history:
                self._restore_item(item, history)
        self.score_label.value = self._score_line()

    def _refuse(self, message: str) -> None:
        """The exam cannot be submitted (its earlier submission cannot be read): say why."""
        self.unsure = message
        if self.submit_button is not None:
            self.submit_button.disabled = True
        self.notice.value = notice_html(message)

    def _credited(self, feedback: Feedback, attempt: int) -> Feedback:
        """``feedback`` with the scoring rule applied (a later right answer earns part)."""
        if attempt <= 1 or feedback.score <= 0:
            return feedback
        earned = credit(feedback.score, attempt, self.later_credit)
        note = f" (attempt {attempt}: {_score_text(earned)} of 1 point)"
        return dataclasses.replace(feedback, score=earned, message=feedback.message + note)

    def _restore_item(self, item: Item, history: list[dict[str, Any]]) -> None:
        last = history[-1]["answer"]
        item.attempts_used = len(history)
        item.set_answer(last)
        if item.question.type == "open":
            item.feedback.value = _written_html(item.attempts_used, "")
            return
        left = attempts_for(item.question, self.attempts) - item.attempts_used
        if self.sealed:
            if left <= 0:
                item.disable()
            item.feedback.value = _saved_html(left)
            return
        try:
            feedback = grade(item.question, last) if last is not None else unanswered(item.question)
        except ChoiceError:  # the bank changed since: show nothing rather than a wrong verdict
            return
        feedback = self._credited(feedback, item.attempts_used)
        final = feedback.correct or left <= 0
        if final:
            item.final = feedback
            item.disable()
        item.feedback.value = feedback_html(feedback, item.question, final=final, attempts_left=left)

    def _lock_submitted(self, by_question: dict[str, list[dict[str, Any]]], when: str) -> None:
        self.submitted_at = when
        for item in self.items:
            history = by_question.get(item.question.id, [])
            answer = history[0]["answer"] if history else None  # the first submission counts
            item.attempts_used = max(1, len(history))
            item.sent = True
            if answer is not None:
                item.set_answer(answer)
            item.disable()
            if self.sealed:
                item.feedback.value = ""
                continue
            if item.question.type == "open":
                if history and answer is None:
                    item.feedback.value = _BLANK_HTML
                else:
                    item.feedback.value = _SUBMITTED_WRITTEN_HTML if history else ""
                continue
            try:
                feedback = unanswered(item.question) if answer is None else grade(item.question, answer)
            except ChoiceError:
                continue
            item.final = feedback
            item.feedback.value = feedback_html(feedback, item.question, final=True, attempts_left=0)
        if self.submit_button is not None:
            self.submit_button.disabled = True
        self._show_pending()
        self.score_label.value = self._score_line()
        unsaved = [item.number for item in self.items if item.question.id not in by_question]
        missing = (f" No answer to {_numbers(unsaved)} was saved: "
                   f"{'they count' if len(unsaved) > 1 else 'it counts'} as not answered. "
                   "Tell your teacher if you answered and saw NOT submitted." if unsaved else "")
        self.notice.value = notice_html(
            f"Already submitted ({when}). Your submitted answers are shown; they cannot be changed.{missing}"
        )

    # -- actions

    def _save(self, item: Item, answer: object, feedback: Feedback | None) -> bool:
        """Record an answer (``feedback`` None: not graded, e.g. a written answer); False
        (and a notice saying why, which replaces the question's feedback) when it could not be
        saved.  The caller reveals nothing (verdict, key, explanation) for an answer not saved
        and does not count its attempt: a re-run of the cell would start over from the log."""
        try:
            response = Response(
                student=self.student,
                quiz=self.quiz_id,
                question=item.question.id,
                variant=item.display.variant,
                answer=answer,
                correct=None if feedback is None else feedback.correct,
                score=None if feedback is None else feedback.score,
                attempt=item.attempts_used,
                exam=self.exam,
            )
            self._record(self.log_dir, response)
        except Exception as err:
            if isinstance(err, ResponseLogError):
                reason = err.problem + (f" ({err.path})" if err.path else "")
            elif isinstance(err, OSError):
                reason = f"{err.strerror or err} ({err.filename or self.log_dir})"
            else:
                reason = f"{type(err).__name__}: {err}"
            what = ("That this question was left blank could not be saved" if answer is None
                    and feedback is None else "Your answer could not be saved")
            message = notice_html(f"{what}: {reason}. {self._unsaved_hint(item)}")
            self.notice.value = message
            item.feedback.value = message
            return False
        return True

    def _unsaved_hint(self, item: Item) -> str:
        """What a student does about an answer that could not be saved."""
        if self.exam:
            return "Tell your teacher."
        if item.question.type == "open":
            return ("Tell your teacher, then save it again or run this cell again (keep a copy of "
                    "your text: a new run shows only what was saved).")
        return ("It was not marked and this attempt does not count. Tell your teacher, then run "
                "this cell again.")

    def _save_written(self, item: Item, *, blank_too: bool = False) -> bool:
        """Save an open question's text; False only when it could not be saved.

        A blank answer is saved only with ``blank_too`` (at Submit): recorded like any
        unanswered question (answer null), so the teacher sees "left blank", not "never
        reached"; ``correct`` and ``score`` stay null as for every written answer."""
        text, todo = item.answer()
        if text is None and not blank_too:
            item.feedback.value = notice_html(todo)
            return True
        item.attempts_used += 1
        if text is None:
            if self._save(item, None, None):
                item.feedback.value = _BLANK_HTML
                return True
            item.attempts_used -= 1
            return False
        if self._save(item, text, None):
            if self.exam:
                item.feedback.value = _SUBMITTED_WRITTEN_HTML
                return True
            again = " You can change it and save again; your teacher reads every version."
            item.feedback.value = _written_html(item.attempts_used, again)
            return True
        item.attempts_used -= 1
        return False

    def _checker(self, item: Item) -> Callable[[widgets.Button], None]:
        def check(_: widgets.Button) -> None:
            self.check(item)

        return check

    def check(self, item: Item) -> None:
        """Grade ``item``'s current answer (what its Check button does); sealed: save it.

        For an open question, save the written text instead (never graded).  A right
        answer after the first attempt earns ``later_credit`` of its score.
        """
        if self.asking:
            return
        if self.exam:  # an exam is saved, and sealed, only by Submit
            item.feedback.value = notice_html("In an exam your answers are saved when you press Submit.")
            return
        if item.question.type == "open":
            self._save_written(item)
            return
        allowed = attempts_for(item.question, self.attempts)
        if item.final is not None or item.attempts_used >= allowed:
            return
        answer, todo = item.answer()
        if answer is None:
            item.feedback.value = notice_html(todo)
            return
        item.attempts_used += 1
        left = allowed - item.attempts_used
        if self.sealed:
            if not self._save(item, answer, None):
                item.attempts_used -= 1
                return
            if left <= 0:
                item.disable()
            item.feedback.value = _saved_html(left)
            self.score_label.value = self._score_line()
            return
        feedback = self._credited(grade(item.question, answer), item.attempts_used)
        if not self._save(item, answer, feedback):  # not saved: no verdict, key or explanation shown
            item.attempts_used -= 1
            return
        final = feedback.correct or left <= 0
        if final:
            item.final = feedback
            item.disable()
        item.feedback.value = feedback_html(
            feedback, item.question, final=final, attempts_left=left
        )
        self.score_label.value = self._score_line()

    def _submit(self, _: widgets.Button) -> None:
        self.submit()

    def submit(self) -> None:
        """Grade every question at once (what the exam's Submit button does); once only.

        When the log already holds a submission of this quiz by this student (another
        tab, an earlier run), nothing is recorded and the earlier submission is shown.
        """
        if self.asking or self.submitted_at is not None:
            return
        if self.submit_button is not None:
            self.submit_button.disabled = True
        if self.student is not None:
            if self._resubmit:
                self._lock_if_submitted_elsewhere()
            else:
                self.restore()  # another tab or an earlier run may have submitted already
            if self._already_submitted() or self.unsure is not None:
                return
        failed: list[Item] = []
        for item in self.items:
            if item.sent:  # saved by the Submit that failed part-way
                continue
            if item.question.type == "open":
                if self._save_written(item, blank_too=True):
                    item.sent = True
                else:
                    failed.append(item)
                item.disable()
                continue
            if item.final is not None:
                continue
            answer = item.submitted()
            item.attempts_used += 1
            item.disable()
            if self.sealed:
                if self._save(item, answer, None):
                    item.sent = True
                else:
                    item.attempts_used -= 1
                    failed.append(item)
                continue
            feedback = unanswered(item.question) if answer is None else grade(item.question, answer)
            if not self._save(item, answer, feedback):
                item.attempts_used -= 1
                failed.append(item)
                continue
            item.sent = True
            item.final = feedback
            item.feedback.value = feedback_html(feedback, item.question, final=True,
                                                attempts_left=0)
        if failed:  # not submitted: say so, and let the student press Submit again
            for item in failed:
                item.disable(False)
            if self.submit_button is not None:
                self.submit_button.disabled = False
            self.score_label.value = self._score_line()
            saved = len(self.items) - len(failed)
            self._resubmit = saved > 0
            self._told_not_submitted = True
            kept = (f" The other {saved} answer{'s are' if saved != 1 else ' is'} saved." if saved else "")
            self.notice.value += notice_html(
                f"NOT submitted: your answer to {_numbers([i.number for i in failed])} could not be saved."
                f"{kept} Keep this page open, tell your teacher, and press Submit again once it is fixed: "
                "the answers not saved yet are still here and can be changed.")
            return
        self.submitted_at = now()
        self._show_pending()
        self.score_label.value = self._score_line()
        if self.sealed:
            self.notice.value = notice_html("Submitted. Your answers are saved; scores come after the deadline.")
        elif self._told_not_submitted:
            self.notice.value = notice_html("Submitted. Every answer is saved now.")
        self._resubmit = self._told_not_submitted = False

    def _lock_if_submitted_elsewhere(self) -> None:
        """After a Submit that failed part-way: lock as submitted only when the log holds more
        than this quiz's own records (another tab or run submitted meanwhile)."""
        try:
            rows = read_answers(self.log_dir, self.student, self.quiz_id, exam=True,
                                unmarked_is_exam=self.one_owner)[0]
        except ResponseLogError:
            return  # saving will say what is wrong
        mine = {item.question.id for item in self.items if item.sent}
        if len(rows) > len(mine) or any(row["question"] not in mine for row in rows):
            self._resubmit = False
            self.restore()

    def _already_submitted(self) -> bool:
        return self.submitted_at is not None

    # -- display

    def _static(self) -> tuple[str, str]:
        score = self._score_line() if self.exam else f"Score: 0/{self._graded}"
        args: dict[str, Any] = {"attempts": self.attempts, "exam": self.exam, "score": score}
        return (
            text_form(self.title, self.displays, **args),
            html_form(self.title, self.displays, **args),
        )

    def __repr__(self) -> str:
        return self._static()[0]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any
                          ) -> dict[str, Any]:
        """text/plain and text/html (static, no key) plus the live widget view."""
        plain, rich = self._static()
        bundle: dict[str, Any] = {"text/plain": plain, "text/html": rich}
        view = self.widget._repr_mimebundle_(**kwargs) or {}
        key = "application/vnd.jupyter.widget-view+json"
        if key in view:
            bundle[key] = view[key]
        return bundle


def _saved_html(left: int) -> str:
    more = f" You may change it and save again ({left} left)." if left > 0 else ""
    return ('<div class="edu-kit-feedback" role="status"><p><strong>✓ Answer saved.</strong> '
            f"Feedback comes after the deadline.{more}</p></div>")


def _written_html(version: int, again: str) -> str:
    return ('<div class="edu-kit-feedback" role="status"><p><strong>✓ Saved '
            f"(version {version}).</strong>{html.escape(again)}</p></div>")


def _numbers(numbers: Sequence[int]) -> str:
    words = [str(n) for n in numbers]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"question{'s' if len(words) != 1 else ''} {listed}"


_SUBMIT_TIP = "Submit all answers once; they cannot be changed afterwards."


def _pending_text(blank: Sequence[int], unfinished: Sequence[tuple[int, str]],
                  unreadable: Sequence[int]) -> str:
    """What an exam still lacks, said before Submit: blank questions, an ordering or matching
    partly set, number boxes that hold text that is not a number."""
    if not blank and not unfinished and not unreadable:
        return "Every question has an answer. Look them over, then press Submit answers."
    parts = []
    if blank:
        parts.append(f"Still blank: {_numbers(blank)} (saved as not answered).")
    if unfinished:
        what = ", ".join(f"question {number} ({lacks})" for number, lacks in unfinished)
        parts.append(f"Not finished: {what}; what is set is marked, the rest counts as wrong.")
    if unreadable:
        parts.append(f"Not a number: {_numbers(unreadable)}; saved as typed and marked wrong "
                     "(type digits, such as 30 or 2.5).")
    parts.append("You may still submit.")
    return " ".join(parts)


def _pending_html(text: str) -> str:
    if not text:
        return ""
    return ('<div class="edu-kit-pending" role="status" aria-live="polite"><p>'
            + html.escape(text) + "</p></div>")


_SUBMITTED_WRITTEN_HTML = ('<div class="edu-kit-feedback" role="status"><p><strong>✓ Submitted.</strong> '
                           "Your teacher reads your written answer.</p></div>")
_BLANK_HTML = ('<div class="edu-kit-feedback" role="status"><p><strong>Submitted without an answer.'
               "</strong> Your teacher sees that this question was left blank.</p></div>")


def _title_html(title: str) -> str:
    return f"<h3>{html.escape(title)}</h3>"
