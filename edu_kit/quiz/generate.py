"""Generate a question bank from the facts of a corpus (``edu-kit quiz build``).

Families of questions, each built from facts with their source sentence:

``who``      who said this quotation? (single choice; short text for the name) -- only when
             the cited passage itself attributes it and the record does not dispute it
``order``    put these events in order (ordering)
``match``    match quotations to speakers (matching)
``conflict`` source criticism: the same words given to different people (true/false)
``spelling`` a misspelt name: type the right spelling (short text)
``record``   does the record (the primary documents) give these words to the speaker the
             article names, or to someone else? (single choice; source criticism)

Every question goes through the quality gates (:mod:`edu_kit.quiz.gates`) and gets its
``difficulty`` and ``taught_in`` from ``edu_kit/data/quiz_rules.yaml`` (``families``).
The families that tested only memory of the page (outlet, concept, when, side, number)
were retired; the hand-written banks ask about those things with understanding.

**No ambiguous question**: a distractor that the facts also support is never offered
(:func:`supported_distractors` is the check, and tests run it over the whole bank),
and a quotation that the sources give to two people becomes a source-criticism
question instead of a who-said-it question.  Output is deterministic: the same corpus
gives the same bank, byte for byte, with stable ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from .._data import MONTH_NAMES, data_file
from ..corpus import Article, Corpus
from ..facts import Fact, corpus_facts, crosscheck, quote_similarity
from ..facts.crosscheck import SAME_WORDS
from ..facts.record import QuoteCheck, check_quotes
from ..knowledge import KnowledgeBase, load_knowledge
from .bank import dump_bank
from .model import Question, Source

__all__ = ["build_bank", "build_bank_text", "supported_distractors"]

BANK_NAME = "generated-seeds"
BANK_TITLE = "Questions generated from the facts of the articles"
_QUOTE_MAX = 220


def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = data_file("quiz_rules")
    return rules


def _rank(*parts: str) -> str:
    """A deterministic pseudo-random sort key (no global random state)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _day(value: str) -> str:
    """'2021-12-16' -> 'Thursday 16 December 2021'."""
    day = date.fromisoformat(value)
    return f"{day:%A} {day.day} {day:%B %Y}"


def _when_text(fact: Fact) -> str:
    if fact.until:
        first, last = date.fromisoformat(str(fact.date)), date.fromisoformat(fact.until)
        return (
            f"{first.day}–{last.day} {last:%B %Y}"
            if first.month == last.month
            else f"{_day(str(fact.date))} – {_day(fact.until)}"
        )
    return _day(str(fact.date))


def _clip(text: str, limit: int = _QUOTE_MAX) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _intro(article: Article) -> str:
    published = f", {_day(article.published.isoformat())}" if article.published else ""
    return f"article {article.id} ({article.outlet or 'unknown outlet'}{published})"


def _source(article: Article, start: int, end: int) -> Source:
    return Source(
        article=article.id,
        outlet=article.outlet,
        published=article.published.isoformat() if article.published else None,
        start=start,
        end=end,
        sentence=article.body[start:end],
    )


def _quote_source(article: Article, fact: Fact) -> Source:
    """The sentences from the quotation's start to the end of its cue (or the sentence before,
    when the speaker comes from a preceding quotation)."""
    first = article.sentence_at(fact.start)
    last = article.sentence_at(max(fact.start, fact.end - 1))
    start = first.start if first else fact.sentence_start
    end = last.end if last else fact.sentence_end
    if last is not None and last.index + 1 < len(article.sentences):
        following = article.sentences[last.index + 1]
        gap = article.body[fact.end : following.start]
        if following.paragraph == last.paragraph and not gap.strip(" .,\"'”’»") and following.text[:1].islower():
            end = following.end
    if first is not None and first.index > 0 and not article.body[first.start : fact.start].strip(" \"“«‘'"):
        previous = article.sentences[first.index - 1]
        if first.paragraph - previous.paragraph <= 1:
            start = previous.start
    return _source(article, start, end)


# -- who said it ---------------------------------------------------------------------------------------------------


def _similar_speakers(fact: Fact, quotes: Sequence[Fact]) -> set[str]:
    """Everyone the facts give these words (or near-identical ones) to."""
    return {q.subject for q in quotes if q.subject and quote_similarity(q.text, fact.text) >= SAME_WORDS}


def _speaker_pool(quotes: Sequence[Fact], kb: KnowledgeBase, kind: str) -> list[str]:
    corpus_speakers = sorted({q.subject for q in quotes if q.subject and _kind_of(q.subject, kb) == kind})
    if kind == "person":
        known = sorted(p.name for p in kb.people if p.roles)
    else:
        known = sorted(o.name for o in kb.organizations if o.side)
    return corpus_speakers + [n for n in known if n not in corpus_speakers]


def _kind_of(name: str, kb: KnowledgeBase) -> str:
    return "person" if kb.person(name) is not None or (" " in name and not _is_body(name, kb)) else "organization"


def _named_in(name: str, text: str, kb: KnowledgeBase) -> bool:
    """Whether ``text`` names the person ``name`` (full name, surname or a known alias):
    a who-said or record question offers only people present, never someone absent."""
    person = kb.person(name)
    names = {name, name.split()[-1], *(person.aliases if person else ())}
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names if n)


def _is_body(name: str, kb: KnowledgeBase) -> bool:
    return any(o.name == name for o in kb.organizations)


def _who_questions(corpus: Corpus, quotes: Sequence[Fact], conflicted: set[str], kb: KnowledgeBase) -> list[Question]:
    questions: list[Question] = []
    limit = int(_rules()["limits"]["who_said"])
    for fact in quotes:
        if fact.id in conflicted or fact.fragment or not fact.subject or len(fact.text.split()) < 6:
            continue
        article = corpus[fact.article]
        kind = _kind_of(fact.subject, kb)
        taken = _similar_speakers(fact, quotes)
        pool = [n for n in _speaker_pool(quotes, kb, kind) if n not in taken]
        if kind == "person":
            pool = [n for n in pool if _named_in(n, article.body, kb)]
        in_corpus = [n for n in pool if any(q.subject == n for q in quotes)]
        others = sorted(pool, key=lambda n: (n not in in_corpus, _rank(fact.id, n)))[:3]
        if len(others) < 3:
            continue
        choices = tuple(sorted([fact.subject, *others]))
        questions.append(
            Question(
                id=f"gen-who-{fact.id}",
                type="single",
                prompt=f"Who said this, according to {_intro(article)}?\n“{_clip(fact.text)}”",
                choices=choices,
                answer=fact.subject,
                explanation=f"The article gives these words to {fact.subject}. The clue in the text: “{fact.cue}”.",
                sources=(_quote_source(article, fact),),
                topics=("sources", "positions"),
                difficulty="medium",
                origin="generated",
                fact=fact.id,
            )
        )
        if len(questions) >= limit:
            break
    return questions


# -- when did it happen --------------------------------------------------------------------------------------------


def _crisis_days(events: Sequence[Fact], kb: KnowledgeBase) -> list[str]:
    """Every day of the crisis that the facts or the context events name."""
    days = {f.date for f in events if f.precision == "day" and f.date and not f.until}
    days |= {e.date for e in kb.events if len(e.date) == 10 and "2021-11-01" <= e.date <= "2022-02-28"}
    return sorted(d for d in days if d)


def _when_questions(corpus: Corpus, events: Sequence[Fact], kb: KnowledgeBase) -> list[Question]:
    questions: list[Question] = []
    days = _crisis_days(events, kb)
    limit = int(_rules()["limits"]["when"])
    for fact in events:
        if fact.precision != "day" or not fact.date or fact.date < "2021-11-01":
            continue
        article = corpus[fact.article]
        same_sentence = {
            f.date for f in events if f.sentence_start == fact.sentence_start and f.article == fact.article
        }
        key = _when_text(fact)
        pool = [d for d in days if d not in same_sentence and d != fact.date]
        near = sorted(
            pool,
            key=lambda d: (abs((date.fromisoformat(d) - date.fromisoformat(str(fact.date))).days), _rank(fact.id, d)),
        )[:3]
        if len(near) < 3:
            continue
        blanked = article.body[fact.sentence_start : fact.start] + "____" + article.body[fact.end : fact.sentence_end]
        how = (
            f"“{article.body[fact.start : fact.end]}” is read against the publication date ({_day(article.published.isoformat())})"
            if article.published and _is_relative(article.body[fact.start : fact.end])
            else f"the sentence gives the date: “{article.body[fact.start : fact.end]}”"
        )
        questions.append(
            Question(
                id=f"gen-when-{fact.id}",
                type="single",
                prompt=f"According to {_intro(article)}, when did this happen (or when was it to happen)?\n“{_clip(blanked, 300)}”",
                choices=tuple(sorted([key, *(_day(d) for d in near)], key=_date_order)),
                answer=key,
                explanation=f"{key}: {how}.",
                sources=(_source(article, fact.sentence_start, fact.sentence_end),),
                topics=("timeline",),
                difficulty="medium" if _is_relative(article.body[fact.start : fact.end]) else "easy",
                origin="generated",
                fact=fact.id,
            )
        )
        if len(questions) >= limit:
            break
    return questions


def _is_relative(text: str) -> bool:
    return not re.search(r"\d", text)


def _date_order(text: str) -> str:
    match = re.search(r"(\d{1,2})(?:–\d{1,2})? (\w+) (\d{4})", text)
    if not match:
        return text
    month = MONTH_NAMES.index(match.group(2)) + 1 if match.group(2) in MONTH_NAMES else 0
    return f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"


# -- which side ------------------------------------------------------------------------------------------------------


def _side_of(name: str, kb: KnowledgeBase) -> str | None:
    for entity in kb.entities():
        if entity.name == name and entity.kind in ("person", "organization"):
            return entity.side
    return None


def _side_questions(corpus: Corpus, quotes: Sequence[Fact], kb: KnowledgeBase) -> list[Question]:
    rules = _rules()
    camps: dict[str, str] = rules["camps"]
    representatives: dict[str, str] = rules["camp_representatives"]
    questions: list[Question] = []
    for fact in quotes:
        side = _side_of(fact.subject or "", kb)
        if fact.fragment or side not in camps or len(fact.text.split()) < 8:
            continue
        others = [rep for camp, rep in sorted(representatives.items()) if camp != camps[side]]
        article = corpus[fact.article]
        questions.append(
            Question(
                id=f"gen-side-{fact.id}",
                type="single",
                prompt=f"Which side's position does this statement put forward, according to {_intro(article)}?\n“{_clip(fact.text)}”",
                choices=tuple(sorted([side, *others])),
                answer=side,
                explanation=f"The article gives these words to {fact.subject}, who speaks for {side}.",
                sources=(_quote_source(article, fact),),
                topics=("positions",),
                difficulty="easy",
                origin="generated",
                fact=fact.id,
            )
        )
        if len(questions) >= int(rules["limits"]["side"]):
            break
    return questions


# -- which outlet ----------------------------------------------------------------------------------------------------


def _outlet_questions(corpus: Corpus, facts: Sequence[Fact]) -> list[Question]:
    outlets = sorted({a.outlet for a in corpus if a.outlet})
    if len(outlets) < 3:
        return []
    seen: set[tuple[str, int]] = set()
    candidates: list[tuple[str, Article, int, int]] = []
    for fact in facts:
        key = (fact.article, fact.sentence_start)
        if key in seen or len(fact.sentence.split()) < 12 or fact.kind == "quote":
            continue
        seen.add(key)
        article = corpus[fact.article]
        if any(
            other.id != article.id and any(quote_similarity(fact.sentence, s.text) >= 0.5 for s in other.text_sentences)
            for other in corpus
        ):
            continue
        candidates.append((_rank("outlet", fact.id), article, fact.sentence_start, fact.sentence_end))
    questions: list[Question] = []
    for _, article, start, end in sorted(candidates, key=lambda c: c[0])[: int(_rules()["limits"]["outlet"])]:
        others = sorted((o for o in outlets if o != article.outlet), key=lambda o: _rank(article.id, str(start), o))[:3]
        questions.append(
            Question(
                id=f"gen-outlet-{article.id}-{start}",
                type="single",
                prompt=f"Which outlet published this sentence?\n“{_clip(article.body[start:end], 300)}”",
                choices=tuple(sorted([str(article.outlet), *others])),
                answer=str(article.outlet),
                explanation=f"It comes from article {article.id}, published by {article.outlet}; no other article has this sentence.",
                sources=(_source(article, start, end),),
                topics=("sources",),
                difficulty="hard",
                origin="generated",
                fact=None,
            )
        )
    return questions


# -- ordering and matching -------------------------------------------------------------------------------------------


def _order_questions(kb: KnowledgeBase) -> list[Question]:
    """Ordering questions over the events that have a short label in the rules
    (``order_labels``): full items, never cut off and never printing their own dates."""
    labels: dict[str, str] = dict(_rules().get("order_labels") or {})
    events = sorted((e for e in kb.events if len(e.date) == 10 and e.id in labels), key=lambda e: e.date)
    questions: list[Question] = []
    step = 4
    for index in range(0, len(events) - step + 1, step):
        group = events[index : index + step]
        if len({e.date for e in group}) < step:
            continue
        items = tuple(labels[e.id] for e in group)
        questions.append(
            Question(
                id=f"gen-order-{group[0].id}",
                type="ordering",
                prompt="Put these events in the order in which they happened, earliest first.",
                choices=tuple(sorted(items)),
                answer=items,
                explanation="; ".join(f"{_day(e.date)}: {labels[e.id]}" for e in group) + ".",
                topics=("timeline",),
                difficulty="medium",
                origin="generated",
                reference="; ".join(dict.fromkeys(e.source for e in group)),
            )
        )
        if len(questions) >= int(_rules()["limits"]["ordering"]):
            break
    return questions


def _match_questions(corpus: Corpus, quotes: Sequence[Fact], conflicted: set[str], kb: KnowledgeBase) -> list[Question]:
    questions: list[Question] = []
    usable = [q for q in quotes if q.subject and not q.fragment and q.id not in conflicted and len(q.text.split()) >= 6]
    by_speaker: dict[str, Fact] = {}
    for fact in sorted(usable, key=lambda f: _rank("match", f.id)):
        by_speaker.setdefault(str(fact.subject), fact)
    speakers = sorted(by_speaker)
    for index in range(0, len(speakers) - 2, 3):
        group = [by_speaker[s] for s in speakers[index : index + 3]]
        # Nobody in the group may be given another member's words.
        if any(_similar_speakers(f, quotes) & ({g.subject for g in group} - {f.subject}) for f in group):
            continue
        pairs = tuple((_clip(f.text, 120), str(f.subject)) for f in group)
        questions.append(
            Question(
                id=f"gen-match-quotes-{index // 3}",
                type="matching",
                prompt="Match each quotation with the person or body the article gives it to.",
                choices=tuple(sorted(str(f.subject) for f in group)),
                answer=pairs,
                explanation=" ".join(f"“{_clip(f.text, 60)}” – {f.subject} (article {f.article})." for f in group),
                sources=tuple(_quote_source(corpus[f.article], f) for f in group),
                topics=("sources",),
                difficulty="medium",
                origin="generated",
                fact=group[0].id,
            )
        )
    concepts = sorted((c for c in kb.concepts if c.explanation), key=lambda c: c.id)
    for index in range(0, min(len(concepts), 4 * int(_rules()["limits"]["matching"])) - 3, 4):
        cards = concepts[index : index + 4]
        pairs = tuple((c.name, _definition(c)) for c in cards)
        questions.append(
            Question(
                id=f"gen-match-concepts-{cards[0].id}",
                type="matching",
                prompt="Match each concept with what it is.",
                choices=tuple(sorted(d for _, d in pairs)),
                answer=pairs,
                explanation=" ".join(f"{name}: {definition}" for name, definition in pairs),
                topics=("concepts",),
                difficulty="medium",
                origin="generated",
                reference="; ".join(dict.fromkeys(c.primary_source for c in cards)),
            )
        )
    return questions


def _masked(text: str, names: Iterable[str], keep: Iterable[str] = ()) -> str:
    """``text`` with ``names`` blanked out, and also the telling words of the first name
    (4+ letters) unless they are in ``keep`` (words that say nothing about the answer)."""
    names = list(names)
    for name in sorted(set(names), key=len, reverse=True):
        if len(name) > 2:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "____", text, flags=re.IGNORECASE)
    kept = {k.lower() for k in keep}
    for word in re.findall(r"[^\W\d_]{4,}", names[0] if names else ""):
        if word.lower() not in kept:
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", "____", text, flags=re.IGNORECASE)
    return re.sub(r"____(?:[\s-]+____)+", "____", text)


def _common_words(kb: KnowledgeBase, names: Iterable[str]) -> set[str]:
    """Words not to blank out: words of the other options' ``names``, and words shared by
    several concepts' names (NATO, Ukraine, Council), which say nothing about which one."""
    words = {w.lower() for n in names for w in re.findall(r"[^\W\d_]+", n)}
    counts: dict[str, int] = {}
    for concept in kb.concepts:
        for word in {w.lower() for w in re.findall(r"[^\W\d_]+", concept.name)}:
            counts[word] = counts.get(word, 0) + 1
    return words | {w for w, n in counts.items() if n > 1}


def _definition(concept: Any) -> str:
    first = re.split(r"(?<=[.!?])\s+", concept.explanation.strip())[0]
    return _clip(_masked(first, (concept.name, *concept.aliases)), 160)


# -- concepts --------------------------------------------------------------------------------------------------------


def _concept_questions(facts: Sequence[Fact], kb: KnowledgeBase, corpus: Corpus) -> list[Question]:
    invoked = {f.subject: f for f in facts if f.kind == "concept" and f.subject}
    concepts = sorted((c for c in kb.concepts if c.explanation), key=lambda c: (c.name not in invoked, c.id))
    questions: list[Question] = []
    for concept in concepts[: int(_rules()["limits"]["concept"])]:
        others = sorted(
            (c for c in kb.concepts if c.id != concept.id and c.id not in concept.related),
            key=lambda c: _rank(concept.id, c.id),
        )[:3]
        fact = invoked.get(concept.name)
        sources = (_source(corpus[fact.article], fact.sentence_start, fact.sentence_end),) if fact else ()
        questions.append(
            Question(
                id=f"gen-concept-{concept.id}",
                type="single",
                prompt=(
                    "Which concept is described here?\n"
                    + _clip(
                        _masked(
                            concept.explanation,
                            (concept.name, *concept.aliases),
                            _common_words(kb, (c.name for c in others)),
                        ),
                        400,
                    )
                ),
                choices=tuple(sorted([concept.name, *(c.name for c in others)])),
                answer=concept.name,
                explanation=f"{concept.name}. {concept.why_it_matters}".strip(),
                sources=sources,
                topics=("concepts",),
                difficulty="medium",
                origin="generated",
                fact=fact.id if fact else None,
                reference=concept.primary_source,
            )
        )
    return questions


# -- source criticism: conflicts and misspellings ----------------------------------------------------------------------


def _conflict_questions(corpus: Corpus, kb: KnowledgeBase, facts: Sequence[Fact]) -> tuple[list[Question], set[str]]:
    report = crosscheck(corpus, kb)
    questions: list[Question] = []
    conflicted: set[str] = set()
    for conflict in report.conflicts:
        first, second = conflict.first, conflict.second
        conflicted |= {first.id, second.id}
        speakers = sorted({str(first.subject), str(second.subject)})
        article_ids = sorted({first.article, second.article})
        people_nearby = sorted(
            {q.subject for q in facts if q.kind == "quote" and q.subject and q.article in article_ids} - set(speakers)
        )
        distractors = sorted(people_nearby, key=lambda n: _rank(first.id, n))[:2]
        where = (
            f"article {first.article}" if conflict.same_article else f"articles {first.article} and {second.article}"
        )
        sources = (_quote_source(corpus[first.article], first), _quote_source(corpus[second.article], second))
        who = (
            f"Article {first.article} gives near-identical words to {speakers[0]} and to {speakers[1]}. "
            if conflict.same_article
            else f"Article {first.article} gives these words to {first.subject}; article {second.article} "
            f"gives near-identical words to {second.subject}. "
        )
        explanation = who + (
            "A photo caption and the body of the same article disagree: a careful reader checks which one the rest of the text supports."
            if conflict.same_article
            else "At least one of the two attributions is wrong: the record of the event (such as an official "
            "transcript) shows who said them."
        )
        if len(distractors) == 2:
            questions.append(
                Question(
                    id=f"gen-conflict-{first.id}",
                    type="multiple",
                    prompt=f"{where.capitalize()} give{'s' if conflict.same_article else ''} these words to more than one speaker. To whom? Choose all that apply.\n“{_clip(first.text)}”",
                    choices=tuple(sorted([*speakers, *distractors])),
                    answer=tuple(speakers),
                    explanation=explanation,
                    sources=sources,
                    topics=("sources",),
                    difficulty="hard",
                    origin="generated",
                    fact=first.id,
                )
            )
        questions.append(
            Question(
                id=f"gen-conflict-tf-{first.id}",
                type="true_false",
                prompt=f"True or false: in {where}, these words (or near-identical ones) are given to one and the same speaker everywhere: “{_clip(first.text, 120)}”",
                choices=("True", "False"),
                answer=False,
                explanation=explanation,
                sources=sources,
                topics=("sources",),
                difficulty="medium",
                origin="generated",
                fact=first.id,
            )
        )
    for variant in report.variants:
        if not variant.misspellings or variant.kind != "person":
            continue
        person = kb.person(variant.name)
        accepted = sorted({variant.name, variant.name.split()[-1], *(person.aliases if person else ())})
        spelt = ", ".join(f"“{s}”" for s in variant.misspellings)
        first_article = corpus[variant.articles[0]]
        mention = next((m for m in variant.misspellings if m in first_article.body), variant.misspellings[0])
        offset = first_article.body.find(mention)
        sentence = first_article.sentence_at(max(offset, 0))
        questions.append(
            Question(
                id=f"gen-spelling-{_slug(variant.name)}",
                type="short_text",
                prompt=f"Article {', '.join(variant.articles)} writes a well-known name as {spelt}. Type the correct spelling of that person's name.",
                choices=(),
                answer=tuple(accepted),
                explanation=f"The correct spelling is {variant.name}. Misspelt names are a warning sign that a text was translated or copied in a hurry.",
                sources=(_source(first_article, sentence.start, sentence.end),) if sentence else (),
                topics=("sources",),
                difficulty="medium",
                origin="generated",
                fact=None,
            )
        )
    return questions, conflicted


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# -- how many --------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern[str]:
    rules = _rules()
    units = "|".join(re.escape(u) for u in sorted(rules["numeric_units"], key=len, reverse=True))
    qualifiers = "|".join(re.escape(q) for q in sorted(rules["numeric_qualifiers"], key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<qualifier>{qualifiers})\s+)?(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)\s+(?:[A-Z][\w-]*\s+)?(?P<unit>{units})\b"
    )


def _number_questions(corpus: Corpus) -> list[Question]:
    tolerances: dict[str, float] = {k: float(v) for k, v in _rules()["numeric_units"].items()}
    questions: list[Question] = []
    for article in corpus:
        for sentence in article.text_sentences:
            for match in _number_pattern().finditer(sentence.text):
                value = int(match.group("number").replace(",", ""))
                if value < 2:
                    continue
                unit = match.group("unit")
                start = sentence.start + match.start("number")
                blanked = (
                    article.body[sentence.start : start]
                    + "____"
                    + article.body[sentence.start + match.end("number") : sentence.end]
                )
                questions.append(
                    Question(
                        id=f"gen-number-{article.id}-{start}",
                        type="numeric",
                        prompt=f"According to {_intro(article)}, how many {unit}? Fill the gap with a number.\n“{_clip(blanked, 300)}”",
                        choices=(),
                        answer=_numeric(value, tolerances[unit], unit),
                        explanation=f"The article says {match.group().strip()}.",
                        sources=(_source(article, sentence.start, sentence.end),),
                        topics=("sources",),
                        difficulty="easy",
                        origin="generated",
                        fact=None,
                    )
                )
    return sorted(questions, key=lambda q: _rank(q.id))[: int(_rules()["limits"]["numeric"])]


def _numeric(value: int, tolerance: float, unit: str) -> Any:
    from .model import Numeric

    return Numeric(value, round(value * tolerance), unit)


# -- which quotation does the record confirm -------------------------------------------------------------------


def _record_questions(
    corpus: Corpus, quotes: Sequence[Fact], kb: KnowledgeBase, checks: Sequence[QuoteCheck]
) -> list[Question]:
    """Each quotation the primary documents hold: does the record give it to the speaker
    the article names (confirmed), or to someone else (misattributed)?"""
    questions: list[Question] = []
    for check in checks:
        match, speaker = check.match, check.speaker
        if check.status == "unverified" or check.fragment or match is None or speaker is None:
            continue
        if len(check.text.split()) < 6:
            continue
        record = match.voice
        title = (match.title or match.kind).split(" (")[0]
        present = [p.name for p in kb.people if _named_in(p.name, title, kb)]
        if speaker not in present or record not in present:
            continue
        wrong = [n for n in present if n != (speaker if check.status == "confirmed" else record)]
        if not wrong:
            continue
        same = f"It shows {speaker} saying them, as the article does."
        moved = {name: f"It shows {name} saying them, not {speaker}." for name in present if name != speaker}
        none = "It holds no such words."
        options = [same, *moved.values(), none]
        key = same if check.status == "confirmed" else moved[record]
        article = corpus[check.article]
        sentence = article.sentence_at(check.start)
        date = f", {_day(match.published)}" if match.published else ""
        document = f"{title} ({match.issuer}{date})"
        fact = next((f.id for f in quotes if f.article == check.article and f.start <= check.start < f.end), None)
        questions.append(
            Question(
                id=f"gen-record-{check.article}-{check.start}",
                type="single",
                prompt=(
                    f"Article {check.article} gives these words to {speaker}:\n“{_clip(check.text)}”\n"
                    f"Check them against the record: {document}, as stored in sources/. "
                    "What does the stored record show?"
                ),
                choices=tuple(sorted(options)),
                answer=key,
                explanation=(
                    f"Article {check.article} gives these words to {speaker}; the stored record has "
                    f"{record} saying them. Compare the wording, which may differ: “{match.passage}”"
                ),
                sources=(_source(article, sentence.start, sentence.end),) if sentence else (),
                topics=("sources",),
                origin="generated",
                fact=fact or f"record-{check.article}-{check.start}",
                reference=f"{document}, {match.url or 'no URL'}: “{match.passage}”",
            )
        )
    return questions


# -- the bank --------------------------------------------------------------------------------------------------------


def _disputed(fact: Fact) -> bool:
    """Whether the record contradicts, or the article doubles, this quotation's attribution."""
    return any(
        fact.article == str(entry["article"]) and str(entry["words"]) in fact.text
        for entry in _rules()["disputed_quotes"]
    )


def _attributed_in_passage(question: Question, quotes: Sequence[Fact]) -> bool:
    """A who-said question's cited passage must hold the speaker's cue (an attribution the
    student can see), not rely on a speaker named paragraphs earlier."""
    fact = next((f for f in quotes if f.id == question.fact), None)
    if fact is None or not fact.cue:
        return False
    return all(fact.cue in s.sentence for s in question.sources[:1])


def _family_rule(question: Question) -> tuple[str | None, dict[str, str]]:
    from .gates import family_of

    family = family_of(question)
    return family, dict(_rules()["families"].get(family or "", {}))


def _with_rule(question: Question) -> Question:
    """``question`` with its family, difficulty (by what it needs) and ``taught_in``."""
    import dataclasses

    family, rule = _family_rule(question)
    needs = rule.get("needs", "read")
    difficulty = _rules()["difficulty"][needs]
    return dataclasses.replace(question, family=family, difficulty=difficulty, taught_in=rule.get("taught_in"))


def passes_gates(questions: Sequence[Question], facts: Sequence[Fact]) -> tuple[Question, ...]:
    """The questions that pass every quality gate (:mod:`edu_kit.quiz.gates`), no option
    of which the facts also support; per family, over-used keys are dropped."""
    from .gates import key_share_issues, question_issues

    kept = [q for q in questions if not question_issues(q) and not supported_distractors(q, facts)]
    over = {q.id for q, _ in key_share_issues(kept, min_questions=3)}
    kept = [q for q in kept if q.id not in over]
    return tuple(q for q in kept if q.id not in generated_key_surplus(kept))


def generated_key_surplus(questions: Sequence[Question]) -> set[str]:
    """Ids of generated single-choice questions whose key is over the family's share
    (``generated_key_share``; at least one question per key is kept, the first in order)."""
    import math

    from .gates import family_of

    share = float(_rules()["generated_key_share"])
    by_family: dict[str, list[Question]] = {}
    for q in questions:
        family = family_of(q)
        if family and q.type == "single" and isinstance(q.answer, str):
            by_family.setdefault(family, []).append(q)
    surplus: set[str] = set()
    for members in by_family.values():
        allowed = max(1, math.floor(share * len(members)))
        seen: dict[str, int] = {}
        for q in members:
            key = _key_person(str(q.answer))
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > allowed:
                surplus.add(q.id)
    return surplus


def _key_person(answer: str) -> str:
    """A record question's key names its speaker first ("It shows X saying them ..."):
    count the speaker, so that "Stoltenberg, as the article does" and "Stoltenberg, not
    Scholz" are the same usual answer."""
    match = re.match(r"It shows (.+?) saying them", answer)
    return match.group(1) if match else answer


def build_bank(corpus: Corpus, kb: KnowledgeBase | None = None) -> tuple[Question, ...]:
    """All generated questions for ``corpus``, in a stable order, every one through the gates.

    >>> from edu_kit import load_corpus
    >>> questions = build_bank(load_corpus())
    >>> len(questions) >= 8, all(q.taught_in for q in questions)
    (True, True)
    """
    kb = kb or load_knowledge()
    facts = corpus_facts(corpus, kb)
    quotes = [f for f in facts if f.kind == "quote"]
    conflict_questions, conflicted = _conflict_questions(corpus, kb, facts)
    checks = check_quotes(corpus, kb=kb)
    misattributed = [c for c in checks if c.status == "misattributed"]
    conflicted |= {
        f.id
        for f in quotes
        if _disputed(f) or any(c.article == f.article and f.start <= c.start < f.end for c in misattributed)
    }
    who = [q for q in _who_questions(corpus, quotes, conflicted, kb) if _attributed_in_passage(q, quotes)]
    questions = [
        *who,
        *_order_questions(kb),
        *(q for q in _match_questions(corpus, quotes, conflicted, kb) if q.id.startswith("gen-match-quotes")),
        *(q for q in conflict_questions if q.type != "multiple"),
        *_record_questions(corpus, quotes, kb, checks),
    ]
    unique: dict[str, Question] = {}
    families = _rules()["families"]
    for question in questions:
        ruled = _with_rule(question)
        if ruled.family in families:  # a family not in the rules is retired
            unique.setdefault(question.id, ruled)
    return passes_gates(tuple(unique.values()), facts)


def build_bank_text(corpus: Corpus, kb: KnowledgeBase | None = None) -> str:
    """The generated bank as YAML, as written to ``quizzes/generated/``."""
    header = (
        "# Generated by `edu-kit quiz build` from the facts of the articles. Do not edit by hand:\n"
        "# change the articles, the knowledge base or edu_kit/data/quiz_rules.yaml, then rebuild.\n"
    )
    return header + dump_bank(BANK_NAME, BANK_TITLE, build_bank(corpus, kb))


def supported_distractors(question: Question, facts: Sequence[Fact]) -> tuple[str, ...]:
    """Options other than the key that the facts also support (must be empty).

    For a who-said question, anyone the facts give the same (or near-identical) words
    to; for a when question, any other date the facts give the same sentence.
    """
    if question.fact is None or question.type != "single":
        return ()
    fact = next((f for f in facts if f.id == question.fact), None)
    if fact is None:
        return ()
    wrong = [c for c in question.choices if c != question.answer]
    if question.id.startswith("gen-who-"):
        said = _similar_speakers(fact, [f for f in facts if f.kind == "quote"])
        return tuple(c for c in wrong if c in said)
    if question.id.startswith("gen-when-"):
        same = {
            _when_text(f)
            for f in facts
            if f.kind == "event"
            and f.article == fact.article
            and f.sentence_start == fact.sentence_start
            and f.precision == "day"
        }
        return tuple(c for c in wrong if c in same)
    return ()
