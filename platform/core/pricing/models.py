"""Tariffs (dated prices of a unit or an activity) and the structure's pricing settings."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models

MONEY = {"max_digits": 8, "decimal_places": 2}


class Tariff(models.Model):
    """A dated price of a unit (or of every unit of an activity), computed by its ``method``
    (``core.pricing.methods``) from its amounts, brackets and ``parameters``."""

    # The core's methods; modules add theirs through ``Module.pricing_methods``.
    METHOD_FLAT = "flat"
    METHOD_QF = "quotient"
    METHOD_PER_DAY = "per_day"
    METHOD_PER_HOUR = "per_hour"

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
    # Choices come from the registry of pricing methods (validated in ``clean``), so that a
    # module adding a method needs no migration of the core.
    method = models.CharField("mode", max_length=32, default=METHOD_FLAT)
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
    parameters = models.JSONField(
        "paramètres du mode",
        default=dict,
        blank=True,
        help_text="Ceux du mode de calcul (ex. arrondi à la demi-heure pour un tarif horaire).",
    )

    class Meta:
        verbose_name = "tarif"
        verbose_name_plural = "tarifs"
        ordering = ["-valid_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(activity__isnull=False) | models.Q(unit__isnull=False),
                name="pricing_tariff_target",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from core.pricing.validation import validate_tariff

        validate_tariff(self)

    def covers(self, on) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def pricing_method(self):
        from core.pricing.methods import methods

        return methods.get(self.method)


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


class PricingSettings(models.Model):
    """One row per structure (``current()``): what pricing needs beyond the tariffs."""

    resident_postal_codes = ArrayField(
        models.CharField(max_length=5),
        default=list,
        blank=True,
        verbose_name="codes postaux des résidents",
        help_text="Familles domiciliées dans ces codes postaux : tarif résident. Vide : toutes.",
    )

    class Meta:
        verbose_name = "réglages des tarifs"
        verbose_name_plural = "réglages des tarifs"

    def __str__(self) -> str:
        return "Réglages des tarifs"

    @classmethod
    def current(cls) -> PricingSettings:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj

    def is_resident(self, postal_code: str) -> bool:
        return not self.resident_postal_codes or postal_code in self.resident_postal_codes
