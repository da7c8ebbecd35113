"""Who is talked about where: the gender the text gives people nobody knows (issue 14)."""

from __future__ import annotations

import pytest

from edu_kit.annotate import mentions
from edu_kit.annotate.marks import quote_spans
from edu_kit.annotate.references import build_references
from edu_kit.corpus import parse_article
from edu_kit.knowledge import load_knowledge


def _genders(text: str) -> dict[str, str | None]:
    """The gender of each named person's first name reference."""
    article = parse_article(text, id="t", published="2022-01-20")
    kb = load_knowledge()
    refs = build_references(article, mentions(article, kb), kb, [(s.start, s.end) for s in quote_spans(article)])
    genders: dict[str, str | None] = {}
    for ref in refs.items:
        if ref.kind == "person" and ref.via == "name":
            genders.setdefault(ref.name, ref.gender)
    return genders


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("Ms Lanfou Meilklouruv arrived.", "Lanfou Meilklouruv", "female"),
        ("MR. Drinkev Dreirsaskdrail arrived.", "Drinkev Dreirsaskdrail", "male"),
        ("Foreign Ministry spokeswoman Brikon Brutreirzouv wrote on Telegram.", "Brikon Brutreirzouv", "female"),
        ("Vospein Tairkleisvail, the Kremlin spokesman, said nothing.", "Vospein Tairkleisvail", "male"),
        ("Hoskhosk Bulnanfuv, 61, a retired tram driver, has inspected the basement of his apartment block.", "Hoskhosk Bulnanfuv", "male"),
        ("Fainker Meivnaindtem, who will leave office once her successor is sworn in, spoke.", "Fainker Meivnaindtem", "female"),
        # What says nothing of the person named:
        ("Claire Pritchard, whose husband is an infantry sergeant, said she had stopped watching.", "Claire Pritchard", "female"),
        ("The wife of Taras Hnativ, a farmer, spoke to us.", "Taras Hnativ", None),
        ("Grailail Klaispovdail, a former colleague of his wife, spoke.", "Grailail Klaispovdail", "male"),
        ("Sailas Kimfailmir said Jens Stoltenberg was late, and he left.", "Sailas Kimfailmir", None),
        # The knowledge base's gender stands for people it knows.
        ("Jens Stoltenberg, a grandmother of the alliance, spoke.", "Jens Stoltenberg", "male"),
    ],
)
def test_gender_read_from_the_text(text: str, name: str, gender: str | None) -> None:
    assert _genders(text)[name] == gender


def test_a_pronoun_resolved_to_someone_gives_them_its_gender() -> None:
    article = parse_article(
        "European Commission President Luzum Gremmaskpa spoke first. “We are ready,” she told reporters.\n\n"
        "Ukrainian President Geishain Vronamrais asked for sanctions. EU foreign policy chief Dilzis Firttroulhum agreed. "
        "“Europe must have a seat,” he said.\n\n“Any aggression will come at a high price,” she added.",
        id="t",
        published="2021-12-16",
    )
    kb = load_knowledge()
    refs = build_references(article, mentions(article, kb), kb, [(s.start, s.end) for s in quote_spans(article)])
    pronouns = [(article.body[r.start : r.end], r.name) for r in refs.items if r.via == "pronoun"]
    assert pronouns == [("she", "Luzum Gremmaskpa"), ("he", "Dilzis Firttroulhum"), ("she", "Luzum Gremmaskpa")]
