"""The wish campaign the coordinator sets: its window, how many wishes, the priority rules."""

from __future__ import annotations

from django.db import transaction

from core.errors import DomainError
from modules.sejours.allocation import CRITERIA
from modules.sejours.models import Campaign

FIELDS = (
    "label",
    "season",
    "opens_at",
    "closes_at",
    "max_wishes",
    "max_stays_per_child",
    "criteria",
    "keep_on_better_waitlists",
)


def check_campaign(data: dict) -> dict:
    errors: dict[str, str] = {}
    if not (data.get("label") or "").strip():
        errors["label"] = "Donnez un intitulé à la campagne."
    if not (data.get("season") or "").strip():
        errors["season"] = "Indiquez la période (par exemple « Été 2027 »)."
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if opens is None:
        errors["opens_at"] = "Indiquez l'ouverture des vœux."
    if closes is None:
        errors["closes_at"] = "Indiquez la clôture des vœux."
    elif opens is not None and closes <= opens:
        errors["closes_at"] = "La clôture des vœux suit leur ouverture."
    max_wishes = data.get("max_wishes", 3)
    if not isinstance(max_wishes, int) or not 1 <= max_wishes <= 5:
        errors["max_wishes"] = "Entre 1 et 5 vœux par enfant."
    max_stays = data.get("max_stays_per_child", 1)
    if not isinstance(max_stays, int) or not 1 <= max_stays <= 5:
        errors["max_stays_per_child"] = "Entre 1 et 5 séjours par enfant."
    criteria = list(data.get("criteria") or [])
    unknown = [c for c in criteria if c not in CRITERIA]
    if unknown:
        errors["criteria"] = f"Critère inconnu : {', '.join(unknown)}."
    elif len(set(criteria)) != len(criteria):
        errors["criteria"] = "Chaque critère ne figure qu'une fois."
    if errors:
        raise DomainError(fields=errors, code="invalid_campaign")
    return {**data, "criteria": criteria, "max_wishes": max_wishes}


def create_campaign(*, data: dict, by) -> Campaign:
    clean = check_campaign(data)
    return Campaign.objects.create(**{f: clean[f] for f in FIELDS if f in clean})


@transaction.atomic
def update_campaign(*, campaign: Campaign, data: dict, by) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status == Campaign.STATUS_PUBLISHED and set(data) - {"label"}:
        raise DomainError(
            "Les décisions de cette campagne sont publiées : seul son intitulé peut changer.",
            code="campaign_published",
        )
    current = {f: getattr(campaign, f) for f in FIELDS}
    clean = check_campaign({**current, **data})
    for field in FIELDS:
        setattr(campaign, field, clean[field])
    campaign.save()
    return campaign
