"""A family's account: balance, unpaid invoices and the statement (relevé de compte)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Sum, When

from core.billing.models import Invoice, Payment

ZERO = Decimal("0.00")


def balances(*, family_ids) -> dict[int, Decimal]:
    """Invoices − credit notes − payments per family (positive: the family owes), 2 queries."""
    out: dict[int, Decimal] = dict.fromkeys(family_ids, ZERO)
    signed = Case(
        When(kind=Invoice.KIND_CREDIT_NOTE, then=-F("total")),
        default=F("total"),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    for family_id, total in (
        Invoice.objects.filter(family_id__in=family_ids)
        .values("family_id")
        .annotate(total=Sum(signed))
        .values_list("family_id", "total")
    ):
        out[family_id] += total
    for family_id, total in (
        Payment.objects.filter(family_id__in=family_ids, status=Payment.STATUS_RECORDED)
        .values("family_id")
        .annotate(total=Sum("amount"))
        .values_list("family_id", "total")
    ):
        out[family_id] -= total
    return out


def available_credits(*, family_ids) -> dict[int, Decimal]:
    """What each family has on its account not yet settling an invoice: the unallocated part
    of its payments (advances) and of its credit notes; families without any are left out."""
    out: dict[int, Decimal] = {}
    sources = (
        Payment.objects.filter(status=Payment.STATUS_RECORDED).annotate(
            left=F("amount") - F("allocated_amount")
        ),
        Invoice.objects.filter(
            kind=Invoice.KIND_CREDIT_NOTE, status=Invoice.STATUS_ISSUED
        ).annotate(left=F("total") - F("settled_amount")),
    )
    for queryset in sources:
        for family_id, left in (
            queryset.filter(family_id__in=family_ids, left__gt=0)
            .values("family_id")
            .annotate(credit=Sum("left"))
            .values_list("family_id", "credit")
        ):
            out[family_id] = out.get(family_id, ZERO) + left
    return out


def balance(*, family) -> Decimal:
    return balances(family_ids=[family.pk])[family.pk]


def unpaid_invoices(*, family):
    return Invoice.objects.filter(
        family=family, kind=Invoice.KIND_INVOICE, status__in=Invoice.UNPAID
    ).order_by("due_date", "issue_date", "sequence")


@dataclass(frozen=True)
class StatementEntry:
    on: date
    kind: str  # invoice | credit_note | payment | payment_cancelled
    label: str
    reference: str
    debit: Decimal
    credit: Decimal
    balance: Decimal
    document_id: int


def statement(*, family, start: date | None = None, end: date | None = None) -> dict:
    """Entries in date order with the running balance, from the opening balance at ``start``."""
    entries: list[tuple] = []
    for invoice in Invoice.objects.filter(family=family).only(
        "pk", "kind", "number", "issue_date", "total", "period_start", "period_end", "sequence"
    ):
        if invoice.is_credit_note:
            entries.append(
                (
                    invoice.issue_date,
                    1,
                    invoice.pk,
                    "credit_note",
                    f"Avoir {invoice.number}",
                    invoice.number,
                    ZERO,
                    invoice.total,
                )
            )
        else:
            period = (
                f" — {invoice.period_start:%d/%m} au {invoice.period_end:%d/%m/%Y}"
                if invoice.period_start and invoice.period_end
                else ""
            )
            entries.append(
                (
                    invoice.issue_date,
                    0,
                    invoice.pk,
                    "invoice",
                    f"Facture {invoice.number}{period}",
                    invoice.number,
                    invoice.total,
                    ZERO,
                )
            )
    for payment in Payment.objects.filter(family=family):
        label = f"Règlement {payment.number} — {payment.get_method_display().lower()}"
        if payment.reference and payment.method != Payment.METHOD_ONLINE:
            label += f" n° {payment.reference}"
        entries.append(
            (
                payment.received_on,
                2,
                payment.pk,
                "payment",
                label,
                payment.number,
                ZERO,
                payment.amount,
            )
        )
        if payment.status == Payment.STATUS_CANCELLED:
            entries.append(
                (
                    payment.cancelled_at.date(),
                    3,
                    payment.pk,
                    "payment_cancelled",
                    f"Annulation du règlement {payment.number} : {payment.cancel_reason}",
                    payment.number,
                    payment.amount,
                    ZERO,
                )
            )
    entries.sort(key=lambda e: (e[0], e[1], e[2]))
    running = ZERO
    opening = ZERO
    out: list[StatementEntry] = []
    for on, _, pk, kind, label, reference, debit, credit in entries:
        running += debit - credit
        if start and on < start:
            opening = running
            continue
        if end and on > end:
            break
        out.append(StatementEntry(on, kind, label, reference, debit, credit, running, pk))
    return {
        "opening_balance": opening,
        "entries": out,
        "closing_balance": out[-1].balance if out else opening,
    }
