"""Back office of the family files: accounts to validate, requests, search, file, GDPR."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.dossier.family import _children
from api.dossier.serializers import (
    ACCEPT_REFUSE,
    AnnualResourcesSerializer,
    ChangeRequestSerializer,
    ChildSerializer,
    CleanCharField,
    FamilySerializer,
    GuardianSerializer,
    QuotientDeclarationSerializer,
)
from api.fields import BoundedDateField, BoundedDateTimeField
from api.params import is_number, optional_choice, optional_id, search_text
from api.permissions import StaffPermission, get_owned_or_404
from api.schema import choice_parameter
from api.serializers import MissingItemSerializer
from core.families.models import (
    AuthorisationQuestion,
    ChangeRequest,
    Child,
    Family,
)
from core.families.services import accounts, gdpr
from core.families.services.changes import decide_requests, submit_changes
from core.families.services.history import family_history
from core.families.services.home import staff_dossier_counters
from core.families.services.missing import missing_items

VIEW = "families.view_family"
MANAGE = "families.change_family"


class StaffView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "*": MANAGE}


class FamilySummarySerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    guardians = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()

    class Meta:
        model = Family
        fields = [
            "id",
            "number",
            "name",
            "status",
            "status_label",
            "city",
            "email",
            "guardians",
            "children",
            "created_at",
            "refusal_reason",
        ]

    def get_guardians(self, obj) -> list[str]:
        return [str(g) for g in obj.guardians.all()]

    def get_children(self, obj) -> list[str]:
        return [str(c) for c in obj.children.all()]

    def get_email(self, obj) -> str:
        for guardian in obj.guardians.all():
            if guardian.user_id:
                return guardian.user.email
        return obj.email


def _summaries(qs):
    return qs.prefetch_related("guardians__user", "children")


class FamilySearchView(generics.ListAPIView):
    """Search families by name, child, family number or e-mail."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "*": MANAGE}
    serializer_class = FamilySummarySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Nom, enfant, n° famille ou e-mail"),
            choice_parameter("status", Family.STATUS_CHOICES),
        ],
        operation_id="staff_families_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = Family.objects.filter(anonymised_at__isnull=True)
        params = self.request.query_params
        if state := optional_choice(params, "status", Family.STATUS_CHOICES):
            qs = qs.filter(status=state)
        if q := search_text(params):
            condition = (
                Q(name__icontains=q)
                | Q(email__icontains=q)
                | Q(guardians__last_name__icontains=q)
                | Q(guardians__first_name__icontains=q)
                | Q(guardians__email__icontains=q)
                | Q(guardians__user__email__icontains=q)
                | Q(children__first_name__icontains=q)
                | Q(children__last_name__icontains=q)
            )
            if is_number(q):
                condition |= Q(number=int(q))
            qs = qs.filter(condition).distinct()
        return _summaries(qs.order_by("name", "number"))


class StaffChildInputSerializer(serializers.Serializer):
    first_name = CleanCharField(max_length=150)
    last_name = CleanCharField(max_length=150)
    birth_date = BoundedDateField()
    sex = serializers.ChoiceField(choices=Child.SEX_CHOICES, required=False, allow_blank=True)


class StaffFamilyCreateSerializer(serializers.Serializer):
    household = FamilySerializer()
    guardian = GuardianSerializer()
    account = serializers.ChoiceField(
        choices=[
            (accounts.ACCOUNT_INVITE, "Invitation par e-mail"),
            (accounts.ACCOUNT_TEMPORARY, "Mot de passe provisoire"),
            (accounts.ACCOUNT_NONE, "Pas de compte"),
        ],
        default=accounts.ACCOUNT_INVITE,
    )
    temporary_password = serializers.CharField(required=False, allow_blank=True, write_only=True)
    children = StaffChildInputSerializer(many=True, required=False)


class FamilyCreateView(StaffView):
    @extend_schema(
        request=StaffFamilyCreateSerializer,
        responses={201: FamilySummarySerializer},
        operation_id="staff_families_create",
    )
    def post(self, request):
        """Create a family and its main guardian's account (invitation or temporary password)."""
        serializer = StaffFamilyCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        family = accounts.create_family_by_staff(
            household=dict(data["household"]),
            guardian=dict(data["guardian"]),
            account=data["account"],
            temporary_password=data.get("temporary_password", ""),
            children=[dict(c) for c in data.get("children", [])],
        )
        family = _summaries(Family.objects.filter(pk=family.pk)).get()
        return Response(FamilySummarySerializer(family).data, status=status.HTTP_201_CREATED)


class StaffFamilyFileSerializer(serializers.Serializer):
    family = FamilySerializer()
    notes = serializers.CharField(allow_blank=True)
    guardians = GuardianSerializer(many=True)
    children = ChildSerializer(many=True)
    quotients = QuotientDeclarationSerializer(many=True)
    resources = AnnualResourcesSerializer(many=True)
    requests = ChangeRequestSerializer(many=True)
    missing = MissingItemSerializer(many=True)


def _family_or_404(pk) -> Family:
    return get_owned_or_404(Family.objects.filter(anonymised_at__isnull=True), pk=pk)


class FamilyFileView(StaffView):
    @extend_schema(responses=StaffFamilyFileSerializer, operation_id="staff_families_retrieve")
    def get(self, request, pk):
        """The whole family file as staff see it."""
        family = _family_or_404(pk)
        # Health records are for the roles that see children (not the accountant's).
        sees_children = request.user.has_perm("families.view_child")
        data = {
            "family": family,
            "notes": family.notes,
            "guardians": family.guardians.prefetch_related("child_links"),
            "children": _children(family) if sees_children else [],
            "quotients": family.quotients.all(),
            "resources": family.resources.all(),
            "requests": family.change_requests.all()[:50],
            "missing": missing_items(family=family),
        }
        context = {
            "request": request,
            "questions": list(AuthorisationQuestion.objects.filter(active=True)),
        }
        return Response(StaffFamilyFileSerializer(data, context=context).data)

    @extend_schema(
        request=FamilySerializer, responses=FamilySerializer, operation_id="staff_families_update"
    )
    def patch(self, request, pk):
        """Staff edit the household directly (no request to validate)."""
        family = _family_or_404(pk)
        serializer = FamilySerializer(family, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        submit_changes(target=family, data=serializer.validated_data, user=request.user, staff=True)
        family.refresh_from_db()
        return Response(FamilySerializer(family).data)


class HistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    before = serializers.JSONField()
    after = serializers.JSONField()


class HistoryEntrySerializer(serializers.Serializer):
    at = BoundedDateTimeField()
    action = serializers.CharField()
    object_type = serializers.CharField()
    object_label = serializers.CharField()
    author = serializers.CharField()
    changes = HistoryChangeSerializer(many=True)


class FamilyHistoryView(StaffView):
    @extend_schema(
        responses=HistoryEntrySerializer(many=True), operation_id="staff_families_history"
    )
    def get(self, request, pk):
        """Who changed what and when in this family's file (audit history)."""
        family = _family_or_404(pk)
        return Response(HistoryEntrySerializer(family_history(family=family), many=True).data)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class PendingAccountsView(generics.ListAPIView):
    """Online sign-ups waiting for the structure's validation."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW}
    serializer_class = FamilySummarySerializer

    @extend_schema(operation_id="staff_accounts_pending")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return _summaries(
            Family.objects.filter(status=Family.STATUS_AWAITING_VALIDATION).order_by("created_at")
        )


class ValidateAccountView(StaffView):
    @extend_schema(
        request=None, responses=FamilySummarySerializer, operation_id="staff_accounts_validate"
    )
    def post(self, request, pk):
        family = _family_or_404(pk)
        accounts.validate_family(family=family, by=request.user)
        return Response(
            FamilySummarySerializer(_summaries(Family.objects.filter(pk=pk)).get()).data
        )


class RefuseAccountView(StaffView):
    @extend_schema(
        request=ReasonSerializer,
        responses=FamilySummarySerializer,
        operation_id="staff_accounts_refuse",
    )
    def post(self, request, pk):
        family = _family_or_404(pk)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        accounts.refuse_family(
            family=family, reason=serializer.validated_data["reason"], by=request.user
        )
        return Response(
            FamilySummarySerializer(_summaries(Family.objects.filter(pk=pk)).get()).data
        )


class StaffChangeRequestSerializer(ChangeRequestSerializer):
    family_id = serializers.IntegerField(source="family.pk", read_only=True)
    family_number = serializers.IntegerField(source="family.number", read_only=True)
    family_name = serializers.CharField(source="family.name", read_only=True)

    class Meta(ChangeRequestSerializer.Meta):
        fields = [*ChangeRequestSerializer.Meta.fields, "family_id", "family_number", "family_name"]


class ChangeRequestListView(generics.ListAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "families.view_changerequest"}
    serializer_class = StaffChangeRequestSerializer

    @extend_schema(
        parameters=[
            choice_parameter(
                "status", ChangeRequest.STATUS_CHOICES, description="Par défaut : pending"
            ),
            choice_parameter("category", ChangeRequest.CATEGORY_CHOICES),
            OpenApiParameter("family", int),
        ],
        operation_id="staff_change_requests_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        qs = ChangeRequest.objects.select_related("family").filter(
            status=optional_choice(
                params, "status", ChangeRequest.STATUS_CHOICES, default=ChangeRequest.STATUS_PENDING
            )
        )
        if category := optional_choice(params, "category", ChangeRequest.CATEGORY_CHOICES):
            qs = qs.filter(category=category)
        if (family := optional_id(params, "family")) is not None:
            qs = qs.filter(family_id=family)
        return qs.order_by("created_at")


class DecisionSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=500)
    decision = serializers.ChoiceField(choices=ACCEPT_REFUSE)
    reason = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class DecideChangeRequestsView(StaffView):
    required_permissions = {"*": "families.change_changerequest"}

    @extend_schema(
        request=DecisionSerializer,
        responses={
            200: StaffChangeRequestSerializer(many=True),
            404: OpenApiResponse(description="Une des demandes est introuvable."),
        },
        operation_id="staff_change_requests_decide",
    )
    def post(self, request):
        """Accept or refuse one or several requests (a reason is required to refuse)."""
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        found = list(ChangeRequest.objects.select_related("family").filter(pk__in=data["ids"]))
        if len(found) != len(set(data["ids"])):
            from django.http import Http404

            raise Http404
        decide_requests(
            requests=found,
            accept=data["decision"] == "accept",
            reason=data["reason"],
            by=request.user,
        )
        found = ChangeRequest.objects.select_related("family").filter(pk__in=data["ids"])
        return Response(StaffChangeRequestSerializer(found, many=True).data)


class DossierCountersSerializer(serializers.Serializer):
    accounts_pending = serializers.IntegerField()
    requests_pending = serializers.IntegerField()
    documents_pending = serializers.IntegerField()
    families = serializers.IntegerField()


class DossierCountersView(StaffView):
    @extend_schema(responses=DossierCountersSerializer, operation_id="staff_dossier_counters")
    def get(self, request):
        """What awaits the staff (for the back office home)."""
        return Response(DossierCountersSerializer(staff_dossier_counters()).data)


class FamilyExportView(StaffView):
    # The export holds every file and health record: the structure's administrators only.
    required_permissions = {"*": "families.delete_family"}

    @extend_schema(
        responses={(200, "application/zip"): OpenApiResponse(description="Archive zip")},
        operation_id="staff_families_export",
    )
    def get(self, request, pk):
        """GDPR: everything held about this family, with its files, as a zip."""
        family = _family_or_404(pk)
        response = HttpResponse(gdpr.export_family(family=family), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="famille-{family.number}.zip"'
        return response


class FamilyAnonymiseView(StaffView):
    required_permissions = {"*": "families.delete_family"}

    @extend_schema(request=None, responses={204: None}, operation_id="staff_families_anonymise")
    def post(self, request, pk):
        """GDPR: replace names and contact details, drop health data, files and history
        (the family number and financial records are kept)."""
        family = _family_or_404(pk)
        gdpr.anonymise_family(family=family)
        return Response(status=status.HTTP_204_NO_CONTENT)
