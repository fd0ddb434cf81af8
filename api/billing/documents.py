"""Billing documents: invoice and receipt PDFs, attestations, accounting exports, SEPA.

Each document view exists twice: for a family (``IsFamilyMember``, read through the family's
own querysets, so another family's ids answer 404) and for staff (by role permission, the
family in the URL). The views only parse and answer; ``core.billing.documents`` does the rest.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.billing.document_serializers import (
    AttestationListSerializer,
    DirectDebitBatchInputSerializer,
    DirectDebitBatchSerializer,
    DirectDebitMandateSerializer,
)
from api.downloads import PDF_RESPONSES, FileContentNegotiation, pdf_response
from api.params import parse_date, parse_id
from api.permissions import IsFamilyMember, StaffPermission, get_owned_or_404
from api.schema import PERIOD_PARAMETERS
from core.billing.documents.attestations import (
    attestation_pdf,
    available_attestations,
    childcare_attestation,
    payment_attestation,
    presence_attestation,
)
from core.billing.documents.exports import credit_notes_csv, invoices_csv, payments_csv
from core.billing.documents.invoices import render_invoice_pdf, render_receipt_pdf
from core.billing.documents.sepa import confirm_batch, create_batch, save_mandate
from core.billing.models import DirectDebitBatch, DirectDebitMandate, Invoice, Payment
from core.families.models import Family
from core.tenancy.context import structure_today

CSV_RESPONSES = {(200, "text/csv"): OpenApiTypes.BINARY}
XML_RESPONSES = {(200, "application/xml"): OpenApiTypes.BINARY}
PRESENCE_PARAMETERS = [
    OpenApiParameter("child", OpenApiTypes.INT, required=True, description="L'enfant"),
    *PERIOD_PARAMETERS,
]
_MAX_PRESENCE_DAYS = 366


# Who reads: a family its own documents, staff any family's --------------------------------


class ParentScope:
    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    def family(self) -> Family:
        return self.request.family

    def invoices(self):
        return Invoice.objects.filter(family=self.request.family)

    def payments(self):
        return Payment.objects.filter(family=self.request.family)

    def attestations_url(self) -> str:
        return "/api/v1/billing/attestations"


class StaffScope:
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "billing.view_invoice"}
    content_negotiation_class = FileContentNegotiation

    def family(self) -> Family:
        return get_object_or_404(Family, pk=self.kwargs["family_id"])

    def invoices(self):
        return Invoice.objects.all()

    def payments(self):
        return Payment.objects.all()

    def attestations_url(self) -> str:
        return f"/api/v1/staff/billing/families/{self.kwargs['family_id']}/attestations"


def _year(year: int) -> int:
    if not 2000 <= year <= structure_today().year + 1:
        raise Http404
    return year


# Invoices, credit notes, receipts -------------------------------------------------------------


class InvoicePdf(APIView):
    def get(self, request, pk, **kwargs):
        invoice = get_owned_or_404(self.invoices().select_related("refers_to"), pk=pk)
        data, filename = render_invoice_pdf(invoice=invoice)
        return pdf_response(data, filename=filename)


class ReceiptPdf(APIView):
    def get(self, request, pk, **kwargs):
        payment = get_owned_or_404(self.payments().select_related("family"), pk=pk)
        data, filename = render_receipt_pdf(payment=payment)
        return pdf_response(data, filename=filename)


@extend_schema_view(get=extend_schema(responses=PDF_RESPONSES, operation_id="billing_invoice_pdf"))
class InvoicePdfView(ParentScope, InvoicePdf):
    """An invoice or a credit note of the family, as a PDF."""


@extend_schema_view(
    get=extend_schema(responses=PDF_RESPONSES, operation_id="staff_billing_invoice_pdf")
)
class StaffInvoicePdfView(StaffScope, InvoicePdf):
    """Any invoice or credit note, as a PDF."""


@extend_schema_view(get=extend_schema(responses=PDF_RESPONSES, operation_id="billing_receipt_pdf"))
class ReceiptPdfView(ParentScope, ReceiptPdf):
    """The receipt (reçu) of one of the family's payments."""


@extend_schema_view(
    get=extend_schema(responses=PDF_RESPONSES, operation_id="staff_billing_receipt_pdf")
)
class StaffReceiptPdfView(StaffScope, ReceiptPdf):
    """The receipt of any payment."""

    required_permissions = {"GET": "billing.view_payment"}


# Attestations ---------------------------------------------------------------------------


class AttestationList(APIView):
    def get(self, request, **kwargs):
        family = self.family()
        base = self.attestations_url()
        years = [
            {
                "year": item.year,
                "payments_total": item.payments_total,
                "payments_url": f"{base}/payments/{item.year}/pdf/",
                "children_under_six": item.children_under_six,
                "childcare_url": f"{base}/childcare/{item.year}/pdf/"
                if item.children_under_six
                else None,
            }
            for item in available_attestations(family=family)
        ]
        payload = {
            "years": years,
            "children": list(family.children.order_by("birth_date", "pk")),
            "presence_url": f"{base}/presence/",
        }
        return Response(AttestationListSerializer(payload).data)


class PaymentAttestationPdf(APIView):
    def get(self, request, year, **kwargs):
        attestation = payment_attestation(family=self.family(), year=_year(year))
        data, filename = attestation_pdf(attestation)
        return pdf_response(data, filename=filename)


class ChildcareAttestationPdf(APIView):
    def get(self, request, year, **kwargs):
        attestation = childcare_attestation(family=self.family(), year=_year(year))
        data, filename = attestation_pdf(attestation)
        return pdf_response(data, filename=filename)


class PresenceAttestationPdf(APIView):
    def get(self, request, **kwargs):
        params = request.query_params
        family = self.family()
        child = get_owned_or_404(
            family.children.select_related("family"), pk=parse_id(params.get("child"), "child")
        )
        today = structure_today()
        school_year_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        start = parse_date(params.get("from"), "from", default=school_year_start)
        end = parse_date(params.get("to"), "to", default=today)
        if end < start:
            raise serializers.ValidationError({"to": "La fin doit suivre le début."})
        if (end - start).days > _MAX_PRESENCE_DAYS:
            raise serializers.ValidationError({"to": "La période ne peut dépasser un an."})
        attestation = presence_attestation(child=child, start=start, end=end)
        data, filename = attestation_pdf(attestation)
        return pdf_response(data, filename=filename)


_LIST = {"responses": AttestationListSerializer}
_PDF = {"responses": PDF_RESPONSES}
_PRESENCE = {
    "responses": {
        **PDF_RESPONSES,
        404: OpenApiResponse(description="Enfant introuvable dans la famille."),
    },
    "parameters": PRESENCE_PARAMETERS,
}


@extend_schema_view(get=extend_schema(operation_id="billing_attestations_list", **_LIST))
class AttestationListView(ParentScope, AttestationList):
    """The attestations the family can download (« Mes éditions »)."""

    content_negotiation_class = APIView.content_negotiation_class


@extend_schema_view(get=extend_schema(operation_id="staff_billing_attestations_list", **_LIST))
class StaffAttestationListView(StaffScope, AttestationList):
    """The attestations available for a family."""

    content_negotiation_class = APIView.content_negotiation_class


@extend_schema_view(get=extend_schema(operation_id="billing_attestation_payments_pdf", **_PDF))
class PaymentAttestationView(ParentScope, PaymentAttestationPdf):
    """Attestation de paiement: the payments received in the year."""


@extend_schema_view(
    get=extend_schema(operation_id="staff_billing_attestation_payments_pdf", **_PDF)
)
class StaffPaymentAttestationView(StaffScope, PaymentAttestationPdf):
    """Attestation de paiement of a family."""


@extend_schema_view(get=extend_schema(operation_id="billing_attestation_childcare_pdf", **_PDF))
class ChildcareAttestationView(ParentScope, ChildcareAttestationPdf):
    """Attestation de frais de garde (children under 6) for the tax credit."""


@extend_schema_view(
    get=extend_schema(operation_id="staff_billing_attestation_childcare_pdf", **_PDF)
)
class StaffChildcareAttestationView(StaffScope, ChildcareAttestationPdf):
    """Attestation de frais de garde of a family."""


@extend_schema_view(get=extend_schema(operation_id="billing_attestation_presence_pdf", **_PRESENCE))
class PresenceAttestationView(ParentScope, PresenceAttestationPdf):
    """Attestation de présence of a child over a period (default: the school year so far)."""


@extend_schema_view(
    get=extend_schema(operation_id="staff_billing_attestation_presence_pdf", **_PRESENCE)
)
class StaffPresenceAttestationView(StaffScope, PresenceAttestationPdf):
    """Attestation de présence of a family's child."""


# Accounting exports -------------------------------------------------------------------------


class CsvExport(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "billing.view_invoice"}
    content_negotiation_class = FileContentNegotiation
    name = ""
    build = staticmethod(invoices_csv)

    def get(self, request):
        start = parse_date(request.query_params.get("from"), "from", default=date.min)
        end = parse_date(request.query_params.get("to"), "to", default=date.max)
        if end < start:
            raise serializers.ValidationError({"to": "La fin doit suivre le début."})
        content = self.build(
            start=None if start == date.min else start, end=None if end == date.max else end
        )
        suffix = "".join(
            f"-{day:%Y%m%d}" for day in (start, end) if day not in (date.min, date.max)
        )
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.name}{suffix}.csv"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


_CSV = {"responses": CSV_RESPONSES, "parameters": PERIOD_PARAMETERS}


@extend_schema_view(get=extend_schema(operation_id="staff_billing_export_invoices", **_CSV))
class InvoiceExportView(CsvExport):
    """Invoices issued in the period, for accounting (French CSV)."""

    name = "factures"
    build = staticmethod(invoices_csv)


@extend_schema_view(get=extend_schema(operation_id="staff_billing_export_credit_notes", **_CSV))
class CreditNoteExportView(CsvExport):
    """Credit notes issued in the period (French CSV)."""

    name = "avoirs"
    build = staticmethod(credit_notes_csv)


@extend_schema_view(get=extend_schema(operation_id="staff_billing_export_payments", **_CSV))
class PaymentExportView(CsvExport):
    """Payments received in the period (French CSV)."""

    required_permissions = {"GET": "billing.view_payment"}
    name = "reglements"
    build = staticmethod(payments_csv)


# SEPA direct debit ------------------------------------------------------------------------


class BatchListView(generics.ListAPIView):
    """Direct debit batches, newest first; ``POST`` builds one from the unpaid invoices."""

    permission_classes = [StaffPermission]
    required_permissions = {
        "GET": "billing.view_directdebitbatch",
        "POST": "billing.add_directdebitbatch",
    }
    serializer_class = DirectDebitBatchSerializer

    def get_queryset(self):
        return (
            DirectDebitBatch.objects.defer("xml")
            .annotate(count=Count("items"))
            .order_by("-created_at", "-pk")
        )

    @extend_schema(operation_id="staff_billing_sepa_batches_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=DirectDebitBatchInputSerializer,
        responses={201: DirectDebitBatchSerializer},
        operation_id="staff_billing_sepa_batches_create",
    )
    def post(self, request):
        query = DirectDebitBatchInputSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        batch = create_batch(
            collection_date=params["collection_date"],
            due_until=params.get("due_until"),
            invoice_ids=params.get("invoice_ids"),
            user=request.user,
        )
        batch = self.get_queryset().get(pk=batch.pk)
        return Response(DirectDebitBatchSerializer(batch).data, status=status.HTTP_201_CREATED)


class BatchXmlView(APIView):
    """The batch's pain.008.001.02 file, to send to the bank."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": "billing.view_directdebitbatch"}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=XML_RESPONSES, operation_id="staff_billing_sepa_batch_xml")
    def get(self, request, pk):
        batch = get_object_or_404(DirectDebitBatch, pk=pk)
        response = HttpResponse(batch.xml, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="prelevement-{batch.message_id}.xml"'
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class BatchConfirmView(APIView):
    """« Confirmer l'encaissement »: one payment per item; calling it again changes nothing."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": "billing.add_payment"}

    @extend_schema(
        request=None,
        responses=DirectDebitBatchSerializer,
        operation_id="staff_billing_sepa_batch_confirm",
    )
    def post(self, request, pk):
        batch = get_object_or_404(DirectDebitBatch.objects.defer("xml"), pk=pk)
        confirm_batch(batch=batch, user=request.user)
        batch = DirectDebitBatch.objects.defer("xml").annotate(count=Count("items")).get(pk=pk)
        return Response(DirectDebitBatchSerializer(batch).data)


class MandateView(APIView):
    """A family's SEPA mandate (RUM, signature date, active)."""

    permission_classes = [StaffPermission]
    required_permissions = {
        "GET": "billing.view_directdebitmandate",
        "PUT": "billing.change_directdebitmandate",
    }

    @extend_schema(
        responses=DirectDebitMandateSerializer, operation_id="staff_billing_mandate_retrieve"
    )
    def get(self, request, family_id):
        mandate = get_object_or_404(DirectDebitMandate, family_id=family_id)
        return Response(DirectDebitMandateSerializer(mandate).data)

    @extend_schema(
        request=DirectDebitMandateSerializer,
        responses=DirectDebitMandateSerializer,
        operation_id="staff_billing_mandate_update",
    )
    def put(self, request, family_id):
        family = get_object_or_404(Family, pk=family_id)
        data = DirectDebitMandateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        mandate = save_mandate(family=family, **data.validated_data)
        return Response(DirectDebitMandateSerializer(mandate).data)
