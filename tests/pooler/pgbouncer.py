"""Start and stop a PgBouncer (Debian's ``/usr/sbin/pgbouncer``) in front of the embedded server.

The embedded PostgreSQL listens on a Unix socket only (pgserver starts it with ``-h ""``), in
its data folder: the pooler listens on ``127.0.0.1:<free port>`` and forwards every database
name (``* = host=<socket folder>``, so the test databases pytest-django names are reachable
too) to that socket, as ``postgres`` with trust authentication, like the embedded server.

PgBouncer refuses to run as root; started by root it is given ``-u <owner of the socket
folder>`` (``pgserver`` when pgserver runs the cluster for root), the only user besides root
that may enter that folder (mode 0700).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

BINARY = "/usr/sbin/pgbouncer"
USER = "postgres"


@dataclass
class PgBouncer:
    """A running PgBouncer process of our own."""

    port: int
    pool_mode: str
    process: subprocess.Popen
    folder: Path

    def connect(self, dbname: str, **kwargs) -> psycopg.Connection:
        """A client connection through the pooler (autocommit, as Django's)."""
        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            dbname=dbname,
            user=USER,
            autocommit=True,
            **kwargs,
        )

    def admin(self, command: str) -> list[dict]:
        return admin(self.port, command)

    def log(self) -> str:
        return (self.folder / "pgbouncer.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: PgBouncer's fast exit
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def admin(port: int, command: str) -> list[dict]:
    """Run a command of PgBouncer's admin console (``SHOW CLIENTS``, ``KILL db``…)."""
    with psycopg.connect(
        host="127.0.0.1",
        port=port,
        dbname="pgbouncer",
        user=USER,
        autocommit=True,
        connect_timeout=5,
    ) as conn:
        # The console speaks the simple query protocol only: no parameters.
        cursor = conn.execute(command)
        if cursor.description is None:
            return []
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def available() -> bool:
    return os.access(BINARY, os.X_OK)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config(*, port: int, socket_dir: Path, pool_mode: str, pool_size: int, folder: Path) -> str:
    return "\n".join(
        [
            "[databases]",
            f"* = host={socket_dir}",
            "",
            "[pgbouncer]",
            "listen_addr = 127.0.0.1",
            f"listen_port = {port}",
            # No Unix socket of its own: the clients come over TCP, as from another pod.
            "unix_socket_dir =",
            "auth_type = trust",
            f"auth_file = {folder / 'users.txt'}",
            f"admin_users = {USER}",
            f"pool_mode = {pool_mode}",
            f"default_pool_size = {pool_size}",
            "max_client_conn = 100",
            # PgBouncer's default, written out: what session mode relies on (docs/decisions/0030).
            "server_reset_query = DISCARD ALL",
            # A client waiting for a server connection fails instead of hanging the run.
            "query_wait_timeout = 30",
            "",
        ]
    )


class _StoppedAtStartup(RuntimeError):
    pass


def start(*, socket_dir: Path, pool_mode: str = "session", pool_size: int = 4) -> PgBouncer:
    """Start a PgBouncer forwarding to the PostgreSQL whose socket is in ``socket_dir``."""
    if pool_mode not in {"session", "transaction", "statement"}:
        raise ValueError(f"unknown pool_mode: {pool_mode!r}")
    if not available():
        raise RuntimeError(f"{BINARY} introuvable : bash scripts/ensure-pgbouncer.sh")
    for attempt in range(3):
        try:
            return _start(socket_dir=socket_dir, pool_mode=pool_mode, pool_size=pool_size)
        except _StoppedAtStartup:
            # The free port may have been taken between our probe and PgBouncer's bind.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _start(*, socket_dir: Path, pool_mode: str, pool_size: int) -> PgBouncer:
    folder = Path(tempfile.mkdtemp(prefix="marelle-pgbouncer-"))
    folder.chmod(0o755)  # read by PgBouncer once it has become the socket folder's owner
    port = _free_port()
    (folder / "users.txt").write_text(f'"{USER}" ""\n')
    ini = folder / "pgbouncer.ini"
    ini.write_text(
        _config(
            port=port,
            socket_dir=socket_dir,
            pool_mode=pool_mode,
            pool_size=pool_size,
            folder=folder,
        )
    )
    command = [BINARY, str(ini)]
    if os.geteuid() == 0:
        command[1:1] = ["-u", pwd.getpwuid(socket_dir.stat().st_uid).pw_name]
    with (folder / "pgbouncer.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    bouncer = PgBouncer(port=port, pool_mode=pool_mode, process=process, folder=folder)
    deadline = time.monotonic() + 10
    while True:
        if process.poll() is not None:
            log_text = bouncer.log()
            shutil.rmtree(folder, ignore_errors=True)
            raise _StoppedAtStartup(f"PgBouncer s'est arrêté au démarrage :\n{log_text}")
        try:
            bouncer.admin("SHOW VERSION")
            return bouncer
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                bouncer.stop()
                raise
            time.sleep(0.05)
