"""The public catalogue's and the wishes' shapes (read-only but the wishes' input)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import MissingItemSerializer
from core.money import format_money
from modules.sejours.models import Campaign, Stay, StayMedia, TransportOption, Wish
from modules.sejours.services import catalogue


class WishCampaignSerializer(serializers.ModelSerializer):
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "label",
            "season",
            "opens_at",
            "closes_at",
            "max_wishes",
            "status",
            "is_open",
        ]
        read_only_fields = fields

    def get_is_open(self, campaign: Campaign) -> bool:
        return campaign.is_open()


class CatalogueTransportSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransportOption
        fields = ["id", "city", "supplement", "meeting_place", "meeting_at", "return_at"]
        read_only_fields = fields


class CatalogueMediaSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = StayMedia
        fields = ["id", "kind", "caption", "content_type", "url"]
        read_only_fields = fields

    def get_url(self, media: StayMedia) -> str:
        # Always through our view, which checks the stay is still public: never a storage URL.
        return reverse(
            "v1:module-sejours:catalogue-media",
            kwargs={"pk": media.stay_id, "media_id": media.pk},
        )


class CatalogueLevelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class CataloguePriceSerializer(serializers.Serializer):
    method = serializers.CharField()
    min = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    max = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    label = serializers.CharField()


def price_payload(stay: Stay) -> dict:
    span = catalogue.price_range(stay)
    if span is None:
        return {"method": stay.price_method, "min": None, "max": None, "label": "Prix à venir"}
    low, high = span
    if low == high:
        label = format_money(low)
        if stay.price_method == "per_day":
            label = f"{label} ({stay.days} jours)"
    elif stay.price_method == "quotient":
        label = f"de {format_money(low)} à {format_money(high)} selon votre quotient"
    else:
        label = f"de {format_money(low)} à {format_money(high)}"
    return {"method": stay.price_method, "min": low, "max": high, "label": label}


class CatalogueStaySerializer(serializers.ModelSerializer):
    """A stay of the catalogue (list)."""

    title = serializers.CharField(source="activity.name")
    place = serializers.CharField(source="activity.place")
    start_date = serializers.DateField(source="activity.start_date")
    end_date = serializers.DateField(source="activity.end_date")
    min_age = serializers.IntegerField(source="activity.min_age", allow_null=True)
    max_age = serializers.IntegerField(source="activity.max_age", allow_null=True)
    school_levels = serializers.SerializerMethodField()
    places_left = serializers.IntegerField()
    availability = serializers.SerializerMethodField()
    availability_label = serializers.SerializerMethodField()
    price = serializers.SerializerMethodField()
    transports = CatalogueTransportSerializer(many=True)
    photo = serializers.SerializerMethodField()
    campaign = WishCampaignSerializer(allow_null=True)

    class Meta:
        model = Stay
        fields = [
            "id",
            "title",
            "theme",
            "destination",
            "place",
            "country",
            "abroad",
            "nautical",
            "start_date",
            "end_date",
            "days",
            "min_age",
            "max_age",
            "school_levels",
            "capacity",
            "places_left",
            "availability",
            "availability_label",
            "price",
            "transports",
            "photo",
            "campaign",
        ]
        read_only_fields = fields

    @extend_schema_field(CatalogueLevelSerializer(many=True))
    def get_school_levels(self, stay: Stay) -> list[dict]:
        return CatalogueLevelSerializer(stay.activity.school_levels.all(), many=True).data

    def get_availability(self, stay: Stay) -> str:
        return catalogue.availability(stay)[0]

    def get_availability_label(self, stay: Stay) -> str:
        return catalogue.availability(stay)[1]

    @extend_schema_field(CataloguePriceSerializer)
    def get_price(self, stay: Stay) -> dict:
        return CataloguePriceSerializer(price_payload(stay)).data

    @extend_schema_field(CatalogueMediaSerializer(allow_null=True))
    def get_photo(self, stay: Stay) -> dict | None:
        photo = next((m for m in stay.media.all() if m.kind == StayMedia.KIND_PHOTO), None)
        return CatalogueMediaSerializer(photo).data if photo else None


class CatalogueDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    scope = serializers.CharField()


class CatalogueChildChoiceSerializer(serializers.Serializer):
    """For a signed-in family: may this child wish this stay, and is it wished already."""

    id = serializers.IntegerField()
    first_name = serializers.CharField()
    eligible = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
    wish_rank = serializers.IntegerField(allow_null=True)
    wish_status = serializers.CharField(allow_blank=True)


class CatalogueStayDetailSerializer(CatalogueStaySerializer):
    description = serializers.CharField(source="activity.description")
    media = CatalogueMediaSerializer(many=True)
    documents = CatalogueDocumentSerializer(many=True)
    quote = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    children = CatalogueChildChoiceSerializer(many=True)

    class Meta(CatalogueStaySerializer.Meta):
        fields = [
            *CatalogueStaySerializer.Meta.fields,
            "description",
            "media",
            "documents",
            "quote",
            "children",
        ]
        read_only_fields = fields


class CatalogueSerializer(serializers.Serializer):
    themes = serializers.ListField(child=serializers.CharField())
    results = CatalogueStaySerializer(many=True)


# --- Wishes ----------------------------------------------------------------------------------


class FamilyWishInputSerializer(serializers.Serializer):
    stay = serializers.IntegerField(min_value=1)
    transport = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    together_with = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    friend_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class FamilyWishesInputSerializer(serializers.Serializer):
    wishes = FamilyWishInputSerializer(many=True, max_length=20)


class WishChildSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class FamilyWishSerializer(serializers.ModelSerializer):
    stay = serializers.IntegerField(source="stay_id")
    stay_title = serializers.CharField(source="stay.activity.name")
    start_date = serializers.DateField(source="stay.activity.start_date")
    end_date = serializers.DateField(source="stay.activity.end_date")
    transport = serializers.IntegerField(source="transport_id", allow_null=True)
    transport_city = serializers.SerializerMethodField()
    together_with = serializers.IntegerField(source="together_with_id", allow_null=True)
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Wish
        fields = [
            "id",
            "rank",
            "stay",
            "stay_title",
            "start_date",
            "end_date",
            "transport",
            "transport_city",
            "together_with",
            "friend_name",
            "comment",
            "status",
            "status_label",
            "waitlist_position",
            "accept_by",
        ]
        read_only_fields = fields

    def get_transport_city(self, wish: Wish) -> str:
        return wish.transport.city if wish.transport_id else ""


class FamilyChildWishesSerializer(serializers.Serializer):
    child = WishChildSerializer()
    campaign = WishCampaignSerializer(allow_null=True)
    can_edit = serializers.BooleanField()
    siblings = WishChildSerializer(many=True)
    stays = CatalogueStaySerializer(many=True)
    wishes = FamilyWishSerializer(many=True)


class FamilyChildFileSerializer(serializers.Serializer):
    complete = serializers.BooleanField()
    message = serializers.CharField()
    items = MissingItemSerializer(many=True)


class WishCampaignEnvelopeSerializer(serializers.Serializer):
    campaign = WishCampaignSerializer(allow_null=True)
