"""A throwaway PostgreSQL server for the test suite, from Debian's binaries.

initdb refuses to run as root (and CI runs as root), so as root the server runs as the
unprivileged user `nobody` in a folder it owns; otherwise as the current user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypedDict

UNPRIVILEGED_USER = "nobody"


class RunAs(TypedDict, total=False):
    """The keyword arguments of subprocess.run/Popen that drop root to another user."""

    user: int
    group: int
    extra_groups: list[int]


def find_bindir() -> Path:
    override = os.environ.get("FORENSICS_APP_TEST_PG_BINDIR")
    candidates = [override] if override else sorted(glob.glob("/usr/lib/postgresql/*/bin"))[::-1]
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise RuntimeError(
        "PostgreSQL server binaries not found (apt-get install postgresql); `make test` "
        "installs them."
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    port: int
    superuser: str = "postgres"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.superuser}@127.0.0.1:{self.port}/{database}"


@contextlib.contextmanager
def running_server() -> Iterator[PostgresServer]:
    bindir = find_bindir()
    as_root = os.geteuid() == 0
    workdir = Path(tempfile.mkdtemp(prefix="forensics-app-pg-"))
    data = workdir / "data"
    run_as: RunAs = {}
    if as_root:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
        os.chown(workdir, user.pw_uid, user.pw_gid)
        run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    process: subprocess.Popen[bytes] | None = None
    log_file: BinaryIO | None = None
    try:
        subprocess.run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            cwd=workdir,
            env=env,
            **run_as,
        )
        log_file = open(workdir / "server.log", "wb")  # noqa: SIM115 - lives with the server
        process, port = _start(bindir, data, workdir, env, run_as, log_file)
        yield PostgresServer(port=port)
    finally:
        if process is not None:
            # SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to leave.
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if log_file is not None:
            log_file.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _start(
    bindir: Path,
    data: Path,
    workdir: Path,
    env: dict[str, str],
    run_as: RunAs,
    log_file: BinaryIO,
) -> tuple[subprocess.Popen[bytes], int]:
    """Start the server on a free port. The port is free when chosen but another process
    (a parallel pytest worker, another checkout's suite) may take it before the server binds
    it: then the server exits at once and the next attempt picks another port."""
    for attempt in range(1, 4):
        port = _free_port()
        process = subprocess.Popen(
            [
                str(bindir / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-k",
                str(workdir),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            env=env,
            **run_as,
        )
        try:
            _wait_until_ready(port, process, workdir)
        except RuntimeError:
            if process.poll() is None or attempt == 3:
                process.kill()
                process.wait()
                raise
            continue
        return process, port
    raise AssertionError("unreachable")


def _wait_until_ready(port: int, process: subprocess.Popen[bytes], workdir: Path) -> None:
    """Wait until this server answers on its own Unix socket (in `workdir`): an answer on
    the TCP port could come from another server that took the port first."""
    import psycopg

    log = workdir / "server.log"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"PostgreSQL did not start:\n{log.read_text(errors='replace')}")
        try:
            psycopg.connect(
                host=str(workdir), port=port, user="postgres", dbname="postgres", connect_timeout=2
            ).close()
            return
        except psycopg.OperationalError:
            time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not answer within 30 s:\n{log.read_text(errors='replace')}")
