"""Configuring the messaging: services and their themes, which role reads which service,
attachment limits and SMS."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.communication.messaging_serializers import (
    AccessRowSerializer,
    CommunicationSettingsSerializer,
    ServiceConfigSerializer,
    ThemeConfigSerializer,
)
from api.permissions import StaffPermission, get_owned_or_404
from core.communication.models import CommunicationSettings, Service, Theme
from core.communication.services.access import access_rows, set_access
from core.communication.services.desks import delete_service, delete_theme

CONFIGURE = "communication.change_service"
CONFIGURE_SETTINGS = "communication.change_communicationsettings"
_IN_USE = OpenApiResponse(description="Déjà utilisé par des conversations : à désactiver.")


def _services():
    return Service.objects.prefetch_related("themes")


class ServiceConfigListView(generics.ListCreateAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": CONFIGURE, "POST": CONFIGURE}
    serializer_class = ServiceConfigSerializer
    pagination_class = None

    def get_queryset(self):
        return _services()

    @extend_schema(operation_id="staff_communication_services_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(operation_id="staff_communication_services_create")
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class ServiceConfigDetailView(generics.GenericAPIView):
    """Rename, reorder or deactivate a service; deleting one families wrote to is refused."""

    permission_classes = [StaffPermission]
    required_permissions = {"PATCH": CONFIGURE, "DELETE": CONFIGURE}
    serializer_class = ServiceConfigSerializer

    def get_queryset(self):
        return _services()

    @extend_schema(operation_id="staff_communication_services_update")
    def patch(self, request, pk):
        form = self.get_serializer(self.get_object(), data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        form.save()
        return Response(form.data)

    @extend_schema(
        responses={204: None, 409: _IN_USE}, operation_id="staff_communication_services_delete"
    )
    def delete(self, request, pk):
        delete_service(service=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ServiceThemesView(APIView):
    """Add a theme to a service."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": CONFIGURE}

    @extend_schema(
        request=ThemeConfigSerializer,
        responses={201: ThemeConfigSerializer},
        operation_id="staff_communication_services_themes_create",
    )
    def post(self, request, pk):
        service = get_owned_or_404(Service.objects.all(), pk=pk)
        form = ThemeConfigSerializer(data=request.data, context={"service": service})
        form.is_valid(raise_exception=True)
        form.save(service=service)
        return Response(form.data, status=status.HTTP_201_CREATED)


class ThemeConfigDetailView(generics.GenericAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"PATCH": CONFIGURE, "DELETE": CONFIGURE}
    serializer_class = ThemeConfigSerializer
    queryset = Theme.objects.select_related("service")

    @extend_schema(operation_id="staff_communication_themes_update")
    def patch(self, request, pk):
        form = self.get_serializer(self.get_object(), data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        form.save()
        return Response(form.data)

    @extend_schema(
        responses={204: None, 409: _IN_USE}, operation_id="staff_communication_themes_delete"
    )
    def delete(self, request, pk):
        delete_theme(theme=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccessView(APIView):
    """Which services each role reads (administrateur and gestionnaire: all, fixed)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": CONFIGURE, "PUT": CONFIGURE}

    @extend_schema(
        responses=AccessRowSerializer(many=True), operation_id="staff_communication_access"
    )
    def get(self, request):
        return Response(AccessRowSerializer(access_rows(), many=True).data)

    @extend_schema(
        request=AccessRowSerializer(many=True),
        responses=AccessRowSerializer(many=True),
        operation_id="staff_communication_access_update",
    )
    def put(self, request):
        form = AccessRowSerializer(data=request.data, many=True)
        form.is_valid(raise_exception=True)
        rows = set_access(rows=[dict(row) for row in form.validated_data])
        return Response(AccessRowSerializer(rows, many=True).data)


class SettingsView(APIView):
    """Attachment limits and SMS for urgent announcements."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": CONFIGURE_SETTINGS, "PATCH": CONFIGURE_SETTINGS}

    @extend_schema(
        responses=CommunicationSettingsSerializer, operation_id="staff_communication_settings"
    )
    def get(self, request):
        return Response(CommunicationSettingsSerializer(CommunicationSettings.current()).data)

    @extend_schema(
        request=CommunicationSettingsSerializer,
        responses=CommunicationSettingsSerializer,
        operation_id="staff_communication_settings_update",
    )
    def patch(self, request):
        form = CommunicationSettingsSerializer(
            CommunicationSettings.current(), data=request.data, partial=True
        )
        form.is_valid(raise_exception=True)
        form.save()
        return Response(form.data)
