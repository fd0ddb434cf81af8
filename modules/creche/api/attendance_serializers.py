"""Serializers of the day's board, the pointage and the occasional care."""

from __future__ import annotations

from rest_framework import serializers

from modules.creche.services import board, occasional, pointage

TIME = "%H:%M"


class CrecheChildBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class CrechePresenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    arrival = serializers.TimeField(format=TIME)
    departure = serializers.TimeField(format=TIME, allow_null=True)
    source = serializers.CharField()
    corrected = serializers.BooleanField()
    correction_reason = serializers.CharField(allow_blank=True)


class CrecheSlotSerializer(serializers.Serializer):
    start = serializers.TimeField(format=TIME)
    label = serializers.CharField()
    capacity = serializers.IntegerField()
    booked = serializers.IntegerField()
    free = serializers.IntegerField()
    closed = serializers.BooleanField()


class BoardRowSerializer(serializers.Serializer):
    child = CrecheChildBriefSerializer()
    kind = serializers.ChoiceField(choices=board.KIND_CHOICES)
    planned_arrival = serializers.TimeField(format=TIME, allow_null=True)
    planned_departure = serializers.TimeField(format=TIME, allow_null=True)
    requested = serializers.BooleanField()
    status = serializers.ChoiceField(choices=board.STATUS_CHOICES)
    presence = CrechePresenceSerializer(allow_null=True)
    absence_kind = serializers.CharField(source="absence_label")


class BoardCountsSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    present = serializers.IntegerField()
    gone = serializers.IntegerField()
    absent = serializers.IntegerField()


class BoardEstablishmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class BoardSerializer(serializers.Serializer):
    establishment = BoardEstablishmentSerializer()
    establishments = BoardEstablishmentSerializer(many=True)
    date = serializers.DateField()
    today = serializers.DateField()
    rows = BoardRowSerializer(many=True)
    counts = BoardCountsSerializer()
    slots = CrecheSlotSerializer(many=True)


class CrecheClockInputSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    establishment = serializers.IntegerField()
    date = serializers.DateField(required=False)
    action = serializers.ChoiceField(choices=pointage.ACTION_CHOICES)
    time = serializers.TimeField(required=False, allow_null=True)


class CorrectionInputSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    establishment = serializers.IntegerField()
    date = serializers.DateField()
    arrival = serializers.TimeField()
    departure = serializers.TimeField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class PresenceHistoryRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    label = serializers.CharField()
    arrival = serializers.TimeField(format=TIME)
    departure = serializers.TimeField(format=TIME, allow_null=True)
    source = serializers.CharField()
    corrected = serializers.BooleanField()
    correction_reason = serializers.CharField(allow_blank=True)
    author = serializers.CharField()


class DoorChildSerializer(serializers.Serializer):
    child = CrecheChildBriefSerializer()
    establishment = BoardEstablishmentSerializer()
    presence = CrechePresenceSerializer(allow_null=True)


class DoorSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    today = serializers.DateField()
    children = DoorChildSerializer(many=True)


class DoorClockInputSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    action = serializers.ChoiceField(choices=pointage.ACTION_CHOICES)


class OccasionalEstablishmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    min_age_months = serializers.IntegerField()
    max_age_months = serializers.IntegerField()


class OccasionalChildSerializer(CrecheChildBriefSerializer):
    eligible = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)


class OccasionalPresetSerializer(serializers.Serializer):
    label = serializers.CharField()
    arrival = serializers.TimeField(format=TIME)
    departure = serializers.TimeField(format=TIME)


class OccasionalAvailabilitySerializer(serializers.Serializer):
    establishments = OccasionalEstablishmentSerializer(many=True)
    establishment = OccasionalEstablishmentSerializer(allow_null=True)
    date = serializers.DateField()
    today = serializers.DateField()
    slots = CrecheSlotSerializer(many=True)
    presets = OccasionalPresetSerializer(many=True)
    children = OccasionalChildSerializer(many=True)
    validation = serializers.BooleanField()


class OccasionalDaySerializer(serializers.Serializer):
    key = serializers.CharField()
    child = CrecheChildBriefSerializer()
    family_name = serializers.SerializerMethodField()
    establishment = BoardEstablishmentSerializer()
    day = serializers.DateField()
    arrival = serializers.TimeField(format=TIME)
    departure = serializers.TimeField(format=TIME)
    state = serializers.CharField()
    state_label = serializers.SerializerMethodField()
    can_cancel = serializers.BooleanField()
    cancel_reason = serializers.CharField(allow_blank=True)

    def get_family_name(self, day) -> str:
        family = getattr(day.child, "family", None)
        return str(family) if family is not None and self.context.get("staff") else ""

    def get_state_label(self, day) -> str:
        from core.booking.models import Reservation

        return dict(Reservation.STATE_CHOICES).get(day.state, day.state)


class OccasionalBookInputSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    establishment = serializers.IntegerField()
    date = serializers.DateField()
    arrival = serializers.TimeField()
    departure = serializers.TimeField()


class OccasionalCancelInputSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    establishment = serializers.IntegerField()
    date = serializers.DateField()


class OccasionalDecisionInputSerializer(OccasionalCancelInputSerializer):
    decision = serializers.ChoiceField(choices=occasional.DECISION_CHOICES)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class CrecheDoneSerializer(serializers.Serializer):
    detail = serializers.CharField()
    count = serializers.IntegerField()
