"""Source criticism: who each article quotes, how it frames claims, what went wrong in it.

:func:`sources` returns one row per article (a pandas DataFrame):

``article``, ``outlet``, ``published`` (a datetime)
    which article
``words``
    the number of words of the body
``quotes``
    the number of full quotations (not fragments) in the running text
``fragments``
    the quoted fragments (scare quotes) of the running text, each in double quotes,
    comma-separated: ``'"second-class", "real", "fake"'``
``speakers``
    who is quoted in full, most quoted first: ``"Jens Stoltenberg (5), Volodymyr Zelensky (2)"``
``framing``
    the framing words the writer uses outside quotations, with counts, most frequent
    first: ``"claiming (2), claims (1)"``.  They are words that cast doubt, keep a
    distance or stress, from ``edu_kit/data/lexicon.yaml``, and loaded terms that take a
    side's view in the writer's own voice ("Russia's aggression"), from
    ``edu_kit/data/framing.yaml``; :func:`framing` lists each with its kind and sentence
``scare_quotes``
    the number of quoted fragments
``boilerplate``
    the number of paragraphs that are not running text (captions, credits, links...)
``conflicts``
    the number of cross-source conflicts (near-identical words given to different
    speakers, see :func:`edu_kit.facts.crosscheck`) the article is part of
``misspellings``
    the misspelt names found in it, in order of appearance: ``"Schulz, Schultz"``

:func:`framing` has one row per framing word in any article (columns
:data:`FRAMING_COLUMNS`: article, outlet, word, kind, meaning, sentence, start, end),
:func:`quoted_speakers` counts the full quotations per article and speaker, and
:func:`plot_sources` draws them as stacked horizontal bars.

>>> from edu_kit import load_corpus
>>> row = sources(load_corpus()).set_index("article").loc["003"]
>>> row["framing"], int(row["scare_quotes"])
('claiming (2), claims (1)', 3)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .._data import data_file
from .._frames import literal_dollars
from ..annotate import Annotations
from ..annotate._lexicon import lexicon
from ..corpus import Article, Corpus
from ..knowledge import load_knowledge
from . import _style

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["COLUMNS", "FRAMING_COLUMNS", "SPEAKER_COLUMNS", "framing", "plot_sources", "quoted_speakers", "sources"]

#: The columns of :func:`sources`, in order.
COLUMNS: tuple[str, ...] = (
    "article", "outlet", "published", "words", "quotes", "fragments", "speakers", "framing", "scare_quotes",
    "boilerplate", "conflicts", "misspellings",
)  # fmt: skip
#: The columns of :func:`framing`, in order.
FRAMING_COLUMNS: tuple[str, ...] = ("article", "outlet", "word", "kind", "meaning", "sentence", "start", "end")
#: The columns of :func:`quoted_speakers`, in order.
SPEAKER_COLUMNS: tuple[str, ...] = ("article", "outlet", "speaker", "side", "quotes")

# Speakers of one side share its colour; the second, third... get these patterns.
_HATCHES = ("", "///", "...", "xxx", "\\\\\\")
# Side colours light enough to need dark text.
_LIGHT = frozenset(
    {_style.OKABE_ITO["orange"], _style.OKABE_ITO["sky_blue"], _style.OKABE_ITO["yellow"], _style.OKABE_ITO["grey"]}
)


def _notes(article: Article) -> Annotations:
    from ..tables import annotations_of

    return annotations_of(article)


def _published(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def sources(corpus: Corpus) -> pd.DataFrame:
    """One row per article (columns: see the module).

    >>> from edu_kit import load_corpus
    >>> frame = sources(load_corpus()).set_index("article")
    >>> frame.loc["002", "misspellings"], frame.loc["003", "fragments"]
    ('Schulz, Schultz', '"second-class", "real", "fake"')
    """
    import pandas as pd
    literal_dollars(pd)

    from ..facts import crosscheck

    report = crosscheck(corpus)
    wrong = {s for v in report.variants for s, _, misspelt in v.spellings if misspelt}
    rows: list[dict[str, Any]] = []
    for article in corpus:
        notes = _notes(article)
        text_quotes = [q for q in notes.quotes if q.where == "text"]
        full = [q for q in text_quotes if not q.fragment]
        fragments = [q for q in text_quotes if q.fragment]
        spoken = Counter(q.speaker for q in full if q.speaker)
        conflicts = sum(1 for c in report.conflicts if article.id in (c.first.article, c.second.article))
        misspelt = dict.fromkeys(
            _wrong_words(m.text, m.name)
            for m in notes.mentions
            if m.kind in ("person", "place") and (m.misspelt or _bare(m.text) in wrong)
        )
        rows.append(
            {
                "article": article.id,
                "outlet": article.outlet,
                "published": _published(article),
                "words": len(article.body.split()),
                "quotes": len(full),
                "fragments": ", ".join(f'"{q.text}"' for q in fragments),
                "speakers": _counted(spoken),
                "framing": _counted(_framing(article, notes)),
                "scare_quotes": len(fragments),
                "boilerplate": sum(p.is_boilerplate for p in article.paragraphs),
                "conflicts": conflicts,
                "misspellings": ", ".join(misspelt),
            }
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def _bare(text: str) -> str:
    """A name without a possessive ending ("Schulz's" -> "Schulz")."""
    for ending in ("'s", "’s"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def _wrong_words(text: str, name: str) -> str:
    """The words of ``text`` that its canonical ``name`` does not have ("Olaf Schulz" -> "Schulz").

    >>> _wrong_words("Olaf Schulz's", "Olaf Scholz")
    'Schulz'
    """
    words = [w for w in _bare(text).split() if w not in name.split()]
    return " ".join(words) or _bare(text)


def _counted(counts: Counter[str]) -> str:
    """ "a (2), b (1)": most frequent first, ties in alphabetical order."""
    return ", ".join(f"{key} ({n})" for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _framing(article: Article, notes: Annotations) -> Counter[str]:
    """Framing words of the running text, outside quotation marks (lower-cased)."""
    return Counter(word for word, _, _, _ in _framing_words(article, notes))


@lru_cache(maxsize=1)
def _loaded_and_kinds() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """The pattern of the words listed in ``framing.yaml`` (loaded terms, endorsing verbs...),
    the kind of each listed word, and each kind's meaning."""
    spec = data_file("framing")["kinds"]
    kinds = {" ".join(str(w).lower().replace("\u2019", "'").split()): kind for kind, entry in spec.items() for w in entry.get("words") or ()}
    meanings = {kind: str(entry["label"]) for kind, entry in spec.items()}
    listed = sorted(kinds, key=len, reverse=True)
    parts = [r"\s+".join(re.escape(part).replace("'", "['\u2019]") for part in w.split()) for w in listed]
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts) or '(?!)'})(?![\w-])", re.IGNORECASE)
    return pattern, kinds, meanings


def _framing_words(article: Article, notes: Annotations) -> Iterator[tuple[str, str, int, int]]:
    """(word, kind, start, end) of each framing word of the running text outside quotations."""
    listed, kinds, _ = _loaded_and_kinds()
    quoted = [(q.start, q.end) for q in notes.quotes]
    for sentence in article.text_sentences:
        found = [*lexicon().framing_word.finditer(article.body, sentence.start, sentence.end)]
        found += [*listed.finditer(article.body, sentence.start, sentence.end)]
        seen: set[int] = set()
        for match in sorted(found, key=lambda m: (m.start(), -len(m.group()))):
            if match.start() in seen or any(s <= match.start() < e for s, e in quoted):
                continue
            seen.add(match.start())
            word = " ".join(match.group().lower().replace("\u2019", "'").split())
            yield word, kinds.get(word, "doubt"), match.start(), match.end()


def framing(corpus: Corpus) -> pd.DataFrame:
    """Every framing word the writers use outside quotations, one row each, in all articles.

    ``kind`` is ``doubt``, ``distance``, ``emphasis``, ``endorsement`` or ``loaded``
    (``edu_kit/data/framing.yaml``)
    and ``meaning`` says what that kind of word does.

    >>> from edu_kit import load_corpus
    >>> frame = framing(load_corpus())
    >>> frame[["article", "word", "kind"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['000', 'what they say', 'distance'], ['001', "russia's aggression", 'loaded'],
     ['002', 'allegedly', 'doubt'], ['002', 'insisting', 'emphasis'], ['003', 'pointed out', 'endorsement'],
     ['003', 'claiming', 'doubt'], ['003', 'routine war games', 'loaded'], ['003', 'claiming', 'doubt'],
     ['003', 'claims', 'doubt']]
    """
    import pandas as pd

    _, _, meanings = _loaded_and_kinds()
    rows = []
    for article in corpus:
        for word, kind, start, end in _framing_words(article, _notes(article)):
            sentence = article.sentence_at(start)
            rows.append(
                {
                    "article": article.id,
                    "outlet": article.outlet,
                    "word": word,
                    "kind": kind,
                    "meaning": meanings.get(kind, ""),
                    "sentence": None if sentence is None else " ".join(sentence.text.split()),
                    "start": start,
                    "end": end,
                }
            )
    return pd.DataFrame(rows, columns=list(FRAMING_COLUMNS))


def quoted_speakers(corpus: Corpus) -> pd.DataFrame:
    """Full quotations of the running text per article and speaker, one row per pair.

    Columns: article, outlet, speaker (None when the article names nobody), side (from
    the knowledge base, None when unknown), quotes (how many).  Sorted by article, then
    most quoted first.  For an article x speaker table:
    ``frame.pivot_table(index="article", columns="speaker", values="quotes", fill_value=0)``.

    >>> from edu_kit import load_corpus
    >>> frame = quoted_speakers(load_corpus())
    >>> frame[frame["article"] == "000"][["speaker", "side", "quotes"]].values.tolist()
    [['Jens Stoltenberg', 'NATO', 5], ['Volodymyr Zelensky', 'Ukraine', 2]]
    """
    import pandas as pd
    literal_dollars(pd)

    kb = load_knowledge()
    sides = {e.name: e.side for e in (*kb.people, *kb.organizations, *kb.places)}
    rows = []
    for article in corpus:
        counts = Counter(q.speaker for q in _notes(article).quotes if q.where == "text" and not q.fragment)
        for speaker, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "~")):
            rows.append(
                {
                    "article": article.id,
                    "outlet": article.outlet,
                    "speaker": speaker,
                    "side": sides.get(speaker or ""),
                    "quotes": n,
                }
            )
    return pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))


def plot_sources(frame: pd.DataFrame | None = None, *, corpus: Corpus | None = None, ax: Axes | None = None) -> Axes:
    """Who is quoted how often in each article: one stacked horizontal bar per article.

    ``frame`` is a :func:`quoted_speakers` frame (made from ``corpus``, or the bundled
    articles, when None).  Each speaker has the colour of their side, speakers of the
    same side are told apart by a pattern (legend: name and side), and the count is
    written in each segment and the total after each bar.

    >>> ax = plot_sources()
    >>> ax.get_title()
    'Who is quoted, and how often, in each article'
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    from matplotlib.ticker import MaxNLocator

    frame = _style.frame_for(frame, corpus, quoted_speakers)
    data = frame.assign(speaker=frame["speaker"].fillna("(nobody named)"))
    totals = data.groupby("speaker")["quotes"].sum()
    speakers = sorted(totals.index, key=lambda s: (-int(totals[s]), s))
    articles = list(dict.fromkeys(data["article"]))
    outlets = dict(zip(data["article"], data["outlet"], strict=False))
    sides = dict(zip(data["speaker"], data["side"], strict=False))
    own = ax is None
    ax = _style.axes_for(ax, (_style.FIGURE_WIDTH, 3.2 + 0.7 * max(len(articles), 2)))
    left = [0.0] * len(articles)
    seen: Counter[str] = Counter()  # speakers drawn so far per side: the second gets stripes...
    for speaker in speakers:
        side = sides.get(speaker)
        side_name = side if isinstance(side, str) else ""
        colour = _style.side_colour(side_name)
        hatch = _HATCHES[seen[side_name] % len(_HATCHES)]
        seen[side_name] += 1
        counts = [int(data[(data["article"] == a) & (data["speaker"] == speaker)]["quotes"].sum()) for a in articles]
        label = f"{speaker} ({side_name})" if side_name else speaker
        bars = ax.barh(range(len(articles)), counts, left=left, color=colour, edgecolor="white", linewidth=1.0,
                       hatch=hatch, height=0.62, label=label)  # fmt: skip
        dark_text = colour in _LIGHT
        ax.bar_label(bars, labels=[str(c) if c else "" for c in counts], label_type="center", fontsize=_style.MIN_FONT, fontweight="bold",
                     color="#111111" if dark_text else "white",
                     bbox={"boxstyle": "round,pad=0.3", "fc": colour, "ec": "none"})  # fmt: skip
        left = [x + c for x, c in zip(left, counts, strict=True)]
    for y, total in enumerate(left):
        ax.text(
            total + 0.08, y, f"{int(total)}", va="center", ha="left", fontsize=_style.MIN_FONT, color=_style.TEXT_GREY
        )
    ax.set_xlim(0, max([*left, 1.0]) * 1.08 + 0.3)
    ax.set_yticks(range(len(articles)))
    ax.set_yticklabels(
        [f"{a}  {_style.wrap(str(outlets.get(a) or 'unknown outlet'), 22)}" for a in articles], fontsize=_style.MIN_FONT
    )
    ax.invert_yaxis()
    ax.set_xlabel(
        "Full quotations in the running text\n(fragments and captions not counted)",
        color=_style.TEXT_GREY,
        fontsize=_style.MIN_FONT,
    )
    ax.tick_params(axis="x", labelsize=_style.MIN_FONT)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("Who is quoted, and how often, in each article", fontsize=12, fontweight="bold")
    ax.legend(title="Speaker (side)", loc="upper center", bbox_to_anchor=(0.4, -0.2), ncol=2, frameon=False,
              fontsize=_style.MIN_FONT, title_fontsize=_style.MIN_FONT)  # fmt: skip
    if own:
        _style.figure_of(ax).tight_layout()
    return _style.literal_text(ax)
