"""The coordinators' stays, wish campaigns and séjours settings (thin views over
``modules/sejours/services``)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import optional_choice, optional_id, search_text
from api.permissions import StaffPermission
from modules.sejours.api.serializers_stays import (
    CampaignSerializer,
    CopySerializer,
    MediaInputSerializer,
    MediaSerializer,
    SettingsSerializer,
    StayInputSerializer,
    StayListSerializer,
    StaySerializer,
)
from modules.sejours.models import Campaign, SejoursSettings, Stay, StayMedia, Wish
from modules.sejours.services import campaigns, media, settings, stays
from modules.sejours.services.places import places_left

# Everyone on staff sees the stays (the animateur goes on them, the comptable bills them);
# those who manage families decide what is offered.
READ = "catalog.view_activity"
WRITE = "booking.change_enrolment"
PERMS = {"GET": READ, "POST": WRITE, "PATCH": WRITE, "DELETE": WRITE}


def _stays():
    return Stay.objects.select_related("activity", "campaign").annotate(
        wishes_count=Count("wishes", filter=Q(wishes__status__in=Wish.LIVE))
    )


def _detail(stay: Stay) -> dict:
    stay = _stays().prefetch_related("transports", "media", "document_types").get(pk=stay.pk)
    return StaySerializer(stay, context={"places_left": places_left([stay])}).data


class StayListView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(
        parameters=[
            OpenApiParameter("season", str),
            OpenApiParameter("campaign", int),
            OpenApiParameter("status", str, enum=[c[0] for c in Stay.STATUS_CHOICES]),
            OpenApiParameter("q", str),
        ],
        responses=StayListSerializer(many=True),
        operation_id="sejours_staff_stays_list",
    )
    def get(self, request):
        """Every stay with its dates, capacity, places left and live wishes."""
        params = request.query_params
        qs = _stays()
        if season := search_text(params, "season"):
            qs = qs.filter(activity__season=season)
        if (campaign := optional_id(params, "campaign")) is not None:
            qs = qs.filter(campaign_id=campaign)
        if state := optional_choice(params, "status", Stay.STATUS_CHOICES):
            qs = qs.filter(status=state)
        if text := search_text(params):
            qs = qs.filter(Q(activity__name__icontains=text) | Q(destination__icontains=text))
        rows = list(qs)
        left = places_left(rows)
        return Response(StayListSerializer(rows, many=True, context={"places_left": left}).data)

    @extend_schema(
        request=StayInputSerializer,
        responses={201: StaySerializer},
        operation_id="sejours_staff_stays_create",
    )
    def post(self, request):
        data = StayInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        stay = stays.create_stay(data=data.validated_data, by=request.user)
        return Response(_detail(stay), status=status.HTTP_201_CREATED)


class StayDetailView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(responses=StaySerializer, operation_id="sejours_staff_stays_read")
    def get(self, request, pk: int):
        return Response(_detail(get_object_or_404(Stay, pk=pk)))

    @extend_schema(
        request=StayInputSerializer,
        responses=StaySerializer,
        operation_id="sejours_staff_stays_update",
    )
    def patch(self, request, pk: int):
        stay = get_object_or_404(Stay, pk=pk)
        data = StayInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        stays.update_stay(stay=stay, data=data.validated_data, by=request.user)
        return Response(_detail(stay))


class StayCopyView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(
        request=CopySerializer,
        responses={201: StaySerializer},
        operation_id="sejours_staff_stays_copy",
    )
    def post(self, request, pk: int):
        """« Copier » a stay (e.g. from last season) to a new departure date."""
        stay = get_object_or_404(Stay, pk=pk)
        data = CopySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        campaign_id = data.validated_data.get("campaign")
        campaign = get_object_or_404(Campaign, pk=campaign_id) if campaign_id else None
        copy = stays.copy_stay(
            stay=stay,
            start_date=data.validated_data["start_date"],
            campaign=campaign,
            by=request.user,
        )
        return Response(_detail(copy), status=status.HTTP_201_CREATED)


class StayMediaView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": MediaInputSerializer},
        responses={201: MediaSerializer},
        operation_id="sejours_staff_stays_media_add",
    )
    def post(self, request, pk: int):
        """Add a photo (JPEG, PNG, WebP, 5 Mo) or the brochure (PDF, 10 Mo)."""
        stay = get_object_or_404(Stay, pk=pk)
        data = MediaInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        added = media.add_media(
            stay=stay,
            upload=data.validated_data["file"],
            kind=data.validated_data["kind"],
            caption=data.validated_data["caption"],
            by=request.user,
        )
        return Response(MediaSerializer(added).data, status=status.HTTP_201_CREATED)


class StayMediaItemView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(responses={204: None}, operation_id="sejours_staff_stays_media_remove")
    def delete(self, request, pk: int, media_id: int):
        """Remove a photo or the brochure of the stay."""
        item = get_object_or_404(StayMedia, pk=media_id, stay_id=pk)
        media.remove_media(media=item, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _campaigns():
    return Campaign.objects.annotate(
        stays_count=Count("stays", distinct=True),
        wishes_count=Count("wishes", filter=Q(wishes__status__in=Wish.LIVE), distinct=True),
    )


class CampaignListView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(
        responses=CampaignSerializer(many=True), operation_id="sejours_staff_campaigns_list"
    )
    def get(self, request):
        return Response(CampaignSerializer(_campaigns(), many=True).data)

    @extend_schema(
        request=CampaignSerializer,
        responses={201: CampaignSerializer},
        operation_id="sejours_staff_campaigns_create",
    )
    def post(self, request):
        data = CampaignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = campaigns.create_campaign(data=data.validated_data, by=request.user)
        return Response(
            CampaignSerializer(_campaigns().get(pk=created.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class CampaignDetailView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(responses=CampaignSerializer, operation_id="sejours_staff_campaigns_read")
    def get(self, request, pk: int):
        return Response(CampaignSerializer(get_object_or_404(_campaigns(), pk=pk)).data)

    @extend_schema(
        request=CampaignSerializer,
        responses=CampaignSerializer,
        operation_id="sejours_staff_campaigns_update",
    )
    def patch(self, request, pk: int):
        campaign = get_object_or_404(Campaign, pk=pk)
        data = CampaignSerializer(campaign, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        campaigns.update_campaign(campaign=campaign, data=data.validated_data, by=request.user)
        return Response(CampaignSerializer(_campaigns().get(pk=pk)).data)


class SettingsView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = PERMS

    @extend_schema(responses=SettingsSerializer, operation_id="sejours_staff_settings_read")
    def get(self, request):
        return Response(SettingsSerializer(SejoursSettings.current()).data)

    @extend_schema(
        request=SettingsSerializer,
        responses=SettingsSerializer,
        operation_id="sejours_staff_settings_update",
    )
    def patch(self, request):
        data = SettingsSerializer(SejoursSettings.current(), data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        updated = settings.update_settings(data=data.validated_data, by=request.user)
        return Response(SettingsSerializer(updated).data)
