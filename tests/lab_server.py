"""Start a real JupyterLab on 127.0.0.1 for browser tests and benchmarks."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

from conftest import BIN, free_port, server_process
from trust_course.lab_hooks import SELF_STUDY_LAB

WIDGET_SETTINGS = "@jupyter-widgets/jupyterlab-manager/plugin.jupyterlab-settings"


@contextmanager
def jupyterlab(root: Path, private_dir: Path, save_widget_state: bool = False):
    """A JupyterLab serving `root`; with `save_widget_state`, JupyterLab's own setting "Save Widget
    State Automatically" is on, so every widget model is written into saved notebooks."""
    port = free_port()
    settings = root / ".jupyter-settings"
    (settings / WIDGET_SETTINGS).parent.mkdir(parents=True)
    (settings / WIDGET_SETTINGS).write_text(json.dumps({"saveState": save_widget_state}))
    env = {
        **os.environ,
        "TRUST_COURSE_PRIVATE_DIR": str(private_dir),
        "JUPYTER_CONFIG_DIR": str(root / ".jupyter-config"),
        "JUPYTER_CONFIG_PATH": SELF_STUDY_LAB,  # as `make course` opens it
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
    }
    env.pop("TRUST_COURSE_ANSWERS_DIR", None)  # answers go beside the notebook, as for a learner
    url = f"http://127.0.0.1:{port}"
    command = [
        BIN / "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--allow-root",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
    ]
    with server_process(command, root / "jupyterlab.log", f"{url}/api/status", env=env):
        yield url


def open_and_run_all(page, url: str, notebook: str) -> None:
    """Open a notebook, wait for an idle kernel, and run all cells."""
    page.goto(f"{url}/lab/tree/{notebook}")
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
    page.locator(".jp-Notebook").first.click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def save_notebook(page, path: Path, expect: str = "widget-state+json", attempts: int = 3) -> None:
    """Save the open notebook from the File menu until the file on disk holds `expect`."""
    import time

    for _ in range(attempts):
        page.keyboard.press("Escape")
        page.get_by_role("menuitem", name="File", exact=True).click()
        page.get_by_role("menuitem", name="Save Notebook", exact=False).first.click()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if expect in path.read_text(encoding="utf-8"):
                return
            time.sleep(0.3)
    raise AssertionError(f"{path} was never saved with {expect}")
