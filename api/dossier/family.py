"""The parent's family file: foyer, guardians, children, QF, requests, what is missing."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.dossier.serializers import (
    AnnualResourcesSerializer,
    AuthorisedPersonSerializer,
    ChangeRequestSerializer,
    ChildSerializer,
    FamilySerializer,
    GuardianSerializer,
    QuotientDeclarationSerializer,
    VaccinationSerializer,
)
from api.params import optional_choice, optional_id
from api.permissions import IsFamilyMember, get_owned_or_404
from api.schema import choice_parameter
from api.serializers import MissingItemSerializer
from core.communication.services.unread import unread_for_family
from core.families.models import (
    AuthorisationQuestion,
    ChangeRequest,
    GuardianChildLink,
)
from core.families.services.changes import (
    HEALTH_REFUSED,
    NOT_WRITABLE,
    effective_policies,
    submit_authorisations,
    submit_changes,
    touch,
)
from core.families.services.consents import health_data_refused
from core.families.services.creation import add_child, add_guardian
from core.families.services.home import family_home
from core.families.services.missing import missing_items
from core.families.services.quotient import declare_quotient


def outcome_response(key: str, serialized, outcome) -> Response:
    """What a parent's edit did: the record as it is now, what was saved, what awaits staff."""
    return Response(
        {
            key: serialized.data,
            "applied": outcome.applied,
            "requests": ChangeRequestSerializer(outcome.requests, many=True).data,
        }
    )


def apply_changes(request, target, serializer_class, *, key: str, reload, context) -> Response:
    """Type-check the submitted fields, then let the policies decide (services/changes.py)."""
    serializer = serializer_class(target, data=request.data, partial=True)
    serializer.is_valid(raise_exception=True)
    outcome = submit_changes(target=target, data=serializer.validated_data, user=request.user)
    return outcome_response(key, serializer_class(reload(), context=context), outcome)


class FamilyView(APIView):
    permission_classes = [IsFamilyMember]

    def context(self):
        return {"request": self.request, "policies": effective_policies()}


def _children(family):
    return family.children.select_related("school_level", "meal_type").prefetch_related(
        "vaccinations", "authorised_persons", "authorisations"
    )


# --- Foyer -----------------------------------------------------------------------------------
class FamilyUpdateResultSerializer(serializers.Serializer):
    family = FamilySerializer()
    applied = serializers.ListField(child=serializers.CharField())
    requests = ChangeRequestSerializer(many=True)


class HouseholdView(FamilyView):
    """Mon foyer: address, phones, CAF, situation, bank details."""

    @extend_schema(responses=FamilySerializer, operation_id="family_retrieve")
    def get(self, request):
        return Response(FamilySerializer(request.family, context=self.context()).data)

    @extend_schema(
        request=FamilySerializer,
        responses=FamilyUpdateResultSerializer,
        operation_id="family_update",
    )
    def patch(self, request):
        return apply_changes(
            request,
            request.family,
            FamilySerializer,
            key="family",
            reload=lambda: type(request.family).objects.get(pk=request.family.pk),
            context=self.context(),
        )


# --- Responsables ----------------------------------------------------------------------------
class GuardianUpdateResultSerializer(serializers.Serializer):
    guardian = GuardianSerializer()
    applied = serializers.ListField(child=serializers.CharField())
    requests = ChangeRequestSerializer(many=True)


class GuardianCreateSerializer(GuardianSerializer):
    relation = serializers.ChoiceField(
        choices=GuardianChildLink.RELATION_CHOICES, write_only=True, required=False
    )

    class Meta(GuardianSerializer.Meta):
        fields = [*GuardianSerializer.Meta.fields, "relation"]


class GuardianListView(FamilyView):
    @extend_schema(responses=GuardianSerializer(many=True), operation_id="family_guardians_list")
    def get(self, request):
        guardians = request.family.guardians.prefetch_related("child_links")
        return Response(GuardianSerializer(guardians, many=True, context=self.context()).data)

    @extend_schema(
        request=GuardianCreateSerializer,
        responses={201: GuardianSerializer},
        operation_id="family_guardians_create",
    )
    def post(self, request):
        """Add an adult to the household (conjoint), linked to every child."""
        serializer = GuardianCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        relation = data.pop("relation", "other")
        guardian, _ = add_guardian(
            family=request.family, data=data, user=request.user, relation=relation
        )
        return Response(
            GuardianSerializer(guardian, context=self.context()).data,
            status=status.HTTP_201_CREATED,
        )


class GuardianDetailView(FamilyView):
    def get_object(self, pk):
        return get_owned_or_404(request_guardians(self.request), pk=pk)

    @extend_schema(responses=GuardianSerializer, operation_id="family_guardians_retrieve")
    def get(self, request, pk):
        return Response(GuardianSerializer(self.get_object(pk), context=self.context()).data)

    @extend_schema(
        request=GuardianSerializer,
        responses=GuardianUpdateResultSerializer,
        operation_id="family_guardians_update",
    )
    def patch(self, request, pk):
        return apply_changes(
            request,
            self.get_object(pk),
            GuardianSerializer,
            key="guardian",
            reload=lambda: self.get_object(pk),
            context=self.context(),
        )


def request_guardians(request):
    return request.family.guardians.prefetch_related("child_links")


# --- Enfants ---------------------------------------------------------------------------------
class ChildUpdateResultSerializer(serializers.Serializer):
    child = ChildSerializer()
    applied = serializers.ListField(child=serializers.CharField())
    requests = ChangeRequestSerializer(many=True)


class AuthorisationAnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    value = serializers.BooleanField()


class AuthorisationsInputSerializer(serializers.Serializer):
    answers = AuthorisationAnswerInputSerializer(many=True)


class ChildCreateSerializer(ChildSerializer):
    """The child wizard: identity, school, health, relations, authorisations, persons."""

    relations = serializers.DictField(
        child=serializers.ChoiceField(choices=GuardianChildLink.RELATION_CHOICES),
        write_only=True,
        required=False,
        help_text="Lien de chaque responsable avec l'enfant : {id du responsable: lien}.",
    )
    authorisation_answers = AuthorisationAnswerInputSerializer(
        many=True, write_only=True, required=False
    )
    persons = AuthorisedPersonSerializer(many=True, write_only=True, required=False)
    vaccination_list = VaccinationSerializer(many=True, write_only=True, required=False)

    class Meta(ChildSerializer.Meta):
        fields = [
            *ChildSerializer.Meta.fields,
            "relations",
            "authorisation_answers",
            "persons",
            "vaccination_list",
        ]


class ChildListView(FamilyView):
    @extend_schema(responses=ChildSerializer(many=True), operation_id="family_children_list")
    def get(self, request):
        context = {
            **self.context(),
            "questions": list(AuthorisationQuestion.objects.filter(active=True)),
        }
        return Response(ChildSerializer(_children(request.family), many=True, context=context).data)

    @extend_schema(
        request=ChildCreateSerializer,
        responses={201: ChildSerializer},
        operation_id="family_children_create",
    )
    def post(self, request):
        serializer = ChildCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        relations = data.pop("relations", {})
        answers = {a["question"]: a["value"] for a in data.pop("authorisation_answers", [])}
        persons = data.pop("persons", [])
        vaccinations = data.pop("vaccination_list", [])
        child, _ = add_child(
            family=request.family,
            data=data,
            user=request.user,
            relations=relations,
            answers=answers,
            persons=persons,
            vaccinations=vaccinations,
        )
        child = _children(request.family).get(pk=child.pk)
        return Response(
            ChildSerializer(child, context=self.context()).data, status=status.HTTP_201_CREATED
        )


class ChildDetailView(FamilyView):
    def get_object(self, pk):
        return get_owned_or_404(_children(self.request.family), pk=pk)

    @extend_schema(responses=ChildSerializer, operation_id="family_children_retrieve")
    def get(self, request, pk):
        return Response(ChildSerializer(self.get_object(pk), context=self.context()).data)

    @extend_schema(
        request=ChildSerializer,
        responses=ChildUpdateResultSerializer,
        operation_id="family_children_update",
    )
    def patch(self, request, pk):
        return apply_changes(
            request,
            self.get_object(pk),
            ChildSerializer,
            key="child",
            reload=lambda: self.get_object(pk),
            context=self.context(),
        )


class ChildAuthorisationsView(FamilyView):
    @extend_schema(
        request=AuthorisationsInputSerializer,
        responses=ChildUpdateResultSerializer,
        operation_id="family_children_authorisations",
    )
    def put(self, request, pk):
        child = get_owned_or_404(_children(request.family), pk=pk)
        serializer = AuthorisationsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answers = {a["question"]: a["value"] for a in serializer.validated_data["answers"]}
        outcome = submit_authorisations(child=child, answers=answers, user=request.user)
        child = get_owned_or_404(_children(request.family), pk=pk)
        return outcome_response("child", ChildSerializer(child, context=self.context()), outcome)


class _ChildCollectionView(FamilyView):
    """Vaccinations and authorised persons: editable unless the structure says otherwise."""

    policy_key = ""
    serializer_class = serializers.Serializer
    related_name = ""

    def child(self, pk):
        child = get_owned_or_404(_children(self.request.family), pk=pk)
        if not effective_policies()[self.policy_key].writable:
            raise serializers.ValidationError({"detail": NOT_WRITABLE})
        if self.policy_key == "child.vaccinations" and health_data_refused(
            family=self.request.family
        ):
            raise serializers.ValidationError({"detail": HEALTH_REFUSED})
        return child

    def create(self, request, pk):
        child = self.child(pk)
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = getattr(child, self.related_name).create(**serializer.validated_data)
        touch(request.family)
        return Response(self.serializer_class(obj).data, status=status.HTTP_201_CREATED)

    def update(self, request, pk, item):
        child = self.child(pk)
        obj = get_owned_or_404(getattr(child, self.related_name).all(), pk=item)
        serializer = self.serializer_class(obj, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        touch(request.family)
        return Response(serializer.data)

    def destroy(self, request, pk, item):
        child = self.child(pk)
        get_owned_or_404(getattr(child, self.related_name).all(), pk=item).delete()
        touch(request.family)
        return Response(status=status.HTTP_204_NO_CONTENT)


class VaccinationListView(_ChildCollectionView):
    policy_key = "child.vaccinations"
    serializer_class = VaccinationSerializer
    related_name = "vaccinations"

    @extend_schema(
        request=VaccinationSerializer,
        responses={201: VaccinationSerializer},
        operation_id="family_children_vaccinations_create",
    )
    def post(self, request, pk):
        return self.create(request, pk)


class VaccinationDetailView(_ChildCollectionView):
    policy_key = "child.vaccinations"
    serializer_class = VaccinationSerializer
    related_name = "vaccinations"

    @extend_schema(responses={204: None}, operation_id="family_children_vaccinations_destroy")
    def delete(self, request, pk, item):
        return self.destroy(request, pk, item)


class PersonListView(_ChildCollectionView):
    policy_key = "child.authorised_persons"
    serializer_class = AuthorisedPersonSerializer
    related_name = "authorised_persons"

    @extend_schema(
        request=AuthorisedPersonSerializer,
        responses={201: AuthorisedPersonSerializer},
        operation_id="family_children_persons_create",
    )
    def post(self, request, pk):
        return self.create(request, pk)


class PersonDetailView(_ChildCollectionView):
    policy_key = "child.authorised_persons"
    serializer_class = AuthorisedPersonSerializer
    related_name = "authorised_persons"

    @extend_schema(
        request=AuthorisedPersonSerializer,
        responses=AuthorisedPersonSerializer,
        operation_id="family_children_persons_update",
    )
    def patch(self, request, pk, item):
        return self.update(request, pk, item)

    @extend_schema(responses={204: None}, operation_id="family_children_persons_destroy")
    def delete(self, request, pk, item):
        return self.destroy(request, pk, item)


# --- QF and resources ------------------------------------------------------------------------
class QuotientListView(FamilyView):
    @extend_schema(
        responses=QuotientDeclarationSerializer(many=True), operation_id="family_quotients_list"
    )
    def get(self, request):
        return Response(
            QuotientDeclarationSerializer(request.family.quotients.all(), many=True).data
        )

    @extend_schema(
        request=QuotientDeclarationSerializer,
        responses={201: QuotientDeclarationSerializer},
        operation_id="family_quotients_create",
    )
    def post(self, request):
        """Declare a quotient familial; the proof is a document uploaded in "Mes documents"."""
        serializer = QuotientDeclarationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        declaration = declare_quotient(
            family=request.family,
            value=data["value"],
            valid_from=data["valid_from"],
            valid_until=data.get("valid_until"),
            proof=(data.get("proof") or {}).get("uuid"),
        )
        return Response(
            QuotientDeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED
        )


class ResourcesListView(FamilyView):
    @extend_schema(
        responses=AnnualResourcesSerializer(many=True), operation_id="family_resources_list"
    )
    def get(self, request):
        return Response(AnnualResourcesSerializer(request.family.resources.all(), many=True).data)

    @extend_schema(
        request=AnnualResourcesSerializer,
        responses={201: AnnualResourcesSerializer},
        operation_id="family_resources_create",
    )
    def post(self, request):
        """Declare the household's yearly resources (the crèche uses year N-2)."""
        serializer = AnnualResourcesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        resources, _ = request.family.resources.update_or_create(
            year=data["year"], defaults={"amount": data["amount"]}
        )
        touch(request.family)
        return Response(AnnualResourcesSerializer(resources).data, status=status.HTTP_201_CREATED)


# --- Mes demandes, missing items, home -------------------------------------------------------
class RequestListView(FamilyView):
    @extend_schema(
        parameters=[
            choice_parameter("category", ChangeRequest.CATEGORY_CHOICES),
            choice_parameter("status", ChangeRequest.STATUS_CHOICES),
        ],
        responses=ChangeRequestSerializer(many=True),
        operation_id="family_requests_list",
    )
    def get(self, request):
        """The family's requests of the last 30 days (and every pending one)."""
        since = timezone.now() - timedelta(days=30)
        qs = request.family.change_requests.filter(
            created_at__gte=since
        ) | request.family.change_requests.filter(status=ChangeRequest.STATUS_PENDING)
        params = request.query_params
        if category := optional_choice(params, "category", ChangeRequest.CATEGORY_CHOICES):
            qs = qs.filter(category=category)
        if state := optional_choice(params, "status", ChangeRequest.STATUS_CHOICES):
            qs = qs.filter(status=state)
        return Response(ChangeRequestSerializer(qs.order_by("-created_at"), many=True).data)


class MissingView(FamilyView):
    @extend_schema(
        parameters=[
            OpenApiParameter("child", int),
            OpenApiParameter("module", str),
            OpenApiParameter("activity_kind", str),
        ],
        responses={
            200: MissingItemSerializer(many=True),
            404: OpenApiResponse(description="Enfant introuvable dans la famille."),
        },
        operation_id="family_missing",
    )
    def get(self, request):
        """What is still missing in the file (for one child and one activity if given)."""
        child = None
        if (child_id := optional_id(request.query_params, "child")) is not None:
            child = get_owned_or_404(request.family.children.all(), pk=child_id)
        items = missing_items(
            family=request.family,
            user=request.user,
            child=child,
            module=request.query_params.get("module") or None,
            activity_kind=request.query_params.get("activity_kind") or None,
        )
        return Response(MissingItemSerializer(items, many=True).data)


class HomeCountersSerializer(serializers.Serializer):
    children = serializers.IntegerField()
    pending_requests = serializers.IntegerField()
    documents_awaiting_review = serializers.IntegerField()
    documents_rejected = serializers.IntegerField()
    pending_reservations = serializers.IntegerField()
    pending_enrolments = serializers.IntegerField()
    unpaid_invoices = serializers.IntegerField()
    # The communication layer's counters (core.communication.services.unread).
    unread_messages = serializers.IntegerField()
    unread_announcements = serializers.IntegerField()


class FamilyHomeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    guardian_name = serializers.CharField()
    home_message = serializers.CharField(allow_blank=True)
    pending_consents = serializers.IntegerField()
    missing = MissingItemSerializer(many=True)
    counters = HomeCountersSerializer()


class FamilyHomeView(FamilyView):
    @extend_schema(responses=FamilyHomeSerializer, operation_id="family_home")
    def get(self, request):
        """The parent's dashboard: who, what is missing, counters."""
        home = family_home(family=request.family, user=request.user)
        unread = unread_for_family(family=request.family, user=request.user)
        counters = {
            **dataclasses.asdict(home.counters),
            "unread_messages": unread["messages"],
            "unread_announcements": unread["announcements"],
        }
        return Response(FamilyHomeSerializer(dataclasses.replace(home, counters=counters)).data)
