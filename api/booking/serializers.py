"""Shapes of the booking API (catalogue, enrolments, planning, cart)."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import BoundedDateField, BoundedDateTimeField
from core.booking.models import Enrolment, Reservation
from core.catalog.models import Activity, ActivityGroup, Unit

ACTIONS = ["book", "cancel"]
CELL_ACTIONS = ["book", "cancel", "absence"]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "short_label",
            "start_time",
            "end_time",
            "with_meal",
            "weekdays",
            "order",
        ]


class GroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityGroup
        fields = ["id", "name"]


class ActivitySerializer(serializers.ModelSerializer):
    """An activity as parents see it in the catalogue."""

    kind_label = serializers.SerializerMethodField()
    module_label = serializers.SerializerMethodField()
    units = UnitSerializer(many=True, read_only=True)
    groups = GroupSerializer(many=True, read_only=True)
    booking_rule = serializers.SerializerMethodField()
    enrolment_open = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "module",
            "module_label",
            "kind",
            "kind_label",
            "name",
            "season",
            "start_date",
            "end_date",
            "description",
            "place",
            "min_age",
            "max_age",
            "enrolment_opens_on",
            "enrolment_closes_on",
            "enrolment_open",
            "enrolment_validation",
            "booking_validation",
            "booking_rule",
            "units",
            "groups",
        ]

    def _module(self, obj):
        from core.modules import registry

        try:
            return registry.get(obj.module)
        except KeyError:
            return None

    def get_module_label(self, obj) -> str:
        module = self._module(obj)
        return module.label if module else obj.module

    def get_kind_label(self, obj) -> str:
        module = self._module(obj)
        kind = module.activity_kind(obj.kind) if module else None
        return kind.label if kind else obj.kind

    def get_booking_rule(self, obj) -> str:
        from core.booking.windows import Unrestricted, describe

        policy = obj.booking_policy
        return policy.description if policy else describe(Unrestricted())

    def get_enrolment_open(self, obj) -> bool:
        from django.utils import timezone

        today = timezone.localdate()
        if obj.enrolment_opens_on and today < obj.enrolment_opens_on:
            return False
        if obj.enrolment_closes_on and today > obj.enrolment_closes_on:
            return False
        return obj.end_date >= today


class EnrolmentSerializer(serializers.ModelSerializer):
    child_name = serializers.CharField(source="child.first_name", read_only=True)
    activity_name = serializers.CharField(source="activity.__str__", read_only=True)
    module = serializers.CharField(source="activity.module", read_only=True)
    start_date = BoundedDateField(source="activity.start_date", read_only=True)
    end_date = BoundedDateField(source="activity.end_date", read_only=True)
    group_name = serializers.CharField(source="group.name", read_only=True, default="")

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "child",
            "child_name",
            "activity",
            "activity_name",
            "module",
            "group",
            "group_name",
            "start_date",
            "end_date",
            "status",
            "reason",
            "created_at",
            "decided_at",
        ]
        read_only_fields = ["status", "reason", "created_at", "decided_at"]


class EnrolmentRequestSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    activity = serializers.IntegerField()
    group = serializers.IntegerField(required=False, allow_null=True)


class CellSerializer(serializers.Serializer):
    date = BoundedDateField()
    status = serializers.CharField(help_text="Code de légende (réservation, complet, fermé…)")
    actions = serializers.ListField(child=serializers.ChoiceField(choices=CELL_ACTIONS))
    reason = serializers.CharField(allow_blank=True)
    reservation_id = serializers.IntegerField(allow_null=True)
    opening_id = serializers.IntegerField(allow_null=True)
    in_cart = serializers.ChoiceField(choices=ACTIONS, allow_null=True)
    free_places = serializers.IntegerField(allow_null=True)
    waitlist_rank = serializers.IntegerField(
        allow_null=True,
        help_text="Rang sur la liste d'attente de l'ouverture (1 = la prochaine place libérée), "
        "pour une réservation en liste d'attente ; null sinon.",
    )


class UnitRowSerializer(serializers.Serializer):
    unit = UnitSerializer()
    cells = CellSerializer(many=True)


class ActivityBlockSerializer(serializers.Serializer):
    enrolment = EnrolmentSerializer()
    booking_rule = serializers.CharField()
    rows = UnitRowSerializer(many=True)


class ChildPlanningSerializer(serializers.Serializer):
    child_id = serializers.IntegerField(source="child.pk")
    first_name = serializers.CharField(source="child.first_name")
    activities = ActivityBlockSerializer(many=True)


class DayInfoSerializer(serializers.Serializer):
    date = BoundedDateField()
    public_holiday = serializers.CharField(allow_null=True)
    school_holiday = serializers.CharField(allow_null=True)
    closure = serializers.CharField(allow_null=True)


class PlanningSerializer(serializers.Serializer):
    month = BoundedDateField()
    days = DayInfoSerializer(many=True)
    children = ChildPlanningSerializer(many=True)


class BookingChangeSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    opening = serializers.IntegerField()
    action = serializers.ChoiceField(choices=ACTIONS)


class CartChangesSerializer(serializers.Serializer):
    changes = BookingChangeSerializer(many=True, allow_empty=False, max_length=2000)


class CartLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="line_id", allow_null=True)
    child = serializers.IntegerField(source="child_id")
    child_name = serializers.CharField()
    opening = serializers.IntegerField(source="opening.pk")
    date = BoundedDateField(source="opening.date")
    activity = serializers.CharField(source="opening.unit.activity.__str__")
    unit = serializers.CharField(source="opening.unit.name")
    action = serializers.ChoiceField(choices=ACTIONS)
    amount = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    tariff_name = serializers.CharField()
    ok = serializers.BooleanField()
    code = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    full = serializers.BooleanField()


class CartSerializer(serializers.Serializer):
    lines = CartLineSerializer(many=True)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    count = serializers.SerializerMethodField()

    def get_count(self, obj) -> int:
        return len(obj.lines)


class CartUpdateSerializer(serializers.Serializer):
    cart = CartSerializer()
    refused = CartLineSerializer(many=True)


class OutcomeSerializer(serializers.Serializer):
    child = serializers.IntegerField(source="change.child_id")
    opening = serializers.IntegerField(source="change.opening_id")
    action = serializers.CharField(source="change.action")
    date = BoundedDateField(source="opening.date", allow_null=True)
    unit = serializers.CharField(source="opening.unit.name", allow_null=True, default="")
    ok = serializers.BooleanField()
    state = serializers.CharField(allow_blank=True, help_text="État de la réservation")
    code = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    amount = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    tariff_name = serializers.CharField(allow_blank=True)


class CheckoutSerializer(serializers.Serializer):
    done = OutcomeSerializer(many=True)
    failed = OutcomeSerializer(many=True)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    committed_at = BoundedDateTimeField()


class WeeklyTemplateSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    activity = serializers.IntegerField()
    start = BoundedDateField()
    end = BoundedDateField()
    parity = serializers.ChoiceField(choices=["all", "even", "odd"], default="all")
    slots = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        allow_empty=False,
        max_length=50,
        help_text="[jour de la semaine (0 = lundi), id de prestation]",
    )

    def validate_slots(self, value):
        if any(not 0 <= weekday <= 6 for weekday, _ in value):
            raise serializers.ValidationError("Jour de la semaine invalide.")
        return value


class TemplateReportSerializer(serializers.Serializer):
    added = serializers.IntegerField()
    skipped = CartLineSerializer(many=True)
    cart = CartSerializer()


class AbsenceSerializer(serializers.Serializer):
    reservation = serializers.IntegerField()
    reason = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    document = serializers.FileField(required=False, allow_null=True)


class ReservationSerializer(serializers.ModelSerializer):
    child_name = serializers.CharField(source="child.first_name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Reservation
        fields = [
            "id",
            "child",
            "child_name",
            "unit",
            "unit_name",
            "date",
            "state",
            "reason",
            "absence_reason",
            "amount",
            "tariff_name",
        ]
