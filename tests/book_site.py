"""Build the book once per test session and serve it on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

from conftest import BIN, ROOT


def project_copy(folder: Path) -> Path:
    """A copy of the project's files (tracked and new); run with PYTHONPATH=<copy>/widgets so its
    package shadows the installed one."""
    import shutil

    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")  # the bundler, for `npm run build`
    return folder


def build_copy(copy: Path, env: dict) -> subprocess.CompletedProcess:
    """Build a project copy's book offline with warnings as errors, with its own package."""
    return subprocess.run(
        [BIN / "jupyter-book", "build", copy, "--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(copy / "widgets")},
        timeout=900,
    )


def build_book(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "jupyter-book", "build", ROOT, "--path-output", out, "--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=900,
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"
