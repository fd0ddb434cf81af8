"""The file names an imported schema's rows hold: rewritten to the new structure's folder,
and blanked when they point anywhere else (docs/decisions/0029, amendments)."""

from __future__ import annotations

import logging

import pgtrigger
from django.db import connection, transaction

from tenants.transfer import state
from tenants.transfer.files import file_columns, structure_prefix

logger = logging.getLogger(__name__)


def _restored_file_columns(schema: str) -> list:
    """The file columns of this code whose table the restored schema has."""
    with connection.cursor() as cursor:
        tables = state.table_names(cursor, schema)
    return [column for column in file_columns() if column.table in tables]


def rewrite_file_names(*, schema: str, moved: dict[str, str]) -> None:
    """Point the restored rows at the files' new names (one UPDATE per file column).

    The structure's triggers (audit history, immutability) are skipped: this is the same
    content under another folder, not a change of the structure's data."""
    if not moved:
        return
    old, new = list(moved), list(moved.values())
    with pgtrigger.ignore(), transaction.atomic(), connection.cursor() as cursor:
        for column in _restored_file_columns(schema):
            cursor.execute(
                f'UPDATE "{schema}"."{column.table}" AS t SET "{column.column}" = m.new '  # noqa: S608
                "FROM unnest(%s::text[], %s::text[]) AS m(old, new) "
                f'WHERE t."{column.column}" = m.old',
                [old, new],
            )


def blank_foreign_file_names(*, schema: str, tenant_id: int) -> int:
    """Blank every file name of the restored rows outside ``tenants/<tenant_id>/``: such a
    name (a file absent from the archive, or a crafted row) would point at another
    structure's files, which the downloads would then serve. Triggers skipped as above."""
    prefix = structure_prefix(tenant_id)
    blanked = 0
    with pgtrigger.ignore(), transaction.atomic(), connection.cursor() as cursor:
        for column in _restored_file_columns(schema):
            cursor.execute(
                f'UPDATE "{schema}"."{column.table}" SET "{column.column}" = \'\' '  # noqa: S608
                f'WHERE "{column.column}" <> \'\' AND left("{column.column}", %s) <> %s',
                [len(prefix), prefix],
            )
            blanked += cursor.rowcount
    if blanked:
        logger.warning("Import into %s: %d outside file names blanked", schema, blanked)
    return blanked
