"""Change requests: a family's edit of a field the structure validates before it applies."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from core.families.models.household import Family


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class ChangeRequest(models.Model):
    STATUS_PENDING = "pending"
    STATUS_ACCEPTED = "accepted"
    STATUS_REFUSED = "refused"
    STATUS_CHOICES = [
        (STATUS_PENDING, "En attente"),
        (STATUS_ACCEPTED, "Acceptée"),
        (STATUS_REFUSED, "Refusée"),
    ]

    CATEGORY_CHOICES = [
        ("responsable", "Responsable"),
        ("conjoint", "Conjoint"),
        ("foyer", "Foyer"),
        ("caf", "CAF"),
        ("fiscal", "Fiscales"),
        ("bancaire", "Bancaire"),
        ("enfant", "Enfant"),
        ("sante", "Santé"),
        ("autorisations", "Autorisations"),
    ]

    TARGET_FAMILY = "family"
    TARGET_GUARDIAN = "guardian"
    TARGET_CHILD = "child"
    TARGET_CHOICES = [
        (TARGET_FAMILY, "Foyer"),
        (TARGET_GUARDIAN, "Responsable"),
        (TARGET_CHILD, "Enfant"),
    ]

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="change_requests")
    target_type = models.CharField(max_length=10, choices=TARGET_CHOICES)
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField("concerne", max_length=200)
    category = models.CharField("type", max_length=16, choices=CATEGORY_CHOICES)
    # {"field": {"label": ..., "before": ..., "after": ...}}; values are JSON (dates as ISO).
    changes = models.JSONField("modifications")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=STATUS_PENDING)
    reason = models.TextField("motif du refus", blank=True)
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField("traitée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "demande de modification"
        verbose_name_plural = "demandes de modification"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()} – {self.target_label}"

    # State transitions (the changes are applied by services/changes.py) ------------------
    def mark_accepted(self, *, by) -> None:
        self._decide(self.STATUS_ACCEPTED, by=by, reason="")

    def mark_refused(self, *, by, reason: str) -> None:
        self._decide(self.STATUS_REFUSED, by=by, reason=reason)

    def _decide(self, status: str, *, by, reason: str) -> None:
        if self.status != self.STATUS_PENDING:
            raise ValueError("Cette demande a déjà été traitée.")
        self.status = status
        self.reason = reason
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "reason", "decided_at", "decided_by"])
