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
    assert out.read_bytes() == b"\xef\xbb\xbfstudent,question,mark,max,comment,version\n"  # BOM: Excel reads UTF-8


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
