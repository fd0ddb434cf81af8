"""Serializers of the contracts' API: the terms staff type (a contract's or an avenant's),
the simulation's steps, the contracts as staff and families read them."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from modules.creche.models import Contract, ContractTerms
from modules.creche.services.contracts import TermsInput, current_terms

MISSING = ContractTerms.RESOURCES_CHOICES


class ContractScheduleDaySerializer(serializers.Serializer):
    week = serializers.ChoiceField(choices=[("A", "Semaine A"), ("B", "Semaine B")], default="A")
    weekday = serializers.IntegerField(min_value=0, max_value=6)
    arrival = serializers.CharField(max_length=5)
    departure = serializers.CharField(max_length=5)


class TermsInputSerializer(serializers.Serializer):
    """The terms of the contract or an avenant; the server recomputes the rate."""

    schedule = ContractScheduleDaySerializer(many=True)
    alternating = serializers.BooleanField(default=False)
    weeks_per_year = serializers.DecimalField(max_digits=4, decimal_places=1)
    leave_weeks = serializers.DecimalField(max_digits=4, decimal_places=1, default=Decimal(0))
    annual_resources = serializers.DecimalField(
        max_digits=10, decimal_places=2, allow_null=True, required=False, default=None
    )
    resources_year = serializers.IntegerField(
        min_value=2000, max_value=2100, allow_null=True, required=False, default=None
    )
    missing_resources = serializers.ChoiceField(choices=MISSING, default="ceiling")
    children = serializers.IntegerField(min_value=1, max_value=20)
    aeeh_children = serializers.IntegerField(min_value=0, max_value=20, default=0)

    def terms(self) -> TermsInput:
        data = self.validated_data
        return TermsInput(
            schedule=[dict(day) for day in data["schedule"]],
            alternating=data["alternating"],
            weeks_per_year=data["weeks_per_year"],
            leave_weeks=data["leave_weeks"],
            annual_resources=data.get("annual_resources"),
            resources_year=data.get("resources_year"),
            missing_resources=data["missing_resources"],
            children=data["children"],
            aeeh_children=data["aeeh_children"],
        )


class ContractFrameSerializer(TermsInputSerializer):
    section = serializers.IntegerField(allow_null=True, required=False, default=None)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    months_billed = serializers.IntegerField(
        min_value=1, max_value=12, allow_null=True, required=False, default=None
    )


class ContractInputSerializer(ContractFrameSerializer):
    child = serializers.IntegerField()
    establishment = serializers.IntegerField()
    request = serializers.IntegerField(allow_null=True, required=False, default=None)


class SimulationInputSerializer(TermsInputSerializer):
    establishment = serializers.IntegerField()
    start_date = serializers.DateField(help_text="Date du calcul : début du contrat ou avenant.")
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    months_billed = serializers.IntegerField(
        min_value=1, max_value=12, allow_null=True, required=False, default=None
    )


class SimulationSerializer(serializers.Serializer):
    on = serializers.DateField()
    parameters_from = serializers.DateField()
    monthly_resources = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    retained_resources = serializers.DecimalField(max_digits=12, decimal_places=2)
    floor = serializers.DecimalField(max_digits=10, decimal_places=2)
    ceiling = serializers.DecimalField(max_digits=10, decimal_places=2)
    effort_rate = serializers.DecimalField(max_digits=8, decimal_places=6)
    rate_children = serializers.IntegerField()
    hourly_rate = serializers.DecimalField(max_digits=8, decimal_places=2)
    hours_per_week = serializers.DecimalField(max_digits=6, decimal_places=2)
    care_weeks = serializers.DecimalField(max_digits=4, decimal_places=1)
    months_billed = serializers.IntegerField()
    monthly_hours = serializers.DecimalField(max_digits=7, decimal_places=2)
    monthly_fee = serializers.DecimalField(max_digits=9, decimal_places=2)
    steps = serializers.ListField(child=serializers.CharField())


class PrefillSerializer(serializers.Serializer):
    child = serializers.IntegerField(allow_null=True)
    child_first_name = serializers.CharField(allow_blank=True)
    child_last_name = serializers.CharField(allow_blank=True)
    family_name = serializers.CharField()
    establishment = serializers.IntegerField(allow_null=True)
    section = serializers.IntegerField(allow_null=True)
    request = serializers.IntegerField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    schedule = ContractScheduleDaySerializer(many=True)
    alternating = serializers.BooleanField()
    annual_resources = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    resources_year = serializers.IntegerField()
    missing_resources = serializers.ChoiceField(choices=MISSING)
    children = serializers.IntegerField()
    aeeh_children = serializers.IntegerField()


class AmendmentInputSerializer(TermsInputSerializer):
    effective_from = serializers.DateField()
    reason = serializers.CharField(max_length=200)


class EndInputSerializer(serializers.Serializer):
    end_date = serializers.DateField()


class SignOnlineSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    filoue_consent = serializers.BooleanField(
        required=False,
        default=None,
        allow_null=True,
        help_text="Accord pour la transmission FILOUÉ à la Caf (facultatif ; absent : inchangé).",
    )


class FiloueConsentSerializer(serializers.Serializer):
    filoue_consent = serializers.BooleanField(
        help_text="Accord pour la transmission FILOUÉ à la Caf (facultatif, modifiable)."
    )


class SignUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class TermsSerializer(serializers.ModelSerializer):
    schedule = ContractScheduleDaySerializer(many=True)
    rate_steps = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = ContractTerms
        fields = [
            "id",
            "number",
            "effective_from",
            "reason",
            "schedule",
            "alternating",
            "weeks_per_year",
            "leave_weeks",
            "annual_resources",
            "resources_year",
            "missing_resources",
            "children",
            "aeeh_children",
            "hours_per_week",
            "hourly_rate",
            "monthly_hours",
            "monthly_fee",
            "rate_steps",
            "created_at",
        ]


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ContractChildSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)


class ContractListSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    child = ContractChildSerializer()
    family = serializers.SerializerMethodField()
    establishment = NamedSerializer()
    section = NamedSerializer(allow_null=True)
    hourly_rate = serializers.SerializerMethodField()
    monthly_fee = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "state",
            "state_label",
            "child",
            "family",
            "establishment",
            "section",
            "start_date",
            "end_date",
            "months_billed",
            "hourly_rate",
            "monthly_fee",
        ]

    def _current(self, contract):
        return current_terms(contract)

    @extend_schema_field(NamedSerializer)
    def get_family(self, contract) -> dict:
        family = contract.family
        return {"id": family.pk, "name": str(family)}

    @extend_schema_field(serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True))
    def get_hourly_rate(self, contract) -> str | None:
        """Of the terms in force today (the first ones before the start)."""
        terms = self._current(contract)
        return f"{terms.hourly_rate:.2f}" if terms else None

    @extend_schema_field(serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True))
    def get_monthly_fee(self, contract) -> str | None:
        terms = self._current(contract)
        return f"{terms.monthly_fee:.2f}" if terms else None


class SignedDocumentSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()


class ContractDetailSerializer(ContractListSerializer):
    signature_label = serializers.CharField(source="get_signature_display")
    signed_by_name = serializers.SerializerMethodField()
    signed_document = serializers.SerializerMethodField()
    filoue_consent_by_name = serializers.SerializerMethodField()
    terms = TermsSerializer(many=True)
    request = serializers.IntegerField(source="request_id", allow_null=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta(ContractListSerializer.Meta):
        fields = [
            *ContractListSerializer.Meta.fields,
            "signature",
            "signature_label",
            "signed_at",
            "signed_by_name",
            "signed_document",
            "filoue_consent",
            "filoue_consent_at",
            "filoue_consent_by_name",
            "request",
            "terms",
            "pdf_url",
        ]

    def get_signed_by_name(self, contract) -> str:
        user = contract.signed_by
        return (user.get_full_name() or user.email) if user else ""

    def get_filoue_consent_by_name(self, contract) -> str:
        user = contract.filoue_consent_by
        return (user.get_full_name() or user.email) if user else ""

    @extend_schema_field(SignedDocumentSerializer(allow_null=True))
    def get_signed_document(self, contract) -> dict | None:
        """The signed file, by the route of the caller's side (staff or family)."""
        document = contract.signed_document
        if document is None:
            return None
        side = "staff/" if self.context.get("staff") else ""
        return {
            "name": document.original_name,
            "url": f"/api/v1/{side}documents/{document.uuid}/file",
        }

    def get_pdf_url(self, contract) -> str:
        from modules.creche.services.editions import PRINTED, contract_url

        return contract_url(contract) if contract.state in PRINTED else ""
