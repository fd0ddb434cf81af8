"""Serializers of the place requests, for the families and for the commission. The input
serializers check the shapes only: the rules (dates, ages, establishments, schedule) are the
service's, which answers in French."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from modules.creche.models.requests import PlaceRequest
from modules.creche.models.schedules import hours_per_week, parse_schedule
from modules.creche.services import requests as service


class ScheduleDaySerializer(serializers.Serializer):
    week = serializers.ChoiceField(choices=[("A", "Semaine A"), ("B", "Semaine B")], default="A")
    weekday = serializers.IntegerField(min_value=0, max_value=6)
    arrival = serializers.CharField(max_length=5, help_text="08:30")
    departure = serializers.CharField(max_length=5, help_text="17:30")


def weekly_hours(raw) -> str | None:
    try:
        days = parse_schedule(raw, alternating=True, slots=False)
    except ValidationError:
        return None
    return str(hours_per_week(days))


class RequestChoiceSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    establishment_id = serializers.IntegerField()
    establishment_name = serializers.CharField()


class OfferSerializer(serializers.Serializer):
    establishment_id = serializers.IntegerField()
    establishment_name = serializers.CharField()
    section_id = serializers.IntegerField(allow_null=True)
    section_name = serializers.CharField(allow_blank=True)
    start = serializers.DateField()
    schedule = ScheduleDaySerializer(many=True)
    hours_per_week = serializers.CharField(allow_null=True)
    answer_by = serializers.DateField(allow_null=True)


class PlaceRequestSerializer(serializers.Serializer):
    """A request as its family reads it."""

    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=PlaceRequest.STATE_CHOICES)
    state_label = serializers.CharField(source="get_state_display")
    child_id = serializers.IntegerField(allow_null=True)
    child_name = serializers.CharField()
    expected_first_name = serializers.CharField(allow_blank=True)
    due_date = serializers.DateField(allow_null=True)
    desired_start = serializers.DateField()
    care = serializers.ChoiceField(choices=PlaceRequest.CARE_CHOICES)
    care_label = serializers.CharField(source="get_care_display")
    schedule = ScheduleDaySerializer(many=True)
    alternating = serializers.BooleanField()
    hours_per_week = serializers.SerializerMethodField()
    comment = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    renewed_at = serializers.DateTimeField()
    renewal_asked_at = serializers.DateTimeField(allow_null=True)
    renewal_due = serializers.SerializerMethodField()
    reason = serializers.CharField(allow_blank=True)
    choices = serializers.SerializerMethodField()
    offer = serializers.SerializerMethodField()
    answered_at = serializers.DateTimeField(allow_null=True)
    can_withdraw = serializers.SerializerMethodField()
    can_renew = serializers.SerializerMethodField()
    can_answer = serializers.SerializerMethodField()

    def get_hours_per_week(self, obj: PlaceRequest) -> str | None:
        return weekly_hours(obj.schedule)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_renewal_due(self, obj: PlaceRequest) -> str | None:
        due = service.renewal_deadline(obj)
        return due.isoformat() if due else None

    @extend_schema_field(RequestChoiceSerializer(many=True))
    def get_choices(self, obj: PlaceRequest) -> list[dict]:
        return [
            {
                "rank": c.rank,
                "establishment_id": c.establishment_id,
                "establishment_name": c.establishment.name,
            }
            for c in obj.choices.all()
        ]

    @extend_schema_field(OfferSerializer(allow_null=True))
    def get_offer(self, obj: PlaceRequest) -> dict | None:
        if obj.offer_establishment_id is None or obj.state not in (
            PlaceRequest.OFFERED,
            PlaceRequest.ACCEPTED,
            PlaceRequest.DECLINED,
        ):
            return None
        return {
            "establishment_id": obj.offer_establishment_id,
            "establishment_name": obj.offer_establishment.name,
            "section_id": obj.offer_section_id,
            "section_name": obj.offer_section.name if obj.offer_section_id else "",
            "start": obj.offer_start,
            "schedule": obj.offer_schedule,
            "hours_per_week": weekly_hours(obj.offer_schedule),
            "answer_by": obj.offer_answer_by,
        }

    def get_can_withdraw(self, obj: PlaceRequest) -> bool:
        return PlaceRequest.WITHDRAWN in PlaceRequest.TRANSITIONS[obj.state]

    def get_can_renew(self, obj: PlaceRequest) -> bool:
        return obj.renewal_asked_at is not None and obj.state in (
            PlaceRequest.SUBMITTED,
            PlaceRequest.WAITLISTED,
        )

    def get_can_answer(self, obj: PlaceRequest) -> bool:
        return service.can_answer(obj)


class StaffFamilySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class SectionOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    min_age_months = serializers.IntegerField()
    max_age_months = serializers.IntegerField()


class EstablishmentOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind_label = serializers.CharField()
    min_age_months = serializers.IntegerField()
    max_age_months = serializers.IntegerField()
    active = serializers.BooleanField()
    rank = serializers.IntegerField(allow_null=True, help_text="Rang dans la demande, sinon null.")
    sections = SectionOptionSerializer(many=True)


class StaffPlaceRequestSerializer(PlaceRequestSerializer):
    """A request as the commission reads it: the family, the child's age, the decisions."""

    family = serializers.SerializerMethodField()
    child_birth_date = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.SerializerMethodField()
    establishments = serializers.SerializerMethodField()

    @extend_schema_field(StaffFamilySerializer)
    def get_family(self, obj: PlaceRequest) -> dict:
        f = obj.family
        return {"id": f.pk, "number": f.number, "name": f.name, "email": f.email, "phone": f.phone}

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_child_birth_date(self, obj: PlaceRequest):
        return obj.child.birth_date if obj.child_id else None

    def get_decided_by(self, obj: PlaceRequest) -> str:
        user = obj.decided_by
        return (user.get_full_name() or user.email) if user else ""

    @extend_schema_field(EstablishmentOptionSerializer(many=True))
    def get_establishments(self, obj: PlaceRequest) -> list[dict]:
        """Every establishment the commission may offer, the family's choices first."""
        ranks = {c.establishment_id: c.rank for c in obj.choices.all()}
        rows = [
            {
                "id": e.pk,
                "name": e.name,
                "kind_label": e.get_kind_display(),
                "min_age_months": e.min_age_months,
                "max_age_months": e.max_age_months,
                "active": e.active,
                "rank": ranks.get(e.pk),
                "sections": [
                    {
                        "id": s.pk,
                        "name": s.name,
                        "min_age_months": s.min_age_months,
                        "max_age_months": s.max_age_months,
                    }
                    for s in e.sections.all()
                ],
            }
            for e in self.context["establishments"]
        ]
        return sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0))


class StaffRequestRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=PlaceRequest.STATE_CHOICES)
    state_label = serializers.CharField(source="get_state_display")
    child_name = serializers.CharField()
    child_birth_date = serializers.SerializerMethodField()
    due_date = serializers.DateField(allow_null=True)
    family_id = serializers.IntegerField()
    family_name = serializers.CharField(source="family.name")
    desired_start = serializers.DateField()
    created_at = serializers.DateTimeField()
    care = serializers.ChoiceField(choices=PlaceRequest.CARE_CHOICES)
    care_label = serializers.CharField(source="get_care_display")
    hours_per_week = serializers.SerializerMethodField()
    choices = serializers.SerializerMethodField()
    offer_establishment_name = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_child_birth_date(self, obj: PlaceRequest):
        return obj.child.birth_date if obj.child_id else None

    def get_hours_per_week(self, obj: PlaceRequest) -> str | None:
        return weekly_hours(obj.schedule)

    def get_choices(self, obj: PlaceRequest) -> list[str]:
        return [c.establishment.name for c in obj.choices.all()]

    def get_offer_establishment_name(self, obj: PlaceRequest) -> str:
        return obj.offer_establishment.name if obj.offer_establishment_id else ""


class EstablishmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class StaffRequestListSerializer(serializers.Serializer):
    """The requests filtered, and every establishment for the filter."""

    establishments = EstablishmentRefSerializer(many=True)
    requests = StaffRequestRowSerializer(many=True)


class RequestChildOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField()


class RequestOptionsSerializer(serializers.Serializer):
    """What the family's request form offers: its children, the establishments taking
    requests, and today (structure's day) for the date pickers."""

    today = serializers.DateField()
    children = RequestChildOptionSerializer(many=True)
    establishments = EstablishmentOptionSerializer(many=True)
    max_choices = serializers.IntegerField()


class RequestInputSerializer(serializers.Serializer):
    child = serializers.IntegerField(required=False, allow_null=True)
    expected_first_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150, default=""
    )
    due_date = serializers.DateField(required=False, allow_null=True)
    desired_start = serializers.DateField()
    care = serializers.ChoiceField(choices=PlaceRequest.CARE_CHOICES)
    schedule = ScheduleDaySerializer(many=True)
    alternating = serializers.BooleanField(default=False)
    establishments = serializers.ListField(child=serializers.IntegerField(), max_length=10)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class OfferInputSerializer(serializers.Serializer):
    establishment = serializers.IntegerField()
    section = serializers.IntegerField(required=False, allow_null=True)
    start = serializers.DateField()
    schedule = ScheduleDaySerializer(many=True)
    alternating = serializers.BooleanField(default=False)


class AvailabilityInputSerializer(serializers.Serializer):
    establishment = serializers.IntegerField()
    start = serializers.DateField()
    schedule = ScheduleDaySerializer(many=True)
    alternating = serializers.BooleanField(default=False)


class AvailabilityDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    arrival = serializers.TimeField(format="%H:%M")
    departure = serializers.TimeField(format="%H:%M")
    free = serializers.IntegerField()
    open = serializers.BooleanField()


class AvailabilitySerializer(serializers.Serializer):
    days = AvailabilityDaySerializer(many=True)
    min_free = serializers.IntegerField(allow_null=True)


class RefuseInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True)
