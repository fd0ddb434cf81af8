"""Shapes of the crèche's money routes: absences, pre-billing, Caf reports, settings."""

from __future__ import annotations

from rest_framework import serializers

from modules.creche.models import Absence, CrecheSettings
from modules.creche.services.absences import REASONS, RETAINED

MONEY = {"max_digits": 12, "decimal_places": 2}
HOURS = {"max_digits": 10, "decimal_places": 2}
#: Named in ``ENUM_NAME_OVERRIDES`` (``platform/config/settings.py``).
REASON_CHOICES = list(REASONS.items())
RETAINED_CHOICES = [(k, dict(Absence.KIND_CHOICES)[k]) for k in RETAINED]


# --- Absences ------------------------------------------------------------------------------------


class AbsenceSerializer(serializers.ModelSerializer):
    child_name = serializers.SerializerMethodField()
    establishment_name = serializers.CharField(source="contract.establishment.name")
    declared_kind_label = serializers.CharField(source="get_declared_kind_display")
    kind_label = serializers.CharField(source="get_kind_display")
    state_label = serializers.CharField(source="get_state_display")
    has_proof = serializers.SerializerMethodField()
    proof_name = serializers.SerializerMethodField()

    class Meta:
        model = Absence
        fields = [
            "id",
            "child",
            "child_name",
            "contract",
            "establishment_name",
            "start_date",
            "end_date",
            "declared_kind",
            "declared_kind_label",
            "kind",
            "kind_label",
            "state",
            "state_label",
            "comment",
            "staff_note",
            "has_proof",
            "proof_name",
            "declared_at",
            "qualified_at",
        ]
        read_only_fields = fields

    def get_child_name(self, absence) -> str:
        return f"{absence.child.first_name} {absence.child.last_name}"

    def get_has_proof(self, absence) -> bool:
        return absence.proof_id is not None

    def get_proof_name(self, absence) -> str:
        return absence.proof.original_name if absence.proof_id else ""


class StaffAbsenceSerializer(AbsenceSerializer):
    family_name = serializers.CharField(source="contract.family.name")

    class Meta(AbsenceSerializer.Meta):
        fields = [*AbsenceSerializer.Meta.fields, "family_name"]
        read_only_fields = fields


class AbsenceDeclareSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    reason = serializers.ChoiceField(choices=REASON_CHOICES)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    proof = serializers.FileField(required=False, allow_null=True)


class AbsenceContractSerializer(serializers.Serializer):
    contract = serializers.IntegerField()
    child = serializers.IntegerField()
    child_name = serializers.CharField()
    establishment_name = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()


class AbsenceQualifySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[(k, dict(Absence.KIND_CHOICES)[k]) for k in RETAINED])
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class EvictionSerializer(serializers.Serializer):
    contract = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class StaffAbsenceQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Absence.STATE_CHOICES, required=False)
    establishment = serializers.IntegerField(required=False)


# --- Pre-billing ---------------------------------------------------------------------------------


class MonthQuerySerializer(serializers.Serializer):
    establishment = serializers.IntegerField()
    month = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$",
        error_messages={"invalid": "Mois attendu au format AAAA-MM (par exemple 2027-02)."},
    )


class PrebillingLineSerializer(serializers.Serializer):
    reference = serializers.CharField()
    label = serializers.CharField()
    quantity = serializers.DecimalField(**HOURS)
    unit_price = serializers.DecimalField(**MONEY, allow_null=True)
    amount = serializers.DecimalField(**MONEY)
    already_billed = serializers.BooleanField()


class PrebillingChildSerializer(serializers.Serializer):
    child_id = serializers.IntegerField()
    child_name = serializers.CharField()
    family_id = serializers.IntegerField()
    family_name = serializers.CharField()
    contract_id = serializers.IntegerField(allow_null=True)
    contract_state = serializers.CharField()
    planned_hours = serializers.DecimalField(**HOURS)
    attended_hours = serializers.DecimalField(**HOURS)
    extra_hours = serializers.DecimalField(**HOURS)
    deducted_hours = serializers.DecimalField(**HOURS)
    amount = serializers.DecimalField(**MONEY)
    lines = PrebillingLineSerializer(many=True)
    details = serializers.ListField(child=serializers.CharField())
    warnings = serializers.ListField(child=serializers.CharField())


class PrebillingSerializer(serializers.Serializer):
    establishment = serializers.IntegerField()
    establishment_name = serializers.CharField()
    month = serializers.CharField()
    month_label = serializers.CharField()
    total = serializers.DecimalField(**MONEY)
    warning_count = serializers.IntegerField()
    children = PrebillingChildSerializer(many=True)


# --- Caf reports ---------------------------------------------------------------------------------


class ReportQuerySerializer(serializers.Serializer):
    establishment = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False)


class AgeBandSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    children = serializers.IntegerField()
    attended_hours = serializers.DecimalField(**HOURS)
    billed_hours = serializers.DecimalField(**HOURS)


class ReportMonthSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    label = serializers.CharField()
    attended_hours = serializers.DecimalField(**HOURS)
    billed_hours = serializers.DecimalField(**HOURS)
    participations = serializers.DecimalField(**MONEY)
    children = serializers.IntegerField()


class CafReportSerializer(serializers.Serializer):
    establishment = serializers.IntegerField()
    establishment_name = serializers.CharField()
    period_label = serializers.CharField()
    attended_hours = serializers.DecimalField(**HOURS)
    billed_hours = serializers.DecimalField(**HOURS)
    billing_rate = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    billing_rate_alert = serializers.BooleanField()
    participations = serializers.DecimalField(**MONEY)
    children = serializers.IntegerField()
    age_bands = AgeBandSerializer(many=True)
    months = ReportMonthSerializer(many=True)


class FilouePreviewSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    consenting_children = serializers.IntegerField()
    excluded_children = serializers.IntegerField()
    consent_label = serializers.CharField()


# --- Settings ------------------------------------------------------------------------------------


class CrecheSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = CrecheSettings
        fields = [
            "rounding_minutes",
            "tolerance_minutes",
            "carence_days",
            "parents_may_clock",
            "missing_resources",
            "rate_rounding",
            "request_renewal_months",
            "offer_answer_days",
            "occasional_validation",
            "contact_email",
        ]
        extra_kwargs = {
            "rounding_minutes": {"min_value": 1, "max_value": 60},
            "tolerance_minutes": {"max_value": 60},
            "carence_days": {"max_value": 10},
            "request_renewal_months": {"max_value": 24},
            "offer_answer_days": {"min_value": 1, "max_value": 60},
        }
