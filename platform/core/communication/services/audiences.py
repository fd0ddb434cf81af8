"""Who a news item or a home message is for: everyone, staff, families, or the families of one
module (a child with a validated enrolment in one of its activities)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection

from core.booking.models import Enrolment
from core.communication.models.news import AUDIENCE_ALL, AUDIENCE_FAMILIES, AUDIENCE_STAFF
from core.families.models import Family
from core.modules import registry

LABELS = {
    AUDIENCE_ALL: "Tout le monde",
    AUDIENCE_FAMILIES: "Familles",
    AUDIENCE_STAFF: "Personnel",
}


def enabled_modules() -> list[tuple[str, str]]:
    """(id, label) of the structure's enabled modules, in registration order."""
    tenant = getattr(connection, "tenant", None)
    return [(module.id, module.label) for module in registry.for_tenant(tenant)]


def audience_label(audience: str, *, modules: dict[str, str] | None = None) -> str:
    """« Tout le monde », « Personnel », « Familles » or the module's label (« Familles :
    Périscolaire »)."""
    if audience in LABELS:
        return LABELS[audience]
    known = modules if modules is not None else dict(enabled_modules())
    label = known.get(audience)
    if label is None and audience in registry.ids():
        label = registry.get(audience).label
    return f"Familles : {label or audience}"


def check_audience(audience: str, *, allowed: tuple[str, ...], field: str = "audience") -> str:
    """``audience`` when it is one of ``allowed`` or an enabled module, else a French error."""
    if audience in allowed or audience in dict(enabled_modules()):
        return audience
    raise ValidationError({field: [f"Public inconnu : « {audience} »."]})


def family_modules(*, family: Family) -> set[str]:
    """The modules in which one of the family's children has a validated enrolment."""
    return set(
        Enrolment.objects.filter(child__family=family, status=Enrolment.STATUS_VALIDATED)
        .values_list("activity__module", flat=True)
        .distinct()
    )
