"""Test data builders (real services, no mocks)."""

from __future__ import annotations

import itertools

from django_tenants.utils import tenant_context

from core.accounts.models import User
from core.accounts.roles import Role
from core.accounts.services import create_account
from tenants.constants import TenantKind
from tenants.models import Tenant

ALPHA = {
    "slug": "alpha",
    "name": "Mairie d'Alpha",
    "kind": TenantKind.COMMUNE,
    "modules": ["periscolaire"],
    "primary_color": "#0b5fff",
}
BETA = {
    "slug": "beta",
    "name": "Association Bêta",
    "kind": TenantKind.ASSOCIATION,
    "modules": ["sejours", "creche"],
    "primary_color": "#8a1c7c",
}

PASSWORD = "Marelle2026"
_seq = itertools.count(1)


def make_tenant(spec: dict) -> Tenant:
    from tenants.provisioning import create_tenant

    existing = Tenant.objects.filter(slug=spec["slug"]).first()
    return existing or create_tenant(**spec)


def unique_email(prefix: str = "parent") -> str:
    return f"{prefix}.{next(_seq)}@example.org"


def make_user(
    *,
    tenant: Tenant | None = None,
    role: Role = Role.PARENT,
    email: str | None = None,
    password: str = PASSWORD,
    temporary: bool = False,
    **fields,
) -> User:
    def build() -> User:
        return create_account(
            email=email or unique_email(role.code),
            roles=[role],
            password=password,
            temporary_password=temporary,
            **fields,
        )

    if tenant is None:
        return build()
    with tenant_context(tenant):
        return build()
