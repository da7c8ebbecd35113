"""Exchange formats: export -> read back gives the same questions, answers and feedback."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import pytest

from edu_kit.errors import QuizBankError
from edu_kit.quiz import load_bank
from edu_kit.quiz.formats import gift, moodle_xml, qti
from edu_kit.quiz.model import TYPES, Numeric, Question

HOSTILE = 'Braces {x} : colon ~ tilde = equals # hash \\ backslash <b>tag</b> & "quotes" \'single\' -- ... $5 *star* _u_ 1. %'


def _q(qid: str, kind: str, choices: tuple[str, ...], answer: Any, prompt: str = "") -> Question:
    return Question(qid, kind, prompt or f"{HOSTILE} ({qid})", choices, answer, explanation="Why: " + HOSTILE,  # type: ignore[arg-type]
                    topics=("concepts", "timeline"), difficulty="hard", reference="Test document")


EDGE = (
    _q("edge-single", "single", ("A {1}", "B: ~2", "=C#3"), "B: ~2"),
    _q("edge-multiple", "multiple", ("x", "y#", "z{}"), ("z{}", "x")),
    _q("edge-tf", "true_false", ("True", "False"), False),
    _q("edge-short", "short_text", (), ("spheres of influence", "a sphere: of {influence}")),
    _q("edge-numeric", "numeric", (), Numeric(100_000, 10_000, "troops")),
    _q("edge-fraction", "numeric", (), Numeric(2.5, 0.25, "")),
    _q("edge-matching", "matching", ("Geneva", "Brussels", "Minsk", "Vienna -> Hofburg"), (
        ("SSD {10 Jan}", "Geneva"), ("NRC: 12 Jan", "Brussels"), ("OSCE: 13 Jan", "Vienna -> Hofburg"))),
    _q("edge-ordering", "ordering", ("b", "a", "c"), ("a", "b", "c")),
    Question("edge-multiline", "single", "Line one\nLine two: {x}", ("a", "b"), "a", explanation="One\nTwo",
             topics=("sources",), difficulty="easy", reference="Test"),
)
NATIVE = ("id", "type", "prompt", "choices", "answer", "explanation")


def _native(q: Question, *, unit: bool = True, key_order: bool = True) -> tuple[Any, ...]:
    answer = q.answer
    if not key_order and q.type == "multiple" and isinstance(answer, tuple):
        answer = tuple(sorted(answer))  # type: ignore[arg-type]
    if not unit and isinstance(answer, Numeric):
        answer = Numeric(answer.value, answer.tolerance, "")
    return (q.id, q.type, q.prompt, q.choices, answer, q.explanation)


def _supported(module: Any) -> set[str]:
    open_type = {"open"} if "open" in TYPES else set()
    return open_type | {"gift": {"single", "multiple", "true_false", "short_text", "numeric", "matching"},
            "moodle_xml": {"single", "multiple", "true_false", "short_text", "numeric", "matching", "ordering"},
            "qti": {"single", "multiple", "true_false", "short_text", "numeric"}}[module.__name__.rsplit(".", 1)[1]]


@pytest.fixture(scope="module")
def bundled() -> tuple[Question, ...]:
    return tuple(load_bank())


@pytest.mark.parametrize("module", [gift, moodle_xml], ids=["gift", "moodle-xml"])
def test_round_trip_is_exact_for_every_supported_question(module: Any, bundled: tuple[Question, ...]) -> None:
    questions = bundled + EDGE
    exported = module.dump(questions)
    back = module.load(exported.data)
    assert back.left_out == ()
    expected = [q for q in questions if q.type in _supported(module)]
    assert [q.id for q in back.questions] == [q.id for q in expected]
    assert back.questions == tuple(expected)  # every field, metadata included


def test_qti_round_trip_keeps_questions_answers_and_feedback(bundled: tuple[Question, ...]) -> None:
    questions = bundled + EDGE
    exported = qti.dump(questions)
    back = qti.load(exported.data, topic="concepts")
    # an essay comes back without model answer and rubric, which an open question needs: listed
    expected = [q for q in questions if q.type in _supported(qti) and q.type != "open"]
    assert [_native(q, unit=False, key_order=False) for q in back.questions] == \
        [_native(q, unit=False, key_order=False) for q in expected]
    essays = {q.id for q in questions if q.type == "open"}
    assert {item.question for item in back.left_out} == essays
    assert all("model answer and a rubric" in item.why for item in back.left_out)


@pytest.mark.parametrize("module", [gift, moodle_xml, qti], ids=["gift", "moodle-xml", "qti"])
def test_what_a_format_cannot_hold_is_listed(module: Any) -> None:
    exported = module.dump(EDGE)
    dropped = {item.question for item in exported.left_out if item.what == "question"}
    assert dropped == {q.id for q in EDGE if q.type not in _supported(module)}
    assert set(exported.questions) | dropped == {q.id for q in EDGE}
    if module is not moodle_xml:  # Moodle XML has units; GIFT and QTI do not
        assert any(item.question == "edge-numeric" and "unit" in item.what for item in exported.left_out)


@pytest.mark.parametrize(("char", "escaped"), [("~", "\\~"), ("=", "\\="), ("#", "\\#"), ("{", "\\{"),
                                                ("}", "\\}"), (":", "\\:"), ("\\", "\\\\"), ("\n", "\\n")])
def test_gift_escapes_each_special_character(char: str, escaped: str) -> None:
    assert gift.escape(f"a{char}b") == f"a{escaped}b"
    assert gift.unescape(gift.escape(f"a{char}b")) == f"a{char}b"
    text = gift.dump([_q("e", "single", (f"x{char}y", "z"), f"x{char}y", prompt=f"P {char} Q")]).data
    question_line = next(line for line in str(text).splitlines() if line.startswith("::e::"))
    assert f"P {escaped} Q" in question_line


TEACHER_GIFT = """// exported by a teacher
$CATEGORY: $course$/top/Timeline

::Geneva talks::Where did the talks of 10 January 2022 take place?{
\t=Geneva#Right.
\t~Vienna
\t####The Strategic Stability Dialogue met in Geneva.
}

::Allies::How many allies did NATO have in December 2021?{#29..31}

::Budapest::Which states signed the Budapest Memorandum?{~%50%Russia ~%50%United States ~%-100%Poland}

Ukraine joined NATO in 2008.{F}

Match.{=NATO-Russia Council -> Brussels =OSCE -> Vienna =NATO-Ukraine Commission -> Brussels}

A description without answers.

NATO rejects spheres of {=influence =influences} in Europe.

::Symbols::Write \\{a\\} \\: b?{=\\{a\\}}
"""


def test_gift_import_of_a_teachers_file() -> None:
    imported = gift.load(TEACHER_GIFT, source="teacher.gift")
    by_id = {q.id: q for q in imported.questions}
    assert set(by_id) == {"gift-geneva-talks", "gift-allies", "gift-budapest", "gift-ukraine-joined-nato-in-2008",
                          "gift-match", "gift-nato-rejects-spheres-of-in-europe", "gift-symbols"}
    geneva = by_id["gift-geneva-talks"]
    assert (geneva.type, geneva.answer, geneva.choices) == ("single", "Geneva", ("Geneva", "Vienna"))
    assert geneva.explanation == "The Strategic Stability Dialogue met in Geneva."
    assert geneva.topics == ("timeline",)  # from $CATEGORY
    assert geneva.reference == "Imported from teacher.gift"
    assert by_id["gift-allies"].answer == Numeric(30, 1, "")
    assert by_id["gift-budapest"].answer == ("Russia", "United States")
    assert by_id["gift-ukraine-joined-nato-in-2008"].answer is False
    assert by_id["gift-match"].answer == (
        ("NATO-Russia Council", "Brussels"), ("OSCE", "Vienna"), ("NATO-Ukraine Commission", "Brussels"))
    assert by_id["gift-nato-rejects-spheres-of-in-europe"].prompt == "NATO rejects spheres of _____ in Europe."
    assert by_id["gift-symbols"].prompt == "Write {a} : b?"
    assert by_id["gift-symbols"].answer == ("{a}",)
    lost = {(item.question, item.what) for item in imported.left_out}
    assert ("gift-geneva-talks", "feedback on the answer 'Geneva'") in lost
    assert any(item.what == "description" for item in imported.left_out)


def test_imported_questions_make_a_valid_bank(tmp_path: Any) -> None:
    from edu_kit.quiz import dump_bank

    imported = gift.load(TEACHER_GIFT, source="teacher.gift")
    path = tmp_path / "teacher.yaml"
    path.write_text(dump_bank("teacher", "Teacher", imported.questions), encoding="utf-8")
    assert load_bank(path).ids == tuple(q.id for q in imported.questions)


@pytest.mark.parametrize("text", ["Q{", "Q}", "Q{#abc}", "Q{~%x%a ~b}", "::n::Q{=a -> }", "Q{=}", "{}{}{", "::"])
def test_gift_import_of_broken_questions_never_raises(text: str) -> None:
    imported = gift.load(text, source="b.gift", topic="concepts")
    assert len(imported.questions) + len(imported.left_out) >= 1


def test_gift_import_without_a_topic_says_so() -> None:
    imported = gift.load("Ukraine joined NATO in 2008.{F}\n", source="t.gift")
    assert imported.questions == ()
    assert "no topic" in imported.left_out[0].why


def test_moodle_xml_has_the_documented_elements(bundled: tuple[Question, ...]) -> None:
    root = ET.fromstring(moodle_xml.dump(bundled + EDGE).data)
    assert root.tag == "quiz"
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert len(questions) == len(bundled) + len(EDGE)
    for node in questions:
        kind = node.get("type", "")
        for tag in moodle_xml.ELEMENTS["*"] + moodle_xml.ELEMENTS[kind]:
            assert node.find(tag) is not None, (node.findtext("name/text"), tag)
        assert node.find("questiontext").get("format") == "plain_text"  # type: ignore[union-attr]
    numeric = next(n for n in questions if n.findtext("idnumber") == "edge-numeric")
    assert numeric.findtext("units/unit/unit_name") == "troops"
    assert numeric.findtext("answer/tolerance") == "10000"
    multiple = next(n for n in questions if n.findtext("idnumber") == "edge-multiple")
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["50", "-50", "50"]


def test_moodle_xml_reads_a_plain_moodle_export() -> None:
    text = """<?xml version="1.0" encoding="UTF-8"?><quiz>
    <question type="truefalse"><name><text>T1</text></name>
      <questiontext format="html"><text>NATO had 30 allies.</text></questiontext>
      <generalfeedback format="html"><text>Yes.</text></generalfeedback>
      <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
    </question>
    <question type="calculated"><name><text>C1</text></name></question></quiz>"""
    imported = moodle_xml.load(text, source="m.xml", topic="concepts")
    assert [(q.id, q.type, q.answer, q.explanation) for q in imported.questions] == [
        ("moodle-t1", "true_false", True, "Yes.")]
    assert imported.left_out[0].question == "C1"
    broken = text.replace('fraction="100"', 'fraction="0"').replace('"truefalse"', '"multichoice"')
    assert moodle_xml.load(broken, topic="concepts").left_out[0].why == "no answer with full credit"
    with pytest.raises(QuizBankError, match="not well-formed"):
        moodle_xml.load("<quiz>", source="bad.xml")


def test_qti_zip_is_what_text2qti_builds(bundled: tuple[Question, ...]) -> None:
    exported = qti.dump(bundled[:20])
    archive = zipfile.ZipFile(io.BytesIO(exported.data))  # type: ignore[arg-type]
    names = archive.namelist()
    assert "imsmanifest.xml" in names
    assert any(n.endswith("/assessment_meta.xml") for n in names)
    assessment = [n for n in names if n.endswith(".xml") and not n.endswith(("imsmanifest.xml", "meta.xml"))]
    root = ET.fromstring(archive.read(assessment[0]))
    ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    items = root.findall(".//q:item", ns)
    assert [i.get("title") for i in items] == list(exported.questions)
    kinds = {f.findtext("q:fieldentry", "", ns) for f in root.iter("{{{}}}qtimetadatafield".format(ns["q"]))
             if f.findtext("q:fieldlabel", "", ns) == "question_type"}
    assert kinds <= set(qti.QTI_TYPES.values())


def test_qti_text_survives_markdown_and_smart_quotes() -> None:
    text, carried, _ = qti.markdown_text(EDGE[:1])
    assert carried == ("edge-single",)
    assert "{" not in text.split("\n", 3)[3]
    assert "&#123;" in text
    back = qti.load(qti.dump(EDGE[:1]).data, topic="concepts").questions[0]
    assert back.prompt == f"{HOSTILE} (edge-single)"
    assert back.choices == EDGE[0].choices


def test_qti_lists_a_second_question_with_the_same_text() -> None:
    twin = _q("twin", "single", ("p", "q"), "p", prompt=EDGE[0].prompt)
    exported = qti.dump([EDGE[0], twin])
    assert exported.questions == ("edge-single",)
    assert any(item.question == "twin" and "same text" in item.why for item in exported.left_out)


def test_qti_refuses_a_numeric_answer_at_zero() -> None:
    zero = _q("zero", "numeric", (), Numeric(0, 0, ""))
    exported = qti.dump([zero, EDGE[0]])
    assert exported.questions == ("edge-single",)
    assert any(item.question == "zero" and "0.0001" in item.why for item in exported.left_out)


# --- review i15b and attack 16-2 findings: each test failed before its fix ---------------------


def _strip_comments(text: str) -> str:
    """A GIFT file as Moodle reads it: without our '// edu_kit' comments."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("// edu_kit {"))


def test_gift_short_answer_with_an_arrow_is_not_turned_into_matching() -> None:  # review #11
    both = _q("x-y", "short_text", (), ("a->b", "c"))
    only = _q("only", "short_text", (), ("a->b",))
    exported = gift.dump([both, only])
    assert exported.questions == ("x-y",)
    lost = {(item.question, item.what) for item in exported.left_out}
    assert ("x-y", "accepted answer 'a->b'") in lost
    assert ("only", "question") in lost
    back = gift.load(_strip_comments(str(exported.data)), topic="concepts")
    assert [(q.type, q.answer) for q in back.questions] == [("short_text", ("c",))]


@pytest.mark.parametrize("text", ["%50% or more", " %100%x", "%-50%y", "[html]<b>z</b>"])
def test_gift_option_that_looks_like_a_weight_keeps_its_text(text: str) -> None:  # review #12
    q = _q("w", "single", (text.strip(), "other"), "other")
    short = _q("s", "short_text", (), (text.strip(), "plain"))
    data = str(gift.dump([q, short]).data)
    assert "[plain]" + gift.escape(text.strip()) in data
    back = gift.load(_strip_comments(data), topic="concepts")
    assert back.questions[0].choices == (text.strip(), "other")
    assert back.questions[1].answer == (text.strip(), "plain")
    assert not back.left_out


def test_gift_import_weights_only_after_a_tilde_as_moodle() -> None:
    back = gift.load("Q?{=%50%right ~wrong}", topic="concepts")
    assert back.questions[0].answer == "%50%right"


def test_gift_import_lists_partial_credit_and_other_weights() -> None:  # review #13 and #17
    single = gift.load("::pct::Which?{=right ~%50%half wrong ~wrong}", topic="concepts")
    assert single.questions[0].answer == "right"
    assert [(i.what, i.line) for i in single.left_out] == [("50 % credit for 'half wrong'", 1)]
    weighted = gift.load("::w::Which?{~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d ~%-100%e}",
                         topic="concepts")
    assert weighted.questions[0].answer == ("a", "b", "c")
    assert "wrong tick -33.33333 %" in weighted.left_out[0].why
    ours = gift.dump([EDGE[1]]).data  # our own ±100/k weights are what edu_kit scores
    assert gift.load(str(ours)).left_out == ()


def test_gift_title_is_the_moodle_category() -> None:  # review #18
    data = str(gift.dump(EDGE[:1], title="Week 3: talks\nagain").data)
    assert data.splitlines()[:2] == ["// Week 3: talks again", "$CATEGORY: $course$/top/Week 3: talks again"]
    assert gift.load(data).questions == EDGE[:1]


def test_gift_import_names_each_left_out_question_and_its_line() -> None:  # review #15, attack #12
    text = ("$CATEGORY: $course$/top/Timeline\n\n// a comment\n::good::NATO had 30 members. {TRUE}\n\n"
            "% 9{a a9}{}9\n\n::sp-open::Explain why.{}\n")
    imported = gift.load(text, topic="concepts")
    assert [q.id for q in imported.questions] == ["gift-good"]
    assert [(item.line, item.what) for item in imported.left_out] == [(6, "question"), (8, "question")]
    assert imported.left_out[1].question == "sp-open"
    assert str(imported.left_out[1]).startswith("line 8: sp-open: question left out")


@pytest.mark.parametrize("text", [
    "$CATEGORY: $course$/top/Timeline\n::Q1:: first {=a ~b ~c}\n\n::Q2:: second {=a ~b ~c}\n",
    "$CATEGORY: $course$/top/Timeline\n// written by hand\n::Q1:: first {=a ~b ~c}\n\n::Q2:: second {=a ~b ~c}\n",
    "$CATEGORY: $course$/top/Timeline\r\n::Q1:: first {=a ~b ~c}\r\n\r\n::Q2:: second {=a ~b ~c}\r\n",
])
def test_gift_question_right_after_the_category_line_is_imported(text: str) -> None:  # attack atk4 A6
    """Moodle reads a question on the line after ``$CATEGORY`` (no blank line between);
    it was dropped without a word."""
    imported = gift.load(text, topic="concepts")
    assert [q.id for q in imported.questions] == ["gift-q1", "gift-q2"]
    assert [q.topics for q in imported.questions] == [("timeline",), ("timeline",)]
    assert imported.left_out == ()


def test_gift_question_after_the_category_line_is_reported_at_its_own_line() -> None:
    imported = gift.load("$CATEGORY: $course$/top/x\n\n$CATEGORY: $course$/top/y\n::bad:: no answers\n")
    assert [(item.line, item.question) for item in imported.left_out] == [(4, "bad")]


MOODLE_HTML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/x</text></category></question>
  <question type="multichoice">
    <name><text>Geneva</text></name>
    <questiontext format="html"><text><![CDATA[<p>Where did the talks take place on 10&nbsp;January?</p><script>alert(1)</script><p>Use &lt;city&gt;.</p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>In <b>Geneva</b> &amp; nowhere else.</p>]]></text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html"><text><![CDATA[<p>Geneva</p>]]></text><feedback format="html"><text>Yes</text></feedback></answer>
    <answer fraction="0" format="html"><text><![CDATA[<p>Vienna</p>]]></text><feedback><text></text></feedback></answer>
  </question>
  <question type="truefalse">
    <name><text>plain</text></name>
    <questiontext format="plain_text"><text>Is 3 &lt; 4 &amp;amp; &lt;b&gt; text?</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Right</text></feedback></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="multichoice">
    <name><text>empty</text></name><questiontext format="html"><text></text></questiontext>
    <single>false</single>
  </question>
  <question type="description"><name><text>Intro</text></name>
    <questiontext format="html"><text>Read this.</text></questiontext></question>
</quiz>
"""


def test_moodle_xml_html_text_is_read_as_plain_text() -> None:  # review #29
    imported = moodle_xml.load(MOODLE_HTML, source="m.xml", topic="timeline")
    geneva, plain = imported.questions
    assert geneva.prompt == "Where did the talks take place on 10 January?\n\nUse <city>."
    assert geneva.explanation == "In Geneva & nowhere else."
    assert (geneva.choices, geneva.answer) == (("Geneva", "Vienna"), "Geneva")
    assert plain.prompt == "Is 3 < 4 &amp; <b> text?"  # plain text stays as written, '<' included
    lost = [(item.question, item.what, item.line) for item in imported.left_out]
    assert ("Geneva", "feedback 'Yes' on the answer 'Geneva'", 4) in lost
    assert ("plain", "feedback 'Right' on the answer 'true'", 12) in lost
    with_image = MOODLE_HTML.replace("<script>", '<img src="@@PLUGINFILE@@/map.png"><script>')
    assert ("Geneva", "images and attached files", 4) in [
        (i.question, i.what, i.line) for i in moodle_xml.load(with_image, topic="timeline").left_out]


def test_moodle_xml_one_bad_question_leaves_the_others() -> None:  # attack #11
    imported = moodle_xml.load(MOODLE_HTML, source="m.xml", topic="timeline")
    assert [q.id for q in imported.questions] == ["moodle-geneva", "moodle-plain"]
    bad = [item for item in imported.left_out if item.what == "question"]
    assert [(item.question, item.line) for item in bad] == [("empty", 18)]
    assert "correct choice" in bad[0].why
    assert [item.line for item in imported.left_out if item.what == "description"] == [22]
    with pytest.raises(QuizBankError) as caught:
        moodle_xml.load("<quiz>\n<question>\n</quiz>", source="bad.xml")
    assert caught.value.line == 3


def test_qti_title_is_plain_text_in_canvas() -> None:  # review #16
    for title, shown in (("Week 3: NATO & Russia (Jan. 2022)", "Week 3: NATO & Russia (Jan. 2022)"),
                         ("edu_kit bank", "edu_kit bank"), ("two\nlines", "two lines")):
        archive = zipfile.ZipFile(io.BytesIO(qti.dump(EDGE[:1], title=title).data))  # type: ignore[arg-type]
        meta = next(n for n in archive.namelist() if n.endswith("assessment_meta.xml"))
        root = ET.fromstring(archive.read(meta))
        assert root.findtext("{http://canvas.instructure.com/xsd/cccv1p0}title") == shown
        assessment = next(n for n in archive.namelist() if n.endswith(".xml") and "meta" not in n
                          and "manifest" not in n)
        assert ET.fromstring(archive.read(assessment)).find(".//{*}assessment").get("title") == shown  # type: ignore[union-attr]


def _patched_zip(flag: int = 0, method: int | None = None, size: int = 1000) -> bytes:
    """A QTI-like zip whose assessment entry has the given flag bits / compression method."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr("quiz/a.xml", b"<questestinterop>" + b" " * size + b"</questestinterop>")
    data = bytearray(buffer.getvalue())
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.rfind(signature)  # the second entry's headers
        data[at + flag_at] |= flag
        if method is not None:
            data[at + method_at:at + method_at + 2] = method.to_bytes(2, "little")
    return bytes(data)


@pytest.mark.parametrize(("data", "message"), [
    (_patched_zip(flag=1), "is encrypted"),  # attack #13
    (_patched_zip(method=99), "compression method 99"),  # attack #14
    (_patched_zip(size=qti.MAX_ENTRY_BYTES + 1), "inflates to more than 20 MB"),  # attack #15
    (b"PK\x03\x04 not a zip", "not a readable QTI zip"),
])
def test_qti_zip_that_cannot_be_read_gives_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(QuizBankError, match=message):
        qti.load(data, source="x.zip", topic="concepts")


def test_an_imported_question_that_breaks_the_rules_is_left_out_with_the_reason() -> None:
    imported = gift.load("::two::Match.{=a -> 1 =b -> 2}\n\n::ok::Kyiv is a capital.{T}\n", topic="concepts")
    assert [q.id for q in imported.questions] == ["gift-ok"]
    assert imported.left_out[0].question == "two"
    assert "gives its key away" in imported.left_out[0].why


def test_qti_import_reads_every_quiz_of_a_zip_and_makes_ids_unique() -> None:
    one = zipfile.ZipFile(io.BytesIO(qti.dump(EDGE[:2]).data))  # type: ignore[arg-type]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as both:
        for name in one.namelist():
            data = one.read(name)
            if name.endswith(".xml") and "manifest" not in name and "meta" not in name:
                data = data.replace(b'title="edge-single"', b'title="Question"').replace(
                    b'title="edge-multiple"', b'title="Question"')
                both.writestr("second/" + name.rsplit("/", 1)[-1], data)
            both.writestr(name, data)
    imported = qti.load(buffer.getvalue(), topic="concepts")
    assert [q.id for q in imported.questions] == ["qti-question", "qti-question-2", "qti-question-3", "qti-question-4"]  # formats15 #20


def test_moodle_xml_import_keeps_ids_unique() -> None:
    data = str(moodle_xml.dump(EDGE[:1]).data)
    start = data.index('<question type="multichoice">')
    end = data.index("</question>", start) + len("</question>")
    ids = [q.id for q in moodle_xml.load(data[:end] + data[start:end] + data[end:]).questions]
    assert ids == ["edge-single", "moodle-edge-single"]


def _bloated_qti(extra: bytes) -> bytes:
    """A text2qti zip whose assessment has ``extra`` put before ``</questestinterop>``."""
    source = zipfile.ZipFile(io.BytesIO(qti.dump(EDGE[:1]).data))  # type: ignore[arg-type]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            data = source.read(name)
            if name.endswith(".xml") and not name.endswith(("imsmanifest.xml", "assessment_meta.xml")):
                data = data.replace(b"</questestinterop>", extra + b"</questestinterop>")
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("where", ["top", "inside"])
def test_xml_element_count_is_bounded(monkeypatch: pytest.MonkeyPatch, where: str) -> None:  # review formats15 #2
    from edu_kit.quiz.formats import _common

    monkeypatch.setattr(_common, "MAX_XML_ELEMENTS", 5_000)
    monkeypatch.setattr(_common, "MAX_PART_ELEMENTS", 1_000)
    tags = "<x/>" * 6_000
    text = f"<quiz>{tags}</quiz>" if where == "top" else f"<quiz><question type='essay'>{tags}</question></quiz>"
    with pytest.raises(QuizBankError, match=r"m.xml holds more than [0-9,]+ XML elements"):
        moodle_xml.load(text, source="m.xml")
    with pytest.raises(QuizBankError, match=r"q.zip \(.*\) holds more than [0-9,]+ XML elements"):
        qti.load(_bloated_qti(tags.encode() if where == "top" else f"<assessment>{tags}</assessment>".encode()),
                 source="q.zip", topic="concepts")


def test_xml_parts_are_dropped_once_read() -> None:  # review formats15 #2: one question in memory at a time
    from edu_kit.quiz.formats._common import XmlParts

    data = moodle_xml.dump(EDGE).data.encode("utf-8")  # type: ignore[union-attr]
    parts = XmlParts(data, "m.xml")
    held = [len(parts.root) if parts.root is not None else 0 for _ in parts]
    assert len(held) == data.count(b"<question ") > 3  # the category and each question
    assert max(held) == 0


def test_moodle_xml_declaring_another_encoding_is_read_as_the_utf8_it_is() -> None:  # review formats15 #14
    text = ('<?xml version="1.0" encoding="ISO-8859-1"?><quiz><question type="truefalse"><name><text>t</text></name>'
            '<questiontext format="plain_text"><text>Kyiv — “quoted” café?</text></questiontext>'
            '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
            '</question></quiz>')
    back = moodle_xml.load(text, source="enc.xml", topic="concepts")
    assert back.questions[0].prompt == "Kyiv — “quoted” café?"
    assert any("declares the encoding ISO-8859-1" in note for note in back.notes)


def _html_steps(markup: str) -> int:
    """Lines of Python (edu_kit's and html.parser's) run by ``html_to_text(markup)``: a
    deterministic measure of work (tests never time)."""
    import html.parser
    import sys
    from pathlib import Path
    from types import FrameType

    import edu_kit
    from edu_kit.quiz.formats._common import html_to_text

    watched = (str(Path(edu_kit.__file__).parent), str(html.parser.__file__))
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> object:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: object) -> object:
        return local if frame.f_code.co_filename.startswith(watched) else None

    previous = sys.gettrace()
    sys.settrace(calls)  # type: ignore[arg-type]
    try:
        html_to_text(markup)
    finally:
        sys.settrace(previous)
    return count


@pytest.mark.parametrize("unit", ["<i> </i>", "<p> </p>", " <br> ", "&nbsp;<b>x</b>"])
def test_html_to_text_work_grows_linearly(unit: str) -> None:  # review formats15 #11
    small, large = (_html_steps("<p>x" + unit * n + "y</p>") for n in (500, 2000))
    assert large < 4 * small * 1.3  # four times the text: about four times the work (sixteen if quadratic)


@pytest.mark.parametrize("markup", ["<p>a</p> <p>b</p>", "a<br>  <br>b", "<div>a</div>\n<div>b</div>", "a  <i> </i> b",
                                    "<li>one</li><li>two</li>", "x" + "<i> </i>" * 50 + "y"])
def test_html_to_text_breaks_are_unchanged(markup: str) -> None:  # the linear rewrite reads as before
    import re as regex

    from edu_kit.quiz.formats import _common

    marks = f"[ {_common._BREAK}{_common._PARAGRAPH}]"
    parser = _common._TextOf()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    text = regex.sub(f"{marks}*[{_common._BREAK}{_common._PARAGRAPH}]{marks}*",
                     lambda m: "\n\n" if _common._PARAGRAPH in m.group() else "\n", text)
    before = "\n".join(line.strip() for line in text.split("\n")).strip()
    assert _common.html_to_text(markup) == before


@pytest.mark.parametrize("module", [gift, moodle_xml])
def test_a_title_with_a_slash_is_one_moodle_category(module: Any) -> None:  # review formats15 #3
    from edu_kit.quiz.formats._common import split_category_path

    data = str(module.dump(EDGE[:1], title="Year 10/11: NATO & Russia").data)
    path = next(line for line in data.splitlines() if "$course$/top/" in line)
    path = path.split("$CATEGORY: ")[-1].replace("<text>", "").replace("</text>", "").replace("&amp;", "&").strip()
    assert split_category_path(path) == ["$course$", "top", "Year 10/11: NATO & Russia"]
    assert gift.load(gift.dump(EDGE[:1], title="a/timeline").data, topic="concepts").questions  # type: ignore[arg-type]


ELEVEN = _q("eleven", "multiple", tuple(f"Option {n}" for n in range(1, 14)), tuple(f"Option {n}" for n in range(1, 12)),
            prompt="Which of these?")


@pytest.mark.parametrize("module", [gift, moodle_xml])
def test_many_right_options_get_grades_moodle_accepts(module: Any) -> None:  # review formats15 #4
    from edu_kit.quiz.formats._common import MOODLE_GRADES

    exported = module.dump([ELEVEN])
    text = str(exported.data)
    found = [float(w) for w in (re.findall(r"~%(-?[0-9.]+)%", text) if module is gift
                                else re.findall(r'fraction="(-?[0-9.]+)"', text))]
    assert len(found) == 13
    assert all(abs(w) in MOODLE_GRADES for w in found)
    assert round(sum(w for w in found if w > 0), 2) == 100
    assert any(item.what == "equal weights" for item in exported.left_out)
    too_many = _q("many", "multiple", tuple(f"O{n}" for n in range(22)), tuple(f"O{n}" for n in range(21)))
    assert [item.what for item in module.dump([too_many]).left_out] == ["question"]


@pytest.mark.parametrize("module", [gift, moodle_xml])
def test_numeric_keys_keep_every_digit(module: Any) -> None:  # review formats15 #5
    tiny = _q("tiny", "numeric", (), Numeric(1.23e-07, 1e-07, ""))
    big = _q("big", "numeric", (), Numeric(-123456789.1234567, 0.0, ""))
    back = module.load(module.dump([tiny, big]).data, topic="concepts").questions
    assert [q.answer for q in back] == [tiny.answer, big.answer]


def test_qti_lists_numeric_keys_text2qti_rounds() -> None:  # review formats15 #5
    big = _q("big", "numeric", (), Numeric(-123456789.1234567, 0.0, ""))
    left = qti.dump([big, EDGE[5]]).left_out
    assert [(item.question, item.what) for item in left if item.question != "(every question)"] == [
        ("big", "exact numeric key")]


def _moodle(body: str, kind: str, extra: str = "") -> str:
    return (f'<quiz><question type="{kind}"><name><text>q</text></name><questiontext format="plain_text">'
            f"<text>Which?</text></questiontext>{extra}{body}</question></quiz>")


def _answer(fraction: int, text: str, fmt: str = "plain_text") -> str:
    return f'<answer fraction="{fraction}" format="{fmt}"><text>{text}</text></answer>'


@pytest.mark.parametrize(("xml", "listed"), [
    (_moodle(_answer(100, "Geneva") + _answer(100, "Genf") + _answer(0, "Zurich"), "multichoice",
             "<single>true</single>"), "question"),  # review formats15 #6
    (_moodle('<answer fraction="100"><text>30</text><tolerance>0</tolerance></answer>'
             '<answer fraction="50"><text>29</text><tolerance>0</tolerance></answer>'
             "<units><unit><multiplier>1</multiplier><unit_name>allies</unit_name></unit>"
             "<unit><multiplier>0.001</multiplier><unit_name>kilo-allies</unit_name></unit></units>", "numerical"),
     "other numeric answers 29 (50 %)|units 'kilo-allies'"),  # review formats15 #7
    (_moodle(_answer(100, "Gen*va") + _answer(100, "Geneva"), "shortanswer", "<usecase>1</usecase>"),
     "case-sensitive marking|accepted answer 'Gen*va'"),  # review formats15 #8
    (_moodle(_answer(100, "&lt;p&gt;NATO &lt;img src=\"@@PLUGINFILE@@/n.png\"&gt;&lt;/p&gt;", "html")
             + _answer(0, "UN"), "multichoice", "<single>true</single>"), "the image in the answer 'NATO'"),  # #9
    (_moodle(_answer(100, "&lt;img src=\"@@PLUGINFILE@@/n.png\"&gt;", "html") + _answer(0, "UN"), "multichoice",
             "<single>true</single>"), "question"),
])
def test_moodle_xml_losses_are_listed(xml: str, listed: str) -> None:
    back = moodle_xml.load(xml, topic="concepts")
    assert sorted(item.what for item in back.left_out) == sorted(listed.split("|"))
    if listed != "question":
        assert len(back.questions) == 1


@pytest.mark.parametrize("module", [gift, moodle_xml])
def test_a_star_in_a_short_answer_is_literal_in_moodle(module: Any) -> None:  # review formats15 #8
    star = _q("star", "short_text", (), ("a*b*c", "abc"))
    data = str(module.dump([star]).data)
    assert ("\\\\*" if module is gift else "a\\*b\\*c") in data
    back = module.load(module.dump([star]).data, topic="concepts")
    assert back.questions[0].answer == ("a*b*c", "abc")
    assert back.left_out == ()


def test_qti_import_reads_canvas_html_as_a_student_sees_it() -> None:  # review formats15 #10
    canvas = ("&lt;div&gt;&lt;p&gt;Where&amp;nbsp;did the talks take place?&lt;/p&gt;&lt;script&gt;alert(1)"
              "&lt;/script&gt;&lt;style&gt;p{color:red}&lt;/style&gt;&lt;div&gt;Second block&lt;/div&gt;"
              "&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;li&gt;two&lt;/li&gt;&lt;/ul&gt;&lt;/div&gt;")
    data = _bloated_qti(b"")
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            entry = source.read(name)
            if name.endswith(".xml") and not name.endswith(("imsmanifest.xml", "assessment_meta.xml")):
                entry = re.sub(rb"(<presentation>\s*<material>\s*<mattext[^>]*>).*?(</mattext>)",
                               lambda m: m.group(1) + canvas.encode() + m.group(2), entry, count=1, flags=re.S)
            archive.writestr(name, entry)
    prompt = qti.load(buffer.getvalue(), topic="concepts").questions[0].prompt
    assert prompt == "Where did the talks take place?\n\nSecond block\none\ntwo"


def test_a_br_at_the_end_of_a_paragraph_adds_no_line() -> None:  # review formats15 #23 (Atto writes these)
    from edu_kit.quiz.formats._common import html_to_text

    assert html_to_text("<p>Where?<br></p><p>Pick one.</p>") == "Where?\n\nPick one."
    assert html_to_text("a<br><br>b") == "a\n\nb"


def test_gift_lists_moodles_own_placeholders() -> None:  # review formats15 #21, #22
    ph = _q("ph", "single", ("A &&126; B", "C"), "C", prompt="Placeholder &&058; here")
    left = gift.dump([ph], title="A\\nB").left_out
    assert [(item.question, item.what) for item in left] == [
        ("(category)", "the title as written ('A\\\\nB')"), ("ph", "the text '&&058;'")]


@pytest.mark.parametrize("char", ["\ue000", "\ue006", "\ue007", "\ue0ff"])
def test_gift_keeps_a_private_use_character_the_text_holds(char: str) -> None:
    """The importer's private-use stand-ins for escaped characters never swallow the same
    character typed in a text (hypothesis found 'a\\ue000' coming back as 'a~')."""
    assert gift.unescape(gift.escape(f"a{char}~b")) == f"a{char}~b"
    q = _q("p", "single", (f"a{char}", "a~"), "a~", prompt=f"P {char}?")
    back = gift.load(_strip_comments(str(gift.dump([q]).data)), topic="concepts")
    assert back.questions[0].choices == (f"a{char}", "a~")
    assert back.questions[0].prompt == f"P {char}?"
