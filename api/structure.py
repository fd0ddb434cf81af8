"""``GET /api/v1/structure/``: who this portal belongs to and what it offers."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.modules import ActivityKindSerializer
from core.booking.legend import legend_for
from core.modules import registry


class ModuleSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    activity_kinds = ActivityKindSerializer(many=True)


class NavigationEntrySerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    path = serializers.CharField()
    icon = serializers.CharField()
    audience = serializers.ChoiceField(choices=["parent", "staff", "all"])
    module = serializers.CharField(allow_null=True)
    order = serializers.IntegerField()


class BlankAsNullCharField(serializers.CharField):
    """The core's legend entries store ``module=""``; the API says ``null``."""

    def to_representation(self, value):
        return value or None


class LegendEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    short_label = serializers.CharField()
    color = serializers.CharField()
    module = BlankAsNullCharField(allow_null=True)


class StructureSerializer(serializers.Serializer):
    name = serializers.CharField()
    name_with_de = serializers.CharField(
        help_text="Le nom après « de » dans une phrase : « des Colos du Vercors », "
        "« d'Enfance Val de Brenne » (« le portail familles des Colos du Vercors »)."
    )
    slug = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    logo_url = serializers.CharField(allow_null=True)
    primary_color = serializers.CharField()
    time_zone = serializers.CharField()
    modules = ModuleSerializer(many=True)
    navigation = NavigationEntrySerializer(many=True)
    legend = LegendEntrySerializer(many=True)


def structure_payload(tenant) -> dict:
    """The structure's own fields; the nested objects are read by the serializers as they are
    (module descriptions, navigation entries, legend rows)."""
    modules = registry.for_tenant(tenant)
    return {
        "name": tenant.name,
        "name_with_de": tenant.name_with_de,
        "slug": tenant.slug,
        "kind": tenant.kind,
        "kind_label": tenant.get_kind_display(),
        "logo_url": f"/api/v1/structure/logo?v={int(tenant.updated_at.timestamp())}"
        if tenant.logo
        else None,
        "primary_color": tenant.primary_color,
        "time_zone": tenant.time_zone,
        "modules": modules,
        "navigation": registry.navigation_for(tenant),
        "legend": legend_for([m.id for m in modules]),
    }


@method_decorator(ensure_csrf_cookie, name="dispatch")
class StructureView(APIView):
    """The structure's identity, branding, enabled modules, navigation and legend.

    Public (the login page shows the branding). Also sets the CSRF cookie for the SPA.
    """

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=StructureSerializer, operation_id="structure_retrieve")
    def get(self, request):
        return Response(StructureSerializer(structure_payload(request.tenant)).data)


@method_decorator(cache_control(public=True, max_age=3600), name="get")
class StructureLogoView(APIView):
    """The structure's logo, read from its own media folder."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        responses={
            (200, "image/*"): bytes,
            404: OpenApiResponse(description="La structure n'a pas de logo."),
        },
        operation_id="structure_logo",
    )
    def get(self, request):
        logo = request.tenant.logo
        if not logo:
            raise Http404
        return FileResponse(logo.open("rb"))
