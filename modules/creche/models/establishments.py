"""Establishments (EAJE), their opening hours, sections and capacity by time of day.

Each establishment owns one ``catalog.Activity`` whose units are its half-hour slots and whose
openings (slot × day) carry the places of that half-hour: a child's day holds one place in every
slot it covers, through the core's capacity engine (decision 0024).
"""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q

from core.catalog.models import WEEKDAY_LABELS

SLOT_MINUTES = 30


def on_slot(value: time | None) -> bool:
    return value is None or (value.minute % SLOT_MINUTES == 0 and value.second == 0)


class Establishment(models.Model):
    """A multi-accueil, a micro-crèche, a crèche familiale or parentale of the structure."""

    KIND_MULTI_ACCUEIL = "multi_accueil"
    KIND_MICRO = "micro_creche"
    KIND_FAMILIALE = "creche_familiale"
    KIND_PARENTALE = "creche_parentale"
    KIND_CHOICES = [
        (KIND_MULTI_ACCUEIL, "Multi-accueil (accueil collectif)"),
        (KIND_MICRO, "Micro-crèche"),
        (KIND_FAMILIALE, "Crèche familiale"),
        (KIND_PARENTALE, "Crèche parentale"),
    ]
    #: The PSU's kind of care (``psu.CARES``) of each kind of establishment.
    CARE_OF_KIND = {
        KIND_MULTI_ACCUEIL: "collective",
        KIND_MICRO: "micro",
        KIND_FAMILIALE: "familial",
        KIND_PARENTALE: "parental",
    }

    name = models.CharField("nom", max_length=150)
    kind = models.CharField("type", max_length=20, choices=KIND_CHOICES, default=KIND_MULTI_ACCUEIL)
    address = models.CharField("adresse", max_length=250, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    agrement = models.PositiveSmallIntegerField(
        "agrément (places)", validators=[MaxValueValidator(200)]
    )
    min_age_months = models.PositiveSmallIntegerField("âge minimum (mois)", default=2)
    max_age_months = models.PositiveSmallIntegerField(
        "âge maximum (mois)", default=48, help_text="Jusqu'à l'entrée à l'école : 48 mois."
    )
    activity = models.OneToOneField(
        "catalog.Activity",
        on_delete=models.PROTECT,
        related_name="creche_establishment",
        verbose_name="activité des places",
        null=True,
        blank=True,
    )
    occasional_care = models.BooleanField("accueil occasionnel proposé", default=True)
    active = models.BooleanField("ouvert aux demandes", default=True)
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "établissement"
        verbose_name_plural = "établissements"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def care(self) -> str:
        return self.CARE_OF_KIND[self.kind]


class OpeningHours(models.Model):
    """When an establishment is open on a weekday (a missing weekday: closed)."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        "jour", choices=list(enumerate(WEEKDAY_LABELS)), validators=[MaxValueValidator(6)]
    )
    opens = models.TimeField("ouverture")
    closes = models.TimeField("fermeture")

    class Meta:
        verbose_name = "horaires d'ouverture"
        verbose_name_plural = "horaires d'ouverture"
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "weekday"], name="creche_hours_weekday"
            ),
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="creche_hours_order"),
        ]

    def __str__(self) -> str:
        return f"{WEEKDAY_LABELS[self.weekday]} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if not (on_slot(self.opens) and on_slot(self.closes)):
            raise ValidationError("Les horaires se règlent à la demi-heure (7:30, 8:00…).")


class CapacityBand(models.Model):
    """The places of a time of day (e.g. 12 places 7:30–8:30, 24 places 8:30–17:30). Outside
    every band the establishment's agrément applies."""

    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="capacity_bands"
    )
    start = models.TimeField("de")
    end = models.TimeField("à")
    places = models.PositiveSmallIntegerField("places")

    class Meta:
        verbose_name = "capacité horaire"
        verbose_name_plural = "capacités horaires"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="creche_band_order"),
        ]

    def __str__(self) -> str:
        return f"{self.places} places {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if not (on_slot(self.start) and on_slot(self.end)):
            raise ValidationError("Les tranches se règlent à la demi-heure (7:30, 8:00…).")
        if self.establishment_id and self.places > self.establishment.agrement:
            raise ValidationError({"places": "Pas plus de places que l'agrément."})


class Section(models.Model):
    """A section of an establishment (bébés, moyens, grands), with its ages and places."""

    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="sections"
    )
    name = models.CharField("nom", max_length=80)
    min_age_months = models.PositiveSmallIntegerField("de (mois)", default=0)
    max_age_months = models.PositiveSmallIntegerField("à (mois)", default=48)
    places = models.PositiveSmallIntegerField("places")
    order = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "section"
        verbose_name_plural = "sections"
        ordering = ["order", "min_age_months"]

    def __str__(self) -> str:
        return self.name


class EstablishmentClosure(models.Model):
    """A closure of an establishment (a ``catalog.Closure`` of its places activity) and how
    the contracts treat it: a planned closure (summer, Christmas) is outside the contract's
    weeks of care and never billed; an exceptional one (strike, works) falls on planned days
    and is deducted from the first day (``AbsenceKind.CLOSURE``)."""

    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="closures"
    )
    closure = models.OneToOneField(
        "catalog.Closure", on_delete=models.CASCADE, related_name="creche_closure"
    )
    deducted = models.BooleanField(
        "fermeture exceptionnelle (heures déduites)",
        default=False,
        help_text="Non coché : fermeture prévue, hors des semaines d'accueil des contrats.",
    )

    class Meta:
        verbose_name = "fermeture de l'établissement"
        verbose_name_plural = "fermetures de l'établissement"

    def __str__(self) -> str:
        return str(self.closure)
