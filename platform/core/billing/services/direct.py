"""Direct invoices: one invoice issued at once for a module's immediate charge, outside a run.

Some charges cannot wait for the next run (a deposit owed when a place is accepted). A module
issues them here, with the same guarantees as a run's publication: under the same advisory
lock (so the double-billing check sees every earlier publication committed), numbered
gap-free in the default series, refusing a ``(module, reference)`` already issued, settled
with the family's available credit and announced to the family by e-mail once committed.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q

from core.billing.models import BillingSettings, Invoice, InvoiceLine, InvoiceSeries
from core.billing.services.allocation import allocate_family
from core.billing.services.drafts import issued_lines
from core.billing.services.numbering import take_numbers
from core.billing.services.runs import _recipients
from core.errors import DomainError
from core.module_hooks import ExtraLine
from core.pricing.engine import money
from core.tenancy.context import structure_today
from core.tenancy.locks import advisory_xact_lock

ZERO = Decimal("0.00")


class DirectInvoiceError(DomainError):
    """A direct invoice refused in French, nothing written."""

    code = "direct_invoice_refused"


def _notify(invoice_id: int) -> None:
    from core.billing.services.notifications import invoice_row
    from core.families.services.notifications import send_family_email

    invoice = Invoice.objects.select_related("family").get(pk=invoice_id)
    send_family_email(
        family=invoice.family,
        template="invoice_issued",
        subject="Nouvelle facture",
        rows=[invoice_row(invoice)],
        to_pay=invoice.outstanding,
    )


def issue_direct_invoice(
    *,
    family_id: int,
    module_id: str,
    lines: list[ExtraLine],
    due_date: date | None = None,
    user=None,
) -> Invoice:
    """Issue one invoice of ``lines`` to the family now.

    Every line is a module line (``source_module=module_id``, ``source_reference`` its
    reference): a reference already issued, by a run or directly, is refused, so a module that
    calls this twice for the same thing gets an error, not a second invoice. Lines may be
    negative (an aid deducted), the total may not.
    """
    if not lines:
        raise DirectInvoiceError("Une facture a au moins une ligne.", code="no_lines")
    references = [line.reference for line in lines]
    if len(set(references)) != len(references) or not all(references):
        raise DirectInvoiceError(
            "Chaque ligne a une référence, différente des autres.", code="bad_references"
        )
    if any(line.family_id != family_id for line in lines):
        raise DirectInvoiceError("Une ligne concerne une autre famille.", code="other_family")
    amounts = [money(line.amount) for line in lines]
    total = sum(amounts, ZERO)
    if total < 0:
        raise DirectInvoiceError("Le total d'une facture ne peut être négatif.", code="negative")
    today = structure_today()
    if due_date is None:
        due_date = today + timedelta(days=BillingSettings.current().payment_terms_days)
    if due_date < today:
        raise DirectInvoiceError(
            "L'échéance ne peut précéder la date d'émission.", code="due_before_issue"
        )
    with transaction.atomic():
        # The runs' lock: an issued reference committed by a run is seen below, and a run
        # published after this one sees ours (its draft is then refused as outdated).
        advisory_xact_lock(f"{connection.schema_name}:billing-publish")
        if (
            issued_lines()
            .filter(source_module=module_id)
            .filter(Q(source_reference__in=references))
            .exists()
        ):
            raise DirectInvoiceError("Cette prestation est déjà facturée.", code="already_issued")
        series = InvoiceSeries.default()
        [(year, seq, number)] = take_numbers(
            series=series, kind=Invoice.KIND_INVOICE, year=today.year, count=1
        )
        dates = [line.date for line in lines if line.date]
        invoice = Invoice.objects.create(
            kind=Invoice.KIND_INVOICE,
            series=series,
            number=number,
            sequence=seq,
            year=year,
            family_id=family_id,
            issue_date=today,
            due_date=due_date,
            period_start=min(dates) if dates else None,
            period_end=max(dates) if dates else None,
            total=total,
            status=Invoice.STATUS_PAID if total == 0 else Invoice.STATUS_ISSUED,
            created_by=user,
            **_recipients([family_id])[family_id],
        )
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=invoice,
                kind=InvoiceLine.KIND_CHARGE,
                child_id=line.child_id,
                child_name=line.child_name,
                activity_id=line.activity_id,
                activity_name=line.activity_name,
                date=line.date,
                label=line.label,
                tariff_name=line.tariff_name,
                quantity=line.quantity,
                unit_price=money(line.unit_price if line.unit_price is not None else amount),
                amount=amount,
                meal_amount=money(line.meal_amount),
                source_module=module_id,
                source_reference=line.reference,
            )
            for line, amount in zip(lines, amounts, strict=True)
        )
        allocate_family(family_id=family_id)
        invoice.refresh_from_db()
        if total > 0:
            transaction.on_commit(lambda: _notify(invoice.pk))
    return invoice
