"""The allocation commission and the stays' follow-up, for the coordinators (COMMISSION part).

Read and write: administrateur, gestionnaire, coordinateur (``booking.view_enrolment`` /
``booking.change_enrolment``: those who decide places). The lists hold health data: the roles
reading them are all among those who may read the health form.
"""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import FileContentNegotiation, pdf_response
from api.permissions import StaffPermission
from core.families.models import Child
from modules.sejours import allocation
from modules.sejours.api import serializers_commission as s
from modules.sejours.models import AllocationRun, Campaign, Stay, Wish
from modules.sejours.services import commission, exports
from modules.sejours.services.commission_moves import who

READ = "booking.view_enrolment"
WRITE = "booking.change_enrolment"


class StaffView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": READ, "POST": WRITE}


def _with_counts(campaigns):
    return campaigns.annotate(
        n_stays=Count("stays", distinct=True),
        n_wishes=Count("wishes", distinct=True),
        n_runs=Count("runs", distinct=True),
    )


def _campaign_item(c: Campaign) -> dict:
    """``c`` comes from :func:`_with_counts`: its counts are read as annotated (0 included),
    never queried again, so the picker costs the same whatever the number of campaigns."""
    return {
        "id": c.pk,
        "label": c.label,
        "season": c.season,
        "status": c.status,
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "published_at": c.published_at,
        "stays": c.n_stays,
        "wishes": c.n_wishes,
        "runs": c.n_runs,
    }


def _run_item(run: AllocationRun) -> dict:
    return {
        "id": run.pk,
        "seed": str(run.seed),
        "criteria": list(run.criteria),
        "created_at": run.created_at,
        "created_by": who(run.created_by),
        "published_at": run.published_at,
        "counts": run.summary.get("counts", {}),
        "move_count": run.n_moves if hasattr(run, "n_moves") else run.moves.count(),
    }


def _run_detail(run: AllocationRun) -> dict:
    ids = [int(cid) for cid in run.decisions]
    children = {c.pk: c for c in Child.objects.filter(pk__in=ids).select_related("family")}
    wishes: dict[int, list[dict]] = {}
    for w in Wish.objects.filter(campaign_id=run.campaign_id, child_id__in=ids).order_by(
        "rank", "pk"
    ):
        wishes.setdefault(w.child_id, []).append(
            {"id": w.pk, "rank": w.rank, "stay_id": w.stay_id, "status": w.status}
        )
    starts = dict(
        Stay.objects.filter(campaign_id=run.campaign_id).values_list("pk", "activity__start_date")
    )
    first_start = min(starts.values()) if starts else None
    rows = []
    for cid, d in run.decisions.items():
        child = children.get(int(cid))
        if child is None:
            continue
        rows.append(
            {
                "id": child.pk,
                "name": f"{child.first_name} {child.last_name}",
                "family_id": child.family_id,
                "family_name": child.family.name,
                "age": allocation.age_at(child.birth_date, first_start) if first_start else None,
                "status": d["status"],
                "manual": d.get("manual", False),
                "placements": d["placements"],
                "waitlists": d["waitlists"],
                "refusals": d["refusals"],
                "trail": d["trail"],
                "wishes": wishes.get(child.pk, []),
            }
        )
    rows.sort(key=lambda r: (r["name"].split(" ", 1)[-1], r["name"], r["id"]))
    names = {c.pk: f"{c.first_name} {c.last_name}" for c in children.values()}
    moves = [
        {
            "id": m.pk,
            "child_id": m.child_id,
            "child_name": names.get(m.child_id, ""),
            "from_stay_id": m.from_stay_id,
            "to_stay_id": m.to_stay_id,
            "to_status": m.to_status,
            "reason": m.reason,
            "effect": m.effect,
            "created_by": who(m.created_by),
            "created_at": m.created_at,
        }
        for m in run.moves.select_related("created_by").order_by("created_at", "pk")
    ]
    return {
        **_run_item(run),
        "stays": [
            {
                "stay_id": int(sid),
                "placed": [int(c) for c in data["placed"]],
                "waitlist": [int(c) for c in data["waitlist"]],
            }
            for sid, data in run.summary.get("stays", {}).items()
        ],
        "children": rows,
        "moves": moves,
    }


class CommissionCampaignsView(StaffView):
    """The campaigns, newest first, for the commission's picker."""

    required_permissions = {"GET": READ}

    @extend_schema(responses=s.CommissionCampaignItemSerializer(many=True))
    def get(self, request):
        campaigns = _with_counts(Campaign.objects).order_by("-opens_at", "-pk")
        return Response(
            s.CommissionCampaignItemSerializer(
                [_campaign_item(c) for c in campaigns], many=True
            ).data
        )


class CommissionView(StaffView):
    """One campaign's commission: the stays' demand, the runs, the latest run in detail."""

    required_permissions = {"GET": READ}

    @extend_schema(responses=s.CommissionSerializer)
    def get(self, request, pk: int):
        campaign = get_object_or_404(_with_counts(Campaign.objects), pk=pk)
        overview = commission.campaign_overview(campaign=campaign)
        runs = list(
            campaign.runs.select_related("created_by")
            .annotate(n_moves=Count("moves"))
            .order_by("-created_at", "-pk")
        )
        payload = {
            "campaign": _campaign_item(campaign),
            "criteria": [
                {"code": c, "label": allocation.CRITERIA.get(c, c)} for c in campaign.criteria
            ],
            "max_stays_per_child": campaign.max_stays_per_child,
            "keep_on_better_waitlists": campaign.keep_on_better_waitlists,
            "stays": overview["stays"],
            "runs": [_run_item(r) for r in runs],
            "run": _run_detail(runs[0]) if runs else None,
        }
        return Response(s.CommissionSerializer(payload).data)


class RunCreateView(StaffView):
    """Run the automatic proposal (optional ``seed`` to replay a draw)."""

    required_permissions = {"POST": WRITE}

    @extend_schema(
        request=s.CommissionRunInputSerializer, responses={201: s.CommissionRunDetailSerializer}
    )
    def post(self, request, pk: int):
        campaign = get_object_or_404(Campaign, pk=pk)
        data = s.CommissionRunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = commission.run_proposal(
            campaign=campaign, by=request.user, seed=data.validated_data.get("seed")
        )
        return Response(s.CommissionRunDetailSerializer(_run_detail(run)).data, status=201)


class MoveView(StaffView):
    """Move a child by hand in the latest run (reason required); answers the move's effect."""

    required_permissions = {"POST": WRITE}

    @extend_schema(
        request=s.CommissionMoveInputSerializer, responses={201: s.CommissionMoveSerializer}
    )
    def post(self, request, pk: int):
        run = get_object_or_404(AllocationRun, pk=pk)
        data = s.CommissionMoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        child = Child.objects.filter(pk=v["child"]).first()
        if child is None:
            raise exceptions.ValidationError({"child": "Enfant inconnu."})
        to_stay = None
        if v.get("to_stay") is not None:
            to_stay = (
                Stay.objects.select_related("activity")
                .filter(pk=v["to_stay"], campaign_id=run.campaign_id)
                .first()
            )
            if to_stay is None:
                raise exceptions.ValidationError({"to_stay": "Séjour inconnu de la campagne."})
        move = commission.move(
            run=run,
            child=child,
            to_stay=to_stay,
            to_status=v["to_status"],
            reason=v["reason"],
            by=request.user,
        )
        body = {
            "id": move.pk,
            "child_id": child.pk,
            "child_name": f"{child.first_name} {child.last_name}",
            "from_stay_id": move.from_stay_id,
            "to_stay_id": move.to_stay_id,
            "to_status": move.to_status,
            "reason": move.reason,
            "effect": move.effect,
            "created_by": who(request.user),
            "created_at": move.created_at,
        }
        return Response(s.CommissionMoveSerializer(body).data, status=201)


class PublishView(StaffView):
    """Publish the latest run's decisions: places offered, waiting lists, refusals, e-mails."""

    required_permissions = {"POST": WRITE}

    @extend_schema(request=None, responses=s.CommissionPublishResultSerializer)
    def post(self, request, pk: int):
        run = get_object_or_404(AllocationRun, pk=pk)
        result = commission.publish(run=run, by=request.user)
        return Response(s.CommissionPublishResultSerializer(result).data)


def _stay(pk: int) -> Stay:
    return get_object_or_404(Stay.objects.select_related("activity"), pk=pk)


class FollowUpView(StaffView):
    """A stay's participants with their file's completeness, its waiting list, its lists."""

    required_permissions = {"GET": READ}

    @extend_schema(responses=s.CommissionFollowUpSerializer)
    def get(self, request, pk: int):
        stay = _stay(pk)
        people = exports.public_rows(exports.participants(stay=stay))
        base = f"/api/v1/sejours/staff/stays/{stay.pk}/exports"
        payload = {
            "stay": {
                "id": stay.pk,
                "name": stay.activity.name,
                "destination": stay.destination,
                "start_date": stay.activity.start_date.isoformat(),
                "end_date": stay.activity.end_date.isoformat(),
                "capacity": stay.capacity,
                "campaign_id": stay.campaign_id,
            },
            "participants": people,
            "waiting_list": exports.waiting_list(stay=stay),
            "complete": sum(1 for p in people if p["complete"]),
            "exports": [
                {
                    "kind": kind,
                    "label": label,
                    "csv": f"{base}/{kind}.csv",
                    "pdf": f"{base}/{kind}.pdf",
                }
                for kind, label in exports.KINDS.items()
                if kind != "health" or exports.may_see_health(request.user)
            ],
        }
        return Response(s.CommissionFollowUpSerializer(payload).data)


class ExportView(StaffView):
    """A list of the stay as CSV or PDF: participants, health, transport, contacts."""

    required_permissions = {"GET": READ}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        }
    )
    def get(self, request, pk: int, kind: str, fmt: str):
        if kind not in exports.KINDS or fmt not in ("csv", "pdf"):
            raise Http404
        if kind == "health" and not exports.may_see_health(request.user):
            raise exceptions.PermissionDenied(
                "Les informations de santé ne vous sont pas accessibles."
            )
        stay = _stay(pk)
        name = exports.filename(stay=stay, kind=kind, fmt=fmt)
        if fmt == "pdf":
            return pdf_response(exports.export_pdf(stay=stay, kind=kind), filename=name)
        response = HttpResponse(
            exports.export_csv(stay=stay, kind=kind), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
