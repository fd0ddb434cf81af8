"""« Mes séjours »: a family's wishes and places, as the parent's pages show them."""

from __future__ import annotations

from rest_framework import serializers

from core.tenancy.context import structure_today
from modules.sejours.models import Campaign, Wish
from modules.sejours.services.editions import (
    CONTRACT_STATES,
    contract_url,
    convocation_url,
    has_convocation,
)
from modules.sejours.services.offers import places_swapped_by


class PlaceInvoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    settled_amount = serializers.DecimalField(max_digits=10, decimal_places=2)


class PlaceStaySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="activity.name")
    theme = serializers.CharField()
    destination = serializers.CharField()
    start_date = serializers.DateField(source="activity.start_date")
    end_date = serializers.DateField(source="activity.end_date")
    status = serializers.CharField()


class PlaceSerializer(serializers.ModelSerializer):
    """One wish and its answer; the money is MONEY's ``/account`` route."""

    child_id = serializers.IntegerField()
    child_first_name = serializers.CharField(source="child.first_name")
    stay = PlaceStaySerializer()
    status_label = serializers.CharField(source="get_status_display")
    transport_city = serializers.CharField(source="transport.city", default=None)
    deposit_invoice = PlaceInvoiceSerializer(allow_null=True)
    balance_invoice = PlaceInvoiceSerializer(allow_null=True)
    can_answer = serializers.SerializerMethodField()
    contract_url = serializers.SerializerMethodField()
    convocation_url = serializers.SerializerMethodField()

    class Meta:
        model = Wish
        fields = [
            "id",
            "child_id",
            "child_first_name",
            "campaign_id",
            "stay",
            "rank",
            "status",
            "status_label",
            "waitlist_position",
            "reason",
            "offered_at",
            "accept_by",
            "accepted_at",
            "transport_city",
            "price",
            "deposit_invoice",
            "balance_invoice",
            "can_answer",
            "contract_url",
            "convocation_url",
        ]

    def get_can_answer(self, wish: Wish) -> bool:
        """Whether the family may still accept or decline the place offered."""
        return wish.status == Wish.STATUS_OFFERED and (
            wish.accept_by is None or wish.accept_by >= structure_today()
        )

    def get_contract_url(self, wish: Wish) -> str | None:
        return contract_url(wish) if wish.status in CONTRACT_STATES else None

    def get_convocation_url(self, wish: Wish) -> str | None:
        return convocation_url(wish) if has_convocation(wish) else None


class PlaceDetailSerializer(PlaceSerializer):
    """A place's page: also what accepting it would cancel (a better wish swapped for an
    accepted one), told to the family before it confirms."""

    swaps = serializers.SerializerMethodField()

    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "swaps"]

    def get_swaps(self, wish: Wish) -> list[str]:
        return [other.stay.activity.name for other in places_swapped_by(wish=wish)]


class PlaceCampaignSerializer(serializers.ModelSerializer):
    is_open = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Campaign
        fields = [
            "id",
            "label",
            "season",
            "opens_at",
            "closes_at",
            "status",
            "status_label",
            "is_open",
        ]

    def get_is_open(self, campaign: Campaign) -> bool:
        return campaign.is_open()


class ChildPlacesSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    places = PlaceSerializer(many=True)


class MyStaysSerializer(serializers.Serializer):
    campaign = PlaceCampaignSerializer(allow_null=True)
    children = ChildPlacesSerializer(many=True)


class ConvocationsInputSerializer(serializers.Serializer):
    again = serializers.BooleanField(
        default=False, help_text="Renvoyer aussi aux familles déjà convoquées."
    )


class ConvocationsSentSerializer(serializers.Serializer):
    sent = serializers.IntegerField(help_text="Nombre d'e-mails envoyés.")
