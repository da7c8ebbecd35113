"""Date expressions resolved to the calendar.

Absolute dates ("Thursday, December 16, 2021", "16 December", "Jan. 12"), ranges
("from 10 to 13 January", "January 11-12"), months ("in December", "last month"),
weeks ("this week", "the week of January 10"), weekends ("at the weekend"), numeric
dates ("13.01.2022"), years ("since 2014", "the 2008
declaration") and relative days ("today", "on Wednesday", "last Friday") are found
with patterns built from the month and weekday names in ``edu_kit/data/lexicon.yaml``.

Relative expressions are resolved against the article's publication date:

* a missing year is the one that puts the date nearest to publication (an article
  of 5 January about "17 December" means the December before);
* a weekday resolves by tense: in a future clause ("will take place on Monday") the
  next such day after publication, in a past one the nearest such day on or before
  it, and with no tense marker at all (a schedule in the present tense, a list of
  quotes) whichever occurrence is nearer;
* without a publication date, relative expressions stay unresolved (value None).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import lru_cache

from ..corpus import Article, Sentence
from ._lexicon import lexicon, lowered, trie_pattern
from .records import DateExpression, Precision

__all__ = ["resolve_dates"]

_WORD = re.compile(r"\w+")
_CLAUSE_BOUNDARY = re.compile(r"[\"“”«»„;]|,\s*(?:and|but|while|whereas)\b|\b(?:that|which|when|where|while|whereas)\b")
_MONTHS_TENSE_DECIDES = 2  # a bare month this many months from publication or fewer is always the nearest
_PROGRESSIVE_FUTURE = re.compile(r"\b(?:is|are|am)\s+\w+ing\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = lexicon()
    names = sorted(lex.months, key=len, reverse=True)
    month = "(?:" + "|".join(rf"{n}\.?" if len(n) <= 4 and n != "May" else n for n in names) + ")"
    wd = "(?:" + "|".join(lex.weekdays) + ")"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d\d"
    dash = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
    span_dash = r"\s*(?:-|–|—|to|until|till|through)\s*"  # "September 7 and December 5" are two dates
    rel_days = "|".join(re.escape(k) for k in sorted(lex.relative_days, key=len, reverse=True))
    alternatives = [
        rf"(?P<iso>(?P<iy>{year})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3]\d))(?![\d-])",
        # 10 to 13 January (2022)
        rf"(?P<rdm>(?P<rdm_d1>{day}){dash}(?P<rdm_d2>{day})\s+(?P<rdm_m>{month})(?:,?\s+(?P<rdm_y>{year}))?)",
        # 30 December to 2 January / December 30 to January 2
        rf"(?P<rx>(?P<rx_d1>{day})\s+(?P<rx_m1>{month}){span_dash}(?P<rx_d2>{day})\s+(?P<rx_m2>{month})(?:,?\s+(?P<rx_y>{year}))?)",
        rf"(?P<rxm>(?P<rxm_m1>{month})\s+(?P<rxm_d1>{day}){span_dash}(?P<rxm_m2>{month})\s+(?P<rxm_d2>{day})(?:,?\s+(?P<rxm_y>{year}))?)",
        # January 11-12 (2022)
        rf"(?P<rmd>(?P<rmd_m>{month})\s+(?P<rmd_d1>{day}){dash}(?P<rmd_d2>{day})(?!\d|:\d)(?:,?\s+(?P<rmd_y>{year}))?)",
        # the week of January 10 (an ISO week)
        rf"(?P<wk>[Tt]he\s+week\s+of\s+(?:(?P<wk_m>{month})\s+(?P<wk_d>{day})|(?P<wk_d2>{day})\s+(?P<wk_m2>{month}))(?:,?\s+(?P<wk_y>{year}))?)",
        # 13.01.2022 (day.month.year, as written in much of Europe)
        r"(?P<num>(?P<num_d>[0-3]?\d)\.(?P<num_m>[01]?\d)\.(?P<num_y>(?:19|20)\d\d))(?![\d.]\d)",
        # (Thursday,) December 16(, 2021)
        rf"(?P<md>(?:(?P<md_wd>{wd}),?\s+)?(?P<md_m>{month})\s+(?P<md_d>{day})(?!\d|:\d)(?:,?\s+(?P<md_y>{year}))?)",
        # (Thursday,) 16 December( 2021)
        rf"(?P<dm>(?:(?P<dm_wd>{wd}),?\s+)?(?:the\s+)?(?P<dm_d>{day})\s+(?:of\s+)?(?P<dm_m>{month})(?:,?\s+(?P<dm_y>{year}))?)",
        # December 2021
        rf"(?P<my>(?P<my_m>{month})\s+(?P<my_y>{year}))",
        # 2016-2019, 2014–15 (a range of years)
        rf"(?P<yy>(?P<yy1>{year})\s*[-–]\s*(?P<yy2>{year}|\d\d)(?![\w%-]))",
        # last September / next March / this June
        rf"(?P<lm>(?P<lm_which>(?i:last|next|this|coming|past))\s+(?P<lm_m>{month})(?!\w|\s+\d))",
        # earlier this month / last week / next year
        r"(?P<rel>(?i:(?:(?:earlier|later)\s+)?(?P<rel_which>this|last|next|past|coming)\s+(?P<rel_unit>week|month|year)))",
        # two weeks ago / a month ago / 3 days ago
        r"(?P<ago>(?i:(?P<ago_n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<ago_unit>day|week|month|year)s?\s+ago(?P<ago_today>\s+today|\s+to\s+the\s+day)?))",
        rf"(?P<rday>(?i:{rel_days}))",
        # "on the 26th": a day of a month the reader knows from the publication date
        r"(?P<nth>[Tt]he\s+(?P<nth_d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?!\s+(?:of\s+)?[A-Z])",
        # the weekend / last weekend / this weekend
        r"(?P<wkend>(?P<wkend_which>(?i:the|this|last|next|past|coming|the\s+coming|the\s+past))\s+weekend)",
        # last Friday / on Wednesday
        rf"(?P<wdx>(?:(?P<wdx_which>(?i:last|next|this|coming))\s+)?(?P<wdx_wd>{wd}))",
        # in December (a month without a day)
        "(?:" + "|".join(f"(?<={re.escape(w)} )" for w in lex.month_lead_words) + r"|(?<=mid-))" + rf"(?P<mo>{month})(?!\w)",
        rf"(?P<yr>(?<![\w$£€.,-]){year})(?![\w%]|[.,]\d|-\d)",
    ]
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?!\w)")


def resolve_dates(article: Article) -> tuple[DateExpression, ...]:
    """Date expressions of ``article``, resolved against its publication date.

    >>> from edu_kit.corpus import parse_article
    >>> art = parse_article("On Wednesday, Russia handed over its demands. Talks will be held "
    ...                     "from 10 to 13 January. NATO was founded in 1949.",
    ...                     id="x", published="2022-01-07")
    >>> [(d.text, d.value, d.until, d.precision) for d in resolve_dates(art)]  # doctest: +NORMALIZE_WHITESPACE
    [('Wednesday', '2022-01-05', None, 'day'), ('10 to 13 January', '2022-01-10', '2022-01-13', 'day'),
     ('1949', '1949', None, 'year')]
    """
    found: list[DateExpression] = []
    published = article.published
    transcript = is_transcript(article.body)
    markers: dict[int, _Tense] = {}  # tense markers of each sentence, found once
    for match in _matches(article.body):
        sentence = article.sentence_at(match.start())

        def tense(sentence: Sentence | None = sentence, at: int = match.start()) -> str | None:
            if sentence is None:
                return None
            if sentence.index not in markers:
                markers[sentence.index] = _Tense(_tense_markers(article.body[sentence.start : sentence.end]))
            return markers[sentence.index].at(at - sentence.start)

        try:
            resolved = _resolve(match, published, tense, transcript)
        except OverflowError:  # "tomorrow" on 9999-12-31: past the calendar's end, unresolved
            resolved = (None, None, "day", True, match.start(), match.end())
        if resolved is None or (match.group("rday") and _title_word(article.body, match.start(), sentence)):
            continue
        if match.group("nth"):
            resolved = _nth_after_anchor(article.body, found, int(match.group("nth_d")), resolved)
        value, until, precision, relative, start, end = resolved
        found.append(
            DateExpression(
                text=article.body[start:end],
                start=start,
                end=end,
                value=value,
                until=until,
                precision=precision,
                relative=relative,
                sentence=-1 if sentence is None else sentence.index,
            )
        )
    return tuple(_with_anaphoric_days(article, found))


_ANCHOR_REACH = 300  # characters: how far back "on the 13th" looks for the month it belongs to


@lru_cache(maxsize=1)
def _names_a_month() -> re.Pattern[str]:
    """A date expression that writes its month: a month's name, or digits ("2022-01-10", "13.01.2022")."""
    names = "|".join(sorted(map(re.escape, lexicon().months), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{names})(?!\w)|\d[-.]\d")


def _nth_after_anchor(body: str, found: list[DateExpression], day: int, resolved: _Resolved) -> _Resolved:
    """"Jan. 10 - … and on the 13th": a day of the month alone belongs to the month of the
    day-precise date written just before it in the same paragraph (the next month when the
    day is smaller), not to the publication's month; without one, ``resolved`` stands."""
    start = resolved[4]
    anchor = found[-1] if found else None
    if anchor is None or anchor.precision != "day" or not anchor.value or not _names_a_month().search(anchor.text):
        return resolved
    if start - anchor.end > _ANCHOR_REACH or "\n" in body[anchor.end : start]:
        return resolved
    base = date.fromisoformat(anchor.value[:10])
    index = base.year * 12 + base.month - 1 + (1 if day < base.day else 0)
    chosen = _safe_date(index // 12, index % 12 + 1, day)
    return resolved if chosen is None else (chosen.isoformat(), None, "day", True, start, resolved[5])


def _with_anaphoric_days(article: Article, found: list[DateExpression]) -> list[DateExpression]:
    """Add "the same day", "the next day" …: each is the day written last before it
    (a date of day precision), shifted by the lexicon's number of days."""
    shifts = lexicon().anaphoric_days
    extra = []
    for match in _anaphoric_pattern().finditer(article.body):
        earlier = [d for d in found if d.end <= match.start() and d.precision == "day" and d.value is not None]
        if any(d.start <= match.start() < d.end for d in found):
            continue
        value = None
        if earlier:
            anchor = date.fromisoformat(str(max(earlier, key=lambda d: d.end).value))
            value = (anchor + timedelta(days=shifts[" ".join(match.group().lower().split())])).isoformat()
        sentence = article.sentence_at(match.start())
        extra.append(
            DateExpression(
                text=match.group(), start=match.start(), end=match.end(), value=value, until=None, precision="day",
                relative=True, sentence=-1 if sentence is None else sentence.index,
            )
        )
    return sorted([*found, *extra], key=lambda d: d.start) if extra else found


@lru_cache(maxsize=1)
def _anaphoric_pattern() -> re.Pattern[str]:
    phrases = sorted(lexicon().anaphoric_days, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)", re.IGNORECASE)


_TRANSCRIPT_LABEL = re.compile(r"^(?:[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,5}:|Q(?:UESTION)?(?::|[ \t]{2,}|\t))", re.MULTILINE)


def is_transcript(body: str) -> bool:
    """Does ``body`` read as a transcript: at least two paragraphs open with a speaker
    label in capitals ("MS. PSAKI:", "SECRETARY BLINKEN:") or a reporter's "Q"?"""
    not_names = lexicon().not_speaker_labels
    labels = (m for m in _TRANSCRIPT_LABEL.finditer(body) if m.group().rstrip(": \t").upper() not in not_names)
    return next(labels, None) is not None and next(labels, None) is not None


@lru_cache(maxsize=1)
def _trigger() -> re.Pattern[str]:
    """Where a date expression can begin, in the lower-cased body: a digit, a month or
    weekday name, or a relative word.  Scanning lower-cased text with a case-sensitive
    pattern is twice as fast as a case-insensitive scan, and finds a superset."""
    lex = lexicon()
    names = trie_pattern({n.lower() for n in [*lex.months, *lex.weekdays]})
    words = (
        "today|tonight|yesterday|tomorrow|this|last|next|earlier|later|past|coming|the\\s+(?=\\d)|the\\s+week\\s+of"
        "|the\\s+(?:coming\\s+|past\\s+)?weekend"
        r"|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:day|week|month|year)s?\s+ago"
    )
    return re.compile(rf"(?<!\w)(?:\d|(?:{names})|(?:{words})\b)")


def _matches(body: str) -> Iterator[re.Match[str]]:
    """Matches of the date pattern, tried only where one can begin (much faster than a scan)."""
    pattern = _pattern()
    position = 0
    for candidate in _trigger().finditer(lowered(body)):
        if candidate.start() < position:
            continue
        match = pattern.match(body, candidate.start())
        if match is not None and match.end() > match.start():
            yield match
            position = match.end()


def _title_word(body: str, start: int, sentence: Sentence | None) -> bool:
    """Is the word at ``start`` capitalised inside its sentence ("the BBC's Today
    programme"), and so part of a name rather than a date ("Today, NATO ...")?"""
    if not body[start].isupper() or sentence is None:
        return False
    return bool(body[sentence.start : start].strip(" \t\n\"'“‘«„(—–-:"))


_Resolved = tuple[str | None, str | None, Precision, bool, int, int]


def _month(name: str) -> int:
    return lexicon().months[name.rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, published: date | None) -> int | None:
    """The year that puts (month, day) nearest to the publication date."""
    if published is None:
        return None
    candidates = [y for y in (published.year - 1, published.year, published.year + 1) if _safe_date(y, month, day)]
    if not candidates:
        return None
    return min(candidates, key=lambda y: abs((date(y, month, day) - published).days))


def _resolve(match: re.Match[str], published: date | None, tense: Callable[[], str | None], transcript: bool = False) -> _Resolved | None:
    g = match.groupdict()
    start, end = match.start(), match.end()
    if g["iso"]:
        day = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return None if day is None else (day.isoformat(), None, "day", False, start, end)
    for prefix in ("rdm", "rmd"):
        if g[prefix]:
            month = _month(g[f"{prefix}_m"])
            return _day_range(g, prefix, month, month, g[f"{prefix}_d1"], g[f"{prefix}_d2"], published, match)
    for prefix in ("rx", "rxm"):
        if g[prefix]:
            return _day_range(
                g, prefix, _month(g[f"{prefix}_m1"]), _month(g[f"{prefix}_m2"]), g[f"{prefix}_d1"], g[f"{prefix}_d2"], published, match
            )
    if g["wk"]:
        return _week_of(g, published, start, end)
    if g["num"]:
        day = _safe_date(int(g["num_y"]), int(g["num_m"]), int(g["num_d"]))
        return None if day is None else (day.isoformat(), None, "day", False, start, end)
    if g["wkend"]:
        return _weekend(str(g["wkend_which"]), published, tense, start, end)
    for prefix in ("md", "dm"):
        if g[prefix]:
            return _single_day(g, prefix, published, match)
    if g["my"]:
        return (f"{int(g['my_y']):04d}-{_month(g['my_m']):02d}", None, "month", False, start, end)
    if g["yy"]:
        first, last = int(g["yy1"]), int(g["yy2"]) if len(g["yy2"] or "") == 4 else int((g["yy1"] or "")[:2] + (g["yy2"] or ""))
        return None if last <= first else (str(first), str(last), "year", False, start, end)
    if g["lm"]:
        return _named_month(_month(g["lm_m"]), str(g["lm_which"]).lower(), published, start, end)
    if g["mo"]:
        month = _month(g["mo"])
        if g["mo"] == "May":
            return None  # "in May" is too often the verb
        year = _nearest_year(month, 15, published)
        if year is not None and published is not None:
            # The nearest one, unless it lies months away on the side the tense denies
            # ("launched during a June summit", written in January: last June).
            away = (year - published.year) * 12 + month - published.month
            mood = tense() if abs(away) > _MONTHS_TENSE_DECIDES else None
            if (mood == "past" and away > 0) or (mood == "future" and away < 0):
                year -= 1 if away > 0 else -1
        value = None if year is None else f"{year:04d}-{month:02d}"
        return (value, None, "month", True, start, end)
    if g["rel"]:
        return _relative_unit(g["rel_which"], g["rel_unit"], published, start, end)
    if g["ago"]:
        return _ago(str(g["ago_n"]), str(g["ago_unit"]), published, start, end, exact=bool(g["ago_today"]))
    if g["nth"]:
        return _day_of_month(int(g["nth_d"] or 0), published, tense, start, end)
    if g["rday"]:
        shift = lexicon().relative_days[g["rday"].lower()]
        value = None if published is None else (published + timedelta(days=shift)).isoformat()
        return (value, None, "day", True, start, end)
    if g["wdx"]:
        return _weekday(g, published, tense, start, end, transcript)
    if g["yr"]:
        return (g["yr"], None, "year", False, start, end)
    return None


def _day_range(
    g: dict[str, str | None],
    prefix: str,
    month1: int,
    month2: int,
    d1: str | None,
    d2: str | None,
    published: date | None,
    match: re.Match[str],
) -> _Resolved | None:
    if d1 is None or d2 is None:
        return None
    year_text = g.get(f"{prefix}_y")
    day1, day2 = _day(d1), _day(d2)
    if year_text:
        y2 = int(year_text)
        y1 = y2 - 1 if (month1, day1) > (month2, day2) else y2
    else:
        y1_or_none = _nearest_year(month1, day1, published)
        if y1_or_none is None:
            return (None, None, "day", True, match.start(), match.end())
        y1 = y1_or_none
        y2 = y1 + 1 if (month1, day1) > (month2, day2) else y1
    first, last = _safe_date(y1, month1, day1), _safe_date(y2, month2, day2)
    if first is None or last is None or last < first:
        return None
    return (first.isoformat(), last.isoformat(), "day", not year_text, match.start(), match.end())


def _single_day(g: dict[str, str | None], prefix: str, published: date | None, match: re.Match[str]) -> _Resolved | None:
    month_text, day_text = g[f"{prefix}_m"], g[f"{prefix}_d"]
    if month_text is None or day_text is None:
        return None
    month, day = _month(month_text), _day(day_text)
    year_text = g[f"{prefix}_y"]
    start = match.start()
    text = match.group()
    if text.startswith("the "):
        start += 4
    if year_text:
        found = _safe_date(int(year_text), month, day)
        return None if found is None else (found.isoformat(), None, "day", False, start, match.end())
    year = _nearest_year(month, day, published)
    if year is None:
        return (None, None, "day", True, start, match.end()) if _safe_date(2000, month, day) else None
    found = _safe_date(year, month, day)
    return None if found is None else (found.isoformat(), None, "day", True, start, match.end())


def _weekend(which: str, published: date | None, tense: Callable[[], str | None], start: int, end: int) -> _Resolved:
    """"the weekend": Saturday to Sunday, before or after publication by the word or the
    tense ("last weekend", "at the weekend I will ..."), else the nearer one."""
    if published is None:
        return (None, None, "day", True, start, end)
    which = " ".join(which.lower().split())
    if published.weekday() >= 5 and which in ("this", "the"):
        saturday = published - timedelta(days=published.weekday() - 5)  # the weekend under way
        return (saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "day", True, start, end)
    before = published - timedelta(days=(published.weekday() - 5) % 7 or 7)  # the Saturday before
    after = published + timedelta(days=(5 - published.weekday()) % 7 or 7)  # the Saturday after
    if which in ("last", "past", "the past"):
        saturday = before
    elif which in ("next", "coming", "the coming"):
        saturday = after
    else:
        mood = tense()
        if mood == "past":
            saturday = before
        elif mood == "future" or which == "this":
            saturday = after
        else:
            saturday = before if (published - before) < (after - published) else after
    return (saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "day", True, start, end)


def _named_month(month: int, which: str, published: date | None, start: int, end: int) -> _Resolved:
    """A month named without a year: "last September" is the latest September before the
    publication month, "next March" the first after it, "this June" the publication
    year's; in a past clause ("during a June summit") the latest on or before publication,
    in a future one the first from the publication month on."""
    if published is None:
        return (None, None, "month", True, start, end)
    year = published.year
    if which in ("last", "past"):
        year -= month >= published.month
    elif which in ("next", "coming"):
        year += month <= published.month
    elif which == "on or before":
        year -= month > published.month
    elif which == "from":
        year += month < published.month
    return (f"{year:04d}-{month:02d}", None, "month", True, start, end)


def _week_of(g: dict[str, str | None], published: date | None, start: int, end: int) -> _Resolved | None:
    """"the week of January 10": the ISO week of that day."""
    month_text, day_text = g["wk_m"] or g["wk_m2"], g["wk_d"] or g["wk_d2"]
    if month_text is None or day_text is None:
        return None
    month, day = _month(month_text), _day(day_text)
    year = int(g["wk_y"]) if g["wk_y"] else _nearest_year(month, day, published)
    found = None if year is None else _safe_date(year, month, day)
    if found is None:
        return (None, None, "week", True, start, end) if year is None else None
    iso = found.isocalendar()
    return (f"{iso[0]:04d}-W{iso[1]:02d}", None, "week", not g["wk_y"], start, end)


def _relative_unit(which: str | None, unit: str | None, published: date | None, start: int, end: int) -> _Resolved:
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[(which or "this").lower()]
    precision: Precision = "week" if unit == "week" else "month" if unit == "month" else "year"
    if published is None:
        return (None, None, precision, True, start, end)
    if precision == "week":
        iso = (published + timedelta(weeks=step)).isocalendar()
        return (f"{iso[0]:04d}-W{iso[1]:02d}", None, "week", True, start, end)
    if precision == "month":
        index = published.year * 12 + published.month - 1 + step
        return (f"{index // 12:04d}-{index % 12 + 1:02d}", None, "month", True, start, end)
    return (f"{published.year + step:04d}", None, "year", True, start, end)


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _ago(count: str, unit: str, published: date | None, start: int, end: int, exact: bool = False) -> _Resolved:
    """"two weeks ago": counted back from the publication date, at the unit's precision;
    "30 years ago today" is that very day (an anniversary)."""
    n = int(count) if count.isdigit() else _NUMBER_WORDS[count.lower()]
    precision: Precision = "day" if unit.lower() == "day" else "week" if unit.lower() == "week" else "month" if unit.lower() == "month" else "year"
    if published is None:
        return (None, None, "day" if exact else precision, True, start, end)
    if exact and precision in ("year", "month"):
        index = published.year * 12 + published.month - 1 - (12 * n if precision == "year" else n)
        day = _safe_date(index // 12, index % 12 + 1, published.day) or _safe_date(index // 12, index % 12 + 1, published.day - 1)
        if day is not None:
            return (day.isoformat(), None, "day", True, start, end)
    if exact and precision == "week":
        return ((published - timedelta(weeks=n)).isoformat(), None, "day", True, start, end)
    if precision == "day":
        return ((published - timedelta(days=n)).isoformat(), None, "day", True, start, end)
    if precision == "week":
        iso = (published - timedelta(weeks=n)).isocalendar()
        return (f"{iso[0]:04d}-W{iso[1]:02d}", None, "week", True, start, end)
    if precision == "month":
        index = published.year * 12 + published.month - 1 - n
        return (f"{index // 12:04d}-{index % 12 + 1:02d}", None, "month", True, start, end)
    return (f"{published.year - n:04d}", None, "year", True, start, end)


def _day_of_month(day: int, published: date | None, tense_of: Callable[[], str | None], start: int, end: int) -> _Resolved | None:
    """"on the 26th": that day of the publication month or a neighbouring one, chosen by
    tense like a weekday (past: on or before publication; future: after; else nearest)."""
    if published is None:
        return (None, None, "day", True, start, end)
    candidates = []
    for shift in (-1, 0, 1):
        index = published.year * 12 + published.month - 1 + shift
        found = _safe_date(index // 12, index % 12 + 1, day)
        if found is not None:
            candidates.append(found)
    tense = tense_of()
    if tense == "past":
        candidates = [c for c in candidates if c <= published]
    elif tense == "future":
        candidates = [c for c in candidates if c > published]
    if not candidates:
        return None
    chosen = min(candidates, key=lambda c: (abs((c - published).days), c > published))
    return (chosen.isoformat(), None, "day", True, start, end)


def _weekday(
    g: dict[str, str | None], published: date | None, tense_of: Callable[[], str | None], start: int, end: int, transcript: bool = False
) -> _Resolved:
    """A weekday by its word ("last", "next", "this") or the tense of its clause.  In a
    transcript the speakers talk on the day of the event, so a weekday in the past tense
    that is that very day ("On Friday we agreed", said on a Friday) is the one before."""
    target = lexicon().weekdays[g["wdx_wd"] or ""]
    which = (g["wdx_which"] or "").lower()
    if not which:  # "on Wednesday": the weekday alone is the expression
        start = end - len(g["wdx_wd"] or "")
    if published is None:
        return (None, None, "day", True, start, end)
    tense = None if which else tense_of()
    if tense is None and not which:
        # No tense to go by (a list of quotes, a schedule in the present tense): the
        # occurrence nearest to publication, the earlier one on a tie.
        back = (published.weekday() - target) % 7
        ahead = (target - published.weekday()) % 7 or 7
        future = ahead < back
    else:
        future = which in ("next", "coming") or (which != "last" and tense == "future")
    if which == "this":  # "this Thursday": that day of the publication's week
        day = published + timedelta(days=target - published.weekday())
    elif future:
        # "is set to meet … on Sunday evening", published on a Sunday: news name today's
        # weekday for what is still to come today; "next Sunday", or a speaker's "on
        # Friday we will meet" on a Friday, is a week on
        delta = (target - published.weekday()) % 7 or (7 if which or transcript else 0)
        day = published + timedelta(days=delta)
    else:
        delta = (published.weekday() - target) % 7
        if delta == 0 and (which == "last" or (transcript and tense == "past")):
            delta = 7
        day = published - timedelta(days=delta)
    return (day.isoformat(), None, "day", True, start, end)


def _tense_markers(context: str) -> list[tuple[int, str]]:
    """Where a sentence shows its tense, ``(offset, "future" | "past")``, and where its
    clauses end, ``(offset, "boundary")``; in one pass per kind.

    A past-tense word is one of the lexicon's ``past_tense_words`` (any case) or a word
    of five or more lower-case letters ending in "-ed", neither inside a future marker
    ("is expected to"), nor after a determiner ("the scheduled summit"), nor after "to" or
    a modal verb ("how hard to hit back").
    """
    lex = lexicon()
    future = [m.span() for m in lex.future_marker.finditer(context)]
    markers = [(start, "future") for start, _ in future]
    markers += [(m.start(), "future") for m in _PROGRESSIVE_FUTURE.finditer(context)]
    inside = {offset for start, end in future for offset in range(start, end)}  # "is expected to", "is scheduled to"
    previous = ""
    for m in _WORD.finditer(context):
        word = m.group()
        if m.start() not in inside and previous not in lex.base_form_markers and (
            word.lower() in lex.past_tense
            or (
                len(word) >= 5 and word.endswith("ed") and word.isascii() and word.isalpha() and word.islower()
                and previous not in lex.passive_auxiliaries and previous not in lex.determiners  # "the scheduled summit"
            )
        ):
            markers.append((m.start(), "past"))
        previous = word.lower()
    markers += [(m.start(), "boundary") for m in _CLAUSE_BOUNDARY.finditer(context)]
    return markers


class _Tense:
    """The tense at any offset of a sentence with ``markers`` (see :func:`_tense_markers`),
    each question answered by binary searches, so that a sentence's dates cost time
    linear in the sentence however many there are.

    Only the clause of the date expression counts: a clause ends at "that", "which",
    "when", a comma before "and" or "but", a semicolon, or a quotation mark (quoted
    words have their own tense: "I want the flag outside on Wednesday," she said).
    Within it, the tense markers before the date expression decide ("will meet on
    Monday", "who took office on Wednesday"); without any, those after it ("On
    Wednesday, Russia handed ...").

    >>> _Tense([(0, "future"), (9, "boundary"), (14, "past")]).at(5)
    'future'
    >>> _Tense([(0, "future"), (9, "boundary"), (14, "past")]).at(11)
    'past'
    """

    def __init__(self, markers: list[tuple[int, str]]) -> None:
        self.bounds = sorted(m[0] for m in markers if m[1] == "boundary")
        self.marks = sorted(m for m in markers if m[1] != "boundary")
        self.at_offsets = [m[0] for m in self.marks]

    def at(self, offset: int) -> str | None:
        """"future", "past", or None (no marker in the clause) at ``offset``."""
        b = bisect_left(self.bounds, offset)
        lo = self.bounds[b - 1] if b > 0 else -1
        b = bisect_right(self.bounds, offset)
        hi = self.bounds[b] if b < len(self.bounds) else 1 << 30
        i = bisect_left(self.at_offsets, offset) - 1  # the latest marker before the date
        if i >= 0 and self.at_offsets[i] > lo:
            return self.marks[i][1]
        j = bisect_right(self.at_offsets, offset)  # else the first after it
        if j < len(self.marks) and self.at_offsets[j] < hi:
            return self.marks[j][1]
        return None
