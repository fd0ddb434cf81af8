"""Who may call what: a family's guardians for their own file, staff by role permission."""

from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions, permissions

from core.families.models import Family, Guardian


class IsFamilyMember(permissions.BasePermission):
    """A guardian with a login, whose account is not refused; sets ``request.family``."""

    message = "Cet espace est réservé aux familles."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        guardian = Guardian.objects.filter(user=request.user).select_related("family").first()
        family = guardian.family if guardian else None
        if family is None or family.is_anonymised:
            return False
        if family.status in (Family.STATUS_REFUSED, Family.STATUS_EMAIL_UNCONFIRMED):
            return False
        if request.method not in permissions.SAFE_METHODS:
            from core.families.services.consents import pending_consents

            # The consents come before anything else the guardian tells the structure.
            if pending_consents(user=request.user):
                raise exceptions.PermissionDenied(
                    "Répondez d'abord aux demandes de consentement de la structure.",
                    code="consents_required",
                )
        request.family = family
        return True


class IsStaffMember(permissions.BasePermission):
    """Any of the structure's staff roles; finer checks with ``StaffPermission``."""

    message = "Cet espace est réservé au personnel de la structure."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff_member)


class StaffPermission(IsStaffMember):
    """Staff whose role grants the view's ``required_permissions`` for the method.

    ``required_permissions = {"GET": "families.view_family", "POST": "families.change_family"}``
    (``"*"`` for any method not listed). Deny by default: a method the view implements but the
    map does not name is refused, HEAD and OPTIONS follow GET's rule (refused where the view has
    no GET), and a view without a map refuses everything. A method the view does not implement
    goes on to DRF's 405.
    """

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method == "OPTIONS" and not implements(view, "GET"):
            return False  # nothing to read: nothing to describe either
        if request.method != "OPTIONS" and not implements(view, request.method):
            return True  # DRF answers 405 without running anything
        perm = required_permission(view, request.method)
        return perm is not None and request.user.has_perm(perm)


# HEAD and OPTIONS follow GET's rule (ARCHITECTURE.md, amendments).
READ_ALIASES = {"HEAD": "GET", "OPTIONS": "GET"}


def implements(view, method: str) -> bool:
    """Whether DRF would run a handler of ``view`` for ``method`` (otherwise it answers 405)."""
    name = "get" if method == "HEAD" else method.lower()
    return method.lower() in view.http_method_names and hasattr(view, name)


def required_permission(view, method: str) -> str | None:
    """The permission ``view`` asks of staff for ``method`` (HEAD and OPTIONS: GET's), or None
    when its ``required_permissions`` name none: then nobody may."""
    wanted = getattr(view, "required_permissions", None) or {}
    asked = READ_ALIASES.get(method, method)
    return wanted.get(asked) or wanted.get("*")


def get_owned_or_404(queryset, **lookup):
    """Fetch an object inside an already family-scoped queryset; anything else is a 404."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj
