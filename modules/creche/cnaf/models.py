"""The Cnaf's PSU parameters as dated rows of the public schema (see ``modules/creche/psu.py``).

One ``PsuParameterSet`` per date of effect: floor, ceiling, which effort table each kind of care
uses, and its ``PsuEffortRate`` rows (one per table and band of children). A set is coherent when
``psu.PsuParameters`` accepts it: the engine's checks and French messages are the only rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from modules.creche import psu

_TABLE_LABELS = {
    "collective": "Accueil collectif et micro-crèche",
    "familial": "Accueil familial et parental",
}
TABLE_CHOICES = [(table, _TABLE_LABELS[table]) for table in psu.TABLES]

# (table, children_from, rate): a rate as posted or stored, before the engine reads it.
RateRow = tuple[str, int, Decimal]


def default_care_tables() -> dict[str, str]:
    """Which table each kind of care uses, as the Cnaf has set it since September 2019."""
    return dict(psu.CARE_TABLES_SINCE_2019_09)


class PsuParameterSet(models.Model):
    effective_from = models.DateField("date d'effet", unique=True)
    floor = models.DecimalField("plancher mensuel (€)", max_digits=10, decimal_places=2)
    ceiling = models.DecimalField("plafond mensuel (€)", max_digits=10, decimal_places=2)
    care_tables = models.JSONField(
        "barème de chaque type d'accueil",
        default=default_care_tables,
        help_text=(
            "Type d'accueil → barème : collective, micro, familial, parental → "
            "« collective » ou « familial »."
        ),
    )
    source = models.TextField(
        "source", blank=True, help_text="Lettre circulaire Cnaf ou page qui publie ces valeurs."
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    updated_by = models.CharField("modifié par", max_length=254, blank=True)

    class Meta:
        verbose_name = "barème PSU de la Cnaf"
        verbose_name_plural = "barèmes PSU de la Cnaf"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"Barème PSU du {self.effective_from:%d/%m/%Y}" if self.effective_from else "—"

    def to_parameters(self, rates: Iterable[RateRow] | None = None) -> psu.PsuParameters:
        """The engine's frozen parameters for this set; ``rates`` replaces the stored rates
        (the console checks the rates being posted with the set). Raises the engine's
        ``ValueError`` (in French) when the set is incoherent."""
        if rates is None:
            rates = [(r.table, r.children_from, r.rate) for r in self.rates.all()]
        effort_rates: dict[str, dict[int, Decimal]] = {}
        for table, children_from, rate in rates:
            effort_rates.setdefault(table, {})[int(children_from)] = Decimal(rate)
        for table in psu.TABLES:
            effort_rates.setdefault(table, {})  # an empty table: "doit commencer à 1 enfant"
        if not isinstance(self.care_tables, dict):
            raise ValueError("Chaque type d'accueil doit renvoyer à un barème connu.")
        return psu.PsuParameters(
            effective_from=self.effective_from,
            floor=self.floor,
            ceiling=self.ceiling,
            effort_rates=effort_rates,
            care_tables=self.care_tables,
            source=self.source,
        )

    def check_coherence(self, rates: Iterable[RateRow] | None = None) -> psu.PsuParameters:
        """``to_parameters`` with the engine's ``ValueError`` as a ``ValidationError``."""
        try:
            return self.to_parameters(rates)
        except (ValueError, TypeError, ArithmeticError) as error:
            raise ValidationError(str(error)) from error

    def clean(self) -> None:
        super().clean()
        if self.floor is None or self.ceiling is None or self.effective_from is None:
            return  # the fields' own errors are reported
        if self.pk:
            self.check_coherence()
        else:
            # A new set has no rates yet: its own fields are checked with a neutral table here,
            # its rates with it when they are posted together (the console's inline formset).
            self.check_coherence([(table, 1, Decimal(1)) for table in psu.TABLES])


class PsuEffortRate(models.Model):
    parameter_set = models.ForeignKey(
        PsuParameterSet,
        on_delete=models.CASCADE,
        related_name="rates",
        verbose_name="barème",
    )
    table = models.CharField("barème", max_length=16, choices=TABLE_CHOICES)
    children_from = models.PositiveSmallIntegerField(
        "à partir de (enfants à charge)",
        validators=[MinValueValidator(1)],
        help_text="Le taux vaut de ce nombre d'enfants jusqu'à la tranche suivante.",
    )
    rate = models.DecimalField(
        "taux d'effort horaire",
        max_digits=8,
        decimal_places=6,
        help_text="En fraction des ressources mensuelles : 0,0619 % s'écrit 0.000619.",
    )

    class Meta:
        verbose_name = "taux d'effort"
        verbose_name_plural = "taux d'effort"
        ordering = ["table", "children_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["parameter_set", "table", "children_from"],
                name="creche_cnaf_rate_unique_band",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_table_display()}, {self.children_from} enfant(s) et plus : {self.rate}"
