"""Accueil occasionnel: the families' free places, bookings and cancellations, and the
structure's decisions on the requested days. Every child id is looked up inside the family
(404); thin views over ``modules/creche/services/occasional.py``."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import optional_id, parse_date
from api.permissions import IsFamilyMember, StaffPermission, get_owned_or_404
from core.tenancy.context import structure_today
from modules.creche.api.attendance_serializers import (
    CrecheDoneSerializer,
    OccasionalAvailabilitySerializer,
    OccasionalBookInputSerializer,
    OccasionalCancelInputSerializer,
    OccasionalDaySerializer,
    OccasionalDecisionInputSerializer,
)
from modules.creche.models import CrecheSettings, Establishment
from modules.creche.services import occasional, slots


def _bookable(pk: int) -> Establishment:
    return get_object_or_404(occasional.bookable_establishments(), pk=pk)


class AvailabilityView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        parameters=[OpenApiParameter("establishment", int), OpenApiParameter("date", str)],
        responses=OccasionalAvailabilitySerializer,
        operation_id="creche_occasional_availability",
    )
    def get(self, request):
        """The establishments offering occasional care, and for the one and the day chosen
        (default: the first, tomorrow) the places free per half-hour and which children may
        come (their age that day)."""
        establishments = list(occasional.bookable_establishments())
        pk = optional_id(request.query_params, "establishment")
        chosen = next((e for e in establishments if e.pk == pk), None)
        if pk is not None and chosen is None:
            raise Http404
        chosen = chosen or (establishments[0] if establishments else None)
        today = structure_today()
        # Default: tomorrow (a family's change of today is past its window anyway).
        day = parse_date(
            request.query_params.get("date"), "date", default=today + timedelta(days=1)
        )
        children = []
        for child in request.family.children.order_by("birth_date"):
            reason = occasional.age_refusal(chosen, child, day) if chosen else ""
            children.append(
                {
                    "id": child.pk,
                    "first_name": child.first_name,
                    "last_name": child.last_name,
                    "eligible": bool(chosen) and not reason,
                    "reason": reason,
                }
            )
        presets = [
            {
                "label": "Matin",
                "arrival": occasional.MORNING[0],
                "departure": occasional.MORNING[1],
            },
            {
                "label": "Après-midi",
                "arrival": occasional.AFTERNOON[0],
                "departure": occasional.AFTERNOON[1],
            },
        ]
        return Response(
            OccasionalAvailabilitySerializer(
                {
                    "establishments": establishments,
                    "establishment": chosen,
                    "date": day,
                    "today": today,
                    "slots": slots.day_occupancy(chosen, day) if chosen else [],
                    "presets": presets,
                    "children": children,
                    "validation": CrecheSettings.current().occasional_validation,
                }
            ).data
        )


class FamilyBookingsView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=OccasionalDaySerializer(many=True),
        operation_id="creche_occasional_bookings",
    )
    def get(self, request):
        """The family's occasional days to come, and whether each may still be cancelled."""
        days = occasional.family_days(family=request.family)
        return Response(OccasionalDaySerializer(days, many=True).data)

    @extend_schema(
        request=OccasionalBookInputSerializer,
        responses={201: CrecheDoneSerializer},
        operation_id="creche_occasional_book",
    )
    def post(self, request):
        """Book a child's day (every half-hour or none; the booking windows apply)."""
        data = OccasionalBookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        child = get_owned_or_404(request.family.children.all(), pk=values["child"])
        establishment = _bookable(values["establishment"])
        booked = occasional.book_day(
            family=request.family,
            child=child,
            establishment=establishment,
            day=values["date"],
            arrival=values["arrival"],
            departure=values["departure"],
            by=request.user,
        )
        requested = any(r.state == "requested" for r in booked)
        detail = (
            "Demande envoyée : la crèche vous confirmera l'accueil."
            if requested
            else "Accueil réservé."
        )
        return Response(
            CrecheDoneSerializer({"detail": detail, "count": len(booked)}).data,
            status=status.HTTP_201_CREATED,
        )


class FamilyCancelView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        request=OccasionalCancelInputSerializer,
        responses=CrecheDoneSerializer,
        operation_id="creche_occasional_cancel",
    )
    def post(self, request):
        """Cancel a child's occasional day whole, within the booking windows."""
        data = OccasionalCancelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        child = get_owned_or_404(request.family.children.all(), pk=values["child"])
        # Only the establishments offering occasional care: a contract's days are never
        # cancelled here (the family declares an absence).
        establishment = _bookable(values["establishment"])
        count = occasional.cancel_day(
            family=request.family,
            child=child,
            establishment=establishment,
            day=values["date"],
            by=request.user,
        )
        return Response(CrecheDoneSerializer({"detail": "Accueil annulé.", "count": count}).data)


class PendingView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "creche.view_establishment"}

    @extend_schema(
        parameters=[OpenApiParameter("establishment", int)],
        responses=OccasionalDaySerializer(many=True),
        operation_id="creche_staff_occasional_pending",
    )
    def get(self, request):
        """The occasional days waiting for the structure's decision."""
        pk = optional_id(request.query_params, "establishment")
        establishment = get_object_or_404(Establishment, pk=pk) if pk is not None else None
        days = occasional.pending_days(establishment=establishment)
        return Response(OccasionalDaySerializer(days, many=True, context={"staff": True}).data)


class DecisionView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": "creche.change_establishment"}

    @extend_schema(
        request=OccasionalDecisionInputSerializer,
        responses=CrecheDoneSerializer,
        operation_id="creche_staff_occasional_decide",
    )
    def post(self, request):
        """Decide a child's day whole: a booking request (accept / refuse, with a reason) or
        a cancellation request (excused / billed)."""
        data = OccasionalDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        establishment = get_object_or_404(Establishment, pk=values["establishment"])
        count = occasional.decide_day(
            child_id=values["child"],
            establishment=establishment,
            day=values["date"],
            decision=values["decision"],
            reason=values.get("reason", ""),
            by=request.user,
        )
        detail = {
            "accept": "Accueil accepté.",
            "refuse": "Demande refusée.",
            "excused": "Annulation acceptée : les places sont libérées.",
            "billed": "Annulation refusée : la journée reste due.",
        }[values["decision"]]
        return Response(CrecheDoneSerializer({"detail": detail, "count": count}).data)
