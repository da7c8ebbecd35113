"""Check facts across sources: conflicts, spelling variants, support.

* :func:`conflicts` -- the same (or near-identical) words attributed to different
  speakers, within one article or across articles.  Reported, never resolved.
* :func:`variants` -- one name spelt in different ways (known misspellings such as
  "Schulz" for Scholz, transliterations such as Zelensky/Zelenskyy, and unknown names
  one or two letters away from a known one).
* :func:`support` -- which facts several articles agree on and which rest on one.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from ..annotate import Mention
from ..knowledge import KnowledgeBase, load_knowledge
from .records import Conflict, Fact, Support, Variant

__all__ = ["LOCATIONS_KEPT", "conflicts", "quote_similarity", "support", "variants"]

#: Two quotations at least this alike (0..1, by words) carry "the same words".
SAME_WORDS = 0.75
_MIN_WORDS = 6
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def quote_similarity(a: str, b: str) -> float:
    """How alike two quotations are, by their words (0 = nothing shared, 1 = the same).

    >>> quote_similarity("We call on Russia to return to diplomacy, de-escalation",
    ...                  "We call on Russia to return to diplomacy, to de-escalate")
    0.86
    """
    return _similarity(_words(a), _words(b))


def _similarity(wa: Sequence[str], wb: Sequence[str]) -> float:
    if not wa or not wb:
        return 0.0
    return round(SequenceMatcher(None, wa, wb, autojunk=False).ratio(), 2)


def conflicts(quote_facts: Iterable[Fact], threshold: float = SAME_WORDS) -> tuple[Conflict, ...]:
    """Near-identical quotations given to different speakers, each distinct conflict once.

    ``quote_facts`` may include captions' quotations (see :func:`edu_kit.facts.corpus_facts`
    with ``include_captions=True``): a caption that names a different speaker than
    the body is exactly the kind of conflict a careful reader should notice.

    The pairs are those of comparing every quotation with every later one; pairs with the
    same two texts (word for word) and the same two speakers make one :class:`Conflict`
    with their ``count`` and first :data:`LOCATIONS_KEPT` ``locations``, in the order of
    their first pairs.  Found in time linear in the quotations plus the conflicts
    reported, however often a text repeats them: quotations with the same words are
    compared once, only texts that share one of their rarest words are compared at all
    (see :func:`_alike_texts`), and the pairs are counted, not listed.
    """
    candidates = [
        f for f in quote_facts if f.kind == "quote" and f.subject and not f.fragment and len(_words(f.text)) >= _MIN_WORDS
    ]
    texts: dict[tuple[str, ...], list[int]] = {}  # the same words -> the candidates saying them
    for index, fact in enumerate(candidates):
        texts.setdefault(tuple(_words(fact.text)), []).append(index)
    keys = list(texts)
    found: list[tuple[int, int, Conflict]] = []
    for a, b, forward, backward in _alike_texts(keys, threshold):
        by_subject_a = _by_subject(candidates, texts[keys[a]])
        by_subject_b = by_subject_a if a == b else _by_subject(candidates, texts[keys[b]])
        for subject_a, first in by_subject_a.items():
            for subject_b, second in by_subject_b.items():
                if subject_a == subject_b or (a == b and str(subject_a) > str(subject_b)):
                    continue  # one speaker; or the same words and speakers seen from the other side
                # the score of the earlier quotation against the later (it is not symmetric)
                scores = (forward, backward) if a != b else (1.0, 1.0)
                count, pairs = _pairs(first, second, scores[0] >= threshold, scores[1] >= threshold)
                if not count:
                    continue
                lo, hi, side = pairs[0]
                earlier, later = candidates[lo], candidates[hi]
                same_day = None if not (earlier.published and later.published) else earlier.published == later.published
                found.append((lo, hi, Conflict(
                    earlier, later, scores[side], earlier.article == later.article, same_day, count,
                    tuple((candidates[i], candidates[j]) for i, j, _ in pairs),
                )))
    return tuple(conflict for _, _, conflict in sorted(found, key=lambda item: item[:2]))


#: How many pairs of quotations a :class:`Conflict` keeps as ``locations``.
LOCATIONS_KEPT = 5


def _pairs(first: list[int], second: list[int], forward: bool, backward: bool) -> tuple[int, list[tuple[int, int, int]]]:
    """How many pairs ``(i, j)``, ``i < j``, take one index from each sorted list (from
    ``first`` then ``second`` when ``forward``, the other way round when ``backward``),
    and the first :data:`LOCATIONS_KEPT` of them in order as ``(i, j, 0 or 1)`` (1 when
    ``i`` is from ``second``): counted by binary search, never listed all."""
    before = sum(bisect_left(first, j) for j in second)  # pairs with the index from `first` earlier
    count = (before if forward else 0) + (len(first) * len(second) - before if backward else 0)
    runs = [((i, 0) for i in first)] if forward else []
    if backward:
        runs.append((i, 1) for i in second)
    kept: list[tuple[int, int, int]] = []
    for i, side in heapq.merge(*runs) if count else ():
        others = second if side == 0 else first
        at = bisect_right(others, i)
        kept.extend((i, j, side) for j in others[at : at + LOCATIONS_KEPT - len(kept)])
        if len(kept) >= LOCATIONS_KEPT:
            break
    return count, kept


def _by_subject(candidates: Sequence[Fact], indexes: list[int]) -> dict[str | None, list[int]]:
    grouped: dict[str | None, list[int]] = {}
    for index in indexes:
        grouped.setdefault(candidates[index].subject, []).append(index)
    return grouped


def _alike_texts(texts: Sequence[tuple[str, ...]], threshold: float) -> Iterable[tuple[int, int, float, float]]:
    """``(a, b, score of a against b, score of b against a)`` for every pair of word
    lists (``a <= b``, a text with itself included) where either score (see
    :func:`quote_similarity`) is at least ``threshold``.

    A set-similarity join with a prefix filter: ``SequenceMatcher.ratio()`` is
    ``2 * M / (la + lb)``, with ``M`` at most the words the two share, so a pair that
    reaches ``threshold`` shares at least ``threshold / 2 * (la + lb)`` words and its
    lengths differ by at most the ratio ``threshold / (2 - threshold)``; two texts that
    share that many words share one among each text's rarest ``l - t + 1`` words.  Only
    such pairs are compared, which finds exactly the pairs a comparison of all would.
    """
    floor = max(0.0, threshold - 0.01)  # scores are rounded to two places
    shortest = floor / (2 - floor)  # the shorter text's least share of the longer
    tokens = [_tagged(words) for words in texts]
    frequency = _frequency(tokens)
    index: dict[tuple[str, int], list[int]] = {}
    for b, tagged in enumerate(tokens):
        length = len(tagged)
        prefix = _prefix(tagged, frequency, floor)
        partners: set[int] = set()
        for token in prefix:
            partners.update(index.setdefault(token, []))
        yield b, b, 1.0, 1.0  # a text with itself (the same words said twice)
        for a in sorted(partners):
            la = len(tokens[a])
            if min(la, length) < shortest * max(la, length) - 1e-9:
                continue
            forward, backward = _similarity(texts[a], texts[b]), _similarity(texts[b], texts[a])
            if max(forward, backward) >= threshold:
                yield a, b, forward, backward
        for token in prefix:
            index[token].append(b)


_Token = tuple[str, int]


def _tagged(words: Sequence[str]) -> list[_Token]:
    """The words as tokens, a word's second use a token of its own (a multiset as a set)."""
    seen: dict[str, int] = {}
    tagged = []
    for word in words:
        seen[word] = seen.get(word, 0) + 1
        tagged.append((word, seen[word]))
    return tagged


def _frequency(texts: Iterable[list[_Token]]) -> dict[_Token, int]:
    frequency: dict[_Token, int] = {}
    for tagged in texts:
        for token in tagged:
            frequency[token] = frequency.get(token, 0) + 1
    return frequency


def _prefix(tagged: list[_Token], frequency: dict[_Token, int], floor: float) -> list[_Token]:
    """The rarest tokens of a text: any text scoring at least ``floor`` against it (either
    way) shares one of them.  ``ratio = 2M / (la + lb) >= floor`` needs ``M >= floor / 2 *
    (la + lb)`` shared words and ``lb >= floor / (2 - floor) * la``, so the text shares at
    least ``t`` of its ``l`` words with any such partner, hence one of its ``l - t + 1``
    rarest (the prefix filter of set-similarity joins)."""
    length = len(tagged)
    shortest = floor / (2 - floor)
    shared = max(1, math.floor(floor / 2 * (length + shortest * length)) - 1)
    return sorted(tagged, key=lambda t: (frequency.get(t, 0), t))[: max(1, length - shared + 1)]


def variants(mentions_by_article: Sequence[tuple[str, Sequence[Mention]]], kb: KnowledgeBase | None = None) -> tuple[Variant, ...]:
    """Names written in more than one way, with counts and the articles involved.

    ``mentions_by_article`` pairs an article id with its mentions.  A person the
    knowledge base does not know whose surname is one or two letters from a known
    person's is reported as a likely misspelling of that person.
    """
    kb = kb or load_knowledge()
    spellings: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    wrong: set[str] = set()
    known_surnames = {p.name.split()[-1]: p.name for p in kb.people}
    for article, found in mentions_by_article:
        for mention in found:
            name = mention.name
            if mention.entity is None and mention.kind == "person":
                close = _close_known(mention.text.split()[-1], known_surnames)
                if close is not None:
                    name = close
                    wrong.add(mention.text)
            if mention.misspelt:
                wrong.add(mention.text)
            spellings[(name, mention.kind)][_spelling(mention.text)].append(article)
    result = []
    for (name, kind), forms in sorted(spellings.items()):
        if kind not in ("person", "place"):
            continue
        involved = _alike_forms(list(forms), wrong)
        if not involved:
            continue
        result.append(
            Variant(
                name=name,
                kind=kind,
                spellings=tuple(
                    sorted(((f, len(forms[f]), f in wrong) for f in involved), key=lambda s: (-s[1], s[0]))
                ),
                articles=tuple(sorted({a for f in involved for a in forms[f]})),
                by_spelling=tuple((f, tuple(sorted(set(forms[f])))) for f in involved),
            )
        )
    return tuple(result)


def _alike_forms(forms: list[str], wrong: set[str]) -> list[str]:
    """Forms that are spellings of one another: misspellings, or last words that differ
    by a letter or two (Zelensky/Zelenskyy, Kiev/Kyiv) -- not abbreviations or long forms."""
    involved: set[str] = {f for f in forms if f in wrong}
    for i, a in enumerate(forms):
        for b in forms[i + 1 :]:
            last_a, last_b = _surname(a), _surname(b)
            if last_a != last_b and SequenceMatcher(None, last_a.lower(), last_b.lower()).ratio() >= 0.7:
                involved.update((a, b))
    return sorted(involved) if len(involved) >= 1 and (len(involved) >= 2 or involved & wrong) else []


def _spelling(text: str) -> str:
    return re.sub(r"['’]s$", "", text)


def _surname(text: str) -> str:
    return text.split()[-1] if text.split() else text


def _close_known(surname: str, known: dict[str, str]) -> str | None:
    if len(surname) < 4:
        return None
    for candidate, full in known.items():
        if (
            candidate != surname
            and abs(len(candidate) - len(surname)) <= 2
            and candidate[0] == surname[0]
            and SequenceMatcher(None, candidate.lower(), surname.lower()).ratio() >= 0.8
        ):
            return full
    return None


def support(facts: Iterable[Fact]) -> tuple[Support, ...]:
    """Group facts that say the same thing, most widely supported first.

    * quotations: the same speaker with near-identical words;
    * events: the same calendar day, range or year;
    * concepts: the same concept.
    """
    ordered = [f for f in sorted(facts, key=lambda f: (f.article, f.start))
               if not (f.kind == "quote" and (f.fragment or not f.subject))]
    groups: list[tuple[str, str, list[Fact]]] = []
    # Each fact joins the first group it says the same as (:func:`_same`), else opens one.
    # Found by lookup, not by a scan of every group: events and concepts by their key;
    # quotations among the groups of the same speaker sharing a rare word (see _prefix).
    exact: dict[tuple[object, ...], int] = {}
    floor = SAME_WORDS - 0.01
    quote_tokens = {id(f): _tagged(_words(f.text)) for f in ordered if f.kind == "quote"}
    frequency = _frequency(quote_tokens.values())
    by_word: dict[tuple[str | None, _Token], list[int]] = {}
    for fact in ordered:
        if fact.kind == "quote":
            tagged = quote_tokens[id(fact)]
            prefix = _prefix(tagged, frequency, floor) if tagged else []
            candidates = sorted({g for token in prefix for g in by_word.get((fact.subject, token), ())})
            found = next((g for g in candidates if _same(fact, groups[g][2][0])), None)
            if found is None:
                for token in prefix:
                    by_word.setdefault((fact.subject, token), []).append(len(groups))
        else:
            key = (fact.kind, fact.date, fact.until, fact.precision) if fact.kind == "event" else (fact.kind, fact.subject)
            found = exact.get(key)
            if found is None:
                exact[key] = len(groups)
        if found is None:
            groups.append((fact.kind, _key(fact), [fact]))
        else:
            groups[found][2].append(fact)
    result = [Support(kind, key, tuple(members)) for kind, key, members in groups]
    return tuple(sorted(result, key=lambda s: (-s.n_articles, s.kind, s.key)))


def _key(fact: Fact) -> str:
    if fact.kind == "quote":
        return f"{fact.subject}: {fact.text[:60]}"
    if fact.kind == "event":
        return f"{fact.date}{'..' + fact.until if fact.until else ''}"
    return str(fact.subject)


def _same(a: Fact, b: Fact) -> bool:
    if a.kind == "quote":
        return a.subject == b.subject and quote_similarity(a.text, b.text) >= SAME_WORDS
    if a.kind == "event":
        return a.date == b.date and a.until == b.until and a.precision == b.precision
    return a.subject == b.subject
