"""A coordinator's manual change to the latest proposal: a child placed on one of their wished
stays, put on a waiting list or refused, always with a reason. The move is refused when it
would exceed the stay's places or break its ages; what it changes is said in sentences
(``ManualMove.effect``) and added to the child's trail, so the family's « pourquoi » stays
answerable after the hand of the commission too.

The coordinator's reason is internal (``ManualMove.reason`` and the staff-only trail: who,
when, why) — it may say « PAI incompatible » or a family's situation. A manual refusal tells
the family :data:`MANUAL_REFUSAL` instead, the wish's reason sent by e-mail at publication."""

from __future__ import annotations

from django.db import transaction

from core.errors import DomainError
from core.families.models import Child
from core.tenancy.context import structure_localtime
from modules.sejours import allocation
from modules.sejours.models import AllocationRun, ManualMove, Stay, Wish
from modules.sejours.services import places
from modules.sejours.services.commission import (
    EXAMINED,
    CommissionError,
    counts,
    ensure_preparing,
    latest_run,
)

PLACED, WAITLISTED, REFUSED = "placed", "waitlisted", "refused"
TO_STATUSES = (PLACED, WAITLISTED, REFUSED)
# What the family reads for a manual refusal (never the coordinator's own words).
MANUAL_REFUSAL = (
    "Refusé par la commission d'attribution. Pour en savoir plus, contactez le coordinateur "
    "séjours."
)


def who(user) -> str:
    if user is None:
        return "la structure"
    return (user.get_full_name() or "").strip() or user.get_username()


def bounds_problem(*, child: Child, stay: Stay) -> str | None:
    """Why ``child`` cannot go on ``stay`` (ages at departure, classes), or None."""
    activity = stay.activity
    age = allocation.age_at(child.birth_date, activity.start_date)
    low, high = activity.min_age, activity.max_age
    if (low is not None and age < low) or (high is not None and age > high):
        span = f"{low if low is not None else 0} à {high if high is not None else '…'} ans"
        return f"âge au départ {age} ans, séjour pour les enfants de {span}"
    classes = {level.pk for level in activity.school_levels.all()}
    if classes and child.school_level_id not in classes:
        return "classe non accueillie sur ce séjour"
    return None


def _drop(entries: list[dict], stay_id: str) -> bool:
    before = len(entries)
    entries[:] = [e for e in entries if e["stay_id"] != stay_id]
    return len(entries) != before


def _renumber(run: AllocationRun, stay_id: str) -> None:
    for position, cid in enumerate(run.summary["stays"][stay_id]["waitlist"], 1):
        for entry in run.decisions[cid]["waitlists"]:
            if entry["stay_id"] == stay_id:
                entry["position"] = position


def _freed(run: AllocationRun, stay_id: str, label: str, names: dict[str, str]) -> str:
    waiting = run.summary["stays"][stay_id]["waitlist"]
    sentence = f"Une place se libère sur « {label} »"
    if waiting:
        first = names.get(waiting[0], waiting[0])
        sentence += f" ; premier en liste d'attente : {first} (à placer à la main si besoin)"
    return sentence + "."


def move(
    *, run: AllocationRun, child: Child, to_stay: Stay | None, to_status: str, reason: str, by
) -> ManualMove:
    """Apply one manual change to the latest, unpublished run; see the module docstring."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Indiquez le motif du changement.", field="reason", code="reason")
    if to_status not in TO_STATUSES:
        raise DomainError("Décision inconnue.", field="to_status", code="to_status")
    if to_status in (PLACED, WAITLISTED) and to_stay is None:
        raise DomainError("Choisissez le séjour.", field="to_stay", code="to_stay")
    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().select_related("campaign").get(pk=run.pk)
        campaign = run.campaign
        ensure_preparing(campaign)
        if run.published_at or latest_run(campaign).pk != run.pk:
            raise CommissionError(
                "Seule la dernière proposition peut être modifiée.", code="run_outdated"
            )
        cid = str(child.pk)
        decision = run.decisions.get(cid)
        if decision is None:
            raise DomainError(
                "Cet enfant n'a aucun vœu examiné dans cette proposition.", field="child"
            )
        wishes = {
            w.stay_id: w
            for w in Wish.objects.filter(
                campaign=campaign, child_id=child.pk, status__in=EXAMINED
            ).select_related("stay__activity")
        }
        if to_stay is not None and to_stay.pk not in wishes:
            raise DomainError("Cet enfant n'a pas demandé ce séjour.", field="to_stay")
        labels = {str(pk): w.stay.activity.name for pk, w in wishes.items()}
        stays = run.summary["stays"]
        # A stay created (and wished) after the run is unknown to it: no list to move it on.
        if to_stay is not None and str(to_stay.pk) not in stays:
            raise CommissionError(
                "Ce séjour n'est pas dans cette proposition : relancez une proposition.",
                code="stay_not_in_run",
            )
        # Everyone on the lists this move may touch, for the effect's sentences.
        touched = {c for s in run.summary["stays"].values() for c in s["waitlist"][:1]}
        names = {
            str(c.pk): f"{c.first_name} {c.last_name}"
            for c in Child.objects.filter(pk__in=[int(x) for x in touched])
        }
        name = f"{child.first_name} {child.last_name}"
        sid = str(to_stay.pk) if to_stay else None
        from_stay_id = int(decision["placements"][0]["stay_id"]) if decision["placements"] else None
        effect: list[str] = []

        def unplace(stay_id: str) -> None:
            if _drop(decision["placements"], stay_id):
                stays[stay_id]["placed"].remove(cid)
                effect.append(_freed(run, stay_id, labels.get(stay_id, stay_id), names))

        def unwait(stay_id: str) -> None:
            if _drop(decision["waitlists"], stay_id):
                stays[stay_id]["waitlist"].remove(cid)
                _renumber(run, stay_id)
                effect.append(
                    f"{name} quitte la liste d'attente de « {labels.get(stay_id, stay_id)} » ; "
                    "les suivants gagnent un rang."
                )

        if to_status == PLACED:
            label = labels[sid]
            if any(p["stay_id"] == sid for p in decision["placements"]):
                raise DomainError(f"{name} a déjà une place sur « {label} ».", field="to_stay")
            problem = bounds_problem(child=child, stay=wishes[to_stay.pk].stay)
            if problem:
                raise DomainError(f"Impossible : {problem}.", field="to_stay", code="bounds")
            room = (
                places.places_left([to_stay])[to_stay.pk]
                if to_stay.status == Stay.STATUS_OPEN
                else 0
            )
            if len(stays[sid]["placed"]) >= room:
                raise CommissionError(
                    f"Plus de place sur « {label} » ({room} places) : mettez d'abord un enfant "
                    "en liste d'attente.",
                    code="stay_full",
                )
            # At the most stays per child, the new place replaces the worst-ranked one.
            while len(decision["placements"]) >= campaign.max_stays_per_child:
                worst = max(decision["placements"], key=lambda p: p["wish_rank"])
                unplace(worst["stay_id"])
            unwait(sid)
            _drop(decision["refusals"], sid)
            rank = wishes[to_stay.pk].rank
            decision["placements"].append({"stay_id": sid, "wish_rank": rank, "group_id": None})
            stays[sid]["placed"].append(cid)
            effect.insert(0, f"{name} : place attribuée sur « {label} » (vœu {rank}).")
        elif to_status == WAITLISTED:
            label = labels[sid]
            if cid in stays[sid]["waitlist"]:
                raise DomainError(
                    f"{name} est déjà en liste d'attente de « {label} ».", field="to_stay"
                )
            unplace(sid)
            _drop(decision["refusals"], sid)
            stays[sid]["waitlist"].append(cid)
            position = len(stays[sid]["waitlist"])
            decision["waitlists"].append(
                {"stay_id": sid, "wish_rank": wishes[to_stay.pk].rank, "position": position}
            )
            effect.insert(0, f"{name} : liste d'attente de « {label} », rang {position}.")
        else:
            # « Refuse all » covers the wishes the run examined; one on a stay added since
            # stays pending until a new proposal.
            targets = [sid] if sid else [str(pk) for pk in wishes if str(pk) in stays]
            for stay_id in targets:
                unplace(stay_id)
                unwait(stay_id)
                _drop(decision["refusals"], stay_id)
                rank = wishes[int(stay_id)].rank
                decision["refusals"].append(
                    {"stay_id": stay_id, "wish_rank": rank, "reason": MANUAL_REFUSAL}
                )
                effect.insert(0, f"{name} : vœu {rank} (« {labels[stay_id]} ») refusé.")
        decision["status"] = (
            PLACED
            if decision["placements"]
            else WAITLISTED
            if decision["waitlists"]
            else REFUSED
            if decision["refusals"]
            else "no_wish"
        )
        decision["manual"] = True
        when = structure_localtime().strftime("%d/%m/%Y %H:%M")
        decision["trail"].append(
            f"Changement manuel ({who(by)}, {when}) : {' '.join(effect)} Motif : {reason}"
        )
        run.summary["counts"] = counts(run.decisions)
        run.save(update_fields=["decisions", "summary"])
        return ManualMove.objects.create(
            run=run,
            child=child,
            from_stay_id=from_stay_id,
            to_stay=to_stay,
            to_status=to_status,
            reason=reason,
            effect=effect,
            created_by=by,
        )
