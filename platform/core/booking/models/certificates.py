"""Attestations d'inscription: a family asks, staff issue the pre-filled PDF (or refuse)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class EnrolmentCertificate(models.Model):
    """One request for an enrolment certificate, and its answer. The PDF is rendered from the
    enrolment and the issue date on each download: nothing else is stored."""

    STATE_REQUESTED = "requested"
    STATE_ISSUED = "issued"
    STATE_REFUSED = "refused"
    STATE_CHOICES = [
        (STATE_REQUESTED, "Demandée"),
        (STATE_ISSUED, "Délivrée"),
        (STATE_REFUSED, "Refusée"),
    ]

    enrolment = models.ForeignKey(
        "booking.Enrolment", on_delete=models.PROTECT, related_name="certificates"
    )
    state = models.CharField("état", max_length=12, choices=STATE_CHOICES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField("demandée le", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    issued_on = models.DateField("délivrée le", null=True, blank=True)
    reason = models.TextField("motif du refus", blank=True)

    class Meta:
        verbose_name = "attestation d'inscription"
        verbose_name_plural = "attestations d'inscription"
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=models.Q(state="requested"),
                name="booking_certificate_one_pending",
                violation_error_message="Une demande d'attestation est déjà en cours.",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="issued") | models.Q(issued_on__isnull=False),
                name="booking_certificate_issued_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"Attestation d'inscription — {self.enrolment}"

    # State transitions ---------------------------------------------------------------------
    def issue(self, *, by, on) -> None:
        self.state, self.issued_on = self.STATE_ISSUED, on
        self._decided(by)

    def refuse(self, *, by, reason: str) -> None:
        self.state, self.reason = self.STATE_REFUSED, reason
        self._decided(by)

    def _decided(self, by) -> None:
        self.decided_by, self.decided_at = by, timezone.now()
        self.save(update_fields=["state", "issued_on", "reason", "decided_by", "decided_at"])
