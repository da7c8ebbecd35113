"""Quotations and speakers: one short text of our own for each pattern, plus the seeds."""

from __future__ import annotations

import pytest

from edu_kit import load_corpus
from edu_kit.annotate import quotes
from edu_kit.corpus import parse_article

# (text, published, expected [(quoted words, speaker, fragment)])
CASES = {
    "straight quotes, X said": (
        '"We will not compromise," Stoltenberg said.',
        "2021-12-16",
        [("We will not compromise,", "Jens Stoltenberg", False)],
    ),
    "curly quotes, said X": (
        "“Nobody decides for Ukraine,” said Blinken.",
        "2022-01-10",
        [("Nobody decides for Ukraine,", "Antony Blinken", False)],
    ),
    "guillemets with nested straight quotes": (
        "«Every day we read about an \"imminent attack\". Nobody has shown us a fact,» Zakharova wrote on Telegram.",
        "2022-01-11",
        [("Every day we read about an \"imminent attack\". Nobody has shown us a fact,", "Maria Zakharova", False)],
    ),
    "British single quotes with apostrophes nearby": (
        "Ms Truss said Russia's demands were a non-starter. 'We won't trade away Ukraine's freedom,' Ms Truss said.",
        "2022-01-13",
        [("We won't trade away Ukraine's freedom,", "Liz Truss", False)],
    ),
    "X said colon": (
        'Kuleba told reporters: "Diplomacy is our first line of defence."',
        "2022-01-12",
        [("Diplomacy is our first line of defence.", "Dmytro Kuleba", False)],
    ),
    "dash she said": (
        "Stefanishyna met the allies.\n\n“We see how Russia is trying to change the subject” – she said.",
        "2022-01-10",
        [("We see how Russia is trying to change the subject", "Olha Stefanishyna", False)],
    ),
    "according to X": (
        'According to Peskov, "the proposals are a package, not a menu."',
        "2021-12-21",
        [("the proposals are a package, not a menu.", "Dmitry Peskov", False)],
    ),
    "the statement read": (
        'Earlier, the Russian Foreign Ministry said NATO should drop the pledge.\n\n'
        '"It is necessary to formally repudiate the decision of the Bucharest summit," the statement read.',
        "2021-12-10",
        [("It is necessary to formally repudiate the decision of the Bucharest summit,", "Russian Foreign Ministry", False)],
    ),
    "a body issues a statement, next paragraph": (
        "Meanwhile, NATO issued a statement on the situation:\n“We call on Russia to de-escalate immediately.”",
        "2021-12-16",
        [("We call on Russia to de-escalate immediately.", "NATO", False)],
    ),
    "mid-quote cue": (
        '"We are ready to keep talking," Ryabkov said, "but the clock is not on our side."',
        "2022-01-10",
        [("We are ready to keep talking,", "Sergei Ryabkov", False), ("but the clock is not on our side.", "Sergei Ryabkov", False)],
    ),
    "continuation when nothing intervenes": (
        '"The aggressor is Russia," Stoltenberg said.\n\n"It is Russia that is using military force."',
        "2021-12-16",
        [("The aggressor is Russia,", "Jens Stoltenberg", False), ("It is Russia that is using military force.", "Jens Stoltenberg", False)],
    ),
    "no continuation after another person's paragraph": (
        '"The aggressor is Russia," Stoltenberg said.\n\nPeskov and Lavrov met the press in Moscow.\n\n"We will see."',
        "2021-12-16",
        [("The aggressor is Russia,", "Jens Stoltenberg", False), ("We will see.", None, False)],
    ),
    "pronoun resolves by gender": (
        "Lavrov met Baerbock in Moscow.\n\n“There is no alternative to respecting borders,” she said.",
        "2022-01-18",
        [("There is no alternative to respecting borders,", "Annalena Baerbock", False)],
    ),
    "role phrase at the article's date (Scholz)": (
        'The German leader spoke after the talks. "Any aggression will have a price," he said.',
        "2021-12-10",
        [("Any aggression will have a price,", "Olaf Scholz", False)],
    ),
    "role phrase at the article's date (Merkel)": (
        '"We are watching with concern," the German chancellor said.',
        "2021-11-20",
        [("We are watching with concern,", "Angela Merkel", False)],
    ),
    "role phrase beats the body in it": (
        '"These are not separate items," the Kremlin spokesman said.',
        "2021-12-21",
        [("These are not separate items,", "Dmitry Peskov", False)],
    ),
    "the Kremlin as a speaker": (
        '"We have no plans to attack anyone," the Kremlin said.',
        "2021-12-10",
        [("We have no plans to attack anyone,", "Kremlin", False)],
    ),
    "person introduced with a title, unknown to the knowledge base": (
        '"Small states are not small change," Latvian Foreign Ministry spokesman Janis Berzins said.',
        "2022-01-07",
        [("Small states are not small change,", "Janis Berzins", False)],
    ),
    "said X, an analyst": (
        "“Moscow is testing the West,” said Olga Petrenko, an analyst at a Kyiv think tank.",
        "2022-01-13",
        [("Moscow is testing the West,", "Olga Petrenko", False)],
    ),
    "scare quote is a fragment with the subject as speaker": (
        'The Kremlin dismissed the reports, calling them "fake".',
        "2022-01-07",
        [("fake", "Kremlin", True)],
    ),
    "joint subject has no single speaker": (
        'The US and EU have threatened "massive" sanctions.',
        "2021-12-16",
        [("massive", None, True)],
    ),
    "'and X said' starts a new clause": (
        'The Russian Foreign Ministry said the drafts should be discussed "without delay", and Ryabkov said talks could start soon.',
        "2021-12-17",
        [("without delay", "Russian Foreign Ministry", True)],
    ),
    "multi-paragraph quotation": (
        '"We want security guarantees.\n\n"We want them in writing," Ryabkov said.',
        "2021-12-17",
        [('We want security guarantees. We want them in writing,', "Sergei Ryabkov", False)],
    ),
    "name with an apposition": (
        "“We have no plans,” Dmitry Peskov, the Kremlin’s spokesman, told reporters.",
        "2022-01-10",
        [("We have no plans,", "Dmitry Peskov", False)],
    ),
    "an unnamed source gets the government it speaks for": (
        '"There is no deal yet," a senior US official said.',
        "2022-01-10",
        [("There is no deal yet,", "US government", False)],
    ),
    "a body speaking through an unnamed spokesperson": (
        '"There is no change to our posture," a State Department spokesperson said.',
        "2022-01-10",
        [("There is no change to our posture,", "US State Department", False)],
    ),
    "the office holder when the article says 'the'": (
        '"There is no change to our posture," the State Department spokesperson said.',
        "2022-01-10",
        [("There is no change to our posture,", "Ned Price", False)],
    ),
    "a country speaking as a state": (
        '"We will respond firmly," Russia said in a statement.',
        "2022-01-10",
        [("We will respond firmly,", "Russia", False)],
    ),
    "American-style fragment with the full stop inside": (
        'Grushko said NATO expansion was a "red line."',
        "2022-01-12",
        [("red line.", "Alexander Grushko", True)],
    ),
    "a name after a dash, no verb (fact checks, quote lists)": (
        'CLAIM: "Russia has no plans to attack anyone." - Dmitry Peskov, Kremlin spokesman, 28 January',
        "2022-02-03",
        [("Russia has no plans to attack anyone.", "Dmitry Peskov", False)],
    ),
    "a numbered list of quotes": (
        '1. Antony Blinken, US secretary of state, Friday: "We hope we are wrong."',
        "2022-02-20",
        [("We hope we are wrong.", "Antony Blinken", False)],
    ),
    "said an unnamed-looking description, then the name": (
        "'Nobody here wants a war,' said a local MP, Graham Ellery.",
        "2022-01-19",
        [("Nobody here wants a war,", "Graham Ellery", False)],
    ),
    "French guillemets with spaces inside": (
        "« We will not give way », Mr Macron told reporters in Kyiv.",
        "2022-02-08",
        [("We will not give way", "Emmanuel Macron", False)],
    ),
    "the subject right before the verb governs a fragment": (
        'Putin is due in Beijing on Friday, a trip the Kremlin has called "very important".',
        "2022-02-01",
        [("very important", "Kremlin", True)],
    ),
    "a second 'he' in a sentence is the first one's person": (
        'Peskov spoke on Tuesday. He referred to the call between Putin and Biden, which he described as "constructive".',
        "2021-12-31",
        [("constructive", "Dmitry Peskov", True)],
    ),
    "headline-style cue": (
        "Kuleba: “Nothing about Ukraine without Ukraine”\n\nUkraine's foreign minister spoke in Kyiv.",
        "2022-01-12",
        [("Nothing about Ukraine without Ukraine", "Dmytro Kuleba", False)],
    ),
    "an unnamed spokesperson of a body known only by its acronym": (
        '"Sport must build bridges," an IAAF spokesperson said.',
        "2022-02-04",
        [("Sport must build bridges,", "IAAF", False)],
    ),
    "a participle after a comma takes the main clause's subject": (
        "Scholz met reporters with Polish President Andrzej Duda, adding that the situation was « very serious ».",
        "2022-02-08",
        [("very serious", "Olaf Scholz", True)],
    ),
    "a fragment in a sentence opening with 'According to X,'": (
        'According to Ryabkov, the talks had reached "a dead end".',
        "2022-01-14",
        [("a dead end", "Sergei Ryabkov", True)],
    ),
    "'the alliance' and 'the ministry' are the bodies their names call so": (
        'NATO ambassadors met Russian envoys.\n\n"The ball is in their court," the Russian Foreign Ministry said.\n\n'
        '"We are ready to listen," the alliance said.\n\n"We will wait," the ministry added.',
        "2022-01-12",
        [
            ("The ball is in their court,", "Russian Foreign Ministry", False),
            ("We are ready to listen,", "NATO", False),
            ("We will wait,", "Russian Foreign Ministry", False),
        ],
    ),
    "a person's ministry is the body of their office on the day": (
        'Asked about the drills, Shoigu\'s ministry said they were "routine".',
        "2022-01-18",
        [("routine", "Russian Defence Ministry", True)],
    ),
    "'what it called' belongs to the latest body": (
        'Kyiv urged calm, and the Kremlin was mocking what it called "hysteria".',
        "2022-02-16",
        [("hysteria", "Kremlin", True)],
    ),
    "live-blog entry: time stamp, then 'Speaker: headline'": (
        "09:40 GMT – Kirby: US 'clear-eyed' about the talks\n\nPentagon spokesman John Kirby spoke in Washington.",
        "2022-01-12",
        [("clear-eyed", "John Kirby", True)],
    ),
    "'the alliance' as the subject, and a speech verb used as a noun ('those demands')": (
        'Russia wants Nato to stop expanding. The alliance said on Monday those demands were "non-starters".',
        "2022-01-10",
        [("non-starters", "NATO", True)],
    ),
    "a person's reply, in apposition": (
        'Kyiv heard what it feared. Volodymyr Zelensky\'s reply, that there are no "small nations", was sharper.',
        "2022-01-21",
        [("small nations", "Volodymyr Zelensky", True)],
    ),
    "'talks of' reports someone's words": (
        'Vladimir Putin, for his part, talks of "red lines".',
        "2022-01-21",
        [("red lines", "Vladimir Putin", True)],
    ),
    "a joint subject's words belong to whoever reports them": (
        'Downing Street said Mr Johnson and Mr Stoltenberg had agreed that Nato "will not be divided".',
        "2022-02-10",
        [("will not be divided", "Downing Street", True)],
    ),
    "a statement announced as 'the following statement'": (
        "NATO met on Friday. The alliance's press office issued the following statement in Brussels.\n\n"
        "“Allies will reinforce the eastern flank and stand ready for dialogue with Russia.",
        "2022-01-24",
        [("Allies will reinforce the eastern flank and stand ready for dialogue with Russia.", "NATO", False)],
    ),
    "a cue after a full sentence that introduces the next quotation is not its cue": (
        'Lloyd Austin said the deployments were "not permanent moves." He added, "We will keep watching."',
        "2022-02-02",
        [("not permanent moves.", "Lloyd Austin", True), ("We will keep watching.", "Lloyd Austin", False)],
    ),
    "'It said' after a sentence about a body": (
        "Macron's office was upbeat. The Kremlin's readout was cooler. It said the replies «ignored the main question».",
        "2022-01-29",
        [("ignored the main question", "Kremlin", True)],
    ),
    "'she said' after an unnamed woman is hers, not an earlier person's": (
        'Oksana Melnyk bought a flag.\n\nA woman selling flowers shrugged. "People still buy tulips," she said.',
        "2022-02-13",
        [("People still buy tulips,", None, False)],
    ),
    "a name after a possessive, with an apposition before the verb": (
        "Gulf Horizon's Samir Haddad, reporting from Kyiv, said people were calm. \"Nobody is panicking,\" he said.",
        "2022-02-19",
        [("Nobody is panicking,", "Samir Haddad", False)],
    ),
    "a question's label names the journalist, not the subject": (
        "JENS STOLTENBERG: Good afternoon.\n\nQUESTION (Tom Ellery, Atlantic Broadcast): The Russian Defence Ministry "
        'released footage and said the troops were "returning to base". Do you believe it?',
        "2022-02-16",
        [("Good afternoon.", "Jens Stoltenberg", False), ("returning to base", "Russian Defence Ministry", True)],
    ),
    "'he' is the subject before, not the person he briefed": (
        'Minister Mykhailo Fedorov said he had briefed Prime Minister Denys Shmyhal. "The state is working," he wrote.',
        "2022-01-14",
        [("The state is working,", "Mykhailo Fedorov", False)],
    ),
    "'Mr.' before the name after a quotation": (
        "“We have read the answers carefully,” Mr. Putin said, standing beside Mr. Orban.",
        "2022-02-01",
        [("We have read the answers carefully,", "Vladimir Putin", False)],
    ),
    "a name with an apposition before its verb": (
        "Friedrich Merz, the leader of the Christian Democrats, accused Scholz of sending “mixed signals”.",
        "2022-01-27",
        [("mixed signals", "Friedrich Merz", True)],
    ),
    "a relative clause between the subject and the verb": (
        "Viktor Orban, who has close ties with the Kremlin and NATO, said the two sides were “far apart”.",
        "2022-02-01",
        [("far apart", "Viktor Orbán", True)],
    ),
    "'the official' after 'a senior official' is that unnamed official": (
        "Blinken spoke to Lavrov. A senior official said Mr. Blinken had pressed for a pullback. “The door is open,” the official said.",
        "2022-02-01",
        [("The door is open,", None, False)],
    ),
    "'telling' reports the words of the sentence's subject": (
        'Foreign Minister Dmytro Kuleba struck a calmer note, telling reporters the army was "ready for any scenario".',
        "2022-02-13",
        [("ready for any scenario", "Dmytro Kuleba", True)],
    ),
    "an unnamed diplomat of a named body speaks for it as an unnamed source": (
        'An EU diplomat, who asked not to be named, summed up the mood: "In Geneva they talked about us."',
        "2022-01-14",
        [("In Geneva they talked about us.", "European Union", False)],
    ),
    "a cue in the next sentence that goes on about something else is not the quotation's": (
        'Lavrov said Russia would not wait "forever." Ukraine\'s foreign minister, Dmytro Kuleba, urged the EU to act fast.',
        "2022-01-14",
        [("forever.", "Sergei Lavrov", True)],
    ),
    "'he' after 'without naming Biden' is the subject": (
        'Volodymyr Zelensky responded on Twitter without naming Biden. "No invasion is minor," he wrote.',
        "2022-01-20",
        [("No invasion is minor,", "Volodymyr Zelensky", False)],
    ),
    "'the president' prefers the subject to a nearer object": (
        'Joe Biden said he did not believe Vladimir Putin wanted war. "He will probe," the president said.',
        "2022-01-19",
        [("He will probe,", "Joe Biden", False)],
    ),
    "a body the knowledge base lacks": (
        'The Polish Foreign Ministry said on Thursday that the Vienna meeting was "a last chance".',
        "2022-01-14",
        [("a last chance", "Polish Foreign Ministry", True)],
    ),
    "an embassy in a named city": (
        '"We expect concrete answers," the Russian Embassy in Washington said in a statement.',
        "2022-01-10",
        [("We expect concrete answers,", "Russian Embassy in Washington", False)],
    ),
    "TV transcript: staff turns are not quotations, sound bites are": (
        "DANA WRIGHT, HOST: Talks ended in Geneva.\n\n"
        "WENDY SHERMAN, US DEPUTY SECRETARY OF STATE (on tape): We were firm. We were clear.\n\n"
        'WRIGHT: Moscow called the meeting "useful".\n\n'
        "SERGEI RYABKOV, RUSSIAN DEPUTY FOREIGN MINISTER (through interpreter): We are disappointed.",
        "2022-01-10",
        [
            ("We were firm. We were clear.", "Wendy Sherman", False),
            ("useful", None, True),
            ("We are disappointed.", "Sergei Ryabkov", False),
        ],
    ),
    "press-conference transcript with a role in brackets": (
        "JENS STOLTENBERG (NATO Secretary General): Good afternoon. Allies are united.\n\n"
        "Q: Will NATO close the door?\n\n"
        "JENS STOLTENBERG: No. The door stays open.",
        "2022-01-12",
        [("Good afternoon. Allies are united.", "Jens Stoltenberg", False), ("No. The door stays open.", "Jens Stoltenberg", False)],
    ),
    "interview: answers are the interviewee's, questions are not quotations": (
        "Oksana Bilyk, a historian in Lviv, spoke to us by phone.\n\nQ: Are you afraid?\nA: No. We have lived with this since 2014.",
        "2022-01-20",
        [("No. We have lived with this since 2014.", "Oksana Bilyk", False)],
    ),
    "a dateline or a claim label is not a speaker": (
        "NEW DELHI: India abstained.\n\nCLAIM: NATO promised not to expand. VERDICT: No written promise exists.",
        "2022-02-01",
        [],
    ),
    "a colon after a speech verb is prose with marks, not a turn": (
        'Maria Zakharova, the ministry’s spokeswoman, wrote on Telegram: "Another day, another invasion."',
        "2022-02-15",
        [("Another day, another invasion.", "Maria Zakharova", False)],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_attribution_pattern(name: str) -> None:
    text, published, expected = CASES[name]
    found = quotes(parse_article(text, id="t", published=published))
    assert [(q.text, q.speaker, q.fragment) for q in found] == expected


def test_unbalanced_mark_does_not_swallow_the_paragraphs_after_it() -> None:
    text = 'He said the talks were "useful.\n\nThe next round opens in Vienna.\n\nAnalysts were unconvinced.'
    (only,) = quotes(parse_article(text, id="t"))
    assert only.text == "useful."


def test_unclosed_statement_runs_over_first_person_paragraphs() -> None:
    text = (
        "NATO issued a statement:\n“We are gravely concerned by the build-up on the borders of Ukraine and reject the claims.\n"
        "We reiterate our support for Ukraine.\n"
        "Ukraine's president thanked the allies."
    )
    (statement,) = quotes(parse_article(text, id="t", published="2021-12-16"))
    assert statement.speaker == "NATO"
    assert statement.text.endswith("We reiterate our support for Ukraine.")


def test_caption_and_heading_quotes_are_flagged() -> None:
    text = (
        "Talks stall\n\n"
        '"We will not compromise," Stoltenberg said. (Jane Doe / Test Agency)\n\n'
        "‘very expensive’\n\n"
        "The meeting ended without agreement."
    )
    found = quotes(parse_article(text, id="t", published="2021-12-16"))
    assert [(q.where, q.fragment) for q in found] == [("caption", False), ("heading", True)]


def test_without_publication_date_a_role_that_changed_hands_stays_unresolved() -> None:
    found = quotes(parse_article('"We are watching," the German chancellor said.', id="t"))
    assert found[0].speaker is None


def test_without_publication_date_a_role_held_throughout_the_crisis_resolves() -> None:
    found = quotes(parse_article('"Our patience has limits," the Kremlin chief said.', id="t"))
    assert (found[0].speaker, found[0].cue) == ("Vladimir Putin", "the Kremlin chief said")


@pytest.mark.parametrize(
    ("article_id", "words", "speaker", "where"),
    [
        ("000", "Since 2014, since the start of the war", "Jens Stoltenberg", "caption"),
        ("000", "Basically I believe that today Russia itself", "Volodymyr Zelensky", "text"),
        ("001", "I intend to convey to our partners", "Olha Stefanishyna", "text"),
        ("002", "NATO allies agree that any further aggression", "Olaf Scholz", "text"),
        ("002", "For the fundamental interests of European security", "Russian Foreign Ministry", "text"),
        ("003", "fake", "Kremlin", "text"),
        ("004", "We are gravely concerned", "NATO", "text"),
    ],
)
def test_seed_attributions(article_id: str, words: str, speaker: str, where: str) -> None:
    article = load_corpus()[article_id]
    matches = [q for q in quotes(article) if q.text.startswith(words)]
    assert matches
    assert {(q.speaker, q.where) for q in matches} >= {(speaker, where)}


def test_every_quote_carries_its_cue_and_offsets() -> None:
    for article in load_corpus():
        for quote in quotes(article):
            assert 0 <= quote.start < quote.end <= len(article.body)
            assert (quote.speaker is None) == (quote.cue is None)


# Issue 14: each rule with a sentence of a real article of the development set
# (tests/gold/real; short excerpts, as the gold data keeps them).
ISSUE_14_CASES = {
    "rule 5: the sentence's closing tag names the speaker of a quotation before other words (ANSA, 28 Jan 2022)": (
        '"The greatest risk for Ukraine is internal destabilization" rather than the threat of a Russian invasion, '
        "Zelensky said in a press conference with foreign media.",
        "2022-01-28",
        [("The greatest risk for Ukraine is internal destabilization", "Volodymyr Zelensky", "person", False)],
    ),
    "rule 5: every quotation of a sentence with one closing tag (247 News Agency, 28 Jan 2022)": (
        "“Everything indicates” that Russian President Vladimir Putin “will use military force at some point, perhaps between now "
        "and mid-February,” US Deputy Secretary of State Wendy Sherman said on Wednesday.",
        "2022-01-28",
        [
            ("Everything indicates", "Wendy Sherman", "person", True),
            ("will use military force at some point, perhaps between now and mid-February,", "Wendy Sherman", "person", True),
        ],
    ),
    "an unnamed official speaks for the body (CNN, 26 Jan 2022)": (
        "An administration official told CNN after the briefing that “there has been no change in where we have been since last "
        "week which is that Russia could invade at any time.”",
        "2022-01-26",
        [
            (
                "there has been no change in where we have been since last week which is that Russia could invade at any time.",
                "White House",
                "unnamed_source",
                False,
            )
        ],
    ),
    "words opening in lower case inside the writer's clause are a fragment, however long (TASS, 14 Jan 2022)": (
        'He stressed that Moscow’s partners "have realized the need for doing this quickly and specifically, on paper, because '
        'Russia will not be waiting indefinitely."',
        "2022-01-14",
        [
            (
                "have realized the need for doing this quickly and specifically, on paper, because Russia will not be waiting indefinitely.",
                None,
                None,
                True,
            )
        ],
    ),
    "a question with 'X asked, emphasizing …' after it (DW, 19 Jan 2022)": (
        "“Didn’t the invasion start in 2014?” Zelensky asked, emphasizing that “the risks exist for more than one day, and they "
        "have not become larger.”",
        "2022-01-19",
        [
            ("Didn’t the invasion start in 2014?", "Volodymyr Zelensky", "person", False),
            ("the risks exist for more than one day, and they have not become larger.", "Volodymyr Zelensky", "person", False),
        ],
    ),
    "a printed surname is the name printed in full before it, not the data's namesake (The Independent, 28 Jan 2022)": (
        "Russia has placed a gun on the table, U.S. Ambassador to Moscow John Sullivan said on Friday. In an online briefing, "
        'Sullivan described the buildup as "extraordinary".',
        "2022-01-28",
        [("extraordinary", "John Sullivan", "person", True)],
    ),
    "a role apposition after a printed name is that name, not the office holder (entity-swapped holdout)": (
        'Brikon Brutreirzouv, the Russian Foreign Ministry spokeswoman, wrote on Telegram: "Another day, another invasion."',
        "2022-02-15",
        [("Another day, another invasion.", "Brikon Brutreirzouv", "person", False)],
    ),
    "a title next to a printed name wins later over the data's office holder (the issue's example)": (
        'NATO secretary-general Maren Halvorsen met allies. "We stand together," the secretary general said.',
        "2022-01-12",
        [("We stand together,", "Maren Halvorsen", "person", False)],
    ),
    "'former' is never the current office holder": (
        '"We are ready," the former secretary general said.',
        "2022-01-12",
        [("We are ready,", None, None, False)],
    ),
    "'NATO sources' are an unnamed source of NATO": (
        '"The risk is real," NATO sources said.',
        "2022-01-12",
        [("The risk is real,", "NATO", "unnamed_source", False)],
    ),
}

# Issue 14, names nobody knows: the renamed gold sets' patterns (invented names, so that
# only the text can tell who speaks).
SWAP_CASES = {
    "a spokeswoman's title makes her no 'he': the man quoted before her is": (
        "Russian Deputy Foreign Minister Drinkev Dreirsaskdrail said on Tuesday that talks would go on.\n\n"
        "Foreign Ministry spokeswoman Brikon Brutreirzouv, for her part, accused the West of hysteria.\n\n"
        "«We will see how Brussels behaves on Wednesday,» he said.",
        "2022-01-11",
        [("We will see how Brussels behaves on Wednesday,", "Drinkev Dreirsaskdrail", "person", False)],
    ),
    "'his' later in the sentence makes the subject a man (an age apposition makes him a person)": (
        "Pharmacist Grilpir Giskgrourtveir bought a flag. Hoskhosk Bulnanfuv, 61, a retired tram driver, has inspected the "
        'basement of his apartment block. "The door is rusted shut," he said.',
        "2022-01-17",
        [("The door is rusted shut,", "Hoskhosk Bulnanfuv", "person", False)],
    ),
    "an honorific says who 'she' is": (
        'Ms Lanfou Meilklouruv met Beinzil Hilorlev of India. "Russia can still choose dialogue," she said.',
        "2022-01-31",
        [("Russia can still choose dialogue,", "Lanfou Meilklouruv", "person", False)],
    ),
    "'she' after a man just quoted is the woman quoted before him": (
        "European Commission President Luzum Gremmaskpa spoke first. “We are ready,” she told reporters.\n\n"
        "Ukrainian President Geishain Vronamrais asked for sanctions. EU foreign policy chief Dilzis Firttroulhum "
        "agreed. “Europe must have a seat,” he said.\n\n“Any aggression will come at a high price,” she added.",
        "2021-12-16",
        [
            ("We are ready,", "Luzum Gremmaskpa", "person", False),
            ("Europe must have a seat,", "Dilzis Firttroulhum", "person", False),
            ("Any aggression will come at a high price,", "Luzum Gremmaskpa", "person", False),
        ],
    ),
    "'According to X' makes X the one a later 'she' means": (
        "This was stated by the Secretary General of the organization Trumzairt Tusgrordrail during a press conference with "
        "the Deputy Prime Minister of Ukraine for European and Euro-Atlantic Integration Nasmun Grorklorki, writes UA.\n\n"
        "“We help Ukraine to carry out reforms.” – Tusgrordrail said.\n\nAccording to Grorklorki, the demands are no position.\n\n"
        "“The aggressor is not in a position to set conditions” – she said.",
        "2022-01-10",
        [
            ("We help Ukraine to carry out reforms.", "Trumzairt Tusgrordrail", "person", False),
            ("The aggressor is not in a position to set conditions", "Nasmun Grorklorki", "person", False),
        ],
    ),
    "a title read as the person named just before is the same person later, not someone with another title": (
        "Fainker Meivnaindtem, who will leave office soon, spoke to reporters.\n\n"
        '"We have to keep talking," the German chancellor added.\n\n'
        "Kremlin spokesman Vospein Tairkleisvail accused the West.\n\n"
        'The German leader defended the deal. "Minsk is the only framework we have," she said.',
        "2021-11-19",
        [
            ("We have to keep talking,", "Fainker Meivnaindtem", "person", False),
            ("Minsk is the only framework we have,", "Fainker Meivnaindtem", "person", False),
        ],
    ),
    "someone printed with another title is not the holder of a role the text never names": (
        "Russian Deputy Foreign Minister Droupund Kligreivtrain said Russia would study the positions.\n\n"
        "The NATO chief struck a more hopeful note. “We sat at the same table,” he told a news conference.",
        "2022-01-12",
        [("We sat at the same table,", "Jens Stoltenberg", "person", False)],
    ),
    "a name after a long role phrase, with 'of Ukraine' between": (
        "Deputy Prime Minister for European and Euro-Atlantic Integration of Ukraine Nasmun Grorklorki said so in Brussels.\n\n"
        "“Nothing about Ukraine without Ukraine” – she said.",
        "2022-01-10",
        [("Nothing about Ukraine without Ukraine", "Nasmun Grorklorki", "person", False)],
    ),
}


@pytest.mark.parametrize("name", list(SWAP_CASES))
def test_names_nobody_knows(name: str) -> None:
    text, published, expected = SWAP_CASES[name]
    found = quotes(parse_article(text, id="t", published=published))
    assert [(q.text, q.speaker, q.speaker_kind, q.fragment) for q in found] == expected


@pytest.mark.parametrize("name", list(ISSUE_14_CASES))
def test_issue_14_attribution(name: str) -> None:
    text, published, expected = ISSUE_14_CASES[name]
    found = quotes(parse_article(text, id="t", published=published))
    assert [(q.text, q.speaker, q.speaker_kind, q.fragment) for q in found] == expected


# Speaker phrases of blind review i14b (issue 14): a definite role phrase and a capital.
SPEAKER_PHRASE_CASES = {
    "a role phrase right after the person is named is that person, when they hold a role there": (
        "Russia hopes for answers in January, presidential spokesman Dmitry Peskov told the media on Friday.\n\n"
        'The Kremlin official stated that the United States was taking "very unfriendly actions" towards Russia.\n\n'
        'Dmitry Peskov spoke on Friday.\n\n"We are waiting," the Kremlin official said.',
        "2021-12-24",
        [("very unfriendly actions", "Dmitry Peskov", "person", True), ("We are waiting,", "Dmitry Peskov", "person", False)],
    ),
    "someone without a role in that body, an indefinite or anonymous official: the body speaks": (
        'Sergei Lavrov spoke on Friday. The Kremlin official said that talks were "very difficult".\n\n'
        'Dmitry Peskov spoke on Friday. A Kremlin official said that talks were "very difficult".\n\n'
        'Jens Stoltenberg spoke on Friday.\n\nThe NATO official, who asked not to be named, said the talks were "very hard".',
        "2021-12-24",
        [
            ("very difficult", "Kremlin", "organization", True),
            ("very difficult", "Kremlin", "unnamed_source", True),
            ("very hard", "NATO", "organization", True),
        ],
    ),
    "a capital speaks for its state, before or after the quotation": (
        'Moscow has said it is "disappointed" with signals from the United States.\n\n'
        'At the same time, Kyiv has repeatedly accused Russia of "provocations."\n\n'
        '"This is a dead end," Moscow said.\n\nMoscow-based analysts called the talks "a dead end".',
        "2022-01-09",
        [
            ("disappointed", "Russia", "organization", True),
            ("provocations.", "Ukraine", "organization", True),
            ("This is a dead end,", "Russia", "organization", False),
            ("a dead end", None, None, True),
        ],
    ),
    # Round 2 (fresh14c, issue 14): who "the official" and "the minister" are.
    "the official of an unnamed source introduced before is that source, not the nearest person": (
        "President Joe Biden met allies on Wednesday. Photo: Nadia Vorkina/Getty Images\n\n"
        "Russia has sent 7,000 more troops to the border, a senior US official said Thursday.\n\n"
        '"We now know it was false," the official said.\n\nThe Biden administration had warned of an invasion.\n\n'
        '"They mean to talk while mobilizing for war," the official said.',
        "2022-02-17",
        [
            ("We now know it was false,", "US government", "unnamed_source", False),
            ("They mean to talk while mobilizing for war,", "US government", "unnamed_source", False),
        ],
    ),
    "an apposition makes the official the person named": (
        'Dmitry Peskov, a Kremlin official, spoke on Friday.\n\n"We are waiting," the official said.',
        "2021-12-24",
        [("We are waiting,", "Dmitry Peskov", "person", False)],
    ),
    "the minister is the person titled so, not the nearest subject": (
        "President Vladimir Putin will decide on the next steps. This was stated on Thursday by Russian Foreign "
        'Minister Sergei Lavrov.\n\n"We will report to the president," the minister said.\n\n'
        'US President Joe Biden spoke to Vladimir Putin.\n\n"We are ready," the president said.',
        "2022-01-27",
        [("We will report to the president,", "Sergei Lavrov", "person", False), ("We are ready,", "Joe Biden", "person", False)],
    ),
    "a passive cue: quoted by an agency as saying": (
        'Kremlin spokesman Dmitry Peskov briefed reporters.\n\n"We expect written answers," he was quoted by TASS as saying. '
        '"Nothing is ruled out," Peskov was cited as saying.',
        "2022-01-25",
        [("We expect written answers,", "Dmitry Peskov", "person", False), ("Nothing is ruled out,", "Dmitry Peskov", "person", False)],
    ),
    "a quotation alone mid-paragraph continues the tagged one before, when nobody else comes between": (
        '"I am concerned," Jens Stoltenberg said, speaking at a forum in Riga. Defence Forum. "It gives Russia options."\n\n'
        '"We are ready," Jens Stoltenberg said. Sergei Lavrov spoke later. "We are not."',
        "2021-12-05",
        [
            ("I am concerned,", "Jens Stoltenberg", "person", False),
            ("It gives Russia options.", "Jens Stoltenberg", "person", False),
            ("We are ready,", "Jens Stoltenberg", "person", False),
            ("We are not.", None, None, False),
        ],
    ),
    "a quotation alone after a one-sentence paragraph about one person continues that person": (
        "Sergei Ryabkov spoke to reporters in Moscow.\n\n"
        "Concerning European NATO members, Ryabkov wished they paid more attention to security.\n\n"
        '"We are very disappointed by Europe’s attitude."\n\nLavrov met Blinken in Geneva on Friday.\n\n'
        "NATO said Blinken had briefed allies.\n\n"
        '"We were not consulted."',
        "2021-12-13",
        [("We are very disappointed by Europe’s attitude.", "Sergei Ryabkov", "person", False), ("We were not consulted.", None, None, False)],
    ),
}


@pytest.mark.parametrize("name", list(SPEAKER_PHRASE_CASES))
def test_speaker_phrases(name: str) -> None:
    text, published, expected = SPEAKER_PHRASE_CASES[name]
    found = quotes(parse_article(text, id="t", published=published))
    assert [(q.text, q.speaker, q.speaker_kind, q.fragment) for q in found] == expected
