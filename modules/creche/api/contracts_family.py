"""The family's contracts: the list (for its crèche home page), one contract with its terms
and rate steps, online acceptance, upload of the signed contract, and the pre-filled PDF.
Every id is looked up inside the caller's family: another family's contract → 404; the
services re-check the family and the state under the row lock."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import PDF_RESPONSES, FileContentNegotiation, pdf_response
from api.permissions import IsFamilyMember, get_owned_or_404
from modules.creche.api import contracts_serializers as s
from modules.creche.models import Contract
from modules.creche.services import editions, signature

#: What a family sees: from the proposal on (a draft or a cancelled draft is the staff's).
SHOWN = signature.FAMILY_STATES


def family_contracts(family):
    return (
        Contract.objects.filter(family=family, state__in=SHOWN)
        .select_related("child", "family", "establishment", "section", "signed_by")
        .select_related("signed_document", "filoue_consent_by")
        .prefetch_related("terms")
        .order_by("-start_date", "pk")
    )


class FamilyContractView(APIView):
    permission_classes = [IsFamilyMember]

    def contract(self, request, pk) -> Contract:
        return get_owned_or_404(family_contracts(request.family), pk=pk)

    def detail(self, request, pk) -> dict:
        return s.ContractDetailSerializer(self.contract(request, pk)).data


class MyContractsView(FamilyContractView):
    @extend_schema(
        responses=s.ContractListSerializer(many=True), operation_id="creche_contracts_list"
    )
    def get(self, request):
        """The family's contracts: state, monthly fee in force, dates."""
        rows = family_contracts(request.family)
        return Response(s.ContractListSerializer(rows, many=True).data)


class MyContractDetailView(FamilyContractView):
    @extend_schema(responses=s.ContractDetailSerializer, operation_id="creche_contract")
    def get(self, request, pk):
        """One contract: terms, rate steps, monthly fee, schedule, signature."""
        return Response(self.detail(request, pk))


class SignOnlineView(FamilyContractView):
    @extend_schema(
        request=s.SignOnlineSerializer,
        responses=s.ContractDetailSerializer,
        operation_id="creche_contract_accept",
    )
    def post(self, request, pk):
        """« J'ai lu et j'accepte le contrat »: signed online (time and user kept)."""
        contract = self.contract(request, pk)
        data = s.SignOnlineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signature.sign_online(
            contract=contract,
            family=request.family,
            user=request.user,
            accepted=data.validated_data["accepted"],
            filoue_consent=data.validated_data.get("filoue_consent"),
        )
        return Response(self.detail(request, pk))


class FiloueConsentView(FamilyContractView):
    @extend_schema(
        request=s.FiloueConsentSerializer,
        responses=s.ContractDetailSerializer,
        operation_id="creche_contract_filoue_consent",
    )
    def post(self, request, pk):
        """Give or withdraw the FILOUÉ consent (anonymised yearly data to the Caf; optional)."""
        contract = self.contract(request, pk)
        data = s.FiloueConsentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signature.set_filoue_consent(
            contract=contract,
            family=request.family,
            user=request.user,
            consent=data.validated_data["filoue_consent"],
        )
        return Response(self.detail(request, pk))


class SignUploadView(FamilyContractView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.SignUploadSerializer},
        responses=s.ContractDetailSerializer,
        operation_id="creche_contract_upload",
    )
    def post(self, request, pk):
        """The contract signed, as a PDF or a photo (checked by its content)."""
        contract = self.contract(request, pk)
        signature.sign_upload(
            contract=contract,
            family=request.family,
            user=request.user,
            file=request.FILES.get("file"),
        )
        return Response(self.detail(request, pk))


class ContractPdfView(FamilyContractView):
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=PDF_RESPONSES, operation_id="creche_contract_pdf")
    def get(self, request, pk):
        """The pre-filled contract (« Mes éditions »)."""
        contract = self.contract(request, pk)
        if contract.state not in editions.PRINTED:
            raise Http404
        data, filename = editions.render_contract(contract=contract)
        return pdf_response(data, filename=filename)
