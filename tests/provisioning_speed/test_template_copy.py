"""A new structure's schema is a copy of the template's dump, renamed: the same objects, the
same migrations, nothing left pointing to the template; django-tenants' clone when pg_dump is
missing."""

from __future__ import annotations

import logging
import threading

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_exists, tenant_context

from core.families.models import Family
from core.tenancy.migration_state import code_leaves
from tenants import template_copy
from tenants.models import Tenant
from tenants.provisioning import create_tenant
from tests.provisioning_speed.catalogue import (
    definitions_naming,
    describe,
    migrations,
    row_count,
)

TEMPLATE = settings.TENANT_BASE_SCHEMA
STRUCTURE = {"kind": "commune", "modules": ["periscolaire", "creche"]}


def _fallbacks(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "tenants.template_copy" and r.levelno == logging.WARNING
    ]


@pytest.fixture
def template_before(tenants, db):
    return describe(TEMPLATE), migrations(TEMPLATE)


def test_a_new_structure_has_every_object_and_migration_of_the_template(template_before, caplog):
    caplog.set_level(logging.WARNING, logger="tenants.template_copy")
    tenant = create_tenant(slug="delta", name="Commune de Delta", **STRUCTURE)

    assert _fallbacks(caplog) == []  # the dump's copy, not django-tenants' clone
    copy = describe("t_delta")
    template, template_migrations = template_before
    for kind in template:
        assert copy[kind] == template[kind], kind
    assert len(copy["tables"]) > 100
    assert copy["triggers"] and copy["functions"] and copy["sequence_owners"]
    assert migrations("t_delta") == template_migrations
    # What faking the migrations would have added, copied with the template's rows.
    for table in ("django_content_type", "auth_permission"):
        assert row_count("t_delta", table) == row_count(TEMPLATE, table) > 0, table
    tenant.refresh_from_db()
    assert tenant.migrated_leaves == code_leaves()
    connection.set_schema_to_public()


def test_nothing_in_the_copy_points_to_the_template(tenants, db):
    create_tenant(slug="epsilon", name="Commune d'Epsilon", **STRUCTURE)

    assert definitions_naming("t_epsilon", TEMPLATE) == []
    connection.set_schema_to_public()


def test_history_of_a_tracked_table_lands_in_the_new_schema_and_the_template_is_unchanged(
    template_before,
):
    tenant = create_tenant(slug="zeta", name="Commune de Zêta", **STRUCTURE)
    events_in_template = row_count(TEMPLATE, "families_familyevent")

    with tenant_context(tenant):
        family = Family.objects.create()
        family.city = "Lyon"
        family.save()
    connection.set_schema_to_public()

    assert row_count("t_zeta", "families_family") == 1
    assert row_count("t_zeta", "families_familyevent") == 2  # insert, then update
    assert row_count(TEMPLATE, "families_family") == 0
    assert row_count(TEMPLATE, "families_familyevent") == events_in_template
    assert (describe(TEMPLATE), migrations(TEMPLATE)) == template_before


def test_without_pg_dump_provisioning_falls_back_to_the_clone(
    tenants, db, settings, monkeypatch, tmp_path, caplog
):
    # No client anywhere: neither PG_BIN_DIR, nor pgserver's (demo mode only), nor PATH.
    settings.DEMO_MODE = False
    monkeypatch.setenv("PG_BIN_DIR", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    template_copy.clear_cache()
    caplog.set_level(logging.WARNING, logger="tenants.template_copy")
    try:
        tenant = create_tenant(slug="eta", name="Commune d'Eta", **STRUCTURE)
    finally:
        template_copy.clear_cache()

    assert any("pg_dump" in message for message in _fallbacks(caplog))
    # django-tenants' clone leaves out a sequence no column uses any more (renamed tables).
    tables = [t for t in describe(TEMPLATE)["tables"] if t[1] == "r"]
    assert [t for t in describe("t_eta")["tables"] if t[1] == "r"] == tables
    assert migrations("t_eta") == migrations(TEMPLATE)
    tenant.refresh_from_db()
    assert tenant.migrated_leaves == code_leaves()
    connection.set_schema_to_public()


def test_two_structures_provisioned_at_once_both_get_their_schema(tenants, django_db_blocker):
    slugs = ["theta", "iota"]
    errors: list[BaseException] = []

    def provision(slug: str) -> None:
        try:
            create_tenant(slug=slug, name=f"Commune {slug}", **STRUCTURE)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    with django_db_blocker.unblock():
        try:
            threads = [threading.Thread(target=provision, args=(slug,)) for slug in slugs]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            assert errors == []
            for slug in slugs:
                tenant = Tenant.objects.get(slug=slug)
                assert tenant.status == "active"
                assert migrations(tenant.schema_name) == migrations(TEMPLATE)
                assert definitions_naming(tenant.schema_name, TEMPLATE) == []
        finally:
            # Committed by the threads: removed so that the session's database stays as it was.
            connection.set_schema_to_public()
            for slug in slugs:
                Tenant.objects.filter(slug=slug).delete()
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP SCHEMA IF EXISTS "t_{slug}" CASCADE')
            assert not any(schema_exists(f"t_{slug}") for slug in slugs)
