from __future__ import annotations

from decimal import Decimal

from django.db import models


def default_vacaf_bands() -> list[list[str]]:
    # CAF de l'Isère's AVE bands in 2026 as an example: QF up to 400 → 30 €/day, up to 600 →
    # 22 €/day, up to 800 → 15 €/day. Each structure sets those of its CAF.
    return [["400", "30.00"], ["600", "22.00"], ["800", "15.00"]]


class SejoursSettings(models.Model):
    """The structure's séjours settings (one row): how long a family has to accept a place,
    and its CAF's VACAF (AVE) rule."""

    accept_days = models.PositiveSmallIntegerField(
        "délai pour accepter une place (jours)",
        default=8,
        help_text="Passé ce délai, la place est proposée à la famille suivante.",
    )
    vacaf_enabled = models.BooleanField("aide VACAF (AVE) appliquée", default=True)
    vacaf_bands = models.JSONField(
        "tranches VACAF",
        default=default_vacaf_bands,
        help_text="Liste de [quotient maximum, montant par jour], de la plus basse à la plus "
        "haute.",
    )
    vacaf_cap_days = models.PositiveSmallIntegerField(
        "VACAF : jours aidés par enfant et par an", default=14
    )
    coordinator_email = models.EmailField("adresse du coordinateur séjours", blank=True)

    class Meta:
        verbose_name = "réglages des séjours"

    def __str__(self) -> str:
        return "Réglages des séjours"

    @classmethod
    def current(cls) -> SejoursSettings:
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings

    def bands(self) -> list[tuple[Decimal, Decimal]]:
        return [(Decimal(str(qf)), Decimal(str(rate))) for qf, rate in self.vacaf_bands]
