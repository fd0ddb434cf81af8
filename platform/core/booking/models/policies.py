"""Booking windows as data: a typed policy per activity or unit, for booking and cancelling.

The model stores the parameters; ``as_policy()`` turns them into the pure dataclasses of
``core.booking.windows`` that evaluate them.
"""

from __future__ import annotations

from datetime import time

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class BookingPolicy(models.Model):
    KIND_RELATIVE = "relative"
    KIND_WORKING_DAYS = "working_days"
    KIND_PREVIOUS_WEEK = "previous_week"
    KIND_PREVIOUS_MONTH = "previous_month"
    KIND_FIXED_WINDOWS = "fixed_windows"
    KIND_UNRESTRICTED = "unrestricted"
    KIND_CHOICES = [
        (KIND_RELATIVE, "Jours calendaires avant (J-n) à une heure"),
        (KIND_WORKING_DAYS, "Jours ouvrés avant à une heure"),
        (KIND_PREVIOUS_WEEK, "Un jour de la semaine précédente à une heure"),
        (KIND_PREVIOUS_MONTH, "Le N du mois précédent à une heure"),
        (KIND_FIXED_WINDOWS, "Fenêtres datées par période"),
        (KIND_UNRESTRICTED, "Sans délai (jusqu'à la veille)"),
    ]

    name = models.CharField("nom", max_length=120)
    kind = models.CharField("type", max_length=20, choices=KIND_CHOICES)
    days = models.PositiveSmallIntegerField("nombre de jours", default=1)
    at = models.TimeField("heure limite", default=time(23, 59))
    skip_weekdays = ArrayField(
        models.PositiveSmallIntegerField(),
        default=list,
        blank=True,
        verbose_name="jours jamais ouvrés (0 = lundi)",
        help_text="Pour les jours ouvrés : samedi et dimanche sont toujours exclus.",
    )
    weekday = models.PositiveSmallIntegerField(
        "jour de la semaine précédente (0 = lundi)",
        default=1,
        validators=[MaxValueValidator(6)],
    )
    day_of_month = models.PositiveSmallIntegerField(
        "jour du mois précédent",
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    # Presets installed by a module keep their code so re-installing never duplicates them.
    module = models.CharField("module", max_length=32, blank=True, default="")
    code = models.SlugField("code", max_length=40, blank=True, default="")

    class Meta:
        verbose_name = "délai de réservation"
        verbose_name_plural = "délais de réservation"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "code"],
                condition=~models.Q(code=""),
                name="booking_policy_module_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.KIND_WORKING_DAYS and self.days < 1:
            raise ValidationError({"days": "Au moins un jour ouvré."})

    def as_policy(self):
        """The evaluable policy (``core.booking.windows``); fixed windows read
        ``self.windows`` (prefetch them)."""
        from core.booking import windows

        skip = tuple(sorted({5, 6, *self.skip_weekdays}))
        if self.kind == self.KIND_RELATIVE:
            return windows.RelativeDeadline(days=self.days, at=self.at)
        if self.kind == self.KIND_WORKING_DAYS:
            return windows.RelativeDeadline(
                days=self.days, at=self.at, working_days=True, skip_weekdays=skip
            )
        if self.kind == self.KIND_PREVIOUS_WEEK:
            return windows.PreviousWeekWeekday(weekday=self.weekday, at=self.at)
        if self.kind == self.KIND_PREVIOUS_MONTH:
            return windows.PreviousMonthDay(day=self.day_of_month, at=self.at)
        if self.kind == self.KIND_FIXED_WINDOWS:
            return windows.FixedWindows(
                windows=tuple(
                    windows.Window(
                        opens_at=w.opens_at,
                        closes_at=w.closes_at,
                        first_date=w.first_date,
                        last_date=w.last_date,
                        label=w.label,
                    )
                    for w in self.windows.all()
                )
            )
        return windows.Unrestricted()

    @property
    def description(self) -> str:
        from core.booking import windows

        return windows.describe(self.as_policy())


class PolicyWindow(models.Model):
    """A dated window of a fixed-windows policy (e.g. Toussaint bookings from 01/09 to 01/10)."""

    policy = models.ForeignKey(BookingPolicy, on_delete=models.CASCADE, related_name="windows")
    label = models.CharField("période", max_length=80)
    opens_at = models.DateTimeField("ouverture")
    closes_at = models.DateTimeField("fermeture")
    first_date = models.DateField("pour les jours du")
    last_date = models.DateField("au")

    class Meta:
        verbose_name = "fenêtre de réservation"
        verbose_name_plural = "fenêtres de réservation"
        ordering = ["first_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="booking_window_order",
            ),
            models.CheckConstraint(
                condition=models.Q(last_date__gte=models.F("first_date")),
                name="booking_window_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.label
