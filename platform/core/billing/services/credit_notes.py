"""Credit notes (avoirs) issued by staff to correct an invoice."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.billing.models import Invoice, InvoiceLine
from core.billing.services.allocation import AllocationError, allocate_family
from core.billing.services.numbering import take_numbers

ZERO = Decimal("0.00")


def creditable(invoice: Invoice) -> Decimal:
    """What may still be credited on ``invoice``."""
    credited = (
        Invoice.objects.filter(refers_to=invoice, kind=Invoice.KIND_CREDIT_NOTE).aggregate(
            total=Sum("total")
        )["total"]
        or ZERO
    )
    return invoice.total - credited


def issue_credit_note(
    *, invoice: Invoice, reason: str, amount: Decimal | None = None, user=None
) -> Invoice:
    """A credit note of ``amount`` (all that is left when ``None``) referring to ``invoice``.

    A full credit copies the invoice's lines, a partial one is a single line; the credit then
    settles the invoice (or, if it was paid, stays on the family's account).
    """
    if not reason.strip():
        raise AllocationError("Indiquez le motif de l'avoir.", code="reason_required")
    if invoice.is_credit_note:
        raise AllocationError(
            "Un avoir ne peut pas être corrigé par un avoir.", code="credit_note_of_credit_note"
        )
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        left = creditable(invoice)
        amount = left if amount is None else Decimal(amount)
        if amount <= 0 or amount > left:
            raise AllocationError(
                f"Le montant de l'avoir doit être compris entre 0,01 € et {left} €.",
                code="credit_note_out_of_range",
            )
        today = timezone.localdate()
        [(year, seq, number)] = take_numbers(
            series=invoice.series, kind=Invoice.KIND_CREDIT_NOTE, year=today.year, count=1
        )
        note = Invoice.objects.create(
            kind=Invoice.KIND_CREDIT_NOTE,
            series=invoice.series,
            number=number,
            sequence=seq,
            year=year,
            family_id=invoice.family_id,
            refers_to=invoice,
            issue_date=today,
            period_start=invoice.period_start,
            period_end=invoice.period_end,
            recipient_name=invoice.recipient_name,
            recipient_address=invoice.recipient_address,
            family_number=invoice.family_number,
            total=amount,
            reason=reason.strip(),
            created_by=user,
        )
        if amount == invoice.total and left == invoice.total:
            lines = [
                InvoiceLine(
                    invoice=note,
                    kind=line.kind,
                    reservation_id=line.reservation_id,
                    corrects=line,
                    child_id=line.child_id,
                    child_name=line.child_name,
                    activity_id=line.activity_id,
                    activity_name=line.activity_name,
                    date=line.date,
                    label=line.label,
                    tariff_name=line.tariff_name,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    amount=line.amount,
                    meal_amount=line.meal_amount,
                    state=line.state,
                )
                for line in invoice.lines.all()
            ]
        else:
            lines = [
                InvoiceLine(
                    invoice=note,
                    kind=InvoiceLine.KIND_MANUAL,
                    label=f"Avoir sur la facture {invoice.number} : {reason.strip()}",
                    quantity=Decimal(1),
                    unit_price=amount,
                    amount=amount,
                )
            ]
        InvoiceLine.objects.bulk_create(lines)
        allocate_family(family_id=invoice.family_id)
        note.refresh_from_db()
        return note
