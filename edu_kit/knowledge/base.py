"""Load and check the knowledge base from YAML files.

The bundled data lives in ``edu_kit/knowledge/data/`` (one YAML file per kind of entry);
a teacher can pass another file or folder.  Files are read with YAML's *composer* only:
no Python object is ever built from a tag, and every node keeps its line number, so that
each problem is reported as ``file, line N: what is wrong. What to do: ...``.

>>> kb = load_knowledge()
>>> kb.holder("the Kremlin chief", date(2021, 12, 10)).name
'Vladimir Putin'
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar, cast

import yaml

from .._data import SAFE_LOADER, data_file
from .._resources import package_data
from ..errors import KnowledgeBaseError
from .records import (
    GENDERS,
    SIDES,
    SOURCE_KINDS,
    Concept,
    ContextEvent,
    Entity,
    Gender,
    KeyDate,
    Kind,
    KnowledgeBase,
    Person,
    Role,
    RoleTerm,
    Source,
    SourceKind,
    normalize_cue,
)

__all__ = ["SECTIONS", "SUPPORTS", "load_knowledge"]

#: The top-level keys a knowledge file may have, each holding a list of entries.
SECTIONS = ("people", "organizations", "places", "concepts", "roles", "events")

_Y = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE_OR_HYPHEN = re.compile(r"[\s\-]")
_PARTIAL = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # section: (required, optional)
    "people": (("id", "name", "description", "country"), ("aliases", "variants", "side",
                                                          "gender", "roles", "sources")),
    "organizations": (("id", "name", "description"), ("aliases", "variants", "side")),
    "places": (("id", "name", "description"), ("aliases", "variants", "side")),
    "concepts": (("id", "name", "description", "explanation", "why_it_matters",
                  "primary_source"), ("aliases", "variants", "side", "key_dates", "related",
                                      "sources")),
    "roles": (("id", "title", "cues"), ("org", "sources")),
    "events": (("id", "date", "event", "sources"), ("end", "concepts")),
    "source": (("title", "issuer", "date", "url", "passage"), ("kind", "supports")),
    "role term": (("role",), ("start", "end")),
    "key date": (("date", "label"), ()),
}
#: What a source may back, per section; a source without "supports" backs the first.
SUPPORTS: dict[str, tuple[str, ...]] = {
    "concepts": ("explanation", "why_it_matters", "description", "key_dates"),
    "people": ("roles", "description"),
    "roles": ("title",),
    "events": ("event",),
}
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")
_PASSAGE_MAX = 500
_KIND: dict[str, Kind] = {"people": "person", "organizations": "organization",
                          "places": "place", "concepts": "concept"}
_T = TypeVar("_T")


@dataclass
class _File:
    """One YAML file being read; makes errors that point into it."""

    path: Path

    def error(self, node: yaml.Node | None, problem: str, hint: str) -> KnowledgeBaseError:
        line = None if node is None else node.start_mark.line + 1
        return KnowledgeBaseError(problem, path=self.path, line=line, hint=hint)


@dataclass
class _Ref:
    """A reference to check once everything is read: ``target`` must be a ``want``."""

    file: _File
    node: yaml.Node
    target: str
    want: str  # "role", "organization", "concept", "entity"
    owner: str


@dataclass
class _State:
    people: list[Person] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    events: list[ContextEvent] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # id -> kind of entry
    forms: dict[str, str] = field(default_factory=dict)  # alias/variant -> entity id
    cues: dict[str, str] = field(default_factory=dict)  # normalised cue -> role id
    refs: list[_Ref] = field(default_factory=list)


# --- reading nodes -------------------------------------------------------------------


def _check_tags(f: _File, root: yaml.Node) -> None:
    """Refuse any tag that is not plain YAML data (``!!python/...``, ``!!set``...)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            ok = node.tag in _SCALAR_TAGS
        elif isinstance(node, yaml.SequenceNode):
            ok = node.tag == _Y + "seq"
            stack.extend(node.value)
        else:
            ok = isinstance(node, yaml.MappingNode) and node.tag == _Y + "map"
            stack.extend(n for pair in node.value for n in pair)
        if not ok:
            tag = node.tag.replace(_Y, "!!")
            raise f.error(node, f"the YAML tag '{tag}' is not allowed",
                          "write plain text, lists and key: value pairs only")


def _mapping(f: _File, node: yaml.Node, what: str, section: str) -> dict[str, yaml.Node]:
    """The keys of an entry, checked against the required and allowed ones."""
    if not isinstance(node, yaml.MappingNode):
        raise f.error(node, f"{what} is not a set of 'key: value' lines",
                      "write each entry as '- key: value' lines, like the others")
    required, optional = _KEYS[section]
    allowed = required + optional
    out: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else "?"
        if name not in allowed:
            close = difflib.get_close_matches(str(name), allowed, n=1)
            guess = f" (did you mean '{close[0]}'?)" if close else ""
            raise f.error(key, f"unknown key '{name}' in {what}{guess}",
                          f"use only these keys: {', '.join(allowed)}")
        if name in out:
            raise f.error(key, f"key '{name}' appears twice in {what}", "keep one of them")
        if not (isinstance(value, yaml.ScalarNode) and value.tag == _Y + "null"):
            out[name] = value
    for name in required:
        if name not in out:
            raise f.error(node, f"{what} has no '{name}'",
                          f"add a line '{name}: ...' (required keys: {', '.join(required)})")
    return out


def _label(node: yaml.Node, what: str) -> str:
    """``person 'olaf-scholz'`` when the entry has an id, else ``this person``."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                return f"{what} '{value.value}'"
    return f"this {what}"


def _text(f: _File, node: yaml.Node, what: str) -> str:
    if not (isinstance(node, yaml.ScalarNode) and node.tag == _Y + "str"):
        raise f.error(node, f"{what} must be text", "write it as text, in quotes if needed")
    text = str(node.value)
    if not text.strip() or text != text.strip():
        raise f.error(node, f"{what} {text!r} is empty or has spaces at either end",
                      "write the text without leading or trailing spaces")
    return text


def _items(f: _File, node: yaml.Node | None, what: str) -> list[yaml.Node]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise f.error(node, f"{what} must be a list", "write a list: [a, b] or '- a' lines")
    return list(node.value)


def _texts(f: _File, node: yaml.Node | None, what: str) -> list[tuple[str, yaml.Node]]:
    return [(_text(f, item, f"each of {what}"), item) for item in _items(f, node, what)]


def _day(f: _File, node: yaml.Node | None, what: str) -> date | None:
    if node is None:
        return None
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    try:
        if not _DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise f.error(node, f"{what} {value!r} is not an ISO date",
                      "write the date as YYYY-MM-DD, e.g. 2021-12-08") from None


def _partial(f: _File, node: yaml.Node, what: str, *, year_only: bool = True) -> str:
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    ok = _PARTIAL.fullmatch(value) is not None and (year_only or len(value) > 4)
    if ok:
        try:
            date.fromisoformat(value + "-01-01"[len(value) - 4:])
        except ValueError:
            ok = False
    if not ok:
        forms = "YYYY-MM-DD, YYYY-MM or YYYY" if year_only else "YYYY-MM-DD or YYYY-MM"
        raise f.error(node, f"{what} {value!r} is not an ISO date",
                      f"write it as {forms}, e.g. 2014-04")
    return value


def _choice(f: _File, node: yaml.Node | None, what: str, allowed: tuple[_T, ...]) -> _T | None:
    if node is None:
        return None
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    for choice in allowed:
        if value == choice:
            return choice
    raise f.error(node, f"{what} {value!r} is not allowed",
                  f"use one of: {', '.join(map(str, allowed))}, or leave it out")


# --- reading entries -----------------------------------------------------------------


def _host(url: str) -> str:
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def _matches(host: str, listed: str) -> bool:
    return host == listed or host.endswith("." + listed)


def _check_host(f: _File, m: dict[str, yaml.Node], url: str, title: str, owner: str) -> None:
    """Refused hosts are never cited; a copy's title says where the copy is
    (``edu_kit/data/citation_hosts.yaml``)."""
    hosts = data_file("citation_hosts")
    host = _host(url)
    for listed, reason in hosts["refused"].items():
        if _matches(host, listed):
            raise f.error(m["url"], f"a source of '{owner}' cites {listed}, which edu_kit refuses: "
                          f"{reason}", "replace this source (the refused hosts are listed in "
                          "edu_kit/data/citation_hosts.yaml)")
    for listed in hosts["copies"]:
        if _matches(host, listed) and f"copy at {listed}" not in title:
            raise f.error(m["title"], f"a source of '{owner}' is a copy at {listed}, but its title "
                          "does not say so", f"end the title with \"(copy at {listed})\", or cite "
                          "the issuer's own page")


def _sources(f: _File, node: yaml.Node | None, owner: str, section: str) -> tuple[Source, ...]:
    """The ``sources:`` list of an entry: each with title, issuer, date, url and passage."""
    allowed = SUPPORTS[section]
    found = []
    for item in _items(f, node, "sources"):
        m = _mapping(f, item, f"a source of '{owner}'", "source")
        url = _text(f, m["url"], "url")
        if not _URL.fullmatch(url):
            raise f.error(m["url"], f"url {url!r} of a source of '{owner}' is not a web address",
                          "write the full address, starting with https:// (or http://)")
        title = " ".join(_text(f, m["title"], "title").split())
        _check_host(f, m, url, title, owner)
        passage = " ".join(_text(f, m["passage"], "passage").split())
        if len(passage) > _PASSAGE_MAX:
            raise f.error(m["passage"], f"the passage of a source of '{owner}' has {len(passage)} "
                          f"characters", f"quote only the words that support the entry "
                          f"(at most {_PASSAGE_MAX} characters)")
        kind: SourceKind = _choice(f, m.get("kind"), "kind", SOURCE_KINDS) or "primary"
        supports = [value for value, _ in _texts(f, m.get("supports"), "supports")]
        for value, value_node in _texts(f, m.get("supports"), "supports"):
            if value not in allowed:
                raise f.error(value_node, f"a source of '{owner}' supports {value!r}, which is "
                              f"not a part of this kind of entry",
                              f"use one of: {', '.join(allowed)}")
        found.append(Source(
            title=title,
            issuer=" ".join(_text(f, m["issuer"], "issuer").split()),
            date=_partial(f, m["date"], "date"),
            url=url,
            passage=passage,
            kind=kind,
            supports=tuple(supports) or (allowed[0],),
        ))
    return tuple(found)


def _claim_id(f: _File, st: _State, node: yaml.Node, kind: str) -> str:
    ident = _text(f, node, "id")
    if not _ID.fullmatch(ident):
        raise f.error(node, f"id {ident!r} is not lower-case words joined by hyphens",
                      "write ids like 'olaf-scholz' or 'minsk-agreements'")
    if ident in st.kinds:
        raise f.error(node, f"id '{ident}' is used twice (already a {st.kinds[ident]})",
                      "give each entry its own id")
    st.kinds[ident] = kind
    return ident


def _claim_form(f: _File, st: _State, node: yaml.Node, form: str, owner: str, kind: str) -> None:
    if not _SPACE_OR_HYPHEN.search(form) and form == form.lower() and not form[0].isdigit():
        raise f.error(node, f"{kind} '{form}' is a single lower-case word that would match "
                      "ordinary text", "use a more specific phrase, or capitalise a name")
    other = st.forms.get(form)
    if other == owner:
        raise f.error(node, f"'{form}' is listed twice for '{owner}'",
                      "list each alias or variant once (the name counts as an alias)")
    if other is not None:
        raise f.error(node, f"{kind} '{form}' is claimed by both '{other}' and '{owner}'",
                      "keep the alias on one entry only")
    st.forms[form] = owner


def _entity_fields(f: _File, st: _State, m: dict[str, yaml.Node], section: str) -> Entity:
    kind = _KIND[section]
    ident = _claim_id(f, st, m["id"], kind)
    name = _text(f, m["name"], "name")
    aliases = [name]
    _claim_form(f, st, m["name"], name, ident, "name")
    for alias, node in _texts(f, m.get("aliases"), "aliases"):
        if alias != name:
            _claim_form(f, st, node, alias, ident, "alias")
            aliases.append(alias)
    variants = []
    for variant, node in _texts(f, m.get("variants"), "variants"):
        _claim_form(f, st, node, variant, ident, "variant")
        variants.append(variant)
    side = _choice(f, m.get("side"), "side", SIDES)
    description = _text(f, m["description"], "description")
    return Entity(ident, name, kind, tuple(aliases), tuple(variants), side, description)


def _read_person(f: _File, st: _State, m: dict[str, yaml.Node]) -> None:
    e = _entity_fields(f, st, m, "people")
    gender: Gender | None = _choice(f, m.get("gender"), "gender", GENDERS)
    terms = []
    for item in _items(f, m.get("roles"), "roles"):
        t = _mapping(f, item, f"a role of '{e.id}'", "role term")
        role = _text(f, t["role"], "role")
        start = _day(f, t.get("start"), "start")
        end = _day(f, t.get("end"), "end")
        if start is not None and end is not None and end <= start:
            raise f.error(t["end"], f"role '{role}' of '{e.id}' ends ({end}) before it starts "
                          f"({start})", "check the dates: 'end' is the first day out of office")
        st.refs.append(_Ref(f, t["role"], role, "role", e.id))
        terms.append(RoleTerm(role, start, end))
    st.people.append(Person(e.id, e.name, e.kind, e.aliases, e.variants, e.side,
                            e.description, gender, _text(f, m["country"], "country"),
                            tuple(terms), _sources(f, m.get("sources"), e.id, "people")))


def _read_concept(f: _File, st: _State, m: dict[str, yaml.Node]) -> None:
    e = _entity_fields(f, st, m, "concepts")
    key_dates = []
    for item in _items(f, m.get("key_dates"), "key_dates"):
        k = _mapping(f, item, f"a key date of '{e.id}'", "key date")
        key_dates.append(KeyDate(_partial(f, k["date"], "date"), _text(f, k["label"], "label")))
    related = []
    for target, node in _texts(f, m.get("related"), "related"):
        st.refs.append(_Ref(f, node, target, "entity", e.id))
        related.append(target)
    st.concepts.append(Concept(
        e.id, e.name, e.kind, e.aliases, e.variants, e.side, e.description,
        _text(f, m["explanation"], "explanation"), _text(f, m["why_it_matters"], "why_it_matters"),
        tuple(key_dates), _text(f, m["primary_source"], "primary_source"), tuple(related),
        _sources(f, m.get("sources"), e.id, "concepts")))


def _read_role(f: _File, st: _State, m: dict[str, yaml.Node]) -> None:
    ident = _claim_id(f, st, m["id"], "role")
    org = None
    if "org" in m:
        org = _text(f, m["org"], "org")
        st.refs.append(_Ref(f, m["org"], org, "organization", ident))
    cues = _texts(f, m["cues"], "cues")
    if not cues:
        raise f.error(m["cues"], f"role '{ident}' has no cues", "list at least one role phrase")
    for cue, node in cues:
        if cue != cue.lower() or cue.startswith(("the ", "a ", "an ")):
            raise f.error(node, f"cue '{cue}' is not lower-case without a leading article",
                          f"write it as '{normalize_cue(cue)}'")
        other = st.cues.setdefault(normalize_cue(cue), ident)
        if other != ident:
            raise f.error(node, f"cue '{cue}' is claimed by both roles '{other}' and '{ident}'",
                          "a cue must mean one role only: keep it on one role")
    st.roles.append(Role(ident, _text(f, m["title"], "title"), org, tuple(c for c, _ in cues),
                         _sources(f, m.get("sources"), ident, "roles")))


def _read_event(f: _File, st: _State, m: dict[str, yaml.Node]) -> None:
    ident = _claim_id(f, st, m["id"], "event")
    start = _partial(f, m["date"], "date", year_only=False)
    end = _partial(f, m["end"], "end", year_only=False) if "end" in m else None
    if end is not None and end < start:
        raise f.error(m["end"], f"event '{ident}' ends ({end}) before it starts ({start})",
                      "check the dates")
    concepts = []
    for target, node in _texts(f, m.get("concepts"), "concepts"):
        st.refs.append(_Ref(f, node, target, "concept", ident))
        concepts.append(target)
    sources = _sources(f, m["sources"], ident, "events")
    if not sources:
        raise f.error(m["sources"], f"event '{ident}' has no source",
                      "cite at least one: title, issuer, date, url and the passage that supports it")
    st.events.append(ContextEvent(ident, start, end, _text(f, m["event"], "event"),
                                  sources, tuple(concepts)))


def _read_entity(section: str) -> Callable[[_File, _State, dict[str, yaml.Node]], None]:
    def read(f: _File, st: _State, m: dict[str, yaml.Node]) -> None:
        entity = _entity_fields(f, st, m, section)
        cast(list[Entity], getattr(st, section)).append(entity)

    return read


_READERS: dict[str, Callable[[_File, _State, dict[str, yaml.Node]], None]] = {
    "people": _read_person,
    "organizations": _read_entity("organizations"),
    "places": _read_entity("places"),
    "concepts": _read_concept,
    "roles": _read_role,
    "events": _read_event,
}


def _read_file(f: _File, st: _State) -> None:
    try:
        text = f.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise f.error(None, f"cannot read the file ({exc})",
                      "check that it exists and is saved as UTF-8 text") from None
    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeBaseError(f"this is not valid YAML: {problem}", path=f.path, line=line,
                                 hint="check indentation, colons and quotes on that line") from None
    if root is None:
        raise f.error(None, "the file is empty", f"start it with one of: {', '.join(SECTIONS)}")
    _check_tags(f, root)
    if not isinstance(root, yaml.MappingNode):
        raise f.error(root, "the file is not a set of sections",
                      f"start it with one of: {', '.join(SECTIONS)}, each holding a list")
    seen: set[str] = set()
    for key, value in root.value:
        section = str(key.value)
        if section not in SECTIONS:
            raise f.error(key, f"unknown section '{section}'",
                          f"use only these sections: {', '.join(SECTIONS)}")
        if section in seen:
            raise f.error(key, f"section '{section}' appears twice in this file",
                          "merge the two lists into one")
        seen.add(section)
        what = {"people": "person", "organizations": "organization", "places": "place",
                "concepts": "concept", "roles": "role", "events": "event"}[section]
        for item in _items(f, value, section):
            _READERS[section](f, st, _mapping(f, item, _label(item, what), section))


def _check_refs(st: _State) -> None:
    entity_kinds = set(_KIND.values())
    for ref in st.refs:
        kind = st.kinds.get(ref.target)
        ok = kind in entity_kinds if ref.want == "entity" else kind == ref.want
        if not ok:
            known = sorted(i for i, k in st.kinds.items()
                           if k == ref.want or (ref.want == "entity" and k in entity_kinds))
            article = "an" if kind and kind[0] in "aeiou" else "a"
            found = "which does not exist" if kind is None else f"which is {article} {kind}"
            close = difflib.get_close_matches(ref.target, known, n=3) or known[:3]
            examples = ", ".join(repr(k) for k in close) or f"none: add the {ref.want} first"
            raise ref.file.error(ref.node, f"'{ref.owner}' refers to {ref.want} "
                                 f"'{ref.target}', {found}",
                                 f"use the id of an existing {ref.want} ({examples})")


def _yaml_files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise KnowledgeBaseError("the folder holds no .yaml file", path=path,
                                     hint="put the knowledge files (e.g. people.yaml) in it")
        yield from files
    elif path.is_file():
        yield path
    else:
        raise KnowledgeBaseError("no such file or folder", path=path,
                                 hint="pass the path of a knowledge .yaml file or of a folder")


def load_knowledge(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Read and check a knowledge base; ``None`` means the bundled one (cached).

    ``path`` may be one YAML file or a folder of them; every check failure raises
    :class:`edu_kit.errors.KnowledgeBaseError` naming the file and line.

    >>> kb = load_knowledge()
    >>> kb.person("Stoltenburg").name          # a misspelling met in the press
    'Jens Stoltenberg'
    >>> kb.holder("the secretary-general", date(2021, 12, 16)).name
    'Jens Stoltenberg'
    >>> load_knowledge("no/such/place")
    Traceback (most recent call last):
    ...
    edu_kit.errors.KnowledgeBaseError: no/such/place: no such file or folder. ...
    """
    if path is None:
        return _bundled()
    st = _State()
    for file in _yaml_files(Path(path)):
        _read_file(_File(file), st)
    _check_refs(st)
    return KnowledgeBase(tuple(st.people), tuple(st.organizations), tuple(st.places),
                         tuple(st.concepts), tuple(st.roles), tuple(st.events))


@lru_cache(maxsize=1)
def _bundled() -> KnowledgeBase:
    return load_knowledge(package_data("knowledge", "data"))
