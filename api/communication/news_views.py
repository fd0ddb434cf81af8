"""Actualités and home messages: what families, staff and visitors read, and the staff's
editor. Items are read through the requester's visible queryset: one it may not see is a 404."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.communication.downloads import refuse_oversized_upload
from api.communication.news_serializers import (
    CommunicationHomeSerializer,
    HomeMessageSerializer,
    HomeMessageWriteSerializer,
    NewsQuerySerializer,
    NewsSerializer,
    NewsWriteSerializer,
    StaffNewsSerializer,
)
from api.downloads import FileContentNegotiation, stored_file_response
from api.permissions import IsFamilyMember, IsStaffMember, StaffPermission, get_owned_or_404
from core.communication.models import NewsItem
from core.communication.services.audiences import enabled_modules
from core.communication.services.home import (
    all_home_messages,
    home_messages_for_family,
    home_messages_for_staff,
    set_home_message,
)
from core.communication.services.news import (
    create_news,
    delete_news,
    news_for_user,
    public_news,
    stored_image_type,
    update_news,
)
from core.documents.uploads import ACCEPTED_TYPES

IMAGE_RESPONSES = {
    (200, "image/jpeg"): OpenApiTypes.BINARY,
    (200, "image/png"): OpenApiTypes.BINARY,
}
NEWS_EDIT = "communication.change_newsitem"
HOME_EDIT = "communication.change_homemessage"
HOME_NEWS_COUNT = 3


def _context(**extra) -> dict:
    return {"modules": dict(enabled_modules()), **extra}


def _reader_news(request):
    family = None if request.user.is_staff_member else getattr(request, "family", None)
    return news_for_user(user=request.user, family=family)


def _limited(request, queryset):
    query = NewsQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    limit = query.validated_data.get("limit")
    return queryset[:limit] if limit else queryset


def _image_response(item: NewsItem):
    # The type comes from the stored content, checked again here, never from a file name.
    content_type = stored_image_type(item)
    if content_type is None:
        raise Http404
    extension = ACCEPTED_TYPES[content_type][0]
    return stored_file_response(
        item.image, filename=f"actualite-{item.pk}.{extension}", content_type=content_type
    )


class NewsListView(APIView):
    """The items the logged-in family or staff member may read, pinned first."""

    permission_classes = [IsStaffMember | IsFamilyMember]

    @extend_schema(
        parameters=[NewsQuerySerializer],
        responses=NewsSerializer(many=True),
        operation_id="communication_news_list",
    )
    def get(self, request):
        items = _limited(request, _reader_news(request))
        return Response(NewsSerializer(items, many=True, context=_context()).data)


class NewsItemView(APIView):
    permission_classes = [IsStaffMember | IsFamilyMember]

    @extend_schema(responses=NewsSerializer, operation_id="communication_news_item")
    def get(self, request, pk):
        item = get_owned_or_404(_reader_news(request), pk=pk)
        return Response(NewsSerializer(item, context=_context()).data)


class NewsImageView(APIView):
    permission_classes = [IsStaffMember | IsFamilyMember]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=IMAGE_RESPONSES, operation_id="communication_news_image")
    def get(self, request, pk):
        return _image_response(get_owned_or_404(_reader_news(request), pk=pk))


class CommunicationHomeView(APIView):
    """The top of the home page: the user's home messages and the first visible items."""

    permission_classes = [IsStaffMember | IsFamilyMember]

    @extend_schema(responses=CommunicationHomeSerializer, operation_id="communication_home")
    def get(self, request):
        if request.user.is_staff_member:
            messages = home_messages_for_staff()
        else:
            messages = home_messages_for_family(family=request.family)
        news = _reader_news(request)[:HOME_NEWS_COUNT]
        payload = {"messages": messages, "news": news}
        return Response(CommunicationHomeSerializer(payload, context=_context()).data)


class PublicNewsListView(APIView):
    """The structure's public items, for visitors of its public page (no login)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[NewsQuerySerializer],
        responses=NewsSerializer(many=True),
        operation_id="communication_public_news_list",
    )
    def get(self, request):
        items = _limited(request, public_news())
        context = _context(image_route="public")
        return Response(NewsSerializer(items, many=True, context=context).data)


class PublicNewsImageView(APIView):
    permission_classes = [AllowAny]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=IMAGE_RESPONSES, operation_id="communication_public_news_image")
    def get(self, request, pk):
        return _image_response(get_owned_or_404(public_news(), pk=pk))


# Staff -----------------------------------------------------------------------------------------
def _staff_context() -> dict:
    return _context(image_route="staff", now=timezone.now())


def _write_values(data: dict) -> dict:
    return {
        name: data[name]
        for name in (
            "title",
            "text",
            "audience",
            "image_alt",
            "public",
            "pinned",
            "publish_at",
            "expire_at",
        )
        if name in data
    }


class StaffNewsListView(APIView):
    """Every item, drafts (programmed) and expired ones included; ``POST`` writes one."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": NEWS_EDIT, "POST": NEWS_EDIT}

    @extend_schema(
        responses=StaffNewsSerializer(many=True), operation_id="staff_communication_news_list"
    )
    def get(self, request):
        items = NewsItem.objects.order_by("-pinned", "-publish_at", "-pk")
        return Response(StaffNewsSerializer(items, many=True, context=_staff_context()).data)

    @extend_schema(
        request={
            "multipart/form-data": NewsWriteSerializer,
            "application/json": NewsWriteSerializer,
        },
        responses={201: StaffNewsSerializer},
        operation_id="staff_communication_news_create",
    )
    def post(self, request):
        refuse_oversized_upload(request, field="image")
        serializer = NewsWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = create_news(**_write_values(data), image=data.get("image"), user=request.user)
        body = StaffNewsSerializer(item, context=_staff_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class StaffNewsItemView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": NEWS_EDIT, "PATCH": NEWS_EDIT, "DELETE": NEWS_EDIT}

    @extend_schema(responses=StaffNewsSerializer, operation_id="staff_communication_news_item")
    def get(self, request, pk):
        item = get_owned_or_404(NewsItem.objects.all(), pk=pk)
        return Response(StaffNewsSerializer(item, context=_staff_context()).data)

    @extend_schema(
        request={
            "multipart/form-data": NewsWriteSerializer,
            "application/json": NewsWriteSerializer,
        },
        responses=StaffNewsSerializer,
        operation_id="staff_communication_news_update",
    )
    def patch(self, request, pk):
        item = get_owned_or_404(NewsItem.objects.all(), pk=pk)
        refuse_oversized_upload(request, field="image")
        serializer = NewsWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = update_news(
            item=item,
            changes=_write_values(data),
            image=data.get("image"),
            remove_image=data.get("remove_image", False),
        )
        return Response(StaffNewsSerializer(item, context=_staff_context()).data)

    @extend_schema(
        responses={204: OpenApiResponse(description="Actualité supprimée.")},
        operation_id="staff_communication_news_delete",
    )
    def delete(self, request, pk):
        delete_news(item=get_owned_or_404(NewsItem.objects.all(), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffNewsImageView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": NEWS_EDIT}
    content_negotiation_class = FileContentNegotiation

    @extend_schema(responses=IMAGE_RESPONSES, operation_id="staff_communication_news_image")
    def get(self, request, pk):
        return _image_response(get_owned_or_404(NewsItem.objects.all(), pk=pk))


class StaffHomeMessagesView(APIView):
    """One message per audience (families, staff, each enabled module); ``PUT`` writes one."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": HOME_EDIT, "PUT": HOME_EDIT}

    @extend_schema(
        responses=HomeMessageSerializer(many=True),
        operation_id="staff_communication_home_messages",
    )
    def get(self, request):
        return Response(HomeMessageSerializer(all_home_messages(), many=True).data)

    @extend_schema(
        request=HomeMessageWriteSerializer,
        responses=HomeMessageSerializer,
        operation_id="staff_communication_home_message_update",
    )
    def put(self, request):
        serializer = HomeMessageWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = set_home_message(**serializer.validated_data)
        return Response(HomeMessageSerializer(message).data)
