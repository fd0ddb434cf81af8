"""Test data builders (real services, no mocks)."""

from __future__ import annotations

import itertools
from datetime import date

from django.utils import timezone
from django_tenants.utils import tenant_context

from core.accounts.models import User
from core.accounts.roles import Role
from core.accounts.services import create_account
from core.tenancy.constants import TenantKind
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


def eight_years_old() -> str:
    """A child in primary school whatever the (frozen) day the test runs."""
    return date(timezone.localdate().year - 8, 5, 4).isoformat()


def make_family(
    *,
    tenant: Tenant | None = None,
    children: int = 1,
    first_name: str = "Camille",
    temporary_password: str = "",
    consents: bool = True,
    **fields,
):
    """A family with a main guardian who can log in, and ``children`` children.

    ``temporary_password``: the guardian must change it at first login.
    ``consents``: the guardian already accepted the structure's consents."""
    from core.families.services.accounts import ACCOUNT_TEMPORARY, create_family_by_staff

    def build():
        n = next(_seq)
        email = fields.pop("email", None) or unique_email("famille")
        family = create_family_by_staff(
            household={
                "address_line1": f"{n} rue des Écoles",
                "postal_code": "69001",
                "city": "Lyon",
                **fields,
            },
            guardian={
                "first_name": first_name,
                "last_name": f"Martin{n}",
                "phone_mobile": "+33612345678",
                "email": email,
            },
            account=ACCOUNT_TEMPORARY,
            temporary_password=temporary_password or PASSWORD,
            children=[
                {
                    "first_name": f"Léa{i}",
                    "last_name": f"Martin{n}",
                    "birth_date": eight_years_old(),
                    "sex": "F",
                }
                for i in range(children)
            ],
        )
        user = family.guardians.get(is_primary=True).user
        if not temporary_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        if consents:
            from core.families.services.consents import answer_consents, pending_consents

            answer_consents(user=user, answers={c.pk: True for c in pending_consents(user=user)})
        return family, user

    if tenant is None:
        return build()
    with tenant_context(tenant):
        return build()
