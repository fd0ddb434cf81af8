"""The staff's billing screens: runs, invoices and credit notes, payments, accounts, settings."""

from __future__ import annotations

from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from api.billing.parent import account_payload
from api.billing.serializers import (
    AccountSerializer,
    BillingRuleSerializer,
    CancelPaymentSerializer,
    CreditNoteInputSerializer,
    InvoiceLineSerializer,
    InvoicingSettingsSerializer,
    PaymentInputSerializer,
    PublishInputSerializer,
    RunFamilySerializer,
    RunInputSerializer,
    RunSerializer,
    SeriesSerializer,
    StaffInvoiceDetailSerializer,
    StaffInvoiceSummarySerializer,
    StaffPaymentSerializer,
    StatementSerializer,
)
from api.params import (
    filter_period,
    is_number,
    optional_choice,
    optional_id,
    optional_period,
    search_text,
)
from api.permissions import StaffPermission, get_owned_or_404
from api.schema import PERIOD_PARAMETERS, choice_parameter
from core.billing.models import (
    BillingSettings,
    Invoice,
    InvoiceLine,
    InvoiceRun,
    InvoiceSeries,
    Payment,
    RunFamily,
)
from core.billing.rules import rules_summary
from core.billing.services import allocation, credit_notes, runs
from core.billing.services.notifications import notify_payment_received
from core.billing.services.statement import statement
from core.catalog.models import Activity
from core.families.models import Family

VIEW_INVOICE = "billing.view_invoice"
VIEW_RUN = "billing.view_invoicerun"
MANAGE_RUN = "billing.change_invoicerun"
VIEW_PAYMENT = "billing.view_payment"
ADD_PAYMENT = "billing.add_payment"
CONFIGURE = "billing.change_billingsettings"


# Runs ------------------------------------------------------------------------------------


def _runs():
    return (
        InvoiceRun.objects.select_related("series")
        .prefetch_related("activities")
        .annotate(invoice_count=Count("invoices"))
    )


class RunListView(ListAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_RUN, "POST": "billing.add_invoicerun"}
    serializer_class = RunSerializer

    def get_queryset(self):
        return _runs().order_by("-period_start", "-pk")

    @extend_schema(
        request=RunInputSerializer,
        responses={201: RunSerializer, 404: OpenApiResponse(description="Série introuvable.")},
    )
    def post(self, request):
        """A new run for a period (some or all activities); its draft is computed by a task."""
        data = RunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        activity_ids = values["activity_ids"]
        if activity_ids and Activity.objects.filter(pk__in=activity_ids).count() != len(
            set(activity_ids)
        ):
            raise serializers.ValidationError({"activity_ids": "Activité inconnue."})
        series = None
        if values["series"]:
            series = get_owned_or_404(InvoiceSeries.objects.all(), pk=values["series"])
        run = runs.create_run(
            label=values["label"],
            period_start=values["period_start"],
            period_end=values["period_end"],
            activity_ids=activity_ids,
            series=series,
            user=request.user,
        )
        return Response(RunSerializer(_runs().get(pk=run.pk)).data, status=status.HTTP_201_CREATED)


class RunDetailView(RetrieveAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_RUN, "DELETE": MANAGE_RUN}
    serializer_class = RunSerializer

    def get_queryset(self):
        return InvoiceRun.objects.select_related("series").annotate(invoice_count=Count("invoices"))

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        """Drop a draft (nothing was issued from it)."""
        runs.delete_draft(run=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class RunActionView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": MANAGE_RUN}

    def get_run(self, pk: int) -> InvoiceRun:
        return get_owned_or_404(InvoiceRun.objects.all(), pk=pk)


class RunRecomputeView(RunActionView):
    @extend_schema(
        request=None, responses=RunSerializer, operation_id="staff_billing_run_recompute"
    )
    def post(self, request, pk: int):
        """Compute the draft again (bookings or tariffs changed since)."""
        run = runs.request_recompute(run=self.get_run(pk))
        return Response(RunSerializer(_runs().get(pk=run.pk)).data)


class RunPublishView(RunActionView):
    @extend_schema(
        request=PublishInputSerializer,
        responses=RunSerializer,
        operation_id="staff_billing_run_publish",
    )
    def post(self, request, pk: int):
        """Issue the invoices and credit notes of the draft and e-mail the families."""
        run = self.get_run(pk)  # another structure's or a missing run: 404 before the body
        data = PublishInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = runs.request_publish(
            run=run,
            issue_date=data.validated_data["issue_date"],
            due_date=data.validated_data["due_date"],
            user=request.user,
        )
        return Response(RunSerializer(_runs().get(pk=run.pk)).data)


class RunFamilyListView(ListAPIView):
    """The draft's families: totals, or the reason they cannot be invoiced."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_RUN}
    serializer_class = RunFamilySerializer

    @extend_schema(parameters=[OpenApiParameter("errors", bool), OpenApiParameter("search", str)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        run = get_owned_or_404(InvoiceRun.objects.all(), pk=self.kwargs["pk"])
        qs = RunFamily.objects.filter(run=run).select_related("family")
        params = self.request.query_params
        if params.get("errors") in ("1", "true"):
            qs = qs.exclude(error="")
        if term := search_text(params, "search"):
            match = Q(family__name__icontains=term)
            if is_number(term):
                match |= Q(family__number=int(term))
            qs = qs.filter(match)
        return qs.order_by("-error", "family__name")


class RunFamilyLinesView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_RUN}

    @extend_schema(responses=InvoiceLineSerializer(many=True))
    def get(self, request, pk: int, family_pk: int):
        """The lines of one family in the draft (or as issued)."""
        run_family = get_owned_or_404(RunFamily.objects.all(), run_id=pk, pk=family_pk)
        lines = InvoiceLine.objects.filter(run_family=run_family).order_by(
            "child_name", "activity_name", "date", "pk"
        )
        return Response(InvoiceLineSerializer(lines, many=True).data)


class BillingRulesView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_RUN}

    @extend_schema(responses=BillingRuleSerializer(many=True), operation_id="staff_billing_rules")
    def get(self, request):
        """What each reservation state costs at invoicing."""
        return Response(BillingRuleSerializer(rules_summary(), many=True).data)


# Invoices and credit notes -------------------------------------------------------------------


class StaffInvoiceListView(ListAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_INVOICE}
    serializer_class = StaffInvoiceSummarySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str, description="N°, nom ou n° de famille"),
            choice_parameter("kind", Invoice.KIND_CHOICES),
            choice_parameter("status", Invoice.STATUS_CHOICES),
            OpenApiParameter("family", int),
            OpenApiParameter("run", int),
            *PERIOD_PARAMETERS,
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        qs = Invoice.objects.select_related("refers_to")
        if kind := optional_choice(params, "kind", Invoice.KIND_CHOICES):
            qs = qs.filter(kind=kind)
        if status := optional_choice(params, "status", Invoice.STATUS_CHOICES):
            qs = qs.filter(status=status)
        if (family := optional_id(params, "family")) is not None:
            qs = qs.filter(family_id=family)
        if (run := optional_id(params, "run")) is not None:
            qs = qs.filter(run_id=run)
        if term := search_text(params, "search"):
            match = Q(number__icontains=term) | Q(recipient_name__icontains=term)
            match |= Q(family__name__icontains=term)
            if is_number(term):
                match |= Q(family_number=int(term))
            qs = qs.filter(match)
        qs = filter_period(qs, params, field="issue_date")
        return qs.order_by("-issue_date", "-pk")


class StaffInvoiceDetailView(RetrieveAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_INVOICE}
    serializer_class = StaffInvoiceDetailSerializer

    def get_queryset(self):
        return StaffInvoiceDetailSerializer.queryset(Invoice.objects.all())


class CreditNoteView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": "billing.add_invoice"}

    @extend_schema(
        request=CreditNoteInputSerializer,
        responses={201: StaffInvoiceDetailSerializer},
        operation_id="staff_billing_credit_note",
    )
    def post(self, request, pk: int):
        """Correct an issued invoice by a credit note (all of what is left, or an amount)."""
        invoice = get_owned_or_404(Invoice.objects.all(), pk=pk)
        data = CreditNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = credit_notes.issue_credit_note(
            invoice=invoice,
            reason=data.validated_data["reason"],
            amount=data.validated_data["amount"],
            user=request.user,
        )
        note = StaffInvoiceDetailSerializer.queryset(Invoice.objects.filter(pk=note.pk)).get()
        return Response(StaffInvoiceDetailSerializer(note).data, status=status.HTTP_201_CREATED)


# Payments -----------------------------------------------------------------------------------


class StaffPaymentListView(ListAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_PAYMENT, "POST": ADD_PAYMENT}
    serializer_class = StaffPaymentSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("family", int),
            choice_parameter("method", Payment.METHOD_CHOICES),
            *PERIOD_PARAMETERS,
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        qs = Payment.objects.select_related("family").prefetch_related("allocations__invoice")
        if (family := optional_id(params, "family")) is not None:
            qs = qs.filter(family_id=family)
        if method := optional_choice(params, "method", Payment.METHOD_CHOICES):
            qs = qs.filter(method=method)
        qs = filter_period(qs, params, field="received_on")
        return qs.order_by("-received_on", "-pk")

    @extend_schema(
        request=PaymentInputSerializer,
        responses={
            201: StaffPaymentSerializer,
            404: OpenApiResponse(description="Famille introuvable."),
        },
    )
    def post(self, request):
        """Record a cheque, cash, transfer, CESU, ANCV, aid or debit; allocate it; a receipt."""
        data = PaymentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        family = get_owned_or_404(Family.objects.all(), pk=values["family"])
        manual = None
        if values["allocation"] == "manual":
            manual = [
                allocation.ManualAllocation(invoice_id=a["invoice"], amount=a["amount"])
                for a in values["allocations"]
            ]
        payment = allocation.record_payment(
            family=family,
            amount=values["amount"],
            method=values["method"],
            received_on=values["received_on"],
            reference=values["reference"],
            payer=values["payer"],
            notes=values["notes"],
            allocations=manual,
            user=request.user,
        )
        notify_payment_received(payment_id=payment.pk)
        payment = self.get_queryset().get(pk=payment.pk)
        return Response(StaffPaymentSerializer(payment).data, status=status.HTTP_201_CREATED)


class PaymentCancelView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": "billing.change_payment"}

    @extend_schema(
        request=CancelPaymentSerializer,
        responses=StaffPaymentSerializer,
        operation_id="staff_billing_payment_cancel",
    )
    def post(self, request, pk: int):
        """A bounced cheque or a mistake: the payment stays numbered, its allocations go."""
        payment = get_owned_or_404(Payment.objects.all(), pk=pk)
        data = CancelPaymentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        allocation.cancel_payment(
            payment=payment, reason=data.validated_data["reason"], user=request.user
        )
        payment = (
            Payment.objects.select_related("family")
            .prefetch_related("allocations__invoice")
            .get(pk=pk)
        )
        return Response(StaffPaymentSerializer(payment).data)


# A family's account ---------------------------------------------------------------------


class FamilyAccountView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_INVOICE}

    @extend_schema(responses=AccountSerializer, operation_id="staff_billing_family_account")
    def get(self, request, pk: int):
        family = get_owned_or_404(Family.objects.all(), pk=pk)
        return Response(AccountSerializer(account_payload(family)).data)


class FamilyStatementView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_INVOICE}

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses=StatementSerializer,
        operation_id="staff_billing_family_statement",
    )
    def get(self, request, pk: int):
        family = get_owned_or_404(Family.objects.all(), pk=pk)
        start, end = optional_period(request.query_params)
        return Response(StatementSerializer(statement(family=family, start=start, end=end)).data)


# Settings -----------------------------------------------------------------------------------


class InvoicingSettingsView(APIView):
    """The invoices' settings (issuer, mentions, terms, SEPA creditor); not the booking
    configuration's ``BillingSettingsView`` (the residents' postal codes)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_INVOICE, "PUT": CONFIGURE}

    @extend_schema(responses=InvoicingSettingsSerializer, operation_id="staff_invoicing_settings")
    def get(self, request):
        return Response(InvoicingSettingsSerializer(BillingSettings.current()).data)

    @extend_schema(
        request=InvoicingSettingsSerializer,
        responses=InvoicingSettingsSerializer,
        operation_id="staff_invoicing_settings_update",
    )
    def put(self, request):
        """Issuer identity, legal mentions, payment terms, SEPA creditor."""
        data = InvoicingSettingsSerializer(BillingSettings.current(), data=request.data)
        data.is_valid(raise_exception=True)
        data.save()
        return Response(data.data)


class SeriesView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_INVOICE, "PUT": "billing.change_invoiceseries"}

    @extend_schema(responses=SeriesSerializer, operation_id="staff_billing_series")
    def get(self, request):
        """The default numbering series."""
        return Response(SeriesSerializer(InvoiceSeries.default()).data)

    @extend_schema(
        request=SeriesSerializer,
        responses=SeriesSerializer,
        operation_id="staff_billing_series_update",
    )
    def put(self, request):
        """Prefixes may change only before the series has numbered anything of that kind."""
        series = InvoiceSeries.default()
        data = SeriesSerializer(series, data=request.data)
        data.is_valid(raise_exception=True)
        used = set(series.counters.filter(last_number__gt=0).values_list("kind", flat=True))
        field_kind = {
            "invoice_prefix": "invoice",
            "credit_note_prefix": "credit_note",
            "receipt_prefix": "receipt",
        }
        for field_name, kind in field_kind.items():
            if kind in used and data.validated_data.get(field_name) != getattr(series, field_name):
                raise serializers.ValidationError(
                    {field_name: "Cette numérotation a déjà servi : le préfixe ne peut changer."}
                )
        if (
            "digits" in data.validated_data
            and used
            and data.validated_data["digits"] != series.digits
        ):
            raise serializers.ValidationError(
                {"digits": "Cette numérotation a déjà servi : le nombre de chiffres est fixé."}
            )
        data.save()
        return Response(data.data)
