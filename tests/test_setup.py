"""`make test` sets itself up on a fresh machine: it asks apt only for what is missing, and what it
asks for resolves beside a NodeSource Node.js (whose nodejs conflicts with Debian's npm)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("apt-get") is None, reason="no apt-get here")


def planned_installs(tmp_path, hide: tuple[str, ...], *make_args: str) -> list[list[str]]:
    """The Debian packages `make -n test` would install on a PATH without the commands in `hide`."""
    shim = tmp_path / "bin"
    shim.mkdir()
    for folder in ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        for entry in os.scandir(folder) if os.path.isdir(folder) else []:
            if not entry.name.startswith(hide) and not (shim / entry.name).exists():
                (shim / entry.name).symlink_to(entry.path)
    plan = subprocess.run(
        ["make", "-n", "test", *make_args],
        cwd=ROOT,
        env={**os.environ, "PATH": str(shim)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.split("install", 1)[1].split() for line in re.findall(r"apt-get install[^;&|}\n]*", plan)]


def test_without_chromium_only_chromium_is_asked_for_and_it_resolves(tmp_path):
    installs = planned_installs(tmp_path, ("chromium",))
    packages = [p for line in installs for p in line if not p.startswith("-")]
    assert "chromium" in packages
    if shutil.which("node") and shutil.which("npm"):
        assert "nodejs" not in packages and "npm" not in packages, "never ask for what the machine has"
    simulated = subprocess.run(["apt-get", "install", "-s", "-q", *packages], capture_output=True, text=True)
    assert simulated.returncode == 0, simulated.stdout[-2000:] + simulated.stderr[-2000:]


def test_without_a_postgresql_server_only_postgresql_is_asked_for_and_it_resolves(tmp_path):
    installs = planned_installs(tmp_path, ("no-such-command",), "POSTGRES_SERVER=")
    packages = [p for line in installs for p in line if not p.startswith("-")]
    if shutil.which("chromium"):
        assert packages == ["postgresql"]
    else:
        assert "postgresql" in packages
    simulated = subprocess.run(["apt-get", "install", "-s", "-q", *packages], capture_output=True, text=True)
    assert simulated.returncode == 0, simulated.stdout[-2000:] + simulated.stderr[-2000:]
    assert "Inst postgresql-" in simulated.stdout or "0 newly installed" in simulated.stdout


def test_the_postgresql_server_is_found_by_its_binary():
    shown = subprocess.run(
        ["make", "-s", "--eval", "show-postgres:; @echo '$(POSTGRES_SERVER)'", "show-postgres"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    servers = {str(p) for p in Path("/usr/lib/postgresql").glob("*/bin/postgres")}
    assert shown in servers if servers else shown == ""


def test_nothing_is_asked_for_when_everything_is_there(tmp_path):
    if not shutil.which("chromium"):
        pytest.skip("this machine has no chromium yet")
    assert planned_installs(tmp_path, ("no-such-command",)) == []
