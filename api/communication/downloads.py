"""Téléchargements: the family's list and files; the staff's list, upload, edit and delete.
Files are streamed by views after the checks, never by a public URL."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import FILE_RESPONSES, FileContentNegotiation, stored_file_response
from api.fields import BoundedDateTimeField
from api.permissions import IsFamilyMember, StaffPermission, get_owned_or_404
from core.communication.models import CommunicationSettings, Download
from core.communication.services.audiences import enabled_modules
from core.communication.services.downloads import (
    create_download,
    delete_download,
    published_downloads,
    update_download,
)

DOWNLOAD_EDIT = "communication.change_download"
COMMON_LABEL = "Tous les services"
# Multipart overhead (the other fields) allowed above the file's limit.
_MULTIPART_SLACK = 256 * 1024


def refuse_oversized_upload(request, *, field: str = "file") -> None:
    """Refuse a body larger than one allowed file before Django parses (and spools) it: the
    structure's limit, checked again on the file's content by the service, plus the fields."""
    limit_mb = CommunicationSettings.current().max_attachment_mb
    length = request.META.get("CONTENT_LENGTH") or "0"
    if (
        length.isascii()
        and length.isdigit()
        and int(length) > limit_mb * 1024 * 1024 + (_MULTIPART_SLACK)
    ):
        raise serializers.ValidationError(
            {field: [f"Le fichier dépasse la taille permise : {limit_mb} Mo au plus."]}
        )


class DownloadSerializer(serializers.ModelSerializer):
    """Context: ``modules`` (labels by id) and ``file_route`` (the route serving the file)."""

    module_label = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Download
        fields = [
            "id",
            "title",
            "description",
            "module",
            "module_label",
            "season",
            "original_name",
            "content_type",
            "size",
            "publish_at",
            "url",
        ]
        read_only_fields = fields

    def get_module_label(self, download: Download) -> str:
        if not download.module:
            return COMMON_LABEL
        return self.context.get("modules", {}).get(download.module, download.module)

    def get_url(self, download: Download) -> str:
        route = self.context.get("file_route", "v1:communication-download-file")
        return reverse(route, kwargs={"pk": download.pk})


class StaffDownloadSerializer(DownloadSerializer):
    status = serializers.SerializerMethodField(help_text="« Programmé », « Publié » ou « Retiré ».")

    class Meta(DownloadSerializer.Meta):
        fields = [*DownloadSerializer.Meta.fields, "expire_at", "status", "created_at"]
        read_only_fields = fields

    def get_status(self, download: Download) -> str:
        now = self.context.get("now") or timezone.now()
        if download.publish_at > now:
            return "Programmé"
        if download.expire_at is not None and download.expire_at <= now:
            return "Retiré"
        return "Publié"


class DownloadWriteSerializer(serializers.Serializer):
    """``multipart/form-data`` on creation (with the file); JSON or multipart to edit."""

    title = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    module = serializers.CharField(
        max_length=32, required=False, allow_blank=True, help_text="Vide : tous les services."
    )
    season = serializers.CharField(max_length=40, required=False, allow_blank=True)
    publish_at = BoundedDateTimeField(required=False, allow_null=True)
    expire_at = BoundedDateTimeField(required=False, allow_null=True)
    file = serializers.FileField(
        allow_empty_file=True,  # the service says "Le fichier est vide." in French
        error_messages={"required": "Choisissez un fichier.", "invalid": "Choisissez un fichier."},
        help_text="PDF, JPEG ou PNG (à la création seulement).",
    )


class DownloadUpdateSerializer(DownloadWriteSerializer):
    file = None  # the file is never replaced: delete and send a new one


def _modules() -> dict[str, str]:
    return dict(enabled_modules())


class DownloadListView(APIView):
    """The documents offered to the family, by module then season."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=DownloadSerializer(many=True), operation_id="communication_downloads_list"
    )
    def get(self, request):
        context = {"modules": _modules()}
        return Response(DownloadSerializer(published_downloads(), many=True, context=context).data)


class DownloadFileView(APIView):
    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="communication_download_file")
    def get(self, request, pk):
        return _file(get_owned_or_404(published_downloads(), pk=pk))


def _file(download: Download):
    return stored_file_response(
        download.file, filename=download.original_name, content_type=download.content_type
    )


def _staff_context() -> dict:
    return {
        "modules": _modules(),
        "file_route": "v1:staff-communication-download-file",
        "now": timezone.now(),
    }


class StaffDownloadListView(APIView):
    """Every document, programmed and withdrawn ones included; ``POST`` adds one."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": DOWNLOAD_EDIT, "POST": DOWNLOAD_EDIT}

    @extend_schema(
        responses=StaffDownloadSerializer(many=True),
        operation_id="staff_communication_downloads_list",
    )
    def get(self, request):
        items = Download.objects.order_by("module", "-season", "-publish_at", "pk")
        return Response(StaffDownloadSerializer(items, many=True, context=_staff_context()).data)

    @extend_schema(
        request={"multipart/form-data": DownloadWriteSerializer},
        responses={201: StaffDownloadSerializer},
        operation_id="staff_communication_downloads_create",
    )
    def post(self, request):
        refuse_oversized_upload(request)
        serializer = DownloadWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        download = create_download(**serializer.validated_data)
        body = StaffDownloadSerializer(download, context=_staff_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class StaffDownloadView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"PATCH": DOWNLOAD_EDIT, "DELETE": DOWNLOAD_EDIT}

    @extend_schema(
        request={
            "application/json": DownloadUpdateSerializer,
            "multipart/form-data": DownloadUpdateSerializer,
        },
        responses=StaffDownloadSerializer,
        operation_id="staff_communication_download_update",
    )
    def patch(self, request, pk):
        download = get_owned_or_404(Download.objects.all(), pk=pk)
        refuse_oversized_upload(request)
        serializer = DownloadUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        download = update_download(download=download, changes=dict(serializer.validated_data))
        return Response(StaffDownloadSerializer(download, context=_staff_context()).data)

    @extend_schema(
        responses={204: OpenApiResponse(description="Document supprimé.")},
        operation_id="staff_communication_download_delete",
    )
    def delete(self, request, pk):
        delete_download(download=get_owned_or_404(Download.objects.all(), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffDownloadFileView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": DOWNLOAD_EDIT}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="staff_communication_download_file")
    def get(self, request, pk):
        return _file(get_owned_or_404(Download.objects.all(), pk=pk))
