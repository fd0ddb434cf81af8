"""A structure of its own with real data, committed (pg_dump reads another session), exported
once per module; everything it and its imports create is removed at the end."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from core.tenancy.constants import TenantKind
from tenants.models import Tenant
from tenants.provisioning import create_tenant
from tests.support.clients import logged
from tests.transfer.structures import populate, remove


@dataclass
class World:
    tenant: Tenant
    archive: Path
    family_id: int
    document_id: int
    document_uuid: str
    document_name: str
    parent_email: str
    custom_domain: str
    folder: Path
    slugs: list[str] = field(default_factory=list)

    def new_slug(self, stem: str) -> str:
        slug = f"{stem}-{uuid.uuid4().hex[:8]}"
        self.slugs.append(slug)
        return slug


@pytest.fixture(scope="module")
def world(tenants, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("transfer")
    slug = f"depart-{uuid.uuid4().hex[:8]}"
    custom = f"portail-{uuid.uuid4().hex[:8]}.example.org"
    with django_db_blocker.unblock():
        tenant = create_tenant(
            slug=slug,
            name="Association du Départ",
            kind=TenantKind.ASSOCIATION,
            modules=["periscolaire"],
            custom_domains=[custom],
        )
        data = populate(tenant)
        logged(f"{slug}.localhost", data["parent_email"])  # a session the archive leaves out
        connection.set_schema_to_public()
        archive = folder / f"{slug}.tar.gz"
        call_command("export_tenant", slug, output=archive, suspend=True)
        tenant.refresh_from_db()
        world = World(tenant=tenant, archive=archive, custom_domain=custom, folder=folder, **data)
        world.slugs.append(slug)
        yield world
        for created in world.slugs:
            remove(created)
