"""What a schema holds, read with a plain cursor: its applied migrations and row counts."""

from __future__ import annotations

from django.db.migrations.loader import MigrationLoader
from psycopg import sql

from tenants.transfer import TransferError


def table_names(cursor, schema: str) -> set[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = %s AND table_type = 'BASE TABLE'",
        [schema],
    )
    return {row[0] for row in cursor.fetchall()}


def applied_migrations(cursor, schema: str) -> dict[str, list[str]]:
    """The ``django_migrations`` rows of ``schema``, by app label."""
    cursor.execute(
        sql.SQL("SELECT app, name FROM {}.django_migrations ORDER BY app, name").format(
            sql.Identifier(schema)
        )
    )
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def leaves(applied: dict[str, list[str]]) -> dict[str, str]:
    """The last applied migration of each app (their names are numbered)."""
    return {app: max(names) for app, names in applied.items() if names}


def row_counts(cursor, schema: str, tables: set[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        counts[table] = cursor.fetchone()[0]
    return counts


def unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations the archive's schema has that this code does not know (a newer release)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, names in applied.items()
        for name in names
        if (app, name) not in known
    )


def check_migrations(applied: dict[str, list[str]]) -> None:
    unknown = unknown_migrations(applied)
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise TransferError(
            "Cette archive vient d'une version plus récente de Marelle : migrations inconnues "
            f"de cette installation ({shown}). Mettez d'abord cette installation à jour."
        )
