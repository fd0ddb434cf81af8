"""The direction's establishments: list, create, edit (hours, bands, sections) and closures.
Thin views over ``modules/creche/services/establishments.py``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import StaffPermission
from modules.creche.api.establishments_serializers import (
    EstablishmentClosureInputSerializer,
    EstablishmentInputSerializer,
    EstablishmentListSerializer,
    EstablishmentSavedSerializer,
    EstablishmentSerializer,
)
from modules.creche.models import Establishment, EstablishmentClosure
from modules.creche.services import establishments as service

PERMS = {
    "GET": "creche.view_establishment",
    "POST": "creche.add_establishment",
    "PATCH": "creche.change_establishment",
    "DELETE": "creche.change_establishment",
}


def _full(pk: int) -> Establishment:
    return get_object_or_404(
        Establishment.objects.prefetch_related(
            "hours", "capacity_bands", "sections", "closures__closure"
        ),
        pk=pk,
    )


def _saved(establishment: Establishment, report: service.SyncReport) -> dict:
    return EstablishmentSavedSerializer(
        {
            "establishment": _full(establishment.pk),
            "openings_created": report.created,
            "message": report.message,
        }
    ).data


class EstablishmentListView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(
        responses=EstablishmentListSerializer(many=True),
        operation_id="creche_staff_establishments_list",
    )
    def get(self, request):
        """Every establishment of the structure, in the direction's order."""
        return Response(EstablishmentListSerializer(Establishment.objects.all(), many=True).data)

    @extend_schema(
        request=EstablishmentInputSerializer,
        responses={201: EstablishmentSavedSerializer},
        operation_id="creche_staff_establishments_create",
    )
    def post(self, request):
        """Create an establishment and open its places a year ahead."""
        data = EstablishmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        establishment, report = service.save_establishment(
            data=data.validated_data, by=request.user
        )
        return Response(_saved(establishment, report), status=status.HTTP_201_CREATED)


class EstablishmentDetailView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": PERMS["GET"], "PATCH": PERMS["PATCH"]}

    @extend_schema(responses=EstablishmentSerializer, operation_id="creche_staff_establishment")
    def get(self, request, pk: int):
        return Response(EstablishmentSerializer(_full(pk)).data)

    @extend_schema(
        request=EstablishmentInputSerializer,
        responses=EstablishmentSavedSerializer,
        operation_id="creche_staff_establishment_update",
    )
    def patch(self, request, pk: int):
        """Change the establishment; the lists sent (hours, bands, sections) replace the
        current ones. The places are re-synced and never lowered below those taken."""
        establishment = get_object_or_404(Establishment, pk=pk)
        data = EstablishmentInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        establishment, report = service.save_establishment(
            data=data.validated_data, establishment=establishment, by=request.user
        )
        return Response(_saved(establishment, report))


class ClosureListView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": PERMS["PATCH"]}

    @extend_schema(
        request=EstablishmentClosureInputSerializer,
        responses={201: EstablishmentSavedSerializer},
        operation_id="creche_staff_closure_create",
    )
    def post(self, request, pk: int):
        """Close the establishment: planned (not billed) or exceptional (deducted)."""
        establishment = get_object_or_404(Establishment, pk=pk)
        data = EstablishmentClosureInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        _, report = service.add_closure(
            establishment=establishment,
            start=values["start_date"],
            end=values["end_date"],
            label=values["label"],
            deducted=values["deducted"],
            by=request.user,
        )
        return Response(_saved(establishment, report), status=status.HTTP_201_CREATED)


class ClosureDetailView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"DELETE": PERMS["DELETE"]}

    @extend_schema(
        responses=EstablishmentSavedSerializer, operation_id="creche_staff_closure_delete"
    )
    def delete(self, request, pk: int, closure_id: int):
        """Reopen the days of a closure (from today on)."""
        row = get_object_or_404(
            EstablishmentClosure.objects.select_related("establishment", "closure"),
            pk=closure_id,
            establishment_id=pk,
        )
        report = service.remove_closure(row=row)
        return Response(_saved(row.establishment, report))
