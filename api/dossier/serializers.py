"""Serializers of the family file (parent and staff sides share them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from core.families.fields import Policy
from core.families.models import (
    AnnualResources,
    AuthorisedPerson,
    ChangeRequest,
    Child,
    Family,
    Guardian,
    GuardianChildLink,
    MealType,
    QuotientDeclaration,
    SchoolLevel,
    Vaccination,
)
from core.families.validators import (
    clean_text,
    normalise_bic,
    normalise_iban,
    normalise_phone,
    validate_birth_date,
)

ACCEPT_REFUSE = [("accept", "Accepter"), ("refuse", "Refuser")]
PHONE_FIELDS = {"phone", "phone_mobile", "phone_home", "phone_work", "doctor_phone"}


class CleanCharField(serializers.CharField):
    """Text as typed, cleaned by ``clean_text`` (no control or format characters) before DRF
    checks it: a value made only of invisible characters is then empty, and refused as such."""

    multiline = False

    def run_validation(self, data=empty):
        if isinstance(data, str):
            data = clean_text(data, multiline=self.multiline)
        return super().run_validation(data)


class CleanMultilineField(CleanCharField):
    """Notes and other multi-line text: line breaks are kept."""

    multiline = True


class CleanEmailField(serializers.EmailField):
    # Django's e-mail validator accepts any non-ASCII character in the domain, bidi
    # overrides and zero-width spaces included.
    def run_validation(self, data=empty):
        if isinstance(data, str):
            data = clean_text(data)
        return super().run_validation(data)


# Every text field of the model goes through ``clean_text``: the one normalisation of what
# families and staff type (names, addresses, labels, notes). Comments, not docstrings, on these
# base classes: drf-spectacular publishes a serializer's inherited docstring in the schema.
class CleanTextModelSerializer(serializers.ModelSerializer):
    def build_standard_field(self, field_name, model_field):
        # Swapped after the base class chose, rather than in a copy of its field mapping, so
        # that whatever else that mapping says (api.fields' bounded dates) still holds.
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializers.EmailField:
            field_class = CleanEmailField
        elif field_class is serializers.CharField:
            multiline = isinstance(model_field, models.TextField)
            field_class = CleanMultilineField if multiline else CleanCharField
        return field_class, field_kwargs


class NormalisingSerializer(CleanTextModelSerializer):
    """Normalises phones (E.164), IBAN and BIC; hides the fields the structure hides."""

    policy_prefix = ""

    def validate(self, attrs):
        for name in list(attrs):
            try:
                if name in PHONE_FIELDS:
                    attrs[name] = normalise_phone(attrs[name])
                elif name == "iban":
                    attrs[name] = normalise_iban(attrs[name])
                elif name == "bic":
                    attrs[name] = normalise_bic(attrs[name])
                elif name == "birth_date" and attrs[name]:
                    validate_birth_date(attrs[name])
            except DjangoValidationError as exc:
                raise serializers.ValidationError({name: exc.messages}) from exc
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        rules: dict[str, Policy] | None = self.context.get("policies")
        if rules and self.policy_prefix:
            for name in list(data):
                policy = rules.get(f"{self.policy_prefix}.{name}")
                if policy is not None and not policy.visible:
                    data.pop(name)
        return data


class GuardianChildLinkSerializer(serializers.ModelSerializer):
    child = serializers.PrimaryKeyRelatedField(read_only=True)
    relation_label = serializers.CharField(source="get_relation_display", read_only=True)

    class Meta:
        model = GuardianChildLink
        fields = ["child", "relation", "relation_label", "has_parental_authority"]


GUARDIAN_FIELDS = [
    "civility",
    "first_name",
    "last_name",
    "birth_date",
    "phone_mobile",
    "phone_home",
    "phone_work",
    "email",
    "profession",
    "employer",
    "lives_elsewhere",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "email_consent",
    "sms_consent",
]


class GuardianSerializer(NormalisingSerializer):
    policy_prefix = "guardian"
    has_login = serializers.SerializerMethodField()
    is_me = serializers.SerializerMethodField()
    category = serializers.CharField(read_only=True)
    child_links = GuardianChildLinkSerializer(many=True, read_only=True)

    class Meta:
        model = Guardian
        fields = ["id", "is_primary", "has_login", "is_me", "category", *GUARDIAN_FIELDS]
        fields += ["child_links"]
        read_only_fields = ["id", "is_primary"]

    def get_has_login(self, obj) -> bool:
        return obj.user_id is not None

    def get_is_me(self, obj) -> bool:
        request = self.context.get("request")
        return bool(request and obj.user_id and obj.user_id == request.user.pk)


FAMILY_FIELDS = [
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "phone",
    "email",
    "marital_status",
    "regime",
    "allocataire_number",
    "account_holder",
    "iban",
    "bic",
]


HEALTH_DATA_ALLOWED_HELP = (
    "Faux quand un responsable du foyer a refusé le consentement qui porte sur les données "
    "médicales : le serveur refuse alors la saisie des données de santé de la famille."
)


def health_data_allowed(serializer, family_id: int) -> bool:
    """Whether the family's health data may be entered (no guardian refused the consent that
    covers it); one query per family and response (cached in the serializer's context)."""
    from core.families.services.consents import health_data_refused

    cache = serializer.context.setdefault("health_data_allowed", {})
    if family_id not in cache:
        cache[family_id] = not health_data_refused(family=family_id)
    return cache[family_id]


class FamilySerializer(NormalisingSerializer):
    policy_prefix = "family"
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    health_data_allowed = serializers.SerializerMethodField(help_text=HEALTH_DATA_ALLOWED_HELP)

    class Meta:
        model = Family
        fields = [
            "id",
            "number",
            "name",
            "status",
            "status_label",
            *FAMILY_FIELDS,
            "health_data_allowed",
        ]
        read_only_fields = ["id", "number", "name", "status"]

    def get_health_data_allowed(self, obj) -> bool:
        return health_data_allowed(self, obj.pk)


CHILD_IDENTITY_FIELDS = ["first_name", "last_name", "birth_date", "sex", "school_name"]
CHILD_HEALTH_FIELDS = [
    "doctor_name",
    "doctor_phone",
    "allergies",
    "has_pai",
    "pai_details",
    "meal_type",
    "wears_glasses",
    "health_notes",
]


class VaccinationSerializer(CleanTextModelSerializer):
    # No validate_date here: DRF runs the model field's validator first, so its message is
    # the one families read.
    class Meta:
        model = Vaccination
        fields = ["id", "vaccine", "date"]


class AuthorisedPersonSerializer(NormalisingSerializer):
    class Meta:
        model = AuthorisedPerson
        fields = ["id", "name", "relation", "phone", "can_pick_up", "is_emergency_contact"]


class AuthorisationValueSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    label = serializers.CharField(read_only=True)
    value = serializers.BooleanField(allow_null=True)


class ChildSerializer(NormalisingSerializer):
    policy_prefix = "child"
    school_level = serializers.PrimaryKeyRelatedField(
        queryset=SchoolLevel.objects.filter(active=True), allow_null=True, required=False
    )
    meal_type = serializers.PrimaryKeyRelatedField(
        queryset=MealType.objects.filter(active=True), allow_null=True, required=False
    )
    school_level_label = serializers.CharField(
        source="school_level.label", read_only=True, default=""
    )
    meal_type_label = serializers.CharField(source="meal_type.label", read_only=True, default="")
    vaccinations = VaccinationSerializer(many=True, read_only=True)
    authorised_persons = AuthorisedPersonSerializer(many=True, read_only=True)
    authorisations = serializers.SerializerMethodField()
    age = serializers.SerializerMethodField()
    health_data_allowed = serializers.SerializerMethodField(help_text=HEALTH_DATA_ALLOWED_HELP)

    class Meta:
        model = Child
        fields = [
            "id",
            *CHILD_IDENTITY_FIELDS,
            "school_level",
            "school_level_label",
            "age",
            *CHILD_HEALTH_FIELDS,
            "meal_type_label",
            "vaccinations",
            "authorised_persons",
            "authorisations",
            "health_data_allowed",
        ]
        read_only_fields = ["id"]

    def get_health_data_allowed(self, obj) -> bool:
        return health_data_allowed(self, obj.family_id)

    def get_age(self, obj) -> int:
        from django.utils import timezone

        today = timezone.localdate()
        born = obj.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @extend_schema_field(AuthorisationValueSerializer(many=True))
    def get_authorisations(self, obj) -> list[dict]:
        questions = self.context.get("questions")
        if questions is None:
            from core.families.models import AuthorisationQuestion

            questions = list(AuthorisationQuestion.objects.filter(active=True))
        answers = {a.question_id: a.value for a in obj.authorisations.all()}
        return [{"question": q.pk, "label": q.label, "value": answers.get(q.pk)} for q in questions]


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.CharField(allow_blank=True)
    after = serializers.CharField(allow_blank=True)


class ChangeRequestSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    changes = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "category",
            "category_label",
            "target_type",
            "target_id",
            "target_label",
            "changes",
            "status",
            "status_label",
            "reason",
            "created_at",
            "decided_at",
        ]

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, obj) -> list[dict]:
        return [
            {
                "field": name,
                "label": change.get("label", name),
                "before": change.get("before_display", ""),
                "after": change.get("after_display", ""),
            }
            for name, change in (obj.changes or {}).items()
        ]


class QuotientDeclarationSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    proof = serializers.UUIDField(
        source="proof.uuid",
        required=False,
        allow_null=True,
        help_text="Le justificatif : un document déposé dans « Mes documents » (son uuid).",
    )

    class Meta:
        model = QuotientDeclaration
        fields = [
            "id",
            "value",
            "valid_from",
            "valid_until",
            "source",
            "proof",
            "status",
            "status_label",
            "reason",
            "created_at",
        ]
        read_only_fields = ["id", "source", "status", "reason", "created_at"]

    def validate(self, attrs):
        if attrs.get("valid_until") and attrs["valid_until"] < attrs["valid_from"]:
            raise serializers.ValidationError(
                {"valid_until": "La date de fin doit suivre la date de début."}
            )
        return attrs


class AnnualResourcesSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualResources
        fields = ["id", "year", "amount", "created_at"]
        read_only_fields = ["id", "created_at"]

    def validate_amount(self, value):
        if value < 0:
            raise serializers.ValidationError("Le montant ne peut pas être négatif.")
        return value
