"""Every foreign key from a structure's table to the public schema is documented in
docs/scaling.md: under Citus schema-based sharding such a key is only possible towards a
reference table, so a new one must be decided, not discovered on the cluster."""

import re
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db]

DOC = Path(__file__).resolve().parents[2] / "docs" / "scaling.md"
BLOCK = re.compile(r"<!-- public-fks:start -->(.*?)<!-- public-fks:end -->", re.S)
# One documented key per line: - `table.column` → `public.table`
LINE = re.compile(r"^\s*[-*]\s*`(?P<table>\w+)\.(?P<column>\w+)`\s*→\s*`public\.(?P<target>\w+)`")


def documented_keys() -> set[tuple[str, str, str]]:
    found = BLOCK.search(DOC.read_text(encoding="utf-8"))
    assert found, f"{DOC.name} n'a plus de bloc <!-- public-fks:start --> … <!-- public-fks:end -->"
    return {
        (m["table"], m["column"], m["target"])
        for line in found.group(1).splitlines()
        if (m := LINE.match(line))
    }


def public_keys_of(schema: str) -> set[tuple[str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, a.attname, r.relname
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace tn ON tn.oid = t.relnamespace
            JOIN pg_class r ON r.oid = c.confrelid
            JOIN pg_namespace rn ON rn.oid = r.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND tn.nspname = %s AND rn.nspname = 'public'
            """,
            [schema],
        )
        return set(cursor.fetchall())


def describe(keys) -> str:
    return "\n".join(f"  - `{t}.{c}` → `public.{r}`" for t, c, r in sorted(keys))


def test_every_foreign_key_to_the_public_schema_is_documented(alpha):
    actual = public_keys_of(alpha.schema_name)
    documented = documented_keys()
    new = actual - documented
    gone = documented - actual
    assert not new, (
        "Nouvelle(s) clé(s) étrangère(s) d'une table de structure vers le schéma public, "
        "non documentée(s) dans docs/scaling.md (Citus ne les permet que vers une table de "
        f"référence ; décidez-en et ajoutez-les au bloc public-fks) :\n{describe(new)}"
    )
    assert not gone, (
        "Clé(s) étrangère(s) documentée(s) dans docs/scaling.md qui n'existe(nt) plus "
        f"(retirez-les du bloc public-fks) :\n{describe(gone)}"
    )


def test_the_check_sees_foreign_keys_across_schemas(alpha):
    """The query is not vacuous: a key a structure's table holds to a public table is found."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE scaling_probe (id int PRIMARY KEY, "
            "tenant_id bigint REFERENCES public.tenants_tenant (id))"
        )
    assert ("scaling_probe", "tenant_id", "tenants_tenant") in public_keys_of(alpha.schema_name)
