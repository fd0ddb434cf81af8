"""A place taken at once on a stay booked directly (no campaign, or its decisions published):
``POST /api/v1/sejours/stays/<id>/book``. Thin: ``services/booking.py`` checks and books."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFamilyMember, get_owned_or_404
from modules.sejours.services import booking
from modules.sejours.services.catalogue import public_stays


class BookInputSerializer(serializers.Serializer):
    child = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    transport = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True
    )


class BookedSerializer(serializers.Serializer):
    wish_id = serializers.IntegerField()
    status = serializers.CharField()


class StayBookView(APIView):
    """Book the whole stay for one of the family's children and accept the place at once
    (the deposit is invoiced); 409 when no place is left."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        request=BookInputSerializer,
        responses={
            201: BookedSerializer,
            404: OpenApiResponse(description="Séjour ou enfant introuvable."),
            409: OpenApiResponse(description="Plus de place sur ce séjour."),
        },
        operation_id="sejours_stay_book",
    )
    def post(self, request, pk: int):
        stay = get_object_or_404(public_stays(), pk=pk)
        data = BookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child = get_owned_or_404(request.family.children.all(), pk=data.validated_data["child"])
        wish = booking.book_stay(
            family=request.family,
            child=child,
            stay=stay,
            transport_id=data.validated_data.get("transport"),
            by=request.user,
        )
        return Response(
            BookedSerializer({"wish_id": wish.pk, "status": wish.status}).data,
            status=status.HTTP_201_CREATED,
        )
