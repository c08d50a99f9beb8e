"""Shared fixtures: every test keeps answers in its own temporary folders."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# WCAG contrast ratio between an element's text colour and the first opaque background behind it.
CONTRAST_JS = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let node = el, bg;
  while (node) { const c = rgb(getComputedStyle(node).backgroundColor); if (c.length < 4 || c[3] > 0) { bg = c; break; } node = node.parentElement; }
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg || [255, 255, 255])].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.fixture(autouse=True)
def answer_dirs(tmp_path, monkeypatch):
    """Point the answer store and the private store at empty folders."""
    answers, private = tmp_path / "answers", tmp_path / "private"
    monkeypatch.setenv("TRUST_COURSE_ANSWERS_DIR", str(answers))
    monkeypatch.setenv("TRUST_COURSE_PRIVATE_DIR", str(private))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    return answers, private


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def guard_network(page) -> list[str]:
    """Abort every request that leaves 127.0.0.1 and return the list of them."""
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    return blocked


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The book, built offline with warnings as errors, and the build's output."""
    from book_site import build_book

    out = tmp_path_factory.mktemp("book")
    result = build_book(out)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html", result


@pytest.fixture(scope="session")
def book_url(built_book):
    from book_site import serve

    server, url = serve(built_book[0])
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def run_in_process(argv: list[str]) -> subprocess.CompletedProcess:
    """`trust-course ARGV` called in this process (the entry point's own start is tested in test_cli)."""
    import contextlib
    import io

    from trust_course.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter):
    """Figures that tests measured (agreement of the reflection rules with human labels)."""
    if REPORT:
        terminalreporter.section("measured")
        for line in REPORT:
            terminalreporter.write_line(line)


@contextmanager
def server_process(command: list, log_path: Path, ready_url: str, **popen):
    """Start a server in its own process group, wait until `ready_url` answers, stop it after."""
    log = open(log_path, "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **popen)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(ready_url, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(log_path.read_text()[-4000:]) from None
                time.sleep(0.3)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
