"""A throwaway PostgreSQL cluster for the test session, from the installed server binaries.

PostgreSQL refuses to run as root, so as root the cluster is made and started as the
`postgres` account. Set POS_CLIENTS_TEST_PG_URL to use a server of your own instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PgCluster:
    base_url: str  # postgresql+psycopg://user@host:port/
    data_dir: Path | None
    bin_dir: Path | None
    run_as: str | None

    def url(self, database: str) -> str:
        return self.base_url + database

    def stop(self) -> None:
        if self.data_dir is None or self.bin_dir is None:
            return
        _run(
            self.run_as,
            [
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            check=False,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def find_bin_dir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _run(user: str | None, cmd: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_cluster() -> PgCluster | str:
    """A running cluster, or the reason none could be had."""
    explicit = os.environ.get("POS_CLIENTS_TEST_PG_URL")
    if explicit:
        base = explicit.rstrip("/").rsplit("/", 1)[0] + "/"
        base = base.replace("postgresql://", "postgresql+psycopg://", 1)
        return PgCluster(base, None, None, None)
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return "no PostgreSQL server binaries (initdb) installed"
    run_as = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="pos-clients-pg-"))
    data = root / "data"
    if run_as:
        shutil.chown(root, run_as)
    port = _free_port()
    try:
        _run(
            run_as,
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )
        opts = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} "
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        _run(
            run_as,
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(root / "log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
        )
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        return f"could not start PostgreSQL: {exc.stderr.strip()[-500:]}"
    return PgCluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}/", data, bin_dir, run_as)


def create_database(cluster: PgCluster, name: str) -> str:
    import psycopg

    admin = cluster.url("postgres").replace("postgresql+psycopg://", "postgresql://")
    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return cluster.url(name)
