"""Roles of a structure, as Django groups with permissions.

A role is a group whose name is the French label; its permissions are listed here by codename
so that later capabilities add theirs in one place. ``install_roles`` is idempotent and runs
after each tenant schema's migrations (so a change here reaches every structure at the next
``setup_platform``) and at provisioning.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Role(enum.Enum):
    PARENT = ("parent", "Parent", False)
    ADMINISTRATEUR = ("administrateur", "Administrateur de la structure", True)
    GESTIONNAIRE = ("gestionnaire", "Gestionnaire", True)
    COORDINATEUR = ("coordinateur", "Coordinateur", True)
    COMPTABLE = ("comptable", "Comptable", True)
    ANIMATEUR = ("animateur", "Animateur", True)

    def __init__(self, code: str, label: str, is_staff_role: bool) -> None:
        self.code = code
        self.label = label
        self.is_staff_role = is_staff_role

    @property
    def group_name(self) -> str:
        return self.label

    @classmethod
    def from_code(cls, code: str) -> Role:
        for role in cls:
            if role.code == code:
                return role
        raise ValueError(f"Rôle inconnu : {code}")


# app_label.codename permissions given to each role. Later issues extend these lists with
# their own models' permissions (e.g. "billing.view_invoice" for the comptable).
_FAMILY_VIEW = [
    "families.view_family",
    "families.view_child",
    "families.view_changerequest",
    "documents.view_document",
    "documents.view_documenttype",
]
_FAMILY_MANAGE = [
    *_FAMILY_VIEW,
    "families.add_family",
    "families.change_family",
    "families.change_child",
    "families.change_changerequest",
    "documents.change_document",
]
_DOSSIER_CONFIGURE = [
    "families.change_dossiersettings",
    "families.change_fieldpolicy",
    "families.change_consenttype",
    "families.change_authorisationquestion",
    "families.change_mealtype",
    "families.change_schoollevel",
    "documents.change_documenttype",
    "families.delete_family",  # GDPR: anonymisation
]

_BOOKING_ATTENDANCE = [
    "catalog.view_activity",
    "booking.view_reservation",
    "booking.change_attendance",
]
_BOOKING_MANAGE = [
    *_BOOKING_ATTENDANCE,
    "booking.view_enrolment",
    "booking.change_enrolment",
    "booking.change_reservation",
]
_BOOKING_CONFIGURE = [
    "catalog.change_activity",
    "pricing.view_tariff",
    "pricing.change_tariff",
]

_BILLING_VIEW = [
    "billing.view_invoice",
    "billing.view_invoicerun",
    "billing.view_payment",
]
_BILLING_MANAGE = [
    *_BILLING_VIEW,
    "billing.add_invoicerun",
    "billing.change_invoicerun",
    "billing.add_invoice",  # credit notes
    "billing.add_payment",
    "billing.change_payment",
]
_BILLING_CONFIGURE = ["billing.change_billingsettings", "billing.change_invoiceseries"]
# SEPA direct debit: batches (collection is confirmed with "billing.add_payment") and mandates.
_BILLING_DIRECT_DEBIT = [
    "billing.view_directdebitbatch",
    "billing.add_directdebitbatch",
    "billing.view_directdebitmandate",
    "billing.change_directdebitmandate",
]

# Communication (core.communication): which services' threads a role reads is further
# narrowed by ServiceAccess (administrateur and gestionnaire read every service).
_MESSAGES = ["communication.view_thread", "communication.change_thread"]
_ANNOUNCE = [
    "communication.view_announcement",
    "communication.add_announcement",
    "communication.change_newsitem",
    "communication.change_download",
    "communication.change_homemessage",
    "communication.view_familysubmission",
]
_COMMUNICATION_CONFIGURE = [
    "communication.change_service",
    "communication.change_quickreply",
    "communication.change_communicationsettings",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.PARENT: [],
    Role.ADMINISTRATEUR: [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "auth.view_group",
        "booking.view_legendentry",
        "booking.change_legendentry",
        "payments.view_providersettings",
        "payments.change_providersettings",
        *_FAMILY_MANAGE,
        *_DOSSIER_CONFIGURE,
        *_BOOKING_MANAGE,
        *_BOOKING_CONFIGURE,
        *_BILLING_MANAGE,
        *_BILLING_CONFIGURE,
        *_BILLING_DIRECT_DEBIT,
        *_MESSAGES,
        *_ANNOUNCE,
        *_COMMUNICATION_CONFIGURE,
    ],
    Role.GESTIONNAIRE: [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "booking.view_legendentry",
        *_FAMILY_MANAGE,
        *_BOOKING_MANAGE,
        *_BOOKING_CONFIGURE,
        *_BILLING_VIEW,
        *_MESSAGES,
        *_ANNOUNCE,
        "communication.change_quickreply",
    ],
    Role.COORDINATEUR: [
        "accounts.view_user",
        "booking.view_legendentry",
        *_FAMILY_MANAGE,
        *_BOOKING_MANAGE,
        *_MESSAGES,
        *_ANNOUNCE,
    ],
    Role.COMPTABLE: [
        "accounts.view_user",
        "booking.view_legendentry",
        "families.view_family",
        "catalog.view_activity",
        "booking.view_reservation",
        "pricing.view_tariff",
        "pricing.change_tariff",
        *_BILLING_MANAGE,
        *_BILLING_CONFIGURE,
        *_BILLING_DIRECT_DEBIT,
        *_MESSAGES,
    ],
    Role.ANIMATEUR: [
        "booking.view_legendentry",
        "families.view_child",
        *_BOOKING_ATTENDANCE,
        *_MESSAGES,
    ],
}


def role_permissions(module_ids: Iterable[str]) -> dict[Role, set[str]]:
    """Each role's permissions: the core's, and those the given enabled modules grant
    (``Module.role_permissions``)."""
    from core.module_hooks import module_permissions

    granted = module_permissions(module_ids)
    return {role: {*perms, *granted.get(role.code, ())} for role, perms in ROLE_PERMISSIONS.items()}


def _enabled_modules() -> list[str]:
    """The modules of the structure whose schema the connection is on (read from the public
    table: during ``migrate_schemas`` the connection's tenant is a stand-in)."""
    from django.db import connection

    from core.tenancy.structures import structure_model

    row = structure_model().objects.filter(schema_name=connection.schema_name).first()
    return list(row.modules or ()) if row is not None else []


def install_roles(module_ids: Iterable[str] | None = None) -> None:
    """Create or update the role groups of the current schema with their permissions, the
    enabled modules' included (``module_ids``; default: the structure's)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    wanted_by_role = role_permissions(_enabled_modules() if module_ids is None else module_ids)
    wanted = {perm for perms in wanted_by_role.values() for perm in perms}
    # Permissions are created by post_migrate app by app; make sure those we need exist.
    for app_label in {p.split(".")[0] for p in wanted}:
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    by_name = {}
    for perm in Permission.objects.select_related("content_type").filter(
        codename__in={p.split(".")[1] for p in wanted}
    ):
        by_name[f"{perm.content_type.app_label}.{perm.codename}"] = perm
    for role, perms in wanted_by_role.items():
        group, _ = Group.objects.get_or_create(name=role.group_name)
        group.permissions.set([by_name[p] for p in perms if p in by_name])
