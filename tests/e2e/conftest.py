"""Fixtures for the end-to-end tests: real Jupyter servers driven by a real browser.

Each front end (JupyterLab, Notebook 7, Voilà) runs as a child process on 127.0.0.1 at a
free port, with a token, rooted in a temporary folder that also holds its Jupyter config,
settings, workspaces and runtime files (nothing is read from or written to ``~``).  The
kernels it starts inherit ``EDU_KIT_RESPONSES=<tmp>/responses`` and
``EDU_KIT_STUDENT=e2e-student``, so answers land in ``<tmp>/responses/e2e-student.jsonl``.
Servers are always stopped: their process group gets SIGTERM, then SIGKILL, and kernels
left behind are killed by pid.

The browser is Debian's Chromium (``/usr/bin/chromium``) driven by Playwright.  Without
it these tests skip, saying how to enable them; under CI (``CI=true``) a missing browser
or a missing Playwright is a failure instead.

Screenshots go to ``tests/artifacts/`` (git-ignored), including one of the page of any
browser test that fails.  Set ``EDU_KIT_UPDATE_DOC_IMAGES=1`` to also refresh
``docs/img/quiz_before.png`` and ``docs/img/quiz_after.png`` from the JupyterLab test.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
DOC_IMAGES = REPO / "docs" / "img"
HOSTILE = REPO / "tests" / "data" / "hostile"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ENABLE_HINT = (
    "to run the browser tests, install Debian's Chromium as root: "
    "`apt-get update && apt-get install -y chromium chromium-driver` "
    "(and `pip install -e '.[test]'` for Playwright; never `playwright install`)"
)
STUDENT = "e2e-student"
SERVER_START_TIMEOUT = 60.0  # seconds until a server answers HTTP
KERNEL_TIMEOUT = 60.0  # seconds until a kernel is idle
UI_TIMEOUT_MS = 30_000  # default for every Playwright wait
# Prompt areas, notifications and status bars must never cover the quiz in screenshots.
VIEWPORT = {"width": 1100, "height": 900}

#: What every e2e browser test module puts in ``pytestmark``: the marker and a hard limit.
BROWSER_MARKS = [pytest.mark.browser, pytest.mark.timeout(240)]


def in_ci() -> bool:
    """True when the CI environment variable says so (``CI=true``, ``1`` or ``yes``)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def unavailable(reason: str) -> None:
    """Skip locally, fail under CI: a CI run must never pass without its browser tests."""
    message = f"{reason}; {ENABLE_HINT}"
    if in_ci():
        pytest.fail(f"CI=true but the browser tests cannot run: {message}", pytrace=False)
    pytest.skip(message)


# --------------------------------------------------------------------------- helpers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_notebook(path: Path, *cells: str) -> Path:
    """Write a notebook of code cells (no outputs) with a python3 kernelspec."""
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"cell-{number}",
                "metadata": {},
                "outputs": [],
                "source": source,
            }
            for number, source in enumerate(cells, start=1)
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path


def quiz_cell(ids: Sequence[str], **options: Any) -> str:
    """The one-line quiz cell a teacher writes."""
    extra = "".join(f", {key}={value!r}" for key, value in options.items())
    return f"from edu_kit import quiz\nquiz.show({list(ids)!r}{extra})"


class GiveUp(Exception):
    """Raised by a polled condition that can never come true (e.g. the server died)."""


def wait_until(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.2) -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except GiveUp:
            raise
        except Exception as err:  # keep polling; report the last error
            last_error = err
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def normalized(text: str) -> str:
    """Text with runs of white space as one space (DOM text vs. source text)."""
    return re.sub(r"\s+", " ", text).strip()


def _descendants(pid: int) -> list[int]:
    """Pids of all processes below ``pid`` (kernels run in their own sessions)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().split(")")[-1].split()[0] != "Z"
    return False


# --------------------------------------------------------------------------- servers


@dataclass
class Server:
    """One Jupyter server process (Lab, Notebook 7 or Voilà) and its temporary home."""

    name: str
    home: Path
    argv: list[str]
    port: int
    token: str
    process: subprocess.Popen[bytes] | None = None
    log_file: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_file = self.home / f"{self.name}.log"

    # -- paths

    @property
    def root(self) -> Path:
        return self.home / "root"

    @property
    def responses(self) -> Path:
        return self.home / "responses"

    @property
    def response_log(self) -> Path:
        return self.responses / f"{STUDENT}.jsonl"

    def url(self, path: str = "/", **query: str) -> str:
        params = "&".join([*(f"{k}={v}" for k, v in query.items()), f"token={self.token}"])
        return f"http://127.0.0.1:{self.port}{path}?{params}"

    # -- lifecycle

    def environment(self) -> dict[str, str]:
        home = self.home
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "EDU_KIT_"))}
        env.update(
            EDU_KIT_RESPONSES=str(self.responses),
            EDU_KIT_STUDENT=STUDENT,
            JUPYTER_CONFIG_DIR=str(home / "jupyter_config"),
            JUPYTER_DATA_DIR=str(home / "jupyter_data"),
            JUPYTER_RUNTIME_DIR=str(home / "runtime"),
            JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
            IPYTHONDIR=str(home / "ipython"),
            PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        )
        return env

    def write_settings(self) -> None:
        """JupyterLab/Notebook 7 user settings, inside the temporary config folder only.

        Start the notebook's kernel without asking, never fetch news or updates, and lay
        out every cell (no virtual scrolling, so off-screen outputs are in the DOM).
        """
        user = self.home / "jupyter_config" / "lab" / "user-settings" / "@jupyterlab"
        settings = {
            "notebook-extension/tracker.jupyterlab-settings": {
                "autoStartDefaultKernel": True,
                "windowingMode": "none",
            },
            "apputils-extension/notification.jupyterlab-settings": {
                "fetchNews": "false",
                "checkForUpdates": False,
            },
        }
        for relative, values in settings.items():
            target = user / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")

    def start(self, ready_path: str) -> Server:
        self.root.mkdir(parents=True, exist_ok=True)
        self.responses.mkdir(parents=True, exist_ok=True)
        self.write_settings()
        with self.log_file.open("wb") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=self.root,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )
        try:
            wait_until(lambda: self._answers(ready_path), SERVER_START_TIMEOUT, f"{self.name} to answer HTTP")
        except (TimeoutError, GiveUp) as err:
            self.stop()
            raise RuntimeError(f"{err}\n--- {self.log_file} ---\n{self.log_tail()}") from None
        return self

    def _answers(self, path: str) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise GiveUp(f"{self.name} exited with code {self.process.returncode}")
        try:
            with urllib.request.urlopen(self.url(path), timeout=5) as response:
                return bool(response.status < 500)
        except urllib.error.HTTPError as err:
            return err.code < 500  # a 404 also proves that the server is up
        except OSError:
            return False

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM the server's process group (it shuts its kernels down), then SIGKILL."""
        process = self.process
        if process is None:
            return
        kernels = _descendants(process.pid)
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        for pid in kernels:  # kernels live in their own process groups
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.process = None

    # -- REST API (JupyterLab and Notebook 7)

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_kernel_idle(self, notebook: str, timeout: float = KERNEL_TIMEOUT) -> dict[str, Any]:
        """Poll ``/api/sessions`` until ``notebook`` has a kernel that is idle."""

        def idle() -> dict[str, Any] | None:
            for session in self.api("/api/sessions"):
                if session.get("path") == notebook and session["kernel"]["execution_state"] == "idle":
                    return session
            return None

        return wait_until(idle, timeout, f"an idle kernel for {notebook}", interval=0.25)

    def shutdown_sessions(self) -> None:
        """Shut every session's kernel down (frees the CPU for the next test)."""
        with contextlib.suppress(OSError, ValueError):
            for session in self.api("/api/sessions"):
                with contextlib.suppress(OSError):
                    self.api(f"/api/sessions/{session['id']}", method="DELETE")


def _jupyter_server(kind: str, home: Path) -> Server:
    port, token = free_port(), secrets.token_hex(16)
    argv = [
        sys.executable,
        "-m",
        kind,
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={home / 'root'}",
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups
    ]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    return Server(kind, home, argv, port, token)


@contextlib.contextmanager
def running(server: Server, ready_path: str) -> Iterator[Server]:
    try:
        yield server.start(ready_path)
    finally:
        server.stop()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The browser binary and Playwright, or a skip (locally) / failure (CI) saying why."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        unavailable(f"{CHROMIUM} is not installed")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the Python package playwright is not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    """Headless Debian Chromium, launched once per session."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True, timeout=60_000
        )
    except Exception:
        playwright.stop()
        raise
    try:
        yield launched
    finally:
        with contextlib.suppress(Exception):
            launched.close()
        playwright.stop()


@pytest.fixture(scope="session")
def lab_server(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab 4, shared by the JupyterLab and hostile-content tests."""
    server = _jupyter_server("jupyterlab", tmp_path_factory.mktemp("lab"))
    with running(server, "/api/status"):
        yield server


@pytest.fixture(scope="module")
def notebook_server(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Jupyter Notebook 7."""
    server = _jupyter_server("notebook", tmp_path_factory.mktemp("nb7"))
    with running(server, "/api/status"):
        yield server


class VoilaServers:
    """Start Voilà on one notebook: write the notebook into ``root``, then ``start(name)``."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.root = home / "root"
        self.root.mkdir(parents=True, exist_ok=True)
        self.started: list[Server] = []

    def start(self, notebook: str) -> Server:
        port, token = free_port(), secrets.token_hex(16)
        argv = [
            sys.executable,
            "-m",
            "voila",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            f"--token={token}",
            notebook,
        ]
        server = Server(f"voila-{Path(notebook).stem}", self.home, argv, port, token)
        self.started.append(server)
        # Any HTTP answer proves that Voilà is up; "/" would run the notebook once too often.
        return server.start("/voila/static/ready-probe")

    def stop(self) -> None:
        for server in self.started:
            server.stop()


@pytest.fixture
def voila(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServers]:
    """Voilà servers for one test, all stopped after it."""
    servers = VoilaServers(tmp_path_factory.mktemp("voila"))
    try:
        yield servers
    finally:
        servers.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser page (own context); on failure its screenshot goes to tests/artifacts."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(UI_TIMEOUT_MS)
    context.set_default_navigation_timeout(UI_TIMEOUT_MS)
    opened = context.new_page()
    console: list[str] = []
    opened.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    opened.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    stem = "FAILED-" + re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("/")[-1])
    for stale in ARTIFACTS.glob(f"{stem}.*"):
        stale.unlink()
    try:
        yield opened
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                opened.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
            (ARTIFACTS / f"{stem}.console.txt").write_text("\n".join(console), encoding="utf-8")
        with contextlib.suppress(Exception):
            context.close()


# --------------------------------------------------------------------------- kernel traffic


class KernelTraffic:
    """Every Jupyter message the page receives over kernel websockets, decoded.

    Handles the JSON protocol and JupyterLab's binary ``v1.kernel.websocket.jupyter.org``
    protocol.  ``text()`` is the contents of all messages so far, as one JSON string, for
    checking that something (e.g. the answer key) never reached the browser.
    """

    def __init__(self, page: Any) -> None:
        self.frames: list[str | bytes] = []
        self.sockets: list[str] = []
        page.on("websocket", self._attach)

    def _attach(self, websocket: Any) -> None:
        if "/channels" in websocket.url:
            self.sockets.append(websocket.url)
            websocket.on("framereceived", lambda payload: self.frames.append(payload))

    @staticmethod
    def decode(frame: str | bytes) -> dict[str, Any]:
        if isinstance(frame, str):
            data = json.loads(frame)
            return {"msg_type": data.get("header", {}).get("msg_type"), "content": data.get("content")}
        from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

        _channel, parts = deserialize_msg_from_ws_v1(frame)
        header, content = json.loads(parts[0]), json.loads(parts[3])
        return {"msg_type": header.get("msg_type"), "content": content}

    def messages(self) -> list[dict[str, Any]]:
        return [self.decode(frame) for frame in list(self.frames)]

    def text(self) -> str:
        return json.dumps(self.messages(), ensure_ascii=False)


@pytest.fixture
def traffic(page: Any) -> KernelTraffic:
    return KernelTraffic(page)


# --------------------------------------------------------------------------- the quiz in a page


def pick_single_questions(count: int) -> list[Any]:
    """Hand-written single-choice questions with sources from the bundled bank.

    Their choices are plain words (nothing that HTML or URL encoding changes) and no
    choice occurs inside the prompt or another choice, so counting where each choice
    appears in the page is a fair test that the key is not singled out.
    """
    from edu_kit import quiz

    picked = []
    for q in quiz.load_bank().questions:
        if q.origin != "handwritten" or q.type != "single" or not q.sources:
            continue
        texts = [q.prompt, *q.choices]
        plain = all(re.fullmatch(r"[A-Za-z0-9 ,.()-]+", c) for c in q.choices)
        unique = all(sum(c in t for t in texts) == 1 for c in q.choices)
        if plain and unique:
            picked.append(q)
    assert len(picked) >= count, f"the bundled bank has only {len(picked)} suitable questions"
    return picked[:count]


class QuizPage:
    """The quiz widget in a page, as a student sees and uses it."""

    def __init__(self, page: Any) -> None:
        self.page = page
        # The live widget (a VBox), not the static HTML form, which has the class too.
        self.root = page.locator(".edu-kit-quiz.widget-vbox").first

    def wait(self) -> QuizPage:
        """Wait until the live widget (not just the static HTML) is in the page."""
        self.root.locator(".widget-radio-box label").first.wait_for(state="attached")
        self.root.scroll_into_view_if_needed()
        self.root.locator(".widget-radio-box label").first.wait_for(state="visible")
        return self

    def radio(self, label: str) -> Any:
        return self.root.get_by_role("radio", name=label, exact=True)

    @property
    def check_button(self) -> Any:
        return self.root.get_by_role("button", name="Check answer")

    @property
    def feedback(self) -> Any:
        return self.root.locator(".edu-kit-feedback").first

    @property
    def score(self) -> Any:
        return self.root.locator(".widget-label").filter(has_text=re.compile(r"^Score: ")).first

    def option_labels(self) -> list[str]:
        return [normalized(t) for t in self.root.locator(".widget-radio-box label").all_inner_texts()]

    def text(self) -> str:
        return normalized(self.root.inner_text())

    def answer_with_mouse(self, label: str) -> None:
        self.radio(label).check()
        self.check_button.click()

    # -- keyboard only

    def _focused_label(self) -> str | None:
        return self.page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el) return null;
                if (el.matches('input[type=radio]')) return '[radio] ' + el.closest('label').textContent.trim();
                if (el.matches('button')) return '[button] ' + el.textContent.trim();
                return '[' + el.tagName.toLowerCase() + ']';
            }"""
        )

    def tab_to(self, wanted: str, *, backwards: bool = False, limit: int = 12) -> None:
        """Press Tab (or Shift+Tab) until the focused control is ``wanted``."""
        key = "Shift+Tab" if backwards else "Tab"
        seen = []
        for _ in range(limit):
            current = self._focused_label()
            if current == wanted:
                return
            seen.append(current)
            self.page.keyboard.press(key)
        raise AssertionError(f"{key} never reached {wanted!r}; focus went through {seen}")

    def answer_with_keyboard(self, label: str, *, first: bool) -> None:
        """Tab to the option, Space to choose it, Tab to Check answer, Enter to press it.

        The first time, focus enters the widget at its first option, as if the student
        had tabbed into it; after that, only keys move the focus.
        """
        if first:
            self.root.locator("input[type=radio]").first.focus()
        current = self._focused_label() or ""
        options = [f"[radio] {o}" for o in self.option_labels()]
        wanted = f"[radio] {label}"
        backwards = current == "[button] Check answer" or (
            current in options and options.index(current) > options.index(wanted)
        )
        self.tab_to(wanted, backwards=backwards)
        self.page.keyboard.press("Space")
        assert self.radio(label).is_checked(), f"Space did not choose {label!r}"
        self.tab_to("[button] Check answer")
        self.page.keyboard.press("Enter")


def save_screenshot(locator: Any, name: str) -> Path:
    """Screenshot of one element (or a page's window) into tests/artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / name
    if hasattr(locator, "scroll_into_view_if_needed"):  # an element, else the whole page
        locator.scroll_into_view_if_needed()
        locator.page.mouse.move(1, 1)  # no hover effects in the picture
    locator.screenshot(path=str(target), animations="disabled")
    return target


def publish_doc_image(source: Path, name: str) -> None:
    """Copy a screenshot to docs/img/ when EDU_KIT_UPDATE_DOC_IMAGES=1 (≤ 250 KB)."""
    if os.environ.get("EDU_KIT_UPDATE_DOC_IMAGES", "") not in ("1", "true", "yes"):
        return
    assert source.stat().st_size <= 250_000, f"{source} is larger than 250 KB"
    DOC_IMAGES.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, DOC_IMAGES / name)


def responses_for(server: Server, question: str, count: int, timeout: float = 15.0) -> Any:
    """The response log's rows for ``question``, once it has ``count`` of them."""
    from edu_kit.results import load

    def rows() -> Any:
        if not server.response_log.is_file():
            return None
        frame = load(server.response_log)
        frame = frame[frame["question"] == question].reset_index(drop=True)
        return [frame] if len(frame) >= count else None

    return wait_until(rows, timeout, f"{count} answers to {question} in {server.response_log}")[0]


# --------------------------------------------------------------------------- front ends


def expect(target: Any) -> Any:
    """Playwright's ``expect`` with this suite's timeout (imported lazily)."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=UI_TIMEOUT_MS)
    return playwright_expect(target)


def accept_kernel_dialog(page: Any) -> bool:
    """Accept a "Select Kernel" dialog if one is open (autoStartDefaultKernel avoids it)."""
    button = page.locator(".jp-Dialog button.jp-mod-accept")
    if button.count() and button.first.is_visible():
        button.first.click()
        return True
    return False


def run_all_cells(page: Any) -> None:
    """Run > Run All Cells, from the menu bar (same in JupyterLab and Notebook 7)."""
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile(r"^Run$")).first.click()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(r"^Run All Cells$")).first.click()


def open_and_run(page: Any, server: Server, notebook: str, *, app: str) -> None:
    """Open ``notebook`` in JupyterLab (``app="lab"``) or Notebook 7 and run all cells.

    Waits until the notebook's kernel is idle (``/api/sessions``) before Run All; a
    kernel dialog, should one still appear, is accepted.
    """
    # A fresh workspace per page, so JupyterLab does not reopen earlier tests' notebooks.
    workspace = "e2e-" + secrets.token_hex(4)
    path = f"/lab/workspaces/{workspace}/tree/{notebook}" if app == "lab" else f"/notebooks/{notebook}"
    page.goto(server.url(path))
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="attached")
    server.wait_kernel_idle(notebook)
    accept_kernel_dialog(page)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first.wait_for(state="visible")
    run_all_cells(page)
    accept_kernel_dialog(page)


def cell_with_quiz(page: Any) -> Any:
    """The notebook cell (input and output) that holds the quiz widget."""
    return page.locator(".jp-Cell").filter(has=page.locator(".edu-kit-quiz")).first


# --------------------------------------------------------------------------- what must not leak


def plain_fragments(text: str, visible: Sequence[str], minimum: int = 20) -> list[str]:
    """Runs of plain characters of ``text`` (immune to HTML/JSON escaping), minus any that
    legitimately appear in the ``visible`` texts (prompt, choices)."""
    runs = [run.strip() for run in re.findall(r"[A-Za-z0-9 ,.()-]+", text)]
    return [run for run in runs if len(run) >= minimum and not any(run in v for v in visible)]


def hidden_fragments(question: Any) -> list[str]:
    """Pieces of the explanation, source sentences and reference: shown only at the end."""
    from edu_kit.quiz.render import instructions

    visible = [question.prompt, *question.choices, instructions(question)]
    hidden = [question.explanation, *(s.sentence for s in question.sources)]
    if question.reference:
        hidden.append(question.reference)
    fragments = [fragment for text in hidden for fragment in plain_fragments(text, visible)]
    assert fragments, f"{question.id}: nothing to look for (texts too short)"
    return fragments


def assert_not_revealed(where: str, content: str, question: Any) -> None:
    """No piece of the explanation, source sentences or reference is in ``content``."""
    leaked = [fragment for fragment in hidden_fragments(question) if fragment in content]
    assert not leaked, f"{where} holds text shown only once the question is finished: {leaked}"


def assert_no_answer_key(where: str, content: str, question: Any) -> None:
    """``content`` (page HTML or kernel messages) gives nothing away about the key.

    No explanation, source sentence, reference or feedback is in it, and the key occurs
    exactly as often as every other choice (it is one option among equals).
    """
    assert_not_revealed(where, content, question)
    feedback = [word for word in ("The answer:", "Correct.", "Not quite.", "edu-kit-feedback") if word in content]
    assert not feedback, f"{where} holds feedback before any answer: {feedback}"
    counts = {choice: content.count(choice) for choice in question.choices}
    assert counts[question.answer] >= 1, f"{where} does not show the key as an option at all: {counts}"
    assert len(set(counts.values())) == 1, f"{where} singles the key out (occurrences per choice): {counts}"


# --------------------------------------------------------------------------- the student's flows


def assert_finished_feedback(ui: QuizPage, question: Any) -> None:
    """After the right answer: verdict, explanation, source sentence with outlet and date."""
    expect(ui.feedback).to_contain_text("✓ Correct.")
    shown = normalized(ui.feedback.inner_text())
    assert normalized(question.explanation) in shown, "the explanation is not shown"
    for source in question.sources:
        assert normalized(source.sentence) in shown, f"the source sentence is not shown: {source.sentence!r}"
        assert f"— {source.outlet}, {source.published}" in shown, "the source's outlet and date are not shown"
    if question.reference:
        assert normalized(question.reference) in shown, "the reference is not shown"
    assert "The answer:" not in shown, "a right answer should not be 'corrected'"


def assert_log(server: Server, question: Any, wrong: str) -> None:
    """Both answers are in <tmp>/responses/e2e-student.jsonl, read with results.load."""
    log = responses_for(server, question.id, 2)
    assert log["student"].tolist() == [STUDENT, STUDENT]
    assert log["quiz"].tolist() == [f"ids={question.id}"] * 2
    assert log["answer"].tolist() == [wrong, question.answer]
    assert log["correct"].tolist() == [False, True]
    assert log["score"].tolist() == [0.0, 0.5]  # a right second attempt earns half a point
    assert log["attempt"].tolist() == [1, 2]


def page_html(page: Any) -> str:
    return str(page.evaluate("document.documentElement.outerHTML"))


def wrong_then_right_with_the_mouse(
    page: Any, traffic: KernelTraffic, server: Server, question: Any, shots: Any, name: str
) -> tuple[Path, Path]:
    """The whole student flow on an open page; returns the before/after screenshots.

    ``shots`` is the element to photograph (a locator); ``name`` prefixes the files.
    """
    ui = QuizPage(page).wait()

    # Before the first answer: the question, its options, no feedback, 0/1 ...
    assert sorted(ui.option_labels()) == sorted(question.choices)
    assert normalized(question.prompt) in ui.text()
    expect(ui.score).to_have_text("Score: 0/1")
    expect(ui.check_button).to_be_enabled()
    assert ui.root.locator(".edu-kit-feedback").count() == 0
    # ... and no answer key anywhere: not in the DOM, not in what the kernel sent.
    assert_no_answer_key("the page's HTML", page_html(page), question)
    assert traffic.frames, "no kernel messages were captured (websocket not seen)"
    assert_no_answer_key("the kernel's messages to the page", traffic.text(), question)
    before = save_screenshot(shots, f"{name}_before.png")

    # A wrong answer: the verdict in words, attempts left, no explanation yet.
    wrong = next(option for option in ui.option_labels() if option != question.answer)
    ui.answer_with_mouse(wrong)
    expect(ui.feedback).to_contain_text("✗ Not quite.")
    expect(ui.feedback).to_contain_text("Try again: 1 attempt left.")
    expect(ui.score).to_have_text("Score: 0/1")
    assert_not_revealed("the page after a wrong attempt", page_html(page), question)
    assert_not_revealed("the kernel's messages after a wrong attempt", traffic.text(), question)
    save_screenshot(shots, f"{name}_wrong.png")

    # The right answer: verdict, explanation, source with outlet and date; a right second
    # attempt earns half a point (docs/quiz_format.md, "Scoring").
    ui.answer_with_mouse(question.answer)
    assert_finished_feedback(ui, question)
    expect(ui.score).to_have_text("Score: 0.5/1")
    expect(ui.radio(question.answer)).to_be_disabled()
    expect(ui.check_button).to_be_disabled()
    after = save_screenshot(shots, f"{name}_after.png")

    assert_log(server, question, wrong)
    return before, after


def wrong_then_right_with_the_keyboard(page: Any, server: Server, question: Any, name: str) -> None:
    """Answer wrongly, then rightly, with Tab / Shift+Tab / Space / Enter only."""
    ui = QuizPage(page).wait()
    wrong = next(option for option in ui.option_labels() if option != question.answer)
    ui.answer_with_keyboard(wrong, first=True)
    expect(ui.feedback).to_contain_text("✗ Not quite.")
    expect(ui.feedback).to_contain_text("Try again: 1 attempt left.")
    ui.answer_with_keyboard(question.answer, first=False)
    assert_finished_feedback(ui, question)
    expect(ui.score).to_have_text("Score: 0.5/1")
    save_screenshot(ui.root, f"{name}_keyboard_after.png")
    assert_log(server, question, wrong)
