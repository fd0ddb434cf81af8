"""A new structure's schema as a copy of the template's ``pg_dump``, replayed under its name.

django-tenants' ``clone_schema`` reads ``information_schema`` views that cover every schema of
the database: its time grows with the number of structures (8 s with 100, about a minute with
1,000, see docs/performance.md). ``pg_dump --schema`` of the template reads the catalogue once
(about a second, also growing with the install, which is why its output is kept per process
until the template's migrations change); replaying it depends only on the template's size.

The dump qualifies every object with the template's schema name, and only in SQL text: the
name is replaced there, never in the rows of ``COPY`` blocks (copied as they are, as
``clone_schema`` does). The replay runs on Django's own connection, in the caller's
transaction: a failure leaves nothing behind, and a test's transaction rolls it back.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django_tenants.migration_executors.base import run_migrations
from django_tenants.signals import schema_migrated
from django_tenants.utils import get_creation_fakes_migrations, quote_schema_name

from tenants.template import template_schema_name
from tenants.transfer import TransferError
from tenants.transfer.postgres import client_command

logger = logging.getLogger(__name__)

# Unquoted identifiers only: pg_dump writes those without quotes, so a textual rename is exact.
_PLAIN_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# pg_dump's query of materialised views' dependencies gets a merge-join plan that takes seconds
# on a catalogue of 100 structures (15 s measured; 2 ms without merge joins). Its session only.
_PG_DUMP_OPTIONS = "-c enable_mergejoin=off"


class TemplateCopyError(Exception):
    """The fast copy is unavailable or failed: the caller falls back to ``clone_schema``."""


@dataclass(frozen=True)
class _Segment:
    sql: str
    copy_data: str | None = None  # the rows of a ``COPY … FROM stdin`` statement


@dataclass(frozen=True)
class _TemplateDump:
    fingerprint: str
    segments: tuple[_Segment, ...]
    text: str  # pg_dump's output, for the file shared by the machine's processes


_cache: dict[tuple, _TemplateDump] = {}
_cache_lock = threading.Lock()


def create_structure_schema(tenant) -> None:
    """Create ``tenant``'s schema from the template (the caller holds ``TEMPLATE_LOCK`` and
    has brought the template up to date): the fast copy, else django-tenants' clone."""
    if not get_creation_fakes_migrations():
        # TENANT_CREATION_FAKES_MIGRATIONS = False: every migration is run (django-tenants).
        tenant.create_schema(check_if_exists=True, verbosity=0)
        return
    try:
        copy_template(schema_name=tenant.schema_name)
    except TemplateCopyError as exc:
        logger.warning("Template copy unavailable, cloning the schema instead: %s", exc)
        tenant.create_schema(check_if_exists=True, verbosity=0)
        return
    # django-tenants fakes the migrations after a clone (``migrate_schemas --fake``): here the
    # copied django_migrations rows already list them all, and what faking adds besides —
    # post_migrate's content types and permissions, copied too, and the roles, installed by
    # provisioning next — would cost half a second. Only its signal is kept: the structure's
    # migration record (tenants/signals.py) follows it.
    schema_migrated.send(run_migrations, schema_name=tenant.schema_name)
    connection.set_schema_to_public()


def copy_template(*, schema_name: str) -> None:
    """Create ``schema_name`` with the template's tables, functions, triggers and rows."""
    template = template_schema_name()
    if not _PLAIN_IDENTIFIER.fullmatch(template) or not _PLAIN_IDENTIFIER.fullmatch(schema_name):
        raise TemplateCopyError("schema names needing quotes are not renamed textually")
    dump = template_dump()
    rename = re.compile(rf"(?<![\w$\"]){re.escape(template)}(?![\w$])")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('check_function_bodies')")
            check_bodies = cursor.fetchone()[0]
            # What the dump's preamble sets (it is not replayed: its SETs are session-wide).
            cursor.execute(
                "SELECT set_config('search_path', '', true), "
                "set_config('check_function_bodies', 'off', true)"
            )
            for segment in dump.segments:
                sql = rename.sub(schema_name, segment.sql)
                if segment.copy_data is None:
                    cursor.execute(sql)
                else:
                    with cursor.cursor.copy(sql) as copy:
                        copy.write(segment.copy_data)
            cursor.execute("SELECT set_config('check_function_bodies', %s, true)", [check_bodies])
    except DatabaseError as exc:
        raise TemplateCopyError(f"replay failed: {exc}") from exc
    finally:
        # django-tenants sets the search_path again on the next cursor.
        connection.set_schema_to_public()


def template_dump() -> _TemplateDump:
    """The template's dump, split for the replay; dumped again when its migrations change."""
    template = template_schema_name()
    fingerprint = _fingerprint(template)
    db = connection.settings_dict
    key = (db["NAME"], db.get("HOST"), db.get("PORT"), template, fingerprint)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None:
            cached = _read_file(key, template, fingerprint)
        if cached is None:
            cached = _dump(template, fingerprint)
            _write_file(key, cached)
            _cache.clear()  # an older version of the template is never copied again
            _cache[key] = cached
    return cached


def _cache_file(key: tuple) -> Path | None:
    """The dump shared by this machine's processes (a Celery worker's children, the next
    worker after a restart): pg_dump reads the whole catalogue, 12 s with 1,000 structures.
    In a folder of this user's only; None when it cannot be made so."""
    folder = Path(tempfile.gettempdir()) / f"marelle-template-dump-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder / (hashlib.sha256(repr(key).encode()).hexdigest()[:32] + ".sql")


def _read_file(key: tuple, template: str, fingerprint: str) -> _TemplateDump | None:
    path = _cache_file(key)
    try:
        text = path.read_text(encoding="utf-8") if path else None
    except OSError:
        return None
    if not text:
        return None
    segments = split_dump(text)
    # Checked as a fresh dump is: the same template version as this connection sees.
    if _dumped_migrations_digest(template, segments) != fingerprint.split(":", 1)[1]:
        return None
    return _TemplateDump(fingerprint=fingerprint, segments=segments, text=text)


def _write_file(key: tuple, dump: _TemplateDump) -> None:
    path = _cache_file(key)
    if path is None:
        return
    try:
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(dump.text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        logger.warning("Could not keep the template's dump on disk", exc_info=True)


def _fingerprint(template: str) -> str:
    """The template's schema oid and its applied migrations (read in this connection)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT oid FROM pg_namespace WHERE nspname = %s", [template])
        row = cursor.fetchone()
        if row is None:
            raise TemplateCopyError("no template schema")
        cursor.execute(
            f"SELECT id, app, name FROM {quote_schema_name(template)}.django_migrations "  # noqa: S608
            "ORDER BY id"
        )
        rows = cursor.fetchall()
    return f"{row[0]}:{_migrations_digest((str(i), a, n) for i, a, n in rows)}"


def _migrations_digest(rows) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update("\t".join(row).encode() + b"\n")
    return digest.hexdigest()


def _dump(template: str, fingerprint: str) -> _TemplateDump:
    try:
        command, env = client_command("pg_dump")
    except TransferError as exc:
        raise TemplateCopyError(str(exc)) from exc
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} {_PG_DUMP_OPTIONS}".strip()
    env["PGCLIENTENCODING"] = "UTF8"
    command += [f"--schema={template}", "--no-owner", "--no-privileges", "--format=plain"]
    result = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if result.returncode != 0:
        detail = " / ".join(result.stderr.strip().splitlines()[-3:])
        raise TemplateCopyError(f"pg_dump failed: {detail}")
    segments = split_dump(result.stdout)
    # The dump and this connection must see the same template (pg_dump sees committed data
    # only): its django_migrations rows are compared with the fingerprint's.
    if f"{fingerprint.split(':')[0]}:{_dumped_migrations_digest(template, segments)}" != (
        fingerprint
    ):
        raise TemplateCopyError("the dumped template differs from the one this connection sees")
    return _TemplateDump(fingerprint=fingerprint, segments=segments, text=result.stdout)


def _dumped_migrations_digest(template: str, segments: tuple[_Segment, ...]) -> str:
    header = f"COPY {template}.django_migrations (id, app, name, applied) FROM stdin;"
    for segment in segments:
        if segment.copy_data is not None and segment.sql == header:
            rows = [line.split("\t")[:3] for line in segment.copy_data.splitlines()]
            return _migrations_digest(sorted(rows, key=lambda r: int(r[0])))
    return ""


def split_dump(text: str) -> tuple[_Segment, ...]:
    """A plain-format dump as SQL batches and ``COPY`` statements with their rows, without
    its preamble (the session settings before the first object)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("-- Name: ")), len(lines))
    segments: list[_Segment] = []
    sql: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if line.startswith("COPY ") and line.endswith(" FROM stdin;"):
            end = lines.index("\\.", i + 1)
            if sql:
                segments.append(_Segment("\n".join(sql)))
                sql = []
            if end > i + 1:  # an empty table's COPY is left out: one round trip less
                data = "".join(row + "\n" for row in lines[i + 1 : end])
                segments.append(_Segment(line, copy_data=data))
            i = end + 1
            continue
        sql.append(line)
        i += 1
    if any(s.strip() and not s.startswith("--") for s in sql):
        segments.append(_Segment("\n".join(sql)))
    return tuple(segments)


def clear_cache() -> None:
    """Forget the template's dump, in this process and on disk (the next copy dumps it)."""
    with _cache_lock:
        _cache.clear()
        path = _cache_file(())
        for stale in path.parent.glob("*.sql") if path else ():
            stale.unlink(missing_ok=True)
