"""The installed package: bundled data in the wheel, and a light import."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("edu_kit-*.whl")
    return found


def test_wheel_ships_seeds_knowledge_quizzes_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in [
        "edu_kit/_bundled/seeds/000_2bbaccf199a12d7b.txt",
        "edu_kit/_bundled/seeds/SHA256SUMS",
        "edu_kit/_bundled/seeds/articles.yaml",
        "edu_kit/_bundled/sources/sources.yaml",
        "edu_kit/_bundled/sources/2021-12-10_nato-stoltenberg-scholz.txt",
        "edu_kit/data/record_check.yaml",
        "edu_kit/knowledge/data/people.yaml",
        "edu_kit/data/lexicon.yaml",
        "edu_kit/data/extract.schema.json",
        "edu_kit/quiz/schema.json",
    ]:
        assert required in names
    assert any(n.startswith("edu_kit/_bundled/quizzes/handwritten/") for n in names)


def test_installed_wheel_works_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    script = (
        "import json, edu_kit\n"
        "from edu_kit.knowledge import load_knowledge\n"
        "from edu_kit.quiz import load_bank\n"
        "corpus = edu_kit.load_corpus()\n"
        "print(json.dumps({'file': edu_kit.__file__, 'ids': list(corpus.ids), 'people': len(load_knowledge().people),"
        " 'questions': len(load_bank().questions)}))\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=elsewhere,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["file"].startswith(str(target))
    assert result["ids"] == ["000", "001", "002", "003", "004"]
    assert result["people"] > 50
    assert result["questions"] > 0


def test_import_is_light() -> None:
    code = "import sys, edu_kit; print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'yaml', 'jsonschema') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
