"""What a schema holds, read from pg_catalog, with its own name written ``<schema>``: two
schemas with the same objects give the same description."""

from __future__ import annotations

import re

from django.db import connection

# pg_dump writes ``col = ANY (ARRAY[…])`` expressions that PostgreSQL reads back with the casts
# placed differently (the same condition; any dump and restore does it): definitions are
# compared without casts nor parentheses.
_CASTS = re.compile(r"::[a-z ]+(\[\])?|[()\s]")

# Each query takes the schema's name and returns comparable rows.
QUERIES = {
    "tables": """
        SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %(schema)s AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    """,
    "columns": """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               a.attidentity, pg_get_expr(d.adbin, d.adrelid)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = %(schema)s AND c.relkind = 'r' AND a.attnum > 0
          AND NOT a.attisdropped
    """,
    "constraints": """
        SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(schema)s
    """,
    "indexes": """
        SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
        WHERE n.nspname = %(schema)s
    """,
    "triggers": """
        SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %(schema)s AND NOT t.tgisinternal
    """,
    "functions": """
        SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %(schema)s
    """,
    # A sequence owned by its table's column (dropped with it, reset by TRUNCATE … RESTART).
    "sequence_owners": """
        SELECT s.relname, t.relname, a.attname FROM pg_class s
        JOIN pg_namespace n ON n.oid = s.relnamespace
        JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE n.nspname = %(schema)s AND s.relkind = 'S'
    """,
}


def describe(schema: str) -> dict[str, list[tuple]]:
    """Every kind of object of ``schema``, sorted, its name replaced by ``<schema>``."""
    result = {}
    with connection.cursor() as cursor:
        for kind, query in QUERIES.items():
            cursor.execute(query, {"schema": schema})
            rows = [tuple(_normal(v, schema, kind) for v in row) for row in cursor.fetchall()]
            result[kind] = sorted(rows, key=repr)
    return result


def _normal(value, schema: str, kind: str):
    if not isinstance(value, str):
        return value
    value = value.replace(schema, "<schema>")
    return _CASTS.sub("", value) if kind in ("constraints", "indexes") else value


def definitions_naming(schema: str, name: str) -> list[tuple]:
    """The objects of ``schema`` whose definition mentions ``name`` (another schema)."""
    found = []
    with connection.cursor() as cursor:
        for kind in ("columns", "constraints", "indexes", "triggers", "functions"):
            cursor.execute(QUERIES[kind], {"schema": schema})
            found += [(kind, row) for row in cursor.fetchall() if name in repr(row)]
    return found


def migrations(schema: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations ORDER BY id')  # noqa: S608
        return cursor.fetchall()


def row_count(schema: str, table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')  # noqa: S608
        return cursor.fetchone()[0]
