"""The séjours tiles on the home pages (``Module.home_summary``): what a family must answer,
and what the coordinators still have to follow."""

from __future__ import annotations

from django.db.models import Count, Exists, Min, OuterRef

from core.documents.models import Document, DocumentType
from core.module_hooks import HomeTile
from core.tenancy.context import structure_today
from modules.sejours.models import Campaign, Wish

CONTRACT_KEY = "sejours.contrat_sejour"


def family_tiles(*, family) -> list[HomeTile]:
    """Places to accept (with the earliest deadline), then wishes awaiting the commission."""
    tiles = []
    offered = Wish.objects.filter(family=family, status=Wish.STATUS_OFFERED).aggregate(
        count=Count("pk"), first=Min("accept_by")
    )
    if offered["count"]:
        tiles.append(
            HomeTile(
                "sejours-offers",
                "Place à confirmer en séjour"
                if offered["count"] == 1
                else "Places à confirmer en séjour",
                offered["count"],
                "/mes-sejours",
                detail=f"À confirmer au plus tard le {offered['first']:%d/%m/%Y}"
                if offered["first"]
                else "",
                tone="warning",
            )
        )
    pending = Wish.objects.filter(family=family, status=Wish.STATUS_PENDING).count()
    if pending:
        tiles.append(
            HomeTile(
                "sejours-wishes",
                "Vœu en attente de la commission"
                if pending == 1
                else "Vœux en attente de la commission",
                pending,
                "/mes-sejours",
                detail="Vous recevrez la décision par e-mail.",
            )
        )
    return tiles


def _missing_contract():
    """Confirmed places whose child has sent no signed contract since the acceptance (or only
    refused ones): the one piece every place needs. The other pieces a stay asks for are per
    family (``services.missing``, four queries each), too costly to count on a home page."""
    contract = DocumentType.objects.filter(default_key=CONTRACT_KEY).first()
    places = Wish.objects.filter(
        status=Wish.STATUS_ACCEPTED, stay__activity__end_date__gte=structure_today()
    )
    if contract is None:
        return places.none()
    sent = Document.objects.filter(
        document_type=contract,
        child_id=OuterRef("child_id"),
        uploaded_at__gte=OuterRef("accepted_at"),
        status__in=(Document.STATUS_AWAITING_REVIEW, Document.STATUS_ACCEPTED),
    )
    return places.filter(~Exists(sent))


def staff_tiles(*, user) -> list[HomeTile]:
    """Wishes awaiting the commission, places offered without an answer, confirmed places
    whose signed contract is still missing (for those who run the stays)."""
    if not user.has_perm("booking.change_enrolment"):
        return []
    pending = Wish.objects.filter(
        status=Wish.STATUS_PENDING, campaign__status=Campaign.STATUS_PREPARING
    ).count()
    offered = Wish.objects.filter(status=Wish.STATUS_OFFERED).aggregate(
        count=Count("pk"), first=Min("accept_by")
    )
    incomplete = _missing_contract().count()
    return [
        HomeTile(
            "sejours-pending",
            "Vœux en attente de la commission",
            pending,
            "/gestion/sejours/commission",
            tone="warning" if pending else "success",
        ),
        HomeTile(
            "sejours-offered",
            "Places proposées sans réponse",
            offered["count"],
            "/gestion/sejours/commission",
            detail=f"Premier délai : {offered['first']:%d/%m/%Y}" if offered["first"] else "",
            tone="info",
        ),
        HomeTile(
            "sejours-incomplete",
            "Places confirmées sans contrat signé",
            incomplete,
            "/gestion/sejours",
            tone="warning" if incomplete else "success",
        ),
    ]
