"""Writing a structure's archive (format: ``tenants/transfer/archive.py``).

The schema's dump and the list of files to copy come from one database snapshot
(``pg_export_snapshot`` shared with pg_dump): the files listed are exactly those the dump
refers to. The files themselves are read afterwards from the storage, which has no snapshot:
while the structure is active, a file deleted in the meantime would be missing from the
archive (it is then listed under ``missing_files``). Hence exports of a suspended structure
only, unless the operator asks for a live copy (docs/decisions/0029).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import psycopg
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_exists
from psycopg import sql

from core.tenancy.constants import TenantStatus
from tenants.models import Domain, ProviderReference, Tenant
from tenants.transfer import TransferError, archive, postgres, state
from tenants.transfer.files import file_columns, structure_prefix

logger = logging.getLogger(__name__)

# Not carried: the sessions (their keys would log people in wherever the archive is restored;
# everyone signs in again there).
WITHOUT_DATA = ("django_session",)


@dataclass
class ExportResult:
    path: Path
    files: int = 0
    missing_files: list[str] = field(default_factory=list)
    # Names outside the structure's own folder: never copied (they are another structure's
    # or nobody's files); the import blanks them.
    foreign_files: list[str] = field(default_factory=list)
    rows: int = 0


def export_structure(*, tenant: Tenant, output: Path, live: bool = False) -> ExportResult:
    """Write ``output`` (a .tar.gz). Refuses an active structure unless ``live``."""
    if tenant.is_public or not schema_exists(tenant.schema_name):
        raise TransferError(f"La structure « {tenant.slug} » n'a pas de schéma à exporter.")
    if tenant.status == TenantStatus.ACTIVE and not live:
        raise TransferError(
            f"La structure « {tenant.slug} » est active : suspendez-la pendant l'export "
            "(--suspend) pour une copie cohérente, ou demandez une copie à chaud (--live)."
        )
    output = Path(output).resolve()
    if not output.parent.is_dir():
        raise TransferError(f"Dossier de destination introuvable : {output.parent}.")
    result = ExportResult(path=output)
    with tempfile.TemporaryDirectory(prefix=".marelle-export-", dir=output.parent) as tmp:
        folder = Path(tmp)
        snapshot = _dump_in_one_snapshot(tenant, folder)
        names = snapshot["files"] + ([tenant.logo.name] if tenant.logo else [])
        own = structure_prefix(tenant.pk)
        for name in dict.fromkeys(names):
            if not name.startswith(own) or ".." in name.split("/"):
                result.foreign_files.append(name)
            elif _copy_out(name, folder):
                result.files += 1
            else:
                result.missing_files.append(name)
        result.rows = sum(snapshot["counts"].values())
        public = public_rows(tenant)
        (folder / archive.TENANT).write_text(
            json.dumps(public, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        manifest = {
            "marelle_version": _marelle_version(),
            "created_at": timezone.now().isoformat(),
            "source": {
                "tenant_id": tenant.pk,
                "slug": tenant.slug,
                "schema": tenant.schema_name,
                "status": tenant.status,
                "platform_domain": settings.PLATFORM_DOMAIN,
            },
            # Taken while the structure was suspended: nothing changed during the export.
            "consistent": tenant.status != TenantStatus.ACTIVE,
            "migrations": snapshot["migrations"],
            "migration_leaves": state.leaves(snapshot["migrations"]),
            "counts": {
                "rows": snapshot["counts"],
                "files": result.files,
                "domains": len(public["domains"]),
            },
            "missing_files": result.missing_files,
            "foreign_files": result.foreign_files,
        }
        archive.write_archive(folder=folder, manifest=manifest, output=output)
    logger.info(
        "Structure %s exported: %d files, %d missing, %d outside its folder",
        tenant.slug,
        result.files,
        len(result.missing_files),
        len(result.foreign_files),
    )
    return result


def public_rows(tenant: Tenant) -> dict:
    """The structure's rows of the public schema, without their primary keys."""
    fields = serializers.serialize("python", [tenant])[0]["fields"]
    platform_host = f"{tenant.slug}.{settings.PLATFORM_DOMAIN}"
    return {
        "fields": fields,
        "domains": [
            {"domain": d.domain, "is_primary": d.is_primary, "platform": d.domain == platform_host}
            for d in Domain.objects.filter(tenant=tenant).order_by("-is_primary", "domain")
        ],
        "provider_references": list(
            ProviderReference.objects.filter(tenant=tenant)
            .order_by("pk")
            .values("provider", "reference", "created_at")
        ),
    }


def _dump_in_one_snapshot(tenant: Tenant, folder: Path) -> dict:
    schema = tenant.schema_name
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            postgres.dump_schema(
                schema=schema,
                output=folder / archive.DUMP,
                snapshot=snapshot_id,
                without_data=WITHOUT_DATA,
            )
            tables = state.table_names(cursor, schema)
            files: list[str] = []
            for column in file_columns():
                if column.table not in tables:
                    continue
                cursor.execute(
                    sql.SQL("SELECT DISTINCT {col} FROM {schema}.{table} WHERE {col} <> ''").format(
                        col=sql.Identifier(column.column),
                        schema=sql.Identifier(schema),
                        table=sql.Identifier(column.table),
                    )
                )
                files.extend(row[0] for row in cursor.fetchall())
            return {
                "files": sorted(set(files)),
                "migrations": state.applied_migrations(cursor, schema),
                "counts": state.row_counts(cursor, schema, tables - set(WITHOUT_DATA)),
            }
    finally:
        raw.rollback()
        raw.close()


def _copy_out(name: str, folder: Path) -> bool:
    target = folder / archive.media_member(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with default_storage.open(name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
    except (FileNotFoundError, OSError):
        target.unlink(missing_ok=True)
        return False
    return True


def _marelle_version() -> str:
    try:
        return metadata.version("marelle")
    except metadata.PackageNotFoundError:
        return "inconnue"
