"""Settling invoices: payments and credit notes allocated to them, oldest first or by hand.

Every function here locks the family's documents (``FOR UPDATE``, in id order) before reading
what is left to settle, so two payments recorded at once never over-settle an invoice; the
CHECK constraints (settled ≤ total, allocated ≤ amount) stand behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.billing.models import Allocation, Invoice, Payment
from core.billing.services.numbering import take_numbers
from core.errors import DomainError
from core.observability import metrics

ZERO = Decimal("0.00")


class AllocationError(DomainError):
    """A payment, its allocation or a credit note refused in French, nothing written."""

    code = "allocation_refused"


@dataclass(frozen=True)
class ManualAllocation:
    invoice_id: int
    amount: Decimal


def lock_family_documents(family_id: int) -> tuple[list[Invoice], list[Payment]]:
    """The family's unsettled invoices and credit notes and its payments, locked in id order."""
    documents = list(
        Invoice.objects.select_for_update()
        .filter(family_id=family_id)
        .exclude(status__in=[Invoice.STATUS_PAID, Invoice.STATUS_CANCELLED])
        .order_by("pk")
    )
    payments = list(
        Payment.objects.select_for_update()
        .filter(family_id=family_id, status=Payment.STATUS_RECORDED)
        .order_by("pk")
    )
    return documents, payments


def _oldest_first(invoices: Iterable[Invoice]) -> list[Invoice]:
    return sorted(invoices, key=lambda i: (i.due_date or i.issue_date, i.issue_date, i.sequence))


def _settle(invoice: Invoice, amount: Decimal) -> None:
    invoice.settled_amount += amount


def _refresh_statuses(invoices: Iterable[Invoice]) -> None:
    invoices = [i for i in invoices if i.pk]
    if not invoices:
        return
    credited = dict(
        Allocation.objects.filter(invoice__in=invoices, credit_note__isnull=False)
        .values_list("invoice_id")
        .annotate(total=Sum("amount"))
    )
    changed = []
    for invoice in invoices:
        status = invoice.status_for(invoice.settled_amount, credited.get(invoice.pk, ZERO))
        invoice.status = status
        changed.append(invoice)
    Invoice.objects.bulk_update(changed, ["settled_amount", "status"])


def allocate_family(*, family_id: int) -> list[Allocation]:
    """Settle the family's unpaid invoices with what is left of its payments and credit notes.

    Credit notes go first to the invoice they correct, then everything oldest first (by due
    date). Runs inside the caller's transaction or its own.
    """
    with transaction.atomic():
        documents, payments = lock_family_documents(family_id)
        invoices = {i.pk: i for i in documents if not i.is_credit_note}
        credit_notes = [d for d in documents if d.is_credit_note and d.outstanding > 0]
        sources = [p for p in payments if p.unallocated > 0]
        if not invoices or not (credit_notes or sources):
            return []
        created: list[Allocation] = []
        touched: dict[int, Invoice] = {}
        targets = _oldest_first(invoices.values())

        for note in credit_notes:
            order = targets
            if note.refers_to_id in invoices:
                order = [
                    invoices[note.refers_to_id],
                    *[t for t in targets if t.pk != note.refers_to_id],
                ]
            for invoice in order:
                amount = min(note.outstanding, invoice.outstanding)
                if amount <= 0:
                    continue
                created.append(Allocation(invoice=invoice, credit_note=note, amount=amount))
                _settle(invoice, amount)
                _settle(note, amount)
                touched[invoice.pk] = invoice
                touched[note.pk] = note
                if note.outstanding <= 0:
                    break
        for payment in sources:
            for invoice in targets:
                amount = min(payment.unallocated, invoice.outstanding)
                if amount <= 0:
                    continue
                created.append(Allocation(invoice=invoice, payment=payment, amount=amount))
                _settle(invoice, amount)
                payment.allocated_amount += amount
                touched[invoice.pk] = invoice
                if payment.unallocated <= 0:
                    break
        Allocation.objects.bulk_create(created)
        Payment.objects.bulk_update(sources, ["allocated_amount"])
        _refresh_statuses(touched.values())
        return created


def record_payment(
    *,
    family,
    amount: Decimal,
    method: str,
    received_on: date,
    reference: str = "",
    payer: str = "",
    notes: str = "",
    allocations: list[ManualAllocation] | None = None,
    user=None,
) -> Payment:
    """Record a payment and allocate it: by hand (``allocations``) or oldest first.

    What is not allocated stays on the family's account (a credit for its next invoices).
    """
    from core.billing.models import InvoiceSeries

    amount = Decimal(amount)
    if amount <= 0:
        raise AllocationError("Le montant doit être positif.", code="amount_not_positive")
    if method not in dict(Payment.METHOD_CHOICES):
        raise AllocationError("Mode de règlement inconnu.", code="unknown_method")
    with transaction.atomic():
        documents, _ = lock_family_documents(family.pk)
        unpaid = {i.pk: i for i in documents if not i.is_credit_note}
        if allocations is not None:
            total = sum((a.amount for a in allocations), ZERO)
            if total > amount:
                raise AllocationError(
                    "La somme affectée dépasse le montant du règlement.", code="over_allocated"
                )
            for item in allocations:
                invoice = unpaid.get(item.invoice_id)
                if invoice is None:
                    raise AllocationError(
                        "Cette facture n'est pas à régler pour cette famille.",
                        code="invoice_not_payable",
                    )
                if item.amount <= 0 or item.amount > invoice.outstanding:
                    raise AllocationError(
                        f"Le montant affecté à la facture {invoice.number} doit être compris "
                        f"entre 0,01 € et {invoice.outstanding} €.",
                        code="allocation_out_of_range",
                    )
        series = InvoiceSeries.default()
        [(_, _, number)] = take_numbers(
            series=series, kind="receipt", year=received_on.year, count=1
        )
        payment = Payment.objects.create(
            number=number,
            family=family,
            method=method,
            amount=amount,
            received_on=received_on,
            reference=reference,
            payer=payer,
            notes=notes,
            created_by=user,
        )
        if allocations is None:
            allocate_family(family_id=family.pk)
        else:
            rows = []
            for item in allocations:
                invoice = unpaid[item.invoice_id]
                rows.append(Allocation(invoice=invoice, payment=payment, amount=item.amount))
                _settle(invoice, item.amount)
            Allocation.objects.bulk_create(rows)
            payment.allocated_amount = sum((a.amount for a in allocations), ZERO)
            payment.save(update_fields=["allocated_amount"])
            _refresh_statuses(unpaid[a.invoice_id] for a in allocations)
        payment.refresh_from_db()
        metrics.count_payment(provider=method, outcome="recorded")
        return payment


def cancel_payment(*, payment: Payment, reason: str, user=None) -> Payment:
    """A bounced cheque, a mistake: the payment stays (numbered), its allocations go."""
    if not reason.strip():
        raise AllocationError("Indiquez le motif de l'annulation.", code="reason_required")
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status == Payment.STATUS_CANCELLED:
            raise AllocationError("Ce règlement est déjà annulé.", code="already_cancelled")
        allocations = list(payment.allocations.all())
        # The invoices it settled, paid ones included (the family-wide lock skips those), each
        # once however many allocations point at it.
        invoices = {
            i.pk: i
            for i in Invoice.objects.select_for_update()
            .filter(pk__in={a.invoice_id for a in allocations})
            .order_by("pk")
        }
        for allocation in allocations:
            invoices[allocation.invoice_id].settled_amount -= allocation.amount
        payment.allocations.all().delete()
        payment.allocated_amount = ZERO
        payment.status = Payment.STATUS_CANCELLED
        payment.cancel_reason = reason.strip()
        payment.cancelled_at = timezone.now()
        payment.save(update_fields=["allocated_amount", "status", "cancel_reason", "cancelled_at"])
        _refresh_statuses(invoices.values())
        return payment
