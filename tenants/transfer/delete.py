"""Deleting a structure once exported: its schema, public rows, media and cache entries.

Guards, in order: the operator typed the structure's slug; the structure is not active (it was
suspended for its export); and an archive of it is given whose manifest names this very
structure (id, slug, schema), was taken while it was suspended, at least ``settle_delay()``
after its suspension, and whose checksums and row counts still match the schema — or the
operator said ``without_export`` explicitly.

Why the delay: suspending does not stop at once what was already queued for the structure
(per-structure periodic tasks are spread over ``CELERY_FANOUT_JITTER_SECONDS``; a webhook or a
poll in flight still writes). An archive taken right at suspension may miss those writes. The
moment of suspension is read from the Tenant's ``updated_at``: every save moves it, so for a
suspended structure it is never earlier than the suspension — waiting from it is the safe
side. The row counts compared just before the DROP catch whatever was written after the
export anyway (docs/decisions/0029).
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core.tenancy.constants import TenantStatus
from core.tenancy.locks import advisory_lock
from tenants.models import Domain, ProviderReference, Tenant
from tenants.transfer import TransferError, archive, state
from tenants.transfer.cache import clear_structure_cache
from tenants.transfer.export import WITHOUT_DATA
from tenants.transfer.files import delete_files, delete_prefix, structure_prefix
from tenants.transfer.import_ import IMPORT_LOCK
from tenants.transfer.marker import import_marked_schemas

logger = logging.getLogger(__name__)

# Beyond the fan-out jitter: a task's own run time, a webhook's retries in flight.
SETTLE_MARGIN = timedelta(seconds=120)


def settle_delay() -> timedelta:
    """How long after its suspension an export of a structure may be used to delete it."""
    return timedelta(seconds=settings.CELERY_FANOUT_JITTER_SECONDS) + SETTLE_MARGIN


def usable_for_delete_from(tenant: Tenant) -> datetime:
    """The first export instant whose archive ``delete_structure`` accepts (suspended
    structure: its ``updated_at`` is at or after its suspension)."""
    return tenant.updated_at + settle_delay()


@dataclass(frozen=True)
class DeleteResult:
    schema: str
    domains: list[str]
    files: int
    cache_keys: int


def check_export(*, tenant: Tenant, path: Path) -> dict:
    """The archive's manifest if it is a complete, consistent export of ``tenant``."""
    manifest = archive.verify_archive(Path(path))
    source = manifest.get("source") or {}
    if (source.get("tenant_id"), source.get("slug"), source.get("schema")) != (
        tenant.pk,
        tenant.slug,
        tenant.schema_name,
    ):
        raise TransferError(
            f"Cette archive n'est pas un export de la structure « {tenant.slug} » "
            f"(elle contient « {source.get('slug')} »)."
        )
    if not manifest.get("consistent"):
        raise TransferError(
            "Cette archive est une copie à chaud (--live) : exportez la structure suspendue "
            "avant de la supprimer."
        )
    try:
        created_at = datetime.fromisoformat(manifest.get("created_at") or "")
    except ValueError as exc:
        raise TransferError("Archive invalide : date d'export illisible.") from exc
    if created_at < tenant.updated_at:
        raise TransferError(
            "La structure a changé depuis cette archive : exportez-la de nouveau avant de la "
            "supprimer."
        )
    ready = usable_for_delete_from(tenant)
    if created_at < ready:
        local = timezone.localtime(ready).strftime("%d/%m/%Y %H:%M:%S")
        raise TransferError(
            "Cette archive a été prise trop tôt après la suspension de la structure : des "
            "tâches ou des webhooks en attente ont pu écrire depuis "
            f"(délai de {int(settle_delay().total_seconds())} s). Après le {local}, "
            f"exportez de nouveau la structure suspendue (export_tenant {tenant.slug} "
            "--output …) et supprimez-la avec cette nouvelle archive."
        )
    return manifest


def check_unchanged(*, tenant: Tenant, manifest: dict) -> None:
    """Refuse when a table's row count differs from the archive's (a write after it). Counts
    are not a checksum (an update, or an insert and a delete, keep them), but with the delay
    above they catch what the delay exists for: rows added by a late task or webhook."""
    counted = (manifest.get("counts") or {}).get("rows") or {}
    schema = tenant.schema_name
    with connection.cursor() as cursor:
        tables = state.table_names(cursor, schema) - set(WITHOUT_DATA)
        if tables and connection.in_atomic_block:
            # Until the DROP commits, nothing more is written to the tables counted.
            names = ", ".join(f'"{schema}"."{table}"' for table in sorted(tables))
            cursor.execute(f"LOCK TABLE {names} IN SHARE MODE")
        now = state.row_counts(cursor, schema, tables)
    changed = sorted(t for t in set(counted) | set(now) if counted.get(t) != now.get(t))
    if changed:
        shown = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
        raise TransferError(
            f"La structure a changé depuis cette archive (tables : {shown}) : exportez-la de "
            f"nouveau (export_tenant {tenant.slug} --output …) avant de la supprimer."
        )


def delete_structure(
    *,
    tenant: Tenant,
    confirm: str,
    export_file: Path | None = None,
    without_export: bool = False,
) -> DeleteResult:
    if tenant.is_public:
        raise TransferError("La structure de la plateforme ne se supprime pas.")
    if confirm != tenant.slug:
        raise TransferError(
            f"Confirmation incorrecte : tapez exactement l'identifiant « {tenant.slug} »."
        )
    if tenant.status == TenantStatus.ACTIVE:
        raise TransferError(
            f"La structure « {tenant.slug} » est active : exportez-la avec --suspend "
            "avant de la supprimer."
        )
    manifest = None
    if export_file is not None:
        manifest = check_export(tenant=tenant, path=export_file)
    elif not without_export:
        raise TransferError(
            "Aucun export indiqué : donnez l'archive de la structure (--export-file) ou, "
            "en connaissance de cause, --without-export (les données seront perdues)."
        )

    schema, pk = tenant.schema_name, tenant.pk
    hosts = list(Domain.objects.filter(tenant=tenant).values_list("domain", flat=True))
    logo = tenant.logo.name if tenant.logo else ""
    # A structure still "provisioning" may be an import under way: wait for it (its lock is
    # released when it ends, or at once if its process was killed).
    with ExitStack() as locks:
        if tenant.status == TenantStatus.PROVISIONING:
            locks.enter_context(advisory_lock(IMPORT_LOCK))
        locks.enter_context(advisory_lock(f"provision:{pk}"))
        connection.set_schema_to_public()
        with transaction.atomic():
            if manifest is not None:
                check_unchanged(tenant=tenant, manifest=manifest)
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                if tenant.status == TenantStatus.PROVISIONING:
                    # An import killed before renaming the schema left it under its source
                    # name, marked with this structure's id (import_.py).
                    for leftover in import_marked_schemas(cursor, tenant_id=pk):
                        cursor.execute(f'DROP SCHEMA IF EXISTS "{leftover}" CASCADE')
            ProviderReference.objects.filter(tenant_id=pk).delete()
            Domain.objects.filter(tenant_id=pk).delete()
            Tenant.objects.filter(pk=pk).delete()
    # Files and cache entries once the rows are gone for good: a failure here leaves
    # orphan files under a dead prefix (deleted again by re-running), never a broken structure.
    files = delete_prefix(structure_prefix(pk)) + delete_files([logo])
    keys = clear_structure_cache(schema=schema, hosts=hosts)
    logger.info("Structure %s deleted: %d files, %d cache keys", tenant.slug, files, keys)
    return DeleteResult(schema=schema, domains=hosts, files=files, cache_keys=keys)
