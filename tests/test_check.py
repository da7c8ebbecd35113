"""check_bank(): every rule, reported with file, line, message and fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from edu_kit.quiz import Problem, check_bank, check_text
from edu_kit.quiz.check import check_question, normalize_text

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad" / "quizzes"
ROOT = Path(__file__).parent.parent


@dataclass(frozen=True)
class _Article:
    id: str
    body: str


@dataclass(frozen=True)
class _Corpus:
    articles: tuple[_Article, ...]


SEEDS = _Corpus(
    tuple(_Article(p.name[:3], p.read_text(encoding="utf-8"))
          for p in sorted((ROOT / "seeds").glob("0*.txt")))
)

# (file, line, fragment of the message, fragment of the fix)
EXPECTED = [
    ("schema_errors.yaml", 5, "question 'no-answer' has no 'answer'", "add 'answer:'"),
    ("schema_errors.yaml", 17, "unknown key 'anwser'", "nearest: 'answer'"),
    ("schema_errors.yaml", 24, "type is 'singel', which is not one of: 'single', 'multiple'",
     "use one of: 'single'"),
    ("schema_errors.yaml", 29, "topics[2] is 'history', which is not one of: 'timeline', "
     "'positions', 'concepts', 'sources'", "use one of"),
    ("schema_errors.yaml", 30, "difficulty is 'extreme', which is not one of: 'easy', "
     "'medium', 'hard'", "use one of"),
    ("schema_errors.yaml", 35, "'choices' is not used by true_false questions",
     "remove 'choices'"),
    ("schema_errors.yaml", 36, "answer should be true or false, not text", "true or false"),
    ("schema_errors.yaml", 37, "explanation is empty", "write some text"),
    ("schema_errors.yaml", 45, "answer.value should be a number, not text", "a number"),
    ("key_rules.yaml", 9, "single-choice question needs exactly one key, this one has 2",
     "change the type to 'multiple'"),
    ("key_rules.yaml", 18, "the answer 'Nato alliance' is not one of the choices",
     "nearest: 'NATO'"),
    ("key_rules.yaml", 29, "the key 'France' is not one of the choices", "copy the answer's"),
    ("key_rules.yaml", 38, "needs at least one correct choice", "list the correct choices"),
    ("key_rules.yaml", 49, "choice 'brussels ' repeats choice 1", "remove the repeated"),
    ("key_rules.yaml", 59, "not an ordering of the choices (missing: 'Founding Act'; not "
     "among the choices: 'Minsk II'; repeated: 'Bucharest summit')", "exactly once"),
    ("key_rules.yaml", 70, "the right item 'Brusels' is not one of the choices",
     "nearest: 'Brussels'"),
    ("key_rules.yaml", 71, "the left item 'SSD' appears twice", "each left item once"),
    ("key_rules.yaml", 81, "answer[1] needs at least 2 item(s)", "add items"),
    ("key_rules.yaml", 82, "answer[2] has 3 items, at most 2", "[left item, right item]"),
    ("key_rules.yaml", 90, "the tolerance -1.0 is negative", "0 or more"),
    ("key_rules.yaml", 95, "cites no source and no reference", "'reference:'"),
    ("python_tag.yaml", 7, "unsupported YAML tag '!!python/object/apply:os.system'",
     "remove the tag"),
    ("not_yaml.yaml", 8, "not valid YAML", "quotes"),
    ("empty.yaml", 1, "the file is empty", "'bank:'"),
    ("not_a_bank.yaml", 1, "the file holds a list, not a bank", "'questions:'"),
    ("bad_sources.yaml", 32, "source 2: start 5 and end 5 do not delimit a sentence",
     "first character"),
    ("bad_sources.yaml", 44, "sources[1].published '16 December 2021' is not a date",
     "YYYY-MM-DD"),
    ("dup_ids/first.yaml", 4, "question id 'same-id' is also used at", "its own id"),
    ("dup_ids/second.yaml", 12, "question id 'same-id' is also used at", "its own id"),
]
CORPUS_EXPECTED = [
    ("bad_sources.yaml", 16, "article '004' at 10:95 reads 'Belgium", "set start: 2060 and end: 2145"),
    ("bad_sources.yaml", 27, "article '040' is not in the corpus", "nearest: '004'"),
    ("bad_sources.yaml", 32, "article '004' at 5:5 reads ''", "copy the sentence exactly"),
]


@pytest.fixture(scope="module")
def problems() -> tuple[Problem, ...]:
    return check_bank(BAD)


@pytest.fixture(scope="module")
def corpus_problems() -> tuple[Problem, ...]:
    return check_bank(BAD, corpus=SEEDS)


def _find(problems: tuple[Problem, ...], name: str, line: int, fragment: str) -> Problem:
    path = str(BAD / name)
    matches = [p for p in problems if p.path == path and p.line == line and fragment in p.message]
    assert matches, f"no problem at {name}:{line} with {fragment!r}; got:\n" + "\n".join(
        str(p) for p in problems if p.path == path
    )
    return matches[0]


@pytest.mark.parametrize(("name", "line", "message", "fix"), EXPECTED,
                         ids=[f"{e[0]}:{e[1]}" for e in EXPECTED])
def test_each_rule_is_reported_at_its_line(
    problems: tuple[Problem, ...], name: str, line: int, message: str, fix: str
) -> None:
    problem = _find(problems, name, line, message)
    assert fix in problem.fix
    assert str(problem).startswith(f"{BAD / name}, line {line}: ")
    assert "What to do:" in str(problem)


def test_no_unexpected_problems(problems: tuple[Problem, ...]) -> None:
    expected = {(str(BAD / name), line) for name, line, _, _ in EXPECTED}
    assert {(p.path, p.line) for p in problems} == expected


@pytest.mark.parametrize(("name", "line", "message", "fix"), CORPUS_EXPECTED,
                         ids=[f"{e[0]}:{e[1]}" for e in CORPUS_EXPECTED])
def test_sources_are_checked_against_a_corpus(
    corpus_problems: tuple[Problem, ...], name: str, line: int, message: str, fix: str
) -> None:
    assert fix in _find(corpus_problems, name, line, message).fix


def test_without_corpus_sources_are_not_looked_up(problems: tuple[Problem, ...]) -> None:
    assert not any("not in the corpus" in p.message for p in problems)


def test_duplicate_ids_name_both_places(problems: tuple[Problem, ...]) -> None:
    first = _find(problems, "dup_ids/first.yaml", 4, "same-id")
    assert f"{BAD / 'dup_ids' / 'second.yaml'}, line 12" in first.message


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    check_bank(BAD / "python_tag.yaml")
    assert not Path("/tmp/edu_kit_pwned").exists()


def test_bundled_and_handwritten_banks_are_clean_against_the_seeds() -> None:
    assert check_bank(corpus=SEEDS) == ()
    assert check_bank(ROOT / "quizzes" / "handwritten", corpus=SEEDS) == ()


def test_missing_paths_and_empty_folders_are_problems(tmp_path: Path) -> None:
    found = check_bank([tmp_path / "nope.yaml", tmp_path])
    assert [p.message for p in found] == ["no such file or folder",
                                          "the folder has no *.yaml bank files"]


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    good = (ROOT / "quizzes" / "handwritten" / "concepts.yaml").read_text(encoding="utf-8")
    (tmp_path / "bank.yaml").write_text(good, encoding="utf-8")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "bank.yaml").write_text(good, encoding="utf-8")
    assert check_bank(tmp_path) == ()


def test_not_utf8_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("bank: caf\xe9\n".encode("latin-1"))
    (problem,) = check_bank(path)
    assert "not UTF-8" in problem.message
    assert "UTF-8" in problem.fix


def test_check_text_labels_problems_with_the_given_path() -> None:
    (problem,) = check_text("bank: x\ntitle: y\n", path="mine.yaml")
    assert (problem.path, problem.line, problem.message) == ("mine.yaml", 1,
                                                             "the bank has no 'questions'")


def test_check_question_for_python_built_questions() -> None:
    from edu_kit.quiz import Question

    q = Question("m", "matching", "Match", ("a", "b"), (("x", "a"),), explanation="e",
                 topics=("concepts",), reference="r")
    assert [i.message for i in check_question(q)] == [
        "a matching question needs at least 2 pairs, this one has 1"
    ]


@pytest.mark.parametrize(
    ("text", "normal"),
    [("Minsk II", "minsk ii"), ("  MINSK—II! ", "minsk ii"), ("«Minsk»", "minsk"),
     ("second-class", "second class"), ("Ｍinsk", "minsk")],
)
def test_normalize_text(text: str, normal: str) -> None:
    assert normalize_text(text) == normal


def test_handwritten_banks_match_the_real_corpus() -> None:
    import edu_kit

    corpus = edu_kit.load_corpus()
    assert check_bank(ROOT / "quizzes" / "handwritten", corpus=corpus) == ()
    outlets = {a.id: a.outlet for a in corpus.articles}
    from edu_kit.quiz import load_bank

    for q in load_bank(ROOT / "quizzes" / "handwritten"):
        for source in q.sources:
            assert source.outlet == outlets[source.article], q.id


def test_links_and_devices_in_a_folder_are_named(tmp_path: Path) -> None:  # attack 16-2 #29
    import os

    (tmp_path / "good.yaml").write_bytes((ROOT / "quizzes" / "handwritten" / "concepts.yaml").read_bytes())
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "gone.yaml").symlink_to("/nonexistent/gone.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.yaml")
    found = {Path(p.path).name: p.message for p in check_bank(tmp_path)}
    assert found == {
        "gone.yaml": "it is a symbolic link to '/nonexistent/gone.yaml', which does not exist",
        "loop.yaml": "it is a symbolic link that loops (to 'loop.yaml')",
        "pipe.yaml": "it is a named pipe (FIFO), not a file",
        "zero.yaml": "it is a character device (such as /dev/zero), not a file",
    }


def test_a_device_named_as_a_bank_is_not_missing() -> None:  # attack 16-2 #28
    assert [p.message for p in check_bank("/dev/zero")] == ["it is a character device (such as /dev/zero), not a file"]
