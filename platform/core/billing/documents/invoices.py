"""Invoice, credit note and receipt PDFs.

An invoice shows its lines grouped by child then activity (how a family reads it: « what did
Léa's mornings cost »), then what already settled it: payments and credit notes. Everything is
read from the issued document (recipient, names, prices as printed), never from the live file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.billing.documents.pdf import filename, render_html, render_pdf
from core.billing.models import Allocation, Invoice, InvoiceLine, Payment

ZERO = Decimal("0.00")


@dataclass
class ActivityGroup:
    name: str
    lines: list[InvoiceLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


@dataclass
class ChildGroup:
    name: str
    activities: list[ActivityGroup] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((group.total for group in self.activities), ZERO)


@dataclass(frozen=True)
class Settlement:
    """Something that settled (part of) an invoice: a payment or a credit note."""

    on: date
    label: str
    number: str
    amount: Decimal


def group_lines(lines) -> list[ChildGroup]:
    """Lines by child, then activity, each in the lines' order (date)."""
    by_child: dict[str, dict[str, list[InvoiceLine]]] = {}
    for line in lines:
        by_child.setdefault(line.child_name, {}).setdefault(line.activity_name, []).append(line)
    groups = [
        ChildGroup(name, [ActivityGroup(activity, rows) for activity, rows in by_activity.items()])
        for name, by_activity in by_child.items()
    ]
    # Lines about no child (a manual line, a partial credit) come last.
    return sorted(groups, key=lambda g: (not g.name, g.name))


def settlements(invoice: Invoice) -> list[Settlement]:
    """For an invoice: the payments and credit notes allocated to it. For a credit note: the
    invoices it settled."""
    out = []
    if invoice.is_credit_note:
        for allocation in invoice.credit_allocations.select_related("invoice").order_by("pk"):
            out.append(
                Settlement(
                    allocation.created_at.date(),
                    f"Imputé sur la facture {allocation.invoice.number}",
                    allocation.invoice.number,
                    allocation.amount,
                )
            )
        return out
    rows = invoice.allocations.select_related("payment", "credit_note").order_by("pk")
    for allocation in rows:
        payment = allocation.payment
        if payment is not None:
            label = f"Règlement {payment.get_method_display().lower()}"
            if payment.reference:
                label += f" ({payment.reference})"
            out.append(Settlement(payment.received_on, label, payment.number, allocation.amount))
        else:
            note = allocation.credit_note
            out.append(Settlement(note.issue_date, "Avoir", note.number, allocation.amount))
    return sorted(out, key=lambda s: (s.on, s.number))


def invoice_context(*, invoice: Invoice) -> dict:
    lines = invoice.lines.order_by("child_name", "activity_name", "date", "pk")
    received = settlements(invoice)
    return {
        "invoice": invoice,
        "title": "Avoir" if invoice.is_credit_note else "Facture",
        "groups": group_lines(lines),
        "settlements": received,
        "settled": sum((s.amount for s in received), ZERO),
        "credit_notes": list(invoice.credit_notes.order_by("issue_date", "pk"))
        if not invoice.is_credit_note
        else [],
    }


def invoice_filename(invoice: Invoice) -> str:
    return filename("avoir" if invoice.is_credit_note else "facture", invoice.number)


def render_invoice_html(*, invoice: Invoice) -> str:
    return render_html("billing/invoice.html", invoice_context(invoice=invoice))


def render_invoice_pdf(*, invoice: Invoice) -> tuple[bytes, str]:
    """The PDF of an invoice or a credit note, and its download name."""
    data = render_pdf("billing/invoice.html", invoice_context(invoice=invoice))
    return data, invoice_filename(invoice)


def receipt_context(*, payment: Payment) -> dict:
    allocations = list(
        Allocation.objects.filter(payment=payment).select_related("invoice").order_by("pk")
    )
    return {
        "payment": payment,
        "family": payment.family,
        "allocations": allocations,
        "cancelled": payment.status == Payment.STATUS_CANCELLED,
    }


def render_receipt_html(*, payment: Payment) -> str:
    return render_html("billing/receipt.html", receipt_context(payment=payment))


def render_receipt_pdf(*, payment: Payment) -> tuple[bytes, str]:
    data = render_pdf("billing/receipt.html", receipt_context(payment=payment))
    return data, filename("recu", payment.number)
