"""A family's announcements: the guardian's own copies only (another guardian's → 404)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.communication.announcements_serializers import (
    FamilyAnnouncementSerializer,
    FamilyAnnouncementSummarySerializer,
)
from api.downloads import FILE_RESPONSES, FileContentNegotiation, stored_file_response
from api.permissions import IsFamilyMember, get_owned_or_404
from core.communication.models import AnnouncementAttachment
from core.communication.services import announcements as service


class FamilyAnnouncementListView(APIView):
    """The announcements sent to the signed-in guardian, newest first (not paginated: the
    portal lists them all; a structure sends a few a month)."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=FamilyAnnouncementSummarySerializer(many=True),
        operation_id="communication_announcements_list",
    )
    def get(self, request):
        rows = service.received_by(user=request.user)
        return Response(FamilyAnnouncementSummarySerializer(rows, many=True).data)


class FamilyAnnouncementDetailView(APIView):
    """One announcement; the first reading stamps the read receipt."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=FamilyAnnouncementSerializer, operation_id="communication_announcement_retrieve"
    )
    def get(self, request, pk):
        recipient = get_owned_or_404(
            service.received_by(user=request.user).prefetch_related("announcement__attachments"),
            announcement_id=pk,
        )
        service.mark_read(recipient=recipient)
        return Response(FamilyAnnouncementSerializer(recipient).data)


class FamilyAttachmentFileView(APIView):
    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        responses=FILE_RESPONSES, operation_id="communication_announcement_attachment_file"
    )
    def get(self, request, pk, attachment_id):
        get_owned_or_404(service.received_by(user=request.user), announcement_id=pk)
        attachment = get_owned_or_404(
            AnnouncementAttachment.objects.filter(announcement_id=pk), pk=attachment_id
        )
        return stored_file_response(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type
        )
