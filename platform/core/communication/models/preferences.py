"""Which optional e-mails a user wants (legally needed ones are always sent)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

KIND_MESSAGE = "message"
KIND_ANNOUNCEMENT = "announcement"
KIND_BOOKING = "booking"
KIND_INVOICE = "invoice"
OPTIONAL_KINDS = {
    KIND_MESSAGE: "Nouveau message de la structure",
    KIND_ANNOUNCEMENT: "Annonces de la structure",
    KIND_BOOKING: "Réponses à mes réservations et inscriptions, places libérées",
    KIND_INVOICE: "Reçus de mes règlements",
}
# Sent whatever the preferences: invoices issued, contracts, password and account e-mails.
LEGAL_KINDS = {
    "invoice_issued": "Factures et avoirs émis",
    "contract": "Contrats et documents à signer",
    "account": "Mot de passe et compte",
}


class NotificationPreference(models.Model):
    """A user's answer for one optional kind; no row = the default (sent)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=list(OPTIONAL_KINDS.items()))
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="communication_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
