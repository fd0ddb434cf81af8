"""What the forms of the family file need: the structure's lists and field policies, and
online sign-up (public endpoints)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from api.dossier.serializers import GUARDIAN_FIELDS, CleanEmailField, NormalisingSerializer
from core.families.fields import CATALOG
from core.families.models import (
    AuthorisationQuestion,
    Child,
    DossierSettings,
    Family,
    Guardian,
    GuardianChildLink,
    MealType,
    SchoolLevel,
)
from core.families.services.accounts import register_family
from core.families.services.changes import effective_policies


class LabelledIdSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class AuthorisationQuestionOptionSerializer(LabelledIdSerializer):
    description = serializers.CharField(allow_blank=True)
    required = serializers.BooleanField()


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class FieldPolicyOptionSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    category = serializers.CharField()
    mode = serializers.ChoiceField(choices=["hidden", "read_only", "editable", "validated"])
    required = serializers.BooleanField()


class DossierOptionsSerializer(serializers.Serializer):
    signup_enabled = serializers.BooleanField()
    signup_requires_validation = serializers.BooleanField()
    max_upload_mb = serializers.IntegerField()
    school_levels = LabelledIdSerializer(many=True)
    meal_types = LabelledIdSerializer(many=True)
    authorisation_questions = AuthorisationQuestionOptionSerializer(many=True)
    relations = ChoiceSerializer(many=True)
    regimes = ChoiceSerializer(many=True)
    marital_statuses = ChoiceSerializer(many=True)
    civilities = ChoiceSerializer(many=True)
    sexes = ChoiceSerializer(many=True)
    fields = FieldPolicyOptionSerializer(many=True)


def _choices(pairs) -> list[dict]:
    return [{"value": v, "label": str(label)} for v, label in pairs]


class DossierOptionsView(APIView):
    """Lists and field policies of this structure (public: the sign-up form needs them)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=DossierOptionsSerializer, operation_id="dossier_options")
    def get(self, request):
        settings = DossierSettings.current()
        rules = effective_policies()
        specs = {spec.key: spec for spec in CATALOG}
        data = {
            "signup_enabled": settings.signup_mode == DossierSettings.SIGNUP_SELF,
            "signup_requires_validation": settings.signup_requires_validation,
            "max_upload_mb": settings.max_upload_mb,
            "school_levels": SchoolLevel.objects.filter(active=True).values("id", "label"),
            "meal_types": MealType.objects.filter(active=True).values("id", "label"),
            "authorisation_questions": AuthorisationQuestion.objects.filter(active=True).values(
                "id", "label", "description", "required"
            ),
            "relations": _choices(GuardianChildLink.RELATION_CHOICES),
            "regimes": _choices(Family.REGIME_CHOICES),
            "marital_statuses": _choices(Family.MARITAL_CHOICES),
            "civilities": _choices(Guardian.CIVILITY_CHOICES),
            "sexes": _choices(Child.SEX_CHOICES),
            "fields": [
                {
                    "field": key,
                    "label": specs[key].label,
                    "category": specs[key].category,
                    "mode": policy.mode,
                    "required": policy.required,
                }
                for key, policy in rules.items()
            ],
        }
        return Response(DossierOptionsSerializer(data).data)


# --- Sign-up ---------------------------------------------------------------------------------
class SignupGuardianSerializer(NormalisingSerializer):
    relation = serializers.ChoiceField(
        choices=GuardianChildLink.RELATION_CHOICES,
        required=False,
        default="other",
        help_text="Lien avec les enfants déclarés.",
    )

    class Meta:
        model = Guardian
        fields = [f for f in GUARDIAN_FIELDS if f != "email"] + ["relation"]


class SignupHouseholdSerializer(NormalisingSerializer):
    class Meta:
        model = Family
        fields = [
            "address_line1",
            "address_line2",
            "postal_code",
            "city",
            "phone",
            "regime",
            "allocataire_number",
            "marital_status",
        ]
        extra_kwargs = {
            "address_line1": {"required": True, "allow_blank": False},
            "postal_code": {"required": True, "allow_blank": False},
            "city": {"required": True, "allow_blank": False},
        }


class SignupChildSerializer(NormalisingSerializer):
    school_level = serializers.PrimaryKeyRelatedField(
        queryset=SchoolLevel.objects.filter(active=True), allow_null=True, required=False
    )

    class Meta:
        model = Child
        fields = ["first_name", "last_name", "birth_date", "sex", "school_name", "school_level"]


class SignupSerializer(serializers.Serializer):
    email = CleanEmailField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    guardian = SignupGuardianSerializer()
    household = SignupHouseholdSerializer()
    second_guardian = SignupGuardianSerializer(required=False, allow_null=True)
    children = SignupChildSerializer(many=True, required=False)
    dry_run = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Vérifier les données d'une étape sans créer le compte.",
    )


class SignupPartialSerializer(SignupSerializer):
    """The wizard checks each step as the family goes: every part is optional."""

    email = CleanEmailField(required=False)
    password = serializers.CharField(write_only=True, required=False)
    guardian = SignupGuardianSerializer(required=False)
    household = SignupHouseholdSerializer(required=False)


class SignupResultSerializer(serializers.Serializer):
    detail = serializers.CharField()
    email = serializers.EmailField(allow_blank=True)


class SignupView(APIView):
    """Online sign-up in steps (identity, contact, address, household, children)."""

    permission_classes = [permissions.AllowAny]
    # Per client address, in the structure's own cache keys.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signup"

    @extend_schema(
        request=SignupSerializer,
        responses={
            201: SignupResultSerializer,
            200: SignupResultSerializer,
            403: OpenApiResponse(
                description="Création de compte en ligne fermée, ou vérification CSRF échouée."
            ),
        },
        operation_id="signup",
    )
    def post(self, request):
        settings = DossierSettings.current()
        if settings.signup_mode != DossierSettings.SIGNUP_SELF:
            raise DRFPermissionDenied(
                "La création de compte en ligne n'est pas ouverte : contactez la structure."
            )
        if request.data.get("dry_run"):
            check = SignupPartialSerializer(data=request.data)
            check.is_valid(raise_exception=True)
            self._check_password(check.validated_data)
            _check_required(check.validated_data)
            return Response({"detail": "Étape valide.", "email": ""})
        serializer = SignupSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _check_required(data)
        guardian = dict(data["guardian"])
        relation = guardian.pop("relation", "other")
        second = dict(data["second_guardian"]) if data.get("second_guardian") else None
        # A closed sign-up (Django's PermissionDenied) answers 403 with its French message.
        with transaction.atomic():
            register_family(
                request=request,
                email=data["email"],
                password=data["password"],
                guardian=guardian,
                household=dict(data["household"]),
                children=[dict(c) for c in data.get("children", [])],
                second_guardian=second,
                relation=relation,
            )
        return Response(
            {
                "detail": "Votre compte est créé. Confirmez votre adresse e-mail en cliquant "
                "sur le lien que nous venons de vous envoyer (pensez à vérifier vos spams).",
                "email": data["email"],
            },
            status=status.HTTP_201_CREATED,
        )

    def _check_password(self, data) -> None:
        from django.contrib.auth.password_validation import validate_password

        from core.accounts.models import User

        if data.get("password"):
            try:
                validate_password(data["password"], user=User(email=data.get("email", "")))
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"password": exc.messages}) from exc


def _check_required(data: dict) -> None:
    """The structure's required fields (its policies), for the parts of the form sent."""
    rules = effective_policies()
    errors: dict[str, dict[str, list[str]]] = {}
    for part, prefix in (("guardian", "guardian"), ("household", "family")):
        if part not in data:
            continue
        for key, policy in rules.items():
            target, _, name = key.partition(".")
            if target != prefix or not policy.required or not policy.visible:
                continue
            if (
                name in ("first_name", "last_name")
                or name.startswith(("address", "postal", "city"))
                and prefix == "guardian"
            ):
                continue
            if name in SIGNUP_FIELDS[part] and data[part].get(name) in (None, ""):
                errors.setdefault(part, {})[name] = ["Ce champ est obligatoire."]
    if errors:
        raise serializers.ValidationError(errors)


SIGNUP_FIELDS = {
    "guardian": set(SignupGuardianSerializer.Meta.fields),
    "household": set(SignupHouseholdSerializer.Meta.fields),
}
