"""Mentions through the knowledge base's aliases, and people it does not know."""

from __future__ import annotations

import pytest

from edu_kit import load_corpus
from edu_kit.annotate import mentions
from edu_kit.corpus import parse_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelenskyy met Stoltenberg in Kiev.", [("Volodymyr Zelensky", "person"), ("Jens Stoltenberg", "person"), ("Kyiv", "place")]),
        ("Russia's demands reached NATO's headquarters.", [("Russia", "place"), ("NATO", "organization")]),
        ("The NATO-Russia Council met in Brussels.", [("NATO-Russia Council", "concept"), ("Brussels", "place")]),
        ("Separatists hold parts of the Donbass.", [("Donbas", "place")]),
        ("The Minsk agreements were signed in Minsk.", [("Minsk agreements", "concept"), ("Minsk", "place")]),
        ("Chancellor Olaf Schulz spoke.", [("Olaf Scholz", "person")]),
        ("Pentagon spokesman John Kirby said so.", [("Pentagon", "organization"), ("John Kirby", "person")]),
        (
            "Latvian Foreign Ministry spokesman Janis Berzins spoke, and Berzins left.",
            [("Latvian Foreign Ministry", "organization"), ("Janis Berzins", "person"), ("Janis Berzins", "person")],
        ),
        ("Latvian Foreign Minister Edgars Rinkevics spoke.", [("Edgars Rinkēvičs", "person")]),
        ("The photo is by Olivier Hoslet.", [("Olivier Hoslet", "person")]),
        ("Spokesman Ned Price spoke. Price said more.", [("Ned Price", "person"), ("Ned Price", "person")]),
        ("Oleksandra Hnatiuk, a schoolteacher in Kharkiv, agreed.", [("Oleksandra Hnatiuk", "person"), ("Kharkiv", "place")]),
        ('"We are calm," said Suresh Nair, a bank clerk.', [("Suresh Nair", "person")]),
        ("Małgorzata Zielińska disagreed.", [("Małgorzata Zielińska", "person")]),
        ("The UN envoy, T.S. Tirumurti, spoke.", [("United Nations", "organization"), ("T.S. Tirumurti", "person")]),
        ("A second Biden-Putin call followed.", [("Joe Biden", "person"), ("Vladimir Putin", "person")]),
        ("The officials told The Meridian and Test Wire nothing.", []),
        # Bodies the knowledge base lacks, when the name says whose they are.
        ("The Polish Foreign Ministry summoned him.", [("Polish Foreign Ministry", "organization")]),
        ("The Russian Embassy in Washington replied.", [("Russian Embassy in Washington", "organization")]),
        ("A Ministry of Defence spokesperson declined.", [("Ministry of Defence", "organization")]),
        ("The Foreign Ministry declined to comment.", []),
        ("The Ukrainian Foreign Ministry agreed.", [("Ukrainian Foreign Ministry", "organization")]),
        ("Estonian Defence Ministry spokesman Oleksandr Ilves spoke.", [("Estonian Defence Ministry", "organization"), ("Oleksandr Ilves", "person")]),
        # A known surname after another given name is someone else.
        ("Pharmacist Oksana Melnyk bought a flag.", [("Oksana Melnyk", "person")]),
        ("Ambassador Andriy Melnyk spoke. Melnyk left.", [("Andriy Melnyk", "person"), ("Andriy Melnyk", "person")]),
        # People introduced by what follows or precedes the name.
        ("At a coffee shop, Tanya Mercer said she learned it from the news.", [("Tanya Mercer", "person")]),
        ("Officials in South Block said nothing.", []),
        ("On Monday, the defence secretary spoke.", []),
        ("His Romanian counterpart, Vasile Dincu, agreed.", [("Vasile Dincu", "person")]),
        ("The Quai d’Orsay replied.", [("French Foreign Ministry", "organization")]),
        ("“We must be careful,” Rolf Mützenich, who leads the group, said.", [("Rolf Mützenich", "person")]),
        ("China’s ambassador, Zhang Jun, backed him.", [("China", "place"), ("Zhang Jun", "person")]),
        ("(Reporting by Daniel Okafor in Washington, Ilse Brandt in Brussels; Editing by Fiona Marr)", [("Daniel Okafor", "person"), ("Washington", "place"), ("Ilse Brandt", "person"), ("Brussels", "place"), ("Fiona Marr", "person")]),
        # Names in transcript labels.
        (
            "MARCUS HALE, CORRESPONDENT: Talks ended.\nSERGEI LAVROV (through interpreter): We wait.\nHALE: Back to you.",
            [("Marcus Hale", "person"), ("Sergei Lavrov", "person"), ("Marcus Hale", "person")],
        ),
        ("NEW DELHI: India abstained on Monday.", []),  # a dateline, not a speaker
    ],
)
def test_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.name, m.kind) for m in mentions(parse_article(text, id="t"))] == expected


def test_misspellings_are_flagged() -> None:
    found = mentions(load_corpus()["002"])
    assert {m.text for m in found if m.misspelt} == {"Olaf Schulz", "Schultz"}


def test_words_inside_other_words_are_not_mentions() -> None:
    assert mentions(parse_article("The Russianness of the proposal, the natos.", id="t")) == ()


def test_mention_offsets_point_at_the_text() -> None:
    for article in load_corpus():
        for mention in mentions(article):
            assert article.body[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Independent, 28 Jan 2022: the ambassador John Sullivan, not the adviser Jake Sullivan.
        (
            "U.S. Ambassador to Moscow John Sullivan said on Friday. In an online briefing from Moscow, Sullivan described the buildup.",
            [("United States", "place"), ("Moscow", "place"), ("John Sullivan", "person"), ("Moscow", "place"), ("John Sullivan", "person")],
        ),
        # Names nobody knows after a title or role (the examples and the entity-swap texts).
        ("The talks were chaired by the Secretary General of the organization Maren Halvorsen.", [("Maren Halvorsen", "person")]),
        ("Ukrainian president Geishain Vronamrais arrived.", [("Geishain Vronamrais", "person")]),
        ("Russia's ambassador to the OSCE, Pasvor Noldundbairt, said little.", [("Russia", "place"), ("OSCE", "organization"), ("Pasvor Noldundbairt", "person")]),
        ("1. Sailas Kimfailmir, US secretary of state, Friday: no deal.", [("Sailas Kimfailmir", "person"), ("United States", "place")]),
        ("As you all know, President Souvgraimklil will hold a call.", [("Souvgraimklil", "person")]),
        ("They met at the historic President Wilson Hotel.", []),
        # Issue 14: unknown people found by reading (the renamed gold sets' patterns).
        ("Drimdrair Gaimborbror has told Russia's leaders to step back.", [("Drimdrair Gaimborbror", "person"), ("Russia", "place")]),
        ("Lanfou Meilklouruv of Britain said Moscow had a choice.", [("Lanfou Meilklouruv", "person"), ("United Kingdom", "place"), ("Moscow", "place")]),
        ("Bradraisk Paskdisbar, 52, was less sentimental.", [("Bradraisk Paskdisbar", "person")]),
        ("Lourbousk Servrengosk, a 41-year-old accountant, tried the website.", [("Lourbousk Servrengosk", "person")]),
        ('CLAIM: "Not a single step eastward." - Vrailken Galtolno, annual press conference', [("Vrailken Galtolno", "person")]),
        (
            "Sailas Kimfailmir and Gondvond Bouskklaisgor met in Geneva. Kimfailmir promised answers, and Bouskklaisgor said he would wait.",
            [
                ("Sailas Kimfailmir", "person"), ("Gondvond Bouskklaisgor", "person"), ("Geneva", "place"),
                ("Sailas Kimfailmir", "person"), ("Gondvond Bouskklaisgor", "person"),
            ],
        ),
        ("18:25 GMT – Galtolno claimed that Kyiv had never meant it. Later, Galtolno told officials to leave.", [("Galtolno", "person"), ("Kyiv", "place"), ("Galtolno", "person")]),
        ("The West reads it as a promise; former Soviet states say otherwise.", []),
        ("Nicolas de Rivière of France said the agreements remained.", [("Nicolas de Rivière", "person"), ("France", "place")]),
        ("Troops wait. (Photo: Drasgrai Deldeimzous / Sample Agency)", [("Drasgrai Deldeimzous", "person")]),
        ("By Vraisin Drangreirttraisk\n\nFor most of December, nothing moved.", [("Vraisin Drangreirttraisk", "person")]),
        (
            "President Veskkurt Souvgraimklil and Vrailken Galtolno spoke. Later Galtolno left.",
            [("Veskkurt Souvgraimklil", "person"), ("Vrailken Galtolno", "person"), ("Vrailken Galtolno", "person")],
        ),
        ("Biden and Vice President Kamala Harris met.", [("Joe Biden", "person"), ("Kamala Harris", "person")]),
    ],
)
def test_printed_names_and_unknown_people(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.name, m.kind) for m in mentions(parse_article(text, id="t"))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 14, fresh texts (review i14b, items 10-18), with invented names: people found on
        # evidence from the text, whatever their given name.  Bylines that list several people.
        (
            "By Bisdri Zeirkailam, Draisbem Garttrozev and Sailklil Melbeinddaisk\n\nTalks began in Geneva.",
            [("Bisdri Zeirkailam", "person"), ("Draisbem Garttrozev", "person"), ("Sailklil Melbeinddaisk", "person"), ("Geneva", "place")],
        ),
        # Picture credits, the agency on either side of the slash.
        ("Zelensky visited Kyiv. (AP/Drouskoun Draivzinal)", [("Volodymyr Zelensky", "person"), ("Kyiv", "place"), ("Drouskoun Draivzinal", "person")]),
        ("Putin speaks in Sochi. Sputnik/Breirgeisk Dreifintram/Pool via REUTERS", [("Vladimir Putin", "person"), ("Breirgeisk Dreifintram", "person")]),
        ("Troops wait. (Olivier Hoslet / AP Archive)", [("Olivier Hoslet", "person")]),
        # Page artefacts: a credit glued to the caption or to the outlet by a lost line break.
        ("Moscow rules out concessionsImage: Dravgril Geiskzoumtous/REUTERS\n\nRussia waits.", [("Moscow", "place"), ("Dravgril Geiskzoumtous", "person"), ("Russia", "place")]),
        ("© AP Photo / Zomvra ReimdairsumThe United States Capitol building", [("Zomvra Reimdairsum", "person"), ("United States", "place")]),
        ("Credit: AP\n\nNusktav Gainfeingrouv and Vuskbro TrairtzurtlailReuters\n\nTalks began.", [("Nusktav Gainfeingrouv", "person"), ("Vuskbro Trairtzurtlail", "person")]),
        ("WNS writers Bramdour Mivhainddraiv in Paris and Trairtteis Tainouskklail in Kyiv contributed to this report.",
         [("Bramdour Mivhainddraiv", "person"), ("Paris", "place"), ("Trairtteis Tainouskklail", "person"), ("Kyiv", "place")]),
        ("QUESTION (Navsisk Granteirklert, Radio Wisła): Secretary General, what now?", [("Navsisk Granteirklert", "person")]),
        # A role's complement in the same run of capitals.
        ("Minister of Digital Transformation Klurkeis Zurleskdour said on Friday that he had briefed them.", [("Klurkeis Zurleskdour", "person")]),
        ("Putin held talks with President of the French Republic Dartgeis Treldartvrouv at the Kremlin.",
         [("Vladimir Putin", "person"), ("Dartgeis Treldartvrouv", "person"), ("Kremlin", "organization")]),
        ("Putin spoke with Mayor of Moscow Rurtbrour Drunlepert and others.", [("Vladimir Putin", "person"), ("Moscow", "place"), ("Rurtbrour Drunlepert", "person")]),
        ("“Prices rose,” said Treivvrend Nasondtrer, head of gas research at Lowland Energy Analytics in Amsterdam.", [("Treivvrend Nasondtrer", "person")]),
        # Repeated later by one word alone; the object of "talks with", "meet"; a hyphen between surnames.
        ("Vrailken Galtolno flew home on Friday. The trip was short, and Galtolno was tired.", [("Vrailken Galtolno", "person"), ("Vrailken Galtolno", "person")]),
        ("Galtolno is due in Beijing to meet Leimpol Nemvaildand as the Winter Olympics open.", [("Leimpol Nemvaildand", "person")]),
        (
            "Veskkurt Souvgraimklil spoke to Vrailken Galtolno. A second Souvgraimklil-Galtolno call followed.",
            [("Veskkurt Souvgraimklil", "person"), ("Vrailken Galtolno", "person"), ("Veskkurt Souvgraimklil", "person"), ("Vrailken Galtolno", "person")],
        ),
        ("Chancellor Zessim Vresklusziv’s party agrees. Vresklusziv has called the project private.", [("Zessim Vresklusziv", "person"), ("Zessim Vresklusziv", "person")]),
        # A given name alone, once the person is named in full; not when two people share it.
        ("Emmanuel Macron met Putin. Putin said: “Emmanuel, welcome.”",
         [("Emmanuel Macron", "person"), ("Vladimir Putin", "person"), ("Vladimir Putin", "person"), ("Emmanuel Macron", "person")]),
        ("QUESTION: Beiskdei Gigranhem.\nQUESTION: What now?\nANSWER: Well, Beiskdei, we wait.",
         [("Beiskdei Gigranhem", "person"), ("Beiskdei Gigranhem", "person")]),
        ("Emmanuel Macron met Emmanuel Bonne. Later Emmanuel left.", [("Emmanuel Macron", "person"), ("Emmanuel Bonne", "person")]),
        # Names a phrase gives, or with an age after a single word.
        ("Welcome to issue 14. I’m Grolfair Trinneidraisk. Today the talks begin.", [("Grolfair Trinneidraisk", "person")]),
        ("A student who gave his name only as Dumlertas spent Sunday training.", [("Dumlertas", "person")]),
        ("Triskoushouv, 19, a student at Lviv Polytechnic, was less sentimental.", [("Triskoushouv", "person"), ("Lviv", "place")]),
        # Not people: outlets, plural nationalities, places, things named with "the".
        ("Many Ukrainians followed the visit, and many Ukrainians were angry.", []),
        ("The White House said New York was safe. He told Test Wire and Sky News so.", [("White House", "organization")]),
        ("He told the Journal du Dimanche. Dimanche readers agreed.", []),
        ("Ministers meet Nord Stream executives. Stream operators said no.", []),
        ("The troops met in Nova Kakhovka. Kakhovka is a small town.", []),
        ("The exercise Sea Breeze began. Breeze drills continue.", []),
        ("He spoke to Radio Liberty and told Deutsche Welle that Welle was fair.", []),
        ("Talks with Wagner Group stalled. Wagner has denied it.", []),
        ("I am Ukrainian and I'm Proud of it.", []),
        ("The Kremlin spoke to Interfax. Interfax reported it.", [("Kremlin", "organization")]),
        ("He met Olaf Scholz and Annalena Baerbock. Later Olaf spoke.", [("Olaf Scholz", "person"), ("Annalena Baerbock", "person"), ("Olaf Scholz", "person")]),
    ],
)
def test_people_found_on_evidence_from_the_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.name, m.kind) for m in mentions(parse_article(text, id="t"))] == expected


def test_transcript_labels_are_names_without_their_titles() -> None:
    body = "MR. PRICE: Good afternoon.\nQUESTION: Ned, what now?\nSECRETARY BLINKEN: We wait."
    found = mentions(parse_article(body, id="t"))
    assert [(m.text, m.start) for m in found if m.kind == "person"] == [("PRICE", 4), ("BLINKEN", 62)]
