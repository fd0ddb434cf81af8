"""Serializers of the establishments' set-up (staff) and of the places offered (families)."""

from __future__ import annotations

from rest_framework import serializers

from modules.creche.models import (
    CapacityBand,
    Establishment,
    EstablishmentClosure,
    OpeningHours,
    Section,
)


class EstablishmentHoursSerializer(serializers.ModelSerializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6)
    opens = serializers.TimeField(format="%H:%M")
    closes = serializers.TimeField(format="%H:%M")

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]


class CapacityBandSerializer(serializers.ModelSerializer):
    start = serializers.TimeField(format="%H:%M")
    end = serializers.TimeField(format="%H:%M")
    places = serializers.IntegerField(min_value=0, max_value=200)

    class Meta:
        model = CapacityBand
        fields = ["start", "end", "places"]


class EstablishmentSectionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, allow_null=True)
    min_age_months = serializers.IntegerField(min_value=0, max_value=72)
    max_age_months = serializers.IntegerField(min_value=1, max_value=72)
    places = serializers.IntegerField(min_value=0, max_value=200)

    class Meta:
        model = Section
        fields = ["id", "name", "min_age_months", "max_age_months", "places"]


class EstablishmentClosureSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="closure.label")
    start_date = serializers.DateField(source="closure.start_date")
    end_date = serializers.DateField(source="closure.end_date")

    class Meta:
        model = EstablishmentClosure
        fields = ["id", "label", "start_date", "end_date", "deducted"]


class EstablishmentClosureInputSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=120)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    deducted = serializers.BooleanField(default=False)


class EstablishmentListSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Establishment
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "address",
            "agrement",
            "min_age_months",
            "max_age_months",
            "occasional_care",
            "active",
        ]


class EstablishmentSerializer(EstablishmentListSerializer):
    hours = EstablishmentHoursSerializer(many=True)
    bands = CapacityBandSerializer(many=True, source="capacity_bands")
    sections = EstablishmentSectionSerializer(many=True)
    closures = EstablishmentClosureSerializer(many=True)

    class Meta(EstablishmentListSerializer.Meta):
        fields = [
            *EstablishmentListSerializer.Meta.fields,
            "phone",
            "order",
            "hours",
            "bands",
            "sections",
            "closures",
        ]


class EstablishmentInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    kind = serializers.ChoiceField(choices=Establishment.KIND_CHOICES)
    address = serializers.CharField(max_length=250, allow_blank=True, required=False)
    phone = serializers.CharField(max_length=20, allow_blank=True, required=False)
    agrement = serializers.IntegerField(min_value=1, max_value=200)
    min_age_months = serializers.IntegerField(min_value=0, max_value=72, required=False)
    max_age_months = serializers.IntegerField(min_value=1, max_value=72, required=False)
    occasional_care = serializers.BooleanField(required=False)
    active = serializers.BooleanField(required=False)
    order = serializers.IntegerField(min_value=0, max_value=1000, required=False)
    hours = EstablishmentHoursSerializer(many=True, required=False)
    bands = CapacityBandSerializer(many=True, required=False)
    sections = EstablishmentSectionSerializer(many=True, required=False)


class EstablishmentSavedSerializer(serializers.Serializer):
    """The establishment as saved, and what the places' re-sync says (empty when nothing)."""

    establishment = EstablishmentSerializer()
    openings_created = serializers.IntegerField()
    message = serializers.CharField(allow_blank=True)
