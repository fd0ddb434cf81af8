"""The structure's séjours settings: the delay to accept a place and the CAF's VACAF rule."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.errors import DomainError
from modules.sejours.models import SejoursSettings

FIELDS = ("accept_days", "vacaf_enabled", "vacaf_bands", "vacaf_cap_days", "coordinator_email")


def _bands(raw) -> list[list[str]]:
    bands = []
    for row in raw or []:
        try:
            qf, rate = (Decimal(str(v)) for v in row)
        except (InvalidOperation, TypeError, ValueError):
            raise DomainError(
                "Chaque tranche VACAF a un quotient maximum et un montant par jour.",
                field="vacaf_bands",
            ) from None
        if qf <= 0 or rate <= 0:
            raise DomainError("Les quotients et montants VACAF sont positifs.", field="vacaf_bands")
        bands.append((qf, rate))
    if any(b[0] <= a[0] for a, b in zip(bands, bands[1:], strict=False)):
        raise DomainError(
            "Les tranches VACAF vont du plus petit quotient au plus grand.", field="vacaf_bands"
        )
    return [[str(qf), str(rate)] for qf, rate in bands]


def update_settings(*, data: dict, by) -> SejoursSettings:
    settings = SejoursSettings.current()
    if "accept_days" in data and not 1 <= int(data["accept_days"]) <= 60:
        raise DomainError("Le délai pour accepter est de 1 à 60 jours.", field="accept_days")
    if "vacaf_cap_days" in data and not 1 <= int(data["vacaf_cap_days"]) <= 60:
        raise DomainError("Entre 1 et 60 jours aidés par an.", field="vacaf_cap_days")
    if "vacaf_bands" in data:
        data = {**data, "vacaf_bands": _bands(data["vacaf_bands"])}
    for field in FIELDS:
        if field in data:
            setattr(settings, field, data[field])
    settings.save()
    return settings
