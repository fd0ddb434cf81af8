"""The home pages' tiles, contributed by the structure's enabled modules."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFamilyMember, IsStaffMember
from core.module_hooks import home_tiles


class HomeTileSerializer(serializers.Serializer):
    id = serializers.CharField()
    module = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    value = serializers.IntegerField()
    detail = serializers.CharField(allow_blank=True)
    path = serializers.CharField(help_text="Route de l'application où mène la tuile.")
    tone = serializers.ChoiceField(choices=["info", "warning", "success"])


class HomeSummarySerializer(serializers.Serializer):
    tiles = HomeTileSerializer(many=True)


class HomeSummaryView(APIView):
    """Staff see their tiles; a guardian sees the family's."""

    permission_classes = [IsStaffMember | IsFamilyMember]

    @extend_schema(responses=HomeSummarySerializer, operation_id="home_summary")
    def get(self, request):
        """Counters and news of the structure's modules for the logged-in user's home page."""
        user = request.user
        family = None if user.is_staff_member else getattr(request, "family", None)
        tiles = home_tiles(user=user, family=family)
        return Response(HomeSummarySerializer({"tiles": tiles}).data)
