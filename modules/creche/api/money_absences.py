"""Absences: the family declares and lists its own; staff list, qualify and note évictions,
and read the proof. Thin views over ``modules.creche.services.absences``; another family's
or structure's ids answer 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import FILE_RESPONSES, FileContentNegotiation, stored_file_response
from api.permissions import IsFamilyMember, StaffPermission, get_owned_or_404
from modules.creche.api.money_serializers import (
    AbsenceContractSerializer,
    AbsenceDeclareSerializer,
    AbsenceQualifySerializer,
    AbsenceSerializer,
    EvictionSerializer,
    StaffAbsenceQuerySerializer,
    StaffAbsenceSerializer,
)
from modules.creche.models import Absence, Contract
from modules.creche.services import absences

VIEW = "creche.view_absence"
CHANGE = "creche.change_absence"
ADD = "creche.add_absence"


def _absences():
    return Absence.objects.select_related(
        "child", "contract__establishment", "contract__family", "proof"
    ).order_by("-start_date", "-pk")


# --- Families ----------------------------------------------------------------------------------


class FamilyAbsenceListView(APIView):
    """The family's absences (newest first); ``POST`` declares one (multipart, with its
    optional proof)."""

    permission_classes = [IsFamilyMember]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses=AbsenceSerializer(many=True), operation_id="creche_absences_list")
    def get(self, request):
        rows = _absences().filter(contract__family=request.family)
        return Response(AbsenceSerializer(rows, many=True).data)

    @extend_schema(
        request={"multipart/form-data": AbsenceDeclareSerializer},
        responses={201: AbsenceSerializer, 404: OpenApiResponse(description="Enfant inconnu.")},
        operation_id="creche_absences_declare",
    )
    def post(self, request):
        data = AbsenceDeclareSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        absence = absences.declare_absence(
            family=request.family,
            user=request.user,
            child_id=values["child"],
            start=values["start_date"],
            end=values["end_date"],
            reason=values["reason"],
            comment=values.get("comment", ""),
            proof=values.get("proof"),
        )
        return Response(
            AbsenceSerializer(_absences().get(pk=absence.pk)).data, status=status.HTTP_201_CREATED
        )


class FamilyAbsenceContractsView(APIView):
    """The contracts a declaration may name (the family's running contracts)."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=AbsenceContractSerializer(many=True), operation_id="creche_absences_contracts"
    )
    def get(self, request):
        rows = [
            {
                "contract": c.pk,
                "child": c.child_id,
                "child_name": f"{c.child.first_name} {c.child.last_name}",
                "establishment_name": c.establishment.name,
                "start_date": c.start_date,
                "end_date": c.end_date,
            }
            for c in absences.declarable_contracts(family=request.family)
        ]
        return Response(AbsenceContractSerializer(rows, many=True).data)


class FamilyAbsenceProofView(APIView):
    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="creche_absences_proof")
    def get(self, request, pk: int):
        absence = get_owned_or_404(
            _absences().filter(contract__family=request.family, proof__isnull=False), pk=pk
        )
        proof = absence.proof
        return stored_file_response(
            proof.file, filename=proof.original_name, content_type=proof.content_type
        )


# --- Staff -------------------------------------------------------------------------------------


class StaffAbsenceListView(APIView):
    """Absences, those to qualify first; ``POST`` notes an éviction by the crèche's doctor."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "POST": ADD}

    @extend_schema(
        parameters=[StaffAbsenceQuerySerializer],
        responses=StaffAbsenceSerializer(many=True),
        operation_id="creche_staff_absences_list",
    )
    def get(self, request):
        query = StaffAbsenceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = _absences()
        if "state" in query.validated_data:
            rows = rows.filter(state=query.validated_data["state"])
        if "establishment" in query.validated_data:
            rows = rows.filter(contract__establishment_id=query.validated_data["establishment"])
        # To qualify first, then the newest.
        rows = sorted(rows[:500], key=lambda a: (a.state != Absence.DECLARED,))
        return Response(StaffAbsenceSerializer(rows, many=True).data)

    @extend_schema(
        request=EvictionSerializer,
        responses={201: StaffAbsenceSerializer},
        operation_id="creche_staff_absences_eviction",
    )
    def post(self, request):
        data = EvictionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        contract = get_object_or_404(Contract, pk=values["contract"])
        absence = absences.note_eviction(
            contract=contract,
            start=values["start_date"],
            end=values["end_date"],
            note=values.get("note", ""),
            by=request.user,
        )
        return Response(
            StaffAbsenceSerializer(_absences().get(pk=absence.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class StaffAbsenceQualifyView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": CHANGE}

    @extend_schema(
        request=AbsenceQualifySerializer,
        responses=StaffAbsenceSerializer,
        operation_id="creche_staff_absences_qualify",
    )
    def post(self, request, pk: int):
        absence = get_object_or_404(_absences(), pk=pk)
        data = AbsenceQualifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        absences.qualify_absence(
            absence=absence,
            kind=data.validated_data["kind"],
            note=data.validated_data.get("note", ""),
            by=request.user,
        )
        return Response(StaffAbsenceSerializer(_absences().get(pk=pk)).data)


class StaffAbsenceProofView(APIView):
    """The proof of an absence (a medical certificate, health data): for the crèche's staff who
    qualify absences only, not every role that lists them."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": CHANGE}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="creche_staff_absences_proof")
    def get(self, request, pk: int):
        absence = get_object_or_404(_absences().filter(proof__isnull=False), pk=pk)
        proof = absence.proof
        return stored_file_response(
            proof.file, filename=proof.original_name, content_type=proof.content_type
        )
