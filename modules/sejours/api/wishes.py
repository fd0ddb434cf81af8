"""The families' préinscription: the campaign, each child's ranked wishes, and what is still
missing in the child's file for the stays. Every id is looked up inside the family (404)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFamilyMember, get_owned_or_404
from core.families.services.missing import missing_items
from modules.sejours.api.serializers_catalogue import (
    FamilyChildFileSerializer,
    FamilyChildWishesSerializer,
    FamilyWishesInputSerializer,
    WishCampaignEnvelopeSerializer,
)
from modules.sejours.models import Wish
from modules.sejours.services import catalogue
from modules.sejours.services import wishes as service

COMPLETE = "Votre demande est complète. Le coordinateur séjours reviendra vers vous."
NOT_FOUND = {404: OpenApiResponse(description="Enfant ou vœu introuvable dans la famille.")}


def _child(request, child_id: int):
    return get_owned_or_404(request.family.children.all(), pk=child_id)


def wishes_payload(request, child) -> dict:
    campaign = service.current_campaign()
    wishes = service.child_wishes(child=child, campaign=campaign)
    decided = any(w.status != Wish.STATUS_PENDING for w in wishes if w.status in Wish.LIVE)
    stays = catalogue.with_places(service.eligible_stays(child=child, campaign=campaign))
    return {
        "child": child,
        "campaign": campaign,
        "can_edit": bool(campaign and campaign.is_open() and not decided),
        "siblings": list(request.family.children.exclude(pk=child.pk).order_by("birth_date")),
        "stays": stays,
        "wishes": wishes,
    }


class CampaignView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(responses=WishCampaignEnvelopeSerializer, operation_id="sejours_campaign")
    def get(self, request):
        """The campaign taking wishes now, else the latest one (null when there is none)."""
        return Response(
            WishCampaignEnvelopeSerializer({"campaign": service.current_campaign()}).data
        )


class ChildWishesView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses={200: FamilyChildWishesSerializer, **NOT_FOUND},
        operation_id="sejours_child_wishes",
    )
    def get(self, request, child_id: int):
        """The stays this child may wish in the campaign, and the child's wishes by rank."""
        child = _child(request, child_id)
        return Response(FamilyChildWishesSerializer(wishes_payload(request, child)).data)

    @extend_schema(
        request=FamilyWishesInputSerializer,
        responses={200: FamilyChildWishesSerializer, **NOT_FOUND},
        operation_id="sejours_child_wishes_save",
    )
    def put(self, request, child_id: int):
        """Replace the child's wishes by the list sent, vœu 1 first (an empty list withdraws
        them all). Refused as a whole, with the reason, when one rule is not met."""
        child = _child(request, child_id)
        data = FamilyWishesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        wishes = [
            service.WishInput(
                stay_id=w["stay"],
                transport_id=w.get("transport"),
                together_with_id=w.get("together_with"),
                friend_name=w.get("friend_name", ""),
                comment=w.get("comment", ""),
            )
            for w in data.validated_data["wishes"]
        ]
        service.save_wishes(family=request.family, child=child, wishes=wishes, by=request.user)
        return Response(FamilyChildWishesSerializer(wishes_payload(request, child)).data)


class ChildWishView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        request=None,
        responses={200: FamilyChildWishesSerializer, **NOT_FOUND},
        operation_id="sejours_child_wish_withdraw",
    )
    def delete(self, request, child_id: int, wish_id: int):
        """Withdraw one wish while the campaign takes wishes; the next ones move up."""
        child = _child(request, child_id)
        wish = get_owned_or_404(
            Wish.objects.filter(family=request.family, child=child).select_related("campaign"),
            pk=wish_id,
        )
        service.withdraw_wish(family=request.family, wish=wish, by=request.user)
        return Response(FamilyChildWishesSerializer(wishes_payload(request, child)).data)


class ChildFileView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        responses={200: FamilyChildFileSerializer, **NOT_FOUND}, operation_id="sejours_child_file"
    )
    def get(self, request, child_id: int):
        """What is still missing for this child's stays (each item a link), or complete."""
        child = _child(request, child_id)
        items = missing_items(
            family=request.family, user=request.user, child=child, module="sejours"
        )
        complete = not items
        return Response(
            FamilyChildFileSerializer(
                {
                    "complete": complete,
                    "message": COMPLETE if complete else "",
                    "items": items,
                }
            ).data
        )
