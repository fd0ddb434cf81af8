"""Running pg_dump and pg_restore against the install's database (``DATABASES["default"]``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

from tenants.transfer import TransferError


def binary(name: str) -> str:
    """``pg_dump`` / ``pg_restore``: ``PG_BIN_DIR`` when set, pgserver's own binaries in the
    embedded mode (the same major version as the server it runs), else the one on ``PATH``.

    pg_dump refuses a server newer than itself: in production the image's client must be at
    least the server's major version (``PG_BIN_DIR`` points elsewhere otherwise)."""
    candidates = []
    if os.environ.get("PG_BIN_DIR"):
        candidates.append(Path(os.environ["PG_BIN_DIR"]) / name)
    if getattr(settings, "DEMO_MODE", False):
        try:
            import pgserver
        except ImportError:
            pass
        else:
            candidates.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / name)
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise TransferError(
        f"{name} introuvable : installez le client PostgreSQL ou indiquez PG_BIN_DIR."
    )


def _connection_args() -> tuple[list[str], dict[str, str]]:
    # The live connection's settings: under the tests, the test database's name.
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]  # a unix socket folder works as a host
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return args, env


def client_command(name: str) -> tuple[list[str], dict[str, str]]:
    """``[binary, connection options]`` and the environment to run a PostgreSQL client
    (``pg_dump``, ``psql``…) against the live connection's database."""
    args, env = _connection_args()
    return [binary(name), *args], env


def dump_schema(
    *, schema: str, output: Path, snapshot: str | None = None, without_data: tuple[str, ...] = ()
) -> None:
    """``pg_dump --format=custom`` of one schema, in ``snapshot`` when given; the tables of
    ``without_data`` keep their structure but none of their rows."""
    args, env = _connection_args()
    command = [
        binary("pg_dump"),
        *args,
        "--format=custom",
        f"--schema={schema}",
        "--no-owner",
        "--no-privileges",
        f"--file={output}",
    ]
    if snapshot:
        command.append(f"--snapshot={snapshot}")
    command += [f'--exclude-table-data="{schema}"."{table}"' for table in without_data]
    _run(command, env=env, what="pg_dump")


def restore(*, dump: Path, schema: str) -> None:
    """``pg_restore`` of the objects of ``schema`` only (which must exist: ``--schema`` skips
    the schema's own entry), in one transaction (nothing on failure). Whatever else an
    archive's dump might hold — another schema, an extension, a function in ``public`` — is
    never restored."""
    args, env = _connection_args()
    command = [
        binary("pg_restore"),
        *args,
        f"--schema={schema}",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        str(dump),
    ]
    _run(command, env=env, what="pg_restore")


def _run(command: list[str], *, env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        # pg_dump's own errors name database objects, never row contents.
        detail = result.stderr.strip().splitlines()[-3:]
        raise TransferError(f"Échec de {what} : " + " / ".join(detail))
