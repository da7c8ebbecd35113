"""A whole class on a real JupyterHub with nbgrader's exchange, students in Chromium.

JupyterHub (from PyPI) runs on 127.0.0.1 behind configurable-http-proxy (from npm; ``.ci/run``
installs it), with ``SharedPasswordAuthenticator`` and ``SimpleLocalProcessSpawner``: every
student gets their own single-user JupyterLab and home folder, and is told apart by
``JUPYTERHUB_USER``, as on Zero to JupyterHub where every server runs as ``jovyan``.  (The
servers run as the CI's user: its Python lives under ``/root``, which other system users
cannot read, so throwaway system users could not start a server; ``nbgrader submit`` is
therefore given the hub login as the student id, which is what nbgrader itself does for
``jovyan``.)  nbgrader's exchange is a temporary folder; its steps (release, fetch, submit,
collect) run through nbgrader's Python exchange classes -- what its commands run -- inside
the test process, which saves a Python start-up per step.

The teacher writes the assignment (``edu-kit assign --course``) and releases it
(nbgrader's release).  Three students log in through the hub's login page,
fetch the assignment, open it and answer the sealed exam: ana answers everything right, ben
gets one wrong, cy answers right and then reloads the page and runs the cell again, and is
refused ("Already submitted", Submit disabled).  Each submits; the teacher collects and ``edu-kit results --assignment`` shows all three with the right
scores, graded with the keyed bank.

Skips with a clear message when jupyterhub, nbgrader or the proxy is missing; under
``CI=true`` that is a failure.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import (
    BROWSER_MARKS,
    REPO,
    UI_TIMEOUT_MS,
    _alive,
    _descendants,
    expect,
    free_port,
    in_ci,
    run_all_cells,
    wait_until,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
assert BROWSER_MARKS  # the same marker as the other browser tests, with a longer limit

COURSE = "edukit101"
ASSIGNMENT = "week3"
STUDENTS = ("ana", "ben", "cy")
#: Where `.ci/run` installs the proxy (npm --prefix); also looked for on PATH.
CHP_PREFIXES = (Path.home() / ".cache" / "edu_kit" / "node", REPO / ".ci" / "node")


def _missing(reason: str) -> None:
    hint = ("install them with `python -m pip install -e \".[test]\"` (jupyterhub, nbgrader) and "
            "`npm install --prefix ~/.cache/edu_kit/node configurable-http-proxy` (what .ci/run does)")
    if in_ci():
        pytest.fail(f"CI=true but the JupyterHub test cannot run: {reason}; {hint}", pytrace=False)
    pytest.skip(f"{reason}; {hint}")


def _proxy() -> str:
    found = shutil.which("configurable-http-proxy")
    for prefix in CHP_PREFIXES:
        candidate = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
        if found is None and candidate.is_file():
            found = str(candidate)
    if found is None:
        _missing("configurable-http-proxy (npm) is not installed")
    return str(found)


@dataclass
class Hub:
    home: Path
    port: int
    password: str
    token: str
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def course(self) -> Path:
        return self.home / "course"

    @property
    def exchange(self) -> Path:
        return self.home / "exchange"

    def student_home(self, name: str) -> Path:
        return self.home / "users" / name

    def exchange_step(self, kind: str, *, assignment_dir: Path | None = None, student: str | None = None) -> None:
        """One step of nbgrader's exchange through its Python API (what its commands run):
        ``release`` and ``collect`` for the teacher (course folder), ``fetch`` and ``submit``
        for a student (their home folder; ``student`` is their hub login)."""
        from nbgrader.auth import Authenticator
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.exchange import default as exchange
        from traitlets.config import Config

        config = Config()
        config.CourseDirectory.course_id = COURSE
        config.CourseDirectory.assignment_id = ASSIGNMENT
        config.CourseDirectory.root = str(self.course)
        config.Exchange.root = str(self.exchange)
        if assignment_dir is not None:
            config.Exchange.assignment_dir = str(assignment_dir)
        if student is not None:
            config.CourseDirectory.student_id = student
        step = {"release": exchange.ExchangeReleaseAssignment, "fetch": exchange.ExchangeFetchAssignment,
                "submit": exchange.ExchangeSubmit, "collect": exchange.ExchangeCollect}[kind]
        step(coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config),
             config=config).start()

    def start_servers(self) -> None:
        """Ask the hub to start every student's server at once (a service token), so that
        the logins below find them starting or ready instead of spawning one after another."""
        for name in STUDENTS:
            request = urllib.request.Request(f"{self.url}/hub/api/users/{name}/server", method="POST",
                                             headers={"Authorization": f"token {self.token}"})
            with urllib.request.urlopen(request, timeout=30) as reply:
                assert reply.status in (201, 202), reply.status

    def log_tail(self) -> str:
        with contextlib.suppress(OSError):
            return "\n".join((self.home / "hub.log").read_text(errors="replace").splitlines()[-40:])
        return "(no log)"


def _config(home: Path, port: int, password: str, token: str, proxy: str) -> str:
    settings = home / "jupyter_config" / "lab" / "user-settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        '{"autoStartDefaultKernel": true, "windowingMode": "none"}', encoding="utf-8")
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8")
    environment = {
        "PYTHONPATH": str(REPO),  # this checkout's edu_kit
        "JUPYTER_CONFIG_DIR": str(home / "jupyter_config"),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    return f"""
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{home / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = "{home / 'cookie_secret'}"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "jupyterhub.authenticators.shared.SharedPasswordAuthenticator"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = {set(STUDENTS)!r}
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = "{home / 'users'}/{{username}}"
c.Spawner.cmd = [{sys.executable!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = ["--allow-root", "--LabApp.extension_manager=readonly"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.JupyterHub.services = [{{"name": "edukit-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "edukit-test", "scopes": ["servers", "list:users"], "services": ["edukit-test"]}}]
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
"""


@pytest.fixture(scope="module")
def hub(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    for module in ("jupyterhub", "nbgrader"):
        try:
            __import__(module)
        except ImportError:
            _missing(f"the Python package {module} is not installed")
    proxy = _proxy()
    home = tmp_path_factory.mktemp("hub")
    port, password, token = free_port(), secrets.token_hex(12), secrets.token_hex(16)
    (home / "jupyterhub_config.py").write_text(_config(home, port, password, token, proxy), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "EDU_KIT_"))}
    with (home / "hub.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(home / "jupyterhub_config.py")],
                                   cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    running = Hub(home, port, password, token, process)

    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub exited ({process.returncode}):\n{running.log_tail()}")
        try:
            with urllib.request.urlopen(f"{running.url}/hub/login", timeout=5) as reply:
                return bool(reply.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    try:
        wait_until(up, 60, "JupyterHub to answer")
        yield running
    finally:
        children = _descendants(process.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        for pid in children:  # single-user servers and kernels live in their own sessions
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def _login(browser: Any, hub: Hub, name: str) -> Any:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(UI_TIMEOUT_MS * 3)
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.password)
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{name}/lab"), timeout=120_000)
    return page


def _open_assignment(page: Any, hub: Hub, name: str) -> Any:
    """Open the fetched notebook, wait for its kernel, run all; returns the live quiz widget."""
    notebook = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    page.goto(f"{hub.url}/user/{name}/lab/tree/{notebook}")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="attached")

    def kernel_idle() -> bool:
        reply = page.request.get(f"{hub.url}/user/{name}/api/sessions")
        return any(s["path"] == notebook and s["kernel"]["execution_state"] == "idle" for s in reply.json())

    wait_until(kernel_idle, 90, f"{name}'s kernel")
    root = page.locator(".edu-kit-quiz.widget-vbox").first
    for _ in range(3):  # Run All reaches a kernel that is ready; repeat once if it was not yet
        run_all_cells(page)
        with contextlib.suppress(Exception):
            root.wait_for(state="attached", timeout=20_000)
            break
    root.scroll_into_view_if_needed()
    return root


def _choose(root: Any, label: str) -> None:
    root.get_by_role("radio", name=label, exact=True).check()


def test_a_class_on_jupyterhub_with_nbgrader(hub: Hub, browser: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from edu_kit.classroom.grading import keyed_questions
    from edu_kit.cli import main
    from edu_kit.quiz import load_bank

    bank = load_bank(REPO / "quizzes" / "handwritten")
    ids = [q.id for q in bank.questions if q.type == "single"][:2]
    spec = hub.home / f"{ASSIGNMENT}.yaml"
    spec.write_text(yaml.safe_dump({"id": ASSIGNMENT, "title": "Week 3 exam", "questions": ids,
                                    "mode": "exam", "feedback": "after_deadline"}), encoding="utf-8")

    def edu_kit(*args: str) -> str:
        capsys.readouterr()
        assert main(list(args)) == 0
        return str(capsys.readouterr().out)

    started = time.monotonic()
    steps: list[str] = []

    def step(what: str) -> None:
        steps.append(f"{time.monotonic() - started:6.1f} s  {what}")

    hub.start_servers()
    # The teacher writes and releases the assignment.
    hub.course.mkdir()
    edu_kit("assign", str(spec), "--course", str(hub.course))
    hub.exchange.mkdir()
    hub.exchange_step("release")
    keys = keyed_questions(bank, ASSIGNMENT)
    step("assigned and released")

    wrong_for = {"ben": 1}  # ben answers the second question wrongly
    for name in STUDENTS:
        page = _login(browser, hub, name)
        step(f"{name} logged in")
        home = hub.student_home(name)
        hub.exchange_step("fetch", assignment_dir=home)
        root = _open_assignment(page, hub, name)
        expect(root).to_contain_text("Week 3 exam")
        expect(root).not_to_contain_text("Your name")  # the hub login is the identity: nothing asked
        prompts = root.locator(".widget-html strong")
        for number in range(len(ids)):
            prompt = prompts.nth(number).inner_text()
            question = next(q for q in keys.values() if q.prompt.split("\n")[0][:40] in prompt)
            choice = question.answer
            if wrong_for.get(name) == number:
                choice = next(c for c in question.choices if c != question.answer)
            _choose(root.locator(".widget-radio-box").nth(number), str(choice))
        root.get_by_role("button", name="Submit answers").click()
        expect(root).to_contain_text("Submitted. Your answers are saved")
        log = home / ASSIGNMENT / "responses" / f"{name}.jsonl"
        wait_until(lambda log=log: log.is_file() and len(log.read_text().splitlines()) == len(ids), 15,
                   f"{name}'s answers in {log}")
        if name == "cy":  # runs the cell again to try once more, and is refused
            page.reload()
            root = _open_assignment(page, hub, name)
            expect(root).to_contain_text("Already submitted")
            expect(root.get_by_role("button", name="Submit answers")).to_be_disabled()
            expect(root.get_by_role("radio").first).to_be_disabled()
            assert len(log.read_text().splitlines()) == len(ids), "a second submission was recorded"
        hub.exchange_step("submit", assignment_dir=home, student=name)
        page.context.close()
        step(f"{name} answered and submitted")

    # The teacher collects and grades; results come from nbgrader's submitted/ tree.
    hub.exchange_step("collect")
    for name in STUDENTS:
        assert (hub.course / "submitted" / name / ASSIGNMENT / "responses" / f"{name}.jsonl").is_file()
    out = edu_kit("results", str(hub.course), "--assignment", str(spec))
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:] if line.strip()}
    assert set(rows) == set(STUDENTS), out
    # student, questions (the assignment holds), answered, blank, correct, score, ungraded, attempts
    assert rows["ana"][1:] == ["2", "2", "0", "2", "2.0", "0", "2"], out
    assert rows["ben"][1:] == ["2", "2", "0", "1", "1.0", "0", "2"], out
    assert rows["cy"][1:] == ["2", "2", "0", "2", "2.0", "0", "2"], out
    feedback = hub.course / "feedback"
    edu_kit("grade", str(spec), str(hub.course), "--feedback", str(feedback))
    assert (feedback / "ben" / ASSIGNMENT / "edu_kit_feedback.html").is_file()
    step("collected, graded, results")
    with capsys.disabled():
        print("\n" + "\n".join(steps))
