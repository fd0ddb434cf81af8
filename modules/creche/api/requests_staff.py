"""The commission's screens: the requests by desired start, establishment, state and care;
one request with its family; offer a place (with the free places of its first weeks), put
on the waiting list, refuse. Read: ``creche.view_placerequest``; decide:
``creche.change_placerequest``. Ids of another structure do not exist in this schema: 404."""

from __future__ import annotations

import calendar
from datetime import date

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import StaffPermission
from modules.creche.api import requests_serializers as s
from modules.creche.models import Establishment, Section
from modules.creche.models.requests import PlaceRequest
from modules.creche.services import requests as service

READ = "creche.view_placerequest"
WRITE = "creche.change_placerequest"
STATES = [code for code, _ in PlaceRequest.STATE_CHOICES]
CARES = [code for code, _ in PlaceRequest.CARE_CHOICES]


def staff_requests():
    return PlaceRequest.objects.select_related(
        "child", "family", "offer_establishment", "offer_section", "decided_by"
    ).prefetch_related("choices__establishment")


def _month(value: str) -> tuple[date, date]:
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except (ValueError, TypeError) as error:
        raise exceptions.ValidationError(
            {"month": ["Mois invalide (attendu : 2027-09)."]}
        ) from error
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise exceptions.ValidationError({name: ["Identifiant invalide."]}) from error


class StaffView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": READ, "POST": WRITE}


class StaffRequestListView(StaffView):
    @extend_schema(
        parameters=[
            OpenApiParameter("month", OpenApiTypes.STR, description="Entrée souhaitée : 2027-09"),
            OpenApiParameter("establishment", OpenApiTypes.INT, description="À tout rang"),
            OpenApiParameter(
                "state", OpenApiTypes.STR, enum=[c for c, _ in PlaceRequest.STATE_CHOICES]
            ),
            OpenApiParameter(
                "care", OpenApiTypes.STR, enum=[c for c, _ in PlaceRequest.CARE_CHOICES]
            ),
        ],
        responses=s.StaffRequestListSerializer,
        operation_id="creche_staff_requests",
    )
    def get(self, request):
        """The requests, by desired start then date of request."""
        rows = staff_requests()
        params = request.query_params
        if params.get("month"):
            rows = rows.filter(desired_start__range=_month(params["month"]))
        if params.get("establishment"):
            rows = rows.filter(
                choices__establishment_id=_int(params["establishment"], "establishment")
            )
        if params.get("state"):
            if params["state"] not in dict(PlaceRequest.STATE_CHOICES):
                raise exceptions.ValidationError({"state": ["État inconnu."]})
            rows = rows.filter(state=params["state"])
        if params.get("care"):
            if params["care"] not in dict(PlaceRequest.CARE_CHOICES):
                raise exceptions.ValidationError({"care": ["Type d'accueil inconnu."]})
            rows = rows.filter(care=params["care"])
        rows = rows.distinct().order_by("desired_start", "created_at", "pk")
        establishments = Establishment.objects.order_by("order", "name")
        payload = {"establishments": establishments, "requests": rows}
        return Response(s.StaffRequestListSerializer(payload).data)


class StaffRequestView(StaffView):
    def place_request(self, pk) -> PlaceRequest:
        return get_object_or_404(staff_requests(), pk=pk)

    def answer(self, pk):
        establishments = Establishment.objects.prefetch_related("sections").order_by(
            "order", "name"
        )
        return Response(
            s.StaffPlaceRequestSerializer(
                self.place_request(pk), context={"establishments": establishments}
            ).data
        )


class StaffRequestDetailView(StaffRequestView):
    required_permissions = {"GET": READ}

    @extend_schema(responses=s.StaffPlaceRequestSerializer, operation_id="creche_staff_request")
    def get(self, request, pk: int):
        return self.answer(pk)


def _establishment(pk: int) -> Establishment:
    establishment = Establishment.objects.filter(pk=pk).first()
    if establishment is None:
        raise service.RequestRefused("Établissement inconnu.", field="establishment")
    return establishment


class StaffOfferView(StaffRequestView):
    required_permissions = {"POST": WRITE}

    @extend_schema(
        request=s.OfferInputSerializer,
        responses=s.StaffPlaceRequestSerializer,
        operation_id="creche_staff_request_offer",
    )
    def post(self, request, pk: int):
        """Offer a place: establishment, section, start, schedule. Books nothing."""
        place_request = self.place_request(pk)
        data = s.OfferInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        establishment = _establishment(v["establishment"])
        section = None
        if v.get("section") is not None:
            section = Section.objects.filter(pk=v["section"]).first()
            if section is None:
                raise service.RequestRefused("Section inconnue.", field="section")
        service.offer_place(
            request=place_request,
            by=request.user,
            establishment=establishment,
            section=section,
            start=v["start"],
            schedule=[dict(d) for d in v["schedule"]],
            alternating=v["alternating"],
        )
        return self.answer(pk)


class StaffWaitlistView(StaffRequestView):
    required_permissions = {"POST": WRITE}

    @extend_schema(
        request=None,
        responses=s.StaffPlaceRequestSerializer,
        operation_id="creche_staff_request_waitlist",
    )
    def post(self, request, pk: int):
        """Put the request on the waiting list (or take an offer back)."""
        service.waitlist(request=self.place_request(pk), by=request.user)
        return self.answer(pk)


class StaffRefuseView(StaffRequestView):
    required_permissions = {"POST": WRITE}

    @extend_schema(
        request=s.RefuseInputSerializer,
        responses=s.StaffPlaceRequestSerializer,
        operation_id="creche_staff_request_refuse",
    )
    def post(self, request, pk: int):
        """Refuse, with the reason the family reads."""
        place_request = self.place_request(pk)
        data = s.RefuseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service.refuse(request=place_request, by=request.user, reason=data.validated_data["reason"])
        return self.answer(pk)


class StaffAvailabilityView(StaffRequestView):
    """The free places for a schedule during its first 4 weeks (reads only: asked with POST
    for its schedule body, allowed to whoever reads the requests)."""

    required_permissions = {"POST": READ}

    @extend_schema(
        request=s.AvailabilityInputSerializer,
        responses=s.AvailabilitySerializer,
        operation_id="creche_staff_request_availability",
    )
    def post(self, request, pk: int):
        self.place_request(pk)
        data = s.AvailabilityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        days = service.availability(
            establishment=_establishment(v["establishment"]),
            start=v["start"],
            schedule=[dict(d) for d in v["schedule"]],
            alternating=v["alternating"],
        )
        payload = {"days": days, "min_free": min((d["free"] for d in days), default=None)}
        return Response(s.AvailabilitySerializer(payload).data)
