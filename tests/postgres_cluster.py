"""A throwaway PostgreSQL cluster from Debian's ``postgresql`` package, for tests and benchmarks.

``Cluster.start()`` runs ``initdb`` in a new temporary folder, starts the server on a free port
on 127.0.0.1 only (its unix socket stays in that folder), with durability switched off for speed,
and ``stop()`` removes everything. As root (CI machines), the server runs as the ``postgres``
user the package creates, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_ROOT = Path("/usr/lib/postgresql")
USER = "hoja"  # the cluster's superuser; trust authentication, on 127.0.0.1 and the private socket only
MISSING = (
    "PostgreSQL server not found under /usr/lib/postgresql: install Debian's postgresql package "
    "(apt-get install postgresql) to run the store tests on PostgreSQL too"
)


class ClusterUnavailable(Exception):
    """Why no cluster could be started (one plain line)."""


def server_binaries(root: Path = SERVER_ROOT) -> Path | None:
    """The ``bin`` folder of the newest installed server (``/usr/lib/postgresql/<version>/bin``)."""
    found = [path.parent for path in root.glob("*/bin/initdb") if (path.parent / "pg_ctl").exists()]
    return max(found, key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0, default=None)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A running throwaway server: ``create_database()``, ``url(name)``, ``drop_database(name)``, ``stop()``."""

    def __init__(self, bindir: Path, folder: Path, port: int, as_user: str | None) -> None:
        self.bindir, self.folder, self.port, self._as_user = bindir, folder, port, as_user
        self._databases = 0

    @classmethod
    def start(cls) -> Cluster:
        bindir = server_binaries()
        if bindir is None:
            raise ClusterUnavailable(MISSING)
        as_user = None
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            try:
                pwd.getpwnam("postgres")
            except KeyError as error:
                raise ClusterUnavailable("running as root and there is no 'postgres' user to run the server") from error
            as_user = "postgres"
        folder = Path(tempfile.mkdtemp(prefix="hoja-pg-"))
        if as_user:
            shutil.chown(folder, as_user)
        cluster = cls(bindir, folder, 0, as_user)
        try:
            cluster._run(
                "initdb",
                "-D",
                str(folder / "data"),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
                "--no-instructions",
            )
            for _attempt in range(5):  # another program may take the free port between choosing and binding it
                cluster.port = _free_port()
                options = (
                    f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {folder} -c max_connections=300 "
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                )
                started = cluster._run(
                    "pg_ctl",
                    "-D",
                    str(folder / "data"),
                    "-l",
                    str(folder / "server.log"),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    options,
                    "start",
                    check=False,
                )
                if started.returncode == 0:
                    break
            else:
                raise ClusterUnavailable(f"the PostgreSQL server did not start: {cluster.log_tail()}")
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / program), *args]
        if self._as_user:
            command = ["runuser", "-u", self._as_user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=self.folder)
        if check and done.returncode:
            raise ClusterUnavailable(f"{program} failed: {(done.stderr or done.stdout).strip()[-500:]}")
        return done

    def log_tail(self, limit: int = 2000) -> str:
        try:
            return (self.folder / "server.log").read_text("utf-8", errors="replace")[-limit:]
        except OSError:
            return ""

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of one database of this cluster."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE DATABASE cannot run inside one)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, prefix: str = "test", template: str | None = None) -> str:
        """A new database (a copy of ``template`` if given); returns its name."""
        self._databases += 1
        name = f"{prefix}_{self._databases}"
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
