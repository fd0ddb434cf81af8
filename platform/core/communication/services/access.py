"""Which services' conversations a staff member reads, and who may be assigned one.

A user's roles are their groups (``core.accounts.roles``). Administrateur and gestionnaire read
every service; the other roles read the services ``ServiceAccess`` lists for them, so the
crèche's team does not see the canteen's messages unless given access.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from core.accounts.models import User
from core.accounts.roles import Role
from core.communication.defaults import ALL_SERVICES_ROLES
from core.communication.models import Service, ServiceAccess, Thread

READ_PERMISSION = "communication.view_thread"


def _role_codes(user) -> set[str]:
    return {role.code for role in user.roles if role.is_staff_role}


def reads_all_services(*, user) -> bool:
    return bool(_role_codes(user) & ALL_SERVICES_ROLES)


def readable_service_keys(*, user) -> set[str] | None:
    """The keys of the services ``user`` reads; ``None`` means every service."""
    if not user.has_perm(READ_PERMISSION):
        return set()
    codes = _role_codes(user)
    if codes & ALL_SERVICES_ROLES:
        return None
    keys: set[str] = set()
    for services in ServiceAccess.objects.filter(role__in=codes).values_list("services", flat=True):
        keys.update(services)
    return keys


def readable_services(*, user) -> QuerySet[Service]:
    keys = readable_service_keys(user=user)
    services = Service.objects.all()
    return services if keys is None else services.filter(key__in=keys)


def staff_threads(*, user) -> QuerySet[Thread]:
    """The threads ``user`` may read (others answer 404 in the views)."""
    keys = readable_service_keys(user=user)
    threads = Thread.objects.all()
    return threads if keys is None else threads.filter(service__key__in=keys)


def can_read_service(*, user, service: Service) -> bool:
    keys = readable_service_keys(user=user)
    return keys is None or service.key in keys


def assignable_users(*, service: Service) -> QuerySet[User]:
    """Active staff able to read ``service``'s conversations, by name."""
    codes = set(ALL_SERVICES_ROLES) | set(
        ServiceAccess.objects.filter(services__contains=[service.key]).values_list(
            "role", flat=True
        )
    )
    groups = [role.group_name for role in Role if role.is_staff_role and role.code in codes]
    return (
        User.objects.filter(
            is_active=True,
            groups__name__in=groups,
            groups__permissions__codename="view_thread",
            groups__permissions__content_type__app_label="communication",
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


# Configuration ---------------------------------------------------------------------------------
def access_rows() -> list[dict]:
    """Each staff role with the services it reads (administrateur and gestionnaire: all)."""
    stored = dict(ServiceAccess.objects.values_list("role", "services"))
    rows = []
    for role in Role:
        if not role.is_staff_role:
            continue
        everything = role.code in ALL_SERVICES_ROLES
        rows.append(
            {
                "role": role.code,
                "role_label": role.label,
                "all_services": everything,
                "services": [] if everything else sorted(stored.get(role.code, [])),
            }
        )
    return rows


def set_access(*, rows: list[dict]) -> list[dict]:
    """Save which services each role reads. Roles that read everything cannot be narrowed;
    unknown roles or services are refused in French."""
    staff_codes = {role.code for role in Role if role.is_staff_role}
    known = set(Service.objects.values_list("key", flat=True))
    errors = []
    for row in rows:
        code = row.get("role")
        if code not in staff_codes:
            errors.append(f"Rôle inconnu : {code}.")
        elif code in ALL_SERVICES_ROLES:
            continue
        unknown = [key for key in row.get("services", []) if key not in known]
        if unknown:
            errors.append(f"Service inconnu : {', '.join(unknown)}.")
    if errors:
        raise ValidationError({"access": errors})
    with transaction.atomic():
        for row in rows:
            if row["role"] in ALL_SERVICES_ROLES:
                continue
            ServiceAccess.objects.update_or_create(
                role=row["role"], defaults={"services": sorted(set(row.get("services", [])))}
            )
    return access_rows()
