"""Online payment: the structure's provider settings and each payment attempt of a parent."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from core.billing.models import MONEY


class ProviderSettings(models.Model):
    """One row per structure: which provider takes its online payments, and its identifiers."""

    PROVIDER_DUMMY = "dummy"
    PROVIDER_STRIPE = "stripe"
    PROVIDER_PAYFIP = "payfip"
    PROVIDER_CHOICES = [
        (PROVIDER_DUMMY, "Paiement de démonstration"),
        (PROVIDER_STRIPE, "Stripe (carte bancaire)"),
        (PROVIDER_PAYFIP, "PayFiP (DGFiP)"),
    ]
    PAYFIP_MODE_CHOICES = [("T", "Test"), ("X", "Activation"), ("W", "Production")]

    provider = models.CharField(
        "prestataire", max_length=16, choices=PROVIDER_CHOICES, default=PROVIDER_DUMMY
    )
    enabled = models.BooleanField("paiement en ligne ouvert aux familles", default=True)
    stripe_account_id = models.CharField(
        "compte Stripe connecté",
        max_length=64,
        blank=True,
        validators=[RegexValidator(r"^acct_[A-Za-z0-9]+$", "Identifiant « acct_… » attendu.")],
    )
    payfip_numcli = models.CharField(
        "n° client PayFiP (régie)",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "Le numéro client PayFiP a 6 chiffres.")],
    )
    payfip_mode = models.CharField(
        "mode PayFiP", max_length=1, choices=PAYFIP_MODE_CHOICES, default="T"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réglages du paiement en ligne"
        verbose_name_plural = "réglages du paiement en ligne"

    def __str__(self) -> str:
        return self.get_provider_display()

    @property
    def provider_allowed(self) -> bool:
        return self.provider != self.PROVIDER_DUMMY or settings.PAYMENT_DUMMY_ALLOWED

    @classmethod
    def current(cls) -> ProviderSettings:
        """The structure's row; created with the platform's default provider."""
        row = cls.objects.order_by("pk").first()
        if row is None:
            row, _ = cls.objects.get_or_create(
                pk=1, defaults={"provider": settings.PAYMENT_DEFAULT_PROVIDER}
            )
        return row


class PaymentAttempt(models.Model):
    """A parent's trip to the provider for some invoices; settled once (services.settle_attempt)."""

    STATUS_PENDING = "pending"
    STATUS_SUCCEEDED = "succeeded"
    STATUS_FAILED = "failed"
    STATUS_CANCELLED = "cancelled"
    STATUS_EXPIRED = "expired"
    STATUS_REFUNDED = "refunded"
    STATUS_CHOICES = [
        (STATUS_PENDING, "En cours"),
        (STATUS_SUCCEEDED, "Payé"),
        (STATUS_FAILED, "Refusé"),
        (STATUS_CANCELLED, "Abandonné"),
        (STATUS_EXPIRED, "Expiré"),
        (STATUS_REFUNDED, "Remboursé"),
    ]
    FINAL = (STATUS_SUCCEEDED, STATUS_FAILED, STATUS_CANCELLED, STATUS_EXPIRED, STATUS_REFUNDED)
    PAID = (STATUS_SUCCEEDED, STATUS_REFUNDED)

    family = models.ForeignKey(
        "families.Family", on_delete=models.PROTECT, related_name="payment_attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invoices = models.ManyToManyField("billing.Invoice", related_name="payment_attempts")
    amount = models.DecimalField(
        "montant", **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField("devise", max_length=3, default="EUR")
    provider = models.CharField(
        "prestataire", max_length=16, choices=ProviderSettings.PROVIDER_CHOICES
    )
    provider_reference = models.CharField("référence du prestataire", max_length=255, blank=True)
    # What the provider told us (dummy outcome, Stripe payment intent…), never trusted alone:
    # settling always re-fetches from the provider.
    provider_state = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=STATUS_CHOICES, default=STATUS_PENDING, db_index=True
    )
    created_at = models.DateTimeField("commencé le", default=timezone.now)
    completed_at = models.DateTimeField("terminé le", null=True, blank=True)
    payment = models.OneToOneField(
        "billing.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_attempt",
        verbose_name="règlement",
    )
    last_error = models.TextField("dernière erreur", blank=True)

    class Meta:
        verbose_name = "paiement en ligne"
        verbose_name_plural = "paiements en ligne"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payments_attempt_amount_gt_0"
            ),
            # One attempt per provider object: a replayed start can never fork it.
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="payments_attempt_reference_unique",
            ),
            # Paid ⇔ a payment is linked: the money is never recorded twice or lost.
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=["succeeded", "refunded"], payment__isnull=False)
                    | (
                        ~models.Q(status__in=["succeeded", "refunded"])
                        & models.Q(payment__isnull=True)
                    )
                ),
                name="payments_attempt_paid_has_payment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} {self.provider_reference or self.pk}"

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL
