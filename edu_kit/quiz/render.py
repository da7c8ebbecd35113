"""What a quiz shows, as text and HTML, without widgets and without the key.

:func:`display_for` fixes the order a student sees (per-student variant);
:func:`text_form` and :func:`html_form` are the static forms of a quiz (for nbval,
GitHub, nbconvert) and never contain answers or explanations; :func:`feedback_html`
renders feedback after an answer.  Every piece of text is escaped with
:func:`html.escape`.

>>> from edu_kit.quiz.model import Question
>>> q = Question("q1", "ordering", "Put in order <earliest first>", ("1997", "1994"),
...              ("1994", "1997"))
>>> d = display_for(q, None)
>>> d.options  # any order, the key's included, is as likely as any other
('1994', '1997')
>>> print(text_form("Demo", (d,), attempts=2, exam=False, score="Score: 0/1"))
Demo (1 question, up to 2 attempts each)
Score: 0/1
<BLANKLINE>
1. Put in order <earliest first>
   Put the items in chronological order, earliest first:
   - 1994
   - 1997
>>> "&lt;earliest first&gt;" in html_form("Demo", (d,), attempts=2, exam=False, score="")
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .grade import Feedback
from .model import TRUE_FALSE_CHOICES, Numeric, Question, Source
from .variants import seed_for, shuffled

__all__ = [
    "Display",
    "display_for",
    "feedback_html",
    "highlighted",
    "html_form",
    "instructions",
    "notice_html",
    "position_boxes",
    "position_note",
    "sources_html",
    "text_form",
]


@dataclass(frozen=True)
class Display:
    """How one question is shown to one student.

    ``options``: the choices in display order (for ordering, the items as offered in
    each position's list; for matching, the right-hand options); ``left``: a matching
    question's left items in display order; ``variant``: the seed of this variant.
    """

    question: Question
    variant: str
    options: tuple[str, ...]
    left: tuple[str, ...] = ()


def display_for(question: Question, student: str | None) -> Display:
    """The per-student variant of ``question``: every order of the choices (and of a
    matching question's left items) is equally likely, whatever the key."""
    seed = seed_for(student, question.id)
    if question.type in ("single", "multiple"):
        return Display(question, seed, shuffled(question.choices, seed))
    if question.type == "true_false":
        return Display(question, seed, TRUE_FALSE_CHOICES)
    if question.type == "ordering":
        # Every order is equally likely, the key's too: an order that is never shown
        # would give the key away to anyone who compares enough variants.
        return Display(question, seed, shuffled(question.choices, seed))
    if question.type == "matching":
        left = shuffled(question.left, seed + ":left")
        return Display(question, seed, shuffled(question.choices, seed), left)
    return Display(question, seed, ())


def instructions(question: Question, *, exam: bool = False) -> str:
    """What the student is asked to do, in one sentence (``exam``: there is no Save answer
    button, only Submit answers)."""
    key = question.answer
    unit = key.unit if isinstance(key, Numeric) else ""
    return {
        "single": "Choose one answer.",
        "multiple": "Choose all that apply.",
        "true_false": "True or false?",
        "ordering": "Put the items in chronological order, earliest first:",
        "matching": "Match each item with one of the options:",
        "short_text": "Type a short answer.",
        "numeric": f"Answer with a number{f' (in {unit})' if unit else ''}.",
        "open": ("Write your answer; it is saved when you press Submit answers. " if exam
                 else "Write your answer, then press Save answer. ")
                + "Your teacher reads it; it is not marked automatically.",
    }[question.type]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _heading(title: str, count: int, attempts: int, exam: bool) -> str:
    how = "exam: feedback after you submit" if exam else f"up to {_plural(attempts, 'attempt')} each"
    return f"{title} ({_plural(count, 'question')}, {how})"


def text_form(
    title: str, displays: Sequence[Display], *, attempts: int, exam: bool, score: str
) -> str:
    """The quiz as plain text: deterministic, questions and choices only."""
    lines = [_heading(title, len(displays), attempts, exam), score]
    for number, d in enumerate(displays, start=1):
        q = d.question
        lines += ["", f"{number}. {_indented(q.prompt)}", f"   {instructions(q, exam=exam)}"]
        if q.type in ("single", "true_false"):
            lines += [f"   ( ) {option}" for option in d.options]
        elif q.type == "multiple":
            lines += [f"   [ ] {option}" for option in d.options]
        elif q.type == "ordering":
            lines += [f"   - {option}" for option in d.options]
        elif q.type == "matching":
            lines += [f"   {i}. {item} → ?" for i, item in enumerate(d.left, start=1)]
            lines.append("   Options: " + " | ".join(d.options))
        elif q.type == "open":
            lines.append("   Your answer: ______________________________")
        else:
            lines.append("   Answer: ____")
    return "\n".join(lines)


def _indented(text: str) -> str:
    return text.replace("\n", "\n   ")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _list_html(tag: str, items: Sequence[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{_e(item)}</li>" for item in items) + f"</{tag}>"


def position_note(question: Question) -> str:
    """The one instruction printed above an ordering question's boxes; it does not repeat
    "chronological order" when the prompt already asks for it."""
    if "order" in question.prompt.lower():
        return "Write 1 in the box of the earliest item, 2 in the next, and so on."
    return "Put the items in chronological order: write 1 in the box of the earliest item, 2 in the next, and so on."


def position_boxes(items: Sequence[str], numbers: Sequence[int] = ()) -> str:
    """An ordering question's items, each after a box ``[      ]`` for its position
    (1 = earliest), as escaped HTML: a printed copy can be answered in pen.  ``numbers``:
    the position written in each box (an answer key, in the paper's order).  The box is
    text, so it shows in every renderer; printing's style sheet draws it as a larger box."""
    def box(number: int | None) -> str:  # no-break spaces: the box never breaks across lines
        if number is not None:
            return f"<strong class='ek-box ek-filled'>{number}</strong>"
        return f"<strong class='ek-box'>[{'&nbsp;' * 6}]</strong>"

    filled: list[int | None] = list(numbers) or [None] * len(items)
    rows = "".join(f"<li>{box(n)} {_e(item)}</li>" for item, n in zip(items, filled, strict=True))
    return f"<ul class='ek-positions' style='list-style:none;padding-left:0.5em'>{rows}</ul>"


def html_form(
    title: str, displays: Sequence[Display], *, attempts: int, exam: bool, score: str
) -> str:
    """The quiz as static HTML (escaped; no answers), shown where widgets cannot run."""
    parts = [
        '<div class="edu-kit-quiz mathjax_ignore tex2jax_ignore">',
        f"<h3>{_e(_heading(title, len(displays), attempts, exam))}</h3>",
        "<ol>",
    ]
    for d in displays:
        q = d.question
        prompt = _e(q.prompt).replace("\n", "<br>")
        how = position_note(q) if q.type == "ordering" else instructions(q, exam=exam)
        parts.append(f"<li><p>{prompt}</p><p><em>{_e(how)}</em></p>")
        if q.type in ("single", "multiple", "true_false"):
            parts.append(_list_html("ul", d.options))
        elif q.type == "ordering":
            parts.append(position_boxes(d.options))
        elif q.type == "matching":
            parts.append(_list_html("ol", [f"{item} → ?" for item in d.left]))
            parts.append(f"<p>Options: {_e(' | '.join(d.options))}</p>")
        elif q.type == "open":
            parts.append('<p>Your answer: <span style="display:inline-block;min-width:20em;'
                         'border-bottom:1px solid">&nbsp;</span></p>')
        else:
            parts.append("<p>Answer: ____</p>")
        parts.append("</li>")
    parts += [
        "</ol>",
        f"<p>{_e(score)}</p>" if score else "",
        "<p><em>Open this notebook in Jupyter and run the cell to answer.</em></p>",
        "</div>",
    ]
    return "".join(parts)


_QUOTED = re.compile(r"(“[^”]*”|«[^»]*»|\"[^\"]*\")")


def highlighted(sentence: str) -> str:
    """``sentence`` as escaped HTML with each quotation in ``<mark>``.

    >>> highlighted('«We are ready,» he said <loudly>.')
    '<mark>«We are ready,»</mark> he said &lt;loudly&gt;.'
    """
    return "".join(
        f"<mark>{_e(part)}</mark>" if _QUOTED.fullmatch(part) else _e(part)
        for part in _QUOTED.split(sentence) if part
    )


def sources_html(sources: Sequence[Source], reference: str | None = None) -> str:
    """The source sentences with outlet and date (quotations marked), or the reference,
    as escaped HTML."""
    parts = []
    for s in sources:
        outlet = s.outlet or "unknown outlet"
        date = s.published or "date unknown"
        parts.append(
            f"<blockquote>{highlighted(s.sentence)}<br>— {_e(outlet)}, {_e(date)} "
            f"(article {_e(s.article)})</blockquote>"
        )
    heading = ""
    if parts:
        heading = f"<p><strong>{'Source' if len(parts) == 1 else 'Sources'}:</strong></p>"
    if reference:
        parts.append(f"<p><strong>Reference:</strong> {_e(reference)}</p>")
    return heading + "".join(parts)


def feedback_html(
    feedback: Feedback, question: Question, *, final: bool, attempts_left: int
) -> str:
    """Feedback after an answer: words and a ✓/✗ glyph, never colour alone.

    Before the last attempt only the verdict is shown; the expected answer, the
    explanation and the sources come when the question is finished.
    """
    parts = [f'<div class="edu-kit-feedback" role="status"><p><strong>{_e(feedback.message)}'
             "</strong></p>"]
    if not final:
        parts.append(f"<p>Try again: {_e(_plural(attempts_left, 'attempt'))} left.</p></div>")
        return "".join(parts)
    if not feedback.correct:
        parts.append(f"<p><strong>The answer:</strong> {_e(feedback.expected)}</p>")
    if feedback.explanation:
        parts.append(f"<p>{_e(feedback.explanation)}</p>")
    parts.append(sources_html(feedback.sources, question.reference))
    parts.append("</div>")
    return "".join(parts)


def notice_html(message: str) -> str:
    """A one-line notice (e.g. that an answer could not be saved), escaped."""
    return f'<p role="alert"><strong>⚠ {_e(message)}</strong></p>' if message else ""
