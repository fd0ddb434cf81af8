"""Back office corrections to a family file: logins, quotients, guardians, children, notes."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
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
from api.errors import drf_error
from api.permissions import get_owned_or_404
from core.families.models import QuotientDeclaration
from core.families.services import accounts
from core.families.services.changes import submit_changes


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
        try:
            accounts.create_guardian_login(
                guardian=target,
                account=serializer.validated_data["account"],
                temporary_password=serializer.validated_data.get("temporary_password", ""),
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
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
        data = dict(serializer.validated_data)
        data.pop("proof", None)
        declaration = QuotientDeclaration.objects.create(
            family=family,
            source="staff",
            status=QuotientDeclaration.STATUS_ACCEPTED,
            decided_at=timezone.now(),
            **data,
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
        if data["decision"] == "refuse" and not data["reason"].strip():
            raise serializers.ValidationError({"reason": ["Indiquez le motif du refus."]})
        with transaction.atomic():
            declaration = get_owned_or_404(
                QuotientDeclaration.objects.select_for_update().filter(family=family),
                pk=quotient,
            )
            try:
                declaration.decide(accept=data["decision"] == "accept", reason=data["reason"])
            except ValueError as exc:
                raise serializers.ValidationError({"decision": [str(exc)]}) from exc
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
        data = dict(serializer.validated_data)
        try:
            with transaction.atomic():
                submit_changes(target=target, data=data, user=request.user, staff=True)
                if "email" in data and target.user_id:
                    _sync_login_email(target)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        target.refresh_from_db()
        return Response(GuardianSerializer(target, context={"request": request}).data)


def _sync_login_email(guardian) -> None:
    """The structure vouches for the new address: it becomes the guardian's login."""
    from allauth.account.models import EmailAddress

    from core.accounts.models import User

    email = guardian.email.strip().lower()
    if not email:
        raise DjangoValidationError({"email": ["L'e-mail de connexion ne peut pas être vide."]})
    if User.objects.filter(email__iexact=email).exclude(pk=guardian.user_id).exists():
        raise DjangoValidationError({"email": ["Un compte existe déjà avec cette adresse e-mail."]})
    User.objects.filter(pk=guardian.user_id).update(email=email)
    EmailAddress.objects.filter(user_id=guardian.user_id).delete()
    EmailAddress.objects.create(user_id=guardian.user_id, email=email, primary=True, verified=True)


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
        try:
            submit_changes(
                target=target, data=serializer.validated_data, user=request.user, staff=True
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
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
