"""Assignments end to end without a browser: assign, answer (sealed), collect, grade, results."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from edu_kit.classroom import assignment, grade_log, load_assignment, load_collected, release
from edu_kit.classroom.assignments import KEYED_FILE, RELEASE_FILE, choose, sealed_id
from edu_kit.classroom.grading import keyed_questions
from edu_kit.classroom.identity import forget
from edu_kit.cli import main
from edu_kit.errors import AssignmentError
from edu_kit.quiz import load_bank
from edu_kit.quiz.cells import BankMessage
from edu_kit.quiz.model import Numeric, Question
from edu_kit.quiz.widget import Quiz
from edu_kit.results import load, summary

BANK = load_bank()
#: One hand-written question of each type, so every kind of key is checked for leaks. They are
#: chosen so that no one's prompt or choices state another's answer (a teacher's list could do
#: that; ``quiz check`` reports such pairs).
ONE_OF_EACH = [
    "hw-concepts-formats-match", "hw-concepts-budapest-signatories", "hw-concepts-nato-allies",
    "open-why-ukraine-russia", "hw-timeline-order-treaties", "hw-concepts-minsk",
    "hw-concepts-budapest-gave-up", "hw-concepts-russia-veto",
]


@pytest.fixture(autouse=True)
def _no_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("EDU_KIT_STUDENT", "JUPYTERHUB_USER", "EDU_KIT_RESPONSES"):
        monkeypatch.delenv(name, raising=False)
    forget()


def _spec(tmp_path: Path, **fields: Any) -> Path:
    data = {"id": "week3", "title": "Week 3", "questions": ONE_OF_EACH, "mode": "exam",
            "feedback": "after_deadline", **fields}
    path = tmp_path / "week3.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _secrets(question: Question) -> list[str]:
    """Texts a keyless release must not contain: explanation, sources, reference, typed keys."""
    texts = [question.explanation, *(s.sentence for s in question.sources)]
    if question.reference:
        texts.append(question.reference)
    if question.type == "open":  # the model answer and the rubric are the teacher's
        texts += [question.model_answer, *question.rubric]
    if question.type == "short_text":
        texts += [str(a) for a in question.answer] if isinstance(question.answer, tuple) else [str(question.answer)]
    pieces = [run.strip() for text in texts for run in re.findall(r"[A-Za-z0-9 ,.()'-]+", text)]
    visible = " ".join([question.prompt, *question.choices])
    return [p for p in pieces if len(p) >= 12 and p not in visible]


def test_keyless_release_holds_no_key_and_no_explanation(tmp_path: Path) -> None:
    assert {BANK[qid].type for qid in ONE_OF_EACH} == {q.type for q in BANK.questions}
    folder = release(load_assignment(_spec(tmp_path)), tmp_path / "release")
    files = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert files == sorted([RELEASE_FILE, "week3.ipynb"])
    released = "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())
    for qid in ONE_OF_EACH:
        question = BANK[qid]
        assert sealed_id("week3", qid) in released
        assert qid not in released, "bank ids can hint at the key"
        leaked = [piece for piece in _secrets(question) if piece in released]
        assert not leaked, f"{qid}: the release contains {leaked}"
        if isinstance(question.answer, Numeric):
            assert f"value: {question.answer.value:g}" not in released
    document = yaml.safe_load((folder / RELEASE_FILE).read_text(encoding="utf-8"))
    keys = {key for q in document["questions"] for key in q}
    assert keys <= {"id", "type", "prompt", "choices", "left", "unit", "topics"}
    for entry in document["questions"]:  # the order of choices says nothing about the key
        assert entry.get("choices", []) == sorted(entry.get("choices", []))
    notebook = json.loads((folder / "week3.ipynb").read_text(encoding="utf-8"))
    code = [c["source"] for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code == ["from edu_kit import classroom; classroom.assignment()"]


def test_feedback_now_releases_the_keys_for_the_kernel(tmp_path: Path) -> None:
    folder = release(load_assignment(_spec(tmp_path, feedback="now", mode="practice", attempts=2)),
                     tmp_path / "release")
    assert load_bank(folder / KEYED_FILE).ids == tuple(ONE_OF_EACH)
    quiz = assignment(folder, student="ana")
    assert isinstance(quiz, Quiz)
    assert not quiz.sealed
    assert quiz.attempts == 2


@pytest.mark.parametrize(("fields", "message"), [
    ({"id": "week 3"}, "not a usable assignment name"),
    ({"mode": "quiz"}, "mode 'quiz' is not one of"),
    ({"feedback": "later"}, "feedback 'later' is not one of"),
    ({"topic": "timeline"}, "both questions and topic/n"),
    ({"due": "next week"}, "is not a date and time"),
    ({"opens": "2022-01-17T09:00Z", "due": "2022-01-10T09:00Z"}, "is not after opens"),
    ({"colour": "red"}, "unknown key 'colour'"),
])
def test_bad_assignment_files_say_what_to_fix(tmp_path: Path, fields: dict[str, Any], message: str) -> None:
    with pytest.raises(AssignmentError, match=message) as info:
        load_assignment(_spec(tmp_path, **fields))
    assert str(tmp_path / "week3.yaml") in str(info.value)


def test_topic_and_n_choose_the_same_questions_for_everyone(tmp_path: Path) -> None:
    spec = tmp_path / "t.yaml"
    spec.write_text("id: t5\ntitle: Timeline\ntopic: timeline\nn: 5\n", encoding="utf-8")
    chosen = choose(load_assignment(spec), BANK)
    assert len(chosen) == 5
    assert chosen == choose(load_assignment(spec), BANK)
    assert all("timeline" in q.topics for q in chosen)


def _answer_all(quiz: Quiz, right: bool) -> None:
    keyed = keyed_questions(BANK, quiz.quiz_id)
    for item in quiz.items:
        key = keyed[item.question.id].answer
        if not right:
            _set_correct_wrong(item)
        elif item.question.type == "single":
            item.controls[0].value = key if isinstance(key, str) else key[0]
        elif item.question.type == "true_false":
            item.controls[0].value = "True" if key else "False"
        elif item.question.type == "multiple":
            for option, box in zip(item.display.options, item.controls, strict=True):
                box.value = option in key
        elif item.question.type == "ordering":
            for value, box in zip(key, item.controls, strict=True):
                box.value = value
        elif item.question.type == "matching":
            pairs = dict(key)
            for left, box in zip(item.display.left, item.controls, strict=True):
                box.value = pairs[left]
        elif item.question.type == "short_text":
            item.controls[0].value = key[0]
        elif item.question.type == "open":
            item.controls[0].value = "A written answer that the teacher reads."
        else:
            item.controls[0].value = str(key.value)  # typed into the number box


def _set_correct_wrong(item: Any) -> None:
    control = item.controls[0]
    if item.question.type in ("single", "true_false"):
        key = keyed_questions(BANK, "week3")[item.question.id].answer
        wanted = "False" if key is True else "True" if key is False else None
        control.value = wanted or next(o for o in item.display.options if o != key)
    elif item.question.type == "short_text":
        control.value = "not the answer"
    elif item.question.type == "open":
        control.value = "A written answer that misses the point."
    elif item.question.type == "numeric":
        control.value = "-12345"


def test_sealed_exam_from_release_to_grades(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec(tmp_path)
    course = tmp_path / "course"
    assert main(["assign", str(spec), "--course", str(course)]) == 0
    released = course / "release" / "week3"
    assert "nbgrader release_assignment week3" in capsys.readouterr().out
    # Three students fetch their copies (nbgrader copies the folder), answer and submit.
    for student, right in (("ana", True), ("ben", False), ("cy", True)):
        mine = tmp_path / "home" / student / "week3"
        shutil.copytree(released, mine)
        quiz = assignment(mine, student=student)
        assert isinstance(quiz, Quiz)
        assert quiz.sealed
        _answer_all(quiz, right)
        quiz.submit()
        again = assignment(mine, student=student)  # re-run: read-only, "already submitted"
        assert isinstance(again, Quiz)
        assert "Already submitted" in again.notice.value
        again.submit()
        assert len(load(mine / "responses")) == len(ONE_OF_EACH)
        shutil.copytree(mine, course / "submitted" / student / "week3")  # nbgrader collect
    # A record that claims someone else is counted for the folder's student, and named.
    forged = course / "submitted" / "cy" / "week3" / "responses" / "cy.jsonl"
    forged.write_text(forged.read_text(encoding="utf-8").replace('"student": "cy"', '"student": "ana"', 1),
                      encoding="utf-8")
    with pytest.warns(UserWarning, match="says student 'ana' but it was submitted by 'cy'"):
        collected = load_collected(course)
    assert sorted(collected["student"].unique()) == ["ana", "ben", "cy"]
    ungraded = summary(collected)
    # sealed: nothing graded before the teacher grades; ben left 3 questions blank (recorded, not ungraded)
    assert ungraded["ungraded"].tolist() == [8, 5, 8]
    assert ungraded["blank"].tolist() == [0, 3, 0]
    graded = summary(grade_log(collected, BANK, quiz="week3"))
    assert graded["student"].tolist() == ["ana", "ben", "cy"]
    assert graded["score"].tolist()[0] == 7.0
    assert graded["score"].tolist()[2] == 7.0
    assert graded["score"].tolist()[1] < 7.0
    # The command line: grade with feedback pages, results from the submitted/ tree.
    feedback = course / "feedback"
    assert main(["grade", str(spec), str(course), "--feedback", str(feedback)]) == 0
    out, err = capsys.readouterr()
    assert "edu-kit: warning: " in err
    assert "submitted by 'cy'" in err
    assert re.search(r"ana\s+8\s+8\s+0\s+7\s+7\.0\s+1", out), out  # questions answered blank correct score
    page = (feedback / "ben" / "week3" / "edu_kit_feedback.html").read_text(encoding="utf-8")
    assert "Your answer:" in page
    assert "The answer:" in page
    assert main(["results", str(course / "submitted"), "--quiz", "week3"]) == 0
    out, err = capsys.readouterr()
    # no assignment: no questions column, but graded with the bank's key like --assignment (review i15 #4)
    assert re.search(r"cy\s+8\s+0\s+7\s+7\.0\s+1\s+8", out), out
    assert re.search(r"ana\s+8\s+0\s+7\s+7\.0\s+1\s+8", out), out
    # a note: the record is counted; printed for the teacher, not in Python's warning format
    assert "edu-kit: warning: " in err
    assert "submitted by 'cy'" in err
    assert "ResponseLogWarning" not in err


def test_an_assignment_not_open_yet_says_when(tmp_path: Path) -> None:
    folder = release(load_assignment(_spec(tmp_path, opens="2999-01-01T09:00Z")), tmp_path / "r")
    shown = assignment(folder, student="ana")
    assert "opens at 2999-01-01T09:00:00Z" in repr(shown)


def test_a_folder_without_an_assignment_gives_a_message(tmp_path: Path) -> None:
    assert "holds no released assignment" in repr(assignment(tmp_path, student="ana"))


# ----------------------------------------------------------------------------- blind review (student attack)


def _right_answer(question: Question) -> object:
    """The key in the shape the log holds (what a student who looked it up would type in)."""
    key = question.answer
    if question.type == "numeric":
        assert isinstance(key, Numeric)
        return key.value
    if question.type == "matching":
        return dict(key)
    if question.type in ("multiple", "ordering"):
        return list(key)
    if question.type == "short_text":
        return key[0] if isinstance(key, tuple) else key
    return key


def _forge(log_dir: Path, student: str, quiz: str, question: Question, qid: str | None = None,
           time: str | None = None) -> None:
    from edu_kit.results import Response, record

    extra = {} if time is None else {"time": time}
    record(log_dir, Response(student, quiz, qid or question.id, "v", _right_answer(question), None, None, 1,
                             **extra))


def _blank_submission(tmp_path: Path, **fields: Any) -> tuple[Path, Path]:
    """Release week3, let 'pat' submit without touching anything; return (spec, course)."""
    spec, course = _spec(tmp_path, **fields), tmp_path / "course"
    assert main(["assign", str(spec), "--course", str(course)]) == 0
    mine = tmp_path / "pat" / "week3"
    shutil.copytree(course / "release" / "week3", mine)
    quiz = assignment(mine, student="pat", clock=None)
    assert isinstance(quiz, Quiz)
    quiz.submit()
    shutil.copytree(mine, course / "submitted" / "pat" / "week3")
    return spec, course


def _graded(spec: Path, course: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict[str, Any], str]:
    capsys.readouterr()
    assert main(["grade", str(spec), str(course), "--csv", str(course / "graded.csv"), *args]) == 0
    out = capsys.readouterr().out
    rows = summary(grade_log(load_collected(course / "submitted"), BANK, quiz="week3")).to_dict("records")
    header = next(ln for ln in out.splitlines() if ln.strip().startswith("student"))
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("pat"))
    score = float(line.split()[header.split().index("score")])
    return {"rows": rows, "score": score}, out


def test_records_for_questions_outside_the_release_never_add_to_a_score(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, course = _blank_submission(tmp_path)
    responses = course / "submitted" / "pat" / "week3" / "responses"
    # after the sealed exam: the same questions under their bank ids, answered right (twice), and
    # every other graded bank question, all under quiz 'week3'
    for question in [BANK[q] for q in ONE_OF_EACH] * 2 + [q for q in BANK.questions if q.graded][:20]:
        _forge(responses, "pat", "week3", question)
    _forge(responses, "pat", "week3", BANK["hw-concepts-minsk"], qid="made-up-id")
    result, out = _graded(spec, course, capsys)
    assert result["score"] == 0.0, out
    assert "is not part of assignment 'week3'; not counted" in out
    assert re.search(r"pat\s+8\s+0\s+8\s+0\s+0\.0", out), out  # 8 questions released, all blank, none right


def test_only_the_assignment_own_responses_folder_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, course = _blank_submission(tmp_path)
    right = [(BANK[q], sealed_id("week3", q)) for q in ONE_OF_EACH if BANK[q].graded]
    for folder in (course / "submitted" / "pat" / "week9" / "responses",  # another assignment's folder
                   course / "submitted" / "pat" / "week3" / "responses" / "sub",  # a sub-folder
                   course / "submitted" / "pat" / "week3"):  # beside responses/
        for question, qid in right:
            _forge(folder, "pat", "week3", question, qid=qid)
    result, out = _graded(spec, course, capsys)
    assert result["score"] == 0.0, out
    capsys.readouterr()
    assert main(["results", str(course), "--assignment", str(spec)]) == 0
    assert re.search(r"pat\s+8\s+0\s+8\s+0\s+0\.0", capsys.readouterr().out)


def test_blank_exam_answers_score_zero_and_feedback_covers_every_student(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, course = _blank_submission(tmp_path)
    shutil.copytree(course / "submitted" / "pat", course / "submitted" / "zed")
    (course / "submitted" / "zed" / "week3" / "responses" / "pat.jsonl").rename(
        course / "submitted" / "zed" / "week3" / "responses" / "zed.jsonl")
    capsys.readouterr()
    assert main(["grade", str(spec), str(course), "--feedback", str(course / "feedback")]) == 0
    out = capsys.readouterr().out
    for student in ("pat", "zed"):
        # 8 questions, 0 answered, 8 blank (the written one too), scored 0, none left ungraded
        assert re.search(rf"{student}\s+8\s+0\s+8\s+0\s+0\.0\s+0\s", out), out
        page = (course / "feedback" / student / "week3" / "edu_kit_feedback.html").read_text(encoding="utf-8")
        assert "(no answer)" in page


@pytest.mark.parametrize("outside", ["note", "exclude"])
def test_answers_saved_outside_opens_and_due_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       outside: str) -> None:
    spec, course = _blank_submission(tmp_path, opens="2020-01-10T09:00Z", due="2020-01-17T09:00Z")
    responses = course / "submitted" / "pat" / "week3" / "responses"
    question = BANK["hw-concepts-minsk"]
    _forge(responses, "pat", "week3", question, qid=sealed_id("week3", question.id), time="2020-01-01T09:00:00Z")
    capsys.readouterr()
    assert main(["grade", str(spec), str(course), "--outside", outside]) == 0
    out = capsys.readouterr().out
    assert "before it opened (2020-01-10T09:00:00Z); " + ("left out" if outside == "exclude" else "counted") in out
    assert "after it was due (2020-01-17T09:00:00Z)" in out  # the real submission, made today
    if outside == "exclude":
        assert "No answers to 'week3'" in out  # the only answers were saved outside opens–due


def test_an_unreadable_time_skips_one_line_not_the_class(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, course = _blank_submission(tmp_path)
    log = course / "submitted" / "pat" / "week3" / "responses" / "pat.jsonl"
    first = json.loads(log.read_text(encoding="utf-8").splitlines()[0])
    with log.open("a", encoding="utf-8") as handle:
        for bad in ("not a time", "2026-13-45T99:00:00Z"):
            handle.write(json.dumps({**first, "time": bad}) + "\n")
    capsys.readouterr()
    assert main(["grade", str(spec), str(course)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"pat\s+8\s+0\s+8\s+0\s+0\.0", out), out
    assert "line 9" in out  # after the 8 records of the blank submission (its written answer too)
    assert "line 10" in out


def _student_copy(tmp_path: Path, **fields: Any) -> Path:
    folder = release(load_assignment(_spec(tmp_path, **fields)), tmp_path / "release")
    mine = tmp_path / "pat" / "week3"
    shutil.copytree(folder, mine)
    return mine


def test_a_submission_that_cannot_be_saved_is_not_called_submitted(tmp_path: Path) -> None:
    mine = _student_copy(tmp_path)
    (mine / "responses").write_text("a file where the folder should be", encoding="utf-8")
    quiz = assignment(mine, student="pat")
    assert isinstance(quiz, Quiz)
    _answer_all(quiz, right=True)
    quiz.submit()
    assert "could not be saved" in quiz.notice.value
    assert "NOT submitted" in quiz.notice.value
    assert "Submitted. Your answers are saved" not in quiz.notice.value
    assert quiz.score_label.value.startswith("Saved: 0/")
    assert quiz.submit_button is not None
    assert not quiz.submit_button.disabled
    (mine / "responses").unlink()  # the teacher fixes it; the student presses Submit again
    quiz.submit()
    assert "Submitted. Your answers are saved" in quiz.notice.value
    assert len(load(mine / "responses")) == len(ONE_OF_EACH)


def test_a_practice_answer_that_cannot_be_saved_is_not_called_saved(tmp_path: Path) -> None:
    mine = _student_copy(tmp_path, mode="practice", attempts=2)
    (mine / "responses").write_text("a file where the folder should be", encoding="utf-8")
    quiz = assignment(mine, student="pat")
    assert isinstance(quiz, Quiz)
    item = next(i for i in quiz.items if i.question.type == "single")
    _set_correct_wrong(item)
    quiz.check(item)
    assert "Answer saved" not in item.feedback.value
    assert "could not be saved" in quiz.notice.value
    assert item.attempts_used == 0


def test_check_in_an_exam_saves_nothing_and_seals_nothing(tmp_path: Path) -> None:
    mine = _student_copy(tmp_path)
    first = assignment(mine, student="pat")
    second = assignment(mine, student="pat")  # another tab
    assert isinstance(first, Quiz)
    assert isinstance(second, Quiz)
    _answer_all(first, right=True)
    second.check(second.items[0])
    first.check(first.items[0])
    assert not (mine / "responses").exists()
    first.submit()
    assert "Submitted. Your answers are saved" in first.notice.value
    assert len(load(mine / "responses")) == len(ONE_OF_EACH)


def test_a_partly_answered_matching_is_saved_as_given_and_earns_its_pairs(tmp_path: Path) -> None:
    mine = _student_copy(tmp_path)
    quiz = assignment(mine, student="pat")
    assert isinstance(quiz, Quiz)
    item = next(i for i in quiz.items if i.question.type == "matching")
    key = dict(keyed_questions(BANK, "week3")[item.question.id].answer)
    assert len(key) >= 3
    for left, box in list(zip(item.display.left, item.controls, strict=True))[:2]:
        box.value = key[left]
    quiz.submit()
    saved = load(mine / "responses")
    answer = saved[saved["question"] == item.question.id]["answer"].iloc[0]
    assert answer == {left: (key[left] if i < 2 else None) for i, left in enumerate(item.display.left)}
    graded = grade_log(saved, BANK, quiz="week3")
    assert graded[graded["question"] == item.question.id]["score"].iloc[0] == pytest.approx(2 / len(key))


@pytest.mark.parametrize("how", ["student=", "EDU_KIT_STUDENT", "JUPYTERHUB_USER"])
def test_a_new_name_does_not_open_a_second_exam_in_the_same_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    mine = _student_copy(tmp_path)
    first = assignment(mine, student="pat")
    assert isinstance(first, Quiz)
    _answer_all(first, right=False)
    first.submit()
    forget()
    if how == "student=":
        again = assignment(mine, student="cara")
    else:
        monkeypatch.setenv(how, "cara")
        again = assignment(mine)
    assert isinstance(again, Quiz)
    assert again.student == "cara"
    assert "Already submitted" in again.notice.value
    assert "already holds a submission as pat" in again.notice.value
    _answer_all(again, right=True)
    again.submit()
    assert sorted(p.name for p in (mine / "responses").iterdir()) == ["pat.jsonl"]


def test_assign_warns_that_the_bundled_bank_is_public(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assign", str(_spec(tmp_path)), "--out", str(tmp_path / "r")]) == 0
    assert "students can look these keys up" in capsys.readouterr().err
    own = Path(__file__).parent / "data" / "dollars" / "bank.yaml"  # a teacher's own bank
    assert main(["assign", str(_spec(tmp_path, questions=["dollars-single"], bank=str(own))), "--out",
                 str(tmp_path / "r2")]) == 0
    assert "students can look these keys up" not in capsys.readouterr().err


@pytest.mark.parametrize(("student", "folder"), [("john_smith", "john_smith"), ("jose+1", "jose+1"),
                                                 ("a b", "a b"), ("José", "José"), ("../x", "_2e._2fx"),
                                                 (".hidden", "_2ehidden"), ("a/b", "a_2fb"),
                                                 ("=evil", "=evil"), ("+x", "+x"), ("@x", "@x")])
def test_feedback_goes_to_the_nbgrader_id_folder(tmp_path: Path, student: str, folder: str) -> None:
    """Attack 16-2 #10: hub user john_smith got feedback/john_5fsmith/, which nbgrader never hands out.
    Review i15 #3: '=evil' went to '_3devil'; a folder is no spreadsheet cell, so the id stays as it is."""
    from edu_kit.classroom.grading import feedback_folder, write_feedback

    assert feedback_folder(student) == folder
    bank = load_bank()
    log = _one_answer(student)
    pages = write_feedback(grade_log(log, bank, quiz="week3"), bank, tmp_path / "feedback", "week3")
    assert pages == [tmp_path / "feedback" / folder / "week3" / "edu_kit_feedback.html"]


def _one_answer(student: str) -> Any:
    import pandas as pd

    return pd.DataFrame({"time": pd.to_datetime(["2022-01-10T09:00Z"]), "student": [student], "quiz": ["week3"],
                         "question": ["hw-concepts-russia-veto"], "answer": [False], "correct": [None],
                         "score": [None], "attempt": [1], "file": ["x.jsonl"], "line": [1]})


def test_the_title_is_shown_as_written_in_the_student_notebook(tmp_path: Path) -> None:
    """Attack 16-2 #26: '$5bn and $9bn' was typeset as maths and <b> rendered in the Markdown heading."""
    spec = _spec(tmp_path, title="Week 3: the $5bn and $9bn question <b>bold</b> *now*")
    folder = release(load_assignment(spec), tmp_path / "r")
    notebook = json.loads((folder / "week3.ipynb").read_text(encoding="utf-8"))
    heading = notebook["cells"][0]["source"].splitlines()[0]
    assert heading == r"# Week 3: the \$5bn and \$9bn question &lt;b&gt;bold&lt;/b&gt; \*now\*"


def test_plain_results_and_results_with_the_assignment_agree_on_keyless_answers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review i15 #4: plain 'edu-kit results' left keyless exam answers ungraded (score 0)."""
    spec, course = _spec(tmp_path), tmp_path / "course"
    assert main(["assign", str(spec), "--course", str(course)]) == 0
    responses = course / "submitted" / "pat" / "week3" / "responses"
    for qid in ONE_OF_EACH:
        _forge(responses, "pat", "week3", BANK[qid], qid=sealed_id("week3", qid))
    tables = []
    for extra in ([], ["--assignment", str(spec)]):
        capsys.readouterr()
        assert main(["results", str(course), *extra]) == 0
        out = capsys.readouterr().out.splitlines()
        header = out[0].split()
        row = dict(zip(header, out[1].split(), strict=True))
        tables.append({k: row[k] for k in ("student", "answered", "blank", "correct", "score", "ungraded")})
    assert tables[0] == tables[1]
    assert tables[0]["score"] == "7.0"  # 7 graded questions right; the written one waits for the teacher


@pytest.mark.parametrize(("rule", "value", "says"), [
    ("mode", "quiz", "mode 'quiz' is not one of: exam, practice"),
    ("feedback", "later", "feedback 'later' is not one of: now, after_deadline"),
    ("attempts", "two", "attempts must be a whole number of 1 or more, not 'two'"),
    ("attempts", 0, "attempts must be a whole number of 1 or more, not 0"),
    ("opens", "next monday", "opens 'next monday' is not a date"),
])
def test_a_bad_release_rule_shows_the_red_box_not_a_traceback(tmp_path: Path, rule: str, value: object,
                                                              says: str) -> None:
    """Review i15 #8: assignment() raised ChoiceError / ValueError tracebacks in the notebook."""
    folder = release(load_assignment(_spec(tmp_path, feedback="now")), tmp_path / "r")
    path = folder / RELEASE_FILE
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["assignment"][rule] = value
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    shown = assignment(folder, student="ana")
    assert isinstance(shown, BankMessage)
    assert says in repr(shown)
    assert "edu-kit-error" in shown._repr_mimebundle_()["text/html"]


@pytest.mark.parametrize("student", ["=evil", "(anonymous)", "ana\u200b"])
def test_a_refused_student_id_shows_the_red_box(tmp_path: Path, student: str) -> None:
    folder = release(load_assignment(_spec(tmp_path)), tmp_path / "r")
    shown = assignment(folder, student=student)
    assert isinstance(shown, BankMessage)
    assert shown.reason == "the student id cannot be used"


def test_grade_csv_reads_back_an_id_with_a_line_break(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review i15 #1: a carriage return in an id split the row of 'edu-kit grade --csv'."""
    import csv

    spec, course = _blank_submission(tmp_path)
    odd = "p\rq"
    shutil.copytree(course / "submitted" / "pat", course / "submitted" / odd)
    assert main(["grade", str(spec), str(course), "--csv", str(course / "graded.csv")]) == 0
    with (course / "graded.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["student"] for r in rows} == {"pat", odd}


def _as_written_before_the_exam_field(responses: Path) -> None:
    """Drop ``exam`` from every record, as an edu_kit older than the field wrote them."""
    for log in responses.iterdir():
        rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        log.write_text("".join(json.dumps({k: v for k, v in row.items() if k != "exam"}) + "\n"
                               for row in rows), encoding="utf-8")


@pytest.mark.parametrize("again_as", ["pat", "cara"])
def test_an_exam_submitted_before_the_exam_field_existed_stays_locked(tmp_path: Path, again_as: str) -> None:
    """Issue 16: records of an older edu_kit have no 'exam' and read as practice, so upgrading
    during an exam unlocked it; in an assignment folder they lock the exam."""
    mine = _student_copy(tmp_path)
    first = assignment(mine, student="pat")
    assert isinstance(first, Quiz)
    _answer_all(first, right=False)
    first.submit()
    _as_written_before_the_exam_field(mine / "responses")
    forget()
    again = assignment(mine, student=again_as)
    assert isinstance(again, Quiz)
    assert "Already submitted" in again.notice.value
    assert again.submit_button is not None
    assert again.submit_button.disabled
    _answer_all(again, right=True)
    again.submit()
    assert len(load(mine / "responses")) == len(ONE_OF_EACH)


def test_a_practice_answer_written_before_the_exam_field_existed_is_still_shown(tmp_path: Path) -> None:
    mine = _student_copy(tmp_path, mode="practice", attempts=2)
    first = assignment(mine, student="pat")
    assert isinstance(first, Quiz)
    item = next(i for i in first.items if i.question.type == "single")
    _set_correct_wrong(item)
    first.check(item)
    _as_written_before_the_exam_field(mine / "responses")
    again = assignment(mine, student="pat")
    assert isinstance(again, Quiz)
    assert next(i for i in again.items if i.question.id == item.question.id).attempts_used == 1
