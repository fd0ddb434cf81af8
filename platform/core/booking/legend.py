"""The structure's legend: default entries and their installation."""

from __future__ import annotations

from collections.abc import Iterable

from core.modules import LegendDefault

# Reservation states (ARCHITECTURE.md) and calendar conditions, with the words and short codes
# of the portals families know (R, DR, DA, A Exc., A Fact., complet, fermeture, férié…).
CORE_LEGEND: tuple[LegendDefault, ...] = (
    LegendDefault("requested", "Demande de réservation", "DR", "#b45309", 10),
    LegendDefault("confirmed", "Réservé", "R", "#15803d", 20),
    LegendDefault("waitlisted", "Liste d'attente", "LA", "#7c3aed", 30),
    LegendDefault("refused", "Refusé", "Ref.", "#b91c1c", 40),
    LegendDefault("cancel_requested", "Demande d'annulation", "DA", "#c2410c", 50),
    LegendDefault("cancelled", "Annulé", "Ann.", "#6b7280", 60),
    LegendDefault("present", "Présent", "P", "#0f766e", 70),
    LegendDefault("absent_excused", "Absence excusée", "A Exc.", "#0369a1", 80),
    LegendDefault("absent_billed", "Absence facturée", "A Fact.", "#9f1239", 90),
    LegendDefault("full", "Complet", "Complet", "#991b1b", 110),
    LegendDefault("closed", "Fermeture", "Fermé", "#4b5563", 120),
    LegendDefault("public_holiday", "Jour férié", "Férié", "#374151", 130),
    LegendDefault("school_holidays", "Vacances scolaires", "Vac.", "#1e40af", 140),
)


# Every planning cell status that is not a reservation state (``services/planning._cell``):
# "free", "none" and "past" are shown neutrally (no legend entry); the others have one, in
# CORE_LEGEND or from a module (the periscolaire module words "enrolment_pending" and
# "deadline_passed"). A module's legend may name these and the reservation states only
# (``core.modules.ModuleRegistry.register``).
CALENDAR_CONDITIONS: tuple[str, ...] = (
    "free",
    "none",
    "past",
    "full",
    "closed",
    "public_holiday",
    "school_holidays",
    "enrolment_pending",
    "deadline_passed",
)


def install_legend(entries: Iterable[LegendDefault], *, module_id: str = "") -> None:
    """Add missing default entries to the current schema; never overwrite staff edits."""
    from core.booking.models import LegendEntry

    existing = set(LegendEntry.objects.filter(module=module_id).values_list("code", flat=True))
    LegendEntry.objects.bulk_create(
        [
            LegendEntry(
                module=module_id,
                code=e.code,
                label=e.label,
                short_label=e.short_label,
                color=e.color,
                order=e.order,
            )
            for e in entries
            if e.code not in existing
        ]
    )


def legend_for(module_ids: Iterable[str]):
    """Core entries plus those of the given (enabled) modules."""
    from core.booking.models import LegendEntry

    return LegendEntry.objects.filter(module__in=["", *module_ids])
