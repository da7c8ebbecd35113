"""The primary documents beside the articles (``sources/``, :mod:`edu_kit.corpus.sources`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from edu_kit.annotate import annotate
from edu_kit.corpus import SOURCE_KINDS, SOURCES_MANIFEST, Source, load_source, load_sources
from edu_kit.errors import ArticleError, ChoiceError
from edu_kit.knowledge import SIDES, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
SOURCES = load_sources()
IDS = SOURCES.ids


@pytest.mark.parametrize("source_id", IDS)
def test_every_document_has_issuer_date_url_kind_and_text(source_id: str) -> None:
    doc = SOURCES[source_id]
    assert doc.issuer.strip()
    assert doc.published is not None
    assert doc.url
    assert doc.url.startswith(("https://", "http://"))  # the page actually quoted, as its address is
    assert doc.kind in SOURCE_KINDS
    assert doc.title
    assert doc.title.strip()
    assert len(doc.body.split()) >= 10
    assert doc.why_it_matters
    assert len(doc.why_it_matters.split()) >= 8


@pytest.mark.parametrize("source_id", IDS)
def test_speakers_are_known_and_sides_are_sides(source_id: str) -> None:
    doc = SOURCES[source_id]
    kb = load_knowledge()
    names = {e.name for e in (*kb.people, *kb.organizations)}
    if doc.speaker is not None:
        assert doc.speaker in names, f"{doc.speaker!r} is not a name in the knowledge base"
    assert doc.side is None or doc.side in SIDES


def test_manifest_and_files_agree() -> None:
    folder = ROOT / "sources"
    manifest = yaml.safe_load((folder / SOURCES_MANIFEST).read_text(encoding="utf-8"))["sources"]
    listed = {entry["file"] for entry in manifest}
    files = {p.name for p in folder.glob("*.txt")}
    assert listed == files
    assert len({entry["id"] for entry in manifest}) == len(manifest)


@pytest.mark.parametrize(
    "source_id",
    [
        "bucharest-declaration-23",
        "russia-draft-treaty-with-us",
        "russia-draft-agreement-with-nato-articles-4-6",
        "minsk-package-of-measures",
        "budapest-memorandum",
        "nato-russia-founding-act",
        "nato-ukraine-charter",
        "nato-2021-12-10-stoltenberg-scholz",
        "nato-2021-12-16-stoltenberg-zelenskyy",
        "nac-2021-12-16",
    ],
)
def test_the_documents_the_crisis_turns_on_are_there(source_id: str) -> None:
    assert source_id in IDS


@pytest.mark.parametrize("side", ["NATO", "Russia", "Ukraine", "US", "EU"])
def test_every_side_speaks_for_itself_in_the_crisis_months(side: str) -> None:
    own = [d for d in SOURCES if d.side == side and d.published and d.published.isoformat() >= "2021-12-01"]
    assert own, f"no statement of {side} of Dec 2021 - Jan 2022 in its own words"


@pytest.mark.parametrize(
    ("source_id", "words"),
    [
        ("bucharest-declaration-23", "We agreed today that these countries will become members of NATO."),
        ("bucharest-declaration-23", "MAP is the next step for Ukraine and Georgia on their direct way to membership."),
        (
            "russia-draft-agreement-with-nato-articles-4-6",
            "refrain from any further enlargement of NATO, including the accession of Ukraine",
        ),
        ("russia-draft-treaty-with-us", "prevent further eastward expansion of the North Atlantic Treaty Organization"),
        ("budapest-memorandum", "to respect the independence and sovereignty and the existing borders of Ukraine"),
        ("minsk-package-of-measures", "Immediate and comprehensive ceasefire"),
        (
            "nato-2021-12-10-stoltenberg-scholz",
            "NATO Allies agree that any further aggression against Ukraine will come at a high price.",
        ),
    ],
)
def test_key_passages_are_quoted(source_id: str, words: str) -> None:
    assert words in SOURCES[source_id].body


def test_documents_are_texts_the_annotators_read() -> None:
    doc = SOURCES["nato-2021-12-16-stoltenberg-zelenskyy"]
    assert isinstance(doc, Source)
    names = {m.name for m in annotate(doc).mentions}
    assert {"Crimea", "NATO-Russia Council"} & names
    assert SOURCES.as_corpus()[doc.id] is doc


def test_sources_table_has_one_row_per_document() -> None:
    frame = SOURCES.table()
    assert len(frame) == len(SOURCES)
    assert {"id", "issuer", "voice", "side", "published", "url", "kind", "copy", "words", "why_it_matters"} <= set(
        frame.columns
    )


def test_unknown_id_lists_the_known_ones() -> None:
    with pytest.raises(ChoiceError, match="bucharest-declaration-23"):
        SOURCES["bucharest"]


def _write(tmp_path: Path, header: str, body: str = "Some words spoken by someone.") -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(f"{header}\n---\n{body}\n", encoding="utf-8")
    return path


GOOD = "Title: T\nIssuer: NATO\nPublished: 2021-12-10\nURL: https://example.org/t\nKind: statement"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Title: T\nIssuer: NATO\nPublished: 2021-12-10\nKind: statement", "lacks URL"),
        ("Title: T\nPublished: 2021-12-10\nURL: https://e.org\nKind: statement", "lacks Issuer"),
        (GOOD.replace("statement", "rumour"), "unknown kind 'rumour'"),
        (GOOD + "\nSide: Mars", "unknown side 'Mars'"),
        (GOOD + "\nOutlet: X", "unknown header key 'Outlet'"),
        (GOOD.replace("2021-12-10", "10 Dec 2021"), "not a calendar date"),
    ],
)
def test_bad_documents_get_a_clear_error(tmp_path: Path, header: str, message: str) -> None:
    path = _write(tmp_path, header)
    with pytest.raises(ArticleError, match=message) as info:
        load_source(path)
    assert str(path) in str(info.value)


def test_unknown_kind_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("statement", "rumour"))
    with pytest.raises(ArticleError) as info:
        load_source(path)
    assert info.value.line == 5


def test_a_folder_with_its_manifest(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    (tmp_path / SOURCES_MANIFEST).write_text(
        "sources:\n  - id: my-doc\n    file: doc.txt\n    why_it_matters: Because it says so in the words of its issuer.\n",
        encoding="utf-8",
    )
    (doc,) = load_sources(tmp_path)
    assert (doc.id, doc.issuer, doc.voice) == ("my-doc", "NATO", "NATO")
    assert doc.why_it_matters == "Because it says so in the words of its issuer."


def test_a_manifest_with_unknown_keys_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    (tmp_path / SOURCES_MANIFEST).write_text("sources:\n  - file: doc.txt\n    why: x\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="unknown keys"):
        load_sources(tmp_path)


@pytest.mark.parametrize("source_id", IDS)
def test_every_cut_is_marked_and_said(source_id: str) -> None:
    """A cut inside an excerpt is marked "[…]" and the Copy note says what it leaves out;
    no note claims that a stored page ends where we only stopped reading it."""
    import re

    doc = SOURCES[source_id]
    if "[…]" in doc.body:
        assert doc.copy is not None
        assert "[…]" in doc.copy, "say in Copy what each '[…]' leaves out"
    assert not re.search(r"stored (?:copy|page) (?:ends|breaks off|reaches)", doc.copy or ""), (
        "say where our excerpt stops, not that the page ends"
    )
