"""The parent's booking API: catalogue, enrolments, planning, cart, semaine type, absences.

Every id a parent sends is looked up inside their own family (404 otherwise), and every rule
is re-checked by the services: the SPA only displays what the server computes.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from api.booking.serializers import (
    AbsenceSerializer,
    ActivitySerializer,
    CartChangesSerializer,
    CartSerializer,
    CartUpdateSerializer,
    CheckoutSerializer,
    EnrolmentRequestSerializer,
    EnrolmentSerializer,
    PlanningSerializer,
    ReservationSerializer,
    TemplateReportSerializer,
    WeeklyTemplateSerializer,
)
from api.params import filter_period, optional_choice, optional_id, parse_id, parse_month
from api.permissions import IsFamilyMember, get_owned_or_404
from api.schema import MONTH_PATTERN, PERIOD_PARAMETERS, choice_parameter
from core.booking.models import Enrolment, Reservation
from core.booking.services import cart as carts
from core.booking.services import requests as booking_requests
from core.booking.services.absences import report_absence
from core.booking.services.enrolments import request_enrolment
from core.booking.services.planning import build_planning
from core.booking.services.weekly import apply_template
from core.catalog.models import Activity
from core.families.models import Child
from core.modules import registry


def enabled_modules(request) -> list[str]:
    return [m.id for m in registry.for_tenant(request.tenant)]


class FamilyAPIView(APIView):
    permission_classes = [IsFamilyMember]


class CatalogView(ListAPIView):
    """Activities open to the families, by service (module) and type."""

    permission_classes = [IsFamilyMember]
    serializer_class = ActivitySerializer

    def get_queryset(self):
        return (
            Activity.objects.filter(
                published=True,
                module__in=enabled_modules(self.request),
                end_date__gte=timezone.localdate(),
            )
            .select_related("booking_policy")
            .prefetch_related("units", "groups", "booking_policy__windows")
            .order_by("module", "kind", "order", "start_date")
        )


class EnrolmentListView(ListAPIView):
    """The family's enrolments; POST asks for a new one."""

    permission_classes = [IsFamilyMember]
    serializer_class = EnrolmentSerializer

    def get_queryset(self):
        return (
            Enrolment.objects.filter(child__family=self.request.family)
            .select_related("child", "activity", "group")
            .order_by("-activity__start_date", "child__first_name", "-created_at")
        )

    @extend_schema(
        request=EnrolmentRequestSerializer,
        responses={
            201: EnrolmentSerializer,
            404: OpenApiResponse(description="Enfant, activité ou groupe introuvable."),
        },
        operation_id="booking_enrolments_create",
    )
    def post(self, request):
        """Ask to enrol a child; 400 with ``missing`` (each item a link) when the file is
        incomplete for this activity."""
        data = EnrolmentRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child = get_owned_or_404(request.family.children.all(), pk=data.validated_data["child"])
        activity = get_owned_or_404(
            Activity.objects.filter(module__in=enabled_modules(request)),
            pk=data.validated_data["activity"],
        )
        group = None
        if data.validated_data.get("group"):
            group = get_owned_or_404(activity.groups.all(), pk=data.validated_data["group"])
        # An incomplete file (DossierIncomplete) answers 400 with the ``missing`` items.
        result = request_enrolment(child=child, activity=activity, group=group, user=request.user)
        return Response(EnrolmentSerializer(result.enrolment).data, status=status.HTTP_201_CREATED)


class PlanningView(FamilyAPIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "month", str, pattern=MONTH_PATTERN, description="AAAA-MM (par défaut : ce mois)"
            ),
            OpenApiParameter("child", int),
        ],
        responses={
            200: PlanningSerializer,
            404: OpenApiResponse(description="Enfant introuvable dans la famille."),
        },
        operation_id="booking_planning",
    )
    def get(self, request):
        """The month grid of the family's children: each cell's state, what can be done now
        and, when nothing can, why."""
        month = parse_month(request.query_params.get("month"))
        child_id = None
        if "child" in request.query_params:
            child_id = parse_id(request.query_params["child"], "child")
            get_owned_or_404(request.family.children.all(), pk=child_id)
        planning = build_planning(
            family=request.family, month=month, user=request.user, child_id=child_id
        )
        return Response(PlanningSerializer(planning).data)


def cart_response(cart, *, refused=None, code=status.HTTP_200_OK) -> Response:
    view = carts.view_cart(cart=cart)
    if refused is None:
        return Response(CartSerializer(view).data, status=code)
    return Response(CartUpdateSerializer({"cart": view, "refused": refused}).data, status=code)


class CartView(FamilyAPIView):
    def cart(self):
        return carts.cart_for(user=self.request.user, family=self.request.family)

    @extend_schema(responses=CartSerializer, operation_id="booking_cart")
    def get(self, request):
        """The pending changes, each re-checked and priced, and the total."""
        return cart_response(self.cart())

    @extend_schema(
        request=CartChangesSerializer,
        responses={
            200: CartUpdateSerializer,
            404: OpenApiResponse(description="Enfant introuvable dans la famille."),
        },
        operation_id="booking_cart_add",
    )
    def post(self, request):
        """Add changes (book / cancel); those refused come back with their reason."""
        data = CartChangesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child_ids = set(request.family.children.values_list("pk", flat=True))
        changes = []
        for change in data.validated_data["changes"]:
            if change["child"] not in child_ids:
                return Response({"detail": "Enfant introuvable."}, status=404)
            changes.append(
                carts.RequestedChange(change["child"], change["opening"], change["action"])
            )
        cart = self.cart()
        refused = carts.add_changes(cart=cart, changes=changes)
        return cart_response(cart, refused=refused)

    @extend_schema(
        parameters=[OpenApiParameter("line", int, description="Une ligne ; sinon toutes")],
        responses={200: CartSerializer},
        operation_id="booking_cart_clear",
    )
    def delete(self, request):
        """ "Tout supprimer" (or one line with ``?line=``)."""
        cart = self.cart()
        line_ids = None
        if "line" in request.query_params:
            line_ids = [parse_id(request.query_params["line"], "line")]
        carts.remove_lines(cart=cart, line_ids=line_ids)
        return cart_response(cart)


class CheckoutView(FamilyAPIView):
    @extend_schema(request=None, responses=CheckoutSerializer, operation_id="booking_checkout")
    def post(self, request):
        """ "Terminer": commit the cart in one transaction; the lines that became impossible
        are reported; a recap e-mail follows."""
        cart = carts.cart_for(user=request.user, family=request.family)
        if not cart.lines.exists():
            raise serializers.ValidationError({"detail": ["Aucune modification à enregistrer."]})
        outcome = carts.checkout(cart=cart, user=request.user)
        return Response(
            CheckoutSerializer(
                {
                    "done": outcome.result.done,
                    "failed": outcome.result.failed,
                    "total": outcome.total,
                    "committed_at": outcome.committed_at,
                }
            ).data
        )


class WeeklyTemplateView(FamilyAPIView):
    @extend_schema(
        request=WeeklyTemplateSerializer,
        responses={
            200: TemplateReportSerializer,
            404: OpenApiResponse(description="Enfant ou activité introuvable."),
        },
        operation_id="booking_weekly_template",
    )
    def post(self, request):
        """Apply a semaine type: its bookings go to the cart; the days it could not book come
        back with their reason."""
        data = WeeklyTemplateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        child = get_owned_or_404(request.family.children.all(), pk=values["child"])
        activity = get_owned_or_404(
            Activity.objects.filter(module__in=enabled_modules(request)), pk=values["activity"]
        )
        cart = carts.cart_for(user=request.user, family=request.family)
        report = apply_template(
            cart=cart,
            child=child,
            activity=activity,
            start=values["start"],
            end=values["end"],
            parity=values["parity"],
            slots=[tuple(slot) for slot in values["slots"]],
            user=request.user,
        )
        return Response(
            TemplateReportSerializer(
                {
                    "added": report.added,
                    "skipped": report.skipped,
                    "cart": carts.view_cart(cart=cart),
                }
            ).data
        )


class AbsenceView(FamilyAPIView):
    @extend_schema(
        request={"multipart/form-data": AbsenceSerializer},
        responses={
            200: ReservationSerializer,
            404: OpenApiResponse(description="Réservation introuvable dans la famille."),
        },
        operation_id="booking_absence",
    )
    def post(self, request):
        """Declare an absence on a booked day; with a justification (medical certificate) it is
        excused, otherwise billed."""
        data = AbsenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reservation = get_owned_or_404(
            Reservation.objects.filter(child__family=request.family).select_related("child"),
            pk=data.validated_data["reservation"],
        )
        reservation = report_absence(
            reservation=reservation,
            reason=data.validated_data.get("reason", ""),
            justification=data.validated_data.get("document") or None,
            user=request.user,
        )
        return Response(ReservationSerializer(reservation).data)


class ReservationListView(ListAPIView):
    """The family's reservations (filters: ``state``, ``from``, ``to``)."""

    permission_classes = [IsFamilyMember]
    serializer_class = ReservationSerializer

    @extend_schema(
        parameters=[
            choice_parameter("state", Reservation.STATE_CHOICES),
            *PERIOD_PARAMETERS,
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = Reservation.objects.filter(child__family=self.request.family).select_related(
            "child", "unit"
        )
        params = self.request.query_params
        if state := optional_choice(params, "state", Reservation.STATE_CHOICES):
            qs = qs.filter(state=state)
        qs = filter_period(qs, params)
        return qs.filter(~Q(state=Reservation.CANCELLED)).order_by("date", "unit__order")


class BookingRequestSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="« <type>-<réservation> » : unique dans la liste.")
    kind = serializers.ChoiceField(choices=booking_requests.KIND_CHOICES)
    kind_label = serializers.CharField()
    requested_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=booking_requests.STATUS_CHOICES)
    status_label = serializers.CharField()
    answer = serializers.CharField(help_text="La réponse de la structure, en clair.")
    decided_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField(
        allow_blank=True, help_text="Motif du refus, ou motif de l'absence déclarée."
    )
    reservation = serializers.IntegerField(source="reservation.id")
    date = serializers.DateField(source="reservation.date")
    child = serializers.IntegerField(source="reservation.child_id")
    child_name = serializers.CharField(source="reservation.child.first_name")
    unit_name = serializers.CharField(source="reservation.unit.name")
    activity_name = serializers.CharField(source="reservation.unit.activity.name")


class BookingRequestListView(ListAPIView):
    """The family's requests on its bookings, newest first: booking requests, cancellation
    requests and declared absences, with the structure's answer (filters: ``type``,
    ``child``)."""

    permission_classes = [IsFamilyMember]
    serializer_class = BookingRequestSerializer

    @extend_schema(
        parameters=[
            choice_parameter("type", booking_requests.KIND_CHOICES, "Type de demande"),
            OpenApiParameter("child", int, description="Un enfant de la famille"),
        ],
        responses={
            200: BookingRequestSerializer(many=True),
            404: OpenApiResponse(description="Enfant introuvable dans la famille."),
        },
        operation_id="booking_requests",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        kind = optional_choice(params, "type", booking_requests.KIND_CHOICES) or ""
        child = None
        if (child_id := optional_id(params, "child")) is not None:
            child = get_owned_or_404(Child.objects.filter(family=self.request.family), pk=child_id)
        return booking_requests.request_rows(family=self.request.family, kind=kind, child=child)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        items = booking_requests.describe(page)
        return self.get_paginated_response(self.get_serializer(items, many=True).data)
