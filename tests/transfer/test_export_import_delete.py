"""export_tenant / import_tenant / delete_tenant on a structure with real data.

The module's structure is exported once (suspended); the refusals leave it as it was; the
last test deletes it, then restores it twice: under another slug, then under its own."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import schema_exists, tenant_context

from core.documents.models import Document
from core.families.models import Family
from core.tenancy.constants import TenantStatus
from core.tenancy.routing import resolve_host
from tenants.models import Domain, ProviderReference, Tenant
from tenants.transfer.delete import settle_delay
from tenants.transfer.files import walk
from tests.support.clients import logged
from tests.transfer.structures import PDF


def _snapshot(world) -> dict:
    tenant = Tenant.objects.get(pk=world.tenant.pk)
    return {
        "tenants": Tenant.objects.count(),
        "domains": Domain.objects.count(),
        "status": tenant.status,
        "schema": schema_exists(tenant.schema_name),
        "file": default_storage.exists(world.document_name),
        "logo": default_storage.exists(tenant.logo.name),
    }


def _rewrite(source, target, *, manifest=None, replace=None):
    """A copy of the archive with a new manifest or one member's content replaced."""
    with tarfile.open(source, "r:gz") as tar_in, tarfile.open(target, "w:gz") as tar_out:
        for member in tar_in.getmembers():
            data = tar_in.extractfile(member).read()
            if member.name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            if replace and member.name in replace:
                data = replace[member.name]
            member.size = len(data)
            tar_out.addfile(member, io.BytesIO(data))
    return target


def test_export_writes_manifest_dump_public_rows_and_files(world):
    with tarfile.open(world.archive, "r:gz") as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
        public = json.loads(tar.extractfile("tenant.json").read())
        document = tar.extractfile(f"media/{world.document_name}").read()

    tenant = world.tenant
    assert {"manifest.json", "tenant.json", "schema.dump"} <= names
    assert f"media/{tenant.logo.name}" in names
    assert set(manifest["checksums"]) == names - {"manifest.json"}
    assert manifest["source"] == {
        "tenant_id": tenant.pk,
        "slug": tenant.slug,
        "schema": tenant.schema_name,
        "status": TenantStatus.SUSPENDED,
        "platform_domain": "localhost",
    }
    assert manifest["consistent"] is True
    assert manifest["migrations"]["documents"]
    assert manifest["counts"]["rows"]["documents_document"] == 1
    assert manifest["counts"]["files"] == 2
    assert "django_session" not in manifest["counts"]["rows"]
    with tenant_context(tenant):
        assert Session.objects.exists()  # the parent's, left out of the dump
    assert document == PDF
    assert "pk" not in public and public["fields"]["slug"] == tenant.slug
    assert {d["domain"] for d in public["domains"]} == {
        f"{tenant.slug}.localhost",
        world.custom_domain,
    }
    assert [r["provider"] for r in public["provider_references"]] == ["stripe"]


def test_export_refuses_an_unknown_slug_and_an_active_structure_without_a_mode(world, tenants):
    with pytest.raises(CommandError, match="Structure inconnue"):
        call_command("export_tenant", "inconnue-zz", output=world.folder / "x.tar.gz")
    with pytest.raises(CommandError, match="est active : suspendez-la"):
        call_command("export_tenant", "alpha", output=world.folder / "alpha.tar.gz")
    assert not (world.folder / "alpha.tar.gz").exists()
    assert Tenant.objects.get(slug="alpha").status == TenantStatus.ACTIVE


def test_delete_is_refused_without_confirmation_or_export_and_changes_nothing(world, monkeypatch):
    before = _snapshot(world)
    slug = world.tenant.slug

    with pytest.raises(CommandError, match="Confirmation requise"):
        call_command("delete_tenant", slug, export_file=world.archive, interactive=False)
    with pytest.raises(CommandError, match="Confirmation incorrecte"):
        call_command("delete_tenant", slug, export_file=world.archive, confirm="alpha")
    with pytest.raises(CommandError, match="Aucun export indiqué"):
        call_command("delete_tenant", slug, confirm=slug)
    other = _rewrite(
        world.archive,
        world.folder / "other.tar.gz",
        manifest=lambda m: {**m, "source": {**m["source"], "tenant_id": 0}},
    )
    with pytest.raises(CommandError, match="n'est pas un export de la structure"):
        call_command("delete_tenant", slug, export_file=other, confirm=slug)
    live = _rewrite(
        world.archive, world.folder / "live.tar.gz", manifest=lambda m: {**m, "consistent": False}
    )
    with pytest.raises(CommandError, match="copie à chaud"):
        call_command("delete_tenant", slug, export_file=live, confirm=slug)
    stale = _rewrite(
        world.archive,
        world.folder / "stale.tar.gz",
        manifest=lambda m: {**m, "created_at": "2000-01-01T00:00:00+00:00"},
    )
    with pytest.raises(CommandError, match="a changé depuis cette archive"):
        call_command("delete_tenant", slug, export_file=stale, confirm=slug)
    # Taken right at suspension: tasks queued with a jitter may still write.
    with pytest.raises(CommandError, match="trop tôt après la suspension"):
        call_command("delete_tenant", slug, export_file=world.archive, confirm=slug)
    tampered = _rewrite(
        world.archive,
        world.folder / "tampered-delete.tar.gz",
        replace={"schema.dump": b"PGDMP autre"},
    )
    with pytest.raises(CommandError, match="sommes de contrôle ne correspondent pas"):
        call_command("delete_tenant", slug, export_file=tampered, confirm=slug)
    # The interactive prompt: a wrong answer deletes nothing.
    monkeypatch.setattr("builtins.input", lambda prompt: slug + "x")
    with pytest.raises(CommandError, match="Confirmation incorrecte"):
        call_command("delete_tenant", slug, export_file=world.archive)

    assert _snapshot(world) == before


def test_a_tampered_archive_is_refused_and_nothing_is_created(world):
    before = (Tenant.objects.count(), Domain.objects.count())
    tampered = _rewrite(
        world.archive,
        world.folder / "tampered.tar.gz",
        replace={f"media/{world.document_name}": b"%PDF-1.4 autre contenu"},
    )
    with pytest.raises(CommandError, match="somme de contrôle"):
        call_command("import_tenant", tampered, slug=world.new_slug("falsifie"))
    assert (Tenant.objects.count(), Domain.objects.count()) == before
    assert not schema_exists("t_" + world.slugs[-1].replace("-", "_"))


def test_a_failed_restore_leaves_no_row_schema_or_file(world):
    """The dump is broken (its checksum recomputed, so the archive passes the checks): the
    rows already created for the structure are removed again."""
    slug = world.new_slug("casse")
    with tarfile.open(world.archive, "r:gz") as tar:
        public = json.loads(tar.extractfile("tenant.json").read())
    public["provider_references"] = []  # those of the structure, still present here
    replaced = {"schema.dump": b"PGDMP broken", "tenant.json": json.dumps(public).encode()}

    def rechecksum(manifest):
        for name, data in replaced.items():
            manifest["checksums"][name] = hashlib.sha256(data).hexdigest()
        manifest["source"]["schema"] = "t_" + slug.replace("-", "_")
        return manifest

    archive = _rewrite(
        world.archive, world.folder / "broken.tar.gz", manifest=rechecksum, replace=replaced
    )
    before = (Tenant.objects.count(), Domain.objects.count(), ProviderReference.objects.count())
    files = set(walk("tenants/"))
    with pytest.raises(CommandError, match="Échec de pg_restore"):
        call_command("import_tenant", archive, slug=slug, domains=[])
    assert (
        Tenant.objects.count(),
        Domain.objects.count(),
        ProviderReference.objects.count(),
    ) == before
    assert not schema_exists("t_" + slug.replace("-", "_"))
    assert set(walk("tenants/")) == files


def test_an_archive_from_a_newer_release_is_refused(world):
    def future(manifest):
        manifest["migrations"]["documents"].append("9999_from_the_future")
        return manifest

    newer = _rewrite(world.archive, world.folder / "newer.tar.gz", manifest=future)
    with pytest.raises(CommandError, match="version plus récente de Marelle"):
        call_command("import_tenant", newer, slug=world.new_slug("futur"))
    assert not Tenant.objects.filter(slug=world.slugs[-1]).exists()


@pytest.mark.parametrize("schema", ["public", "marelle_template", 't_x"; DROP SCHEMA t_y; --'])
def test_an_archive_naming_another_schema_than_a_structure_s_is_refused(world, schema):
    odd = _rewrite(
        world.archive,
        world.folder / "odd.tar.gz",
        manifest=lambda m: {**m, "source": {**m["source"], "schema": schema}},
    )
    before = Tenant.objects.count()
    with pytest.raises(CommandError, match="nom de schéma d'origine refusé"):
        call_command("import_tenant", odd, slug=world.new_slug("bizarre"))
    assert Tenant.objects.count() == before


def test_import_refuses_a_taken_slug_or_an_occupied_schema(world):
    before = Tenant.objects.count()
    with pytest.raises(CommandError, match="déjà utilisé sur cette installation"):
        call_command("import_tenant", world.archive)
    # Restored under its source schema first: that name must be free too.
    with pytest.raises(CommandError, match=f"« {world.tenant.schema_name} » existe déjà"):
        call_command("import_tenant", world.archive, slug=world.new_slug("copie"))
    assert Tenant.objects.count() == before


def test_delete_then_import_brings_back_the_data_and_files_under_the_new_prefix(
    world, tenants, clock
):
    tenant = world.tenant
    slug, schema, old_pk = tenant.slug, tenant.schema_name, tenant.pk
    host = f"{slug}.localhost"
    logo = tenant.logo.name
    with tenant_context(tenant):
        caches["default"].set("transfer-probe", "x")
    resolve_host(host)
    with tenant_context(tenants["alpha"]):
        alpha_families = Family.objects.count()
        caches["default"].set("transfer-probe", "alpha")
    # The delay after suspension passed: a new export of the suspended structure (no mode).
    clock.shift(settle_delay())
    call_command("export_tenant", slug, output=world.archive)

    call_command("delete_tenant", slug, export_file=world.archive, confirm=slug)

    assert not Tenant.objects.filter(pk=old_pk).exists()
    assert not schema_exists(schema)
    assert not Domain.objects.filter(domain__in=[host, world.custom_domain]).exists()
    assert not ProviderReference.objects.filter(tenant_id=old_pk).exists()
    assert not default_storage.exists(world.document_name)
    assert not default_storage.exists(logo)
    assert caches["platform"].get(f"host:{host}") is None
    with tenant_context(tenant):
        assert caches["default"].get("transfer-probe") is None
    with tenant_context(tenants["alpha"]):
        assert caches["default"].get("transfer-probe") == "alpha"
        assert Family.objects.count() == alpha_families
    assert schema_exists(tenants["beta"].schema_name)
    assert resolve_host(host) is None

    # Under another slug: a new pk, the files under its prefix, the ids kept.
    copy_slug = world.new_slug("arrivee")
    call_command("import_tenant", world.archive, slug=copy_slug)
    copy = Tenant.objects.get(slug=copy_slug)
    assert copy.pk != old_pk and copy.status == TenantStatus.ACTIVE
    assert copy.schema_name == "t_" + copy_slug.replace("-", "_")
    assert set(copy.domains.values_list("domain", flat=True)) == {
        f"{copy_slug}.localhost",
        world.custom_domain,
    }
    assert copy.logo.name.startswith(f"tenants/{copy.pk}/branding/")
    assert default_storage.open(copy.logo.name).read()[:4] == b"\x89PNG"
    with tenant_context(copy):
        document = Document.objects.get(pk=world.document_id)
        assert document.family_id == world.family_id
        assert document.file.name.startswith(f"tenants/{copy.pk}/documents/")
        with document.file.open("rb") as handle:
            assert handle.read() == PDF
        assert not Session.objects.exists()  # not carried: everyone signs in again
    parent = logged(f"{copy_slug}.localhost", world.parent_email)
    response = parent.get(f"/api/v1/documents/{world.document_uuid}/file")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert ProviderReference.objects.filter(tenant=copy).count() == 1
    if hasattr(copy, "migrated_leaves"):  # recorded by the schema's migration, not copied
        assert copy.migrated_leaves
    with tenant_context(copy):
        assert not MigrationExecutor(connection).migration_plan(
            MigrationLoader(connection).graph.leaf_nodes()
        )

    # Under its own slug again: its custom domain is the copy's now.
    shutil.copy(world.archive, world.folder / "again.tar.gz")
    with pytest.raises(CommandError, match="Domaine déjà utilisé"):
        call_command("import_tenant", world.folder / "again.tar.gz")
    with pytest.raises(CommandError, match="référence de paiement"):
        call_command("import_tenant", world.archive, domains=[])
    ProviderReference.objects.filter(tenant=copy).delete()
    call_command("import_tenant", world.archive, domains=[], keep_suspended=True)
    back = Tenant.objects.get(slug=slug)
    assert back.schema_name == schema and back.status == TenantStatus.SUSPENDED
    with tenant_context(back):
        assert Family.objects.filter(pk=world.family_id).exists()
        assert Document.objects.get(pk=world.document_id).file.name.startswith(
            f"tenants/{back.pk}/"
        )
