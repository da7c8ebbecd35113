"""The teacher's commands: results report / marks / gradebook, quiz export / import."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from simulated_class import simulate, write_logs

from edu_kit.cli import main
from edu_kit.quiz import dump_bank, load_bank


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def classroom(tmp_path: Path) -> Path:
    log, bank = simulate()
    write_logs(tmp_path / "logs", log)
    (tmp_path / "sim.yaml").write_text(dump_bank("sim", "Simulated", bank), encoding="utf-8")
    return tmp_path


def test_results_report(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    out = classroom / "report.html"
    code, _, err = run(capsys, "results", "report", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"),
                       "--out", str(out), "--title", "Week 3 <check>")
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "<title>Week 3 &lt;check&gt;</title>" in page
    assert "likely wrong key" in page


def test_results_report_of_one_quiz(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    args = ("results", "report", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"))
    code, _, err = run(capsys, *args, "--quiz", "simulated", "--out", str(classroom / "one.html"))
    assert code == 0, err
    code, _, err = run(capsys, *args, "--quiz", "simulatd")
    assert code == 2
    assert "quiz 'simulatd' is not one of: 'simulated'" in err


def test_results_gradebook_for_each_platform(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    for lms in ("long", "moodle", "canvas"):
        out = classroom / f"{lms}.csv"
        code, _, err = run(capsys, "results", "gradebook", str(classroom / "logs"), "--bank",
                           str(classroom / "sim.yaml"), "--lms", lms, "--out", str(out))
        assert code == 0, err
        rows = list(csv.reader(out.open(encoding="utf-8")))
        assert len(rows) == 31 + (lms == "canvas")
    code, _, err = run(capsys, "results", "gradebook", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"),
                       "--out", str(classroom / "g.xlsx"))
    assert code == 0, err
    assert (classroom / "g.xlsx").stat().st_size > 0


def test_results_marks_with_no_open_answers(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    out = classroom / "marks.csv"
    code, _, err = run(capsys, "results", "marks", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"),
                       "--out", str(out))
    assert code == 0
    assert "0 written answer(s)" in err
    assert out.read_bytes() == b"\xef\xbb\xbfstudent,question,mark,max,comment,version\r\n"  # BOM: Excel reads UTF-8; RFC 4180 lines


def test_results_bad_marks_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    marks = classroom / "marks.csv"
    marks.write_text("student,question,mark,max\nana,q,lots,3\n", encoding="utf-8")
    code, _, err = run(capsys, "results", "report", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"),
                       "--marks", str(marks))
    assert code == 2
    assert "marks.csv, line 2: mark 'lots' is not a number" in err
    assert "Traceback" not in err


def test_results_summary_still_takes_a_path(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    code, out, _ = run(capsys, "results", str(classroom / "logs"))
    assert code == 0
    assert "s29" in out


@pytest.mark.parametrize(("fmt", "suffix"), [("gift", ".gift"), ("moodle-xml", ".xml"), ("qti", ".zip")])
def test_quiz_export_then_import(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / f"bank{suffix}"
    code, _, err = run(capsys, "quiz", "export", "--format", fmt, "--out", str(out))
    assert code == 0, err
    assert "question(s) exported" in err
    if fmt == "qti":
        assert "imsmanifest.xml" in zipfile.ZipFile(out).namelist()
        assert "left out: gen-order-" in err  # text2qti has no ordering questions
    back = tmp_path / "back.yaml"
    code, _, err = run(capsys, "quiz", "import", str(out), "--out", str(back), "--topic", "concepts")
    if fmt == "qti":  # essays come back without model answer and rubric: listed, the rest written, exit 1
        assert code == 1, err
        assert "not imported:" in err
        assert "model answer and a rubric" in err
    else:
        assert code == 0, err
    assert set(load_bank(back).ids) <= set(load_bank().ids)


def test_quiz_import_of_an_unknown_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "questions.docx"
    source.write_bytes(b"PK")
    code, _, err = run(capsys, "quiz", "import", str(source), "--out", str(tmp_path / "b.yaml"))
    assert code == 2
    assert "cannot tell the format" in err


def test_quiz_import_needs_a_topic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "t.gift"
    source.write_text("Ukraine joined NATO in 2008.{F}\n", encoding="utf-8")
    code, _, err = run(capsys, "quiz", "import", str(source), "--out", str(tmp_path / "b.yaml"))
    assert code == 2
    assert "no topic" in err
    assert "no question could be imported" in err


def _keyless_course(tmp_path: Path) -> tuple[Path, Path, dict[str, float]]:
    """A keyless exam (mode exam, feedback after the deadline) collected by nbgrader: answers carry the
    release's opaque ids and no grade.  Returns the spec, the course and each student's right score."""
    import json

    import yaml

    from edu_kit.classroom.assignments import sealed_id

    questions = ["hw-concepts-nato-allies", "hw-timeline-crimea-year", "hw-concepts-russia-veto"]
    tmp_path.mkdir(parents=True, exist_ok=True)
    spec = tmp_path / "week3.yaml"
    spec.write_text(yaml.safe_dump({"id": "week3", "title": "Week 3", "questions": questions, "mode": "exam",
                                    "feedback": "after_deadline"}), encoding="utf-8")
    # two numeric questions and a true/false one: the answers as the widget saves them
    right_answers = {"hw-concepts-nato-allies": (30, 29), "hw-timeline-crimea-year": (2014, 2008),
                     "hw-concepts-russia-veto": (False, True)}
    expected = {}
    for s, student in enumerate(("ana", "ben", "cara", "dan")):
        folder = tmp_path / "course" / "submitted" / student / "week3" / "responses"
        folder.mkdir(parents=True)
        lines = []
        for i, qid in enumerate(questions):
            right = (s + i) % 2 == 0 or s == 0
            answer = right_answers[qid][0 if right else 1]
            lines.append(json.dumps({"time": f"2022-01-10T09:0{i}:00.000Z", "student": student, "quiz": "week3",
                                     "question": sealed_id("week3", qid), "variant": "0" * 16, "answer": answer,
                                     "correct": None, "score": None, "attempt": 1}))
            expected[student] = expected.get(student, 0.0) + (1.0 if right else 0.0)
        (folder / f"{student}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec, tmp_path / "course", expected


def test_report_marks_and_gradebook_read_keyless_assignments(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    """Review i15b #25: the gradebook wrote a header only and the report said 0 students."""
    spec, course, expected = _keyless_course(tmp_path)
    code, out, err = run(capsys, "results", str(course), "--assignment", str(spec))
    assert code == 0, err
    summary = {line.split()[0]: float(line.split()[5]) for line in out.splitlines()[1:]}
    assert summary == expected  # what 'results --assignment' says; report and gradebook must agree
    for assignment in (["--assignment", str(spec)], []):
        grades = tmp_path / "g.csv"
        code, _, err = run(capsys, "results", "gradebook", str(course), *assignment, "--out", str(grades))
        assert code == 0, err
        rows = list(csv.DictReader(grades.open(encoding="utf-8")))
        assert {r["student"]: float(r["score"]) for r in rows} == expected
        assert {r["maximum"] for r in rows} == {"3"}
        page = tmp_path / "r.html"
        code, _, err = run(capsys, "results", "report", str(course), *assignment, "--out", str(page))
        assert code == 0, err
        assert "4 student(s), 3 question(s) marked automatically, 0 written" in err  # review t15c P6
        assert "not in the bank were left out" not in page.read_text(encoding="utf-8")
    code, _, err = run(capsys, "results", "marks", str(course), "--assignment", str(spec),
                       "--out", str(tmp_path / "m.csv"))
    assert code == 0, err


def test_no_logs_or_a_forgotten_bank_is_an_error(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    """Review i15b #9: an empty folder or a forgotten --bank gave an empty report and exit 0."""
    (classroom / "empty").mkdir()
    for action in ("report", "marks", "gradebook"):
        code, _, err = run(capsys, "results", action, str(classroom / "empty"), "--out", str(classroom / "x"))
        assert code == 2
        assert f"no answers found in {classroom / 'empty'}" in err
        code, _, err = run(capsys, "results", action, str(classroom / "logs"), "--out", str(classroom / "x"))
        assert code == 2
        assert "every answer (600) is to a question that is not in the bundled banks" in err
        assert "did you forget --bank?" in err
    assert not (classroom / "x").exists()
    _, course, _ = _keyless_course(classroom / "keyless")
    code, _, err = run(capsys, "results", "report", str(course), "--bank", str(classroom / "sim.yaml"))
    assert code == 2
    assert "saved by a release without the key" in err
    assert "pass --assignment" in err


def test_log_warnings_are_printed_for_a_teacher(capsys: pytest.CaptureFixture[str], classroom: Path) -> None:
    """Review i15b #10: Python's 'file.py:53: ResponseLogWarning:' and source line reached the teacher."""
    torn = classroom / "logs" / "s01.jsonl"
    torn.write_text(torn.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    code, _, err = run(capsys, "results", "report", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"),
                       "--out", str(classroom / "r.html"))
    assert code == 1  # review i15 #7: a skipped line is an exit status a script notices
    assert f"edu-kit: warning: {torn}, line 20: incomplete last line" in err
    assert "Warning:" not in err
    assert ".py:" not in err


def test_gradebook_for_moodle_says_the_maximum_and_leaves_anonymous_out(capsys: pytest.CaptureFixture[str],
                                                                       classroom: Path) -> None:
    """Review i15b #2 (the maximum was nowhere) and #19 (an '(anonymous)' row breaks Moodle's import)."""
    anonymous = (classroom / "logs" / "s00.jsonl").read_text(encoding="utf-8").replace('"student": "s00"',
                                                                                      '"student": null')
    (classroom / "logs" / "anonymous.jsonl").write_text(anonymous, encoding="utf-8")
    for lms in ("moodle", "canvas"):
        out = classroom / f"{lms}.csv"
        code, _, err = run(capsys, "results", "gradebook", str(classroom / "logs"), "--bank",
                           str(classroom / "sim.yaml"), "--lms", lms, "--out", str(out))
        assert code == 0, err
        assert "(anonymous)" not in out.read_text(encoding="utf-8")
        assert f"left out 1 row(s) of anonymous answers (no student name): {lms.capitalize()} has no such user" in err
        assert "wrote" in err
        assert "30 student row(s)" in err
    code, _, err = run(capsys, "results", "gradebook", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"),
                       "--lms", "moodle", "--out", str(classroom / "m.csv"))
    assert "in Moodle, give each grade item this maximum grade (the file holds points): 'simulated': 20" in err
    assert "gradebook percent = score / the assignment's maximum" in err
    long = classroom / "long.csv"
    run(capsys, "results", "gradebook", str(classroom / "logs"), "--bank", str(classroom / "sim.yaml"),
        "--out", str(long))
    assert "(anonymous)" in long.read_text(encoding="utf-8")  # kept where it harms nothing


@pytest.mark.parametrize("action", [[], ["report"], ["marks"], ["gradebook"]])
def test_results_exit_1_when_a_log_line_was_skipped(capsys: pytest.CaptureFixture[str], classroom: Path,
                                                    action: list[str]) -> None:
    """Review i15 #7: a teacher's script could not tell that a line or file was skipped."""
    logs = str(classroom / "logs")
    bank = [] if not action else ["--bank", str(classroom / "sim.yaml")]
    out = ["--out", str(classroom / "out.file")] if action and action[0] != "gradebook" else \
        ["--out", str(classroom / "g.csv")] if action else []
    code, _, err = run(capsys, "results", *action, logs, *bank, *out)
    assert code == 0, err
    assert "skipped" not in err
    bad = classroom / "logs" / "s02.jsonl"
    bad.write_text(bad.read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    (classroom / "logs" / "zz.jsonl").mkdir()  # not a file: skipped
    code, _, err = run(capsys, "results", *action, logs, *bank, *out)
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith("edu-kit: ")
    assert "were skipped" in last
    assert "exit status 1" in last
