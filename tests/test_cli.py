"""The edu-kit command line: formats, the JSON schema, and clear errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from edu_kit._resources import package_data
from edu_kit.cli import main

BAD = Path(__file__).parent / "data" / "bad"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json_matches_the_documented_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "--format", "json")
    assert code == 0
    document = json.loads(out)
    schema = json.loads(package_data("data", "extract.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert [a["id"] for a in document["articles"]] == ["000", "001", "002", "003", "004"]
    first = document["articles"][4]
    assert first["dates"][0] == {
        "text": "Thursday, December 16, 2021",
        "value": "2021-12-16",
        "until": None,
        "precision": "day",
        "start": first["dates"][0]["start"],
        "end": first["dates"][0]["end"],
        "relative": False,
        "sentence": first["dates"][0]["sentence"],
    }
    assert len(document["conflicts"]) == 2
    assert any(v["name"] == "Olaf Scholz" for v in document["variants"])


def test_offsets_in_json_point_into_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "extract", "--format", "json")
    for article in json.loads(out)["articles"]:
        body = Path(article["source_path"]).read_text(encoding="utf-8")
        for mention in article["mentions"]:
            assert body[mention["start"] : mention["end"]] == mention["text"]


def test_extract_table_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract")
    assert code == 0
    assert "== 002  Unknown outlet (translated agency copy), 2021-12-10" in out
    assert "Olaf Scholz" in out
    assert "(misspelt)" in out


def test_extract_csv_has_one_row_per_item(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "talks.txt"
    article.write_text('Published: 2022-01-10\n---\n"We are ready," Lavrov said on Monday.\n', encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["type"] for r in rows] == ["quote", "date", "mention"]
    assert rows[0]["speaker_or_name"] == "Sergei Lavrov"
    assert rows[1]["value"] == "2022-01-10"


def test_extract_csv_guards_formula_quotes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # review i15 #9: a quotation a spreadsheet would run as a formula gets the leading ' of the gradebook
    article = tmp_path / "talks.txt"
    article.write_text('Published: 2022-01-10\n---\n"=HYPERLINK(1)," Lavrov said on Monday.\n', encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--format", "csv")
    assert code == 0
    cells = [c for row in csv.reader(io.StringIO(out, newline="")) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not c[1:].isdigit())]
    assert any(c.startswith("'=HYPERLINK(1)") for c in cells)


@pytest.mark.parametrize("name", ["articles/empty.txt", "articles/latin1.txt", "folders/no_articles"])
def test_bad_input_exits_2_with_the_message(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run(capsys, "extract", str(BAD / name))
    assert code == 2
    assert out == ""
    assert err.startswith(f"edu-kit: {BAD / name}")
    assert "What to do:" in err
    assert "Traceback" not in err


def test_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["extract", "--format", "xml"])
    assert stopped.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_score_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(Path(__file__).parent / "gold"))
    assert code == 0
    assert out.splitlines()[0].split()[:4] == ["category", "P", "R", "F1"]


def test_score_names_the_gold_files_it_leaves_out(capsys: pytest.CaptureFixture[str]) -> None:
    here = Path(__file__).parent
    code, _, err = run(capsys, "score", str(here / "gold" / "real"), str(here / "data" / "real"))
    assert code == 0
    assert "left out" in err
    assert "11_interfax_blinken_focus.txt" in err


def test_console_script_runs_as_a_module() -> None:
    done = subprocess.run([sys.executable, "-m", "edu_kit.cli", "extract", "--format", "json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert json.loads(done.stdout)["articles"]


def test_quiz_check_reports_file_line_and_fix(capsys: pytest.CaptureFixture[str]) -> None:
    bad = BAD / "quizzes" / "key_rules.yaml"
    code, out, err = run(capsys, "quiz", "check", str(bad))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{bad}, line 9: question 'single-two-keys'")
    assert "What to do:" in first
    assert "problem(s) found" in err


def test_quiz_check_passes_on_the_bundled_banks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quiz", "check")
    assert (code, out.strip()) == (0, "All quiz banks are valid.")


def test_quiz_build_check_detects_a_stale_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    stale = tmp_path / "bank.yaml"
    stale.write_text("bank: old\n", encoding="utf-8")
    code, _, err = run(capsys, "quiz", "build", "--check", "--out", str(stale))
    assert code == 1
    assert "is stale" in err
    assert run(capsys, "quiz", "build", "--out", str(stale))[0] == 0
    assert run(capsys, "quiz", "build", "--check", "--out", str(stale))[0] == 0


def test_results_summarises_logs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from edu_kit.results import Response, record

    for correct in (False, True):
        record(tmp_path, Response(student="ana", quiz="q", question="hw-1", variant="v", answer="x", correct=correct, score=float(correct), attempt=1 + correct))
    code, out, _ = run(capsys, "results", str(tmp_path))
    assert code == 0
    assert "ana" in out
    assert run(capsys, "results", str(tmp_path / "missing"))[0] == 2


def test_lab_dry_run_opens_the_start_notebook(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lab", "--dry-run", "--port", "8890")
    assert code == 0
    assert "jupyter lab" in out
    assert "--LabApp.default_url=/lab/tree/00_start_here.ipynb" in out
    assert "--port 8890" in out
    served = out.split("--ServerApp.root_dir=", 1)[1].split()[0]
    assert served.endswith("notebooks"), "only the notebooks are served, never quizzes/ with the keys"


def test_lab_finds_a_notebook_without_its_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lab", "02_timeline", "--dry-run", "--no-browser")
    assert code == 0
    assert "--LabApp.default_url=/lab/tree/02_timeline.ipynb" in out
    assert "--no-browser" in out


def test_lab_names_the_notebooks_when_one_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lab", "09_nothing")
    assert code == 2
    assert "notebook '09_nothing' is not one of: '00_start_here', '01_reading_the_sources'" in err


def test_lab_serves_the_notebook_and_ends_with_its_pid(tmp_path: Path) -> None:
    """The README's first command, from another folder: the printed address opens the notebook,
    quizzes/ is not served, and SIGTERM to the command's own pid ends JupyterLab."""
    import os
    import re
    import signal
    import socket
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    log = tmp_path / "lab.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "edu_kit", "lab", "02_timeline", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1"],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        url = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and url is None:
            found = re.search(rf"http://127\.0\.0\.1:{port}/\S+", log.read_text(errors="replace"))
            url = found.group(0) if found else None
            time.sleep(0.3)
        assert url is not None, log.read_text(errors="replace")
        assert re.search(r"/lab/tree/02_timeline\.ipynb\?token=[0-9a-f]{20,}$", url), url
        token = url.rsplit("=", 1)[1]
        with urllib.request.urlopen(url, timeout=10) as reply:
            assert reply.status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=10) as reply:
            names = {item["name"] for item in json.load(reply)["content"]}
        assert "02_timeline.ipynb" in names
        assert "quizzes" not in names
        os.kill(server.pid, signal.SIGTERM)  # the command's own pid, not its group
        server.wait(timeout=30)
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)


def test_results_show_anonymous_answers_and_filter_by_quiz(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from edu_kit.results import Response, record

    record(tmp_path, Response(None, "practice", "q1", "v", "x", True, 1.0, 1, "2022-01-10T09:00:00.000Z"))
    record(tmp_path, Response("ana", "exam", "q1", "v", "x", False, 0.0, 1, "2022-01-10T09:00:01.000Z"))
    code, out, _ = run(capsys, "results", str(tmp_path))
    assert code == 0
    assert "(anonymous)" in out
    assert "ana" in out
    code, out, _ = run(capsys, "results", str(tmp_path), "--quiz", "exam")
    assert "(anonymous)" not in out
    assert "ana" in out
    code, out, _ = run(capsys, "results", str(tmp_path), "--quiz", "week9")
    assert "No responses to quiz 'week9'" in out
    assert "exam, practice" in out
    code, out, _ = run(capsys, "results", str(tmp_path), "--per-quiz")
    assert "practice" in out
    assert "exam" in out


def test_assign_to_a_plain_folder_and_grade_nothing_yet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spec = tmp_path / "w.yaml"
    spec.write_text("id: w1\ntitle: W1\nquestions: [hw-concepts-nato-allies]\n", encoding="utf-8")
    code, out, _ = run(capsys, "assign", str(spec), "--out", str(tmp_path / "shared"))
    assert code == 0
    assert "no keys or explanations" in out
    assert (tmp_path / "shared" / "w1" / "w1.ipynb").is_file()
    code, out, _ = run(capsys, "grade", str(spec), str(tmp_path / "shared" / "w1" / "responses"))
    assert code == 2  # no such folder yet: a clear message, not a traceback
    (tmp_path / "empty").mkdir()
    code, out, _ = run(capsys, "grade", str(spec), str(tmp_path / "empty"))
    assert code == 0
    assert "No answers to 'w1'" in out
    spec.write_text("id: w1\ntitle: W1\nmode: test\nquestions: [x]\n", encoding="utf-8")
    code, _, err = run(capsys, "assign", str(spec))
    assert code == 2
    assert "mode 'test' is not one of: exam, practice" in err


@pytest.mark.parametrize("twice", ["same folder", "folder and a log in it", "log by two names"])
def test_a_log_given_twice_is_counted_once(tmp_path: Path, twice: str) -> None:
    from edu_kit.cli.results import _load
    from edu_kit.results import Response, record

    folder = tmp_path / "logs"
    log = record(folder / "class", Response("ana", "z", "q", "v", "A", True, 1.0, 1))
    paths = {"same folder": [folder, folder],
             "folder and a log in it": [folder, log],
             "log by two names": [log, folder / "class" / ".." / "class" / log.name]}[twice]
    assert len(_load([str(p) for p in paths])) == 1
