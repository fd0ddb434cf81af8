"""The parent's Facturation: account, invoices, statement, payments (own family only)."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from api.billing.serializers import (
    AccountSerializer,
    InvoiceDetailSerializer,
    InvoiceSummarySerializer,
    PaymentSerializer,
    StatementSerializer,
)
from api.params import optional_choice, optional_period
from api.permissions import IsFamilyMember
from api.schema import PERIOD_PARAMETERS, choice_parameter
from core.billing.models import Invoice, Payment
from core.billing.services.statement import (
    available_credits,
    balance,
    statement,
    unpaid_invoices,
)


def account_payload(family) -> dict:
    unpaid = list(unpaid_invoices(family=family))
    credit = available_credits(family_ids=[family.pk]).get(family.pk, Decimal("0.00"))
    return {
        "balance": balance(family=family),
        "unpaid_total": sum((i.outstanding for i in unpaid), Decimal("0.00")),
        "unpaid_count": len(unpaid),
        "unpaid": unpaid,
        "credit": credit,
    }


class AccountView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(responses=AccountSerializer, operation_id="billing_account")
    def get(self, request):
        """Balance and unpaid invoices (number, date, due date, amount), oldest due first."""
        return Response(AccountSerializer(account_payload(request.family)).data)


class InvoiceListView(ListAPIView):
    """The family's invoices and credit notes, newest first (history)."""

    permission_classes = [IsFamilyMember]
    serializer_class = InvoiceSummarySerializer

    @extend_schema(
        parameters=[
            choice_parameter("kind", Invoice.KIND_CHOICES),
            OpenApiParameter("unpaid", bool),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = Invoice.objects.filter(family=self.request.family).select_related("refers_to")
        params = self.request.query_params
        if kind := optional_choice(params, "kind", Invoice.KIND_CHOICES):
            qs = qs.filter(kind=kind)
        if params.get("unpaid") in ("1", "true"):
            qs = qs.filter(kind=Invoice.KIND_INVOICE, status__in=Invoice.UNPAID)
        return qs.order_by("-issue_date", "-pk")


class InvoiceDetailView(RetrieveAPIView):
    permission_classes = [IsFamilyMember]
    serializer_class = InvoiceDetailSerializer

    def get_queryset(self):
        return InvoiceDetailSerializer.queryset(Invoice.objects.filter(family=self.request.family))


class StatementView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses=StatementSerializer,
        operation_id="billing_statement",
    )
    def get(self, request):
        """Relevé de compte: invoices, credit notes and payments with a running balance."""
        start, end = optional_period(request.query_params)
        return Response(
            StatementSerializer(statement(family=request.family, start=start, end=end)).data
        )


class PaymentListView(ListAPIView):
    """The family's payments (receipts)."""

    permission_classes = [IsFamilyMember]
    serializer_class = PaymentSerializer

    def get_queryset(self):
        return (
            Payment.objects.filter(family=self.request.family)
            .prefetch_related("allocations__invoice")
            .order_by("-received_on", "-pk")
        )
