"""Response logs: append-only JSON lines that survive crashes and concurrent kernels."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from edu_kit.errors import ResponseLogError
from edu_kit.results import (
    COLUMNS,
    NAMED_ANONYMOUS,
    SUMMARY_COLUMNS,
    Response,
    ResponseLogWarning,
    answers_of,
    latest,
    load,
    log_path,
    record,
    summary,
    terminal_table,
    terminal_text,
)

ROOT = Path(__file__).parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _response(i: int = 0, student: str | None = "ana", **kw: object) -> Response:
    base: dict[str, object] = {
        "student": student, "quiz": "topic=timeline n=5", "question": f"q{i}",
        "variant": "0123456789abcdef", "answer": f"answer {i}", "correct": i % 2 == 0,
        "score": 1.0 if i % 2 == 0 else 0.0, "attempt": 1,
    }
    base.update(kw)
    return Response(**base)  # type: ignore[arg-type]


def test_append_and_load_round_trip(tmp_path: Path) -> None:
    answers: list[object] = ["1997", ["Russia", "United States"], True,
                             {"SSD": "Geneva", "NRC": "Brussels"}, 30.0, None, "«Минск» ✓"]
    for i, answer in enumerate(answers):
        path = record(tmp_path, _response(i, answer=answer, attempt=i + 1))
    assert path == tmp_path / "ana.jsonl"
    frame = load(path)
    assert list(frame.columns) == list(COLUMNS)
    assert frame["answer"].tolist() == answers
    assert frame["attempt"].tolist() == list(range(1, 8))
    assert frame["correct"].tolist() == [i % 2 == 0 for i in range(7)]
    assert frame["line"].tolist() == list(range(1, 8))
    assert str(frame["time"].dt.tz) == "UTC"
    assert frame.attrs["problems"] == ()
    assert set(frame["file"]) == {str(path)}


def test_records_are_one_json_line_each_with_every_field(tmp_path: Path) -> None:
    path = record(tmp_path, _response(answer="line\nbreak"))
    (line,) = path.read_bytes().splitlines()
    data = json.loads(line)
    assert list(data) == ["time", "student", "quiz", "question", "variant", "answer",
                          "correct", "score", "attempt", "exam"]
    assert data["time"].endswith("Z")
    assert data["answer"] == "line\nbreak"


def test_anonymous_and_unsafe_student_names(tmp_path: Path) -> None:
    assert record(tmp_path, _response(student=None)).name == "anonymous.jsonl"
    assert log_path(tmp_path, "../../etc/passwd").parent == tmp_path
    assert log_path(tmp_path, "").name == "anonymous.jsonl"
    assert log_path(tmp_path, "   ").name == "_20_20_20.jsonl"  # an id of spaces is still an id: never merged
    path = record(tmp_path, _response(student="../evil"))
    assert path.parent == tmp_path
    assert load(path)["student"].tolist() == ["../evil"]


def test_a_folder_loads_every_log(tmp_path: Path) -> None:
    for student in ("ana", "ben", None):
        record(tmp_path, _response(student=student))
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    frame = load(tmp_path)
    assert sorted(frame["student"].fillna("-")) == ["-", "ana", "ben"]


def test_empty_folder_gives_empty_frame_with_columns(tmp_path: Path) -> None:
    frame = load(tmp_path)
    assert frame.empty
    assert list(frame.columns) == list(COLUMNS)


def test_missing_log_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ResponseLogError, match="no such file or folder"):
        load(tmp_path / "nope")


def test_never_truncates_existing_lines(tmp_path: Path) -> None:
    path = record(tmp_path, _response(0))
    before = path.read_bytes()
    record(tmp_path, _response(1))
    assert path.read_bytes().startswith(before)


# ----------------------------------------------------------------------------- torn lines


def test_torn_last_line_is_skipped_reported_and_next_append_starts_a_new_line(
    tmp_path: Path,
) -> None:
    path = record(tmp_path, _response(0))
    record(tmp_path, _response(1))
    with path.open("ab") as handle:
        handle.write(_response(2).to_line()[:40])  # the writer died mid-line
    with pytest.warns(ResponseLogWarning, match=rf"{path}, line 3: incomplete last line"):
        frame = load(path)
    assert frame["question"].tolist() == ["q0", "q1"]
    (problem,) = frame.attrs["problems"]
    assert problem.startswith(f"{path}, line 3:")

    record(tmp_path, _response(3))
    lines = path.read_bytes().split(b"\n")
    assert json.loads(lines[3])["question"] == "q3"
    with pytest.warns(ResponseLogWarning, match="line 3: not valid JSON"):
        frame = load(path)
    assert frame["question"].tolist() == ["q0", "q1", "q3"]
    assert frame["line"].tolist() == [1, 2, 4]


def test_invalid_records_are_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "ana.jsonl"
    good = _response(0).to_line()
    path.write_bytes(good + b'{"time": "x"}\n' + b"[1, 2]\n"
                     + good.replace(b'"attempt": 1', b'"attempt": "one"') + b"\xff\xfe\n" + good)
    with pytest.warns(ResponseLogWarning):
        frame = load(path)
    assert frame["line"].tolist() == [1, 6]
    reasons = frame.attrs["problems"]
    assert "line 2: missing 'student'" in reasons[0]
    assert "line 3: not a JSON object" in reasons[1]
    assert "line 4: 'attempt' has the wrong type (str)" in reasons[2]
    assert "line 5: not valid JSON" in reasons[3]


_KILLED_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from edu_kit import results
    from edu_kit.results import Response

    folder, complete, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    for i in range(complete):
        results.record(folder, Response("ana", "quiz", f"q{i}", "v", i, True, 1.0, 1))

    real_write = os.write

    def half_then_hang(fd, data):
        real_write(fd, data[: len(data) // 2])   # the kernel dies in the middle of a line
        open(ready, "w").close()
        time.sleep(60)
        return len(data)

    os.write = half_then_hang
    results.record(folder, Response("ana", "quiz", "torn", "v", "x" * 200, True, 1.0, 1))
    """
)


def _wait_for(path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def test_sigkill_in_the_middle_of_a_record_keeps_every_earlier_record(tmp_path: Path) -> None:
    logs, ready = tmp_path / "logs", tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(logs), "50", str(ready)],
                             env=ENV)
    try:
        _wait_for(ready)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    path = logs / "ana.jsonl"
    assert not path.read_bytes().endswith(b"\n")
    with pytest.warns(ResponseLogWarning, match="line 51: incomplete last line"):
        frame = load(path)
    assert frame["question"].tolist() == [f"q{i}" for i in range(50)]
    assert frame["answer"].tolist() == list(range(50))
    # the lock died with the process: the next kernel can append, on a new line
    record(logs, _response(99))
    with pytest.warns(ResponseLogWarning, match="line 51"):
        assert load(path)["question"].tolist()[-1] == "q99"


_LOOP_WRITER = textwrap.dedent(
    """
    import sys
    from edu_kit import results
    from edu_kit.results import Response

    folder, tag = sys.argv[1], sys.argv[2]
    i = 0
    while True:
        results.record(folder, Response("ana", "quiz", f"{tag}-{i}", "v", "y" * 300, True, 1.0, 1))
        i += 1
    """
)


def test_sigkill_at_a_random_moment_leaves_only_complete_records(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    child = subprocess.Popen([sys.executable, "-c", _LOOP_WRITER, str(logs), "loop"], env=ENV)
    try:
        path = logs / "ana.jsonl"
        _wait_for(path)
        deadline = time.monotonic() + 30
        while path.read_bytes().count(b"\n") < 100 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    content = path.read_bytes()
    complete = content.count(b"\n")
    assert complete >= 100
    frame = load(path)  # a torn tail, if any, is only a warning
    assert len(frame) in (complete, complete + 1)
    assert frame["question"].tolist()[:complete] == [f"loop-{i}" for i in range(complete)]
    assert len(frame.attrs["problems"]) <= 1


_PARALLEL_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from edu_kit import results
    from edu_kit.results import Response

    folder, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(count):
        results.record(folder, Response("shared", "quiz", f"{tag}-{i}", "v",
                                        {"text": tag * 50}, True, 1.0, 1))
    """
)


def test_concurrent_kernels_never_interleave(tmp_path: Path) -> None:
    logs, go = tmp_path / "logs", tmp_path / "go"
    writers, count = 4, 200
    children = [
        subprocess.Popen([sys.executable, "-c", _PARALLEL_WRITER, str(logs), f"p{k}", str(count),
                          str(go)], env=ENV)
        for k in range(writers)
    ]
    time.sleep(0.5)
    go.touch()
    for child in children:
        assert child.wait(timeout=300) == 0
    frame = load(logs)
    assert frame.attrs["problems"] == ()
    assert len(frame) == writers * count
    assert set(frame["question"]) == {f"p{k}-{i}" for k in range(writers) for i in range(count)}
    for k in range(writers):  # each writer's records stay in its own order
        mine = frame[frame["question"].str.startswith(f"p{k}-")]["question"].tolist()
        assert mine == [f"p{k}-{i}" for i in range(count)]


# ----------------------------------------------------------------------------- failures


def test_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ResponseLogError) as info:
        record(blocker / "logs", _response())
    message = str(info.value)
    assert message.startswith(f"{blocker / 'logs'}: cannot create the folder for answers: "
                              "Not a directory.")
    assert "What to do: check that the folder exists, is writable" in message


def test_log_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "ana.jsonl").mkdir()
    with pytest.raises(ResponseLogError, match="cannot open the log: Is a directory"):
        record(tmp_path, _response())


def test_disk_full_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = record(tmp_path, _response(0))
    before = path.read_bytes()

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("edu_kit.results.os.write", full)
    with pytest.raises(ResponseLogError, match="cannot write the log: No space left on device"):
        record(tmp_path, _response(1))
    assert path.read_bytes() == before


def test_short_write_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write
    monkeypatch.setattr("edu_kit.results.os.write", lambda fd, data: real(fd, data[:10]))
    with pytest.raises(ResponseLogError, match="only 10 of"):
        record(tmp_path, _response())
    monkeypatch.undo()
    record(tmp_path, _response(1))
    with pytest.warns(ResponseLogWarning, match="line 1"):
        assert load(tmp_path)["question"].tolist() == ["q1"]


def test_unserialisable_answers_and_nan_scores_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ResponseLogError, match="cannot be saved as JSON"):
        record(tmp_path, _response(answer=object()))
    with pytest.raises(ResponseLogError, match="not finite"):
        record(tmp_path, _response(score=float("nan")))
    assert not (tmp_path / "ana.jsonl").exists()


def test_sets_are_saved_as_sorted_lists(tmp_path: Path) -> None:
    path = record(tmp_path, _response(answer={"b", "a"}))
    assert load(path)["answer"].tolist() == [["a", "b"]]


# --------------------------------------------------------------------------- attempts, quizzes, anonymity


def _at(second: int, **kw: object) -> Response:
    return _response(time=f"2022-01-10T09:00:{second:02d}.000Z", **kw)  # type: ignore[arg-type]


def test_latest_attempt_by_time_within_each_quiz(tmp_path: Path) -> None:
    # a right practice answer (attempt 2) must not outweigh a later wrong exam answer (attempt 1)
    record(tmp_path, _at(1, quiz="practice", question="q1", correct=False, score=0.0, attempt=1))
    record(tmp_path, _at(2, quiz="practice", question="q1", correct=True, score=1.0, attempt=2))
    record(tmp_path, _at(3, quiz="exam", question="q1", correct=False, score=0.0, attempt=1))
    log = load(tmp_path)
    assert len(latest(log)) == 2
    per_quiz = summary(log, per_quiz=True)
    assert per_quiz[["quiz", "correct", "attempts"]].values.tolist() == [["exam", 0, 1], ["practice", 1, 2]]
    assert summary(log, quiz="exam")["score"].tolist() == [0.0]
    assert summary(log, quiz="practice")["score"].tolist() == [1.0]
    assert len(log) == 3, "every attempt is kept"


def test_latest_is_by_time_not_by_attempt_number(tmp_path: Path) -> None:
    record(tmp_path, _at(5, question="q1", correct=False, score=0.0, attempt=1))
    record(tmp_path, _at(4, question="q1", correct=True, score=1.0, attempt=2))  # written later, earlier time
    assert latest(load(tmp_path))["correct"].tolist() == [False]


def test_anonymous_answers_are_shown_and_counted(tmp_path: Path) -> None:
    for i in range(3):
        record(tmp_path, _response(i, student=None))
    record(tmp_path, _response(0, student="ana"))
    table = summary(load(tmp_path))
    assert table["student"].tolist() == ["(anonymous)", "ana"]
    assert table["attempts"].tolist() == [3, 1]
    assert int(table["answered"].sum()) == 4


def test_ungraded_answers_are_counted_as_such(tmp_path: Path) -> None:
    record(tmp_path, _response(0, correct=None, score=None))
    record(tmp_path, _response(1))
    log = load(tmp_path)
    assert log["correct"].isna().tolist() == [True, False]
    row = summary(log).iloc[0]
    assert (row["answered"], row["ungraded"], row["score"]) == (2, 1, 0.0)


def test_summary_says_answered_blank_and_how_many_questions_the_quiz_holds(tmp_path: Path) -> None:
    """Review of issue 13: ``questions`` counted only the questions answered, so a student who
    answered 3 of 10 showed questions=3."""
    for i in range(3):
        record(tmp_path, _response(i))
    record(tmp_path, _response(3, answer=None, correct=False, score=0.0))  # submitted blank
    record(tmp_path, _response(4, answer=None, correct=None, score=None))  # a written answer left blank
    log = load(tmp_path)
    (row,) = summary(log, questions=10).to_dict("records")
    assert row == {"student": "ana", "questions": 10, "answered": 3, "blank": 2, "correct": 2, "score": 2.0,
                   "ungraded": 0, "attempts": 5}
    assert "questions" not in summary(log).columns  # unknown: not guessed from the answers
    assert list(summary(log, per_quiz=True, questions=10).columns) == list(SUMMARY_COLUMNS)


def test_answers_of_reads_one_students_quiz(tmp_path: Path) -> None:
    record(tmp_path, _response(0, quiz="a"))
    record(tmp_path, _response(1, quiz="b"))
    assert [r["question"] for r in answers_of(tmp_path, "ana", "b")] == ["q1"]
    assert answers_of(tmp_path, "nobody", "b") == []


def _student_process(args: tuple[str, str, int]) -> int:
    """One simulated student: answers through quiz.show and the Check button, plus raw records."""
    folder, name, answers = args
    from edu_kit.quiz import load_bank, show

    bank = load_bank(ROOT / "quizzes" / "handwritten")
    singles = [q.id for q in bank.questions if q.type == "single"][:answers]
    quiz = show(singles, bank=bank, student=name, log_dir=folder, attempts=1)
    for item in quiz.items:  # type: ignore[union-attr]
        item.controls[0].value = item.display.options[0]
        quiz.check(item)  # type: ignore[union-attr]
    for i in range(answers):  # and the shared anonymous log, written by every process at once
        record(folder, _response(i, student=None, quiz=name))
    return answers


def test_thirty_concurrent_students_lose_no_record(tmp_path: Path) -> None:
    import multiprocessing

    import edu_kit.quiz.widget  # noqa: F401  (imported once, before forking)

    students, answers = 30, 5
    context = multiprocessing.get_context("fork")
    with context.Pool(students) as pool:  # thirty processes at once
        done = pool.map(_student_process, [(str(tmp_path), f"student-{i:02d}", answers) for i in range(students)])
    assert done == [answers] * students
    log = load(tmp_path)
    assert log.attrs["problems"] == ()
    assert len(log) == students * answers * 2
    named = summary(log[log["student"].notna()])
    assert len(named) == students
    assert set(named["attempts"]) == {answers}
    anonymous = log[log["student"].isna()]
    assert sorted(anonymous.groupby("quiz").size().unique().tolist()) == [answers]


# -- issue 16 (attack16-2 #8, #9, #21, #23, #24, #30)


def _legacy_line(student: str, question: str = "q1", quiz: str = "z") -> str:
    return json.dumps({"time": "2022-01-10T09:00:00.000Z", "student": student, "quiz": quiz,
                       "question": question, "variant": "v", "answer": "a", "correct": True,
                       "score": 1.0, "attempt": 1}, ensure_ascii=False) + "\n"


def test_one_student_however_the_accents_of_the_id_were_typed(tmp_path: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFD", "José")
    record(tmp_path, _response(0, student=nfc, quiz="z"))
    (tmp_path / log_path(tmp_path, nfc).name).open("a", encoding="utf-8").write(
        _legacy_line(nfd, "q1"))  # an older edu_kit kept the id as typed
    assert [r["question"] for r in answers_of(tmp_path, nfd, "z")] == ["q0", "q1"]
    log = load(tmp_path)
    assert set(log["student"]) == {nfc}
    assert summary(log)["student"].tolist() == [nfc]


def test_upper_case_is_encoded_in_the_log_name_and_old_logs_still_read(tmp_path: Path) -> None:
    assert log_path(tmp_path, "Ana").name == "^ana.jsonl"
    assert log_path(tmp_path, "ana").name == "ana.jsonl"
    (tmp_path / "Ana.jsonl").write_text(_legacy_line("Ana", "old"), encoding="utf-8")  # before the change
    record(tmp_path, _response(0, student="Ana", quiz="z"))
    assert [r["question"] for r in answers_of(tmp_path, "Ana", "z")] == ["q0", "old"]
    assert answers_of(tmp_path, "ana", "z") == []
    assert sorted(load(tmp_path)["question"]) == ["old", "q0"]


def test_a_student_called_anonymous_is_not_merged_with_nameless_answers(tmp_path: Path) -> None:
    record(tmp_path, _response(0, student="(anonymous)"))
    record(tmp_path, _response(1, student=None))
    table = summary(load(tmp_path))
    assert table["student"].tolist() == ["(anonymous)", NAMED_ANONYMOUS]
    assert table["attempts"].tolist() == [1, 1]


def test_latest_keeps_a_student_named_nul_apart_from_nameless_answers(tmp_path: Path) -> None:
    record(tmp_path, _response(0, student="\x00"))
    record(tmp_path, _response(0, student=None))
    assert len(latest(load(tmp_path))) == 2


def test_ids_with_terminal_escapes_are_shown_escaped(tmp_path: Path) -> None:
    forged = "mallory\x1b[2K\x1b[1Gben  5  5  5.0"
    record(tmp_path, _response(0, student=forged))
    table = summary(load(tmp_path))
    assert "\x1b" not in terminal_table(table)
    assert table["student"].tolist() == ["mallory\\x1b[2K\\x1b[1Gben  5  5  5.0"]
    assert terminal_text("a\u202eb\rc") == "a\\u202eb\\rc"


@pytest.fixture
def _alarm() -> Iterator[None]:
    """Fail instead of hanging if anything opens a FIFO and waits for a writer."""
    def _timeout(*_: object) -> None:
        raise TimeoutError("blocked")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.usefixtures("_alarm")
def test_logs_that_are_links_to_nothing_loops_or_fifos_are_named_never_opened(tmp_path: Path) -> None:
    record(tmp_path, _response(0, student="ana"))
    (tmp_path / "ben.jsonl").symlink_to("/nonexistent/home/ben/edu_kit_responses/ben.jsonl")
    (tmp_path / "cy.jsonl").symlink_to("cy.jsonl")
    os.mkfifo(tmp_path / "dee.jsonl")
    with pytest.warns(ResponseLogWarning) as caught:
        log = load(tmp_path)
    assert len(log) == 1
    problems = " ".join(log.attrs["problems"])
    assert len(caught) == 3
    assert "ben.jsonl: cannot read the log: it is a symbolic link to" in problems
    assert "cy.jsonl: cannot read the log: it is a symbolic link that loops" in problems
    assert "dee.jsonl: cannot read the log: it is a FIFO" in problems
    with pytest.raises(ResponseLogError, match="FIFO"):
        load(tmp_path / "dee.jsonl")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_read_error_skips_that_log_and_keeps_the_others(tmp_path: Path) -> None:
    record(tmp_path, _response(0, student="ana"))
    (tmp_path / "mem.jsonl").symlink_to("/proc/self/mem")  # opens, then EIO on read
    with pytest.warns(ResponseLogWarning, match=r"mem\.jsonl.*Input/output error"):
        log = load(tmp_path)
    assert log["student"].tolist() == ["ana"]
    (tmp_path / "^eve.jsonl").symlink_to("/proc/self/mem")
    with pytest.raises(ResponseLogError, match="Input/output error"):
        answers_of(tmp_path, "Eve", "z")


def test_control_characters_in_a_log_file_name_are_escaped_in_problems(tmp_path: Path) -> None:
    (tmp_path / "x\x1b[2K.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.warns(ResponseLogWarning):
        log = load(tmp_path)
    assert "\x1b" not in " ".join(log.attrs["problems"])


@pytest.mark.usefixtures("_alarm")
def test_a_collected_tree_names_dangling_and_fifo_logs_and_keeps_ids_nfc(tmp_path: Path) -> None:
    from edu_kit.classroom.collected import load_collected

    nfd = unicodedata.normalize("NFD", "José")
    responses = tmp_path / "submitted" / nfd / "week3" / "responses"
    record(responses, _response(0, student="José"))
    (responses / "ghost.jsonl").symlink_to("/nonexistent/ghost.jsonl")
    os.mkfifo(responses / "pipe.jsonl")
    with pytest.warns(ResponseLogWarning):
        log = load_collected(tmp_path / "submitted", "week3")
    assert log["student"].tolist() == [unicodedata.normalize("NFC", "José")]
    assert not log.attrs.get("notes"), "the NFD folder name is the same student as the NFC record"
    problems = " ".join(log.attrs["problems"])
    assert "ghost.jsonl" in problems
    assert "pipe.jsonl" in problems


def test_logs_under_the_first_versions_file_names_are_read_by_the_quiz_too(tmp_path: Path) -> None:
    (tmp_path / "Ana_M..jsonl").write_text(  # 'Ana M.' before ids were escaped one to one
        _legacy_line("Ana M.", "first") + _legacy_line("Ana_M.", "someone else"), encoding="utf-8")
    (tmp_path / "Ana_20M..jsonl").write_text(_legacy_line("Ana M.", "second"), encoding="utf-8")
    record(tmp_path, _response(0, student="Ana M.", quiz="z"))
    assert [r["question"] for r in answers_of(tmp_path, "Ana M.", "z")] == ["q0", "second", "first"]


# ----------------------------------------------------------------------------- exam records


OLD_LINE = ('{"time": "2022-01-10T09:00:00Z", "student": "ana", "quiz": "z", "question": "q", '
            '"variant": "v", "answer": "A", "correct": true, "score": 1.0, "attempt": 1}\n')


def test_records_say_whether_they_are_exam_answers_and_old_logs_read_as_practice(tmp_path: Path) -> None:
    (tmp_path / "ana.jsonl").write_text(OLD_LINE, encoding="utf-8")
    record(tmp_path, Response("ana", "z", "q", "v", "B", False, 0.0, 1, exam=True))
    assert [json.loads(line).get("exam") for line in (tmp_path / "ana.jsonl").read_text().splitlines()] == [
        None, True]
    frame = load(tmp_path)
    assert frame["exam"].tolist() == [False, True]
    assert [r["answer"] for r in answers_of(tmp_path, "ana", "z", exam=True)] == ["B"]
    assert [r["answer"] for r in answers_of(tmp_path, "ana", "z", exam=False)] == ["A"]
    assert len(answers_of(tmp_path, "ana", "z")) == 2


@pytest.mark.parametrize("value", ['"yes"', "1", "null"])
def test_an_exam_field_that_is_not_a_boolean_is_skipped_and_named(tmp_path: Path, value: str) -> None:
    (tmp_path / "ana.jsonl").write_text(OLD_LINE[:-2] + f', "exam": {value}}}\n', encoding="utf-8")
    with pytest.warns(ResponseLogWarning, match="'exam' has the wrong type"):
        frame = load(tmp_path)
    assert frame.empty


# ----------------------------------------------------------------------------- nested folders


def _tree(tmp_path: Path) -> Path:
    top = tmp_path / "collected"
    for student in ("ana", "ben"):
        record(top / student / "a1" / "logs", Response(student, "a1", "q1", "v", "A", True, 1.0, 1))
    record(top, Response("cy", "a1", "q1", "v", "A", True, 1.0, 1))
    return top


def test_a_folder_is_read_with_its_sub_folders(tmp_path: Path) -> None:
    frame = load(_tree(tmp_path))
    assert sorted(frame["student"]) == ["ana", "ben", "cy"]
    assert frame.attrs["problems"] == ()


def test_hidden_copies_are_named_not_read_and_a_linked_log_is_read_once(tmp_path: Path) -> None:
    top = _tree(tmp_path)
    checkpoints = top / ".ipynb_checkpoints"
    checkpoints.mkdir()
    (checkpoints / "cy-checkpoint.jsonl").write_bytes((top / "cy.jsonl").read_bytes())
    (top / "again.jsonl").symlink_to(top / "cy.jsonl")
    (top / "loop").symlink_to(top)  # a link to a folder is not followed
    with pytest.warns(ResponseLogWarning, match="ipynb_checkpoints"):
        frame = load(top)
    assert sorted(frame["student"]) == ["ana", "ben", "cy"]


# ----------------------------------------------------------------------------- ids that look alike


@pytest.mark.parametrize("hidden", ["ana\u200b", "a\u200dna", "\u202eana", "ana\u2066", "\ufeffana", "an\u00ada"])
def test_an_id_with_characters_nobody_sees_is_the_student_without_them(tmp_path: Path, hidden: str) -> None:
    record(tmp_path, Response("ana", "z", "q", "v", "A", True, 1.0, 1))
    path = record(tmp_path, Response(hidden, "z", "q", "v", "B", True, 1.0, 2))
    assert path == log_path(tmp_path, "ana")
    assert [r["student"] for r in answers_of(tmp_path, hidden, "z")] == ["ana", "ana"]
    assert summary(load(tmp_path))["student"].tolist() == ["ana"]


@pytest.mark.parametrize("student", ["\u0410na", "\u039dick", "\ua4e0ick", "N\u0456ck"])
def test_a_mixed_script_id_is_flagged_in_the_summary(tmp_path: Path, student: str) -> None:
    from edu_kit.results import MIXED_SCRIPTS

    for who in (student, "Ana"):
        record(tmp_path, Response(who, "z", "q", "v", "A", True, 1.0, 1))
    labels = summary(load(tmp_path))["student"].tolist()
    assert sorted(labels) == sorted(["Ana", student + MIXED_SCRIPTS])


@pytest.mark.parametrize("student", ["\u041a\u0438\u0457\u0432", "\u674e\u96f7", "Jos\u00e9", "O'Brien"])
def test_single_script_ids_are_not_flagged(tmp_path: Path, student: str) -> None:
    record(tmp_path, Response(student, "z", "q", "v", "A", True, 1.0, 1))
    assert summary(load(tmp_path))["student"].tolist() == [student]


@pytest.mark.parametrize(("unmarked_is_exam", "exam", "expected"), [
    (False, True, ["marked exam"]),
    (False, False, ["marked practice", "unmarked"]),
    (True, True, ["marked exam", "unmarked"]),
    (True, False, ["marked practice"]),
    (True, None, ["marked exam", "marked practice", "unmarked"]),
])
def test_a_record_without_the_exam_field_locks_an_exam_only_when_asked(
        tmp_path: Path, unmarked_is_exam: bool, exam: bool | None, expected: list[str]) -> None:
    """Issue 16: an older edu_kit wrote no 'exam'; an assignment folder's exam lock counts such records."""
    from edu_kit.results import answers_in, read_answers

    record(tmp_path, _response(0, question="marked exam", exam=True))
    record(tmp_path, _response(0, question="marked practice", exam=False))
    line = json.loads(log_path(tmp_path, "ana").read_text(encoding="utf-8").splitlines()[0])
    del line["exam"]
    line["question"] = "unmarked"
    with log_path(tmp_path, "ana").open("a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")
    quiz = "topic=timeline n=5"
    mine = read_answers(tmp_path, "ana", quiz, exam=exam, unmarked_is_exam=unmarked_is_exam)[0]
    anyone = answers_in(tmp_path, quiz, exam=exam, unmarked_is_exam=unmarked_is_exam)
    for rows in (mine, anyone):
        assert sorted(row["question"] for row in rows) == expected
        assert all(set(row) == set(COLUMNS) for row in rows)
