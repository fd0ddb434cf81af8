"""Payments (règlements) and their allocation to invoices; direct debit mandates."""

from __future__ import annotations

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from core.billing.models.invoices import MONEY


class Payment(models.Model):
    METHOD_CHEQUE = "cheque"
    METHOD_CASH = "cash"
    METHOD_TRANSFER = "transfer"
    METHOD_CESU = "cesu"
    METHOD_ANCV = "ancv"
    METHOD_CAF = "caf"
    METHOD_WORKS_COUNCIL = "works_council"
    METHOD_DIRECT_DEBIT = "direct_debit"
    METHOD_ONLINE = "online"
    METHOD_CHOICES = [
        (METHOD_CHEQUE, "Chèque"),
        (METHOD_CASH, "Espèces"),
        (METHOD_TRANSFER, "Virement"),
        (METHOD_CESU, "CESU"),
        (METHOD_ANCV, "Chèques-vacances (ANCV)"),
        (METHOD_CAF, "Aide CAF / VACAF"),
        (METHOD_WORKS_COUNCIL, "Aide comité d'entreprise"),
        (METHOD_DIRECT_DEBIT, "Prélèvement"),
        (METHOD_ONLINE, "Paiement en ligne"),
    ]
    # Paid by a third party: deducted from what the family itself paid (tax attestations).
    AIDS = (METHOD_CAF, METHOD_WORKS_COUNCIL)
    STAFF_METHODS = METHOD_CHOICES[:-1]  # online payments come from the providers only

    STATUS_RECORDED = "recorded"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [(STATUS_RECORDED, "Enregistré"), (STATUS_CANCELLED, "Annulé")]

    number = models.CharField("n° de reçu", max_length=40, unique=True)
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="payments")
    method = models.CharField("mode de règlement", max_length=16, choices=METHOD_CHOICES)
    amount = models.DecimalField(
        "montant", **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    received_on = models.DateField("reçu le")
    reference = models.CharField(
        "référence", max_length=120, blank=True, help_text="N° de chèque, de transaction…"
    )
    payer = models.CharField("payeur / banque", max_length=120, blank=True)
    notes = models.TextField("remarques", blank=True)
    allocated_amount = models.DecimalField("affecté", **MONEY, default=Decimal("0.00"))
    status = models.CharField(
        "état", max_length=10, choices=STATUS_CHOICES, default=STATUS_RECORDED
    )
    cancel_reason = models.CharField("motif d'annulation", max_length=200, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("enregistré le", default=timezone.now)

    class Meta:
        verbose_name = "règlement"
        verbose_name_plural = "règlements"
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="billing_payment_gt_0"),
            models.CheckConstraint(
                condition=models.Q(
                    allocated_amount__gte=0, allocated_amount__lte=models.F("amount")
                ),
                name="billing_payment_allocated_within_amount",
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="payment_never_deleted", operation=pgtrigger.Delete),
            pgtrigger.ReadOnly(
                name="payment_amount_immutable",
                fields=["number", "family", "method", "amount", "received_on"],
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def unallocated(self) -> Decimal:
        return self.amount - self.allocated_amount


class Allocation(models.Model):
    """Part of a payment or of a credit note that settles an invoice."""

    invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, related_name="allocations"
    )
    payment = models.ForeignKey(
        Payment, on_delete=models.CASCADE, null=True, blank=True, related_name="allocations"
    )
    credit_note = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_allocations",
    )
    amount = models.DecimalField("montant", **MONEY)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "affectation"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="billing_allocation_gt_0"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(payment__isnull=False, credit_note__isnull=True)
                    | models.Q(payment__isnull=True, credit_note__isnull=False)
                ),
                name="billing_allocation_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} → {self.invoice_id}"


class DirectDebitMandate(models.Model):
    """A family's signed SEPA mandate (RUM); the IBAN/BIC are the family's."""

    family = models.OneToOneField(
        "families.Family", on_delete=models.CASCADE, related_name="mandate"
    )
    reference = models.CharField("référence unique du mandat (RUM)", max_length=35, unique=True)
    signed_on = models.DateField("signé le")
    first_collected = models.BooleanField("déjà prélevé", default=False)
    active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "mandat de prélèvement"
        verbose_name_plural = "mandats de prélèvement"

    def __str__(self) -> str:
        return self.reference


class DirectDebitBatch(models.Model):
    STATUS_GENERATED = "generated"
    STATUS_COLLECTED = "collected"
    STATUS_CHOICES = [(STATUS_GENERATED, "Fichier généré"), (STATUS_COLLECTED, "Encaissé")]

    collection_date = models.DateField("date de prélèvement")
    message_id = models.CharField(max_length=35, unique=True)
    total = models.DecimalField("montant", **MONEY)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=STATUS_GENERATED)
    xml = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "lot de prélèvements"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message_id


class DirectDebitItem(models.Model):
    batch = models.ForeignKey(DirectDebitBatch, on_delete=models.CASCADE, related_name="items")
    invoice = models.ForeignKey("billing.Invoice", on_delete=models.PROTECT, related_name="+")
    mandate = models.ForeignKey(DirectDebitMandate, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(**MONEY)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.invoice_id}: {self.amount}"
