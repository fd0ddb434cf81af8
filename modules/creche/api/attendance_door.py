"""The guardians' pointage at the door, when the structure allows it: their own children
expected today, clocked in or out now. Everything re-checked on the server."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFamilyMember
from core.tenancy.context import structure_today
from modules.creche.api.attendance_serializers import (
    CrechePresenceSerializer,
    DoorClockInputSerializer,
    DoorSerializer,
)
from modules.creche.models import CrecheSettings
from modules.creche.services import pointage


class DoorView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(responses=DoorSerializer, operation_id="creche_door")
    def get(self, request):
        """Whether parents clock here, and the family's children expected today."""
        enabled = CrecheSettings.current().parents_may_clock
        children = pointage.family_today(family=request.family) if enabled else []
        return Response(
            DoorSerializer(
                {"enabled": enabled, "today": structure_today(), "children": children}
            ).data
        )

    @extend_schema(
        request=DoorClockInputSerializer,
        responses=CrechePresenceSerializer,
        operation_id="creche_door_clock",
    )
    def post(self, request):
        """Clock the child in or out now (today only, the family's own child)."""
        data = DoorClockInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        child = request.family.children.filter(pk=values["child"]).first()
        if child is None:
            raise Http404
        expected = {d.child.pk: d for d in pointage.family_today(family=request.family)}
        if child.pk not in expected:
            # Not expected today: same refusal as the service, with its message.
            raise pointage.PointageRefused(
                f"{child.first_name} n'est pas attendu(e) aujourd'hui à la crèche."
            )
        presence = pointage.parent_clock(
            user=request.user,
            family=request.family,
            child=child,
            establishment=expected[child.pk].establishment,
            action=values["action"],
        )
        return Response(CrechePresenceSerializer(presence).data)
