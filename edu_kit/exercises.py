"""Checkers for the "your turn" exercises of the notebooks.

Every exercise has a name, a task, a hint and an expected answer that is *computed*
from the library (the bundled articles, the knowledge base and the quiz banks), never
written down: if the extraction changes, the expected answers change with it.

In a notebook cell::

    from edu_kit import exercises
    your_answer = ...                      # replace ... with your answer
    exercises.check("articles-count", your_answer)

``check`` never raises on a wrong or missing answer: it returns an
:class:`ExerciseResult` that shows a friendly message.  ``...`` (the placeholder the
notebooks start with) and ``None`` count as "not answered yet".

>>> check("articles-count", ...)
✎ Not answered yet: replace ... with your answer and run the cell again. Stuck? Try exercises.hint("articles-count").
>>> check("articles-count", 4)
✗ Not yet: 4 is too low. Try again, or ask for exercises.hint("articles-count").
>>> result = check("articles-count", 5)
>>> result.correct, result.status
(True, 'correct')
>>> hint("articles-count")
'len(corpus) counts the articles in a corpus.'
>>> names("00_start_here")
('articles-count',)

Answers can be plain Python values or what pandas gives: a number or a one-value
Series for a count; a string, a date or a Timestamp for a date; a list, a set, a
Series, an Index or a one-column DataFrame for a group of names.

This module does not import pandas; the library imports it when an expected answer is
first computed.
"""

from __future__ import annotations

import difflib
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal

from .errors import ChoiceError

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus
    from .knowledge import KnowledgeBase

__all__ = [
    "EXERCISES",
    "Exercise",
    "ExerciseResult",
    "Kind",
    "Status",
    "check",
    "expected",
    "hint",
    "names",
    "task",
]

#: How an answer is compared with the expected one.
#:
#: ``number``   a whole number (a count)
#: ``date``     a calendar day (``"2021-12-15"``, a ``date`` or a Timestamp)
#: ``article``  an article id (``"003"``; ``3`` is accepted too)
#: ``text``     one of a few accepted texts (case and spacing ignored)
#: ``names``    a group of names; order and repeats do not matter
#: ``dates``    a group of calendar days; order and repeats do not matter
Kind = Literal["number", "date", "article", "text", "names", "dates"]

#: The outcome of a check.
Status = Literal["correct", "incorrect", "unanswered"]

@dataclass(frozen=True)
class Exercise:
    """One "your turn" exercise.

    ``solve`` computes the expected answer from the library: an ``int`` for
    ``number``, an ISO date string for ``date``, an id for ``article``, a tuple of
    accepted texts for ``text`` (the first is the one shown), a tuple of names or ISO
    dates for ``names`` and ``dates``.  ``note`` is shown after a right answer; it may
    use ``{answer}``.
    """

    name: str
    notebook: str
    task: str
    hint: str
    kind: Kind
    solve: Callable[[], object] = field(repr=False)
    note: str = ""


@dataclass(frozen=True, repr=False)
class ExerciseResult:
    """What :func:`check` returns; it shows as its ``message``.

    >>> r = ExerciseResult("x", "incorrect", "✗ Not yet.")
    >>> r
    ✗ Not yet.
    >>> bool(r), r.correct
    (False, False)
    """

    name: str
    status: Status
    message: str

    @property
    def correct(self) -> bool:
        """True when the answer is right."""
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------
# Expected answers, computed from the library (pandas loads only when they run).


@lru_cache(maxsize=1)
def _corpus() -> Corpus:
    from .corpus import load_corpus

    return load_corpus()


@lru_cache(maxsize=1)
def _kb() -> KnowledgeBase:
    from .knowledge import load_knowledge

    return load_knowledge()


def _unique(values: Iterable[Any]) -> tuple[str, ...]:
    """Distinct texts in order of first appearance."""
    return tuple(dict.fromkeys(str(v) for v in values))


def _articles_count() -> int:
    return len(_corpus())


def _latest_article() -> str:
    latest = max((a for a in _corpus() if a.published is not None), key=lambda a: a.published or date.min)
    return latest.id


def _speakers_000() -> tuple[str, ...]:
    quotes = _corpus().quotes()
    full = quotes[(quotes["article"] == "000") & ~quotes["fragment"] & (quotes["where"] == "text")]
    return _unique(full["speaker"])


def _misspelt_spellings() -> tuple[str, ...]:
    variants = _corpus().variants()
    return _unique(variants.loc[variants["misspelt"], "spelling"])


def _conflict_speakers() -> tuple[str, ...]:
    conflicts = _corpus().conflicts()
    across = conflicts[~conflicts["same_article"]]
    return _unique([*across["speaker_a"], *across["speaker_b"]])


def _record_002_speaker() -> tuple[str, ...]:
    from .facts import check_quotes

    found = [c for c in check_quotes(_corpus()) if c.article == "002" and c.speaker == "Olaf Scholz"]
    return _unique(c.record_speaker for c in found if c.record_speaker)


def _one(values: tuple[str, ...], what: str) -> str:
    if len(values) != 1:
        raise RuntimeError(f"expected one {what}, found {values}")
    return values[0]


def _claiming_article() -> str:
    from .views import sources

    frame = sources(_corpus())
    return _one(_unique(frame.loc[frame["framing"].str.contains(r"\bclaiming\b"), "article"]), "article using 'claiming'")


def _wednesday_000() -> str:
    dates = _corpus().dates()
    values = _unique(dates.loc[(dates["article"] == "000") & (dates["text"] == "Wednesday"), "value"])
    return _one(values, "day for 'Wednesday' in article 000")


def _event_day(event_id: str) -> date:
    for event in _kb().events:
        if event.id == event_id:
            return date.fromisoformat(event.date)
    raise RuntimeError(f"the knowledge base has no context event {event_id!r}")


def _days_to_invasion() -> int:
    return (_event_day("full-scale-invasion") - _event_day("nato-russia-council-meets")).days


def _january_article_days() -> tuple[str, ...]:
    from .views import timeline

    frame = timeline(_corpus())
    rows = frame[(frame["kind"] == "article") & (frame["precision"] == "day") & (frame["date"].str.startswith("2022-01"))]
    return _unique(rows["start"].dt.strftime("%Y-%m-%d"))


def _russia_speakers() -> tuple[str, ...]:
    from .views import positions

    frame = positions(_corpus())
    return _unique(frame.loc[frame["side"] == "Russia", "speaker"])


def _russia_top_issue() -> tuple[str, ...]:
    from .views import issues, positions

    frame = positions(_corpus())
    counts = frame.loc[frame["side"] == "Russia", "issue"].value_counts()
    top = [str(i) for i, n in counts.items() if n == counts.max()]
    if len(top) != 1:
        raise RuntimeError(f"Russia's statements are tied between issues {top}")
    labels = [i.label for i in issues() if i.id == top[0]]
    return (*labels, top[0])


def _concepts_001() -> tuple[str, ...]:
    from .views import concept_mentions

    frame = concept_mentions(_corpus())
    return _unique(frame.loc[frame["article"] == "001", "concept"])


def _bucharest_date() -> str:
    return _event_day("bucharest-summit-declaration").isoformat()


def _nrc_articles() -> int:
    from .views import concept_mentions

    frame = concept_mentions(_corpus())
    return int(frame.loc[frame["concept"] == "NATO-Russia Council", "article"].nunique())


def _timeline_questions() -> int:
    from .quiz import load_bank

    return sum("timeline" in q.topics for q in load_bank().questions)


_ALL: tuple[Exercise, ...] = (
    Exercise(
        "articles-count",
        "00_start_here",
        "How many articles does the corpus hold?",
        "len(corpus) counts the articles in a corpus.",
        "number",
        _articles_count,
        "There are {answer} articles: everything in these notebooks is computed from them.",
    ),
    Exercise(
        "latest-article",
        "01_reading_the_sources",
        "Which article (give its id, e.g. '000') was published last?",
        'Sort the overview by date: corpus.overview().sort_values("published") - the last row is the latest.',
        "article",
        _latest_article,
        "Article {answer} was published last. A later article can know things an earlier one could not.",
    ),
    Exercise(
        "speakers-000",
        "01_reading_the_sources",
        "Who is quoted in full (not in fragments, not in a caption) in article 000?",
        'Filter corpus.quotes(): rows with article == "000", fragment False and where == "text"; '
        'then take the "speaker" column (.unique() removes repeats).',
        "names",
        _speakers_000,
        "Article 000 quotes {answer}. Now compare: who does the photo caption quote?",
    ),
    Exercise(
        "misspelt-spellings",
        "01_reading_the_sources",
        "Which spellings of names does corpus.variants() mark as misspelt?",
        'Filter corpus.variants() on the "misspelt" column and take the "spelling" column.',
        "names",
        _misspelt_spellings,
        "{answer}. Check names against a second source before you trust a text.",
    ),
    Exercise(
        "conflict-speakers",
        "01_reading_the_sources",
        "Two different articles give near-identical words to two different people. Who are the two people?",
        'In corpus.conflicts(), keep the row where same_article is False and read speaker_a and speaker_b.',
        "names",
        _conflict_speakers,
        "{answer}: the same words, two speakers. Which article would you trust, and why?",
    ),
    Exercise(
        "record-002-speaker",
        "01_reading_the_sources",
        "Article 002 gives two sentences to Olaf Scholz. Who says them in NATO's own transcript of the press conference?",
        'Print edu_kit.load_sources()["nato-2021-12-10-stoltenberg-scholz"]: its "Speaker" is who speaks the words, '
        "and its body is what NATO recorded. Look for the two sentences in it.",
        "names",
        _record_002_speaker,
        "{answer}: the record gives these words to him, not to Scholz. Now write down how the mistake could have "
        "entered article 002, and what it changes about what 002 tells us of Germany's position.",
    ),
    Exercise(
        "framing-claiming",
        "01_reading_the_sources",
        "Which article introduces what someone says with the framing word 'claiming'?",
        'views.sources(corpus) has a "framing" column: look for "claiming" in it.',
        "article",
        _claiming_article,
        "Article {answer}: 'claiming' casts doubt on a statement without saying why.",
    ),
    Exercise(
        "wednesday-000",
        "02_timeline",
        "Article 000 says something happened 'on Wednesday'. Which calendar day is that?",
        'Filter corpus.dates(): article == "000" and text == "Wednesday"; read the "value" column.',
        "date",
        _wednesday_000,
        "{answer}: the Wednesday before the article's publication day.",
    ),
    Exercise(
        "days-to-invasion",
        "02_timeline",
        "How many days passed between the NATO-Russia Council meeting of January 2022 and the full-scale invasion?",
        "Find the two dates in views.timeline(corpus) (the \"start\" column holds Timestamps); "
        "subtract them and read .days.",
        "number",
        _days_to_invasion,
        "{answer} days passed between the talks in Brussels and the invasion.",
    ),
    Exercise(
        "january-article-days",
        "02_timeline",
        "On which days of January 2022 do the articles report (or announce) events? Use the rows of kind 'article'.",
        'Filter views.timeline(corpus): kind == "article" and a date that starts with "2022-01"; '
        'take the "date" column.',
        "dates",
        _january_article_days,
        "{answer}. Some were still to come when the article appeared: articles report plans as well as events.",
    ),
    Exercise(
        "russia-speakers",
        "03_positions",
        "Who speaks for the Russian side in these articles?",
        'Filter views.positions(corpus) on side == "Russia" and take the "speaker" column.',
        "names",
        _russia_speakers,
        "{answer}. Which of them are quoted in their own words, and which are only reported?",
    ),
    Exercise(
        "russia-top-issue",
        "03_positions",
        "Which issue do the Russian side's statements concern most often? (the issue's id or its label)",
        'Filter views.positions(corpus) on side == "Russia", then use .value_counts() on the "issue" column.',
        "text",
        _russia_top_issue,
        "{answer}. Compare it with the issue NATO's speakers raise most often.",
    ),
    Exercise(
        "concepts-001",
        "04_concepts",
        "Which concepts does article 001 mention?",
        'Filter views.concept_mentions(corpus) on article == "001" and take the "concept" column.',
        "names",
        _concepts_001,
        "{answer}. Look each one up with views.concept_card(...).",
    ),
    Exercise(
        "bucharest-date",
        "04_concepts",
        "On which day did NATO's Bucharest Summit declare that Ukraine and Georgia 'will become members'?",
        'Read the "When" lines of views.concept_card("bucharest-summit-2008"), or find "Bucharest" in '
        "views.timeline(corpus).",
        "date",
        _bucharest_date,
        "{answer}: the promise Russia asked NATO to take back in December 2021.",
    ),
    Exercise(
        "nrc-articles",
        "04_concepts",
        "In how many different articles is the NATO-Russia Council named?",
        'Filter views.concept_mentions(corpus) on concept == "NATO-Russia Council" and count the distinct '
        'articles with .nunique().',
        "number",
        _nrc_articles,
        "It is named in {answer} articles, not always in the same words: look at the \"text\" column.",
    ),
    Exercise(
        "timeline-questions",
        "05_quiz",
        "How many questions of the quiz bank have the topic 'timeline'?",
        'quiz.bank() has a "topics" column (comma-separated): count the rows where it contains "timeline".',
        "number",
        _timeline_questions,
        "{answer} timeline questions: quiz.show(topic=\"timeline\", n=5) picks 5 of them for you.",
    ),
)


#: Every exercise by name, in the order of the notebooks.
EXERCISES: Mapping[str, Exercise] = {e.name: e for e in _ALL}


# ---------------------------------------------------------------------------
# The public verbs.


def _exercise(name: str) -> Exercise:
    if name in EXERCISES:
        return EXERCISES[name]
    close = difflib.get_close_matches(str(name), list(EXERCISES), n=len(EXERCISES), cutoff=0.5)
    ordered = [*close, *(n for n in EXERCISES if n not in close)]
    raise ChoiceError.of("exercise", name, ordered)


def names(notebook: str | None = None) -> tuple[str, ...]:
    """The exercises' names, all or those of one notebook (``"02_timeline"``).

    >>> names("03_positions")
    ('russia-speakers', 'russia-top-issue')
    """
    return tuple(e.name for e in _ALL if notebook in (None, e.notebook))


def task(name: str) -> str:
    """What the exercise asks.

    >>> task("wednesday-000")
    "Article 000 says something happened 'on Wednesday'. Which calendar day is that?"
    """
    return _exercise(name).task


def hint(name: str) -> str:
    """A hint: which table to look at and how to filter it.

    >>> hint("wednesday-000")
    'Filter corpus.dates(): article == "000" and text == "Wednesday"; read the "value" column.'
    >>> hint("wednesday")
    Traceback (most recent call last):
    ...
    edu_kit.errors.ChoiceError: exercise 'wednesday' is not one of: 'wednesday-000', ...
    """
    return _exercise(name).hint


@cache
def expected(name: str) -> object:
    """The expected answer, computed from the library (for teachers and tests).

    >>> expected("articles-count")
    5
    """
    return _exercise(name).solve()


# ---------------------------------------------------------------------------
# Reading answers.


class _Unusable(Exception):
    """The answer cannot be read as the kind the exercise wants; the message says why."""


def _is_frame(value: object) -> bool:
    return hasattr(value, "columns") and hasattr(value, "shape")


def _is_single(value: object) -> bool:
    return isinstance(value, (str, bytes, date, numbers.Number))


def _missing(value: object) -> bool:
    """None, NaN, NaT or pd.NA (pandas' missing values are not equal to themselves)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # pd.NA refuses bool()
        return True


def _items(answer: object) -> list[object]:
    """A group answer as a list: list, tuple, set, Series, Index, array, one-column frame."""
    if _is_single(answer):
        return [answer]
    if _is_frame(answer):
        frame: Any = answer
        if len(frame.columns) != 1:
            raise _Unusable(
                f"you gave a table with {len(frame.columns)} columns; give just one column, "
                'for example frame["speaker"]'
            )
        answer = frame.iloc[:, 0]
    if isinstance(answer, Mapping):
        raise _Unusable("you gave a mapping (a dict); give a list of values instead")
    tolist = getattr(answer, "tolist", None)
    if callable(tolist):  # Series, Index, arrays
        values = tolist()
        return list(values) if isinstance(values, list) else [values]
    if isinstance(answer, Iterable):
        return list(answer)
    return [answer]


def _scalar(answer: object, what: str) -> object:
    """One value: a group of one is unwrapped, a larger group is refused."""
    if _is_single(answer):
        return answer
    values = _items(answer)
    if len(values) == 1:
        return values[0]
    raise _Unusable(f"you gave {len(values)} values; the question asks for {what}")


def _number(answer: object) -> float:
    if _is_frame(answer):
        rows = len(answer)  # type: ignore[arg-type]
        raise _Unusable(f"you gave a table with {rows} rows; the question asks for a number - try len(...)")
    value = _scalar(answer, "one number")
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
        return float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _Unusable(f"{_show(value)} is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise _Unusable(f"{_show(value)} is not a number")
    return number


def _day(value: object) -> str:
    if isinstance(value, datetime):  # pandas Timestamps are datetimes
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if type(value).__module__ == "numpy" and "datetime64" in type(value).__name__:
        value = str(value)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    raise _Unusable(f"{_show(value)} is not a date written like 2021-12-16")


def _article(value: object) -> str:
    if isinstance(value, bool):
        raise _Unusable(f"{value} is not an article id like '003'")
    if isinstance(value, numbers.Integral):
        return f"{int(value):03d}"
    if isinstance(value, str) and value.strip():
        text = value.strip()
        return f"{int(text):03d}" if text.isdigit() else text
    raise _Unusable(f"{_show(value)} is not an article id like '003'")


def _fold(text: object) -> str:
    """Case, spacing, curly quotes and punctuation at the ends do not matter."""
    folded = str(text).replace("\u2019", "'").replace("\u2018", "'").casefold()
    return " ".join(folded.split()).strip(" .,;:!?\"'")


def _show(value: object, limit: int = 60) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _texts(want: object) -> tuple[str, ...]:
    if isinstance(want, str):
        return (want,)
    if isinstance(want, tuple) and all(isinstance(w, str) for w in want):
        return want
    raise TypeError(f"an expected answer should be texts, not {want!r}")


# ---------------------------------------------------------------------------
# Comparing.


def _compare_group(kind: Kind, answer: object, want: tuple[str, ...]) -> tuple[bool, str]:
    norm: Callable[[object], str] = _day if kind == "dates" else _fold
    given = [x for x in _items(answer) if not _missing(x)]
    given_keys = {norm(x) for x in given}
    want_keys = {norm(w) for w in want}
    extra = sorted({_show(x) for x in given if norm(x) not in want_keys})
    missing = len(want_keys - given_keys)
    if not extra and not missing:
        return True, ""
    parts = [f"you have {len(want_keys) - missing} of the {len(want_keys)} right"]
    if extra:
        parts.append(f"{'this does' if len(extra) == 1 else 'these do'} not belong: {', '.join(extra)}")
    if missing:
        parts.append(f"{missing} {'is' if missing == 1 else 'are'} missing")
    return False, "; ".join(parts)


def _compare(exercise: Exercise, answer: object, want: object) -> tuple[bool, str]:
    """(right?, what to say when it is not)."""
    kind = exercise.kind
    if kind == "number":
        if not isinstance(want, int):
            raise TypeError(f"the expected answer of {exercise.name!r} should be a whole number, not {want!r}")
        given = _number(answer)
        if math.isclose(given, want):
            return True, ""
        shown = int(given) if given.is_integer() else given
        return False, f"{shown} is too {'low' if given < want else 'high'}"
    if kind == "date":
        day = _day(_scalar(answer, "one date"))
        return day in _texts(want), f"{day} is not the day"
    if kind == "article":
        article = _article(_scalar(answer, "one article id"))
        return article in _texts(want), f"article {_show(article)} is not the one"
    if kind == "text":
        value = _scalar(answer, "one answer")
        return _fold(value) in {_fold(w) for w in _texts(want)}, f"{_show(value)} is not it"
    return _compare_group(kind, answer, _texts(want))


def _answer_text(exercise: Exercise, want: object) -> str:
    if isinstance(want, int):
        return str(want)
    texts = _texts(want)
    return texts[0] if exercise.kind == "text" else ", ".join(texts)


def check(name: str, answer: object) -> ExerciseResult:
    """Check an answer to the exercise ``name``; the result shows a friendly message.

    ``...`` and ``None`` mean "not answered yet".  An unknown name raises
    :class:`~edu_kit.errors.ChoiceError` (with the nearest names first).

    >>> check("speakers-000", ["Jens Stoltenberg"])
    ✗ Not yet: you have 1 of the 2 right; 1 is missing. Try again, or ask for exercises.hint("speakers-000").
    >>> check("speakers-000", {"jens stoltenberg", "Volodymyr Zelensky", "NATO", "Kremlin"})
    ✗ Not yet: you have 2 of the 2 right; these do not belong: 'Kremlin', 'NATO'. Try again, or ask for exercises.hint("speakers-000").
    >>> check("latest-article", 1).correct
    True
    >>> check("days-to-invasion", "soon")
    ✗ Not yet: 'soon' is not a number. Try again, or ask for exercises.hint("days-to-invasion").
    """
    exercise = _exercise(name)
    if answer is None or answer is Ellipsis:
        return ExerciseResult(
            name,
            "unanswered",
            f'✎ Not answered yet: replace ... with your answer and run the cell again. Stuck? Try exercises.hint("{name}").',
        )
    want = expected(name)
    try:
        right, why = _compare(exercise, answer, want)
    except _Unusable as problem:
        right, why = False, str(problem)
    if right:
        note = exercise.note.format(answer=_answer_text(exercise, want))
        return ExerciseResult(name, "correct", f"✓ Correct! {note}".rstrip())
    return ExerciseResult(name, "incorrect", f'✗ Not yet: {why}. Try again, or ask for exercises.hint("{name}").')
