"""The allocation commission: the campaign's overview, the automatic proposal run on the
database's rows, the coordinators' manual moves and the publication of the decisions.

Every run is stored (seed, criteria, decisions with each child's trail) and every manual move
too (who, when, why, and what it changed): a family may ask why, months later. The proposal
itself is :func:`modules.sejours.allocation.propose`; this layer only reads the rows in a fixed
number of queries, whatever the number of wishes, and stores its output.

QF band (``quotient_band`` criterion): the family's accepted quotient familial on the
campaign's closing day, as the index of its bracket among the bounds of the campaign's
QF-priced stays (their ``qf_min``), or, when no stay is priced by quotient, among the bounds
of the structure's VACAF bands (``SejoursSettings.vacaf_bands``): the bands the families
already know from the prices or the CAF aid. No accepted quotient: unknown, examined last.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count

from core.errors import DomainError
from core.families.models import Child, QuotientDeclaration
from core.pricing.models import PricingSettings
from core.tenancy.context import structure_localtime
from modules.sejours import allocation
from modules.sejours.models import AllocationRun, Campaign, SejoursSettings, Stay, Wish
from modules.sejours.services import places

# The wishes the proposal examines: those still waiting for the commission.
EXAMINED = (Wish.STATUS_PENDING,)


class CommissionError(DomainError):
    code = "commission_refused"
    status_code = 409


def campaign_stays(campaign: Campaign) -> list[Stay]:
    return list(
        Stay.objects.filter(campaign=campaign)
        .select_related("activity")
        .prefetch_related("activity__school_levels")
        .order_by("activity__start_date", "activity__name", "pk")
    )


def campaign_overview(*, campaign: Campaign) -> dict:
    """Per stay: capacity, places left, live wishes per rank and the demand ratio (vœux 1
    per place left: above 1, the stay cannot take every child who put it first). 3 queries."""
    stays = campaign_stays(campaign)
    left = places.places_left(stays)
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        Wish.objects.filter(campaign=campaign, status__in=Wish.LIVE)
        .values("stay_id", "rank")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["stay_id"]][row["rank"]] = row["n"]
    ranks = range(1, max(campaign.max_wishes, 1) + 1)
    out = []
    for stay in stays:
        by_rank = {str(r): counts[stay.pk].get(r, 0) for r in ranks}
        first = by_rank.get("1", 0)
        room = left.get(stay.pk, 0)
        out.append(
            {
                "id": stay.pk,
                "name": stay.activity.name,
                "start_date": stay.activity.start_date,
                "end_date": stay.activity.end_date,
                "min_age": stay.activity.min_age,
                "max_age": stay.activity.max_age,
                "capacity": stay.capacity,
                "places_left": room,
                "wishes_by_rank": by_rank,
                "wishes_total": sum(counts[stay.pk].values()),
                "demand_ratio": round(first / room, 2) if room else None,
                "cancelled": stay.status == Stay.STATUS_CANCELLED,
            }
        )
    return {"campaign": campaign, "stays": out}


def _band_bounds(stays: list[Stay]) -> list[Decimal]:
    bounds = {b.qf_min for s in stays for b in s.brackets() if b.qf_min > 0}
    if not bounds:
        bounds = {qf for qf, _ in SejoursSettings.current().bands()}
    return sorted(bounds)


def _band(qf: int | None, bounds: list[Decimal]) -> int | None:
    if qf is None:
        return None
    return sum(1 for bound in bounds if qf >= bound)


def build_inputs(*, campaign: Campaign) -> dict:
    """The proposal's input read from the rows, in a bounded number of queries (about 10,
    whatever the number of wishes): ``stays``, ``children``, ``wishes``, ``rules`` for
    :func:`allocation.propose`, and ``wish_ids`` (``(child_id, stay_id) → wish id``)."""
    stays = campaign_stays(campaign)
    left = places.places_left(stays)
    wishes = list(
        Wish.objects.filter(campaign=campaign, status__in=EXAMINED).order_by("child_id", "rank")
    )
    child_ids = {w.child_id for w in wishes}
    children = list(Child.objects.filter(pk__in=child_ids).select_related("family", "school_level"))
    on = structure_localtime(campaign.closes_at).date()
    quotients: dict[int, int] = {}
    for q in QuotientDeclaration.objects.filter(
        family_id__in={c.family_id for c in children},
        status=QuotientDeclaration.STATUS_ACCEPTED,
        valid_from__lte=on,
    ).order_by("-valid_from", "-created_at"):
        if q.covers(on):
            quotients.setdefault(q.family_id, q.value)
    bounds = _band_bounds(stays)
    pricing = PricingSettings.current()
    years = {s.activity.start_date.year for s in stays}
    placed = set(
        Wish.objects.filter(
            child_id__in=child_ids,
            status__in=Wish.HOLDS_PLACE,
            stay__activity__start_date__year__in=years,
        )
        .exclude(campaign=campaign)
        .values_list("child_id", flat=True)
    )
    return {
        "stays": [
            allocation.Stay(
                id=str(s.pk),
                label=s.activity.name,
                start_date=s.activity.start_date,
                capacity=s.capacity,
                min_age=s.activity.min_age,
                max_age=s.activity.max_age,
                school_classes=frozenset(lv.label for lv in s.activity.school_levels.all()),
                # A cancelled stay takes no one: full, its wishes wait elsewhere.
                taken=s.capacity
                if s.status == Stay.STATUS_CANCELLED
                else max(0, s.capacity - left.get(s.pk, 0)),
            )
            for s in stays
        ],
        "children": [
            allocation.Child(
                id=str(c.pk),
                family_id=str(c.family_id),
                birth_date=c.birth_date,
                name=f"{c.first_name} {c.last_name}",
                school_class=c.school_level.label if c.school_level else None,
                quotient_band=_band(quotients.get(c.family_id), bounds),
                resident=pricing.is_resident(c.family.postal_code),
            )
            for c in children
        ],
        "wishes": [
            allocation.Wish(
                child_id=str(w.child_id),
                stay_id=str(w.stay_id),
                rank=w.rank,
                created_at=w.created_at,
                together_with=str(w.together_with_id) if w.together_with_id else None,
            )
            for w in wishes
        ],
        "rules": allocation.Rules(
            criteria=tuple(campaign.criteria),
            max_stays_per_child=campaign.max_stays_per_child,
            placed_this_year=frozenset(str(pk) for pk in placed),
            keep_on_better_waitlists=campaign.keep_on_better_waitlists,
        ),
        "wish_ids": {(w.child_id, w.stay_id): w.pk for w in wishes},
    }


def _decision_json(d: allocation.ChildDecision) -> dict:
    return {
        "status": d.status,
        "placements": [
            {"stay_id": p.stay_id, "wish_rank": p.wish_rank, "group_id": p.group_id}
            for p in d.placements
        ],
        "waitlists": [
            {"stay_id": e.stay_id, "wish_rank": e.wish_rank, "position": e.position}
            for e in d.waitlists
        ],
        "refusals": [
            {"stay_id": r.stay_id, "wish_rank": r.wish_rank, "reason": r.reason} for r in d.refusals
        ],
        "trail": list(d.trail),
        "manual": False,
    }


def counts(decisions: dict) -> dict:
    out = {"placed": 0, "waitlisted": 0, "refused": 0, "no_wish": 0}
    for d in decisions.values():
        out[d["status"]] = out.get(d["status"], 0) + 1
    return out


def ensure_preparing(campaign: Campaign) -> None:
    if campaign.status != Campaign.STATUS_PREPARING:
        raise CommissionError(
            "Les décisions de cette campagne sont déjà publiées.", code="campaign_published"
        )


def ensure_wishes_closed(campaign: Campaign) -> None:
    """The commission decides on the complete list of wishes: while families may still add,
    re-rank or withdraw one, a proposal (or its publication) would miss or contradict them."""
    if campaign.is_open():
        closes = structure_localtime(campaign.closes_at)
        raise CommissionError(
            f"Les vœux de « {campaign.label} » sont ouverts jusqu'au "
            f"{closes:%d/%m/%Y à %H:%M} : la commission attend leur clôture.",
            code="campaign_open",
        )


def run_proposal(*, campaign: Campaign, by, seed: int | None = None) -> AllocationRun:
    """Run the automatic proposal on the campaign's pending wishes and store it (a new run
    each time; the seed is drawn when not given and always recorded). Only once the wishes
    are closed."""
    ensure_preparing(campaign)
    ensure_wishes_closed(campaign)
    if seed is None:
        seed = secrets.randbits(48)
    data = build_inputs(campaign=campaign)
    criteria = tuple(c for c in campaign.criteria if c in allocation.CRITERIA)
    rules = data["rules"]
    if criteria != rules.criteria:
        raise CommissionError("Critère de priorité inconnu dans la campagne.", code="criteria")
    proposal = allocation.propose(
        stays=data["stays"],
        children=data["children"],
        wishes=data["wishes"],
        rules=rules,
        seed=seed,
    )
    decisions = {cid: _decision_json(d) for cid, d in proposal.decisions.items()}
    stays = {
        sid: {
            "placed": list(proposal.placed.get(sid, ())),
            "waitlist": [e.child_id for e in proposal.waiting_lists.get(sid, ())],
        }
        for sid in sorted({s.id for s in data["stays"]})
    }
    summary = {
        "children": len(data["children"]),
        "wishes": len(data["wishes"]),
        "counts": counts(decisions),
        "stays": stays,
        "rounds": [{"rank": r.rank, "order": list(r.order)} for r in proposal.rounds],
    }
    return AllocationRun.objects.create(
        campaign=campaign,
        seed=seed,
        criteria=list(criteria),
        decisions=decisions,
        summary=summary,
        created_by=by,
    )


def latest_run(campaign: Campaign) -> AllocationRun | None:
    return campaign.runs.order_by("-created_at", "-pk").first()


# Manual moves and publication live in their own files to keep each one readable; these are
# the commission's entry points (imported late: those files use the helpers above).
def move(*, run: AllocationRun, child, to_stay, to_status: str, reason: str, by):
    """See :func:`modules.sejours.services.commission_moves.move`."""
    from modules.sejours.services.commission_moves import move as apply_move

    return apply_move(
        run=run, child=child, to_stay=to_stay, to_status=to_status, reason=reason, by=by
    )


def publish(*, run: AllocationRun, by) -> dict:
    """See :func:`modules.sejours.services.commission_publish.publish`."""
    from modules.sejours.services.commission_publish import publish as apply_publish

    return apply_publish(run=run, by=by)
