"""Configuration of the family file by the structure's administrators."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from api.dossier.serializers import CleanTextModelSerializer
from api.permissions import StaffPermission
from core.families.fields import BY_KEY, CATALOG, policies
from core.families.models import (
    AuthorisationQuestion,
    ConsentType,
    DossierSettings,
    FieldPolicy,
    MealType,
    SchoolLevel,
)

CONFIGURE = "families.change_dossiersettings"


class DossierSettingsSerializer(CleanTextModelSerializer):
    class Meta:
        model = DossierSettings
        fields = [
            "signup_mode",
            "signup_requires_validation",
            "email_change_by_staff_only",
            "max_upload_mb",
            "retention_years",
        ]


class DossierSettingsView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "families.view_family", "*": CONFIGURE}

    @extend_schema(responses=DossierSettingsSerializer, operation_id="staff_dossier_settings")
    def get(self, request):
        return Response(DossierSettingsSerializer(DossierSettings.current()).data)

    @extend_schema(
        request=DossierSettingsSerializer,
        responses=DossierSettingsSerializer,
        operation_id="staff_dossier_settings_update",
    )
    def patch(self, request):
        serializer = DossierSettingsSerializer(
            DossierSettings.current(), data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)


class FieldPolicyRowSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    mode = serializers.ChoiceField(choices=FieldPolicy.MODE_CHOICES)
    required = serializers.BooleanField()
    locked = serializers.BooleanField(read_only=True)
    collection = serializers.BooleanField(read_only=True)

    def validate(self, attrs):
        spec = BY_KEY.get(attrs["field"])
        if spec is None:
            raise serializers.ValidationError({"field": "Champ inconnu."})
        if spec.locked and (attrs["mode"] == FieldPolicy.MODE_HIDDEN or not attrs["required"]):
            raise serializers.ValidationError(
                {"mode": f"« {spec.label} » est toujours visible et obligatoire."}
            )
        if spec.collection and attrs["mode"] == FieldPolicy.MODE_VALIDATED:
            raise serializers.ValidationError(
                {"mode": f"« {spec.label} » : masqué, lecture seule ou modifiable uniquement."}
            )
        return attrs


class FieldPoliciesInputSerializer(serializers.Serializer):
    policies = FieldPolicyRowSerializer(many=True, allow_empty=False)


def _rows() -> list[dict]:
    current = policies()
    return [
        {
            "field": spec.key,
            "label": spec.label,
            "category": spec.category,
            "mode": current[spec.key].mode,
            "required": current[spec.key].required,
            "locked": spec.locked,
            "collection": spec.collection,
        }
        for spec in CATALOG
    ]


class FieldPoliciesView(APIView):
    """Per field: hidden, read-only, editable, editable with validation; required or not."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": "families.view_family", "*": "families.change_fieldpolicy"}

    @extend_schema(
        responses=FieldPolicyRowSerializer(many=True), operation_id="staff_field_policies"
    )
    def get(self, request):
        return Response(FieldPolicyRowSerializer(_rows(), many=True).data)

    @extend_schema(
        request=FieldPoliciesInputSerializer,
        responses=FieldPolicyRowSerializer(many=True),
        operation_id="staff_field_policies_update",
    )
    def put(self, request):
        serializer = FieldPoliciesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            for row in serializer.validated_data["policies"]:
                FieldPolicy.objects.update_or_create(
                    field=row["field"], defaults={"mode": row["mode"], "required": row["required"]}
                )
        return Response(FieldPolicyRowSerializer(_rows(), many=True).data)


def _list_viewset(model, fields, permission):
    serializer_class = type(
        f"{model.__name__}ConfigSerializer",
        (CleanTextModelSerializer,),
        {"Meta": type("Meta", (), {"model": model, "fields": ["id", *fields]})},
    )

    class ListViewSet(viewsets.ModelViewSet):
        permission_classes = [StaffPermission]
        required_permissions = {"GET": "families.view_family", "*": permission}
        queryset = model.objects.all()
        pagination_class = None

        def get_serializer_class(self):
            return serializer_class

        def perform_destroy(self, instance):
            # In use (a child's meal type, an answer): switched off instead of deleted.
            from django.db.models import ProtectedError

            try:
                instance.delete()
            except ProtectedError:
                instance.active = False
                instance.save(update_fields=["active"])

    ListViewSet.__name__ = f"{model.__name__}ViewSet"
    return ListViewSet


MealTypeViewSet = _list_viewset(MealType, ["label", "order", "active"], "families.change_mealtype")
SchoolLevelViewSet = _list_viewset(
    SchoolLevel, ["label", "order", "active"], "families.change_schoollevel"
)
AuthorisationQuestionViewSet = _list_viewset(
    AuthorisationQuestion,
    ["label", "description", "required", "order", "active"],
    "families.change_authorisationquestion",
)
ConsentTypeViewSet = _list_viewset(
    ConsentType,
    ["label", "text", "required", "covers_health", "order", "active"],
    "families.change_consenttype",
)
