"""What the séjours module checks on any change of places (``Module.validate_changes``): a
stay is booked and cancelled as one block, never day by day — from a cart, a weekly
template or a staff screen alike."""

from __future__ import annotations

from collections import defaultdict

from core.booking.models import Reservation
from core.booking.services.context import ACTION_BOOK
from core.catalog.models import Opening
from core.module_hooks import Refusal

PARTIAL = "Un séjour se réserve et s'annule en entier, jamais jour par jour."


def whole_stay_refusals(*, changes, openings: dict, staff: bool) -> list[Refusal]:
    """A refusal for every change of a (child, stay, action) that does not cover all the
    stay's days: every opening to book, every place held to cancel. Two queries."""
    groups: dict[tuple[int, int, str], set[int]] = defaultdict(set)
    for change in changes:
        activity_id = openings[change.opening_id].unit.activity_id
        groups[(change.child_id, activity_id, change.action)].add(change.opening_id)
    activity_ids = {activity_id for _, activity_id, _ in groups}
    all_days: dict[int, set[int]] = defaultdict(set)
    for pk, activity_id in Opening.objects.filter(
        unit__activity_id__in=activity_ids, closed=False
    ).values_list("pk", "unit__activity_id"):
        all_days[activity_id].add(pk)
    held: dict[tuple[int, int], set[int]] = defaultdict(set)
    for child_id, opening_id, activity_id in Reservation.objects.filter(
        child_id__in={child_id for child_id, _, _ in groups},
        unit__activity_id__in=activity_ids,
        state__in=Reservation.LIVE,
    ).values_list("child_id", "opening_id", "unit__activity_id"):
        held[(child_id, activity_id)].add(opening_id)
    partial = set()
    for (child_id, activity_id, action), given in groups.items():
        wanted = all_days[activity_id] if action == ACTION_BOOK else held[(child_id, activity_id)]
        if given != wanted:
            partial.add((child_id, activity_id, action))
    return [
        Refusal(change, "whole_stay", PARTIAL)
        for change in changes
        if (change.child_id, openings[change.opening_id].unit.activity_id, change.action) in partial
    ]
