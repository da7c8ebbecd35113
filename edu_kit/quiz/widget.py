"""The quiz widget: native, labelled controls; grading in the kernel.

This is the only module of edu_kit that imports ipywidgets.  The answer key stays in
the kernel: widget state holds only prompts and choice texts (in an order drawn
uniformly, so the order carries no information about the key), and feedback widgets
stay empty until the student answers.

A :class:`Quiz` displays as the live widget in JupyterLab and as a static, escaped
text/HTML form elsewhere (nbval, GitHub, nbconvert); displaying it writes nothing into
Output widgets.  Every graded answer is recorded with :func:`edu_kit.results.record`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..errors import ResponseLogError
from ..results import Response, record
from .grade import Feedback, grade, unanswered
from .model import Question
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
    Text or FloatText); ``button`` is None in exam mode; ``feedback`` is an HTML widget
    whose value is empty until the student answers.
    """

    def __init__(self, number: int, display: Display, *, exam: bool) -> None:
        self.number = number
        self.display = display
        self.question: Question = display.question
        self.attempts_used = 0
        self.final: Feedback | None = None
        self.controls: tuple[widgets.Widget, ...] = self._make_controls()
        self.feedback = widgets.HTML(value="", layout=widgets.Layout(**_WIDE))
        self.button: widgets.Button | None = None
        if not exam:
            self.button = widgets.Button(
                description="Check answer",
                tooltip=f"Check your answer to question {number}",
                layout=widgets.Layout(**_BUTTON),
            )
        header = widgets.HTML(
            value=_question_header(number, self.question), layout=widgets.Layout(**_WIDE)
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
                    options=options, value=None, description="Answer",
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
        if q.type == "short_text":
            return (
                widgets.Text(value="", description="Answer", placeholder="Type your answer",
                             tooltip=label, style=_LABELLED, layout=widgets.Layout(**_WIDE)),
            )
        return (
            widgets.FloatText(value=0.0, description="Answer", tooltip=label,
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
        return float(values[0] or 0.0), ""

    def disable(self) -> None:
        for control in self.controls:
            control.disabled = True
        if self.button is not None:
            self.button.disabled = True


def _question_header(number: int, question: Question) -> str:
    return (
        f"<p><strong>{number}. {_lines(question.prompt)}</strong></p>"
        f"<p><em>{html.escape(instructions(question))}</em></p>"
    )


def _score_text(value: float) -> str:
    return f"{round(value, 2):g}"


class Quiz:
    """A quiz in a notebook cell (what ``edu_kit.quiz.show`` returns).

    ``items`` holds one :class:`Item` per question; ``score_label`` shows the running
    score; ``notice`` shows a one-line message when an answer cannot be saved;
    ``submit_button`` exists in exam mode only; ``widget`` is the root VBox.
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
    ) -> None:
        self.quiz_id = quiz_id
        self.title = title
        self.student = student
        self.attempts = 1 if exam else attempts
        self.exam = exam
        self.log_dir = Path(log_dir)
        self._record = recorder or record
        self.displays = tuple(display_for(q, student) for q in questions)
        self.items = tuple(Item(i, d, exam=exam) for i, d in enumerate(self.displays, start=1))
        self.score_label = widgets.Label(value=self._score_line())
        self.notice = widgets.HTML(value="", layout=widgets.Layout(**_WIDE))
        self.submit_button: widgets.Button | None = None
        heading = widgets.HTML(value=_WRAP_CSS + _title_html(title))
        children: list[widgets.Widget] = [heading, *(item.box for item in self.items)]
        for item in self.items:
            if item.button is not None:
                item.button.on_click(self._checker(item))
        if exam:
            self.submit_button = widgets.Button(
                description="Submit answers",
                tooltip="Submit all answers; feedback appears after you submit",
                layout=widgets.Layout(**_BUTTON),
            )
            self.submit_button.on_click(self._submit)
            children.append(self.submit_button)
        children += [self.score_label, self.notice]
        self.widget = widgets.VBox(children, layout=widgets.Layout(max_width="100%"))
        self.widget.add_class("edu-kit-quiz")

    # -- state

    @property
    def score(self) -> float:
        """The sum of the scores of finished questions."""
        return sum(item.final.score for item in self.items if item.final is not None)

    def _score_line(self) -> str:
        if self.exam and not any(item.final for item in self.items):
            return f"Score: shown after you submit ({len(self.items)} questions)"
        return f"Score: {_score_text(self.score)}/{len(self.items)}"

    # -- actions

    def _save(self, item: Item, answer: object, feedback: Feedback) -> None:
        response = Response(
            student=self.student,
            quiz=self.quiz_id,
            question=item.question.id,
            variant=item.display.variant,
            answer=answer,
            correct=feedback.correct,
            score=feedback.score,
            attempt=item.attempts_used,
        )
        try:
            self._record(self.log_dir, response)
        except Exception as err:
            if isinstance(err, ResponseLogError):
                reason = err.problem + (f" ({err.path})" if err.path else "")
            elif isinstance(err, OSError):
                reason = f"{err.strerror or err} ({err.filename or self.log_dir})"
            else:
                reason = f"{type(err).__name__}: {err}"
            message = notice_html(
                f"Your answer was graded but could not be saved: {reason}. Tell your teacher."
            )
            self.notice.value = message
            item.feedback.value += message

    def _checker(self, item: Item) -> Callable[[widgets.Button], None]:
        def check(_: widgets.Button) -> None:
            self.check(item)

        return check

    def check(self, item: Item) -> None:
        """Grade ``item``'s current answer (what its Check button does)."""
        if item.final is not None:
            return
        answer, todo = item.answer()
        if answer is None:
            item.feedback.value = notice_html(todo)
            return
        feedback = grade(item.question, answer)
        item.attempts_used += 1
        left = self.attempts - item.attempts_used
        final = feedback.correct or left <= 0
        if final:
            item.final = feedback
            item.disable()
        item.feedback.value = feedback_html(
            feedback, item.question, final=final, attempts_left=left
        )
        self.score_label.value = self._score_line()
        self._save(item, answer, feedback)

    def _submit(self, _: widgets.Button) -> None:
        self.submit()

    def submit(self) -> None:
        """Grade every question at once (what the exam's Submit button does)."""
        if self.submit_button is not None:
            self.submit_button.disabled = True
        for item in self.items:
            if item.final is not None:
                continue
            answer, _ = item.answer()
            item.attempts_used += 1
            feedback = unanswered(item.question) if answer is None else grade(item.question, answer)
            item.final = feedback
            item.disable()
            item.feedback.value = feedback_html(feedback, item.question, final=True,
                                                attempts_left=0)
            self._save(item, answer, feedback)
        self.score_label.value = self._score_line()

    # -- display

    def _static(self) -> tuple[str, str]:
        score = self._score_line() if self.exam else f"Score: 0/{len(self.items)}"
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


def _title_html(title: str) -> str:
    return f"<h3>{html.escape(title)}</h3>"
