"""A real single-machine JupyterHub for the workshop test: a system-wide course environment,
Unix users, nbgrader's exchange, and the hub started from deploy/jupyterhub_config.py."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from conftest import ROOT, free_port, server_process

COURSE_ID = "rebuilding-trust"


def system_venv(base: Path) -> Path:
    """The course installed where every user can read it, as on a real hub (Debian's Python)."""
    venv = base / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", venv], check=True)
    subprocess.run(
        [venv / "bin/pip", "install", "--quiet", f"{ROOT}[hub,postgres]"], check=True, timeout=900, capture_output=True
    )
    return venv


def save_widget_state(venv: Path) -> None:
    """Turn on JupyterLab's "Save Widget State Automatically" for every hub user."""
    folder = venv / "share" / "jupyter" / "lab" / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "overrides.json").write_text('{"@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": true}}')


def write_nbgrader_config(venv: Path, exchange: Path) -> None:
    folder = venv / "etc" / "jupyter"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(
        f'c = get_config()\nc.CourseDirectory.course_id = "{COURSE_ID}"\nc.Exchange.root = "{exchange}"\n'
    )


def add_user(name: str) -> Path:
    subprocess.run(["useradd", "--create-home", "-K", "HOME_MODE=0700", "--shell", "/bin/bash", name], check=True)
    return Path(f"/home/{name}")


def remove_user(name: str) -> None:
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    subprocess.run(["userdel", "--remove", name], capture_output=True)


def as_user(name: str, venv: Path, command: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run a shell command as a hub user, in their home folder, with the course on PATH."""
    result = subprocess.run(
        [
            "runuser",
            "-u",
            name,
            "--",
            "env",
            "-i",
            f"HOME=/home/{name}",
            f"USER={name}",
            f"PATH={venv}/bin:/usr/bin:/bin",
            "bash",
            "-c",
            f"cd ~ && {command}",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if check:
        assert result.returncode == 0, f"{name}: {command}\n{result.stdout}\n{result.stderr}"
    return result


class Hub(NamedTuple):
    url: str
    password: str  # learners'
    admin_password: str  # facilitators'
    process: subprocess.Popen


@contextmanager
def hub(base: Path, venv: Path, users: list[str], admins: list[str]):
    """Start JupyterHub with configurable-http-proxy from npm; yield it as a Hub."""
    state = base / "state"
    state.mkdir(mode=0o700)
    password, admin_password = secrets.token_urlsafe(12), secrets.token_urlsafe(32)
    port = free_port()
    env = {
        **os.environ,
        "TRUST_COURSE_HUB_VENV": str(venv),
        "TRUST_COURSE_HUB_STATE": str(state),
        "TRUST_COURSE_HUB_USERS": ",".join(users),
        "TRUST_COURSE_HUB_ADMINS": ",".join(admins),
        "TRUST_COURSE_HUB_PASSWORD": password,
        "TRUST_COURSE_HUB_ADMIN_PASSWORD": admin_password,
        "TRUST_COURSE_HUB_PORT": str(port),
        "TRUST_COURSE_HUB_PROXY": str(ROOT / "node_modules/.bin/configurable-http-proxy"),
        "PATH": f"{venv}/bin:{os.environ['PATH']}",
    }
    for name in ("TRUST_COURSE_ANSWERS_DIR", "TRUST_COURSE_PRIVATE_DIR", "VIRTUAL_ENV"):
        env.pop(name, None)
    url = f"http://127.0.0.1:{port}"
    command = [venv / "bin/jupyterhub", "-f", ROOT / "deploy/jupyterhub_config.py"]
    with server_process(command, base / "hub.log", f"{url}/hub/api", cwd=state, env=env) as process:
        yield Hub(url, password, admin_password, process)


def workspace() -> Path:
    """A folder every hub user can reach (pytest's own temporary folders are root-only)."""
    base = Path(tempfile.mkdtemp(prefix="trust-course-hub-"))
    base.chmod(0o755)
    return base


def cleanup(base: Path) -> None:
    shutil.rmtree(base, ignore_errors=True)
