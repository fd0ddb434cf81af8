"""The staff's announcements: drafts, attachments, reach preview, sending, progress, receipts
and the choices of the target builder. Thin views over ``core.communication.services``."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.communication.announcements_serializers import (
    AnnouncementDetailSerializer,
    AnnouncementInputSerializer,
    AnnouncementPatchSerializer,
    AnnouncementSummarySerializer,
    AttachmentSerializer,
    AttachmentUploadSerializer,
    PreviewInputSerializer,
    ProgressSerializer,
    ReachSerializer,
    ReceiptSerializer,
    TargetOptionsSerializer,
)
from api.downloads import FILE_RESPONSES, FileContentNegotiation, stored_file_response
from api.permissions import StaffPermission, get_owned_or_404
from core.catalog.models import Activity, ActivityGroup, Unit
from core.communication.models import Announcement, AnnouncementAttachment, AnnouncementRecipient
from core.communication.services import announcements as service
from core.families.models import Family
from core.modules import registry

VIEW = "communication.view_announcement"
ADD = "communication.add_announcement"
# Multipart overhead allowed above the structure's size limit before the body is even read.
_MULTIPART_SLACK = 256 * 1024


def _announcements():
    # The counters' GROUP BY drops the model's ordering: the pages need one.
    return service.with_counters(Announcement.objects.all()).order_by("-created_at", "-pk")


def _detail(pk: int) -> Announcement:
    return get_owned_or_404(_announcements().prefetch_related("attachments"), pk=pk)


def _detail_payload(pk: int) -> dict:
    return AnnouncementDetailSerializer(_detail(pk)).data


class AnnouncementListView(generics.ListAPIView):
    """Every announcement of the structure, newest first; ``POST`` writes a draft."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "POST": ADD}
    serializer_class = AnnouncementSummarySerializer

    def get_queryset(self):
        return _announcements()

    @extend_schema(operation_id="staff_communication_announcements_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=AnnouncementInputSerializer,
        responses={201: AnnouncementDetailSerializer},
        operation_id="staff_communication_announcements_create",
    )
    def post(self, request):
        data = AnnouncementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        announcement = service.create_draft(user=request.user, **data.validated_data)
        return Response(_detail_payload(announcement.pk), status=status.HTTP_201_CREATED)


class AnnouncementDetailView(APIView):
    """One announcement; a draft may be changed or deleted (else a French 400)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "PATCH": ADD, "DELETE": ADD}

    @extend_schema(
        responses=AnnouncementDetailSerializer,
        operation_id="staff_communication_announcement_retrieve",
    )
    def get(self, request, pk):
        return Response(_detail_payload(pk))

    @extend_schema(
        request=AnnouncementPatchSerializer,
        responses=AnnouncementDetailSerializer,
        operation_id="staff_communication_announcement_update",
    )
    def patch(self, request, pk):
        announcement = get_owned_or_404(Announcement.objects.all(), pk=pk)
        data = AnnouncementPatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service.update_draft(announcement=announcement, **data.validated_data)
        return Response(_detail_payload(pk))

    @extend_schema(responses={204: None}, operation_id="staff_communication_announcement_delete")
    def delete(self, request, pk):
        service.delete_draft(announcement=get_owned_or_404(Announcement.objects.all(), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AttachmentListView(APIView):
    """``POST`` attaches a file to a draft (same checks and limits as messages)."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": ADD}
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
        operation_id="staff_communication_announcement_attachments_create",
    )
    def post(self, request, pk):
        from core.communication.models import CommunicationSettings

        announcement = get_owned_or_404(Announcement.objects.all(), pk=pk)
        max_mb = CommunicationSettings.current().max_attachment_mb
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > max_mb * 1024 * 1024 + _MULTIPART_SLACK:
            raise serializers.ValidationError(
                {"file": [f"Le fichier dépasse la taille maximale de {max_mb} Mo."]}
            )
        files = request.FILES.getlist("file")
        if not files:
            raise serializers.ValidationError({"file": ["Choisissez un fichier."]})
        if len(files) > 1 or len(request.FILES) > 1:
            raise serializers.ValidationError(
                {"file": ["Joignez un seul fichier à la fois (champ « file »)."]}
            )
        created = service.add_attachments(announcement=announcement, files=files)
        return Response(AttachmentSerializer(created[0]).data, status=status.HTTP_201_CREATED)


def _attachment(pk: int, attachment_id: int) -> AnnouncementAttachment:
    return get_owned_or_404(
        AnnouncementAttachment.objects.filter(announcement_id=pk).select_related("announcement"),
        pk=attachment_id,
    )


class AttachmentDetailView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"DELETE": ADD}

    @extend_schema(
        responses={204: None},
        operation_id="staff_communication_announcement_attachment_delete",
    )
    def delete(self, request, pk, attachment_id):
        service.delete_attachment(attachment=_attachment(pk, attachment_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AttachmentFileView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        responses=FILE_RESPONSES,
        operation_id="staff_communication_announcement_attachment_file",
    )
    def get(self, request, pk, attachment_id):
        attachment = _attachment(pk, attachment_id)
        return stored_file_response(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type
        )


class PreviewView(APIView):
    """How many families and guardians a target reaches (the count the send will use)."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": ADD}

    @extend_schema(
        request=PreviewInputSerializer,
        responses=ReachSerializer,
        operation_id="staff_communication_announcement_preview",
    )
    def post(self, request):
        data = PreviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reach = service.preview(target=data.validated_data["target"])
        return Response(ReachSerializer(reach).data)


class SendView(APIView):
    """Queue the announcement: recipients materialised now, delivered by a task (202)."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": ADD}

    @extend_schema(
        request=None,
        responses={
            202: AnnouncementDetailSerializer,
            400: OpenApiResponse(description="Déjà envoyée, ou personne à qui l'envoyer."),
        },
        operation_id="staff_communication_announcement_send",
    )
    def post(self, request, pk):
        announcement = get_owned_or_404(Announcement.objects.all(), pk=pk)
        service.queue_announcement(announcement=announcement, user=request.user)
        return Response(_detail_payload(pk), status=status.HTTP_202_ACCEPTED)


class ProgressView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW}

    @extend_schema(
        responses=ProgressSerializer, operation_id="staff_communication_announcement_progress"
    )
    def get(self, request, pk):
        announcement = get_owned_or_404(Announcement.objects.all(), pk=pk)
        return Response(ProgressSerializer(service.progress(announcement=announcement)).data)


class ReceiptListView(generics.ListAPIView):
    """Read receipts per family (paginated); ``read=yes|no`` filters."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW}
    serializer_class = ReceiptSerializer

    def get_queryset(self):
        announcement = get_owned_or_404(Announcement.objects.all(), pk=self.kwargs["pk"])
        rows = AnnouncementRecipient.objects.filter(announcement=announcement)
        families = Family.objects.filter(Exists(rows.filter(family_id=OuterRef("pk")))).annotate(
            read_at=Subquery(
                rows.filter(family_id=OuterRef("pk"), read_at__isnull=False)
                .order_by("read_at")
                .values("read_at")[:1]
            )
        )
        read = self.request.query_params.get("read")
        if read not in (None, "", "yes", "no"):
            raise serializers.ValidationError({"read": ["Valeur attendue : « yes » ou « no »."]})
        if read == "yes":
            families = families.filter(read_at__isnull=False)
        elif read == "no":
            families = families.filter(read_at__isnull=True)
        return families.order_by("name", "number")

    @extend_schema(
        parameters=[OpenApiParameter("read", str, enum=["yes", "no"], description="Lue ou non")],
        operation_id="staff_communication_announcement_receipts",
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = (
            AnnouncementRecipient.objects.filter(
                announcement_id=self.kwargs["pk"], family_id__in=[f.pk for f in page]
            )
            .select_related("guardian")
            .order_by("guardian__last_name", "guardian__first_name")
        )
        by_family: dict[int, list] = {}
        for row in rows:
            by_family.setdefault(row.family_id, []).append(
                {"name": str(row.guardian), "emailed_at": row.emailed_at, "read_at": row.read_at}
            )
        payload = [
            {
                "family": {"id": f.pk, "name": f.name, "number": f.number},
                "read_at": f.read_at,
                "guardians": by_family.get(f.pk, []),
            }
            for f in page
        ]
        return self.get_paginated_response(ReceiptSerializer(payload, many=True).data)


class TargetOptionsView(APIView):
    """What the target builder offers: the enabled modules, their activities, groups, units."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW}

    @extend_schema(
        responses=TargetOptionsSerializer, operation_id="staff_communication_target_options"
    )
    def get(self, request):
        modules = registry.for_tenant(request.tenant)
        activities = list(
            Activity.objects.filter(module__in=[m.id for m in modules]).order_by(
                "-start_date", "name"
            )
        )
        ids = [a.pk for a in activities]
        payload = {
            "modules": [{"id": m.id, "label": m.label} for m in modules],
            "activities": [
                {"id": a.pk, "name": a.name, "module": a.module, "season": a.season}
                for a in activities
            ],
            "groups": [
                {"id": g.pk, "name": g.name, "activity_id": g.activity_id}
                for g in ActivityGroup.objects.filter(activity_id__in=ids).order_by("name")
            ],
            "units": [
                {"id": u.pk, "name": u.name, "activity_id": u.activity_id}
                for u in Unit.objects.filter(activity_id__in=ids).order_by("name")
            ],
        }
        return Response(TargetOptionsSerializer(payload).data)
