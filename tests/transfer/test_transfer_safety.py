"""The review's fixes: delete waits for what a suspension does not stop at once, refuses an
archive the schema moved on from; an import never points at another structure's files, never
drops a schema it did not create, and a killed import is cleaned up by delete_tenant."""

from __future__ import annotations

import io
import uuid

import pgtrigger
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_tenants.utils import schema_exists, tenant_context

from core.documents.models import Document, DocumentType
from core.tenancy.constants import TenantKind, TenantStatus
from tenants.models import Domain, Tenant
from tenants.provisioning import create_tenant, register_tenant
from tenants.transfer.delete import settle_delay
from tenants.transfer.files import walk
from tenants.transfer.import_ import _Undo
from tenants.transfer.marker import mark_schema, new_marker, schema_marker
from tests.transfer.structures import populate, remove


def _drop(*schemas: str) -> None:
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_delete_waits_after_suspension_refuses_later_writes_and_imports_blank_foreign_files(
    tenants, django_db_blocker, tmp_path, clock
):
    slug = f"garde-{uuid.uuid4().hex[:8]}"
    alpha = tenants["alpha"]
    foreign = f"tenants/{alpha.pk}/documents/x.pdf"
    with django_db_blocker.unblock():
        try:
            tenant = create_tenant(
                slug=slug, name="Mairie de la Garde", kind=TenantKind.COMMUNE, modules=[]
            )
            data = populate(tenant)
            with tenant_context(tenant), pgtrigger.ignore():
                # A row naming a file of another structure (a crafted or damaged row).
                Document.objects.filter(pk=data["document_id"]).update(file=foreign)
            early = tmp_path / "early.tar.gz"
            call_command("export_tenant", slug, output=early, suspend=True)
            tenant.refresh_from_db()
            with pytest.raises(CommandError, match="trop tôt après la suspension"):
                call_command("delete_tenant", slug, export_file=early, confirm=slug)

            clock.shift(settle_delay())
            archive = tmp_path / "late.tar.gz"
            err = io.StringIO()
            call_command("export_tenant", slug, output=archive, stderr=err)  # already suspended
            assert f"hors du dossier de la structure, non exporté : {foreign}" in err.getvalue()
            with tenant_context(tenant):  # a late write (a task, a webhook) after the export
                late = DocumentType.objects.create(name="Tardif", scope="family", order=9)
            with pytest.raises(CommandError, match="a changé depuis cette archive"):
                call_command("delete_tenant", slug, export_file=archive, confirm=slug)
            assert schema_exists(tenant.schema_name)
            call_command("export_tenant", slug, output=archive)
            call_command("delete_tenant", slug, export_file=archive, confirm=slug)
            assert not schema_exists(tenant.schema_name)

            out, err = io.StringIO(), io.StringIO()
            call_command("import_tenant", archive, stdout=out, stderr=err)
            assert (
                f"nettoyez avec : manage.py delete_tenant {slug} --without-export "
                f"--confirm {slug}" in out.getvalue()
            )
            assert "1 nom(s) de fichier hors du dossier" in err.getvalue()
            back = Tenant.objects.get(slug=slug)
            with tenant_context(back):
                assert Document.objects.get(pk=data["document_id"]).file.name == ""
                assert DocumentType.objects.filter(pk=late.pk).exists()
            with connection.cursor() as cursor:
                assert schema_marker(cursor, schema=back.schema_name) is None
            assert not default_storage.exists(foreign)  # alpha's name: nothing written there
            assert not [n for n in walk(f"tenants/{back.pk}/") if n.endswith("/x.pdf")]
        finally:
            remove(slug)


def test_an_import_undo_drops_only_the_schemas_it_marked(tenants, django_db_blocker):
    tag = uuid.uuid4().hex[:8]
    mine, unmarked, others = f"t_mien_{tag}", f"t_autre_{tag}", f"t_tiers_{tag}"
    marker = new_marker(tenant_id=0)
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                for schema in (mine, unmarked, others):
                    cursor.execute(f'CREATE SCHEMA "{schema}"')
                mark_schema(cursor, schema=mine, marker=marker)
                mark_schema(cursor, schema=others, marker=new_marker(tenant_id=0))
            # e.g. provisioning created the schema between this import's checks and its own
            # CREATE SCHEMA: the undo must leave it.
            _Undo(marker=marker, schemas=[mine, unmarked, others]).run()
            assert not schema_exists(mine)
            assert schema_exists(unmarked) and schema_exists(others)
        finally:
            _drop(mine, unmarked, others)


def test_delete_without_export_removes_what_a_killed_import_left(tenants, django_db_blocker):
    """What ``import_tenant`` leaves when killed between its restore and its rename: a
    "provisioning" structure, its schema under the archive's name, files under its folder."""
    slug = f"tue-{uuid.uuid4().hex[:8]}"
    source, stranger = f"t_source_{uuid.uuid4().hex[:8]}", f"t_etranger_{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock():
        try:
            tenant = register_tenant(
                slug=slug, name="Mairie Interrompue", kind=TenantKind.COMMUNE, modules=[]
            )
            assert tenant.status == TenantStatus.PROVISIONING
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{source}"')
                mark_schema(cursor, schema=source, marker=new_marker(tenant_id=tenant.pk))
                cursor.execute(f'CREATE SCHEMA "{stranger}"')
                mark_schema(cursor, schema=stranger, marker=new_marker(tenant_id=tenant.pk + 1))
            name = default_storage.save(f"tenants/{tenant.pk}/documents/a.pdf", ContentFile(b"x"))

            call_command("delete_tenant", slug, without_export=True, confirm=slug)

            assert not Tenant.objects.filter(pk=tenant.pk).exists()
            assert not Domain.objects.filter(tenant_id=tenant.pk).exists()
            assert not schema_exists(source)
            assert schema_exists(stranger)  # another structure's import: not this one's
            assert not default_storage.exists(name)
        finally:
            _drop(source, stranger)
            remove(slug)
