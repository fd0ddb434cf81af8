"""Serializers of billing: invoices, credit notes, payments, statement, runs."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import BoundedDateField
from core.billing.models import (
    Allocation,
    BillingSettings,
    Invoice,
    InvoiceLine,
    InvoiceRun,
    InvoiceSeries,
    Payment,
    RunFamily,
)
from core.tenancy.context import structure_today

MONEY = {"max_digits": 10, "decimal_places": 2}


class InvoiceSummarySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outstanding = serializers.DecimalField(**MONEY, read_only=True)
    refers_to_number = serializers.CharField(
        source="refers_to.number", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Invoice
        fields = [
            "id",
            "kind",
            "kind_label",
            "number",
            "issue_date",
            "due_date",
            "period_start",
            "period_end",
            "total",
            "settled_amount",
            "outstanding",
            "status",
            "status_label",
            "refers_to",
            "refers_to_number",
        ]
        read_only_fields = fields


class StaffInvoiceSummarySerializer(InvoiceSummarySerializer):
    family_id = serializers.IntegerField(read_only=True)
    family_name = serializers.CharField(source="recipient_name", read_only=True)

    class Meta(InvoiceSummarySerializer.Meta):
        fields = [
            *InvoiceSummarySerializer.Meta.fields,
            "family_id",
            "family_name",
            "family_number",
        ]
        read_only_fields = fields


class InvoiceLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceLine
        fields = [
            "id",
            "kind",
            "child_name",
            "activity_name",
            "date",
            "label",
            "tariff_name",
            "quantity",
            "unit_price",
            "amount",
            "meal_amount",
            "state",
        ]
        read_only_fields = fields


class ReceivedSerializer(serializers.ModelSerializer):
    """What settled an invoice: a payment or a credit note."""

    source = serializers.SerializerMethodField()
    reference = serializers.SerializerMethodField()
    on = serializers.SerializerMethodField()

    class Meta:
        model = Allocation
        fields = ["id", "amount", "source", "reference", "on"]
        read_only_fields = fields

    def get_source(self, obj) -> str:
        if obj.payment_id:
            return obj.payment.get_method_display()
        return "Avoir"

    def get_reference(self, obj) -> str:
        return obj.payment.number if obj.payment_id else obj.credit_note.number

    def get_on(self, obj) -> str:
        day = obj.payment.received_on if obj.payment_id else obj.credit_note.issue_date
        return day.isoformat()


class InvoiceDetailSerializer(InvoiceSummarySerializer):
    lines = InvoiceLineSerializer(many=True, read_only=True)
    received = serializers.SerializerMethodField()
    credit_notes = InvoiceSummarySerializer(many=True, read_only=True)
    recipient_name = serializers.CharField(read_only=True)
    recipient_address = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)

    class Meta(InvoiceSummarySerializer.Meta):
        fields = [
            *InvoiceSummarySerializer.Meta.fields,
            "recipient_name",
            "recipient_address",
            "family_number",
            "reason",
            "lines",
            "received",
            "credit_notes",
        ]
        read_only_fields = fields

    @staticmethod
    def queryset(qs):
        return qs.select_related("refers_to").prefetch_related(
            "lines",
            "credit_notes",
            "allocations__payment",
            "allocations__credit_note",
        )

    @extend_schema_field(ReceivedSerializer(many=True))
    def get_received(self, obj) -> list[dict]:
        return ReceivedSerializer(obj.allocations.all(), many=True).data


class StaffInvoiceDetailSerializer(InvoiceDetailSerializer):
    family_id = serializers.IntegerField(read_only=True)
    creditable = serializers.SerializerMethodField()

    class Meta(InvoiceDetailSerializer.Meta):
        fields = [*InvoiceDetailSerializer.Meta.fields, "family_id", "creditable"]
        read_only_fields = fields

    def get_creditable(self, obj) -> Decimal:
        if obj.is_credit_note:
            return Decimal("0.00")
        return obj.total - sum((n.total for n in obj.credit_notes.all()), Decimal("0.00"))


class PaidInvoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)


class PaymentSerializer(serializers.ModelSerializer):
    method_label = serializers.CharField(source="get_method_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    unallocated = serializers.DecimalField(**MONEY, read_only=True)
    invoices = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = [
            "id",
            "number",
            "method",
            "method_label",
            "amount",
            "received_on",
            "reference",
            "payer",
            "allocated_amount",
            "unallocated",
            "status",
            "status_label",
            "cancel_reason",
            "invoices",
        ]
        read_only_fields = fields

    @extend_schema_field(PaidInvoiceSerializer(many=True))
    def get_invoices(self, obj) -> list[dict]:
        return [
            {"id": a.invoice_id, "number": a.invoice.number, "amount": str(a.amount)}
            for a in obj.allocations.all()
        ]


class StaffPaymentSerializer(PaymentSerializer):
    family_id = serializers.IntegerField(read_only=True)
    family_name = serializers.CharField(source="family.name", read_only=True)
    notes = serializers.CharField(read_only=True)

    class Meta(PaymentSerializer.Meta):
        fields = [*PaymentSerializer.Meta.fields, "family_id", "family_name", "notes"]
        read_only_fields = fields


class AllocationInputSerializer(serializers.Serializer):
    invoice = serializers.IntegerField()
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))


class PaymentInputSerializer(serializers.Serializer):
    family = serializers.IntegerField()
    method = serializers.ChoiceField(choices=Payment.STAFF_METHODS)
    amount = serializers.DecimalField(
        **MONEY, min_value=Decimal("0.01"), max_value=Decimal("100000")
    )
    received_on = BoundedDateField()
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
    payer = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    allocation = serializers.ChoiceField(choices=["auto", "manual"], default="auto")
    allocations = AllocationInputSerializer(many=True, required=False, default=list)

    def validate_received_on(self, value):
        # A payment is recorded once received: a later date would also number its receipt in
        # a year that has not begun.
        if value > structure_today():
            raise serializers.ValidationError(
                "La date de réception ne peut pas être dans le futur."
            )
        return value

    def validate(self, attrs):
        if attrs["allocation"] == "manual" and not attrs["allocations"]:
            raise serializers.ValidationError(
                {"allocations": "Choisissez les factures et les montants à régler."}
            )
        ids = [a["invoice"] for a in attrs["allocations"]]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError({"allocations": "Une facture apparaît deux fois."})
        return attrs


class CancelPaymentSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class CreditNoteInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)
    amount = serializers.DecimalField(
        **MONEY, min_value=Decimal("0.01"), required=False, allow_null=True, default=None
    )


class StatementEntrySerializer(serializers.Serializer):
    on = BoundedDateField()
    kind = serializers.ChoiceField(
        choices=["invoice", "credit_note", "payment", "payment_cancelled"]
    )
    label = serializers.CharField()
    reference = serializers.CharField()
    debit = serializers.DecimalField(**MONEY)
    credit = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)
    document_id = serializers.IntegerField()


class StatementSerializer(serializers.Serializer):
    opening_balance = serializers.DecimalField(**MONEY)
    closing_balance = serializers.DecimalField(**MONEY)
    entries = StatementEntrySerializer(many=True)


class AccountSerializer(serializers.Serializer):
    """The parent's "Informations compte": balance and unpaid invoices."""

    balance = serializers.DecimalField(**MONEY)
    unpaid_total = serializers.DecimalField(**MONEY)
    unpaid_count = serializers.IntegerField()
    unpaid = InvoiceSummarySerializer(many=True)
    credit = serializers.DecimalField(**MONEY, help_text="Avance ou avoir non encore utilisé.")


class RunSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    activity_ids = serializers.PrimaryKeyRelatedField(
        source="activities", many=True, read_only=True
    )
    series_name = serializers.CharField(source="series.name", read_only=True)
    invoice_count = serializers.SerializerMethodField()

    class Meta:
        model = InvoiceRun
        fields = [
            "id",
            "label",
            "period_start",
            "period_end",
            "activity_ids",
            "series",
            "series_name",
            "status",
            "status_label",
            "failure",
            "issue_date",
            "due_date",
            "family_count",
            "error_count",
            "line_count",
            "total",
            "credit_total",
            "computed_at",
            "published_at",
            "created_at",
            "invoice_count",
        ]
        read_only_fields = fields

    def get_invoice_count(self, obj) -> int:
        return getattr(obj, "invoice_count", 0) or 0


class RunInputSerializer(serializers.Serializer):
    label = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    period_start = BoundedDateField()
    period_end = BoundedDateField()
    activity_ids = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list, max_length=500
    )
    series = serializers.IntegerField(required=False, allow_null=True, default=None)


class PublishInputSerializer(serializers.Serializer):
    issue_date = BoundedDateField()
    due_date = BoundedDateField(required=False, allow_null=True, default=None)


class RunFamilySerializer(serializers.ModelSerializer):
    family_name = serializers.CharField(source="family.name", read_only=True)
    family_number = serializers.IntegerField(source="family.number", read_only=True)

    class Meta:
        model = RunFamily
        fields = [
            "id",
            "family",
            "family_name",
            "family_number",
            "total",
            "credit_total",
            "line_count",
            "error",
        ]
        read_only_fields = fields


class BillingRuleSerializer(serializers.Serializer):
    state = serializers.CharField()
    label = serializers.CharField()
    billed = serializers.BooleanField()


class InvoicingSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = BillingSettings
        fields = [
            "issuer_address",
            "issuer_email",
            "issuer_phone",
            "siret",
            "legal_mentions",
            "payment_instructions",
            "payment_terms_days",
            "sepa_creditor_name",
            "sepa_creditor_id",
            "sepa_iban",
            "sepa_bic",
        ]


class SeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceSeries
        fields = [
            "id",
            "name",
            "invoice_prefix",
            "credit_note_prefix",
            "receipt_prefix",
            "digits",
            "is_default",
        ]
        read_only_fields = ["id", "is_default"]

    def validate_digits(self, value: int) -> int:
        if not 3 <= value <= 10:
            raise serializers.ValidationError("Entre 3 et 10 chiffres.")
        return value
