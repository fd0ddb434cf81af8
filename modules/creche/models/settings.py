"""The structure's crèche settings (one row)."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP

from django.core.validators import MinValueValidator
from django.db import models

from modules.creche import attendance, psu


class CrecheSettings(models.Model):
    """How the structure counts hours and absences, and what families may do themselves."""

    ROUNDING_HALF_UP = "half_up"
    ROUNDING_DOWN = "down"
    ROUNDING_CHOICES = [
        (ROUNDING_HALF_UP, "Au centime le plus proche (la moitié vers le haut)"),
        (ROUNDING_DOWN, "Au centime inférieur (en faveur des familles)"),
    ]
    ROUNDING_MODES = {ROUNDING_HALF_UP: ROUND_HALF_UP, ROUNDING_DOWN: ROUND_DOWN}

    MISSING_CEILING = "ceiling"
    MISSING_FLOOR = "floor"
    MISSING_CHOICES = [
        (MISSING_CEILING, "Plafond (règle de la Cnaf)"),
        (MISSING_FLOOR, "Plancher (accueil d'urgence, aide sociale à l'enfance)"),
    ]

    rounding_minutes = models.PositiveSmallIntegerField(
        "unité de facturation des heures en plus (minutes)",
        default=attendance.Rules().rounding_minutes,
        validators=[MinValueValidator(1)],
        help_text="Toute unité commencée est due : 30 = chaque demi-heure commencée.",
    )
    tolerance_minutes = models.PositiveSmallIntegerField(
        "tolérance avant de compter un dépassement (minutes)", default=0
    )
    carence_days = models.PositiveSmallIntegerField(
        "délai de carence maladie (jours calendaires)",
        default=attendance.Rules().carence_days,
        help_text="Le premier jour d'absence et les deux jours calendaires suivants : 3.",
    )
    parents_may_clock = models.BooleanField(
        "les parents pointent eux-mêmes à l'arrivée et au départ", default=False
    )
    missing_resources = models.CharField(
        "ressources inconnues : tarif au",
        max_length=8,
        choices=MISSING_CHOICES,
        default=MISSING_CEILING,
    )
    rate_rounding = models.CharField(
        "arrondi du tarif horaire",
        max_length=8,
        choices=ROUNDING_CHOICES,
        default=ROUNDING_HALF_UP,
        help_text="La Cnaf ne fixe pas d'arrondi : la structure le choisit dans son règlement.",
    )
    request_renewal_months = models.PositiveSmallIntegerField(
        "renouvellement des demandes de place (mois)",
        default=3,
        help_text="Une demande non renouvelée dans ce délai devient caduque. 0 : jamais.",
    )
    offer_answer_days = models.PositiveSmallIntegerField(
        "délai de réponse à une proposition de place (jours)", default=15
    )
    occasional_validation = models.BooleanField(
        "l'accueil occasionnel est validé par la structure", default=True
    )
    contact_email = models.EmailField("adresse de la direction de la crèche", blank=True)

    class Meta:
        verbose_name = "réglages de la crèche"

    def __str__(self) -> str:
        return "Réglages de la crèche"

    @classmethod
    def current(cls) -> CrecheSettings:
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings

    def rate_rounding_rule(self) -> psu.Rounding:
        """How the hourly rate is rounded: to the cent, in the structure's chosen way."""
        return psu.Rounding(mode=self.ROUNDING_MODES[self.rate_rounding])

    def rules(self) -> attendance.Rules:
        return attendance.Rules(
            rounding_minutes=self.rounding_minutes,
            tolerance_minutes=self.tolerance_minutes,
            carence_days=self.carence_days,
        )
