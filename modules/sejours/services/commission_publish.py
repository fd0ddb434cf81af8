"""Publishing the commission's decisions: the latest run of a campaign still in preparation
becomes the wishes' statuses — a place offered through ``places.offer`` (the only way to hold
one), a rank on a waiting list, a refusal with its reason — then one e-mail per family.

The campaign row is locked and must still be « preparing »: two coordinators clicking
« Publier » at once → one publishes, the other is told it is done; no place is offered twice.
Nothing is published while the campaign still takes wishes.

Only what the run decided is published: a pending wish the run never saw (its child or its
stay absent from the run, e.g. added since) stays pending — counted ``not_examined`` — rather
than refused with a reason that would not be true.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from modules.sejours.models import AllocationRun, Campaign, Wish
from modules.sejours.services import places
from modules.sejours.services.commission import (
    EXAMINED,
    CommissionError,
    ensure_preparing,
    ensure_wishes_closed,
)

OTHER_WISH = "place attribuée sur un autre vœu"


def publish(*, run: AllocationRun, by) -> dict:
    """Apply ``run``'s decisions to the wishes; returns the counts, the notes (a place that
    could not be given after all) and the ids of the wishes decided."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=run.campaign_id)
        ensure_preparing(campaign)
        ensure_wishes_closed(campaign)
        run = AllocationRun.objects.select_for_update().get(pk=run.pk)
        latest = campaign.runs.order_by("-created_at", "-pk").first()
        if latest is None or latest.pk != run.pk:
            raise CommissionError(
                "Seule la dernière proposition peut être publiée.", code="run_outdated"
            )
        wishes = list(
            Wish.objects.filter(campaign=campaign, status__in=EXAMINED)
            .select_related("stay__activity", "family", "child")
            .order_by("child_id", "rank")
        )
        by_child: dict[str, list[Wish]] = defaultdict(list)
        for wish in wishes:
            by_child[str(wish.child_id)].append(wish)

        decided: list[int] = []
        notes: list[str] = []
        tally = {"offered": 0, "waitlisted": 0, "refused": 0, "not_examined": 0}
        # Waiting lists in the run's order; a place that turns out full goes at the end.
        waiting: dict[int, list[Wish]] = defaultdict(list)
        late: dict[int, list[Wish]] = defaultdict(list)
        refused: list[tuple[Wish, str]] = []

        run_stays = run.summary.get("stays", {})
        for cid, child_wishes in by_child.items():
            decision = run.decisions.get(cid)
            if decision is None:
                tally["not_examined"] += len(child_wishes)
                continue
            placed = {p["stay_id"] for p in decision["placements"]}
            waits = {e["stay_id"] for e in decision["waitlists"]}
            reasons = {r["stay_id"]: r["reason"] for r in decision["refusals"]}
            for wish in child_wishes:
                sid = str(wish.stay_id)
                if sid not in run_stays or not (placed or sid in waits or sid in reasons):
                    # Not in the run, or nothing decided for it (a child without a place has
                    # an entry for every wish examined): no false « autre vœu » refusal.
                    tally["not_examined"] += 1
                    continue
                if sid in placed:
                    try:
                        places.offer(wish=wish, by=by)
                    except places.StayFull:
                        late[wish.stay_id].append(wish)
                        notes.append(
                            f"{wish.child} : plus de place sur « {wish.stay.activity.name} » "
                            "au moment de publier, mis(e) en liste d'attente."
                        )
                        continue
                    tally["offered"] += 1
                    decided.append(wish.pk)
                elif sid in waits:
                    continue  # ranked below, stay by stay
                else:
                    refused.append((wish, reasons.get(sid) or OTHER_WISH))

        index = {(str(w.child_id), w.stay_id): w for w in wishes}
        for stay_id, cids in _run_waitlists(run).items():
            for cid in cids:
                wish = index.get((cid, stay_id))
                if wish is not None:
                    waiting[wish.stay_id].append(wish)
        for stay_id in set(waiting) | set(late):
            for position, wish in enumerate([*waiting[stay_id], *late[stay_id]], 1):
                wish.status = Wish.STATUS_WAITLISTED
                wish.waitlist_position = position
                wish.save(update_fields=["status", "waitlist_position", "updated_at"])
                tally["waitlisted"] += 1
                decided.append(wish.pk)
        for wish, reason in refused:
            wish.status = Wish.STATUS_REFUSED
            wish.reason = reason
            wish.waitlist_position = None
            wish.save(update_fields=["status", "reason", "waitlist_position", "updated_at"])
            tally["refused"] += 1
            decided.append(wish.pk)

        now = timezone.now()
        campaign.status = Campaign.STATUS_PUBLISHED
        campaign.published_at = now
        campaign.published_by = by
        campaign.save(update_fields=["status", "published_at", "published_by"])
        run.published_at = now
        run.save(update_fields=["published_at"])
        done = set(decided)
        families = {w.family_id for w in wishes if w.pk in done}
        ids = sorted(decided)
        transaction.on_commit(lambda: _notify(ids))
    return {**tally, "families": len(families), "notes": notes, "wish_ids": ids}


def _run_waitlists(run: AllocationRun) -> dict[int, list[str]]:
    return {int(sid): data["waitlist"] for sid, data in run.summary.get("stays", {}).items()}


def _notify(wish_ids: list[int]) -> None:
    from modules.sejours.tasks import notify_decisions

    notify_decisions.delay(wish_ids=wish_ids)
