"""The families' place requests (« Demandes de place en crèche »): the form's options, their
requests, a new request, withdraw, renew, accept or decline an offer. Every id is looked up
inside the caller's family (another family's request or child → 404); the service re-checks
every rule and date."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFamilyMember, get_owned_or_404
from core.tenancy.context import structure_today
from modules.creche.api import requests_serializers as s
from modules.creche.models import Establishment
from modules.creche.models.requests import PlaceRequest
from modules.creche.services import requests as service

NOT_FOUND = {404: OpenApiResponse(description="Demande introuvable dans la famille.")}


def family_requests(family):
    return (
        PlaceRequest.objects.filter(family=family)
        .select_related("child", "family", "offer_establishment", "offer_section")
        .prefetch_related("choices__establishment")
        .order_by("-created_at", "-pk")
    )


def establishment_options(queryset) -> list[dict]:
    return [
        {
            "id": e.pk,
            "name": e.name,
            "kind_label": e.get_kind_display(),
            "min_age_months": e.min_age_months,
            "max_age_months": e.max_age_months,
            "active": e.active,
            "rank": None,
            "sections": [],
        }
        for e in queryset
    ]


class RequestOptionsView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(responses=s.RequestOptionsSerializer, operation_id="creche_request_options")
    def get(self, request):
        """The children of the family and the establishments taking requests."""
        payload = {
            "today": structure_today(),
            "children": request.family.children.order_by("birth_date", "pk"),
            "establishments": establishment_options(Establishment.objects.filter(active=True)),
            "max_choices": service.MAX_CHOICES,
        }
        return Response(s.RequestOptionsSerializer(payload).data)


class RequestListView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=s.PlaceRequestSerializer(many=True), operation_id="creche_requests_list"
    )
    def get(self, request):
        """The family's place requests, newest first."""
        rows = family_requests(request.family)
        return Response(s.PlaceRequestSerializer(rows, many=True).data)

    @extend_schema(
        request=s.RequestInputSerializer,
        responses={201: s.PlaceRequestSerializer, **NOT_FOUND},
        operation_id="creche_requests_create",
    )
    def post(self, request):
        """Request a place for a child of the family or an expected child."""
        data = s.RequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        child = None
        if v.get("child") is not None:
            child = get_owned_or_404(request.family.children.all(), pk=v["child"])
        created = service.submit_request(
            family=request.family,
            by=request.user,
            child=child,
            expected_first_name=v.get("expected_first_name", ""),
            due_date=v.get("due_date"),
            desired_start=v["desired_start"],
            care=v["care"],
            schedule=[dict(d) for d in v["schedule"]],
            alternating=v["alternating"],
            establishment_ids=v["establishments"],
            comment=v.get("comment", ""),
        )
        row = family_requests(request.family).get(pk=created.pk)
        return Response(s.PlaceRequestSerializer(row).data, status=201)


class RequestView(APIView):
    permission_classes = [IsFamilyMember]

    def place_request(self, request, pk) -> PlaceRequest:
        return get_owned_or_404(family_requests(request.family), pk=pk)

    def answer(self, request, pk):
        return Response(s.PlaceRequestSerializer(self.place_request(request, pk)).data)


class RequestDetailView(RequestView):
    @extend_schema(
        responses={200: s.PlaceRequestSerializer, **NOT_FOUND},
        operation_id="creche_request_detail",
    )
    def get(self, request, pk: int):
        return self.answer(request, pk)


class RequestWithdrawView(RequestView):
    @extend_schema(
        request=None,
        responses={200: s.PlaceRequestSerializer, **NOT_FOUND},
        operation_id="creche_request_withdraw",
    )
    def post(self, request, pk: int):
        """Withdraw the request (while open or offered)."""
        service.withdraw(request=self.place_request(request, pk), by=request.user)
        return self.answer(request, pk)


class RequestRenewView(RequestView):
    @extend_schema(
        request=None,
        responses={200: s.PlaceRequestSerializer, **NOT_FOUND},
        operation_id="creche_request_renew",
    )
    def post(self, request, pk: int):
        """« Je confirme ma demande », when the structure asks."""
        service.renew(request=self.place_request(request, pk), by=request.user)
        return self.answer(request, pk)


class RequestAcceptView(RequestView):
    @extend_schema(
        request=None,
        responses={200: s.PlaceRequestSerializer, **NOT_FOUND},
        operation_id="creche_request_accept",
    )
    def post(self, request, pk: int):
        """Accept the place offered, until the answer date included."""
        service.answer_offer(request=self.place_request(request, pk), accept=True, by=request.user)
        return self.answer(request, pk)


class RequestDeclineView(RequestView):
    @extend_schema(
        request=None,
        responses={200: s.PlaceRequestSerializer, **NOT_FOUND},
        operation_id="creche_request_decline",
    )
    def post(self, request, pk: int):
        """Decline the place offered."""
        service.answer_offer(request=self.place_request(request, pk), accept=False, by=request.user)
        return self.answer(request, pk)
