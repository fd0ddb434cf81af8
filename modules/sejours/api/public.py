"""The public catalogue of stays (no login): list, detail, photos and brochure.

Anyone may read it on the structure's sub-domain; a stay not published, cancelled, or of
another structure (another schema) is a 404. A signed-in family also gets its price and,
per child, whether the stay is open to them.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.downloads import FileContentNegotiation
from api.params import optional_id, optional_period, parse_id
from core.families.models import Family, Guardian
from modules.sejours.api.serializers_catalogue import (
    CatalogueSerializer,
    CatalogueStayDetailSerializer,
)
from modules.sejours.services import catalogue

# What a stay's media may be: shown inline (photos) or downloaded (the brochure).
_SERVED_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


def signed_in_family(request) -> Family | None:
    """The family of a signed-in guardian (not refused nor anonymised), else None."""
    user = request.user
    if not (user and user.is_authenticated):
        return None
    guardian = Guardian.objects.filter(user=user).select_related("family").first()
    family = guardian.family if guardian else None
    if family is None or family.is_anonymised or family.status == Family.STATUS_REFUSED:
        return None
    return family


def _age(params) -> int | None:
    value = params.get("age")
    if value in (None, ""):
        return None
    age = parse_id(value, "age")
    if age > 25:
        raise serializers.ValidationError({"age": "Âge invalide."})
    return age


class CatalogueView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("age", int, description="Âge de l'enfant au départ"),
            OpenApiParameter(
                "from", str, description="Séjours commençant à partir du (AAAA-MM-JJ)"
            ),
            OpenApiParameter("to", str, description="… et finissant au plus tard le (AAAA-MM-JJ)"),
            OpenApiParameter("theme", str),
            OpenApiParameter("campaign", int),
            OpenApiParameter(
                "child", int, description="Un enfant de la famille connectée : ses séjours"
            ),
        ],
        responses=CatalogueSerializer,
        operation_id="sejours_catalogue",
    )
    def get(self, request):
        """The season's stays to come, with their places left and price, and the themes."""
        params = request.query_params
        start, end = optional_period(params)
        theme = (params.get("theme") or "").strip()[:80]
        filters = catalogue.Filters(
            age=_age(params),
            start=start,
            end=end,
            theme=theme,
            campaign_id=optional_id(params, "campaign"),
        )
        stays = catalogue.catalogue(filters=filters)
        child_id = optional_id(params, "child")
        if child_id is not None:
            # Age on each stay's first day and classes, as the wishes check them.
            family = signed_in_family(request)
            child = family.children.filter(pk=child_id).first() if family else None
            if child is None:
                raise Http404
            stays = [s for s in stays if catalogue.ineligibility(child=child, stay=s) is None]
        stays = catalogue.with_places(stays)
        payload = {"themes": catalogue.themes(), "results": stays}
        return Response(CatalogueSerializer(payload).data)


class StayView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        responses={
            200: CatalogueStayDetailSerializer,
            404: OpenApiResponse(description="Séjour introuvable."),
        },
        operation_id="sejours_catalogue_stay",
    )
    def get(self, request, pk: int):
        """A stay: description, photos, brochure, documents asked; for a signed-in family its
        price and which children may wish it."""
        stay = catalogue.public_stay(pk)
        if stay is None:
            raise Http404
        catalogue.with_places([stay])
        stay.documents = catalogue.required_documents(stay)
        family = signed_in_family(request)
        stay.quote = catalogue.quote(stay, family) if family is not None else None
        stay.children = []
        if family is not None:
            wished = catalogue.child_wishes(family=family, stay=stay)
            for child in family.children.order_by("birth_date", "first_name"):
                reason = catalogue.ineligibility(child=child, stay=stay) or ""
                wish = wished.get(child.pk)
                stay.children.append(
                    {
                        "id": child.pk,
                        "first_name": child.first_name,
                        "eligible": not reason,
                        "reason": reason,
                        "wish_rank": wish.rank if wish else None,
                        "wish_status": wish.status if wish else "",
                    }
                )
        return Response(CatalogueStayDetailSerializer(stay).data)


class StayMediaView(APIView):
    """A photo (inline) or the brochure (download) of a public stay, streamed by us."""

    permission_classes = [permissions.AllowAny]
    content_negotiation_class = FileContentNegotiation

    @extend_schema(
        responses={
            (200, "image/*"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="Fichier introuvable."),
        },
        operation_id="sejours_catalogue_media",
    )
    def get(self, request, pk: int, media_id: int):
        stay = catalogue.public_stay(pk)
        media = next((m for m in stay.media.all() if m.pk == media_id), None) if stay else None
        if media is None or media.content_type not in _SERVED_TYPES:
            raise Http404
        try:
            handle = media.file.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404 from exc
        brochure = media.content_type == "application/pdf"
        extension = "pdf" if brochure else media.content_type.split("/")[1]
        response = FileResponse(
            handle,
            as_attachment=brochure,
            filename=f"{slugify(stay.activity.name) or 'sejour'}-{media.pk}.{extension}",
            content_type=media.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        # Short: a stay unpublished or cancelled stops being served soon after.
        response["Cache-Control"] = "public, max-age=300"
        return response
