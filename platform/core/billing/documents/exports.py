"""Accounting exports: invoices, credit notes and payments as French CSV.

French CSV is what a spreadsheet in a French locale opens without an import wizard: ``;``
between fields, UTF-8 with a BOM (or Excel reads accents as Windows-1252), decimal comma,
dates ``dd/mm/yyyy``. Cells go through ``core.csv_safe``: a name, reference or reason typed
as ``=…`` is written as text, amounts stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from core import csv_safe
from core.billing.models import Allocation, Invoice, Payment

BOM = "\ufeff"

INVOICE_COLUMNS = [
    "Numéro",
    "Date d'émission",
    "Échéance",
    "N° famille",
    "Destinataire",
    "Période du",
    "Période au",
    "Montant",
    "Réglé",
    "Reste dû",
    "État",
    "Lot de facturation",
]
CREDIT_NOTE_COLUMNS = [
    "Numéro",
    "Date d'émission",
    "N° famille",
    "Destinataire",
    "Facture corrigée",
    "Montant",
    "Imputé",
    "Reste à imputer",
    "Motif",
]
PAYMENT_COLUMNS = [
    "N° de reçu",
    "Date de réception",
    "N° famille",
    "Famille",
    "Mode de règlement",
    "Référence",
    "Payeur",
    "Montant",
    "Affecté",
    "Non affecté",
    "État",
    "Factures réglées",
]


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def to_csv(header: list[str], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv_safe.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _period(queryset, field: str, start: date | None, end: date | None):
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__lte": end})
    return queryset


def invoices_csv(*, start: date | None = None, end: date | None = None) -> str:
    """Invoices issued between ``start`` and ``end`` (inclusive), in number order."""
    invoices = _period(
        Invoice.objects.filter(kind=Invoice.KIND_INVOICE).select_related("run"),
        "issue_date",
        start,
        end,
    ).order_by("issue_date", "number")
    return to_csv(
        INVOICE_COLUMNS,
        (
            [
                i.number,
                day(i.issue_date),
                day(i.due_date),
                str(i.family_number),
                i.recipient_name,
                day(i.period_start),
                day(i.period_end),
                money(i.total),
                money(i.settled_amount),
                money(i.outstanding),
                i.get_status_display(),
                i.run.label if i.run else "",
            ]
            for i in invoices.iterator(chunk_size=2000)
        ),
    )


def credit_notes_csv(*, start: date | None = None, end: date | None = None) -> str:
    notes = _period(
        Invoice.objects.filter(kind=Invoice.KIND_CREDIT_NOTE).select_related("refers_to"),
        "issue_date",
        start,
        end,
    ).order_by("issue_date", "number")
    return to_csv(
        CREDIT_NOTE_COLUMNS,
        (
            [
                n.number,
                day(n.issue_date),
                str(n.family_number),
                n.recipient_name,
                n.refers_to.number if n.refers_to else "",
                money(n.total),
                money(n.settled_amount),
                money(n.outstanding),
                n.reason,
            ]
            for n in notes.iterator(chunk_size=2000)
        ),
    )


def payments_csv(*, start: date | None = None, end: date | None = None) -> str:
    """Payments received between ``start`` and ``end``; cancelled ones stay, marked so."""
    payments = _period(
        Payment.objects.select_related("family").prefetch_related(
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("invoice").order_by("pk"),
            )
        ),
        "received_on",
        start,
        end,
    ).order_by("received_on", "number")
    return to_csv(
        PAYMENT_COLUMNS,
        (
            [
                p.number,
                day(p.received_on),
                str(p.family.number),
                p.family.name,
                p.get_method_display(),
                p.reference,
                p.payer,
                money(p.amount),
                money(p.allocated_amount),
                money(p.unallocated),
                p.get_status_display(),
                ", ".join(f"{a.invoice.number} ({money(a.amount)})" for a in p.allocations.all()),
            ]
            for p in payments.iterator(chunk_size=2000)
        ),
    )
