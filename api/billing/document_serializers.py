"""Serializers of the billing documents API (attestations offered, SEPA batches, mandates)."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import BoundedDateField
from api.serializers import ChildRefSerializer
from core.billing.models import DirectDebitBatch, DirectDebitMandate


class AttestationYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    payments_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    payments_url = serializers.CharField()
    children_under_six = ChildRefSerializer(many=True)
    childcare_url = serializers.CharField(allow_null=True)


class AttestationListSerializer(serializers.Serializer):
    """What « Mes éditions » offers: per year with payments, the payment attestation and (when
    a child was under 6) the childcare one; the presence attestation for each child."""

    years = AttestationYearSerializer(many=True)
    children = ChildRefSerializer(many=True)
    presence_url = serializers.CharField()


class DirectDebitBatchInputSerializer(serializers.Serializer):
    collection_date = BoundedDateField()
    due_until = BoundedDateField(
        required=False, help_text="Factures échues jusqu'à cette date (défaut : le prélèvement)."
    )
    invoice_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        allow_empty=False,
        max_length=5000,
        help_text="Factures choisies (sinon : toutes les impayées échues).",
    )


class DirectDebitBatchSerializer(serializers.ModelSerializer):
    count = serializers.IntegerField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DirectDebitBatch
        fields = [
            "id",
            "collection_date",
            "message_id",
            "total",
            "count",
            "status",
            "status_label",
            "created_at",
            "download_url",
        ]

    def get_download_url(self, batch: DirectDebitBatch) -> str:
        return f"/api/v1/staff/billing/sepa/batches/{batch.pk}/xml/"


class DirectDebitMandateSerializer(serializers.ModelSerializer):
    class Meta:
        model = DirectDebitMandate
        fields = ["reference", "signed_on", "active", "first_collected"]
        read_only_fields = ["first_collected"]
        # The uniqueness is the service's (a French error), not a validator's query.
        extra_kwargs = {"reference": {"validators": []}}
