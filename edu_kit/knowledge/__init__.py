"""The knowledge base: people, organisations, places, concepts, roles and context events.

Knowledge lives in YAML files (``edu_kit/knowledge/data/``), not in code; see
``docs/knowledge_base.md`` for the format.

>>> from edu_kit.knowledge import load_knowledge
>>> kb = load_knowledge()
>>> kb.person("Zelenskiy").name
'Volodymyr Zelensky'
"""

from __future__ import annotations

from .base import SECTIONS, load_knowledge
from .records import (
    GENDERS,
    KINDS,
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
    Side,
    Source,
    SourceKind,
    normalize_cue,
)

__all__ = [
    "GENDERS",
    "KINDS",
    "SECTIONS",
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
    "load_knowledge",
    "normalize_cue",
]
