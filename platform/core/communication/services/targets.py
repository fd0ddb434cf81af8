"""Who an announcement reaches: a list of criteria turned into ONE family-id query.

Each criterion gives a subquery of family ids taken from the core's own models (catalog,
booking, billing); the union (an ``OR`` of ``pk IN (…)``) is the families, whatever the number
of criteria matching a family. The guardians reached are those families' guardians WITH A LOGIN
(an active user). The preview count and the send both use :func:`target_families` and
:func:`target_guardians`: the count shown is the rows materialised.

Criteria (``Announcement.target``)::

    {"kind": "all"}
    {"kind": "module", "module": "periscolaire"}
    {"kind": "activity", "activity": 12}
    {"kind": "group", "group": 4}
    {"kind": "reservation", "date": "2027-03-12", "unit": 3 | None, "activity": 7 | None}
    {"kind": "unpaid"}
    {"kind": "families", "families": [1, 2, 3]}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet

from core.billing.models import Invoice
from core.booking.models import Enrolment, Reservation
from core.catalog.models import Activity, ActivityGroup, Unit
from core.families.models import Family, Guardian
from core.modules import registry
from core.tenancy.context import current_structure

KIND_LABELS = {
    "all": "Toutes les familles",
    "module": "Inscrits à un module",
    "activity": "Inscrits à une activité",
    "group": "Inscrits dans un groupe",
    "reservation": "Réservation un jour donné",
    "unpaid": "Factures impayées",
    "families": "Familles choisies",
}
MAX_CRITERIA = 20
MAX_HAND_PICKED = 5000


@dataclass(frozen=True)
class Reach:
    families: int
    guardians: int
    families_without_login: int


def _error(message: str) -> ValidationError:
    return ValidationError({"target": [message]})


def _id(criterion: dict, key: str, *, optional: bool = False) -> int | None:
    value = criterion.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _error(f"Critère « {KIND_LABELS[criterion['kind']]} » : « {key} » est invalide.")
    return value


def _holding_states() -> tuple[str, ...]:
    # The core's states holding a place, plus the modules' states declared as holding one.
    return (*Reservation.HOLDING, *(s.code for s in registry.reservation_states() if s.holds_place))


def validate_target(target) -> list[dict]:
    """The criteria, checked and normalised, or a French ``ValidationError`` on ``target``."""
    if not isinstance(target, list) or not target:
        raise _error("Choisissez au moins un critère de destinataires.")
    if len(target) > MAX_CRITERIA:
        raise _error(f"Pas plus de {MAX_CRITERIA} critères par annonce.")
    criteria = []
    for criterion in target:
        if not isinstance(criterion, dict) or criterion.get("kind") not in KIND_LABELS:
            raise _error("Critère de destinataires inconnu.")
        criteria.append(_normalise(criterion))
    return criteria


def _normalise(criterion: dict) -> dict:
    kind = criterion["kind"]
    if kind in ("all", "unpaid"):
        return {"kind": kind}
    if kind == "module":
        module = criterion.get("module")
        structure = current_structure()
        if not isinstance(module, str) or not registry.is_enabled(structure, module):
            raise _error("Ce module n'est pas activé pour la structure.")
        return {"kind": kind, "module": module}
    if kind == "activity":
        activity = _id(criterion, "activity")
        if not Activity.objects.filter(pk=activity).exists():
            raise _error("Cette activité n'existe pas.")
        return {"kind": kind, "activity": activity}
    if kind == "group":
        group = _id(criterion, "group")
        if not ActivityGroup.objects.filter(pk=group).exists():
            raise _error("Ce groupe n'existe pas.")
        return {"kind": kind, "group": group}
    if kind == "reservation":
        try:
            day = date.fromisoformat(str(criterion.get("date")))
        except ValueError:
            raise _error("Indiquez la date des réservations (AAAA-MM-JJ).") from None
        unit = _id(criterion, "unit", optional=True)
        activity = _id(criterion, "activity", optional=True)
        if unit is not None and not Unit.objects.filter(pk=unit).exists():
            raise _error("Cette unité n'existe pas.")
        if activity is not None and not Activity.objects.filter(pk=activity).exists():
            raise _error("Cette activité n'existe pas.")
        return {"kind": kind, "date": day.isoformat(), "unit": unit, "activity": activity}
    # "families": hand-picked.
    ids = criterion.get("families")
    if (
        not isinstance(ids, list)
        or not ids
        or len(ids) > MAX_HAND_PICKED
        or any(isinstance(i, bool) or not isinstance(i, int) for i in ids)
    ):
        raise _error("Choisissez au moins une famille.")
    wanted = sorted(set(ids))
    if _reachable().filter(pk__in=wanted).count() != len(wanted):
        raise _error("Une des familles choisies n'existe pas ou n'est plus active.")
    return {"kind": kind, "families": wanted}


def _reachable() -> QuerySet:
    """Families an announcement may reach at all: not anonymised, not refused."""
    return Family.objects.filter(anonymised_at__isnull=True).exclude(status=Family.STATUS_REFUSED)


def _validated_enrolments() -> QuerySet:
    return Enrolment.objects.filter(status=Enrolment.STATUS_VALIDATED)


def _family_ids(criterion: dict) -> QuerySet | None:
    """The family ids of one (normalised) criterion; ``None`` = every reachable family."""
    kind = criterion["kind"]
    if kind == "all":
        return None
    if kind == "module":
        qs = _validated_enrolments().filter(activity__module=criterion["module"])
    elif kind == "activity":
        qs = _validated_enrolments().filter(activity_id=criterion["activity"])
    elif kind == "group":
        # A child is in a group through its enrolment (``Enrolment.group``).
        qs = _validated_enrolments().filter(group_id=criterion["group"])
    elif kind == "reservation":
        qs = Reservation.objects.filter(date=criterion["date"], state__in=_holding_states())
        if criterion.get("unit"):
            qs = qs.filter(unit_id=criterion["unit"])
        if criterion.get("activity"):
            qs = qs.filter(unit__activity_id=criterion["activity"])
    elif kind == "unpaid":
        # Credit notes share the statuses: only invoices (as ``statement.unpaid_invoices``).
        return Invoice.objects.filter(kind=Invoice.KIND_INVOICE, status__in=Invoice.UNPAID).values(
            "family_id"
        )
    else:
        return Family.objects.filter(pk__in=criterion["families"]).values("pk")
    return qs.values("child__family_id")


def target_families(criteria: list[dict]) -> QuerySet:
    """ONE queryset of the families reached by the union of ``criteria`` (normalised)."""
    families = _reachable()
    subqueries = [_family_ids(c) for c in criteria]
    if any(s is None for s in subqueries):
        return families
    condition = Q()
    for subquery in subqueries:
        condition |= Q(pk__in=subquery)
    return families.filter(condition)


def _login_guardians() -> QuerySet:
    return Guardian.objects.filter(user__isnull=False, user__is_active=True)


def target_guardians(criteria: list[dict]) -> QuerySet:
    """The guardians with a login of :func:`target_families` (one row per guardian)."""
    return _login_guardians().filter(family__in=target_families(criteria).values("pk"))


def reach(criteria: list[dict]) -> Reach:
    """How many families and guardians ``criteria`` reach (three counting queries)."""
    families = target_families(criteria)
    with_login = families.filter(
        Exists(_login_guardians().filter(family_id=OuterRef("pk")))
    ).count()
    total = families.count()
    return Reach(
        families=total,
        guardians=target_guardians(criteria).count(),
        families_without_login=total - with_login,
    )


def target_labels(criteria: list[dict]) -> list[str]:
    """A French line per criterion, for the staff's screens."""
    activities = dict(
        Activity.objects.filter(
            pk__in=[c["activity"] for c in criteria if c.get("activity")]
        ).values_list("pk", "name")
    )
    groups = dict(
        ActivityGroup.objects.filter(
            pk__in=[c["group"] for c in criteria if c.get("group")]
        ).values_list("pk", "name")
    )
    units = dict(
        Unit.objects.filter(pk__in=[c["unit"] for c in criteria if c.get("unit")]).values_list(
            "pk", "name"
        )
    )
    labels = []
    for c in criteria:
        kind = c.get("kind")
        if kind == "module":
            label = dict(registry.choices()).get(c["module"], c["module"])
            labels.append(f"Inscrits au module « {label} »")
        elif kind == "activity":
            labels.append(f"Inscrits à « {activities.get(c['activity'], '?')} »")
        elif kind == "group":
            labels.append(f"Inscrits dans le groupe « {groups.get(c['group'], '?')} »")
        elif kind == "reservation":
            day = date.fromisoformat(c["date"]).strftime("%d/%m/%Y")
            where = ""
            if c.get("unit"):
                where = f" ({units.get(c['unit'], '?')})"
            elif c.get("activity"):
                where = f" ({activities.get(c['activity'], '?')})"
            labels.append(f"Réservation le {day}{where}")
        elif kind == "families":
            labels.append(f"{len(c['families'])} famille(s) choisie(s)")
        else:
            labels.append(KIND_LABELS.get(kind, str(kind)))
    return labels
