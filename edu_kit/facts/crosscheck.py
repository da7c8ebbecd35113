"""Check facts across sources: conflicts, spelling variants, support.

* :func:`conflicts` -- the same (or near-identical) words attributed to different
  speakers, within one article or across articles.  Reported, never resolved.
* :func:`variants` -- one name spelt in different ways (known misspellings such as
  "Schulz" for Scholz, transliterations such as Zelensky/Zelenskyy, and unknown names
  one or two letters away from a known one).
* :func:`support` -- which facts several articles agree on and which rest on one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from ..annotate import Mention
from ..knowledge import KnowledgeBase, load_knowledge
from .records import Conflict, Fact, Support, Variant

__all__ = ["conflicts", "quote_similarity", "support", "variants"]

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
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return round(SequenceMatcher(None, wa, wb, autojunk=False).ratio(), 2)


def conflicts(quote_facts: Iterable[Fact], threshold: float = SAME_WORDS) -> tuple[Conflict, ...]:
    """Pairs of near-identical quotations given to different speakers.

    ``quote_facts`` may include captions' quotations (see :func:`edu_kit.facts.corpus_facts`
    with ``include_captions=True``): a caption that names a different speaker than
    the body is exactly the kind of conflict a careful reader should notice.
    """
    candidates = [
        f for f in quote_facts if f.kind == "quote" and f.subject and not f.fragment and len(_words(f.text)) >= _MIN_WORDS
    ]
    found: list[Conflict] = []
    for i, first in enumerate(candidates):
        for second in candidates[i + 1 :]:
            if first.subject == second.subject:
                continue
            score = quote_similarity(first.text, second.text)
            if score >= threshold:
                same_day = None if not (first.published and second.published) else first.published == second.published
                found.append(Conflict(first, second, score, first.article == second.article, same_day))
    return tuple(found)


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
    groups: list[tuple[str, str, list[Fact]]] = []
    for fact in sorted(facts, key=lambda f: (f.article, f.start)):
        if fact.kind == "quote" and (fact.fragment or not fact.subject):
            continue
        for kind, _, members in groups:
            if kind == fact.kind and _same(fact, members[0]):
                members.append(fact)
                break
        else:
            groups.append((fact.kind, _key(fact), [fact]))
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
