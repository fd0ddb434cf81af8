"""The crèche tiles on the home pages (``Module.home_summary``): what a family must do (a
contract to sign, a place offered to answer) and what the crèche's team has to handle
(requests to study, contracts awaiting signature, absences to qualify). A few counts each."""

from __future__ import annotations

from django.db.models import Count, Min

from core.module_hooks import HomeTile
from modules.creche.models import Absence, Contract, PlaceRequest


def family_tiles(*, family) -> list[HomeTile]:
    """Contracts to sign, places offered to answer, requests being studied."""
    tiles: list[HomeTile] = []
    to_sign = Contract.objects.filter(family=family, state=Contract.PROPOSED).count()
    if to_sign:
        tiles.append(
            HomeTile(
                "creche-contracts",
                "Contrat d'accueil à signer" if to_sign == 1 else "Contrats d'accueil à signer",
                to_sign,
                "/creche",
                detail="Acceptez-le en ligne ou déposez-le signé.",
                tone="warning",
            )
        )
    requests = PlaceRequest.objects.filter(family=family, state__in=PlaceRequest.OPEN_STATES)
    offered = requests.filter(state=PlaceRequest.OFFERED).aggregate(
        count=Count("pk"), first=Min("offer_answer_by")
    )
    if offered["count"]:
        tiles.append(
            HomeTile(
                "creche-offers",
                "Place en crèche proposée"
                if offered["count"] == 1
                else "Places en crèche proposées",
                offered["count"],
                "/creche",
                detail=f"Répondez avant le {offered['first']:%d/%m/%Y}" if offered["first"] else "",
                tone="warning",
            )
        )
    pending = requests.exclude(state=PlaceRequest.OFFERED).count()
    if pending:
        tiles.append(
            HomeTile(
                "creche-requests",
                "Demande de place en cours" if pending == 1 else "Demandes de place en cours",
                pending,
                "/creche",
                detail="Vous recevrez la décision de la commission par e-mail.",
            )
        )
    return tiles


def staff_tiles(*, user) -> list[HomeTile]:
    """For each counter, only staff who may act on it (deny by default)."""
    tiles: list[HomeTile] = []
    if user.has_perm("creche.view_placerequest"):
        waiting = PlaceRequest.objects.filter(
            state__in=(PlaceRequest.SUBMITTED, PlaceRequest.WAITLISTED)
        ).count()
        tiles.append(
            HomeTile(
                "creche-requests",
                "Demandes de place en crèche à étudier",
                waiting,
                "/gestion/creche/demandes",
                tone="warning" if waiting else "success",
            )
        )
    if user.has_perm("creche.view_contract"):
        unsigned = Contract.objects.filter(state=Contract.PROPOSED).count()
        tiles.append(
            HomeTile(
                "creche-unsigned",
                "Contrats de crèche en attente de signature",
                unsigned,
                "/gestion/creche/contrats?etat=proposed",
                tone="info",
            )
        )
    if user.has_perm("creche.change_absence"):
        declared = Absence.objects.filter(state=Absence.DECLARED).count()
        tiles.append(
            HomeTile(
                "creche-absences",
                "Absences en crèche à qualifier",
                declared,
                "/gestion/creche/absences",
                tone="warning" if declared else "success",
            )
        )
    return tiles
