"""Pointage (arrival and departure per child and day) and absences with their proof."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from modules.creche.attendance import ABSENCE_LABELS, AbsenceKind


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Presence(models.Model):
    """A child's arrival and departure on a day in an establishment. Every change is kept in
    its history (pghistory): a late correction by staff says who changed what and when."""

    SOURCE_STAFF = "staff"
    SOURCE_PARENT = "parent"
    SOURCE_CHOICES = [(SOURCE_STAFF, "Équipe"), (SOURCE_PARENT, "Parent à la porte")]

    child = models.ForeignKey(
        "families.Child", on_delete=models.CASCADE, related_name="creche_presences"
    )
    establishment = models.ForeignKey(
        "creche.Establishment", on_delete=models.PROTECT, related_name="presences"
    )
    date = models.DateField("date")
    arrival = models.TimeField("arrivée")
    departure = models.TimeField("départ", null=True, blank=True)
    source = models.CharField("pointé par", max_length=6, choices=SOURCE_CHOICES)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    corrected = models.BooleanField("corrigé après coup", default=False)
    correction_reason = models.CharField("motif de la correction", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "présence"
        verbose_name_plural = "présences"
        ordering = ["date", "arrival"]
        constraints = [
            models.UniqueConstraint(fields=["child", "date"], name="creche_presence_day"),
            models.CheckConstraint(
                condition=Q(departure__isnull=True) | Q(departure__gt=F("arrival")),
                name="creche_presence_order",
            ),
        ]
        indexes = [models.Index(fields=["establishment", "date"])]

    def __str__(self) -> str:
        return f"Présence du {self.date:%d/%m/%Y}"


class Absence(models.Model):
    """An absence declared by the family (or noted by staff), qualified by staff: its kind
    decides whether it is deducted (``attendance.Rules``)."""

    DECLARED = "declared"
    QUALIFIED = "qualified"
    STATE_CHOICES = [(DECLARED, "À qualifier"), (QUALIFIED, "Qualifiée")]
    KIND_CHOICES = [(kind.value, ABSENCE_LABELS[kind].capitalize()) for kind in AbsenceKind]
    #: Kinds a family may declare; staff qualify them (closures come from the calendar).
    DECLARABLE = (
        AbsenceKind.ILLNESS,
        AbsenceKind.HOSPITALISATION,
        AbsenceKind.LEAVE,
        AbsenceKind.OTHER,
    )

    child = models.ForeignKey(
        "families.Child", on_delete=models.CASCADE, related_name="creche_absences"
    )
    contract = models.ForeignKey(
        "creche.Contract", on_delete=models.CASCADE, related_name="absences"
    )
    start_date = models.DateField("du")
    end_date = models.DateField("au")
    declared_kind = models.CharField("motif déclaré", max_length=16, choices=KIND_CHOICES)
    kind = models.CharField("motif retenu", max_length=16, choices=KIND_CHOICES)
    state = models.CharField("état", max_length=10, choices=STATE_CHOICES, default=DECLARED)
    comment = models.TextField("commentaire de la famille", blank=True, max_length=1000)
    proof = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    staff_note = models.CharField("note de l'équipe", max_length=300, blank=True)
    declared_at = models.DateTimeField("déclarée le", default=timezone.now)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    qualified_at = models.DateTimeField("qualifiée le", null=True, blank=True)
    qualified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "absence"
        verbose_name_plural = "absences"
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="creche_absence_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"Absence du {self.start_date:%d/%m/%Y}"
