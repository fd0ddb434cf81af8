from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class StayAid(models.Model):
    """An aid deducted from a place's price: VACAF (computed), works council (CSE) or another
    aid entered by staff with its proof. Shown as a negative line on the invoice."""

    KIND_VACAF = "vacaf"
    KIND_CSE = "cse"
    KIND_OTHER = "other"
    KIND_CHOICES = [
        (KIND_VACAF, "VACAF (AVE)"),
        (KIND_CSE, "Comité d'entreprise (CSE)"),
        (KIND_OTHER, "Autre aide"),
    ]

    wish = models.ForeignKey("sejours.Wish", on_delete=models.CASCADE, related_name="aids")
    kind = models.CharField("type", max_length=8, choices=KIND_CHOICES)
    label = models.CharField("libellé", max_length=150)
    amount = models.DecimalField("montant", max_digits=10, decimal_places=2)
    proof = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "aide au séjour"
        verbose_name_plural = "aides aux séjours"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.label} : {self.amount} €"
