"""Tests of edu_kit.corpus: the seeds, the article format, segmentation and errors."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
import yaml

from edu_kit import ArticleError, load_corpus
from edu_kit.corpus import load_article, parse_article
from edu_kit.corpus.segment import classify_paragraph, split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BAD = Path(__file__).parent / "data" / "bad"
SEED_IDS = ["000", "001", "002", "003", "004"]


def _sums() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text().splitlines()
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


@pytest.mark.parametrize("name", sorted(_sums()))
def test_seed_files_are_unchanged(name: str) -> None:
    digest = hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()
    assert digest == _sums()[name]


def test_shared_seeds_match_when_available() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in shared.glob("*.txt"):
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()


def test_default_corpus_is_the_five_seeds_in_order() -> None:
    corpus = load_corpus()
    assert corpus.ids == tuple(SEED_IDS)


@pytest.mark.parametrize(
    ("article_id", "outlet", "published"),
    [
        ("000", "TRT World", date(2021, 12, 16)),
        ("001", "Ukrainian news site (name not given in the text)", date(2022, 1, 10)),
        ("002", "Unknown outlet (translated agency copy)", date(2021, 12, 10)),
        ("003", "Unknown outlet (Russian state-media style)", date(2022, 1, 7)),
        ("004", "Unknown outlet (Brussels dateline)", date(2021, 12, 16)),
    ],
)
def test_seed_metadata_comes_from_the_manifest(article_id: str, outlet: str, published: date) -> None:
    article = load_corpus()[article_id]
    assert article.outlet == outlet
    assert article.published == published
    assert article.title
    assert article.note


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_body_paragraphs_and_sentences_match_the_file(article_id: str) -> None:
    article = load_corpus()[article_id]
    assert article.source_path is not None
    assert article.body == Path(article.source_path).read_text(encoding="utf-8")
    for paragraph in article.paragraphs:
        assert article.body[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip()
    for sentence in article.sentences:
        assert article.body[sentence.start : sentence.end] == sentence.text
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    # Every non-blank character of the body lies in some sentence.
    covered = sum(len("".join(s.text.split())) for s in article.sentences)
    assert covered == len("".join(article.body.split()))


@pytest.mark.parametrize(
    ("article_id", "text_start", "kind"),
    [
        ("000", '"Since 2014, since the start of the war, I believe that basically Russia pushed Ukraine into NATO," Stoltenberg said. (Olivier', "caption"),
        ("000", "READ MORE:", "link"),
        ("000", "Tensions on rise", "heading"),
        ("000", "Source: TRTWorld and agencies", "source"),
        ("001", "NATO will not compromise with the Russian Federation", "headline"),
        ("001", "Photo АР", "credit"),
        ("001", "Read also:", "link"),
        ("002", "NATO Secretary General rejects", "headline"),
        ("002", "‘very expensive’", "heading"),
        ("003", "'Real Risk' of Conflict in Ukraine", "heading"),
        ("004", "- Read the transcript here.", "link"),
        ("004", "BRUSSELS, Belgium", "text"),
        ("000", "He said there would also be no compromising", "text"),
    ],
)
def test_boilerplate_is_flagged(article_id: str, text_start: str, kind: str) -> None:
    article = load_corpus()[article_id]
    matches = [p for p in article.paragraphs if p.text.startswith(text_start)]
    assert matches, f"no paragraph starts with {text_start!r}"
    assert {p.kind for p in matches} == {kind}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Mr. Smith met U.S. officials. "We agree," he said.', ["Mr. Smith met U.S. officials.", '"We agree," he said.']),
        ("Talks open on Jan. 10 in Geneva. They end later.", ["Talks open on Jan. 10 in Geneva.", "They end later."]),
        ("Washington pledged $2.5 billion. Kyiv welcomed it.", ["Washington pledged $2.5 billion.", "Kyiv welcomed it."]),
        ('"We are ready," Lavrov said. "But not at any price."', ['"We are ready," Lavrov said.', '"But not at any price."']),
        ("He cited J. Biden. Then he left!", ["He cited J. Biden.", "Then he left!"]),
        ("imposing restrictions [...] we can't end up there.", ["imposing restrictions [...] we can't end up there."]),
        ("Is it real? Yes.", ["Is it real?", "Yes."]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ukrainian troops near Donetsk. (Photo: Jane Doe / Sample Agency)", "caption"),
        ("Reporting by Jane Doe; Editing by John Roe", "source"),
        ("(Reporting by Jane Doe in Kyiv)", "source"),
        ("Read more: Why the Minsk agreements failed", "link"),
        ("Getty Images", "credit"),
        ("What Russia wants", "heading"),
        ("Russia wants guarantees.", "text"),
    ],
)
def test_paragraph_kinds_in_other_house_styles(text: str, kind: str) -> None:
    assert classify_paragraph(text, index=4, title=None) == kind


def test_header_is_metadata_not_body(tmp_path: Path) -> None:
    path = tmp_path / "geneva.txt"
    path.write_text(
        "title: Talks in Geneva\nOUTLET: Test Wire\nPublished: 2022-01-10\nUrl: https://example.org/x\n---\n\nSherman met Ryabkov.\n",
        encoding="utf-8",
    )
    article = load_article(path)
    assert (article.title, article.outlet, article.published, article.url) == (
        "Talks in Geneva",
        "Test Wire",
        date(2022, 1, 10),
        "https://example.org/x",
    )
    assert article.body == "Sherman met Ryabkov.\n"
    assert article.id == "geneva"


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle: T\r\n---\r\nOne line.\r\nAnother line.\r\n".encode())
    article = load_article(path)
    assert article.body == "One line.\nAnother line.\n"
    assert [p.text for p in article.paragraphs] == ["One line.", "Another line."]


def test_blank_lines_and_single_newlines_both_separate_paragraphs() -> None:
    article = parse_article("First paragraph.\nSecond paragraph.\n\nThird paragraph.", id="x")
    assert [p.text for p in article.paragraphs] == ["First paragraph.", "Second paragraph.", "Third paragraph."]


def test_hard_wrapped_lines_join_their_paragraph() -> None:
    text = "The foreign ministers of the alliance met on Friday in a video call and\ndiscussed the build-up."
    article = parse_article(text, id="x")
    assert len(article.paragraphs) == 1


def test_a_file_without_header_or_date_has_no_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Kremlin rejects claims\n\nThe Kremlin said on Monday that the claims were false.\n", encoding="utf-8")
    article = load_article(path)
    assert article.published is None
    assert article.title == "Kremlin rejects claims"
    assert article.paragraphs[0].kind == "headline"


def test_folders_and_files_mix(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha text.", encoding="utf-8")
    corpus = load_corpus([tmp_path, SEEDS / "003_bb46b8f9a75c47fb.txt"])
    assert corpus.ids == ("a", "003")


def _expected() -> dict[str, str]:
    return yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(k for k in _expected() if k.startswith(("articles/", "folders/"))))
def test_bad_input_gives_its_exact_message(name: str) -> None:
    path = BAD / name
    load = load_article if name.startswith("articles/") else load_corpus
    with pytest.raises(ArticleError) as caught:
        load(path)
    assert str(caught.value) == _expected()[name].replace("{path}", str(path))


def test_every_bad_file_has_an_expected_message() -> None:
    on_disk = {f"articles/{p.name}" for p in (BAD / "articles").glob("*.txt")}
    on_disk |= {f"folders/{p.name}" for p in (BAD / "folders").iterdir()}
    assert on_disk <= set(_expected())


def test_missing_path_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(ArticleError, match="no such file or folder"):
        load_corpus(missing)


def test_unknown_article_id_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="'999' is not one of: '000'"):
        load_corpus()["999"]


ENTRY = 'articles:\n  - id: "001"\n    file: {name}\n    outlet: Reuters\n    published: 2022-01-10\n'


@pytest.mark.parametrize(("name", "says"), [
    ("A.txt", "did you mean 'a.txt'?"),  # capitals differ
    ("../other/x.txt", "the articles there are 'a.txt'"),
    ("gone.txt", "the articles there are 'a.txt'"),
    ("aa.txt", "did you mean 'a.txt'?"),
])
def test_manifest_entry_naming_no_article_is_reported(tmp_path: Path, name: str, says: str) -> None:  # atk4 A7
    """The article loaded as 'unknown outlet, undated' and nothing said why."""
    (tmp_path / "a.txt").write_text('Hello "x," said Putin on Wednesday.\n', encoding="utf-8")
    (tmp_path / "articles.yaml").write_text(ENTRY.format(name=name), encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        load_corpus(tmp_path)
    assert caught.value.path == str(tmp_path / "articles.yaml")
    assert caught.value.line == 3
    assert f"the manifest entry for {name!r} names no article in this folder" in str(caught.value)
    assert says in str(caught.value)


def test_manifest_saved_as_yml_is_read(tmp_path: Path) -> None:  # atk4 A8
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "articles.yml").write_text(ENTRY.format(name="a.txt"), encoding="utf-8")
    article = load_corpus(tmp_path)["001"]
    assert (article.outlet, article.published) == ("Reuters", date(2022, 1, 10))


def test_two_manifests_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    for name in ("articles.yaml", "articles.yml"):
        (tmp_path / name).write_text(ENTRY.format(name="a.txt"), encoding="utf-8")
    with pytest.raises(ArticleError, match=r"two manifests, articles\.yaml and articles\.yml"):
        load_corpus(tmp_path)


@pytest.mark.parametrize("target", ["/etc/passwd", "../outside.txt"])
def test_link_leading_outside_the_folder_is_not_read(tmp_path: Path, target: str) -> None:  # atk4 A9
    folder = tmp_path / "articles"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text("root:x:0:0\n", encoding="utf-8")
    (folder / "a.txt").write_text("Title: T\nOutlet: O\nPublished: 2022-01-10\n---\nHello.\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(target)
    with pytest.raises(ArticleError, match=r"this is a link to .*, outside the folder, so it is not read") as caught:
        load_corpus(folder)
    assert caught.value.path == str(folder / "b.txt")


def test_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to("a.txt")
    assert load_corpus(tmp_path).ids == ("a", "b")
