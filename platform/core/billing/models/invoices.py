"""Invoices and credit notes: numbered gap-free, immutable once issued, never deleted.

Immutability is enforced by the database (pgtrigger: no DELETE, no UPDATE of anything but the
settlement columns; issued lines frozen), so neither the ORM, the API, the admin nor a
``QuerySet.update`` can change an issued document. Mistakes are corrected by a credit note
(``kind = credit_note``) that refers to the invoice.
"""

from __future__ import annotations

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone

MONEY = {"max_digits": 10, "decimal_places": 2}


class InvoiceSeries(models.Model):
    """A numbering series (e.g. one per régie); numbers are gap-free inside each."""

    name = models.CharField("nom", max_length=80, unique=True)
    invoice_prefix = models.CharField(
        "préfixe des factures",
        max_length=20,
        default="F{annee}-",
        help_text="« {annee} » est remplacé par l'année d'émission ; la numérotation repart "
        "alors à 1 chaque année.",
    )
    credit_note_prefix = models.CharField("préfixe des avoirs", max_length=20, default="AV{annee}-")
    receipt_prefix = models.CharField("préfixe des reçus", max_length=20, default="R{annee}-")
    digits = models.PositiveSmallIntegerField("chiffres", default=6)
    is_default = models.BooleanField("série par défaut", default=False)

    class Meta:
        verbose_name = "série de numérotation"
        verbose_name_plural = "séries de numérotation"
        ordering = ["-is_default", "name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default(cls) -> InvoiceSeries:
        series = cls.objects.filter(is_default=True).first()
        if series is None:
            series, _ = cls.objects.get_or_create(name="Générale", defaults={"is_default": True})
        return series


class NumberCounter(models.Model):
    """The last number given in a series, per kind and year: taken ``FOR UPDATE`` to number."""

    series = models.ForeignKey(InvoiceSeries, on_delete=models.PROTECT, related_name="counters")
    kind = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField(help_text="0 when the prefix holds no year.")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "kind", "year"], name="billing_counter_key")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.kind} {self.year}: {self.last_number}"


class Invoice(models.Model):
    KIND_INVOICE = "invoice"
    KIND_CREDIT_NOTE = "credit_note"
    KIND_CHOICES = [(KIND_INVOICE, "Facture"), (KIND_CREDIT_NOTE, "Avoir")]

    STATUS_ISSUED = "issued"
    STATUS_PARTLY_PAID = "partly_paid"
    STATUS_PAID = "paid"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (STATUS_ISSUED, "À payer"),
        (STATUS_PARTLY_PAID, "Partiellement payée"),
        (STATUS_PAID, "Payée"),
        (STATUS_CANCELLED, "Annulée par avoir"),
    ]
    # Credit notes: "issued" while some of it is still to be used, "paid" once fully used.
    UNPAID = (STATUS_ISSUED, STATUS_PARTLY_PAID)

    kind = models.CharField("type", max_length=12, choices=KIND_CHOICES, default=KIND_INVOICE)
    series = models.ForeignKey(InvoiceSeries, on_delete=models.PROTECT, related_name="+")
    number = models.CharField("numéro", max_length=40, unique=True)
    sequence = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    family = models.ForeignKey("families.Family", on_delete=models.PROTECT, related_name="invoices")
    run = models.ForeignKey(
        "billing.InvoiceRun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    refers_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name="facture corrigée",
    )
    issue_date = models.DateField("date d'émission")
    due_date = models.DateField("date d'échéance", null=True, blank=True)
    period_start = models.DateField("période du", null=True, blank=True)
    period_end = models.DateField("au", null=True, blank=True)
    # The recipient as printed: the document must not change when the family moves.
    recipient_name = models.CharField("destinataire", max_length=200)
    recipient_address = models.TextField("adresse", blank=True)
    family_number = models.PositiveIntegerField("n° famille")
    total = models.DecimalField("montant", **MONEY)
    reason = models.TextField("motif", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("émise le", default=timezone.now)
    # Settlement: the only columns that may change after issue.
    settled_amount = models.DecimalField("réglé", **MONEY, default=Decimal("0.00"))
    status = models.CharField(
        "état", max_length=12, choices=STATUS_CHOICES, default=STATUS_ISSUED, db_index=True
    )

    class Meta:
        verbose_name = "facture"
        verbose_name_plural = "factures"
        ordering = ["-issue_date", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "kind", "year", "sequence"], name="billing_invoice_sequence"
            ),
            models.CheckConstraint(condition=models.Q(total__gte=0), name="billing_total_gte_0"),
            models.CheckConstraint(
                condition=models.Q(settled_amount__gte=0, settled_amount__lte=models.F("total")),
                name="billing_settled_within_total",
            ),
        ]
        indexes = [models.Index(fields=["family", "kind", "status"])]
        triggers = [
            pgtrigger.Protect(name="invoice_never_deleted", operation=pgtrigger.Delete),
            pgtrigger.ReadOnly(name="invoice_immutable", exclude=["settled_amount", "status"]),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs) -> None:
        if self.pk and not kwargs.get("update_fields") and not self._state.adding:
            # The trigger would refuse it anyway; say it in Python terms first.
            kwargs["update_fields"] = ["settled_amount", "status"]
        super().save(*args, **kwargs)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.KIND_CREDIT_NOTE

    @property
    def outstanding(self) -> Decimal:
        return self.total - self.settled_amount

    @property
    def signed_total(self) -> Decimal:
        """What the document adds to the family's balance."""
        return -self.total if self.is_credit_note else self.total

    def status_for(self, settled: Decimal, credited: Decimal) -> str:
        """The status once ``settled`` is allocated, ``credited`` of it by credit notes."""
        if self.is_credit_note:
            return self.STATUS_PAID if settled >= self.total else self.STATUS_ISSUED
        if self.total > 0 and credited >= self.total:
            return self.STATUS_CANCELLED
        if settled >= self.total:
            return self.STATUS_PAID
        return self.STATUS_PARTLY_PAID if settled > 0 else self.STATUS_ISSUED


class InvoiceLine(models.Model):
    """A line of a draft (``run_family``) or of an issued document (``invoice``)."""

    KIND_CHARGE = "charge"
    KIND_CORRECTION = "correction"
    KIND_MANUAL = "manual"
    KIND_CHOICES = [
        (KIND_CHARGE, "Prestation"),
        (KIND_CORRECTION, "Régularisation"),
        (KIND_MANUAL, "Saisie manuelle"),
    ]

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    run_family = models.ForeignKey(
        "billing.RunFamily", on_delete=models.CASCADE, null=True, blank=True, related_name="lines"
    )
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default=KIND_CHARGE)
    reservation = models.ForeignKey(
        "booking.Reservation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoice_lines",
    )
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    child = models.ForeignKey(
        "families.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    child_name = models.CharField("enfant", max_length=200, blank=True)
    activity = models.ForeignKey(
        "catalog.Activity", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    activity_name = models.CharField("activité", max_length=150, blank=True)
    date = models.DateField("date", null=True, blank=True)
    label = models.CharField("libellé", max_length=250)
    tariff_name = models.CharField("tarification", max_length=150, blank=True)
    quantity = models.DecimalField("quantité", max_digits=8, decimal_places=2, default=1)
    unit_price = models.DecimalField("prix unitaire", **MONEY)
    amount = models.DecimalField("montant", **MONEY)
    meal_amount = models.DecimalField("dont repas", **MONEY, default=Decimal("0.00"))
    state = models.CharField("état de la réservation", max_length=20, blank=True)
    # Lines a module's invoice line source gave (``Module.invoice_line_sources``): which module
    # and what it billed, so that the same thing is never billed twice.
    source_module = models.CharField("module", max_length=32, blank=True)
    source_reference = models.CharField("référence", max_length=100, blank=True)

    class Meta:
        verbose_name = "ligne de facture"
        verbose_name_plural = "lignes de facture"
        ordering = ["child_name", "activity_name", "date", "pk"]
        indexes = [models.Index(fields=["reservation"])]
        triggers = [
            pgtrigger.Protect(
                name="issued_line_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Condition("OLD.invoice_id IS NOT NULL"),
            ),
        ]

    def __str__(self) -> str:
        return self.label
