"""Creating a structure: its row, its schema, its defaults and its first administrator.

One service used by the operator console (through a Celery task), the ``create_tenant``
management command, the demo and the tests. ``register_tenant`` validates and records the
structure (status *provisioning*); ``provision_tenant`` builds its schema and makes it
active. ``create_tenant`` does both, synchronously.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.utils import IntegrityError
from django_tenants.utils import get_public_schema_name, schema_exists, tenant_context

from core.modules import registry
from core.tenancy.constants import HolidayZone, TenantKind, TenantStatus
from core.tenancy.locks import advisory_lock
from core.tenancy.validators import schema_name_for, validate_custom_domain, validate_module_ids
from tenants.models import Domain, Tenant
from tenants.template import TEMPLATE_LOCK, ensure_template_schema
from tenants.template_copy import create_structure_schema

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AdminSpec:
    email: str
    first_name: str = ""
    last_name: str = ""
    # A temporary password instead of an invitation link (it must be changed at first login).
    temporary_password: str | None = None
    # A final password (demo and tests only): no e-mail is sent.
    password: str | None = None


# The structure's own fields, as register_tenant takes them (forms and commands use these names).
REGISTRATION_FIELDS = (
    "slug",
    "name",
    "name_article",
    "kind",
    "modules",
    "time_zone",
    "holiday_zone",
    "public_holiday_region",
    "primary_color",
)


def registration_fields(data: dict) -> dict:
    return {name: data[name] for name in REGISTRATION_FIELDS if name in data}


def platform_host_for(slug: str) -> str:
    return f"{slug}.{settings.PLATFORM_DOMAIN}"


@transaction.atomic
def register_tenant(
    *,
    slug: str,
    name: str,
    kind: str,
    modules: list[str],
    name_article: str = "",
    time_zone: str = "Europe/Paris",
    holiday_zone: str = HolidayZone.C,
    public_holiday_region: str = "",
    primary_color: str = "#1d4ed8",
    custom_domains: list[str] | tuple[str, ...] = (),
    first_admin_email: str = "",
) -> Tenant:
    """Validate everything (the model's own validators) and record the structure and its
    domains, without a schema yet. Raises ``ValidationError`` with French messages by field."""
    try:
        schema_name = schema_name_for(slug)
    except ValidationError:
        schema_name = ""  # full_clean reports the slug's own error
    tenant = Tenant(
        schema_name=schema_name,
        slug=slug,
        name=(name or "").strip(),
        name_article=name_article or "",
        kind=kind,
        modules=list(modules),
        time_zone=time_zone,
        holiday_zone=holiday_zone,
        public_holiday_region=public_holiday_region,
        primary_color=primary_color,
        status=TenantStatus.PROVISIONING,
        first_admin_email=first_admin_email,
    )
    errors: dict[str, list[str]] = {}
    try:
        # schema_name follows the slug: its checks (format, uniqueness) are the slug's.
        tenant.full_clean(exclude=["schema_name"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    hosts = [platform_host_for(slug), *[(d or "").strip().lower() for d in custom_domains]]
    for domain in hosts[1:]:
        try:
            validate_custom_domain(domain)
        except ValidationError as exc:
            errors.setdefault("custom_domains", []).extend(exc.messages)
    if not errors and Domain.objects.filter(domain__in=hosts).exists():
        errors.setdefault("custom_domains", []).append("Un de ces domaines est déjà utilisé.")
    if errors:
        raise ValidationError(errors)

    try:
        with transaction.atomic():
            tenant.save()
            for i, host in enumerate(hosts):
                Domain.objects.create(domain=host, tenant=tenant, is_primary=(i == 0))
    except IntegrityError as exc:  # a concurrent registration took the slug or a domain
        raise ValidationError(
            {"slug": [f"L'identifiant « {slug} » ou un de ses domaines est déjà utilisé."]}
        ) from exc
    return tenant


def provision_tenant(tenant: Tenant, *, admin: AdminSpec | None = None) -> Tenant:
    """Build the schema (a copy of the template), install defaults and roles, create the admin.

    Idempotent and serialised per structure (an advisory lock), so a retried or relaunched
    provisioning never races the first one. Only a structure still *provisioning* becomes
    active at the end: re-running it never lifts a suspension.
    """
    with advisory_lock(f"provision:{tenant.pk}"):
        if not schema_exists(tenant.schema_name):
            # The template must not change between its check and the copy (the copy's
            # migrations are faked: a stale template would yield a schema missing tables).
            with advisory_lock(TEMPLATE_LOCK):
                ensure_template_schema()
                create_structure_schema(tenant)
        with tenant_context(tenant):
            install_defaults(tenant, modules=tenant.modules)
            if admin is not None:
                _create_admin(tenant, admin)
        tenant.refresh_from_db(fields=["status"])
        if tenant.status == TenantStatus.PROVISIONING:
            tenant.activate()
    logger.info("Structure %s provisioned", tenant.slug)
    return tenant


def create_tenant(*, admin: AdminSpec | None = None, **fields) -> Tenant:
    """Register and provision a structure synchronously (command, demo, tests)."""
    tenant = register_tenant(**fields, first_admin_email=admin.email if admin else "")
    return provision_tenant(tenant, admin=admin)


def install_defaults(tenant: Tenant, *, modules: list[str]) -> None:
    """Core defaults and those of each given module, in the current (tenant) schema."""
    from core.accounts.roles import install_roles
    from core.booking.legend import CORE_LEGEND, install_legend
    from core.communication.defaults import install_communication_defaults
    from core.families.defaults import install_dossier_defaults

    with transaction.atomic():
        install_roles(tenant.modules)
        install_legend(CORE_LEGEND)
        install_dossier_defaults()
        install_communication_defaults(modules)
        for module in registry.enabled(modules):
            module.install_defaults(tenant=tenant)


def set_modules(tenant: Tenant, modules: list[str], *, previous: list[str] | None = None) -> Tenant:
    """Switch modules on and off; newly enabled ones get their defaults installed.

    ``previous`` is what was enabled before, when the caller already saved the new list.
    """
    validate_module_ids(list(modules))
    before = tenant.modules if previous is None else previous
    added = [m for m in modules if m not in (before or [])]
    if previous is None:
        tenant.modules = list(modules)
        tenant.save(update_fields=["modules", "updated_at"])
    if schema_exists(tenant.schema_name):
        from core.accounts.roles import install_roles

        with tenant_context(tenant):
            if added:
                install_defaults(tenant, modules=added)
            # What the modules grant to the roles follows them on and off.
            install_roles(modules)
    return tenant


def _create_admin(tenant: Tenant, spec: AdminSpec) -> None:
    from core.accounts.models import User
    from core.accounts.roles import Role
    from core.accounts.services import create_account, send_invitation

    user = User.objects.filter(email__iexact=spec.email).first()
    if user is None:
        user = create_account(
            email=spec.email,
            roles=[Role.ADMINISTRATEUR],
            first_name=spec.first_name,
            last_name=spec.last_name,
            password=spec.password or spec.temporary_password,
            temporary_password=bool(spec.temporary_password),
        )
    elif user.has_usable_password():
        return  # already set up (a re-run after the admin chose a password)
    if spec.password is None and spec.temporary_password is None:
        # Sent again on a re-run: the first attempt may have failed before its e-mail left.
        send_invitation(user=user, tenant=tenant)


def ensure_public_tenant() -> Tenant:
    """The row django-tenants needs for the root domain (the operators' console)."""
    tenant, _ = Tenant.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={
            "slug": "plateforme",
            "name": "Marelle (plateforme)",
            "kind": TenantKind.ASSOCIATION,
            "status": TenantStatus.ACTIVE,
        },
    )
    Domain.objects.get_or_create(
        domain=settings.PLATFORM_DOMAIN, defaults={"tenant": tenant, "is_primary": True}
    )
    return tenant
