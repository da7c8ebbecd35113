"""What each side says, issue by issue: statements attributed, never asserted.

:func:`positions` returns one row per statement (a pandas DataFrame), so that each
statement is counted once:

``side``
    the speaker's side in the knowledge base (NATO, Russia, Ukraine, US, EU, Germany...)
``issue``
    the id of the issue the statement is filed under (``edu_kit/data/issues.yaml``, see
    :func:`issues`): the one with the most keyword and concept hits, ties going to the
    issue listed first; ``"other"`` when none matches
``issues``
    every issue the statement touches, comma-separated, its ``issue`` first
``speaker``
    the speaker's name in the knowledge base
``statement``
    the words of a direct quotation, or the whole sentence of reported speech
``attributed``
    a phrase that attributes the statement to its speaker, e.g. ``"Jens Stoltenberg,
    Secretary General of NATO, said"``, ``"the Russian Foreign Ministry said"``,
    ``"according to Olha Stefanishyna, ..."``: the statement is what someone said,
    not a fact
``record``
    for a direct quotation, what the primary documents say of it
    (:func:`edu_kit.facts.check_quotes`): ``"confirmed"`` or ``"unverified"`` (or
    ``"misattributed"`` when asked for); None for reported speech.  A quotation the
    record gives to someone else is not that speaker's position and is left out, unless
    ``include_misattributed=True``
``article``, ``outlet``, ``published``
    where it was reported (``published`` is a datetime)
``sentence``
    the sentence the statement is in
``start``, ``end``
    character offsets of the statement in the article body

Statements come from the direct quotations of the running text (not fragments) whose
speaker has a side, and from reported speech: a sentence in which a known speaker is
followed by a speech verb and "that" ("the Russian Foreign Ministry said that NATO
should ..."), by a stance cue of ``edu_kit/data/positions.yaml`` ("the Kremlin, which
calls ...", "the Kremlin chief calling on the West to ..."), or which opens with
"According to <speaker>,".  Rows are sorted by side (in the knowledge base's order),
issue (in the YAML's order), article and offset.

>>> from edu_kit import load_corpus
>>> frame = positions(load_corpus())
>>> sorted(set(frame["side"]))
['NATO', 'Russia', 'Ukraine']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .._data import data_file
from .._frames import literal_dollars
from ..annotate import Annotations, annotate
from ..annotate._lexicon import lexicon
from ..annotate.references import build_references
from ..corpus import Article, Corpus
from ..errors import EduKitError
from ..knowledge import SIDES, Entity, KnowledgeBase, Person, load_knowledge
from . import _style

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["COLUMNS", "OTHER", "Issue", "issue_of", "issues", "plot_positions", "position_summary", "positions"]

#: The columns of :func:`positions`, in order.
COLUMNS: tuple[str, ...] = (
    "side", "issue", "issues", "speaker", "statement", "attributed", "record", "article", "outlet", "published",
    "sentence", "start", "end",
)  # fmt: skip
#: The id of the issue of statements that match no issue.
OTHER = "other"

# Words that may stand between a speaker and the speech verb ("has", "further", "earlier").
_BETWEEN = r"(?:(?:has|have|had|also|further|earlier|again|repeatedly|then|once|\w+ly)\s+){0,3}"


@dataclass(frozen=True)
class Issue:
    """An issue statements are grouped by (see ``edu_kit/data/issues.yaml``).

    >>> issue_of("sanctions_consequences").matches("a heavy price for Russia")
    True
    """

    id: str
    label: str
    description: str
    keywords: tuple[str, ...]
    concepts: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        return _keyword_pattern(self.keywords)

    def matches(self, text: str, concepts: Iterable[str] = ()) -> bool:
        """True when ``text`` has one of the keywords, or ``concepts`` (ids) one of the concepts."""
        return self.hits(text, concepts) > 0

    def hits(self, text: str, concepts: Iterable[str] = ()) -> int:
        """How many keywords of this issue ``text`` holds, plus how many of ``concepts`` are its.

        >>> issue_of("minsk_peace_process").hits("implementation of the Minsk and Normandy agreements")
        2
        """
        return len(self.pattern.findall(_normal(text))) + sum(1 for c in set(concepts) if c in self.concepts)


@lru_cache(maxsize=64)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for keyword in sorted(keywords, key=len, reverse=True):
        stem = keyword.rstrip("*")
        body = r"\s+".join(re.escape(word) for word in _normal(stem).split())
        parts.append(rf"{body}\w*" if keyword.endswith("*") else rf"{body}(?![\w-])")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts) or '(?!)'})", re.IGNORECASE)


def _normal(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


@lru_cache(maxsize=1)
def issues() -> tuple[Issue, ...]:
    """The issues of ``edu_kit/data/issues.yaml``, in order, then the catch-all ``"other"``.

    >>> [i.id for i in issues()][:2]
    ['membership_open_door', 'spheres_security_guarantees']
    >>> issues()[-1].label
    'Other'
    """
    spec = data_file("issues")
    try:
        found = [
            Issue(
                id=str(entry["id"]),
                label=str(entry["label"]),
                description=" ".join(str(entry.get("description", "")).split()),
                keywords=tuple(str(k) for k in entry.get("keywords") or ()),
                concepts=tuple(str(c) for c in entry.get("concepts") or ()),
            )
            for entry in spec["issues"]
        ]
        other = spec["other"]
        found.append(Issue(OTHER, str(other["label"]), " ".join(str(other["description"]).split()), (), ()))
    except (KeyError, TypeError) as exc:
        raise EduKitError(
            f"the issues file is malformed ({exc!r})",
            path="edu_kit/data/issues.yaml",
            hint="give every issue an id, a label, keywords and concepts, as the comments at the top of the file say",
        ) from exc
    return tuple(found)


def issue_of(issue_id: str) -> Issue:
    """The issue with this id; raises :class:`edu_kit.errors.ChoiceError` if none.

    >>> issue_of("troop_buildup").label
    "Russia's troop build-up and the risk of war"
    """
    for issue in issues():
        if issue.id == issue_id:
            return issue
    from ..errors import ChoiceError

    raise ChoiceError.of("issue", issue_id, [i.id for i in issues()])


# --------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class _Statement:
    speaker: Entity
    text: str  # what is shown
    region: tuple[int, int]  # what is searched for issues (offsets in the body)
    span: tuple[int, int]  # offsets of the statement
    sentence: str
    attributed: str
    quoted: bool = False  # a direct quotation (checked against the record), not reported speech


def positions(
    corpus: Corpus, kb: KnowledgeBase | None = None, *, include_misattributed: bool = False
) -> pd.DataFrame:
    """Each side's stated positions, one row per statement (columns: see the module).

    >>> from edu_kit import load_corpus
    >>> frame = positions(load_corpus())
    >>> row = frame[(frame["article"] == "002") & (frame["speaker"] == "Russian Foreign Ministry")].iloc[0]
    >>> row["side"], row["issue"], row["attributed"]
    ('Russia', 'membership_open_door', 'the Russian Foreign Ministry said')
    """
    import pandas as pd
    literal_dollars(pd)

    from ..facts import check_quotes

    bundled = kb is None
    kb = kb or load_knowledge()
    speakers = _speakers(kb)
    side_order = {side: i for i, side in enumerate(SIDES)}
    issue_order = {issue.id: i for i, issue in enumerate(issues())}
    record = {(c.article, c.start, c.end): c.status for c in check_quotes(corpus, kb=None if bundled else kb)}
    rows: list[dict[str, Any]] = []
    for article in corpus:
        notes = _annotations(article) if bundled else annotate(article, kb)
        for statement in _statements(article, notes, kb, speakers):
            status = record.get((article.id, *statement.span)) if statement.quoted else None
            if status == "misattributed" and not include_misattributed:
                continue
            concepts = [
                m.entity
                for m in notes.mentions
                if m.kind == "concept" and m.entity and statement.region[0] <= m.start < statement.region[1]
            ]
            region_text = article.body[statement.region[0] : statement.region[1]]
            found = _filed(region_text, concepts)
            rows.append(
                {
                    "side": statement.speaker.side,
                    "issue": found[0],
                    "issues": ", ".join(found),
                    "speaker": statement.speaker.name,
                    "statement": statement.text,
                    "attributed": statement.attributed,
                    "record": status,
                    "article": article.id,
                    "outlet": article.outlet,
                    "published": article.published.isoformat() if article.published else None,
                    "sentence": statement.sentence,
                    "start": statement.span[0],
                    "end": statement.span[1],
                }
            )
    rows.sort(
        key=lambda r: (side_order.get(r["side"], len(side_order)), issue_order[r["issue"]], r["article"], r["start"])
    )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def _filed(text: str, concepts: Sequence[str]) -> list[str]:
    """The issues ``text`` touches, the one it is filed under first (most hits, then YAML order)."""
    scored = [(issue.hits(text, concepts), -n, issue.id) for n, issue in enumerate(issues()) if issue.id != OTHER]
    found = sorted((s for s in scored if s[0] > 0), reverse=True)
    return [issue_id for _, _, issue_id in found] or [OTHER]


def _annotations(article: Article) -> Annotations:
    from ..tables import annotations_of

    return annotations_of(article)


def _speakers(kb: KnowledgeBase) -> dict[str, Entity]:
    """Who can hold a position: people, organisations and places (countries) with a side."""
    return {e.name: e for e in (*kb.people, *kb.organizations, *kb.places) if e.side}


def _statements(
    article: Article, notes: Annotations, kb: KnowledgeBase, speakers: dict[str, Entity]
) -> list[_Statement]:
    body = article.body
    found: list[_Statement] = []
    quoted: dict[int, set[str]] = {}  # sentence start -> speakers quoted in it
    for quote in notes.quotes:
        speaker = speakers.get(quote.speaker or "")
        sentence = article.sentence_at(quote.start)
        if quote.where != "text" or quote.fragment or speaker is None or sentence is None:
            continue
        quoted.setdefault(sentence.start, set()).add(speaker.name)
        label = attribution(speaker, "said", article.published, kb)
        span = (quote.start, quote.end)
        found.append(_Statement(speaker, quote.text, span, span, _one_line(sentence.text), label, quoted=True))
    spans = [(q.start, q.end) for q in notes.quotes]
    refs = build_references(article, notes.mentions, kb, spans)
    reported, according, stance = _reported_patterns()
    for sentence in article.text_sentences:
        for ref in refs.within(sentence.start, sentence.end):
            speaker = speakers.get(ref.name)
            if speaker is None or speaker.name in quoted.get(sentence.start, set()):
                continue
            after = body[ref.end : sentence.end]
            match = reported.match(after)
            if match:
                verb = " ".join(f"{match['verb']}{match['object']}".split())
                region = (ref.end + match.end(), sentence.end)
                label = attribution(speaker, verb, article.published, kb)
            elif (cue := stance.match(after)) and len(body[ref.end + cue.end() : sentence.end].split()) >= 3:
                region = (ref.end + cue.end(), sentence.end)
                label = attribution(speaker, _stance_cues()[" ".join(cue["cue"].lower().split())], article.published, kb)
            elif according.search(body[sentence.start : ref.start]) and re.match(r"(?:['’]s)?\s*,", after):
                region = (ref.end + after.index(",") + 1, sentence.end)
                label = "according to " + attribution(speaker, "", article.published, kb).rstrip(", ")
            else:
                continue
            text = _one_line(sentence.text)
            found.append(_Statement(speaker, text, region, (sentence.start, sentence.end), text, label))
    return found


@lru_cache(maxsize=1)
def _stance_cues() -> dict[str, str]:
    """Cue -> verb of the attribution, from ``edu_kit/data/positions.yaml``."""
    spec = data_file("positions")
    try:
        return {" ".join(str(k).lower().split()): str(v) for k, v in spec["stance_cues"].items()}
    except (KeyError, TypeError, AttributeError) as exc:
        raise EduKitError(
            f"the positions file is malformed ({exc!r})",
            path="edu_kit/data/positions.yaml",
            hint="give 'stance_cues' as a mapping of cue to verb, as the comments at the top of the file say",
        ) from exc


@lru_cache(maxsize=1)
def _reported_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    reported = re.compile(
        rf"\s+{_BETWEEN}(?P<verb>{lex.speech_verb.pattern})(?P<object>(?:\s+[\w’'.-]+){{0,3}}?)\s+that(?![\w-])",
        re.IGNORECASE,
    )
    according = re.compile(rf"^\s*{lex.according_to.pattern}\s+(?:the\s+)?$", re.IGNORECASE)
    cues = "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in sorted(_stance_cues(), key=len, reverse=True))
    stance = re.compile(rf"(?:\s*,\s*(?:which|who)\s+|\s+){_BETWEEN}(?P<cue>{cues})(?![\w-])", re.IGNORECASE)
    return reported, according, stance


def attribution(speaker: Entity, verb: str, on: date | None, kb: KnowledgeBase | None = None) -> str:
    """A phrase that attributes words to ``speaker``: name, office held on ``on``, verb.

    >>> kb = load_knowledge()
    >>> attribution(kb.entity("jens-stoltenberg"), "said", date(2021, 12, 16), kb)
    'Jens Stoltenberg, Secretary General of NATO, said'
    >>> attribution(kb.entity("russian-foreign-ministry"), "said", None, kb)
    'the Russian Foreign Ministry said'
    >>> attribution(kb.entity("nato"), "stressed", None, kb)
    'NATO stressed'
    """
    kb = kb or load_knowledge()
    if isinstance(speaker, Person):
        titles = [kb.role(t.role).title for t in speaker.roles if (t.covers(on) if on else t.end is None)]
        name = f"{speaker.name}, {titles[0]}," if titles else speaker.name
    else:
        words = speaker.name.split()
        acronym = words[0].isupper() and len(words[0]) > 1
        single_place = speaker.kind == "place" and len(words) == 1
        name = speaker.name if acronym or single_place else f"the {speaker.name}"
    return f"{name} {verb}".strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def position_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Side x issue counts of a :func:`positions` frame: one row per side (in the
    knowledge base's order), one column per issue (in the YAML's order, "other" last).

    >>> from edu_kit import load_corpus
    >>> summary = position_summary(positions(load_corpus()))
    >>> int(summary.loc["NATO", "membership_open_door"]) >= 3
    True
    """
    import pandas as pd
    literal_dollars(pd)

    columns = [i.id for i in issues()]
    sides = [s for s in SIDES if s in set(frame["side"])] + sorted(set(frame["side"]) - set(SIDES))
    if frame.empty:
        return pd.DataFrame(0, index=pd.Index([], name="side"), columns=pd.Index(columns, name="issue"))
    counts = frame.groupby(["side", "issue"]).size().unstack(fill_value=0)
    summary = counts.reindex(index=sides, columns=columns, fill_value=0).astype(int)
    summary.index.name, summary.columns.name = "side", "issue"
    return summary


# --------------------------------------------------------------------------- the plot


def plot_positions(frame: pd.DataFrame | None = None, *, corpus: Corpus | None = None, ax: Axes | None = None) -> Axes:
    """An issue x side grid: how many statements each side made on each issue.

    Counts are written in the cells; darker cells hold more statements (one blue, from
    white to dark: readable with any colour vision, and in black and white).

    >>> ax = plot_positions()
    >>> ax.get_title()
    'Who says what: statements by side and issue'
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.patches import Rectangle

    frame = _style.frame_for(frame, corpus, positions)
    summary = position_summary(frame)
    own = ax is None
    # Issues are rows and sides columns: the grid stays narrow enough for a notebook of
    # default width and for A4 in portrait, with every label at full size.
    grid = summary.T
    ax = _style.axes_for(ax, (_style.FIGURE_WIDTH, 2.0 + 0.52 * max(len(grid.index), 3)))
    values = grid.to_numpy()
    top = max(int(values.max()) if values.size else 0, 1)
    cmap = LinearSegmentedColormap.from_list(
        "edu_kit_blues", ["#ffffff", "#9ecae1", _style.OKABE_ITO["blue"], "#08306b"]
    )
    labels = {i.id: i.label for i in issues()}
    n_rows, n_cols = values.shape if values.size else (len(grid.index), 0)
    ax.imshow(values if values.size else [[0] * max(n_cols, 1)], cmap=cmap, vmin=0, vmax=top, aspect="auto")
    for r in range(n_rows):
        for c in range(n_cols):
            count = int(values[r, c])
            dark = count / top > 0.55
            ax.text(c, r, str(count), ha="center", va="center", fontsize=12 if count else _style.MIN_FONT,
                    fontweight="bold" if count else "normal", color="white" if dark else ("#222222" if count else "#8a8a8a"))  # fmt: skip
    statements = frame.drop_duplicates(["side", "speaker", "article", "start", "end"]).groupby("side").size()
    ax.set_xticks(range(n_cols))
    ax.set_xticklabels(
        [f"{side}\n{int(statements.get(side, 0))} statements" for side in grid.columns], fontsize=_style.MIN_FONT
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels([_style.wrap(labels.get(i, i), 24) for i in grid.index], fontsize=_style.MIN_FONT)
    ax.tick_params(length=0)
    ax.tick_params(axis="x", pad=10)
    for c, side in enumerate(grid.columns):  # a bar of the side's colour above its name
        ax.add_patch(Rectangle((c - 0.42, -0.62), 0.84, 0.07, color=_style.side_colour(str(side)), clip_on=False))
    ax.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
    ax.grid(which="minor", color="#d0d0d0", lw=1)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_color("#d0d0d0")
    ax.set_title("Who says what: statements by side and issue", fontsize=12, fontweight="bold", pad=12)
    ax.set_xlabel(
        _style.wrap("Each count is a quotation or a reported statement, counted once, under the issue it is most about.", 70),
        fontsize=_style.MIN_FONT, color=_style.TEXT_GREY,
    )  # fmt: skip
    if own:
        _style.figure_of(ax).tight_layout()
    return _style.literal_text(ax)
