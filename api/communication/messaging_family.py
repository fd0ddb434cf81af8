"""Messaging, the family's side. Everything is read through the family's own threads: another
family's (or structure's) thread, message or attachment id answers 404, and internal notes
never leave the server."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Subquery
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.communication.messaging_serializers import (
    FamilyThreadDetailSerializer,
    FamilyThreadSerializer,
    FamilyUnreadSerializer,
    MessageCreateSerializer,
    ServiceOptionSerializer,
    ThreadCreateSerializer,
    ThreadMessageSerializer,
)
from api.downloads import FILE_RESPONSES, FileContentNegotiation, stored_file_response
from api.permissions import IsFamilyMember, get_owned_or_404
from core.communication.models import (
    Attachment,
    CommunicationSettings,
    Message,
    Service,
    Theme,
    Thread,
)
from core.communication.services.threads import mark_read, post_family_message, start_thread
from core.communication.services.unread import unread_count_subquery, unread_for_family

# Multipart overhead allowed above the structure's limits before the body is even read.
_MULTIPART_SLACK = 256 * 1024
_NOT_FOUND = OpenApiResponse(description="Conversation introuvable dans la famille.")


def refuse_oversized_body(request) -> None:
    """Refuse a body larger than every allowed file together before Django spools it."""
    limits = CommunicationSettings.current()
    allowed = limits.max_attachments * limits.max_attachment_mb * 1024 * 1024 + _MULTIPART_SLACK
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isascii() and length.isdigit() and int(length) > allowed:
        raise serializers.ValidationError(
            {
                "attachments": [
                    f"Les pièces jointes dépassent la taille permise : {limits.max_attachments} "
                    f"fichier(s) de {limits.max_attachment_mb} Mo au plus."
                ]
            }
        )


def family_threads(request):
    """The family's threads with their unread count and the side of their last visible message."""
    last_side = (
        Message.objects.filter(thread_id=OuterRef("pk"), internal=False)
        .order_by("-created_at", "-pk")
        .values("side")[:1]
    )
    return (
        Thread.objects.filter(family_id=request.family.pk)
        .select_related("service", "theme", "child")
        .annotate(
            unread=unread_count_subquery(user=request.user, side=Message.SIDE_STAFF),
            last_side=Subquery(last_side),
        )
        .order_by("-last_family_visible_at", "-pk")
    )


def _visible_messages():
    return Prefetch(
        "messages",
        queryset=Message.objects.filter(internal=False)
        .select_related("author")
        .prefetch_related("attachments"),
        to_attr="visible_messages",
    )


class ServiceOptionsView(APIView):
    """The services a family may write to, with their themes (active ones only)."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses=ServiceOptionSerializer(many=True), operation_id="communication_services_list"
    )
    def get(self, request):
        services = Service.objects.filter(active=True).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.filter(active=True), to_attr="active_themes")
        )
        return Response(ServiceOptionSerializer(services, many=True).data)


class ThreadListView(APIView):
    """The family's conversations, the most recent first; ``POST`` writes to the structure."""

    permission_classes = [IsFamilyMember]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        responses=FamilyThreadSerializer(many=True), operation_id="communication_threads_list"
    )
    def get(self, request):
        return Response(FamilyThreadSerializer(family_threads(request), many=True).data)

    @extend_schema(
        request={"multipart/form-data": ThreadCreateSerializer},
        responses={
            201: FamilyThreadDetailSerializer,
            404: OpenApiResponse(description="Enfant introuvable dans la famille."),
        },
        operation_id="communication_threads_create",
    )
    def post(self, request):
        refuse_oversized_body(request)
        form = ThreadCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        service = Service.objects.filter(pk=data["service"], active=True).first()
        if service is None:
            raise serializers.ValidationError({"service": ["Choisissez un service de la liste."]})
        theme = None
        if data.get("theme") is not None:
            theme = Theme.objects.filter(pk=data["theme"], service=service, active=True).first()
            if theme is None:
                raise serializers.ValidationError({"theme": ["Choisissez un thème de ce service."]})
        elif service.themes.filter(active=True).exists():
            raise serializers.ValidationError({"theme": ["Choisissez le thème de votre message."]})
        child = None
        if data.get("child") is not None:
            child = get_owned_or_404(request.family.children.all(), pk=data["child"])
        thread = start_thread(
            family=request.family,
            user=request.user,
            service=service,
            theme=theme,
            child=child,
            subject=data["subject"],
            text=data["text"],
            files=data["attachments"],
        )
        return Response(_detail(request, thread.pk), status=status.HTTP_201_CREATED)


def _detail(request, pk: int) -> dict:
    thread = get_owned_or_404(family_threads(request).prefetch_related(_visible_messages()), pk=pk)
    return FamilyThreadDetailSerializer(thread).data


class ThreadDetailView(APIView):
    """One conversation with its messages (never the internal notes); reading it marks it
    read for the guardian."""

    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses={200: FamilyThreadDetailSerializer, 404: _NOT_FOUND},
        operation_id="communication_threads_retrieve",
    )
    def get(self, request, pk):
        thread = get_owned_or_404(Thread.objects.filter(family_id=request.family.pk), pk=pk)
        mark_read(thread=thread, user=request.user)
        return Response(_detail(request, thread.pk))


class ThreadMessagesView(APIView):
    """The family's reply; a closed conversation is reopened by it."""

    permission_classes = [IsFamilyMember]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": MessageCreateSerializer},
        responses={201: ThreadMessageSerializer, 404: _NOT_FOUND},
        operation_id="communication_threads_messages_create",
    )
    def post(self, request, pk):
        thread = get_owned_or_404(Thread.objects.filter(family_id=request.family.pk), pk=pk)
        refuse_oversized_body(request)
        form = MessageCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        message = post_family_message(
            thread=thread,
            user=request.user,
            text=form.validated_data["text"],
            files=form.validated_data["attachments"],
        )
        message = (
            Message.objects.select_related("author")
            .prefetch_related("attachments")
            .get(pk=message.pk)
        )
        return Response(ThreadMessageSerializer(message).data, status=status.HTTP_201_CREATED)


class AttachmentFileView(APIView):
    """A file of a message the family can see (an internal note's file: 404)."""

    permission_classes = [IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="communication_attachments_file")
    def get(self, request, pk):
        attachment = get_owned_or_404(
            Attachment.objects.filter(
                message__thread__family_id=request.family.pk, message__internal=False
            ),
            pk=pk,
        )
        return stored_file_response(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type
        )


class UnreadView(APIView):
    """What the guardian has not read yet: messages and announcements (for the badges)."""

    permission_classes = [IsFamilyMember]

    @extend_schema(responses=FamilyUnreadSerializer, operation_id="communication_unread")
    def get(self, request):
        counts = unread_for_family(family=request.family, user=request.user)
        return Response(FamilyUnreadSerializer(counts).data)
