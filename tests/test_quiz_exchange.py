"""``edu-kit quiz import`` / ``export`` (edu_kit.cli.quiz_exchange): what a teacher sees."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edu_kit.cli import main
from edu_kit.quiz import load_bank
from edu_kit.quiz.formats import gift, moodle_xml, qti
from edu_kit.quiz.formats._common import not_xml, texts
from edu_kit.quiz.model import Question

MIXED_GIFT = "::good::NATO had 30 members in December 2021. {TRUE}\n\n% 9{a a9}{}9\n"
MIXED_XML = """<quiz>
<question type="truefalse"><name><text>good one</text></name><questiontext format="plain_text"><text>NATO had 30 members in December 2021.</text></questiontext><generalfeedback><text>It had 30.</text></generalfeedback><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
<question type="multichoice"><name><text>empty</text></name><questiontext format="html"><text></text></questiontext><single>false</single></question>
</quiz>
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("name", "text", "line"), [("mixed.gift", MIXED_GIFT, 3), ("mixed.xml", MIXED_XML, 3)])
def test_one_bad_question_does_not_stop_the_import(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str,
                                                   text: str, line: int) -> None:  # attack 16-2 #11, #12
    source, out = tmp_path / name, tmp_path / "out.yaml"
    source.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "quiz", "import", str(source), "--topic", "concepts", "--out", str(out))
    assert code == 1
    assert f"not imported: {source}, line {line}: " in err
    assert "dump_bank" not in err
    assert "run the cell" not in err
    assert "1 question(s) of" in err
    assert "were not imported" in err
    assert len(load_bank(out).questions) == 1  # the good question is written


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_import_of_something_that_is_not_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                target: str) -> None:
    source = tmp_path / "q.gift"
    if target == "fifo":
        os.mkfifo(source)
    else:
        source.symlink_to(target)
    code, _, err = run(capsys, "quiz", "import", str(source), "--topic", "concepts", "--out", str(tmp_path / "o.yaml"))
    assert code == 2
    assert "not a file" in err
    assert "Traceback" not in err


def test_import_of_a_zip_bomb_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import zipfile

    source = tmp_path / "bomb.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr("q/a.xml", b"<x>" + b" " * (21 * 2**20) + b"</x>")
    code, _, err = run(capsys, "quiz", "import", str(source), "--topic", "concepts", "--out", str(tmp_path / "o.yaml"))
    assert code == 2
    assert "inflates to more than 20 MB" in err


def test_check_of_a_folder_with_a_dangling_link_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "week5.yaml").symlink_to("/nonexistent/week5.yaml")
    code, out, _err = run(capsys, "quiz", "check", str(tmp_path))
    assert code == 1
    assert "week5.yaml: it is a symbolic link" in out
    assert "All quiz banks are valid" not in out


# Texts as a teacher might type them, GIFT's and HTML's special characters included.
_TEXT = st.text(st.sampled_from(list("ab ~=#{}:\\%[]<>&;->*_$\n")) | st.characters(codec="utf-8",
                                                                                   exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=30).map(str.strip).filter(lambda t: len(t) > 1 and any(c.isalnum() for c in t))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(prompt=_TEXT, right=_TEXT, wrong=_TEXT, explanation=_TEXT)
def test_gift_and_moodle_xml_round_trip_any_text(prompt: str, right: str, wrong: str, explanation: str) -> None:
    from edu_kit.quiz.check import check_question

    if right == wrong:
        return
    q = Question("h-q", "single", f"Which one? {prompt}", (right, wrong), right, explanation=explanation,
                 topics=("concepts",), difficulty="easy", reference="Test")
    if any(issue for issue in check_question(q)):
        return
    for module in (gift, moodle_xml):
        exported = module.dump([q])
        if module is moodle_xml and not_xml(q):  # U+FFFE, control characters: listed, never a broken file
            assert exported.left_out[0].what == "question"
            assert "XML cannot carry" in exported.left_out[0].why
            continue
        back = module.load(str(exported.data))
        assert back.questions == (q,), module.__name__
        if module is gift:  # from the GIFT text alone, as Moodle reads it
            bare = "\n".join(line for line in str(exported.data).splitlines() if not line.startswith("// edu_kit {"))
            alone = gift.load(bare, topic="concepts").questions
            assert [(x.prompt, x.choices, x.answer, x.explanation) for x in alone] == \
                [(q.prompt, q.choices, q.answer, q.explanation)]


@pytest.mark.parametrize("char", ["\ufffe", "\x01", "\x1b"])
def test_xml_exports_list_a_character_xml_cannot_carry(char: str) -> None:
    q = Question("bad-char", "single", f"Which one{char}?", ("a", "b"), "a", explanation="x",
                 topics=("concepts",), difficulty="easy", reference="Test")
    for module in (moodle_xml, qti):
        left = module.markdown_text([q])[2] if module is qti else module.dump([q]).left_out
        assert [(item.question, item.what) for item in left][:1] == [("bad-char", "question")]
        assert f"U+{ord(char):04X}" in left[0].why


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(kind=st.sampled_from(["multiple", "short_text", "matching"]), items=st.lists(_TEXT, min_size=3, max_size=4,
                                                                                     unique=True))
def test_gift_and_moodle_xml_round_trip_other_types(kind: str, items: list[str]) -> None:
    from edu_kit.quiz.check import check_question

    answer: object
    choices: tuple[str, ...]
    if kind == "multiple":
        choices, answer = tuple(items), tuple(items[:2])
    elif kind == "short_text":
        choices, answer = (), tuple(items[:2])
    else:
        choices, answer = tuple(items), tuple(zip(items, items[1:] + items[:1], strict=True))
    q = Question("h-t", kind, "Which ones?", choices, answer, explanation="Because.",  # type: ignore[arg-type]
                 topics=("concepts",), difficulty="easy", reference="Test")
    if check_question(q) or not_xml(q):
        return
    for module in (gift, moodle_xml):
        exported = module.dump([q])
        if exported.questions == ():  # GIFT: '->' in a left-hand item or in every accepted answer
            assert module is gift
            assert "'->'" in exported.left_out[0].why
            continue
        back = module.load(str(exported.data))
        if module is gift and any(item.what.startswith("accepted answer") for item in exported.left_out):
            assert back.questions[0].answer == tuple(v for v in texts(q.answer) if "->" not in v)
            continue
        assert back.questions == (q,), module.__name__


TEACHER_GIFT = "::one::NATO had 30 members in December 2021. {TRUE}\n"


@pytest.mark.parametrize("command", ["import", "export"])
def test_out_is_never_the_file_being_read(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         command: str) -> None:  # review formats15 #1
    source = tmp_path / "t.gift"
    source.write_text(TEACHER_GIFT, encoding="utf-8")
    if command == "export":
        run(capsys, "quiz", "import", str(source), "--topic", "concepts", "--out", str(tmp_path / "bank.yaml"))
        source = tmp_path / "bank.yaml"
        args = ["quiz", "export", str(source), "--format", "moodle-xml", "--out", str(source), "--force"]
    else:
        (tmp_path / "link.yaml").symlink_to(source)  # the same file under another name
        args = ["quiz", "import", str(source), "--topic", "concepts", "--out", str(tmp_path / "link.yaml"), "--force"]
    before = source.read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "the file being read" in err
    assert source.read_bytes() == before


@pytest.mark.parametrize("command", ["import", "export"])
def test_out_that_exists_needs_force(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     command: str) -> None:  # review formats15 #1
    source, out = tmp_path / "t.gift", tmp_path / "mine.yaml"
    source.write_text(TEACHER_GIFT, encoding="utf-8")
    out.write_text("earlier\n", encoding="utf-8")
    args = (["quiz", "import", str(source), "--topic", "concepts", "--out", str(out)] if command == "import"
            else ["quiz", "export", "--format", "gift", "--out", str(out)])
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "--force" in err
    assert out.read_text(encoding="utf-8") == "earlier\n"
    code, _, err = run(capsys, *args, "--force")
    assert code == 0, err
    assert out.read_text(encoding="utf-8") != "earlier\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_import_out_must_be_yaml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "t.gift"
    source.write_text(TEACHER_GIFT, encoding="utf-8")
    code, _, err = run(capsys, "quiz", "import", str(source), "--topic", "concepts", "--out", str(tmp_path / "x.gift"))
    assert code == 2
    assert "must be a .yaml file" in err


@pytest.mark.parametrize("command", ["import", "export"])
@pytest.mark.parametrize("target", ["folder", "fifo", "/dev/full"])
def test_out_that_is_not_a_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 command: str, target: str) -> None:  # review formats15 #12
    source, out = tmp_path / "t.gift", tmp_path / "out.yaml"
    source.write_text(TEACHER_GIFT, encoding="utf-8")
    if target == "folder":
        out.mkdir()
    elif target == "fifo":
        os.mkfifo(out)
    else:
        out.symlink_to(target)
    args = (["quiz", "import", str(source), "--topic", "concepts", "--out", str(out)] if command == "import"
            else ["quiz", "export", "--format", "gift", "--out", str(out)])
    code, _, err = run(capsys, *args, "--force")
    assert code == 2
    assert "cannot write --out here" in err
    assert "Traceback" not in err


def test_a_failed_write_is_a_clear_error_and_keeps_the_old_file(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:  # review formats15 #12
    from edu_kit.cli import quiz_exchange
    from edu_kit.errors import QuizBankError

    out = tmp_path / "b.yaml"
    out.write_text("old\n", encoding="utf-8")

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(quiz_exchange.os, "fsync", full)
    with pytest.raises(QuizBankError, match="No space left on device"):
        quiz_exchange.write_out(out, "new\n")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]


def test_a_bad_name_is_one_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:  # formats15 #16
    source = tmp_path / "t.gift"
    source.write_text(TEACHER_GIFT, encoding="utf-8")
    code, _, err = run(capsys, "quiz", "import", str(source), "--topic", "concepts", "--out", str(tmp_path / "o.yaml"),
                       "--name", "Bad Name!")
    assert code == 2
    assert "--name 'Bad Name!' is not a valid bank name" in err
    assert "not imported" not in err


@pytest.mark.parametrize("kind", ["empty-import", "nothing-exported", "folder"])
def test_empty_results_say_so(capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str) -> None:  # #25, #26
    if kind == "empty-import":
        (tmp_path / "e.gift").write_text("", encoding="utf-8")
        args = ["quiz", "import", str(tmp_path / "e.gift"), "--topic", "concepts", "--out", str(tmp_path / "o.yaml")]
        expected = "the file holds no question"
    elif kind == "folder":
        (tmp_path / "bankdir").mkdir()
        args = ["quiz", "import", str(tmp_path / "bankdir"), "--out", str(tmp_path / "o.yaml")]
        expected = "it is a folder"
    else:
        bank = tmp_path / "ord.yaml"
        bank.write_text(
            "bank: ord\ntitle: Ordering only\nquestions:\n- id: o1\n  type: ordering\n"
            "  prompt: Put these in order.\n  choices: [b, a, c]\n  answer: [a, b, c]\n"
            "  explanation: Because.\n  topics: [timeline]\n  difficulty: easy\n  reference: Test\n", encoding="utf-8")
        args = ["quiz", "export", str(bank), "--format", "gift", "--out", str(tmp_path / "o.gift")]
        expected = "none of the questions can be written as gift"
    code, _, err = run(capsys, *args)
    assert code == 2, err
    assert expected in err
    assert not (tmp_path / "o.gift").exists()
