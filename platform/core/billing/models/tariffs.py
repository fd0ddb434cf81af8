"""Tariffs: what one reservation line costs, by date, quotient familial, residence and rank."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

MONEY = {"max_digits": 8, "decimal_places": 2}


class Tariff(models.Model):
    """A dated price of a unit (or of every unit of an activity)."""

    METHOD_FLAT = "flat"
    METHOD_QF = "quotient"
    METHOD_CHOICES = [
        (METHOD_FLAT, "Prix fixe à l'unité"),
        (METHOD_QF, "Selon le quotient familial"),
    ]

    name = models.CharField(
        "nom", max_length=150, help_text="Affiché comme « Tarification » dans le récapitulatif."
    )
    activity = models.ForeignKey(
        "catalog.Activity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tariffs",
    )
    unit = models.ForeignKey(
        "catalog.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tariffs",
        help_text="Vide : toutes les prestations de l'activité sans tarif propre.",
    )
    valid_from = models.DateField("valable du")
    valid_until = models.DateField("au", null=True, blank=True)
    method = models.CharField("mode", max_length=10, choices=METHOD_CHOICES, default=METHOD_FLAT)
    amount = models.DecimalField(
        "prix (résident)", **MONEY, default=Decimal("0.00"), validators=[MinValueValidator(0)]
    )
    amount_exterior = models.DecimalField(
        "prix (extérieur)",
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Vide : le même que pour les résidents.",
    )
    meal_supplement = models.DecimalField(
        "supplément repas",
        **MONEY,
        default=Decimal("0.00"),
        validators=[MinValueValidator(0)],
        help_text="Ajouté pour les prestations avec repas.",
    )
    meal_only = models.BooleanField(
        "tarif de restauration",
        default=False,
        help_text="Le prix entier est un repas : exclu des attestations de frais de garde.",
    )
    sibling_discounts = ArrayField(
        models.DecimalField(max_digits=5, decimal_places=2),
        default=list,
        blank=True,
        verbose_name="réductions fratrie (%)",
        help_text="Réduction du 2e enfant, du 3e et suivants… ex. 10, 20.",
    )

    class Meta:
        verbose_name = "tarif"
        verbose_name_plural = "tarifs"
        ordering = ["-valid_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(activity__isnull=False) | models.Q(unit__isnull=False),
                name="billing_tariff_target",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": "La fin doit suivre le début."})
        if not self.activity_id and not self.unit_id:
            raise ValidationError("Choisissez une activité ou une prestation.")

    def covers(self, on) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class TariffBracket(models.Model):
    """A quotient familial bracket: ``qf_min`` ≤ QF < ``qf_max`` (no upper bound when empty)."""

    tariff = models.ForeignKey(Tariff, on_delete=models.CASCADE, related_name="brackets")
    qf_min = models.DecimalField("QF de", max_digits=8, decimal_places=2, default=Decimal(0))
    qf_max = models.DecimalField("QF jusqu'à (exclu)", max_digits=8, decimal_places=2, null=True)
    amount = models.DecimalField("prix (résident)", **MONEY, validators=[MinValueValidator(0)])
    amount_exterior = models.DecimalField(
        "prix (extérieur)", **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "tranche de quotient"
        verbose_name_plural = "tranches de quotient"
        ordering = ["qf_min"]

    def __str__(self) -> str:
        upper = f"{self.qf_max}" if self.qf_max is not None else "∞"
        return f"{self.qf_min} – {upper}"

    def contains(self, qf: Decimal) -> bool:
        return self.qf_min <= qf and (self.qf_max is None or qf < self.qf_max)
