"""Shapes of the online payment API."""

from __future__ import annotations

from django.conf import settings as django_settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.payments.models import PaymentAttempt, ProviderSettings
from core.payments.providers import provider_class


class PaymentCheckoutSerializer(serializers.Serializer):
    invoice_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=50
    )


class PaymentCheckoutResultSerializer(serializers.Serializer):
    attempt_id = serializers.IntegerField()
    redirect_url = serializers.CharField()
    provider = serializers.CharField()
    provider_label = serializers.CharField()


class PaymentAttemptInvoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)


MESSAGES = {
    PaymentAttempt.STATUS_PENDING: "Paiement en cours de confirmation par le prestataire.",
    PaymentAttempt.STATUS_SUCCEEDED: "Paiement reçu, merci. Un reçu vous a été envoyé par e-mail.",
    PaymentAttempt.STATUS_FAILED: "Le paiement a été refusé : aucun montant n'a été débité. "
    "Vous pouvez réessayer.",
    PaymentAttempt.STATUS_CANCELLED: "Paiement abandonné : vos factures restent à payer.",
    PaymentAttempt.STATUS_EXPIRED: "Le délai de paiement est dépassé : vos factures restent à "
    "payer.",
    PaymentAttempt.STATUS_REFUNDED: "Ce paiement vous a été remboursé.",
}


class PaymentAttemptSerializer(serializers.ModelSerializer):
    invoices = serializers.SerializerMethodField()
    payment_number = serializers.CharField(
        source="payment.number", default=None, read_only=True, allow_null=True
    )
    message = serializers.SerializerMethodField()
    provider_label = serializers.SerializerMethodField()

    class Meta:
        model = PaymentAttempt
        fields = [
            "id",
            "status",
            "amount",
            "currency",
            "provider",
            "provider_label",
            "created_at",
            "completed_at",
            "invoices",
            "payment_number",
            "message",
        ]

    @staticmethod
    def _amounts(obj) -> dict:
        return obj.provider_state.get("amounts", {})

    @extend_schema_field(PaymentAttemptInvoiceSerializer(many=True))
    def get_invoices(self, obj) -> list[dict]:
        amounts = self._amounts(obj)
        return PaymentAttemptInvoiceSerializer(
            [
                {"id": i.pk, "number": i.number, "amount": amounts.get(str(i.pk), i.total)}
                for i in obj.invoices.order_by("due_date", "issue_date", "sequence")
            ],
            many=True,
        ).data

    def get_message(self, obj) -> str:
        return MESSAGES[obj.status]

    def get_provider_label(self, obj) -> str:
        return provider_class(obj.provider).label


class StaffPaymentAttemptSerializer(PaymentAttemptSerializer):
    family_id = serializers.IntegerField(read_only=True)
    family_name = serializers.CharField(source="family.name", read_only=True)
    provider_reference = serializers.CharField(read_only=True)
    payment_id = serializers.IntegerField(read_only=True, allow_null=True)
    last_error = serializers.CharField(read_only=True)

    class Meta(PaymentAttemptSerializer.Meta):
        fields = [
            *PaymentAttemptSerializer.Meta.fields,
            "family_id",
            "family_name",
            "provider_reference",
            "payment_id",
            "last_error",
        ]


class PaymentProviderSerializer(serializers.Serializer):
    provider = serializers.CharField()
    label = serializers.CharField()
    enabled = serializers.BooleanField()
    is_demo = serializers.BooleanField()


class PaymentSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProviderSettings
        fields = ["provider", "enabled", "stripe_account_id", "payfip_numcli", "payfip_mode"]

    def validate(self, attrs):
        provider = attrs.get("provider", getattr(self.instance, "provider", None))
        account = attrs.get("stripe_account_id", getattr(self.instance, "stripe_account_id", ""))
        numcli = attrs.get("payfip_numcli", getattr(self.instance, "payfip_numcli", ""))
        if (
            provider == ProviderSettings.PROVIDER_DUMMY
            and not django_settings.PAYMENT_DUMMY_ALLOWED
        ):
            raise serializers.ValidationError(
                {"provider": "Le paiement de démonstration n'est pas disponible en production."}
            )
        if provider == ProviderSettings.PROVIDER_STRIPE and not account:
            raise serializers.ValidationError(
                {"stripe_account_id": "Renseignez le compte Stripe connecté de la structure."}
            )
        if provider == ProviderSettings.PROVIDER_PAYFIP and not numcli:
            raise serializers.ValidationError(
                {"payfip_numcli": "Renseignez le numéro client PayFiP de la régie."}
            )
        return attrs


class PaymentRefundSerializer(serializers.Serializer):
    payment_id = serializers.IntegerField()
    payment_number = serializers.CharField()
    status = serializers.CharField()
