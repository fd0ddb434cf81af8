"""Invoice runs: a period's draft (lines per family), reviewed, then published."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.billing.models.invoices import MONEY


class InvoiceRun(models.Model):
    STATUS_COMPUTING = "computing"
    STATUS_DRAFT = "draft"
    STATUS_PUBLISHING = "publishing"
    STATUS_PUBLISHED = "published"
    STATUS_FAILED = "failed"
    STATUS_CHOICES = [
        (STATUS_COMPUTING, "Calcul en cours"),
        (STATUS_DRAFT, "Brouillon à vérifier"),
        (STATUS_PUBLISHING, "Émission en cours"),
        (STATUS_PUBLISHED, "Émise"),
        (STATUS_FAILED, "Échec du calcul"),
    ]
    EDITABLE = (STATUS_DRAFT, STATUS_FAILED)

    label = models.CharField("libellé", max_length=150)
    period_start = models.DateField("du")
    period_end = models.DateField("au")
    activities = models.ManyToManyField(
        "catalog.Activity",
        blank=True,
        related_name="+",
        verbose_name="activités",
        help_text="Vide : toutes les activités.",
    )
    series = models.ForeignKey("billing.InvoiceSeries", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=STATUS_COMPUTING)
    failure = models.TextField(blank=True)
    issue_date = models.DateField("date d'émission", null=True, blank=True)
    due_date = models.DateField("date d'échéance", null=True, blank=True)
    # Review totals, written by each computation.
    family_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    line_count = models.PositiveIntegerField(default=0)
    total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    credit_total = models.DecimalField(**MONEY, default=Decimal("0.00"))
    computed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "facturation"
        verbose_name_plural = "facturations"
        ordering = ["-period_start", "-pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class RunFamily(models.Model):
    """One family's part of a run's draft: its charge and credit totals, or why it failed."""

    run = models.ForeignKey(InvoiceRun, on_delete=models.CASCADE, related_name="families")
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField("à facturer", **MONEY, default=Decimal("0.00"))
    credit_total = models.DecimalField("avoirs", **MONEY, default=Decimal("0.00"))
    line_count = models.PositiveIntegerField(default=0)
    error = models.TextField("erreur", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "family"], name="billing_run_family_once")
        ]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.family_id}"
