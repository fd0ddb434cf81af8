"""The team's day board and pointage (staff), and the history of a presence. Thin views over
``modules/creche/services/{board,pointage}.py``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import optional_id, parse_date
from api.permissions import StaffPermission
from core.families.models import Child
from core.tenancy.context import structure_today
from modules.creche.api.attendance_serializers import (
    BoardSerializer,
    CorrectionInputSerializer,
    CrecheClockInputSerializer,
    CrechePresenceSerializer,
    PresenceHistoryRowSerializer,
)
from modules.creche.models import Establishment, Presence
from modules.creche.services import board, pointage


def establishment_or_404(pk: int | None) -> Establishment:
    """The establishment asked, else the first one; 404 when there is none."""
    qs = Establishment.objects.all()
    found = qs.filter(pk=pk).first() if pk is not None else qs.filter(active=True).first()
    if found is None:
        raise NotFound("Aucun établissement : créez-en un dans « Établissements ».")
    return found


class BoardView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "creche.view_presence"}

    @extend_schema(
        parameters=[OpenApiParameter("establishment", int), OpenApiParameter("date", str)],
        responses=BoardSerializer,
        operation_id="creche_staff_board",
    )
    def get(self, request):
        """The day's board: children expected, present, gone and absent, and the places free
        per half-hour (default: the first establishment, today in the structure's zone)."""
        establishment = establishment_or_404(optional_id(request.query_params, "establishment"))
        today = structure_today()
        day = parse_date(request.query_params.get("date"), "date", default=today)
        result = board.day_board(establishment=establishment, day=day)
        return Response(
            BoardSerializer(
                {
                    "establishment": establishment,
                    "establishments": Establishment.objects.all(),
                    "date": day,
                    "today": today,
                    "rows": result.rows,
                    "counts": {s: result.count(s) for s in board.STATUS_LABELS},
                    "slots": result.slots,
                }
            ).data
        )


class ClockView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": "creche.add_presence"}

    @extend_schema(
        request=CrecheClockInputSerializer,
        responses=CrechePresenceSerializer,
        operation_id="creche_staff_clock",
    )
    def post(self, request):
        """Record an arrival or a departure (now, or the time typed) for today or a past day."""
        data = CrecheClockInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        child = get_object_or_404(Child, pk=values["child"])
        establishment = get_object_or_404(Establishment, pk=values["establishment"])
        day = values.get("date") or structure_today()
        if day != structure_today():
            # Another day is a correction: it goes through the reason and the audit.
            raise ValidationError(
                {"date": "Pour un autre jour, corrigez les horaires en indiquant un motif."}
            )
        presence = pointage.clock(
            child=child,
            establishment=establishment,
            day=day,
            action=values["action"],
            at=values.get("time"),
            by=request.user,
        )
        return Response(CrechePresenceSerializer(presence).data)


class CorrectionView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"PUT": "creche.change_presence"}

    @extend_schema(
        request=CorrectionInputSerializer,
        responses=CrechePresenceSerializer,
        operation_id="creche_staff_presence_correct",
    )
    def put(self, request):
        """Set a day's arrival and departure (a past day needs a reason; kept in the
        history)."""
        data = CorrectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        presence = pointage.correct(
            child=get_object_or_404(Child, pk=values["child"]),
            establishment=get_object_or_404(Establishment, pk=values["establishment"]),
            day=values["date"],
            arrival=values["arrival"],
            departure=values.get("departure"),
            reason=values.get("reason", ""),
            by=request.user,
        )
        return Response(CrechePresenceSerializer(presence).data)


class PresenceHistoryView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "creche.view_presence"}

    @extend_schema(
        responses=PresenceHistoryRowSerializer(many=True),
        operation_id="creche_staff_presence_history",
    )
    def get(self, request, pk: int):
        """Every state the presence went through, who recorded it and why."""
        presence = get_object_or_404(Presence, pk=pk)
        return Response(PresenceHistoryRowSerializer(pointage.history(presence), many=True).data)
