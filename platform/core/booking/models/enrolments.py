"""Enrolment (inscription): a child × an activity (× a group) for its season."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Enrolment(models.Model):
    STATUS_REQUESTED = "requested"
    STATUS_VALIDATED = "validated"
    STATUS_REFUSED = "refused"
    STATUS_WAITLISTED = "waitlisted"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (STATUS_REQUESTED, "En attente de validation"),
        (STATUS_VALIDATED, "Validée"),
        (STATUS_REFUSED, "Refusée"),
        (STATUS_WAITLISTED, "Liste d'attente"),
        (STATUS_CANCELLED, "Annulée"),
    ]
    # An enrolment in these states prevents another request for the same activity.
    LIVE = (STATUS_REQUESTED, STATUS_VALIDATED, STATUS_WAITLISTED)

    child = models.ForeignKey("families.Child", on_delete=models.PROTECT, related_name="enrolments")
    activity = models.ForeignKey(
        "catalog.Activity", on_delete=models.PROTECT, related_name="enrolments"
    )
    group = models.ForeignKey(
        "catalog.ActivityGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
    )
    status = models.CharField("état", max_length=12, choices=STATUS_CHOICES)
    reason = models.TextField("motif", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Staff chose, when validating, to book also the days whose booking deadline had passed
    # (a unit "booked at enrolment" otherwise books only the days still open).
    booked_past_deadlines = models.BooleanField(
        "jours dont le délai est passé réservés", default=False
    )

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "activity"],
                condition=models.Q(status__in=["requested", "validated", "waitlisted"]),
                name="booking_enrolment_one_live",
                violation_error_message="Cet enfant est déjà inscrit à cette activité.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} — {self.activity}"

    # State transitions ---------------------------------------------------------------------
    def _decide(self, status: str, *, by, reason: str = "") -> None:
        self.status = status
        self.reason = reason
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "reason", "decided_at", "decided_by"])

    def validate(self, *, by=None) -> None:
        self._decide(self.STATUS_VALIDATED, by=by)

    def refuse(self, *, by, reason: str) -> None:
        self._decide(self.STATUS_REFUSED, by=by, reason=reason)

    def waitlist(self, *, by=None, reason: str = "") -> None:
        self._decide(self.STATUS_WAITLISTED, by=by, reason=reason)

    @property
    def is_validated(self) -> bool:
        return self.status == self.STATUS_VALIDATED
