"""The comment an import puts on the schemas it creates, so that only those are ever dropped.

``marelle-import:<tenant id>:<uuid>``: the uuid is this very import's (its undo drops a schema
only if the comment is still its own — never one another process created under the same name
in between); the tenant id lets ``delete_tenant`` find the schemas of an import that was
killed before it could undo (a structure left "provisioning"). The comment is removed once the
import succeeded.
"""

from __future__ import annotations

import uuid

PREFIX = "marelle-import"


def new_marker(*, tenant_id: int) -> str:
    return f"{PREFIX}:{tenant_id}:{uuid.uuid4().hex}"


def mark_schema(cursor, *, schema: str, marker: str | None) -> None:
    # COMMENT takes no bind parameter: the marker is ours (digits, hex), the schema name checked.
    literal = "NULL" if marker is None else f"'{marker}'"
    cursor.execute(f'COMMENT ON SCHEMA "{schema}" IS {literal}')


def schema_marker(cursor, *, schema: str) -> str | None:
    cursor.execute(
        "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
        [schema],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def import_marked_schemas(cursor, *, tenant_id: int) -> list[str]:
    """The schemas an import of structure ``tenant_id`` created and did not finish."""
    cursor.execute(
        "SELECT nspname FROM pg_namespace "
        "WHERE obj_description(oid, 'pg_namespace') LIKE %s ORDER BY nspname",
        [f"{PREFIX}:{int(tenant_id)}:%"],
    )
    return [row[0] for row in cursor.fetchall()]
