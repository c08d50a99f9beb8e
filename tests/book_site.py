"""Build the book once per test session and serve it on 127.0.0.1."""
from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

from conftest import BIN, ROOT


def build_book(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BIN / "jupyter-book", "build", ROOT, "--path-output", out,
                           "--warningiserror", "--nitpick", "--keep-going"],
                          capture_output=True, text=True, timeout=900)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"
