"""The parent's uncommitted changes: bookings and cancellations across children and months."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Cart(models.Model):
    """One open cart per user (two guardians of a family each have theirs)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_cart"
    )
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "panier"
        verbose_name_plural = "paniers"

    def __str__(self) -> str:
        return f"Panier de {self.user}"


class CartLine(models.Model):
    ACTION_BOOK = "book"
    ACTION_CANCEL = "cancel"
    ACTION_CHOICES = [(ACTION_BOOK, "Réservation"), (ACTION_CANCEL, "Annulation")]

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    child = models.ForeignKey("families.Child", on_delete=models.CASCADE, related_name="+")
    opening = models.ForeignKey("catalog.Opening", on_delete=models.CASCADE, related_name="+")
    action = models.CharField("action", max_length=6, choices=ACTION_CHOICES)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "modification"
        verbose_name_plural = "modifications"
        ordering = ["opening__date", "child_id", "opening__unit__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "child", "opening"], name="booking_cartline_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.opening_id}"
