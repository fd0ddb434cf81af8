"""Deleting a structure once exported: its schema, public rows, media and cache entries.

Guards, in order: the operator typed the structure's slug; the structure is not active (it was
suspended for its export); and an archive of it is given whose manifest names this very
structure (id, slug, schema), was taken while it was suspended, after its last change, and
whose checksums hold — or the operator said ``without_export`` explicitly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import connection, transaction

from core.tenancy.constants import TenantStatus
from core.tenancy.locks import advisory_lock
from tenants.models import Domain, ProviderReference, Tenant
from tenants.transfer import TransferError, archive
from tenants.transfer.cache import clear_structure_cache
from tenants.transfer.files import delete_files, delete_prefix, structure_prefix

logger = logging.getLogger(__name__)


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
    return manifest


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
    if export_file is not None:
        check_export(tenant=tenant, path=export_file)
    elif not without_export:
        raise TransferError(
            "Aucun export indiqué : donnez l'archive de la structure (--export-file) ou, "
            "en connaissance de cause, --without-export (les données seront perdues)."
        )

    schema, pk = tenant.schema_name, tenant.pk
    hosts = list(Domain.objects.filter(tenant=tenant).values_list("domain", flat=True))
    logo = tenant.logo.name if tenant.logo else ""
    with advisory_lock(f"provision:{pk}"):
        connection.set_schema_to_public()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            ProviderReference.objects.filter(tenant_id=pk).delete()
            Domain.objects.filter(tenant_id=pk).delete()
            Tenant.objects.filter(pk=pk).delete()
    # Files and cache entries once the rows are gone for good: a failure here leaves
    # orphan files under a dead prefix (deleted again by re-running), never a broken structure.
    files = delete_prefix(structure_prefix(pk)) + delete_files([logo])
    keys = clear_structure_cache(schema=schema, hosts=hosts)
    logger.info("Structure %s deleted: %d files, %d cache keys", tenant.slug, files, keys)
    return DeleteResult(schema=schema, domains=hosts, files=files, cache_keys=keys)
