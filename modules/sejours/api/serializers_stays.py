"""What the coordinators read and send for stays, campaigns and the séjours settings.

Input serializers only parse types; the rules (dates ordered, brackets without gaps, one
deposit rule…) are the services' (``modules/sejours/services/stay_data.py``)."""

from __future__ import annotations

from rest_framework import serializers

from modules.sejours.allocation import CRITERIA
from modules.sejours.models import Campaign, SejoursSettings, Stay, StayMedia, TransportOption

MONEY = {"max_digits": 10, "decimal_places": 2}


class TransportSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransportOption
        fields = ["id", "city", "supplement", "meeting_place", "meeting_at", "return_at"]


class MediaSerializer(serializers.ModelSerializer):
    class Meta:
        model = StayMedia
        fields = ["id", "kind", "caption", "content_type", "order"]


class StayListSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="activity.name")
    season = serializers.CharField(source="activity.season")
    start_date = serializers.DateField(source="activity.start_date")
    end_date = serializers.DateField(source="activity.end_date")
    min_age = serializers.IntegerField(source="activity.min_age", allow_null=True)
    max_age = serializers.IntegerField(source="activity.max_age", allow_null=True)
    campaign_label = serializers.CharField(source="campaign.label", default=None)
    places_left = serializers.SerializerMethodField()
    wishes_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Stay
        fields = [
            "id",
            "name",
            "season",
            "theme",
            "destination",
            "country",
            "start_date",
            "end_date",
            "min_age",
            "max_age",
            "capacity",
            "places_left",
            "wishes_count",
            "campaign",
            "campaign_label",
            "status",
        ]

    def get_places_left(self, obj) -> int:
        return self.context.get("places_left", {}).get(obj.pk, 0)


class StaySerializer(StayListSerializer):
    description = serializers.CharField(source="activity.description")
    place = serializers.CharField(source="activity.place")
    published = serializers.BooleanField(source="activity.published")
    school_levels = serializers.PrimaryKeyRelatedField(
        source="activity.school_levels", many=True, read_only=True
    )
    transports = TransportSerializer(many=True, read_only=True)
    media = MediaSerializer(many=True, read_only=True)
    document_types = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    copied_from = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(StayListSerializer.Meta):
        fields = [
            *StayListSerializer.Meta.fields,
            "description",
            "place",
            "published",
            "school_levels",
            "nautical",
            "price_method",
            "price_amount",
            "price_amount_exterior",
            "price_brackets",
            "deposit_amount",
            "deposit_percent",
            "balance_days_before",
            "cancellation_scale",
            "document_types",
            "trousseau",
            "practical_info",
            "transports",
            "media",
            "copied_from",
        ]


class TransportInputSerializer(serializers.Serializer):
    city = serializers.CharField(max_length=80)
    supplement = serializers.DecimalField(**MONEY, required=False, default=0)
    meeting_place = serializers.CharField(max_length=200)
    meeting_at = serializers.DateTimeField()
    return_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class BracketSerializer(serializers.Serializer):
    qf_min = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, default=0)
    qf_max = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True, default=None
    )
    amount = serializers.DecimalField(**MONEY)
    amount_exterior = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, default=None
    )


class ScaleStepSerializer(serializers.Serializer):
    days_min = serializers.IntegerField(min_value=0, max_value=365)
    percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None
    )
    deposit = serializers.BooleanField(required=False, default=False)


class StayInputSerializer(serializers.Serializer):
    """A stay to create (all required fields) or change (``partial=True``)."""

    name = serializers.CharField(max_length=150)
    theme = serializers.CharField(max_length=80)
    destination = serializers.CharField(max_length=150)
    country = serializers.CharField(max_length=80, required=False)
    place = serializers.CharField(max_length=150, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    published = serializers.BooleanField(required=False)
    nautical = serializers.BooleanField(required=False)
    campaign = serializers.IntegerField(required=False, allow_null=True)
    season = serializers.CharField(max_length=40, required=False, allow_blank=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    min_age = serializers.IntegerField(min_value=0, max_value=25, required=False, allow_null=True)
    max_age = serializers.IntegerField(min_value=0, max_value=25, required=False, allow_null=True)
    school_levels = serializers.ListField(child=serializers.IntegerField(), required=False)
    capacity = serializers.IntegerField(min_value=0, max_value=10000)
    price_method = serializers.ChoiceField(choices=[c[0] for c in Stay.PRICE_CHOICES])
    price_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    price_amount_exterior = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    price_brackets = BracketSerializer(many=True, required=False)
    deposit_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    deposit_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    balance_days_before = serializers.IntegerField(min_value=0, max_value=365, required=False)
    cancellation_scale = ScaleStepSerializer(many=True, required=False)
    document_types = serializers.ListField(child=serializers.IntegerField(), required=False)
    trousseau = serializers.CharField(required=False, allow_blank=True)
    practical_info = serializers.CharField(required=False, allow_blank=True)
    transports = TransportInputSerializer(many=True, required=False)


class CopySerializer(serializers.Serializer):
    start_date = serializers.DateField()
    campaign = serializers.IntegerField(required=False, allow_null=True)


class MediaInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=[c[0] for c in StayMedia.KIND_CHOICES])
    caption = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class CampaignSerializer(serializers.ModelSerializer):
    criteria = serializers.ListField(
        child=serializers.ChoiceField(choices=list(CRITERIA)), required=False
    )
    stays_count = serializers.IntegerField(read_only=True, default=0)
    wishes_count = serializers.IntegerField(read_only=True, default=0)
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
            "max_stays_per_child",
            "criteria",
            "keep_on_better_waitlists",
            "status",
            "published_at",
            "stays_count",
            "wishes_count",
            "is_open",
        ]
        read_only_fields = ["status", "published_at"]
        # The services check the bounds and say why in French.
        extra_kwargs = {
            "max_wishes": {"min_value": None, "max_value": None, "validators": []},
        }

    def get_is_open(self, obj) -> bool:
        return obj.is_open()


class SettingsSerializer(serializers.ModelSerializer):
    vacaf_bands = serializers.ListField(
        child=serializers.ListField(
            child=serializers.CharField(max_length=20), min_length=2, max_length=2
        )
    )
    criteria_labels = serializers.SerializerMethodField()

    class Meta:
        model = SejoursSettings
        fields = [
            "accept_days",
            "vacaf_enabled",
            "vacaf_bands",
            "vacaf_cap_days",
            "coordinator_email",
            "criteria_labels",
        ]

    def get_criteria_labels(self, obj) -> dict[str, str]:
        return dict(CRITERIA)
