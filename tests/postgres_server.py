"""A throwaway PostgreSQL server for the gradebook: Debian's server binaries, a folder of its own,
127.0.0.1 and a free port, a password login, stopped and removed after.

PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (or `nobody`)."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from conftest import free_port

DATABASE = "gradebook"


def server_bin() -> Path | None:
    """The newest installed server's bin folder (`make test` installs Debian's `postgresql` if none)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name).pw_name
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user to run PostgreSQL as")


def _run(user: str | None, *command) -> None:
    prefix = ["runuser", "-u", user, "--"] if user else []
    result = subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed:\n{result.stdout}\n{result.stderr}")


@contextmanager
def postgres():
    """Start a server; yield the gradebook's URL (SQLAlchemy with the psycopg2 driver)."""
    bindir = server_bin()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server: `make debian-packages` installs Debian's postgresql")
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="trust-course-pg-"))
    data, password, port = folder / "data", secrets.token_urlsafe(16), free_port()
    (folder / "password").write_text(password)
    if user:
        shutil.chown(folder, user)
        shutil.chown(folder / "password", user)
    try:
        # Sockets only in the server's own folder; TCP on 127.0.0.1 needs the password.
        settings = ["--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-sync"]
        _run(user, bindir / "initdb", "-D", data, "-U", DATABASE, "--pwfile", folder / "password", *settings)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        _run(user, bindir / "pg_ctl", "-D", data, "-l", folder / "server.log", "-o", options, "-w", "start")
        try:
            _run(user, bindir / "createdb", "-h", folder, "-p", port, "-U", DATABASE, DATABASE)
            yield f"postgresql+psycopg2://{DATABASE}:{password}@127.0.0.1:{port}/{DATABASE}"
        finally:
            _run(user, bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
