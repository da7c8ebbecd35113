"""Build the gold files of the real-article development set (run: python build.py).

Every decision below (span, speaker, fragment, date value, who a name is) was made by
reading the article; Python only turns the decisions into offsets.  Quotations are
located with ``quote_spans`` (the stretches inside double quotation marks, in reading
order) unless an article lists its quotations' texts itself (``QTEXT``); speaker turns of
transcripts are listed as texts too.  Dates are located in reading order; people by
listing each article's name surfaces.  Articles whose text is not in the repository
(see README.md, licences) are built only when their text is present locally; their
gold files are committed with a sha256 of the text they index.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from gold_lib import body_of, find_in_order, header_of, name_spans, quote_spans

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "data"
P, ORG, U = "person", "organization", "unnamed_source"
WH, SD, RFM, UFM = "White House", "US State Department", "Russian Foreign Ministry", "Ukrainian Foreign Ministry"

# Per article: quotes = [(speaker, kind, fragment, note)], aligned with the located spans;
# dates = [(text, value, until)]; people = {surface: name}; where = {paragraph start: kind}.
A: dict[str, dict] = {}


def q(speaker: str | None, kind: str | None, fragment: bool, note: str = "") -> tuple:
    return (speaker, kind, fragment, note)


def turns(body: str, labels: dict[str, tuple[str | None, str | None]]) -> list[tuple[str, tuple]]:
    """Speaker turns: each paragraph of a labelled turn (the rest of the label's line,
    then every following unlabelled paragraph) is one quotation of the label's speaker.
    Questions ("Q") are the press's and are not quotations."""
    out = []
    current: tuple[str | None, str | None] | None = None
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        label = next((lab for lab in labels if stripped.startswith(lab)), None)
        if label is not None:
            current = labels[label]
            text = stripped[len(label):].strip()
        elif stripped.startswith("Q "):
            current = None
            continue
        else:
            text = stripped
        if current is not None and current != (None, None) and text:
            out.append((text, q(current[0], current[1], False, "speaker turn")))
    return out


A["01_voa_geneva_little_progress"] = {
    "quotes": [q("Antony Blinken", P, False), q("Antony Blinken", P, False), q("Antony Blinken", P, False),
            q("Antony Blinken", P, True, "Blinken warned earlier this month that Moscow could ...")],
    "dates": [("Friday", "2022-01-21", None)],
    "people": {"Antony Blinken": "Antony Blinken", "Blinken": "Antony Blinken", "Sergey Lavrov": "Sergey Lavrov"},
    "excluded": ["earlier this month"],
}
A["02_voa_learning_geneva_talks"] = {
    "quotes": [q("Russian Mission in Geneva", ORG, False, "a post of the Russian diplomatic mission on Twitter"),
            q("Wendy Sherman", P, False, "an earlier tweet of Sherman's")],
    "dates": [("Monday", "2022-01-10", None), ("Monday, Jan. 10, 2022", "2022-01-10", None),
           ("later this week", "2022-W02", None), ("Eight years ago", "2014", None)],
    "people": {"Wendy Sherman": "Wendy Sherman", "Sergei Ryabkov": "Sergei Ryabkov", "Sherman": "Wendy Sherman",
            "Denis Balibouse": "Denis Balibouse"},
    "where": {"US Deputy Secretary of State Wendy Sherman, left": "caption"},
    "excluded": ["30 years ago (the Cold War ended in 1991: approximate)"],
}
A["03_voa_what_we_know_jan24"] = {
    "quotes": [q(SD, ORG, True, "name of the notices the State Department reissued"), q(SD, ORG, True),
            q("Antony Blinken", P, True), q(None, None, True, "'a move the U.S. calls a non-starter': the US government in general")],
    "dates": [("Monday", "2022-01-24", None), ("Sunday", "2022-01-23", None), ("Sunday", "2022-01-23", None),
           ("Sunday", "2022-01-23", None), ("Sunday", "2022-01-23", None)],
    "people": {"Antony Blinken": "Antony Blinken", "Blinken": "Antony Blinken"},
}
A["04_nato_press_conference_jan7"] = {
    "quotes": [],
    "dates": [("Wednesday", "2022-01-12", None), ("Monday", "2022-01-10", None), ("Thursday", "2022-01-13", None),
           ("today", "2022-01-07", None), ("Next week", "2022-W02", None)],
    "people": {},
    "excluded": ["over many weeks"],
    "note": "A transcript of the Secretary General's own words (Friday 7 January): the weekdays are the coming ones (future tense).",
}
A["05_nato_opening_remarks_jan7"] = {"quotes": [], "dates": [("12 January", "2022-01-12", None)], "people": {}, "excluded": ["New Year (a greeting)"]}
A["06_nato_nrc_press_conference_jan12"] = {
    "quotes": [], "dates": [("Today", "2022-01-12", None), ("December", "2021-12", None)], "people": {}, "excluded": ["two years"],
}
A["07_whitehouse_briefing_feb11"] = {
    "turns": {"MS. PSAKI:": ("Jen Psaki", P), "MR. SULLIVAN:": ("Jake Sullivan", P)},
    "dates": [("Friday", "2022-02-11", None), ("Friday", "2022-02-11", None), ("today", "2022-02-11", None)],
    "people": {"PSAKI": "Jen Psaki", "Jake Sullivan": "Jake Sullivan", "Jake": "Jake Sullivan", "SULLIVAN": "Jake Sullivan",
            "Vladimir Putin": "Vladimir Putin"},
    "note": "'Q' lines are reporters' and are not quotations.",
}
A["08_whitehouse_background_call_dec6"] = {
    "turns": {"MODERATOR:": (WH, U), "SENIOR ADMINISTRATION OFFICIAL:": (WH, U)},
    "dates": [("today", "2021-12-06", None), ("today", "2021-12-06", None), ("tomorrow", "2021-12-07", None), ("today", "2021-12-06", None)],
    "people": {"Biden": "Joe Biden", "Putin": "Vladimir Putin", "Blinken": "Antony Blinken", "Zelenskyy": "Volodymyr Zelensky"},
    "note": "Moderator and briefer are unnamed White House officials (background call): speaker White House, kind unnamed_source. The quoted 'senior administration official.' lies inside the moderator's turn and is not an entry of its own.",
}
A["09_state_background_briefing_dec17"] = {
    "turns": {"MODERATOR:": (SD, U), "SENIOR ADMINISTRATION OFFICIAL:": (SD, U)},
    "dates": [("this morning", "2021-12-17", None), ("today", "2021-12-17", None), ("this morning", "2021-12-17", None),
           ("this morning", "2021-12-17", None)],
    "people": {},
    "note": "A State Department background briefing: speakers are its unnamed moderator and a senior official (US State Department, unnamed_source). Published 17 Dec 2021, the day after the North Atlantic Council statement the briefing calls 'yesterday's' (later in the page).",
}
A["10_background_call_feb12"] = {
    "turns": {"MODERATOR:": (WH, U), "SENIOR ADMINISTRATION OFFICIAL:": (WH, U)},
    "dates": [("today", "2022-02-12", None), ("Today", "2022-02-12", None), ("Today", "2022-02-12", None)],
    "people": {},
    "excluded": ["several weeks", "a bit over an hour"],
}
A["11_interfax_blinken_focus"] = {
    "quotes": [q("Antony Blinken", P, False), q("Antony Blinken", P, False, "he said"), q("Antony Blinken", P, False),
            q("Antony Blinken", P, False, "the US Secretary of State said")],
    "dates": [], "people": {"Antony Blinken": "Antony Blinken", "Blinken": "Antony Blinken", "Jake Sullivan": "Jake Sullivan"},
    "excluded": ["just in recent weeks"],
}
A["12_tass_putin_immediately_now"] = {
    "quotes": [q("Vladimir Putin", P, True), q("Vladimir Putin", P, False, "he added; nested 'No, and Ukraine will be in NATO'"),
            q("Vladimir Putin", P, False, "the head of state pointed out")],
    "dates": [("Thursday", "2021-12-23", None), ("December 17", "2021-12-17", None)],
    "people": {"Vladimir Putin": "Vladimir Putin", "Dmitry Peskov": "Dmitry Peskov", "Yuri Ushakov": "Yuri Ushakov",
            "Jake Sullivan": "Jake Sullivan", "Sergei Ryabkov": "Sergei Ryabkov"},
    "excluded": ["for decades"],
}
A["13_apa_putin_nato_east"] = {
    "quotes": [q("Vladimir Putin", P, False), q("Vladimir Putin", P, False)],
    "dates": [("early next year", "2022", None)],
    "people": {"Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin"},
}
A["14_sputnik_peskov_life_death"] = {
    "quotes": [q("Dmitry Peskov", P, False)],
    "dates": [("26th December, 2021", "2021-12-26", None), ("December 26", "2021-12-26", None), ("Sunday", "2021-12-26", None)],
    "people": {"Dmitry Peskov": "Dmitry Peskov", "Peskov": "Dmitry Peskov"},
}
A["15_infosurhoy_geneva_begin"] = {
    "quotes": [q("Antony Blinken", P, False), q("Antony Blinken", P, False, "continues Blinken"), q("Sergey Lavrov", P, False),
            q("Sergey Lavrov", P, False, "continues Lavrov")],
    "dates": [("this year", "2022", None), ("this year", "2022", None), ("Friday", "2022-01-21", None), ("Thursday", "2022-01-20", None)],
    "people": {"Antony Blinken": "Antony Blinken", "Sergey Lavrov": "Sergey Lavrov", "Blinken": "Antony Blinken", "Lavrov": "Sergey Lavrov",
            "Vladimir Putin": "Vladimir Putin"},
    "excluded": ["in the past decades", "a few hours after the meeting"],
}
A["16_epochtimes_no_breakthrough"] = {
    "quotes": [q(None, None, True, "'both men said': two speakers"), q("Antony Blinken", P, True), q("Antony Blinken", P, True),
            q("Antony Blinken", P, False), q("Antony Blinken", P, False), q("Sergey Lavrov", P, True), q("Sergey Lavrov", P, False, "'adding that' + a whole clause: a statement"),
            q("Sergey Lavrov", P, True), q("Antony Blinken", P, False, "after 'Blinken says he reiterated that stance'")],
    "dates": [("Friday", "2022-01-21", None), ("next week", "2022-W04", None)],
    "people": {"Antony Blinken": "Antony Blinken", "Sergei Lavrov": "Sergey Lavrov", "Blinken": "Antony Blinken", "Lavrov": "Sergey Lavrov"},
    "excluded": ["in recent weeks", "in the near future"],
}
A["17_npr_biden_putin_call"] = {
    "quotes": [q(WH, ORG, True, "the White House readout"), q(WH, ORG, True, "according to the readout"), q("Jake Sullivan", P, True),
            q("Jake Sullivan", P, True), q("Jake Sullivan", P, True), q("Jake Sullivan", P, False), q("Jake Sullivan", P, True)],
    "dates": [("Tuesday", "2021-12-07", None), ("December 7, 2021", "2021-12-07", None), ("2014", "2014", None)],
    "people": {"Biden": "Joe Biden", "Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin", "Jake Sullivan": "Jake Sullivan",
            "Sullivan": "Jake Sullivan"},
}
A["18_ap_geneva_talks_begin"] = {
    "quotes": [q(None, None, True, "name of the talks"), q("Sergei Ryabkov", P, True)],
    "dates": [("Monday", "2022-01-10", None), ("this week", "2022-W02", None), ("June", "2021-06", None), ("Sunday", "2022-01-09", None),
           ("Wednesday", "2022-01-12", None), ("Thursday", "2022-01-13", None)],
    "people": {"Sergei Ryabkov": "Sergei Ryabkov", "Wendy Sherman": "Wendy Sherman", "Joe Biden": "Joe Biden",
            "Vladimir Putin": "Vladimir Putin", "Ryabkov": "Sergei Ryabkov"},
}
A["19_newsfront_geneva_ryabkov"] = {
    "quotes": [q("Sergei Ryabkov", P, False, "'Sergey Ryabikov said' (misspelt)")],
    "dates": [("January 12", "2022-01-12", None), ("the next day", "2022-01-13", None)],
    "people": {"Sergey Ryabkov": "Sergei Ryabkov", "Wendy Sherman": "Wendy Sherman", "Sergey Ryabikov": "Sergei Ryabkov"},
}
A["20_rferl_geneva_difficult"] = {
    "quotes": [q("Wendy Sherman", P, True), q("Wendy Sherman", P, True), q("Wendy Sherman", P, True), q("Sergei Ryabkov", P, False),
            q("Sergei Ryabkov", P, True), q("Sergei Ryabkov", P, True)],
    "dates": [("January 10", "2022-01-10", None), ("January 10", "2022-01-10", None)],
    "people": {"Wendy Sherman": "Wendy Sherman", "Sergei Ryabkov": "Sergei Ryabkov", "Sherman": "Wendy Sherman", "Ryabkov": "Sergei Ryabkov"},
    "where": {"U.S. Deputy Secretary of State Wendy Sherman (left)": "caption"},
}
A["21_thehill_kirby_8500"] = {
    "quotes": [q("John Kirby", P, False), q("John Kirby", P, True, "Kirby's statement, describing what Austin did"), q("John Kirby", P, False),
            q("John Kirby", P, True)],
    "dates": [("Monday", "2022-01-24", None), ("Monday", "2022-01-24", None)],
    "people": {"John Kirby": "John Kirby", "Biden": "Joe Biden", "Lloyd Austin": "Lloyd Austin", "Kirby": "John Kirby"},
    "excluded": ["in recent days"],
}
A["22_ansa_zelensky_panic"] = {
    "quotes": [q("Volodymyr Zelensky", P, True), q("Joe Biden", P, True), q("Volodymyr Zelensky", P, False), q("Volodymyr Zelensky", P, True),
            q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, False),
            q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, True),
            q("Volodymyr Zelensky", P, False, "'Asked the Ukrainian leader'")],
    "dates": [("JAN 28", "2022-01-28", None), ("February", "2022-02", None), ("2021", "2021", None), ("last year", "2021", None)],
    "people": {"Volodymyr Zelensky": "Volodymyr Zelensky", "Zelensky": "Volodymyr Zelensky", "Joe Biden": "Joe Biden"},
}
A["23_rferl_zelenskiy_calm"] = {
    "quotes": [q("Volodymyr Zelensky", P, False), q("Volodymyr Zelensky", P, False), q("Jen Psaki", P, True), q("Volodymyr Zelensky", P, False)],
    "dates": [("January 28", "2022-01-28", None), ("this week", "2022-W04", None)],
    "people": {"Volodymyr Zelenskiy": "Volodymyr Zelensky", "Zelenskiy": "Volodymyr Zelensky", "Jen Psaki": "Jen Psaki"},
    "excluded": ["In recent weeks"],
}
A["24_247news_zelensky_panic"] = {
    "quotes": [q("Volodymyr Zelensky", P, False, "the outlet calls him 'Ukraine's prime minister' (sic)"), q("Volodymyr Zelensky", P, True),
            q("Volodymyr Zelensky", P, False), q("Volodymyr Zelensky", P, False), q("Volodymyr Zelensky", P, False),
            q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, True),
            q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, True), q("Volodymyr Zelensky", P, False),
            q("Wendy Sherman", P, True), q("Wendy Sherman", P, True)],
    "dates": [("this Friday", "2022-01-28", None), ("2021", "2021", None), ("last year", "2021", None), ("mid-February", "2022-02", None),
           ("Wednesday", "2022-01-26", None)],
    "people": {"Zelensky": "Volodymyr Zelensky", "Volodymyr Zelensky": "Volodymyr Zelensky", "Vladimir Putin": "Vladimir Putin",
            "Wendy Sherman": "Wendy Sherman"},
    "excluded": ["for weeks"],
}
A["25_dw_zelensky_dont_panic"] = {
    "quotes": [q("Volodymyr Zelensky", P, False), q("Volodymyr Zelensky", P, False, "'emphasizing that' + a whole clause"),
            q("Volodymyr Zelensky", P, False), q("Volodymyr Zelensky", P, True, "'the president called on'"), q("Volodymyr Zelensky", P, True, "'the head of state summed up'")],
    "dates": [("Wednesday, January 19", "2022-01-19", None), ("2014", "2014", None), ("January 19", "2022-01-19", None),
           ("Thursday, January 20", "2022-01-20", None), ("January 21", "2022-01-21", None), ("Last week", "2022-W02", None)],
    "people": {"Volodymyr Zelensky": "Volodymyr Zelensky", "Zelensky": "Volodymyr Zelensky", "Dmitry Kuleba": "Dmytro Kuleba",
            "Anthony Blinken": "Antony Blinken", "Blinken": "Antony Blinken", "Annalena Baerbock": "Annalena Baerbock",
            "Jean-Yves Le Drian": "Jean-Yves Le Drian", "Liz Truss": "Liz Truss", "Sergey Lavrov": "Sergey Lavrov"},
    "where": {"The President of Ukraine urged": "heading", "Zelensky met with Blinken": "heading"},
}
A["26_cnn_kyiv_residents"] = {
    "quotes": [q("Taras Samchuk", P, False), q("Taras Samchuk", P, False), q("Taras Samchuk", P, False), q("Taras Samchuk", P, False)],
    "dates": [("February 1, 2022", "2022-02-01", None), ("Monday", "2022-02-14", None), ("2014", "2014", None)],
    "people": {"Chris McGrath": "Chris McGrath", "Taras Samchuk": "Taras Samchuk", "Samchuk": "Taras Samchuk"},
    "where": {"A woman walks past": "caption"},
    "excluded": ["for eight years now", "late 19th century", "for a few days"],
}
A["27_independent_gun_on_table"] = {
    "quotes": [q("Joe Biden", P, True), q(None, None, True, "'Russia meanwhile says': the country"), q("John Sullivan", P, True),
            q("John Sullivan", P, True), q("National Cyber Security Centre", ORG, True), q("National Cyber Security Centre", ORG, True)],
    "dates": [("next month", "2022-02", None), ("Friday", "2022-01-28", None)],
    "people": {"Joe Biden": "Joe Biden", "John Sullivan": "John Sullivan", "Sullivan": "John Sullivan"},
    "note": "John Sullivan is the US ambassador in Moscow, not the national security adviser Jake Sullivan.",
}
A["28_kyivindependent_daily_jan14"] = {
    "quotes": [q("Jake Sullivan", P, False), q("Russian Defence Ministry", ORG, True), q("Andriy Yermak", P, False)],
    "dates": [("Jan. 14, 2022", "2022-01-14", None), ("Jan. 14", "2022-01-14", None), ("Jan. 14", "2022-01-14", None)],
    "people": {"Jake Sullivan": "Jake Sullivan", "Biden": "Joe Biden", "Andriy Yermak": "Andriy Yermak", "Yermak": "Andriy Yermak",
            "Volodymyr Zelensky": "Volodymyr Zelensky"},
    "where": {"Ukraine’s jet pilots": "caption", "Russia’s war against Ukraine": "heading"},
}
A["29_apostrophe_macron_putin_call"] = {
    "qtext": ["Vladimir Putin and Emmanuel Macron also discussed the situation concerning provocative speculations regarding the allegedly planned Russian “invasion” of Ukraine, which is accompanied by massive supplies of modern weaponry to Ukraine, thus creating conditions for possible aggressive actions by the Ukrainian military in Donbas,",
           "Yes, the conversation took place,", "sincere dialogue is incompatible with escalation",
           "try to ease the growing tensions in the Russian-Ukrainian crisis",
           "Let's start building an answer that is useful for Russia, useful for our entire Europe, an answer that will avoid war, create elements of trust, stability, and visibility. Together,"],
    "quotes": [q("TASS", ORG, False, "the Kremlin's account as the Russian news agency reports it; nested “invasion”"), q("Dmitry Peskov", P, False),
            q("Emmanuel Macron", P, False, "'told Putin that' + a whole clause"), q("Élysée Palace", ORG, True, "'Paris reported'"), q("Emmanuel Macron", P, False, "his Twitter post")],
    "dates": [("February 12", "2022-02-12", None)],
    "people": {"Emmanuel Macron": "Emmanuel Macron", "Vladimir Putin": "Vladimir Putin", "Dmitry Peskov": "Dmitry Peskov",
            "Macron": "Emmanuel Macron", "Putin": "Vladimir Putin"},
    "excluded": ["1 hour 40 minutes"],
}
A["30_afp_putin_macron_guarantees"] = {
    "quotes": [q("Kremlin", ORG, False, "a Kremlin statement"), q("Volodymyr Zelensky", P, True), q("Élysée Palace", ORG, True, "the French presidency said")],
    "dates": [("Monday", "2022-01-31", None), ("Monday", "2022-01-31", None), ("2015", "2015", None)],
    "people": {"Vladimir Putin": "Vladimir Putin", "Emmanuel Macron": "Emmanuel Macron", "Volodymyr Zelensky": "Volodymyr Zelensky",
            "Macron": "Emmanuel Macron", "Putin": "Vladimir Putin"},
    "excluded": ["in recent days", "recently"],
}
A["31_cnn_psaki_imminent"] = {
    "quotes": [q(WH, ORG, True), q("Jen Psaki", P, False), q("Jen Psaki", P, False), q("Joe Biden", P, True), q("Jen Psaki", P, False),
            q("Jen Psaki", P, False), q("Jen Psaki", P, True),
            q(WH, U, False, "'An administration official told CNN': anonymous source"), q("Jen Psaki", P, False), q("Jen Psaki", P, True)],
    "dates": [("Last week", "2022-W03", None), ("last week", "2022-W03", None), ("Tuesday", "2022-01-25", None), ("last week", "2022-W03", None),
           ("last week", "2022-W03", None)],
    "people": {"Kevin Liptak": "Kevin Liptak", "Jen Psaki": "Jen Psaki", "Putin": "Vladimir Putin", "Joe Biden": "Joe Biden",
            "Vladimir Putin": "Vladimir Putin", "Psaki": "Jen Psaki"},
}
A["32_telesur_putin_press_conference"] = {
    "quotes": [q("Fred Weir", P, False)],
    "dates": [("December", "2021-12", None), ("early next year", "2022", None), ("last year", "2020", None)],
    "people": {"Vladimir Putin": "Vladimir Putin", "Fred Weir": "Fred Weir", "Gilbert Doctorow": "Gilbert Doctorow", "Putin": "Vladimir Putin",
            "Biden": "Joe Biden", "Weir": "Fred Weir"},
    "excluded": ["since the 90s"],
}
A["33_rferl_zelenskiy_new_year"] = {
    "quotes": [q("Volodymyr Zelensky", P, False), q("Volodymyr Zelensky", P, False, "second half of the split quotation")],
    "dates": [("December 31", "2021-12-31", None)],
    "people": {"Volodymyr Zelenskiy": "Volodymyr Zelensky"},
}
A["34_pdc_blinken_voa_interview"] = {
    "quotes": [q("Antony Blinken", P, True, "opening mark never closed: ends with its paragraph"), q("Antony Blinken", P, False),
            q("Antony Blinken", P, False), q("Antony Blinken", P, False), q("Antony Blinken", P, False), q("The Hill", ORG, False),
            q("The Hill", ORG, False)],
    "dates": [("January 19", "2022-01-19", None), ("2014", "2014", None), ("eight years ago", "2014", None)],
    "people": {"Antony Blinken": "Antony Blinken", "Volodymyr Zelensky": "Volodymyr Zelensky", "Zelensky": "Volodymyr Zelensky",
            "Blinken": "Antony Blinken", "Myroslava Gongadze": "Myroslava Gongadze", "Putin": "Vladimir Putin", "Biden": "Joe Biden"},
    "where": {"A warning to Russia": "heading", "Secretary Blinken’s message": "heading"},
}
A["35_ansa_geneva_talks_begin"] = {
    "quotes": [q("US Mission in Geneva", ORG, False, "a note from the US mission"), q("US Mission in Geneva", ORG, False, "'the note added'")],
    "dates": [("JAN 10", "2022-01-10", None), ("this morning", "2022-01-10", None), ("last night", "2022-01-09", None),
           ("January 10", "2022-01-10", None)],
    "people": {"Wendy Sherman": "Wendy Sherman", "Sergei Riabkov": "Sergei Ryabkov"},
}
A["37_tass_lavrov_lame_excuse"] = {
    "quotes": [q("Sergey Lavrov", P, True), q("Sergey Lavrov", P, False), q("Sergey Lavrov", P, True), q("Sergey Lavrov", P, False),
            q("Sergey Lavrov", P, False, "nested ‘open door’")],
    "dates": [("January 14", "2022-01-14", None), ("2021", "2021", None)],
    "people": {"Sergey Lavrov": "Sergey Lavrov", "Lavrov": "Sergey Lavrov", "Josep Borrell": "Josep Borrell"},
}
A["38_tass_lavrov_legal_guarantees"] = {
    "quotes": [q("Sergey Lavrov", P, False), q("Sergey Lavrov", P, False)],
    "dates": [("January 14", "2022-01-14", None), ("2021", "2021", None), ("Friday", "2022-01-14", None), ("December", "2021-12", None),
           ("January 10", "2022-01-10", None), ("January 12", "2022-01-12", None), ("December 17", "2021-12-17", None),
           ("January 10", "2022-01-10", None), ("January 12", "2022-01-12", None)],
    "people": {"Sergey Lavrov": "Sergey Lavrov"},
    "excluded": ["in the 90s"],
}
A["39_usfreenews_lavrov_not_satisfied"] = {
    "qtext": ["The main issue is our clear position on the inadmissibility of further expansion of NATO to the east and the deployment of strike weapons that could threaten the territory of the Russian Federation,",
           "After interdepartmental coordination, we will report to President Vladimir Putin. He will decide on our next steps,",
           "We are now studying the response that we received from the Americans and which, as [U.S. Secretary of State Antony] Blinken himself said, was agreed with the Ukrainians and other Western countries, allies of the United States,",
           "At the same time, we received a response from the North Atlantic Alliance, from the Secretary General [NATO Jens] Stoltenberg. We are considering two documents in a complex, taking into account the fact that they are a reaction to the draft contracts and agreements that we distributed in December 2021."],
    "quotes": [q("Sergey Lavrov", P, False), q("Sergey Lavrov", P, False), q("Sergey Lavrov", P, False),
            q("Sergey Lavrov", P, False, "continues after '– the Russian Foreign Minister added. –' without a new opening mark")],
    "dates": [("January 27", "2022-01-27", None), ("Thursday", "2022-01-27", None), ("December 2021", "2021-12", None)],
    "people": {"Sergey Lavrov": "Sergey Lavrov", "Vladimir Putin": "Vladimir Putin", "Sergei Lavrov": "Sergey Lavrov", "Lavrov": "Sergey Lavrov",
            "Blinken": "Antony Blinken", "Stoltenberg": "Jens Stoltenberg"},
}
A["40_ukrinform_blinken_briefs_kuleba"] = {
    "quotes": [q(UFM, ORG, False, "the statement said"), q(None, None, True, "'Both parties stressed'"), q("Dmytro Kuleba", P, False)],
    "dates": [("January 11", "2022-01-11", None), ("January 10", "2022-01-10", None)],
    "people": {"Dmytro Kuleba": "Dmytro Kuleba", "Antony Blinken": "Antony Blinken", "Blinken": "Antony Blinken", "Kuleba": "Dmytro Kuleba"},
}
A["41_apa_kuleba_no_say"] = {
    "quotes": [q("Dmytro Kuleba", P, False)], "dates": [("Tuesday", "2022-01-11", None)], "people": {"Dmytro Kuleba": "Dmytro Kuleba"},
}
A["42_sputnik_lavrov_january_talks"] = {
    "quotes": [q("Sergey Lavrov", P, False), q("Sergey Lavrov", P, True)],
    "dates": [("January", "2022-01", None), ("Wednesday", "2021-12-22", None), ("January", "2022-01", None)],
    "people": {"Sergey Lavrov": "Sergey Lavrov", "Lavrov": "Sergey Lavrov"},
}
A["43_pbs_biden_putin_call_dec30"] = {
    "quotes": [q(WH, U, True, "'a senior administration official who just briefed reporters'"),
            q(RFM, U, True, "'a senior Russian diplomat' quoted by Russian state media")],
    "dates": [("early January", "2022-01", None), ("1997", "1997", None), ("today", "2021-12-30", None)],
    "people": {"Nick Schifrin": "Nick Schifrin", "Amna": "Amna Nawaz", "Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin",
            "Biden": "Joe Biden"},
    "excluded": ["decades", "after 11:00 p.m.", "just before 6:00 p.m. Eastern", "At this hour"],
}
A["44_sputnik_sullivan_expects_call"] = {
    "quotes": [q("Jake Sullivan", P, False)],
    "dates": [("12th February, 2022", "2022-02-12", None), ("Friday", "2022-02-11", None)],
    "people": {"Jake Sullivan": "Jake Sullivan", "Joe Biden": "Joe Biden", "Vladimir Putin": "Vladimir Putin", "Biden": "Joe Biden",
            "Putin": "Vladimir Putin", "Sullivan": "Jake Sullivan"},
}

PUBLIC_DOMAIN_VOA = "public domain: work of the US Government (Voice of America, 17 U.S.C. 105); read on a site that re-publishes it"
PUBLIC_DOMAIN_US = "public domain: work of the US Government (17 U.S.C. 105)"
NATO_TERMS = "NATO: nato.int material may be reproduced with attribution (source: NATO)"
# Texts whose licence allows them in the repository; every other text is copyrighted by
# its outlet and only its gold annotations (offsets, short excerpts, URL, sha256) are committed.
LICENCE = {
    "01": PUBLIC_DOMAIN_VOA, "02": PUBLIC_DOMAIN_VOA, "03": PUBLIC_DOMAIN_VOA,
    "04": NATO_TERMS, "05": NATO_TERMS, "06": NATO_TERMS + "; read on a site that re-publishes the transcript",
    "07": PUBLIC_DOMAIN_US, "08": PUBLIC_DOMAIN_US, "09": PUBLIC_DOMAIN_US,
    "10": PUBLIC_DOMAIN_US + "; read at the American Presidency Project",
}
COPYRIGHTED = "copyright of the outlet: text not in the repository (re-create it locally, see README.md)"

PRECISION = {10: "day", 8: "week", 7: "month", 4: "year"}


def paragraphs(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in body.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def where_of(body: str, offset: int, where: dict[str, str]) -> str:
    for a, b in paragraphs(body):
        if a <= offset <= b:
            text = body[a:b].strip()
            return next((kind for start, kind in where.items() if text.startswith(start)), "body")
    return "body"


def build(stem: str, path: Path) -> dict:
    spec = A[stem]
    body = body_of(path)
    header = header_of(path)
    where = spec.get("where", {})
    if "turns" in spec:
        listed = turns(body, spec["turns"])
        spans = find_in_order(body, [t for t, _ in listed])
        decisions = [d for _, d in listed]
    else:
        spans = find_in_order(body, spec["qtext"]) if "qtext" in spec else quote_spans(body)
        decisions = spec["quotes"]
    if len(spans) != len(decisions):
        raise SystemExit(f"{stem}: {len(spans)} quotations located, {len(decisions)} decided")
    quotes = []
    for (a, b), (speaker, kind, fragment, note) in zip(spans, decisions, strict=True):
        entry = {"text": body[a:b], "start": a, "end": b, "speaker": speaker, "speaker_kind": kind, "fragment": fragment,
                 "where": where_of(body, a, where)}
        if note:
            entry["note"] = note
        quotes.append(entry)
    dates = []
    for (a, b), (text, value, until) in zip(find_in_order(body, [d[0] for d in spec["dates"]]), spec["dates"], strict=True):
        precision = "week" if "W" in value else PRECISION[len(value)]
        dates.append({"text": text, "start": a, "end": b, "value": value, "until": until, "precision": precision})
    people = [{"name": name, "text": body[a:b], "start": a, "end": b, "where": where_of(body, a, where)}
              for a, b, name in name_spans(body, spec["people"])]
    return {
        "article": stem, "file": path.name, "published": header["published"], "url": header["url"], "outlet": header["outlet"],
        "licence": LICENCE.get(stem[:2], COPYRIGHTED), "text_in_repository": stem[:2] in LICENCE,
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "quotes": quotes, "dates": sorted(dates, key=lambda d: d["start"]), "people": people,
        "excluded": spec.get("excluded", []), **({"note": spec["note"]} if "note" in spec else {}),
    }


def main() -> None:
    built = 0
    for stem in A:
        path = next((p for d in ("real", "real_local") if (p := DATA / d / f"{stem}.txt").exists()), None)
        if path is None:
            print(f"skipped {stem}: its text is not here (see README.md)", file=sys.stderr)
            continue
        gold = build(stem, path)
        (HERE / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        built += 1
    print(f"built {built} gold files")


if __name__ == "__main__":
    main()
