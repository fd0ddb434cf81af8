"""The shapes of a place's money (``modules.sejours.services.invoices.place_account``): read-only
descriptions for the schema, and the inputs of the aids and cancellations."""

from __future__ import annotations

from rest_framework import serializers

from modules.sejours.models import StayAid

MONEY = {"max_digits": 10, "decimal_places": 2}


class PlaceMoneyInvoice(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY, allow_null=True)
    invoice_id = serializers.IntegerField(allow_null=True)
    number = serializers.CharField(allow_null=True)
    status = serializers.CharField(allow_null=True)
    status_label = serializers.CharField(allow_null=True)


class PlaceMoneyBalance(PlaceMoneyInvoice):
    due_on = serializers.DateField()


class PlaceMoneyAid(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=StayAid.KIND_CHOICES)
    label = serializers.CharField()
    granted = serializers.DecimalField(**MONEY)
    amount = serializers.DecimalField(**MONEY, help_text="Montant imputé sur le séjour.")
    proof_id = serializers.IntegerField(allow_null=True)
    removable = serializers.BooleanField()


class PlaceMoneyVacaf(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY)
    detail = serializers.CharField()


class PlaceMoneyCreditNote(serializers.Serializer):
    invoice_id = serializers.IntegerField()
    number = serializers.CharField()
    kind = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)


class PlaceMoneyCancellation(serializers.Serializer):
    can_cancel = serializers.BooleanField()
    preview_kept = serializers.DecimalField(**MONEY, allow_null=True)
    preview_refund = serializers.DecimalField(**MONEY, allow_null=True)
    preview_credit = serializers.DecimalField(**MONEY, allow_null=True)
    preview_to_invoice = serializers.DecimalField(**MONEY, allow_null=True)
    lines = serializers.ListField(child=serializers.CharField())
    cancelled_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    medical = serializers.BooleanField()


class PlaceMoneyChild(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PlaceMoneyStay(PlaceMoneyChild):
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    status = serializers.CharField()


class PlaceAccountSerializer(serializers.Serializer):
    wish_id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    family_id = serializers.IntegerField()
    child = PlaceMoneyChild()
    stay = PlaceMoneyStay()
    price = serializers.DecimalField(**MONEY)
    price_lines = serializers.ListField(child=serializers.CharField())
    lines = serializers.ListField(child=serializers.CharField())
    deposit = PlaceMoneyInvoice()
    balance = PlaceMoneyBalance()
    aids = PlaceMoneyAid(many=True)
    vacaf_estimate = PlaceMoneyVacaf(allow_null=True)
    credit_notes = PlaceMoneyCreditNote(many=True)
    left_to_pay = serializers.DecimalField(**MONEY)
    outstanding = serializers.DecimalField(**MONEY)
    cancellation = PlaceMoneyCancellation()


class PlaceMoneyDocument(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class StaffPlaceAccountSerializer(PlaceAccountSerializer):
    family_name = serializers.CharField()
    documents = PlaceMoneyDocument(
        many=True, help_text="Les pièces de la famille (justificatif d'aide)."
    )


class CancelPlaceSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
    medical = serializers.BooleanField(
        default=False,
        help_text="Sur certificat médical (rien n'est retenu) : du personnel seulement ; "
        "refusé (400) d'une famille.",
    )


class CancellationResultSerializer(serializers.Serializer):
    kept = serializers.DecimalField(**MONEY)
    credit = serializers.DecimalField(**MONEY)
    to_invoice = serializers.DecimalField(**MONEY)
    refund = serializers.DecimalField(**MONEY)
    lines = serializers.ListField(child=serializers.CharField())


class AidInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[StayAid.KIND_CSE, StayAid.KIND_OTHER])
    label = serializers.CharField(max_length=150, allow_blank=True, default="")
    amount = serializers.DecimalField(**MONEY, min_value=0)
    proof = serializers.IntegerField(
        required=False, allow_null=True, help_text="Une pièce du dossier de la famille."
    )


class CancelStaySerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class StayCancelPreviewSerializer(serializers.Serializer):
    stay = PlaceMoneyStay()
    places = serializers.IntegerField(help_text="Places attribuées ou confirmées.")
    waiting = serializers.IntegerField(help_text="Autres vœux en cours (attente, commission).")
    families = serializers.IntegerField()
    invoiced = serializers.DecimalField(**MONEY, help_text="Facturé, remboursé par avoir.")


class StayCancelResultSerializer(serializers.Serializer):
    cancelled = serializers.IntegerField()
    credited = serializers.DecimalField(**MONEY)
