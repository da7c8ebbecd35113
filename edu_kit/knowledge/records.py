"""Records of the knowledge base and the lookups on them.

The records are frozen dataclasses holding tuples, so a :class:`KnowledgeBase` can be
shared and cached safely.  They are built by :func:`edu_kit.knowledge.load_knowledge`
from the YAML files in ``edu_kit/knowledge/data/``; the data, not this code, says who
is who.

>>> from edu_kit.knowledge import load_knowledge
>>> kb = load_knowledge()
>>> kb.person("Zelenskyy").name
'Volodymyr Zelensky'
>>> kb.holder("the NATO chief", date(2021, 12, 16)).name
'Jens Stoltenberg'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from ..errors import ChoiceError

__all__ = [
    "GENDERS",
    "KINDS",
    "SIDES",
    "SOURCE_KINDS",
    "Concept",
    "ContextEvent",
    "Entity",
    "Gender",
    "KeyDate",
    "Kind",
    "KnowledgeBase",
    "Person",
    "Role",
    "RoleTerm",
    "Side",
    "Source",
    "SourceKind",
    "normalize_cue",
]

Side = Literal["NATO", "Russia", "Ukraine", "US", "EU", "Germany", "France", "UK", "OSCE", "Other"]
Gender = Literal["male", "female"]
Kind = Literal["person", "organization", "place", "concept"]
SourceKind = Literal["primary", "secondary"]

SIDES: tuple[Side, ...] = (
    "NATO",
    "Russia",
    "Ukraine",
    "US",
    "EU",
    "Germany",
    "France",
    "UK",
    "OSCE",
    "Other",
)
GENDERS: tuple[Gender, ...] = ("male", "female")
KINDS: tuple[Kind, ...] = ("person", "organization", "place", "concept")
SOURCE_KINDS: tuple[SourceKind, ...] = ("primary", "secondary")

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_LEADING_ARTICLE = re.compile(r"^(?:(?:the|a|an)\s+)+")
_POSSESSIVE = re.compile(r"(?<=\w)'s?(?=\s|$)")
_SEPARATORS = re.compile(r"[\s\-]+")
_END_PUNCTUATION = " \t\n,;:!?\"'()"


def normalize_cue(text: str) -> str:
    """Bring a role phrase to the form used to look it up.

    Lower-cases, drops a leading article and possessive endings ("NATO's" -> "nato"),
    removes full stops ("U.S." -> "us") and treats hyphens like spaces.

    >>> normalize_cue("the NATO chief")
    'nato chief'
    >>> normalize_cue("NATO’s Secretary-General")
    'nato secretary general'
    >>> normalize_cue("The U.S. president")
    'us president'
    """
    text = _DASHES.sub("-", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    previous = None
    while text != previous:  # repeat until stable, so that normalising twice changes nothing
        previous = text
        text = text.replace(".", "").strip(_END_PUNCTUATION)
        text = _POSSESSIVE.sub("", text).replace("'", "")
        text = _SEPARATORS.sub(" ", text).strip()
        text = _LEADING_ARTICLE.sub("", text)
    return text


@dataclass(frozen=True)
class Source:
    """Where a statement of the knowledge base comes from.

    ``passage`` is a short exact quotation of the source that supports the statement;
    ``date`` is ISO (YYYY-MM-DD, YYYY-MM or YYYY); ``kind`` is ``"primary"`` (the document
    itself or an official record) or ``"secondary"`` (a reputable account, where no
    primary record is available).  ``supports`` names the parts of the entry it backs
    (``"explanation"``, ``"why_it_matters"``, ``"roles"``...).

    >>> s = Source("North Atlantic Treaty, Article 5", "NATO", "1949-04-04",
    ...            "https://www.nato.int/archives/1st5years/annexes/a.htm",
    ...            "an armed attack against one or more of them", "primary", ("explanation",))
    >>> s.cite()
    'North Atlantic Treaty, Article 5 (NATO, 1949-04-04)'
    """

    title: str
    issuer: str
    date: str
    url: str
    passage: str
    kind: SourceKind
    supports: tuple[str, ...]

    def cite(self) -> str:
        """``title (issuer, date)``: the short form shown in tables."""
        return f"{self.title} ({self.issuer}, {self.date})"


@dataclass(frozen=True)
class RoleTerm:
    """A person holding a role for a period: ``start <= day < end``.

    ``start`` None means "since before anything the data records"; ``end`` None means
    the person still holds the role, as far as the data knows.

    >>> RoleTerm("german-chancellor", date(2021, 12, 8), None).covers(date(2022, 1, 10))
    True
    """

    role: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        """True when the role was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Role:
    """An office (e.g. NATO Secretary General) and the phrases the press uses for it.

    ``cues`` are lower-case phrases without a leading article ("nato chief"); each one
    belongs to this role only.
    """

    id: str
    title: str
    org: str | None
    cues: tuple[str, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Entity:
    """Something an article can name: a person, organisation, place or concept.

    ``aliases`` are the correct ways of writing it (the name included); ``variants``
    are misspellings met in the press, matched too but flagged as misspellings.
    """

    id: str
    name: str
    kind: Kind
    aliases: tuple[str, ...]
    variants: tuple[str, ...]
    side: Side | None
    description: str


@dataclass(frozen=True)
class Person(Entity):
    """A person, with the roles held and the dates of each."""

    gender: Gender | None
    country: str
    roles: tuple[RoleTerm, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class KeyDate:
    """A date in a concept's history; ``date`` is ISO: YYYY-MM-DD, YYYY-MM or YYYY."""

    date: str
    label: str


@dataclass(frozen=True)
class Concept(Entity):
    """An idea, agreement or forum that students study (Minsk agreements, Article 5...)."""

    explanation: str
    why_it_matters: str
    key_dates: tuple[KeyDate, ...]
    primary_source: str
    related: tuple[str, ...]
    sources: tuple[Source, ...] = ()

    def sources_for(self, part: str) -> tuple[Source, ...]:
        """The sources that back one part of the concept (``"why_it_matters"``...)."""
        return tuple(s for s in self.sources if part in s.supports)


@dataclass(frozen=True)
class ContextEvent:
    """An event that places the articles in time (not one found in an article).

    ``sources`` back the event (at least one; the loader insists); ``source`` is their
    short form, as shown in the timeline's ``source`` column.
    """

    id: str
    date: str
    end: str | None
    event: str
    sources: tuple[Source, ...]
    concepts: tuple[str, ...]

    @property
    def source(self) -> str:
        """The sources, cited briefly and separated by ``"; "``."""
        return "; ".join(s.cite() for s in self.sources)


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """Everything the package knows about the crisis, with lookups.

    >>> from edu_kit.knowledge import load_knowledge
    >>> kb = load_knowledge()
    >>> kb.entity("nato").name
    'NATO'
    >>> entity, is_variant = kb.surface_forms()["Schultz"]
    >>> entity.name, is_variant
    ('Olaf Scholz', True)
    """

    people: tuple[Person, ...]
    organizations: tuple[Entity, ...]
    places: tuple[Entity, ...]
    concepts: tuple[Concept, ...]
    roles: tuple[Role, ...]
    events: tuple[ContextEvent, ...]

    def uncited(self) -> tuple[str, ...]:
        """The entries that a source does not back, as ``"kind id: part"`` (empty when all are).

        Every concept needs a source for its explanation and one for why it matters, every
        context event a source, and every person who holds an office a source for it.

        >>> from edu_kit.knowledge import load_knowledge
        >>> load_knowledge().uncited()
        ()
        """
        missing: list[str] = []
        for concept in self.concepts:
            for part in ("explanation", "why_it_matters"):
                if not concept.sources_for(part):
                    missing.append(f"concept {concept.id}: {part}")
        missing += [f"event {e.id}: event" for e in self.events if not e.sources]
        missing += [
            f"person {p.id}: roles"
            for p in self.people
            if p.roles and not any("roles" in s.supports for s in p.sources)
        ]
        return tuple(missing)

    def entities(self) -> tuple[Entity, ...]:
        """All people, organisations, places and concepts, in that order."""
        return (*self.people, *self.organizations, *self.places, *self.concepts)

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities()}

    @cached_property
    def _forms(self) -> dict[str, tuple[Entity, bool]]:
        forms: dict[str, tuple[Entity, bool]] = {}
        for entity in self.entities():
            for alias in entity.aliases:
                forms.setdefault(alias, (entity, False))
            for variant in entity.variants:
                forms.setdefault(variant, (entity, True))
        return forms

    @cached_property
    def _folded_people(self) -> dict[str, Person | None]:
        folded: dict[str, Person | None] = {}
        for form, (entity, _) in self._forms.items():
            if not isinstance(entity, Person):
                continue
            key = form.casefold()
            seen = folded.get(key, entity)
            folded[key] = entity if seen is not None and seen.id == entity.id else None
        return folded

    @cached_property
    def _cue_roles(self) -> dict[str, Role]:
        return {normalize_cue(cue): role for role in self.roles for cue in role.cues}

    @cached_property
    def _terms(self) -> dict[str, tuple[tuple[Person, RoleTerm], ...]]:
        terms: dict[str, list[tuple[Person, RoleTerm]]] = {}
        for person in self.people:
            for term in person.roles:
                terms.setdefault(term.role, []).append((person, term))
        return {role: tuple(pairs) for role, pairs in terms.items()}

    def entity(self, id: str) -> Entity:
        """The entity with this id; raises :class:`edu_kit.errors.ChoiceError` if none.

        >>> from edu_kit.knowledge import load_knowledge
        >>> load_knowledge().entity("kyiv").kind
        'place'
        """
        try:
            return self._by_id[id]
        except KeyError:
            close = difflib.get_close_matches(id, list(self._by_id), n=5, cutoff=0.6)
            raise ChoiceError.of("entity id", id, close or sorted(self._by_id)[:5]) from None

    def role(self, id: str) -> Role:
        """The role with this id; raises :class:`edu_kit.errors.ChoiceError` if none."""
        for role in self.roles:
            if role.id == id:
                return role
        close = difflib.get_close_matches(id, [r.id for r in self.roles], n=5, cutoff=0.6)
        raise ChoiceError.of("role id", id, close or [r.id for r in self.roles[:5]])

    def surface_forms(self) -> dict[str, tuple[Entity, bool]]:
        """Every alias and variant -> (entity, is_variant); a fresh copy of a cached map.

        >>> from edu_kit.knowledge import load_knowledge
        >>> forms = load_knowledge().surface_forms()
        >>> forms["Kiev"][0].id, forms["Kiev"][1]
        ('kyiv', False)
        """
        return dict(self._forms)

    def cue_role(self, cue: str) -> Role | None:
        """The role a phrase such as "the NATO chief" stands for, or None.

        >>> from edu_kit.knowledge import load_knowledge
        >>> load_knowledge().cue_role("NATO's secretary general").id
        'nato-secretary-general'
        """
        return self._cue_roles.get(normalize_cue(cue))

    def holder(self, cue: str, on: date | None) -> Person | None:
        """The person a role phrase refers to on a given day, or None.

        ``cue`` is written as in the article ("the German leader", "NATO's secretary
        general").  With a date, the one person whose term covers it (``start <= on <
        end``); with ``on=None``, the current holder only if exactly one person ever
        held the role in the data.  None when the phrase is no known cue, or when
        nobody, or more than one person, fits.

        >>> from edu_kit.knowledge import load_knowledge
        >>> kb = load_knowledge()
        >>> kb.holder("the German leader", date(2021, 12, 10)).name
        'Olaf Scholz'
        >>> kb.holder("the German chancellor", date(2021, 11, 1)).name
        'Angela Merkel'
        >>> kb.holder("the NATO chief", None) is None   # Stoltenberg, Rutte...
        True
        """
        role = self.cue_role(cue)
        if role is None:
            return None
        terms = self._terms.get(role.id, ())
        if on is None:
            people = {person.id: person for person, _ in terms}
            if len(people) != 1:
                return None
            (person,) = people.values()
            return person if any(t.end is None for _, t in terms) else None
        found = {person.id: person for person, term in terms if term.covers(on)}
        return next(iter(found.values())) if len(found) == 1 else None

    def person(self, name: str) -> Person | None:
        """The person written ``name`` (an alias or a variant), or None.

        Exact spelling first, then ignoring case when that is unambiguous.

        >>> from edu_kit.knowledge import load_knowledge
        >>> kb = load_knowledge()
        >>> kb.person("Schulz").name
        'Olaf Scholz'
        >>> kb.person("sergey lavrov").name
        'Sergei Lavrov'
        >>> kb.person("NATO") is None
        True
        """
        found = self._forms.get(name)
        if found is not None:
            entity = found[0]
            return entity if isinstance(entity, Person) else None
        return self._folded_people.get(name.strip().casefold())
