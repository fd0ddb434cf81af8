"""The staff's inbox: conversations of the services the user reads (others answer 404),
replies and internal notes, assignment, closing and reopening, quick replies."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.communication.messaging_family import refuse_oversized_body
from api.communication.messaging_serializers import (
    AssigneesQuerySerializer,
    AssignSerializer,
    InboxQuerySerializer,
    MessagingUserRefSerializer,
    QuickReplySerializer,
    ServiceOptionSerializer,
    StaffMessageCreateSerializer,
    StaffThreadDetailSerializer,
    StaffThreadMessageSerializer,
    StaffThreadSerializer,
    StaffUnreadSerializer,
)
from api.downloads import FILE_RESPONSES, FileContentNegotiation, stored_file_response
from api.permissions import StaffPermission, get_owned_or_404
from core.communication.models import Attachment, Message, QuickReply, Theme, Thread
from core.communication.services.access import (
    assignable_users,
    readable_service_keys,
    readable_services,
    staff_threads,
)
from core.communication.services.threads import (
    assign_thread,
    close_thread,
    mark_read,
    post_staff_message,
    reopen_thread,
)
from core.communication.services.unread import unread_count_subquery, unread_for_staff

VIEW_THREADS = "communication.view_thread"
CHANGE_THREADS = "communication.change_thread"
CHANGE_QUICK_REPLIES = "communication.change_quickreply"
_NOT_FOUND = OpenApiResponse(description="Conversation introuvable ou d'un service non permis.")


def inbox(user):
    return (
        staff_threads(user=user)
        .select_related("family", "service", "theme", "child", "assignee")
        .annotate(unread=unread_count_subquery(user=user, side=Message.SIDE_FAMILY))
        .order_by("-last_message_at", "-pk")
    )


def _thread_or_404(request, pk) -> Thread:
    return get_owned_or_404(staff_threads(user=request.user).select_related("service"), pk=pk)


def _detail(request, pk: int) -> dict:
    messages = Prefetch(
        "messages",
        queryset=Message.objects.select_related("author").prefetch_related("attachments"),
        to_attr="all_messages",
    )
    thread = get_owned_or_404(inbox(request.user).prefetch_related(messages), pk=pk)
    return StaffThreadDetailSerializer(thread, context={"staff": True}).data


class StaffThreadListView(generics.ListAPIView):
    """The inbox, most recent first, filtered; bounded queries whatever the page."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_THREADS}
    serializer_class = StaffThreadSerializer

    def get_queryset(self):
        query = InboxQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        threads = inbox(self.request.user)
        for name in ("service", "theme"):
            if name in params:
                threads = threads.filter(**{f"{name}_id": params[name]})
        if "state" in params:
            threads = threads.filter(state=params["state"])
        assignee = params.get("assignee")
        if assignee == "me":
            threads = threads.filter(assignee=self.request.user)
        elif assignee == "none":
            threads = threads.filter(assignee__isnull=True)
        elif assignee:
            threads = threads.filter(assignee_id=int(assignee))
        text = (params.get("q") or "").strip()
        if text:
            match = Q(subject__icontains=text) | Q(family__name__icontains=text)
            if text.isdigit():
                match |= Q(family__number=int(text))
            threads = threads.filter(match)
        return threads

    @extend_schema(parameters=[InboxQuerySerializer], operation_id="staff_communication_threads")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class StaffThreadDetailView(APIView):
    """One conversation with every message, internal notes included; marks it read."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_THREADS}

    @extend_schema(
        responses={200: StaffThreadDetailSerializer, 404: _NOT_FOUND},
        operation_id="staff_communication_thread",
    )
    def get(self, request, pk):
        thread = _thread_or_404(request, pk)
        mark_read(thread=thread, user=request.user)
        return Response(_detail(request, thread.pk))


class StaffThreadMessagesView(APIView):
    """A reply to the family (e-mailed to it) or an internal note (``internal``: never shown
    to the family)."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": CHANGE_THREADS}
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": StaffMessageCreateSerializer},
        responses={201: StaffThreadMessageSerializer, 404: _NOT_FOUND},
        operation_id="staff_communication_thread_messages",
    )
    def post(self, request, pk):
        thread = _thread_or_404(request, pk)
        refuse_oversized_body(request)
        form = StaffMessageCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        message = post_staff_message(
            thread=thread,
            user=request.user,
            text=form.validated_data["text"],
            internal=form.validated_data["internal"],
            files=form.validated_data["attachments"],
        )
        message = (
            Message.objects.select_related("author")
            .prefetch_related("attachments")
            .get(pk=message.pk)
        )
        return Response(
            StaffThreadMessageSerializer(message, context={"staff": True}).data,
            status=status.HTTP_201_CREATED,
        )


class StaffThreadAssignView(APIView):
    """Give the conversation to a colleague who reads its service (``null``: nobody)."""

    permission_classes = [StaffPermission]
    required_permissions = {"POST": CHANGE_THREADS}

    @extend_schema(
        request=AssignSerializer,
        responses={200: StaffThreadDetailSerializer, 404: _NOT_FOUND},
        operation_id="staff_communication_thread_assign",
    )
    def post(self, request, pk):
        thread = _thread_or_404(request, pk)
        form = AssignSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assignee = None
        if form.validated_data["assignee"] is not None:
            assignee = get_user_model().objects.filter(pk=form.validated_data["assignee"]).first()
            if assignee is None:
                raise serializers.ValidationError(
                    {"assignee": ["Cette personne ne peut pas lire les messages de ce service."]}
                )
        assign_thread(thread=thread, assignee=assignee)
        return Response(_detail(request, thread.pk))


class _StateView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": CHANGE_THREADS}
    transition = None

    def post(self, request, pk):
        thread = _thread_or_404(request, pk)
        type(self).transition(thread=thread)
        return Response(_detail(request, thread.pk))


class StaffThreadCloseView(_StateView):
    """Close the conversation (a family's new message reopens it)."""

    transition = staticmethod(close_thread)

    @extend_schema(
        request=None,
        responses={200: StaffThreadDetailSerializer, 404: _NOT_FOUND},
        operation_id="staff_communication_thread_close",
    )
    def post(self, request, pk):
        return super().post(request, pk)


class StaffThreadReopenView(_StateView):
    transition = staticmethod(reopen_thread)

    @extend_schema(
        request=None,
        responses={200: StaffThreadDetailSerializer, 404: _NOT_FOUND},
        operation_id="staff_communication_thread_reopen",
    )
    def post(self, request, pk):
        return super().post(request, pk)


class StaffAssigneesView(APIView):
    """Who may be given a conversation of ``service``: staff reading it."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_THREADS}

    @extend_schema(
        parameters=[AssigneesQuerySerializer],
        responses={
            200: MessagingUserRefSerializer(many=True),
            404: OpenApiResponse(description="Service introuvable ou hors de vos services."),
        },
        operation_id="staff_communication_assignees",
    )
    def get(self, request):
        query = AssigneesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        service = readable_services(user=request.user).filter(pk=query.validated_data["service"])
        service = service.first()
        if service is None:
            raise Http404
        users = assignable_users(service=service)
        return Response(MessagingUserRefSerializer(users, many=True).data)


class StaffMyServicesView(APIView):
    """The services whose conversations the user reads, with their active themes: the inbox's
    filters (the configuration endpoint is for administrators only)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_THREADS}

    @extend_schema(
        responses=ServiceOptionSerializer(many=True),
        operation_id="staff_communication_my_services",
    )
    def get(self, request):
        services = readable_services(user=request.user).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.filter(active=True), to_attr="active_themes")
        )
        return Response(ServiceOptionSerializer(services, many=True).data)


class StaffAttachmentFileView(APIView):
    """A file of a conversation of a service the user reads."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_THREADS}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=FILE_RESPONSES, operation_id="staff_communication_attachments_file")
    def get(self, request, pk):
        attachments = Attachment.objects.all()
        keys = readable_service_keys(user=request.user)
        if keys is not None:
            attachments = attachments.filter(message__thread__service__key__in=keys)
        attachment = get_owned_or_404(attachments, pk=pk)
        return stored_file_response(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type
        )


class StaffUnreadView(APIView):
    """The inbox badge: conversations still « nouveau » and those with unread family messages."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_THREADS}

    @extend_schema(responses=StaffUnreadSerializer, operation_id="staff_communication_unread")
    def get(self, request):
        counts = unread_for_staff(user=request.user, threads=staff_threads(user=request.user))
        return Response(StaffUnreadSerializer(counts).data)


class QuickReplyListView(generics.ListCreateAPIView):
    """The structure's saved texts (not paginated: a short list)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW_THREADS, "POST": CHANGE_QUICK_REPLIES}
    serializer_class = QuickReplySerializer
    pagination_class = None
    queryset = QuickReply.objects.all()

    @extend_schema(operation_id="staff_communication_quick_replies_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(operation_id="staff_communication_quick_replies_create")
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class QuickReplyDetailView(generics.GenericAPIView):
    permission_classes = [StaffPermission]
    required_permissions = {"PATCH": CHANGE_QUICK_REPLIES, "DELETE": CHANGE_QUICK_REPLIES}
    serializer_class = QuickReplySerializer
    queryset = QuickReply.objects.all()

    @extend_schema(operation_id="staff_communication_quick_replies_update")
    def patch(self, request, pk):
        form = self.get_serializer(self.get_object(), data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        form.save()
        return Response(form.data)

    @extend_schema(responses={204: None}, operation_id="staff_communication_quick_replies_delete")
    def delete(self, request, pk):
        self.get_object().delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
