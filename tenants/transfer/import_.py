"""Restoring a structure's archive into an install, all or nothing.

Order: verify the archive (format, checksums, migrations known to this code), check that the
slug, the schemas and the domains are free, then create the rows (a new pk), ``pg_restore`` the
schema under its source name and rename it, copy the media under the new structure's prefix
and rewrite the file names its columns hold, blank any file name left outside the new
structure's folder (a crafted or odd archive must not point into another structure's files),
migrate the schema (an archive from an older release is brought up to date), and only then open
it. Any failure undoes every step done; the undo drops only the schemas this import marked
(``marker.py``). A process killed outright leaves a "provisioning" structure that
``delete_tenant <slug> --without-export`` removes.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_exists

from core.tenancy.locks import advisory_lock
from core.tenancy.validators import schema_name_for
from tenants.models import Domain, ProviderReference, Tenant
from tenants.provisioning import REGISTRATION_FIELDS, platform_host_for, register_tenant
from tenants.transfer import TransferError, archive, state
from tenants.transfer.cache import clear_structure_cache
from tenants.transfer.files import delete_files, renamed
from tenants.transfer.marker import mark_schema, new_marker, schema_marker
from tenants.transfer.names import blank_foreign_file_names, rewrite_file_names
from tenants.transfer.postgres import restore

logger = logging.getLogger(__name__)

SCHEMA_RE = re.compile(r"t_[a-z0-9_]{1,61}")
# Imports are rare: one at a time per install keeps the free-name checks and the restore
# under its source schema name from racing each other.
IMPORT_LOCK = "structure-import"
# Fields of the archive's Tenant row never copied as they are; ``migrated_leaves`` describes
# the source install's schema and is recorded anew when the restored schema is migrated.
NOT_COPIED = {
    "slug",
    "schema_name",
    "status",
    "logo",
    "created_at",
    "updated_at",
    "migrated_leaves",
}


@dataclass
class ImportResult:
    tenant: Tenant
    # File names of the restored rows that pointed outside the structure's folder, blanked.
    blanked_files: int = 0


@dataclass
class _Undo:
    tenant: Tenant | None = None
    marker: str | None = None
    schemas: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def run(self) -> None:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            for schema in self.schemas:
                # Only a schema still carrying this import's marker is ours to drop.
                if self.marker and schema_marker(cursor, schema=schema) == self.marker:
                    cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
        if self.tenant is not None and self.tenant.pk:
            hosts = list(Domain.objects.filter(tenant=self.tenant).values_list("domain", flat=True))
            Tenant.objects.filter(pk=self.tenant.pk).delete()
            clear_structure_cache(schema=self.tenant.schema_name, hosts=hosts)
        delete_files(self.files)


def import_structure(
    *,
    path: Path,
    slug: str | None = None,
    domains: list[str] | None = None,
    keep_suspended: bool = False,
    on_start: Callable[[str], None] | None = None,
) -> ImportResult:
    """Restore the archive at ``path``; ``slug`` renames the structure, ``domains`` replaces
    its custom domains (the platform's ``<slug>.<PLATFORM_DOMAIN>`` is always given).
    ``on_start`` is told the structure's slug once the checks passed, before anything is
    written (the command prints how to clean up should the process be killed)."""
    connection.set_schema_to_public()  # the public rows are written first
    with tempfile.TemporaryDirectory(prefix="marelle-import-") as tmp:
        verified = archive.open_archive(Path(path), into=Path(tmp))
        state.check_migrations(verified.manifest.get("migrations") or {})
        rows = verified.tenant
        fields = rows["fields"]
        new_slug = slug or fields["slug"]
        source_schema = _source_schema(verified.manifest)
        try:
            new_schema = schema_name_for(new_slug)
        except ValidationError as exc:
            raise TransferError(f"Identifiant invalide : {' '.join(exc.messages)}") from exc
        custom = (
            list(domains)
            if domains is not None
            else [d["domain"] for d in rows["domains"] if not d["platform"]]
        )
        with advisory_lock(IMPORT_LOCK):
            _check_free(
                slug=new_slug,
                schemas={source_schema, new_schema},
                hosts=[platform_host_for(new_slug), *custom],
                references=rows["provider_references"],
            )
            if on_start is not None:
                on_start(new_slug)
            undo = _Undo()
            try:
                result = _restore(verified, undo, new_slug, new_schema, source_schema, custom)
            except BaseException:
                undo.run()
                raise
    tenant = result.tenant
    if keep_suspended:
        tenant.suspend()
    else:
        tenant.activate()
    logger.info("Structure %s imported (schema %s)", tenant.slug, tenant.schema_name)
    return result


def _source_schema(manifest: dict) -> str:
    # Used in SQL as an identifier: a structure's schema name, nothing else.
    name = str((manifest.get("source") or {}).get("schema", ""))
    if not SCHEMA_RE.fullmatch(name) or name == settings.TENANT_BASE_SCHEMA:
        raise TransferError(f"Archive invalide : nom de schéma d'origine refusé « {name} ».")
    return name


def _check_free(*, slug: str, schemas: set[str], hosts: list[str], references: list) -> None:
    if Tenant.objects.filter(slug=slug).exists():
        raise TransferError(
            f"L'identifiant « {slug} » est déjà utilisé sur cette installation : "
            "choisissez-en un autre avec --slug."
        )
    for schema in sorted(schemas):
        if schema_exists(schema):
            raise TransferError(
                f"Le schéma « {schema} » existe déjà sur cette installation : l'archive est "
                "restaurée sous son nom d'origine avant d'être renommée ; supprimez ou "
                "renommez d'abord la structure qui l'occupe."
            )
    taken = list(Domain.objects.filter(domain__in=hosts).values_list("domain", flat=True))
    if taken:
        raise TransferError(
            f"Domaine déjà utilisé sur cette installation : {', '.join(sorted(taken))} "
            "(indiquez d'autres domaines avec --domain)."
        )
    for ref in references:
        if ProviderReference.objects.filter(
            provider=ref["provider"], reference=ref["reference"]
        ).exists():
            raise TransferError(
                "Une référence de paiement de cette structure est déjà enregistrée sur cette "
                f"installation ({ref['provider']}) : elle y existe déjà."
            )


def _restore(verified, undo: _Undo, slug, schema, source_schema, custom) -> ImportResult:
    rows = verified.tenant
    fields = _fields(rows["fields"])
    source_id = verified.manifest["source"]["tenant_id"]
    try:
        tenant = register_tenant(
            **{n: fields[n] for n in REGISTRATION_FIELDS if n in fields and n != "slug"},
            slug=slug,
            custom_domains=custom,
            first_admin_email=fields.get("first_admin_email", ""),
        )
    except ValidationError as exc:
        messages = "; ".join(f"{k} : {' '.join(v)}" for k, v in exc.message_dict.items())
        raise TransferError(f"Structure refusée : {messages}") from exc
    undo.tenant = tenant
    _copy_other_fields(tenant, fields)
    for ref in rows["provider_references"]:
        ProviderReference.objects.create(
            tenant=tenant, provider=ref["provider"], reference=ref["reference"]
        )

    undo.marker = new_marker(tenant_id=tenant.pk)
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{source_schema}"')
        # Listed for the undo only once created (and marked) by this import.
        mark_schema(cursor, schema=source_schema, marker=undo.marker)
        undo.schemas.append(source_schema)
    restore(dump=verified.dump, schema=source_schema)
    with connection.cursor() as cursor:
        # Again: a dump of a structure imported earlier may carry a comment of its own.
        mark_schema(cursor, schema=source_schema, marker=undo.marker)
        if source_schema != schema:
            cursor.execute(f'ALTER SCHEMA "{source_schema}" RENAME TO "{schema}"')
            undo.schemas.append(schema)

    names = verified.manifest["checksums"]
    moved: dict[str, str] = {}
    for member in names:
        if not member.startswith(archive.MEDIA + "/"):
            continue
        old = member[len(archive.MEDIA) + 1 :]
        with (verified.folder / member).open("rb") as handle:
            new = default_storage.save(
                renamed(old, old_id=source_id, new_id=tenant.pk), File(handle)
            )
        undo.files.append(new)
        moved[old] = new
    rewrite_file_names(schema=schema, moved=moved)
    blanked = blank_foreign_file_names(schema=schema, tenant_id=tenant.pk)
    logo = fields.get("logo") or ""
    if logo:
        # A logo missing from the archive (missing_files) is dropped rather than left dangling.
        tenant.logo.name = moved.get(logo, "")
        tenant.save(update_fields=["logo", "updated_at"])

    call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
    connection.set_schema_to_public()
    clear_structure_cache(schema=schema, hosts=[platform_host_for(slug), *custom])
    tenant.refresh_from_db()
    with connection.cursor() as cursor:
        mark_schema(cursor, schema=schema, marker=None)  # done: no later undo may drop it
    return ImportResult(tenant=tenant, blanked_files=blanked)


def _fields(serialized: dict) -> dict:
    """The archive's Tenant fields as Python values; fields this code does not know (a later
    release's) are left out, those it has and the archive lacks keep their defaults."""
    return {
        f.name: f.to_python(serialized[f.name])
        for f in Tenant._meta.concrete_fields
        if f.name in serialized and not f.primary_key
    }


def _copy_other_fields(tenant: Tenant, fields: dict) -> None:
    """The Tenant's fields register_tenant does not take."""
    changes = {
        name: value
        for name, value in fields.items()
        if name not in NOT_COPIED and name not in REGISTRATION_FIELDS
    }
    if changes:
        Tenant.objects.filter(pk=tenant.pk).update(**changes)
