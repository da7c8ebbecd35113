"""A timeline of the crisis: events reported in the articles, set among context events.

:func:`timeline` returns one row per dated event (a pandas DataFrame) with columns

``date``
    the date as written in the fact or the knowledge base (ISO: ``"2021-12-16"``,
    ``"2021-W49"``, ``"2014-04"``, ``"2008"``)
``start``, ``end``
    Timestamps of the first and the last day the date covers (a range ends on its
    ``until`` day, a month on its last day, a year on 31 December)
``precision``
    ``"day"``, ``"week"``, ``"month"`` or ``"year"``
``what``
    a short description: the knowledge base's text for a context event, the
    sentence (trimmed to about 140 characters on a word boundary) for an article event
``who``
    the people, organisations and countries named, comma-separated (a country is a
    place the lexicon has a nationality word for: "Russian" -> Russia)
``where``
    every place named, countries included, comma-separated
``source``
    the primary source of a context event; ``"article 002 (Outlet, 2021-12-10)"`` for
    an article event (several, separated by ``"; "``)
``articles``
    the ids of the articles reporting the event, comma-separated.  Article events of
    the same date that several sentences or articles report are merged into one row;
    a context event lists the articles that report an event on its first day.  An
    article event is drawn at the date of the event (``Fact.event_date``), never at a
    date the sentence merely mentions ("rescind the 2008 declaration"); a sentence
    whose event has no date but the publication day joins that day's row only when
    another sentence of the articles is dated that day by its own words
``sentence``
    the full source sentence of an article event, None for a context event
``kind``
    ``"article"`` (found in the articles) or ``"context"`` (from the knowledge base)
``when``
    the date in words, as the plots print it: ``"16 Dec 2021"``, ``"week of 6–12 Dec 2021"``,
    ``"10–13 Jan 2022"``, ``"Apr 2014"``, ``"2008"`` (for printing; ``date`` is for code)

Rows are sorted by ``start``, then ``kind``, then ``what``.

:func:`plot_timeline` draws it: ``span="crisis"`` shows 1 December 2021 - 28 February
2022 day by day, ``span="long"`` shows 1994 - February 2022 with the crisis as a band.

>>> from edu_kit import load_corpus
>>> frame = timeline(load_corpus())
>>> frame.loc[frame["date"] == "2022-01-12", ["kind", "articles"]].values.tolist()
[['article', '001, 003'], ['context', '001, 003']]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from .._frames import literal_dollars
from ..annotate._lexicon import lexicon
from ..corpus import Corpus
from ..errors import ChoiceError
from ..facts import Fact, corpus_facts
from ..knowledge import ContextEvent, KnowledgeBase, load_knowledge
from . import _style

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = ["COLUMNS", "CRISIS", "LONG", "SPANS", "Span", "excerpt", "pack_labels", "plot_timeline", "timeline", "trim"]

Span = Literal["crisis", "long"]
#: The spans :func:`plot_timeline` can show.
SPANS: tuple[Span, ...] = ("crisis", "long")
#: First and last day of the close-up on the crisis.
CRISIS: tuple[date, date] = (date(2021, 12, 1), date(2022, 2, 28))
#: First and last day of the long view.
LONG: tuple[date, date] = (date(1994, 1, 1), date(2022, 2, 28))
#: The columns of :func:`timeline`, in order.
COLUMNS: tuple[str, ...] = (
    "date", "start", "end", "precision", "what", "who", "where", "source", "articles", "sentence", "kind",
    "when",
)  # fmt: skip

_WHAT_MAX = 140
_LABEL_MAX = 110
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")


# --------------------------------------------------------------------------- the data


def timeline(corpus: Corpus, kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """Dated events of the articles and of the knowledge base (columns: see the module).

    >>> from edu_kit import load_corpus
    >>> frame = timeline(load_corpus())
    >>> frame.loc[frame["date"] == "2008-04-03", ["kind", "precision", "who"]].values.tolist()
    [['context', 'day', 'NATO, Ukraine, Georgia']]
    >>> frame.loc[frame["precision"] == "year", ["date", "articles"]].values.tolist()
    []
    """
    import pandas as pd
    literal_dollars(pd)

    kb = kb or load_knowledge()
    facts = corpus_facts(corpus, kb)
    rows = _article_rows(facts, kb)
    covered = [(r["start"], r["end"], r["articles"]) for r in rows if r["precision"] in ("day", "week")]
    # An article that mentions the day of a context event reports it too ("Schultz, who
    # took office on Wednesday" -> 8 December), even when its sentence is about another day.
    covered += [
        (day, day, f.article)
        for f in facts
        if f.kind == "event" and f.mentioned and f.precision == "day" and f.date and f.until is None
        for day in [date.fromisoformat(f.date)]
    ]
    rows += [_context_row(event, kb, covered) for event in kb.events]
    rows.sort(key=lambda r: (r["start"], r["kind"], r["what"]))
    for row in rows:
        row["when"] = _when(row["start"], row["end"], row["precision"], True)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _article_rows(facts: Iterable[Fact], kb: KnowledgeBase) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str | None], list[Fact]] = {}
    for fact in facts:
        # An event is drawn at the date of the event, not at a date it merely mentions
        # ("rescind the 2008 declaration" is a statement of December 2021).
        when = fact.event_date or fact.date
        if fact.kind == "event" and when:
            groups.setdefault((when, fact.event_until if fact.event_date else fact.until), []).append(fact)
    rows = []
    for (value, until), members in groups.items():
        if all(f.dated_by == "published" for f in members):
            # Only the publication day: the article does not say when it happened
            # ("The Kremlin rolled out a proposal ahead of the 12 January meeting").
            continue
        members.sort(key=lambda f: (f.article, f.start))
        # The sentence that puts its date first says most plainly what happened that day;
        # a sentence dated by its own words before one dated only by the publication day.
        best = min(members, key=lambda f: (f.mentioned, f.start - f.sentence_start, f.article, f.start))
        start, end, precision = _bounds(value, until)
        names = list(dict.fromkeys(name for f in members for name in f.actors))
        outlets = {f.article: (f.outlet, f.published) for f in members}
        rows.append(
            {
                "date": value,
                "start": start,
                "end": end,
                "precision": (best.event_precision if best.event_date else best.precision) or precision,
                "what": excerpt(best.sentence, best.start - best.sentence_start, best.end - best.sentence_start),
                "who": ", ".join(_actors(names, kb)),
                "where": ", ".join(_places(names, kb)),
                "source": "; ".join(
                    f"article {a} ({outlet or 'unknown outlet'}, {published or 'undated'})"
                    for a, (outlet, published) in sorted(outlets.items())
                ),
                "articles": ", ".join(sorted(outlets)),
                "sentence": _one_line(best.sentence),
                "kind": "article",
            }
        )
    return rows


def _context_row(event: ContextEvent, kb: KnowledgeBase, covered: list[tuple[date, date, str]]) -> dict[str, Any]:
    from ..annotate import mentions
    from ..corpus import parse_article

    start, end, precision = _bounds(event.date, event.end)
    names = list(
        dict.fromkeys(m.name for m in mentions(parse_article(event.event, id=event.id), kb) if m.kind != "concept")
    )
    reporting = (
        sorted({a for s, e, ids in covered if s <= start <= e for a in ids.split(", ")}) if precision == "day" else []
    )
    return {
        "date": event.date,
        "start": start,
        "end": end,
        "precision": precision,
        "what": _one_line(event.event),
        "who": ", ".join(_actors(names, kb)),
        "where": ", ".join(_places(names, kb)),
        "source": _one_line(event.source),
        "articles": ", ".join(reporting),
        "sentence": None,
        "kind": "context",
    }


def _actors(names: Sequence[str], kb: KnowledgeBase) -> list[str]:
    places = _place_names(kb)
    countries = set(lexicon().demonyms.values())
    return [n for n in names if n not in places or n in countries]


def _places(names: Sequence[str], kb: KnowledgeBase) -> list[str]:
    places = _place_names(kb)
    return [n for n in names if n in places]


def _place_names(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(p.name for p in kb.places)


def _bounds(value: str, until: str | None = None) -> tuple[date, date, str]:
    """First day, last day and precision of an ISO date (day, week, month or year).

    >>> _bounds("2021-W49")
    (datetime.date(2021, 12, 6), datetime.date(2021, 12, 12), 'week')
    >>> _bounds("2014-04")
    (datetime.date(2014, 4, 1), datetime.date(2014, 4, 30), 'month')
    >>> _bounds("2022-01-10", "2022-01-13")[1]
    datetime.date(2022, 1, 13)
    """
    if match := _DAY.match(value):
        first = last = date(*map(int, match.groups()))
        precision = "day"
    elif match := _WEEK.match(value):
        first = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        last, precision = first + timedelta(days=6), "week"
    elif match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        precision = "month"
    elif match := _YEAR.match(value):
        first, last, precision = date(int(match[1]), 1, 1), date(int(match[1]), 12, 31), "year"
    else:
        raise ValueError(f"not an ISO date, week, month or year: {value!r}")
    if until:
        last = _bounds(until)[1]
    return first, last, precision


def _one_line(text: str) -> str:
    return " ".join(text.split())


def excerpt(sentence: str, start: int, end: int, limit: int = _WHAT_MAX) -> str:
    """At most ``limit`` characters of ``sentence`` that include ``sentence[start:end]``
    (the date expression), cut on word boundaries and marked with "…" where cut.

    >>> excerpt("Washington has committed more than $2.5 billion to bolster an army that "
    ...         "collapsed in the face of the Russian offensive in 2014.", 122, 126, 70)
    '…an army that collapsed in the face of the Russian offensive in 2014.'
    """
    text = sentence.strip()
    if len(text) <= limit or end <= limit - 1:
        return trim(text, limit)
    begin = max(0, min(start - limit // 3, len(text) - limit + 1))
    if begin > 0 and not text[begin - 1].isspace() and " " in text[begin:start]:
        begin = text.index(" ", begin) + 1
    return "…" + trim(text[begin:], limit - 1).lstrip()


def trim(text: str, limit: int = _WHAT_MAX) -> str:
    """``text`` on one line, cut on a word boundary to at most ``limit`` characters.

    >>> trim("NATO will not compromise with Russia on Ukraine's membership.", 30)
    'NATO will not compromise with…'
    """
    text = _one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


# --------------------------------------------------------------------------- the plot


@dataclass(frozen=True)
class _Item:
    """One labelled mark on the plot: ``lane`` -1 (context, left) or 1 (articles, right)."""

    lane: int
    start: date
    end: date
    label: str

    @property
    def is_range(self) -> bool:
        return self.end > self.start


def plot_timeline(
    frame: pd.DataFrame | None = None,
    *,
    corpus: Corpus | None = None,
    span: Span = "crisis",
    ax: Axes | None = None,
) -> Axes:
    """Draw the timeline and return the Axes.

    Context events (knowledge base) are blue circles on the left, events reported in
    the articles vermillion diamonds on the right; periods are bars.  Labels are
    stacked so that none overlaps another, each joined to its date by a thin line.

    * ``span="crisis"``: 1 December 2021 - 28 February 2022, day by day; article
      events with a day (or week, or a range of days) in it.
    * ``span="long"``: 1994 - February 2022; the crisis months are a shaded band whose
      events are summed up in one label per side.

    ``frame`` is a :func:`timeline` frame (made from ``corpus``, or the bundled
    articles, when None); ``ax`` is used when given, else a new figure is made.

    >>> ax = plot_timeline(span="long")
    >>> ax.get_title()
    'The long road to the crisis: 1994 – February 2022'
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    if span not in SPANS:
        raise ChoiceError.of("span", span, SPANS)
    frame = _style.frame_for(frame, corpus, timeline)
    first, last = CRISIS if span == "crisis" else LONG
    items = _crisis_items(frame) if span == "crisis" else _long_items(frame)
    own = ax is None
    ax = _style.axes_for(ax, (_style.FIGURE_WIDTH, 13.0) if span == "crisis" else (_style.FIGURE_WIDTH, 11.0))
    fig = _style.figure_of(ax)
    if own:
        fig.subplots_adjust(left=0.16, right=0.985, top=0.93, bottom=0.06)

    pad = 2.0 if span == "crisis" else 120.0
    low, high = _num(first) - pad / 2, _num(last) + pad
    ax.set_xlim(-1.0, 1.0)
    ax.set_ylim(high, low)  # time runs downwards
    _date_axis(ax, span)
    if span == "long":
        ax.axhspan(_num(CRISIS[0]), _num(CRISIS[1]) + 1, color="#e8e8e8", zorder=0, lw=0)
    if span == "crisis":  # two lanes: context on the left, the articles on the right
        ax.axvline(0.0, color="#bbbbbb", lw=1.0, zorder=1)
        for lane in (-1, 1):
            _draw_lane(ax, [i for i in items if i.lane == lane], lane, (low, high), own, centre=0.0)
    else:  # one lane with every label on the right: no empty half when the articles add little
        ax.axvline(_LONG_CENTRE, color="#bbbbbb", lw=1.0, zorder=1)
        _draw_lane(ax, items, 1, (low, high), own, centre=_LONG_CENTRE)
    _headers_and_legend(ax, span)
    return _style.literal_text(ax)


def _crisis_items(frame: pd.DataFrame) -> list[_Item]:
    first, last = CRISIS
    items = []
    for row in frame.itertuples(index=False):
        start, end = row.start.date(), row.end.date()
        if not (first <= start and end <= last):
            continue
        if row.kind == "context":
            items.append(
                _Item(-1, start, end, f"{_when(start, end, row.precision, False)}: {trim(row.what, _LABEL_MAX)}")
            )
        elif row.precision in ("day", "week"):
            text = f"{_when(start, end, row.precision, False)}: {trim(row.what, _LABEL_MAX)} [{row.articles}]"
            items.append(_Item(1, start, end, text))
    return items


# Where a student finds the crisis events that the long view sums up in one label.
_DAY_BY_DAY = " (each one is in the day-by-day chart of the crisis)"


def _long_items(frame: pd.DataFrame) -> list[_Item]:
    first, last = LONG
    items: list[_Item] = []
    in_crisis: dict[int, list[Any]] = {-1: [], 1: []}
    for row in frame.itertuples(index=False):
        start, end = row.start.date(), row.end.date()
        lane = -1 if row.kind == "context" else 1
        if start >= CRISIS[0] and end <= CRISIS[1]:
            in_crisis[lane].append(row)
        elif first <= start and end <= last:
            text = f"{_when(start, end, row.precision, True)}: {trim(row.what, _LABEL_MAX)}"
            items.append(_Item(lane, start, end, text if lane < 0 else f"{text} [{row.articles}]"))
    for lane, rows in in_crisis.items():
        if not rows:
            continue
        start, end = min(r.start.date() for r in rows), max(r.end.date() for r in rows)
        when = f"{_when(start, start, 'day', True)} – {_when(end, end, 'day', True)}"
        if lane < 0:
            text = f"{when}: {len(rows)} events of the crisis, the last: {trim(rows[-1].what, 70)}{_DAY_BY_DAY}"
        else:
            ids = sorted({a for r in rows for a in r.articles.split(", ")})
            text = f"{when}: {len(rows)} events reported in articles {', '.join(ids)}{_DAY_BY_DAY}"
        items.append(_Item(lane, start, end, text))
    return items


def _when(start: date, end: date, precision: str, with_year: bool) -> str:
    """A short, locale-independent date text: "16 Dec", "10-13 Jan", "week of 6–12 Dec",
    "Apr 2014", "2008"."""

    def day(d: date) -> str:
        return f"{d.day} {_MONTHS[d.month]}" + (f" {d.year}" if with_year else "")

    if precision == "year":
        return str(start.year)
    if precision == "month":
        return f"{_MONTHS[start.month]} {start.year}"
    if end > start:
        if (start.year, start.month) == (end.year, end.month):
            span = f"{start.day}–{day(end)}"
        else:
            span = f"{day(start)} – {day(end)}"
        return f"week of {span}" if precision == "week" else span
    return day(start)


def _num(day: date) -> float:
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _date_axis(ax: Axes, span: str) -> None:
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _: object) -> str:
        d = mdates.num2date(value).date()  # type: ignore[no-untyped-call]
        return str(d.year) if span == "long" else f"{d.day} {_MONTHS[d.month]} {d.year}"

    if span == "crisis":
        ax.yaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))  # type: ignore[no-untyped-call]
        ax.yaxis.set_minor_locator(mdates.DayLocator())  # type: ignore[no-untyped-call]
        ax.set_ylabel("Date (weeks start on Monday; small ticks are days)", color=_style.TEXT_GREY)
    else:
        ax.yaxis.set_major_locator(mdates.YearLocator(2))  # type: ignore[no-untyped-call]
        ax.yaxis.set_minor_locator(mdates.YearLocator(1))  # type: ignore[no-untyped-call]
        ax.set_ylabel("Year", color=_style.TEXT_GREY)
    ax.yaxis.set_major_formatter(FuncFormatter(label))
    ax.tick_params(axis="y", labelsize=_style.MIN_FONT, colors=_style.TEXT_GREY)
    ax.yaxis.grid(True, which="major", color="#e4e4e4", lw=0.7, zorder=0)
    ax.set_axisbelow(True)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)


_LANE_X = 0.03  # distance of the marks from the centre line
_SUBLANE_X = 0.016  # distance between bars of overlapping periods
_LABEL_X = 0.12  # distance of the labels' near edge from the centre line
_FONT = _style.MIN_FONT
_LONG_CENTRE = -0.9  # the long view's one line, near the left edge
_GAP_PX = 5.0


def _draw_lane(
    ax: Axes, items: list[_Item], lane: int, limits: tuple[float, float], own: bool, *, centre: float
) -> None:
    """Marks and labels of ``items`` on the ``lane`` side (-1 left, 1 right) of the line
    at x = ``centre``; each mark is styled by its own item's kind (its ``lane``)."""
    if not items:
        return
    items = sorted(items, key=lambda i: (i.start, i.end, i.label))
    x, label_x = centre + lane * _LANE_X, centre + lane * _LABEL_X
    starts = []
    for item, level in zip(items, _levels(items), strict=True):
        style = _style.CONTEXT if item.lane < 0 else _style.ARTICLE
        colour = style["colour"]
        top, bottom = _num(item.start), _num(item.end) + 1.0
        bar_x = x + lane * _SUBLANE_X * level
        if item.is_range:
            ax.plot([bar_x, bar_x], [top, bottom], color=colour, lw=4, solid_capstyle="butt", zorder=3)
        ax.plot([bar_x], [top if item.is_range else top + 0.5], marker=style["marker"], color=colour,
                markersize=6, markeredgecolor="white", markeredgewidth=0.6, ls="none", zorder=4)  # fmt: skip
        starts.append(bar_x)
    texts = [
        ax.text(label_x, _num(i.start), i.label, ha="right" if lane < 0 else "left", va="center", fontsize=_FONT,
                color="#222222", zorder=5, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#dddddd", "lw": 0.5},
                parse_math=False)  # article text: "$5bn ... $50bn" is money, not mathtext
        for i in items
    ]  # fmt: skip
    _fit_widths(ax, texts, items, room_fraction=(1.0 - lane * label_x) / 2.0)
    anchors = [(_num(i.start) + _num(i.end) + 1.0) / 2.0 for i in items]
    _fit_heights(ax, texts, own)
    heights = _heights(ax, texts)
    scale = _data_per_px(ax)
    centres = pack_labels(anchors, heights, lo=limits[0], hi=limits[1], gap=_GAP_PX * scale)
    elbow = x + lane * (_SUBLANE_X * (max(_levels(items)) + 1) + 0.01)
    for text, anchor, centre, bar_x in zip(texts, anchors, centres, starts, strict=True):
        text.set_y(centre)
        ax.plot([bar_x, elbow, label_x - lane * 0.006], [anchor, anchor, centre], color="#9a9a9a", lw=0.6, zorder=2)


def _levels(items: list[_Item]) -> list[int]:
    """0 for single days; 1, 2... for periods, so that overlapping periods get their own bar."""
    ends: list[date] = []  # last day taken at each level (1-based)
    levels = []
    for item in items:
        if not item.is_range:
            levels.append(0)
            continue
        for level, taken in enumerate(ends, start=1):
            if taken < item.start:
                ends[level - 1] = item.end
                levels.append(level)
                break
        else:
            ends.append(item.end)
            levels.append(len(ends))
    return levels


def _fit_widths(ax: Axes, texts: list[Text], items: list[_Item], room_fraction: float) -> None:
    """Re-wrap labels so that each fits between its lane's line and the edge of the axes
    (``room_fraction`` of the axes' width)."""
    ax_box = ax.get_window_extent()
    room = ax_box.width * room_fraction - 16.0
    for text, item in zip(texts, items, strict=True):
        width = 96
        text.set_text(_style.wrap(item.label, width))
        measured = text.get_window_extent().width
        while measured > room and width > 16:
            # Jump to the width the measurement suggests (text width is about proportional
            # to characters per line), then creep down: few costly measurements.
            width = max(16, min(width - 4, int(width * room / measured)))
            text.set_text(_style.wrap(item.label, width))
            measured = text.get_window_extent().width


def _fit_heights(ax: Axes, texts: list[Text], own: bool) -> None:
    """Make the stacked labels fit the axes: a taller figure (own figure) or a smaller font."""
    needed = sum(_px_heights(texts)) + _GAP_PX * len(texts)
    room = ax.get_window_extent().height
    if needed <= room * 0.97:
        return
    if own:
        fig = _style.figure_of(ax)
        fig.set_figheight(fig.get_figheight() * needed / (room * 0.95))
        return
    size = _FONT
    while needed > room * 0.97 and size > 5.0:
        size -= 0.5
        for text in texts:
            text.set_fontsize(size)
        needed = sum(_px_heights(texts)) + _GAP_PX * len(texts)


def _px_heights(texts: list[Text]) -> list[float]:
    return [t.get_window_extent().height + 4.0 for t in texts]  # + the rounded box's padding


def _data_per_px(ax: Axes) -> float:
    low, high = ax.get_ylim()
    return abs(high - low) / ax.get_window_extent().height


def _heights(ax: Axes, texts: list[Text]) -> list[float]:
    scale = _data_per_px(ax)
    return [h * scale for h in _px_heights(texts)]


def pack_labels(
    desired: Sequence[float], heights: Sequence[float], *, lo: float, hi: float, gap: float = 0.0
) -> list[float]:
    """Centres for labels stacked along one axis, as near their ``desired`` centres as
    possible, in the same order, with at least ``gap`` between neighbours and inside
    ``[lo, hi]`` when there is room.

    Overlapping labels are merged into blocks, each centred on the mean of its labels'
    wishes (the least-squares position), until no blocks overlap.

    >>> pack_labels([0, 0.5, 10], [2, 2, 2], lo=-10, hi=20)
    [-0.75, 1.25, 10.0]
    >>> pack_labels([0, 0], [2, 2], lo=0, hi=20, gap=1)
    [1.0, 4.0]
    """
    order = sorted(range(len(desired)), key=lambda i: desired[i])
    blocks: list[list[int]] = []
    tops: list[float] = []

    def offsets(block: list[int]) -> list[float]:
        result, run = [], 0.0
        for i in block:
            result.append(run + heights[i] / 2.0)
            run += heights[i] + gap
        return result

    def place(block: list[int]) -> float:
        length = sum(heights[i] for i in block) + gap * (len(block) - 1)
        top = sum(desired[i] - o for i, o in zip(block, offsets(block), strict=True)) / len(block)
        return max(lo, min(top, hi - length)) if hi - lo >= length else lo

    for i in order:
        blocks.append([i])
        tops.append(place([i]))
        while len(blocks) > 1:
            previous = blocks[-2]
            end = tops[-2] + sum(heights[j] for j in previous) + gap * len(previous)
            if end <= tops[-1] + 1e-9:
                break
            merged = previous + blocks.pop()
            tops.pop()
            blocks[-1] = merged
            tops[-1] = place(merged)
    centres = [0.0] * len(desired)
    for block, top in zip(blocks, tops, strict=True):
        for i, offset in zip(block, offsets(block), strict=True):
            centres[i] = round(top + offset, 9)
    return centres


def _headers_and_legend(ax: Axes, span: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    transform = ax.get_xaxis_transform()  # x in data, y in axes fraction
    if span == "crisis":
        for lane, style, text in (
            (-1, _style.CONTEXT, "Context (knowledge base)"),
            (1, _style.ARTICLE, "Reported in the articles"),
        ):
            ax.text(lane * _LABEL_X, 1.005, text, transform=transform, ha="right" if lane < 0 else "left",
                    va="bottom", fontsize=10.5, fontweight="bold", color=style["colour"])  # fmt: skip
    handles: list[Any] = [
        Line2D([], [], marker=s["marker"], color=s["colour"], ls="none", markersize=7, label=s["label"])
        for s in (_style.CONTEXT, _style.ARTICLE)
    ]
    handles.append(
        Line2D([], [], color="#777777", lw=5, solid_capstyle="butt", label="Period (several days or longer)")
    )
    if span == "long":
        handles.append(Patch(color="#e8e8e8", label="Dec 2021 – Feb 2022: the crisis"))
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.45, -0.008),
        ncol=2,
        frameon=False,
        fontsize=_style.MIN_FONT,
    )
    if span == "crisis":
        title = "The crisis day by day: 1 December 2021 – 28 February 2022"
    else:
        title = "The long road to the crisis: 1994 – February 2022"
    # A fixed y spares matplotlib a costly search for what the title must clear (nothing here).
    ax.set_title(title, fontsize=12, fontweight="bold", pad=24 if span == "crisis" else 8, y=1.0)
