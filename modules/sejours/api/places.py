"""« Mes séjours » for the families: their wishes and places, accept or decline a place
offered, and the contract and convocation PDFs. Every id is looked up inside the caller's
family (another family's wish → 404); the services re-check every rule."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import PDF_RESPONSES, FileContentNegotiation, pdf_response
from api.permissions import IsFamilyMember, StaffPermission, get_owned_or_404
from modules.sejours.api.serializers_places import (
    ConvocationsInputSerializer,
    ConvocationsSentSerializer,
    MyStaysSerializer,
    PlaceDetailSerializer,
    PlaceSerializer,
)
from modules.sejours.models import Campaign, Stay, Wish
from modules.sejours.services import editions, offers
from modules.sejours.services.notifications import send_convocations


def family_places(family):
    return (
        Wish.objects.filter(family=family)
        .exclude(status=Wish.STATUS_WITHDRAWN)
        .select_related(
            "stay__activity", "child", "transport", "deposit_invoice", "balance_invoice"
        )
        .order_by("child__first_name", "child_id", "-stay__activity__start_date", "rank", "pk")
    )


def current_campaign() -> Campaign | None:
    """The campaign families are in: the one open now, else the next to open, else the
    latest (its decisions)."""
    now = timezone.now()
    campaigns = Campaign.objects.all()
    return (
        campaigns.filter(opens_at__lte=now, closes_at__gt=now).order_by("-opens_at").first()
        or campaigns.filter(opens_at__gt=now).order_by("opens_at").first()
        or campaigns.order_by("-opens_at").first()
    )


class MyStaysView(APIView):
    """Per child, its wishes and places with their answer (« Mes séjours »)."""

    permission_classes = [IsFamilyMember]

    @extend_schema(responses=MyStaysSerializer, operation_id="sejours_places_list")
    def get(self, request):
        by_child: dict[int, list[Wish]] = {}
        for wish in family_places(request.family):
            by_child.setdefault(wish.child_id, []).append(wish)
        children = [
            {
                "id": child.pk,
                "first_name": child.first_name,
                "last_name": child.last_name,
                "places": by_child.get(child.pk, []),
            }
            for child in request.family.children.order_by("first_name", "pk")
        ]
        data = {"campaign": current_campaign(), "children": children}
        return Response(MyStaysSerializer(data).data)


class PlaceView(APIView):
    permission_classes = [IsFamilyMember]

    def wish(self, request, wish_id) -> Wish:
        return get_owned_or_404(family_places(request.family), pk=wish_id)


class PlaceDetailView(PlaceView):
    @extend_schema(responses=PlaceDetailSerializer, operation_id="sejours_place_detail")
    def get(self, request, wish_id):
        return Response(PlaceDetailSerializer(self.wish(request, wish_id)).data)


class PlaceAcceptView(PlaceView):
    """Confirm the place offered, before its deadline: the deposit is invoiced at once."""

    @extend_schema(request=None, responses=PlaceSerializer, operation_id="sejours_place_accept")
    def post(self, request, wish_id):
        wish = offers.accept_offer(wish=self.wish(request, wish_id), by=request.user)
        return Response(PlaceSerializer(self.wish(request, wish.pk)).data)


class PlaceDeclineView(PlaceView):
    """Say no to the place offered: it goes to the next family on the waiting list."""

    @extend_schema(request=None, responses=PlaceSerializer, operation_id="sejours_place_decline")
    def post(self, request, wish_id):
        wish = offers.decline_offer(wish=self.wish(request, wish_id), by=request.user)
        return Response(PlaceSerializer(self.wish(request, wish.pk)).data)


class ContractPdfView(PlaceView):
    """The pre-filled contrat d'accueil of a place offered or confirmed."""

    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=PDF_RESPONSES, operation_id="sejours_place_contract")
    def get(self, request, wish_id):
        wish = self.wish(request, wish_id)
        if wish.status not in editions.CONTRACT_STATES:
            raise Http404
        data, filename = editions.render_contract(wish=wish)
        return pdf_response(data, filename=filename)


class ConvocationPdfView(PlaceView):
    """The convocation of a confirmed place (meeting, trousseau, practical sheet)."""

    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=PDF_RESPONSES, operation_id="sejours_place_convocation")
    def get(self, request, wish_id):
        wish = self.wish(request, wish_id)
        if not editions.has_convocation(wish):
            raise Http404
        data, filename = editions.render_convocation(wish=wish)
        return pdf_response(data, filename=filename)


class StaffConvocationsView(APIView):
    """Staff send (again) the convocation e-mail to every family with a confirmed place."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": "booking.change_enrolment"}

    @extend_schema(
        request=ConvocationsInputSerializer,
        responses=ConvocationsSentSerializer,
        operation_id="sejours_staff_send_convocations",
    )
    def post(self, request, stay_id):
        stay = get_object_or_404(Stay.objects.select_related("activity"), pk=stay_id)
        data = ConvocationsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sent = send_convocations(stay=stay, again=data.validated_data["again"])
        return Response({"sent": sent})
