"""Reservations: one child × one opening (unit × date), with their state machine."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone


class Reservation(models.Model):
    """A child booked (or waiting, or absent…) on one opening.

    requested → confirmed | waitlisted | refused; waitlisted → requested | confirmed (promotion)
    | cancelled; confirmed → cancel_requested → cancelled | absent_billed; confirmed →
    cancelled | present | absent_excused | absent_billed. The transitions that move places are
    made by ``core.booking.services.reservations`` under the opening's row lock.
    """

    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    REFUSED = "refused"
    CANCEL_REQUESTED = "cancel_requested"
    CANCELLED = "cancelled"
    PRESENT = "present"
    ABSENT_EXCUSED = "absent_excused"
    ABSENT_BILLED = "absent_billed"
    STATE_CHOICES = [
        (REQUESTED, "Demande de réservation"),
        (CONFIRMED, "Réservé"),
        (WAITLISTED, "Liste d'attente"),
        (REFUSED, "Refusé"),
        (CANCEL_REQUESTED, "Demande d'annulation"),
        (CANCELLED, "Annulé"),
        (PRESENT, "Présent"),
        (ABSENT_EXCUSED, "Absence excusée"),
        (ABSENT_BILLED, "Absence facturée"),
    ]
    # States that hold one of the opening's places (counted in Opening.booked).
    HOLDING = (REQUESTED, CONFIRMED, CANCEL_REQUESTED, PRESENT, ABSENT_EXCUSED, ABSENT_BILLED)
    # States in which the reservation still exists for the child (one per opening).
    LIVE = (*HOLDING, WAITLISTED)
    # States a parent can no longer change (attendance taken).
    FINAL = (PRESENT, ABSENT_EXCUSED, ABSENT_BILLED)

    child = models.ForeignKey(
        "families.Child", on_delete=models.PROTECT, related_name="reservations"
    )
    opening = models.ForeignKey(
        "catalog.Opening", on_delete=models.PROTECT, related_name="reservations"
    )
    enrolment = models.ForeignKey(
        "booking.Enrolment", on_delete=models.PROTECT, related_name="reservations"
    )
    # Denormalised from the opening: the planning and the billing read them without a join.
    unit = models.ForeignKey("catalog.Unit", on_delete=models.PROTECT, related_name="+")
    date = models.DateField("date")
    state = models.CharField("état", max_length=20, choices=STATE_CHOICES)
    reason = models.TextField("motif", blank=True)
    absence_reason = models.CharField("motif de l'absence", max_length=200, blank=True)
    absence_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="justificatif",
    )
    # Price at the time the family committed it (shown in the recap; billing re-prices).
    amount = models.DecimalField("montant", max_digits=8, decimal_places=2, null=True)
    tariff_name = models.CharField("tarification", max_length=150, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    waitlisted_at = models.DateTimeField("en liste d'attente depuis", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "réservation"
        verbose_name_plural = "réservations"
        permissions = [("change_attendance", "Relever les présences")]
        ordering = ["date", "unit__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "opening"],
                condition=models.Q(
                    state__in=[
                        "requested",
                        "confirmed",
                        "cancel_requested",
                        "present",
                        "absent_excused",
                        "absent_billed",
                        "waitlisted",
                    ]
                ),
                name="booking_reservation_one_live",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "date"]),
            models.Index(fields=["opening", "state", "waitlisted_at"]),
            models.Index(fields=["state", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.child} — {self.unit} — {self.date:%d/%m/%Y}"

    @property
    def holds_place(self) -> bool:
        return self.state in self.HOLDING


class WeeklyTemplate(models.Model):
    """A "semaine type" a parent (or staff) applied: kept to show and re-apply it."""

    PARITY_ALL = "all"
    PARITY_EVEN = "even"
    PARITY_ODD = "odd"
    PARITY_CHOICES = [
        (PARITY_ALL, "Toutes les semaines"),
        (PARITY_EVEN, "Semaines paires"),
        (PARITY_ODD, "Semaines impaires"),
    ]

    child = models.ForeignKey("families.Child", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("catalog.Activity", on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField("du")
    end_date = models.DateField("au")
    parity = models.CharField("semaines", max_length=5, choices=PARITY_CHOICES)
    # [[weekday, unit_id], …]
    slots = ArrayField(ArrayField(models.IntegerField(), size=2), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "semaine type"
        verbose_name_plural = "semaines types"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Semaine type du {self.start_date:%d/%m/%Y} au {self.end_date:%d/%m/%Y}"
