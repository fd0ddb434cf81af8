"""The staff's booking screens: requests to decide, occupancy, attendance sheets."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from api.booking.serializers import (
    CartChangesSerializer,
    CheckoutSerializer,
    EnrolmentSerializer,
    ReservationSerializer,
)
from api.fields import BoundedDateField
from api.params import filter_period, optional_choice, optional_id, parse_date, parse_id
from api.permissions import StaffPermission
from api.schema import PERIOD_PARAMETERS, choice_parameter, date_parameter
from core.booking.models import Enrolment, Reservation
from core.booking.services import decisions
from core.booking.services.enrolments import decide_enrolments
from core.booking.services.occupancy import occupancy
from core.catalog.models import Opening

VIEW = "booking.view_reservation"
CHANGE = "booking.change_reservation"
# The queues of requests to decide are for those who decide: not the animateur (attendance
# only) nor the comptable, who both see reservations.
VIEW_ENROLMENTS = "booking.view_enrolment"


class StaffEnrolmentSerializer(EnrolmentSerializer):
    family_id = serializers.IntegerField(source="child.family_id", read_only=True)
    family_name = serializers.CharField(source="child.family.name", read_only=True)
    child_last_name = serializers.CharField(source="child.last_name", read_only=True)

    class Meta(EnrolmentSerializer.Meta):
        fields = [
            *EnrolmentSerializer.Meta.fields,
            "family_id",
            "family_name",
            "child_last_name",
            "booked_past_deadlines",
        ]
        read_only_fields = [*EnrolmentSerializer.Meta.read_only_fields, "booked_past_deadlines"]


class StaffEnrolmentListView(ListAPIView):
    """Enrolments (default: those awaiting a decision)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_ENROLMENTS}
    serializer_class = StaffEnrolmentSerializer

    @extend_schema(
        parameters=[
            choice_parameter(
                "status", Enrolment.STATUS_CHOICES, description="Par défaut : requested"
            ),
            OpenApiParameter("activity", int),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        qs = Enrolment.objects.select_related("child__family", "activity", "group").filter(
            status=optional_choice(
                params, "status", Enrolment.STATUS_CHOICES, default=Enrolment.STATUS_REQUESTED
            )
        )
        if (activity := optional_id(params, "activity")) is not None:
            qs = qs.filter(activity_id=activity)
        return qs.order_by("created_at")


class EnrolmentDecisionSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=500)
    decision = serializers.ChoiceField(choices=["accept", "refuse", "waitlist"])
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    book_past_deadlines = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "Réserver aussi les jours dont le délai est passé (acceptation d'une inscription "
            "qui réserve ses jours à l'inscription) ; enregistré sur l'inscription."
        ),
    )


class StaffEnrolmentDecisionView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": "booking.change_enrolment"}

    @extend_schema(
        request=EnrolmentDecisionSerializer,
        responses=StaffEnrolmentSerializer(many=True),
        operation_id="staff_enrolments_decide",
    )
    def post(self, request):
        """Accept, refuse (with a reason) or waitlist several enrolment requests at once."""
        data = EnrolmentDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = decide_enrolments(
            enrolment_ids=data.validated_data["ids"],
            decision=data.validated_data["decision"],
            reason=data.validated_data["reason"],
            book_past_deadlines=data.validated_data["book_past_deadlines"],
            by=request.user,
        )
        return Response(StaffEnrolmentSerializer(done, many=True).data)


class StaffReservationSerializer(ReservationSerializer):
    family_name = serializers.CharField(source="child.family.name", read_only=True)
    child_last_name = serializers.CharField(source="child.last_name", read_only=True)
    activity_name = serializers.CharField(source="unit.activity.__str__", read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta(ReservationSerializer.Meta):
        fields = [
            *ReservationSerializer.Meta.fields,
            "family_name",
            "child_last_name",
            "activity_name",
            "has_document",
            "created_at",
        ]

    def get_has_document(self, obj) -> bool:
        return obj.absence_document_id is not None


class StaffReservationListView(ListAPIView):
    """Reservations to decide (``state=requested`` or ``cancel_requested``), or any state."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": CHANGE}
    serializer_class = StaffReservationSerializer

    @extend_schema(
        parameters=[
            choice_parameter(
                "state", Reservation.STATE_CHOICES, description="Par défaut : requested"
            ),
            OpenApiParameter("activity", int),
            *PERIOD_PARAMETERS,
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        qs = Reservation.objects.select_related("child__family", "unit__activity").filter(
            state=optional_choice(
                params, "state", Reservation.STATE_CHOICES, default=Reservation.REQUESTED
            )
        )
        if (activity := optional_id(params, "activity")) is not None:
            qs = qs.filter(unit__activity_id=activity)
        qs = filter_period(qs, params)
        return qs.order_by("date", "unit__order", "child__last_name")


class ReservationDecisionSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, max_length=1000
    )
    decision = serializers.ChoiceField(choices=["accept", "refuse", "excused", "billed"])
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class StaffReservationDecisionView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": CHANGE}

    @extend_schema(
        request=ReservationDecisionSerializer,
        responses=StaffReservationSerializer(many=True),
        operation_id="staff_reservations_decide",
    )
    def post(self, request):
        """Booking requests: accept / refuse (reason). Cancellation requests: excused / billed."""
        data = ReservationDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["decision"] in (decisions.DECISION_ACCEPT, decisions.DECISION_REFUSE):
            done = decisions.decide_requests(
                reservation_ids=values["ids"],
                decision=values["decision"],
                reason=values["reason"],
                by=request.user,
            )
        else:
            done = decisions.decide_cancellations(
                reservation_ids=values["ids"], decision=values["decision"], by=request.user
            )
        return Response(StaffReservationSerializer(done, many=True).data)


class StaffChangesView(APIView):
    """Staff book or cancel for families, past the deadlines (never past the capacity: a full
    opening still sends the booking to its waiting list)."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": CHANGE}

    @extend_schema(
        request=CartChangesSerializer,
        responses=CheckoutSerializer,
        operation_id="staff_reservations_apply",
    )
    def post(self, request):
        from core.booking.services.engine import Change, apply_changes
        from core.families.models import Child

        data = CartChangesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = data.validated_data["changes"]
        children = Child.objects.in_bulk({c["child"] for c in changes})
        families = {child.family_id for child in children.values()}
        if len(children) != len({c["child"] for c in changes}) or len(families) != 1:
            raise serializers.ValidationError(
                {"changes": "Des enfants d'une seule et même famille."}
            )
        family = next(iter(children.values())).family
        result = apply_changes(
            changes=[Change(c["child"], c["opening"], c["action"]) for c in changes],
            by=request.user,
            staff=True,
            family=family,
        )
        return Response(
            CheckoutSerializer(
                {
                    "done": result.done,
                    "failed": result.failed,
                    "total": result.total,
                    "committed_at": timezone.now(),
                }
            ).data
        )


class OccupancyCellSerializer(serializers.Serializer):
    opening = serializers.IntegerField()
    date = BoundedDateField()
    capacity = serializers.IntegerField()
    booked = serializers.IntegerField()
    waiting = serializers.IntegerField()
    requested = serializers.IntegerField()
    closed = serializers.BooleanField()


class OccupancyRowSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField()
    activity_id = serializers.IntegerField()
    activity_name = serializers.CharField()
    group_name = serializers.CharField(allow_blank=True)
    cells = OccupancyCellSerializer(many=True)


class OccupancyView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW}

    @extend_schema(
        parameters=[
            date_parameter("from", "Du (inclus), AAAA-MM-JJ ; par défaut aujourd'hui"),
            date_parameter("to", "Au (inclus), AAAA-MM-JJ ; par défaut 13 jours après"),
            OpenApiParameter("activity", int),
        ],
        responses=OccupancyRowSerializer(many=True),
        operation_id="staff_occupancy",
    )
    def get(self, request):
        """Capacity, places taken, waiting list and pending requests per unit and day."""
        start = parse_date(request.query_params.get("from"), "from", timezone.localdate())
        end = parse_date(request.query_params.get("to"), "to", start + timedelta(days=13))
        rows = occupancy(
            start=start, end=end, activity_id=optional_id(request.query_params, "activity")
        )
        return Response(OccupancyRowSerializer(rows, many=True).data)


class AttendanceLineSerializer(serializers.Serializer):
    reservation = serializers.IntegerField(source="pk")
    child_id = serializers.IntegerField()
    first_name = serializers.CharField(source="child.first_name")
    last_name = serializers.CharField(source="child.last_name")
    state = serializers.CharField()
    absence_reason = serializers.CharField(allow_blank=True)
    allergies = serializers.SerializerMethodField()
    has_pai = serializers.SerializerMethodField()

    def get_allergies(self, obj) -> str:
        return obj.child.allergies if self.context.get("health") else ""

    def get_has_pai(self, obj) -> bool:
        return bool(obj.child.has_pai) if self.context.get("health") else False


class AttendanceSheetSerializer(serializers.Serializer):
    opening = serializers.IntegerField()
    unit_name = serializers.CharField()
    activity_name = serializers.CharField()
    date = BoundedDateField()
    capacity = serializers.IntegerField()
    lines = AttendanceLineSerializer(many=True)


class AttendanceMarkSerializer(serializers.Serializer):
    marks = serializers.DictField(
        child=serializers.ChoiceField(choices=list(decisions.ATTENDANCE_STATES)),
        help_text="{id de réservation: état}",
    )


class AttendanceView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "booking.view_reservation", "POST": "booking.change_attendance"}

    def sheet(self, request, opening):
        lines = (
            Reservation.objects.filter(
                opening=opening,
                state__in=[*decisions.ATTENDANCE_STATES, Reservation.CANCEL_REQUESTED],
            )
            .select_related("child")
            .order_by("child__last_name", "child__first_name")
        )
        health = request.user.has_perm("families.view_child")
        return AttendanceSheetSerializer(
            {
                "opening": opening.pk,
                "unit_name": opening.unit.name,
                "activity_name": str(opening.unit.activity),
                "date": opening.date,
                "capacity": opening.capacity,
                "lines": lines,
            },
            context={"health": health},
        ).data

    def opening(self, pk):
        from api.permissions import get_owned_or_404

        return get_owned_or_404(Opening.objects.select_related("unit__activity"), pk=pk)

    @extend_schema(responses=AttendanceSheetSerializer, operation_id="staff_attendance")
    def get(self, request, pk: int):
        """The children expected on one unit and day, with their state."""
        return Response(self.sheet(request, self.opening(pk)))

    @extend_schema(
        request=AttendanceMarkSerializer,
        responses=AttendanceSheetSerializer,
        operation_id="staff_attendance_mark",
    )
    def post(self, request, pk: int):
        """Mark present / absent excused / absent billed (or back to booked)."""
        opening = self.opening(pk)
        data = AttendanceMarkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marks = {}
        for key, state in data.validated_data["marks"].items():
            marks[parse_id(key, "marks")] = state
        ids = set(opening.reservations.filter(pk__in=marks).values_list("pk", flat=True))
        if ids != set(marks):
            return Response({"detail": "Réservation introuvable pour cet accueil."}, status=404)
        decisions.mark_attendance(marks=marks, by=request.user)
        return Response(self.sheet(request, opening))
