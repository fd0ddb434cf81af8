"""The staff's configuration of the catalogue, the booking windows, the tariffs and the legend."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import BoundedDateField
from api.params import filter_period, optional_id
from api.permissions import StaffPermission, get_owned_or_404
from api.schema import PERIOD_PARAMETERS
from core.booking.models import BookingPolicy, Enrolment, LegendEntry, PolicyWindow
from core.booking.services.decisions import set_capacity
from core.catalog.defaults import create_activity
from core.catalog.models import Activity, ActivityGroup, Closure, Opening, Unit
from core.catalog.services import apply_closure, generate_openings
from core.modules import registry
from core.pricing.engine import simulate
from core.pricing.methods import available_methods, methods
from core.pricing.models import PricingSettings, Tariff, TariffBracket
from core.pricing.validation import validate_tariff

CONFIGURE = "catalog.change_activity"
VIEW = "catalog.view_activity"
TARIFFS = "pricing.change_tariff"


class StaffConfigViewSet(viewsets.ModelViewSet):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "*": CONFIGURE}

    def perform_destroy(self, instance):
        from django.db.models import ProtectedError

        try:
            instance.delete()
        except ProtectedError:
            raise serializers.ValidationError(
                {
                    "detail": [
                        "Élément utilisé (inscriptions, réservations…) : impossible à supprimer."
                    ]
                }
            ) from None


class PolicyWindowSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyWindow
        fields = ["id", "label", "opens_at", "closes_at", "first_date", "last_date"]

    def validate(self, attrs):
        if attrs["closes_at"] <= attrs["opens_at"]:
            raise serializers.ValidationError(
                {"closes_at": "La fermeture doit suivre l'ouverture."}
            )
        if attrs["last_date"] < attrs["first_date"]:
            raise serializers.ValidationError({"last_date": "La fin doit suivre le début."})
        return attrs


class BookingPolicySerializer(serializers.ModelSerializer):
    windows = PolicyWindowSerializer(many=True, required=False)
    description = serializers.CharField(read_only=True)

    class Meta:
        model = BookingPolicy
        fields = [
            "id",
            "name",
            "kind",
            "days",
            "at",
            "skip_weekdays",
            "weekday",
            "day_of_month",
            "module",
            "code",
            "windows",
            "description",
        ]
        read_only_fields = ["module", "code"]

    def validate_skip_weekdays(self, value):
        if any(day not in range(7) for day in value):
            raise serializers.ValidationError("Jours de 0 (lundi) à 6 (dimanche).")
        return sorted(set(value))

    @transaction.atomic
    def create(self, validated_data):
        windows = validated_data.pop("windows", [])
        policy = BookingPolicy.objects.create(**validated_data)
        PolicyWindow.objects.bulk_create(PolicyWindow(policy=policy, **w) for w in windows)
        return policy

    @transaction.atomic
    def update(self, instance, validated_data):
        windows = validated_data.pop("windows", None)
        instance = super().update(instance, validated_data)
        if windows is not None:
            instance.windows.all().delete()
            PolicyWindow.objects.bulk_create(PolicyWindow(policy=instance, **w) for w in windows)
            # bulk_create sends no signal: the cached configuration must still drop them.
            from core.booking.services.configuration import invalidate

            invalidate()
        return instance


class BookingPolicyViewSet(StaffConfigViewSet):
    serializer_class = BookingPolicySerializer
    queryset = BookingPolicy.objects.prefetch_related("windows").order_by("name")


class UnitConfigSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "activity",
            "name",
            "short_label",
            "start_time",
            "end_time",
            "with_meal",
            "weekdays",
            "capacity",
            "incompatible_with",
            "requires",
            "booking_policy",
            "cancel_policy",
            "booked_on_enrolment",
            "order",
        ]

    def validate(self, attrs):
        activity = attrs.get("activity") or getattr(self.instance, "activity", None)
        for field in ("incompatible_with", "requires"):
            for other in attrs.get(field, []):
                if activity and other.activity_id != activity.pk:
                    raise serializers.ValidationError(
                        {field: "Seulement des prestations de la même activité."}
                    )
        return attrs


class UnitViewSet(StaffConfigViewSet):
    serializer_class = UnitConfigSerializer

    def get_queryset(self):
        qs = Unit.objects.prefetch_related("incompatible_with", "requires").order_by(
            "activity_id", "order"
        )
        if (activity := optional_id(self.request.query_params, "activity")) is not None:
            qs = qs.filter(activity_id=activity)
        return qs

    @extend_schema(parameters=[OpenApiParameter("activity", int)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class GroupConfigSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityGroup
        fields = ["id", "activity", "name", "capacity", "school_levels", "order"]


class GroupViewSet(StaffConfigViewSet):
    serializer_class = GroupConfigSerializer
    queryset = ActivityGroup.objects.prefetch_related("school_levels").order_by(
        "activity_id", "order"
    )


class ActivityConfigSerializer(serializers.ModelSerializer):
    with_default_units = serializers.BooleanField(write_only=True, required=False, default=True)
    enrolled = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Activity
        fields = [
            "id",
            "module",
            "kind",
            "name",
            "season",
            "start_date",
            "end_date",
            "description",
            "place",
            "calendar",
            "min_age",
            "max_age",
            "school_levels",
            "enrolment_opens_on",
            "enrolment_closes_on",
            "enrolment_validation",
            "booking_validation",
            "max_enrolments",
            "booking_policy",
            "cancel_policy",
            "horizon_days",
            "published",
            "order",
            "with_default_units",
            "enrolled",
        ]

    def validate(self, attrs):
        module = attrs.get("module") or getattr(self.instance, "module", "")
        kind = attrs.get("kind") or getattr(self.instance, "kind", "")
        tenant = self.context["request"].tenant
        if not registry.is_enabled(tenant, module):
            raise serializers.ValidationError({"module": "Module non activé pour la structure."})
        if registry.get(module).activity_kind(kind) is None:
            raise serializers.ValidationError({"kind": "Type d'activité inconnu pour ce module."})
        start = attrs.get("start_date") or getattr(self.instance, "start_date", None)
        end = attrs.get("end_date") or getattr(self.instance, "end_date", None)
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": "La fin doit suivre le début."})
        return attrs

    def create(self, validated_data):
        with_units = validated_data.pop("with_default_units", True)
        levels = validated_data.pop("school_levels", [])
        activity = create_activity(with_units=with_units, **validated_data)
        activity.school_levels.set(levels)
        return activity

    def update(self, instance, validated_data):
        validated_data.pop("with_default_units", None)
        return super().update(instance, validated_data)


class GenerateSerializer(serializers.Serializer):
    start = BoundedDateField(required=False)
    end = BoundedDateField(required=False)


class GenerationReportSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    existing = serializers.IntegerField()
    skipped = serializers.DictField(child=serializers.IntegerField())


class ActivityViewSet(StaffConfigViewSet):
    serializer_class = ActivityConfigSerializer

    def get_queryset(self):
        from django.db.models import Count, Q

        return (
            Activity.objects.prefetch_related("school_levels")
            .annotate(
                enrolled=Count(
                    "enrolments", filter=Q(enrolments__status=Enrolment.STATUS_VALIDATED)
                )
            )
            .order_by("module", "order", "start_date")
        )

    @extend_schema(
        request=GenerateSerializer,
        responses=GenerationReportSerializer,
        operation_id="staff_activities_generate_openings",
    )
    @action(detail=True, methods=["post"], url_path="generate-openings")
    def generate_openings(self, request, pk=None):
        """Create the openings of every unit from the calendar (keeps existing ones)."""
        activity = self.get_object()
        data = GenerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = generate_openings(
            activity=activity,
            start=data.validated_data.get("start"),
            end=data.validated_data.get("end"),
        )
        return Response(GenerationReportSerializer(report.as_dict()).data)


class OpeningSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Opening
        fields = [
            "id",
            "unit",
            "unit_name",
            "group",
            "date",
            "capacity",
            "booked",
            "closed",
            "note",
        ]
        read_only_fields = ["unit", "group", "date", "booked"]


class OpeningViewSet(
    mixins.ListModelMixin,
    mixins.UpdateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Openings of an activity over a period; staff change capacities and close days."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "*": CONFIGURE}
    serializer_class = OpeningSerializer

    def get_queryset(self):
        params = self.request.query_params
        qs = Opening.objects.select_related("unit").order_by("date", "unit__order")
        if (activity := optional_id(params, "activity")) is not None:
            qs = qs.filter(unit__activity_id=activity)
        if (unit := optional_id(params, "unit")) is not None:
            qs = qs.filter(unit_id=unit)
        return filter_period(qs, params)

    @extend_schema(
        parameters=[
            OpenApiParameter("activity", int),
            OpenApiParameter("unit", int),
            *PERIOD_PARAMETERS,
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_update(self, serializer):
        opening = serializer.instance
        values = serializer.validated_data
        serializer.instance = set_capacity(
            opening=opening,
            capacity=values.get("capacity", opening.capacity),
            closed=values.get("closed"),
            by=self.request.user,
        )
        if "note" in values:
            serializer.instance.note = values["note"]
            serializer.instance.save(update_fields=["note"])


class ClosureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Closure
        fields = ["id", "label", "start_date", "end_date", "activity"]

    def validate(self, attrs):
        start = attrs.get("start_date") or getattr(self.instance, "start_date", None)
        end = attrs.get("end_date") or getattr(self.instance, "end_date", None)
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": "La fin doit suivre le début."})
        return attrs


class ClosureViewSet(StaffConfigViewSet):
    serializer_class = ClosureSerializer
    queryset = Closure.objects.order_by("start_date")

    def perform_create(self, serializer):
        apply_closure(serializer.save())

    def perform_update(self, serializer):
        apply_closure(serializer.save())


class TariffBracketSerializer(serializers.ModelSerializer):
    class Meta:
        model = TariffBracket
        fields = ["id", "qf_min", "qf_max", "amount", "amount_exterior"]


def _tariff_values(tariff: Tariff | None, *, replaced: dict) -> dict:
    """The saved tariff's values (by attname) that ``replaced`` does not give again."""
    if tariff is None:
        return {}
    fields = [f for f in Tariff._meta.concrete_fields if f.name != "id" and f.name not in replaced]
    return {f.attname: getattr(tariff, f.attname) for f in fields}


class TariffSerializer(serializers.ModelSerializer):
    brackets = TariffBracketSerializer(many=True, required=False)
    method = serializers.CharField(
        max_length=32,
        default=Tariff.METHOD_FLAT,
        help_text="Code d'un mode de calcul (staff/booking/pricing-methods/).",
    )
    parameters = serializers.DictField(
        required=False, help_text="Paramètres du mode de calcul (voir ses « parameters »)."
    )

    class Meta:
        model = Tariff
        fields = [
            "id",
            "name",
            "activity",
            "unit",
            "valid_from",
            "valid_until",
            "method",
            "parameters",
            "amount",
            "amount_exterior",
            "meal_supplement",
            "sibling_discounts",
            "brackets",
        ]

    def validate(self, attrs):
        """The tariff's rules live in ``core.pricing.validation``: checked on the tariff as it
        would be saved (the instance's values under the new ones)."""
        fields = {k: v for k, v in attrs.items() if k != "brackets"}
        tariff = Tariff(**_tariff_values(self.instance, replaced=fields), **fields)
        validate_tariff(tariff, brackets=attrs.get("brackets"))
        attrs["parameters"] = tariff.parameters
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        brackets = validated_data.pop("brackets", [])
        tariff = Tariff.objects.create(**validated_data)
        TariffBracket.objects.bulk_create(TariffBracket(tariff=tariff, **b) for b in brackets)
        return tariff

    @transaction.atomic
    def update(self, instance, validated_data):
        brackets = validated_data.pop("brackets", None)
        instance = super().update(instance, validated_data)
        if brackets is not None:
            instance.brackets.all().delete()
            TariffBracket.objects.bulk_create(TariffBracket(tariff=instance, **b) for b in brackets)
        return instance


class TariffViewSet(StaffConfigViewSet):
    serializer_class = TariffSerializer
    required_permissions = {"GET": "pricing.view_tariff", "*": TARIFFS}

    def get_queryset(self):
        qs = Tariff.objects.prefetch_related("brackets")
        if (activity := optional_id(self.request.query_params, "activity")) is not None:
            qs = qs.filter(activity_id=activity) | qs.filter(unit__activity_id=activity)
        return qs.order_by("-valid_from", "name")

    @extend_schema(parameters=[OpenApiParameter("activity", int)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class PricingParameterSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=["integer", "decimal"])
    minimum = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    maximum = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    default = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    help_text = serializers.CharField(allow_blank=True)


class PricingMethodSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    uses_brackets = serializers.BooleanField()
    module = serializers.CharField(allow_null=True)
    parameters = PricingParameterSerializer(many=True)


class PricingMethodsView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "pricing.view_tariff"}

    @extend_schema(
        responses=PricingMethodSerializer(many=True), operation_id="staff_pricing_methods"
    )
    def get(self, request):
        """The pricing methods the structure's tariffs may use: the core's and those of its
        enabled modules, with the parameters each takes."""
        offered = available_methods(request.tenant.modules)
        rows = [
            {
                "code": method.code,
                "label": method.label,
                "description": method.description,
                "uses_brackets": method.uses_brackets,
                "module": methods.owner(method.code),
                "parameters": [vars(p) for p in method.parameters],
            }
            for method in offered
        ]
        return Response(PricingMethodSerializer(rows, many=True).data)


class SimulationSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    date = BoundedDateField()
    quotient = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    resident = serializers.BooleanField(default=True)
    rank = serializers.IntegerField(default=1, min_value=1, max_value=12)


class QuoteSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    tariff_name = serializers.CharField()
    details = serializers.ListField(child=serializers.CharField())


class PriceSimulatorView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": "pricing.view_tariff"}

    @extend_schema(
        request=SimulationSerializer,
        responses={200: QuoteSerializer, 404: OpenApiResponse(description="Unité introuvable.")},
        operation_id="staff_price_simulate",
    )
    def post(self, request):
        """The price of one unit at a date for a given QF, residence and sibling rank."""
        data = SimulationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = get_owned_or_404(Unit.objects.select_related("activity"), pk=values["unit"])
        result = simulate(
            unit=unit,
            on=values["date"],
            quotient=values.get("quotient"),
            resident=values["resident"],
            rank=values["rank"],
        )
        return Response(
            QuoteSerializer(
                {
                    "amount": result.amount,
                    "tariff_name": result.tariff_name,
                    "details": list(result.details),
                }
            ).data
        )


class BillingSettingsSerializer(serializers.ModelSerializer):
    """The residents' postal codes (``PricingSettings``), named as the SPA knows them."""

    class Meta:
        model = PricingSettings
        fields = ["resident_postal_codes"]


class BillingSettingsView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": "pricing.view_tariff", "*": TARIFFS}

    @extend_schema(
        responses=BillingSettingsSerializer, operation_id="staff_booking_billing_settings"
    )
    def get(self, request):
        return Response(BillingSettingsSerializer(PricingSettings.current()).data)

    @extend_schema(
        request=BillingSettingsSerializer,
        responses=BillingSettingsSerializer,
        operation_id="staff_booking_billing_settings_update",
    )
    def patch(self, request):
        serializer = BillingSettingsSerializer(
            PricingSettings.current(), data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)


class LegendSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegendEntry
        fields = ["id", "module", "code", "label", "short_label", "color", "order"]
        read_only_fields = ["module", "code"]


class LegendViewSet(mixins.ListModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """The structure's legend: labels, short codes and colours of states and conditions."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": "booking.view_legendentry", "*": "booking.change_legendentry"}
    serializer_class = LegendSerializer
    pagination_class = None
    queryset = LegendEntry.objects.all()

    def get_queryset(self):
        from core.booking.legend import legend_for

        return legend_for([m.id for m in registry.for_tenant(self.request.tenant)])
