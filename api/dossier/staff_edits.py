"""Back office corrections to a family file: logins, quotients, guardians, children, notes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.dossier.family import _children
from api.dossier.serializers import (
    ACCEPT_REFUSE,
    ChildSerializer,
    GuardianSerializer,
    QuotientDeclarationSerializer,
)
from api.dossier.staff import StaffView, _family_or_404
from api.permissions import get_owned_or_404
from core.families.services import accounts
from core.families.services.changes import submit_changes
from core.families.services.quotient import decide_quotient, enter_quotient


class GuardianLoginSerializer(serializers.Serializer):
    account = serializers.ChoiceField(
        choices=[
            (accounts.ACCOUNT_INVITE, "Invitation par e-mail"),
            (accounts.ACCOUNT_TEMPORARY, "Mot de passe provisoire"),
        ],
        default=accounts.ACCOUNT_INVITE,
    )
    temporary_password = serializers.CharField(required=False, allow_blank=True, write_only=True)


class GuardianLoginView(StaffView):
    @extend_schema(
        request=GuardianLoginSerializer,
        responses={201: GuardianSerializer},
        operation_id="staff_guardians_login",
    )
    def post(self, request, pk, guardian):
        """Give a guardian of the family a login of their own."""
        family = _family_or_404(pk)
        target = get_owned_or_404(family.guardians.all(), pk=guardian)
        serializer = GuardianLoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        accounts.create_guardian_login(
            guardian=target,
            account=serializer.validated_data["account"],
            temporary_password=serializer.validated_data.get("temporary_password", ""),
        )
        return Response(GuardianSerializer(target).data, status=status.HTTP_201_CREATED)


class StaffQuotientView(StaffView):
    @extend_schema(
        request=QuotientDeclarationSerializer,
        responses={201: QuotientDeclarationSerializer},
        operation_id="staff_quotients_create",
    )
    def post(self, request, pk):
        """A quotient familial entered by the structure (accepted at once)."""
        family = _family_or_404(pk)
        serializer = QuotientDeclarationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        declaration = enter_quotient(
            family=family,
            value=data["value"],
            valid_from=data["valid_from"],
            valid_until=data.get("valid_until"),
        )
        return Response(
            QuotientDeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED
        )


class QuotientDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ACCEPT_REFUSE)
    reason = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class QuotientDecisionView(StaffView):
    @extend_schema(
        request=QuotientDecisionSerializer,
        responses=QuotientDeclarationSerializer,
        operation_id="staff_quotients_decide",
    )
    def post(self, request, pk, quotient):
        """Accept a family's declaration (it then prices bookings) or refuse it with a reason."""
        family = _family_or_404(pk)
        serializer = QuotientDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        declaration = decide_quotient(
            declaration=get_owned_or_404(family.quotients.all(), pk=quotient),
            accept=data["decision"] == "accept",
            reason=data["reason"],
        )
        return Response(QuotientDeclarationSerializer(declaration).data)


class StaffGuardianView(StaffView):
    @extend_schema(
        request=GuardianSerializer,
        responses=GuardianSerializer,
        operation_id="staff_guardians_update",
    )
    def patch(self, request, pk, guardian):
        """Staff correct a guardian directly (no request to validate; recorded in the history)."""
        family = _family_or_404(pk)
        target = get_owned_or_404(family.guardians.prefetch_related("child_links"), pk=guardian)
        serializer = GuardianSerializer(target, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        accounts.correct_guardian(
            guardian=target, data=dict(serializer.validated_data), by=request.user
        )
        target.refresh_from_db()
        return Response(GuardianSerializer(target, context={"request": request}).data)


class StaffChildView(StaffView):
    required_permissions = {"*": "families.change_child"}

    @extend_schema(
        request=ChildSerializer, responses=ChildSerializer, operation_id="staff_children_update"
    )
    def patch(self, request, pk, child):
        """Staff correct a child's record directly (recorded in the history)."""
        family = _family_or_404(pk)
        target = get_owned_or_404(_children(family), pk=child)
        serializer = ChildSerializer(target, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        submit_changes(target=target, data=serializer.validated_data, user=request.user, staff=True)
        target = _children(family).get(pk=child)
        return Response(ChildSerializer(target, context={"request": request}).data)


class StaffNotesSerializer(serializers.Serializer):
    notes = serializers.CharField(allow_blank=True, max_length=5000)


class StaffNotesView(StaffView):
    @extend_schema(
        request=StaffNotesSerializer,
        responses=StaffNotesSerializer,
        operation_id="staff_families_notes",
    )
    def put(self, request, pk):
        """The structure's internal notes on the family (never shown to the family)."""
        family = _family_or_404(pk)
        serializer = StaffNotesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        family.notes = serializer.validated_data["notes"]
        family.save(update_fields=["notes"])
        return Response({"notes": family.notes})
