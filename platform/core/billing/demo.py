"""Demo billing: the structure's issuer identity and, for the demo parent, the last two full
months before today invoiced (the older one partly paid by cheque) so "Facturation" has
something to show and pay, whatever the day ``make demo`` runs."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction

from core.billing.models import BillingSettings, Invoice, InvoiceRun, InvoiceSeries, Payment
from core.billing.services.allocation import ManualAllocation, record_payment
from core.billing.services.runs import compute_run, publish_run
from core.booking.models import Enrolment, Reservation
from core.tenancy.context import structure_today


def _month_before(day: date) -> tuple[date, date]:
    end = day.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def seed_billing_settings() -> None:
    settings = BillingSettings.current()
    if settings.issuer_address:
        return
    settings.issuer_address = "Hôtel de ville\n1 place de la Mairie\n45000 Orléans"
    settings.issuer_email = f"regie@{connection.tenant.slug}.exemple.fr"
    settings.issuer_phone = "02 38 00 00 00"
    settings.siret = "21450000000012"
    settings.sepa_creditor_name = connection.tenant.name
    settings.sepa_creditor_id = "FR72ZZZ123456"
    settings.sepa_iban = "FR7630006000011234567890189"
    settings.sepa_bic = "AGRIFRPP"
    settings.save()


def _attend(family, start: date, end: date) -> int:
    """The child came to what it was enrolled in (its first 12 openings of each activity in
    [start, end]), one absence excused, one billed."""
    from core.catalog.models import Opening, Unit

    # A day holds no two incompatible units (a child does not come to the morning and to the
    # whole day): the first of them by order is kept.
    incompatible: dict[int, set[int]] = {}
    for a, b in Unit.incompatible_with.through.objects.values_list("from_unit_id", "to_unit_id"):
        incompatible.setdefault(a, set()).add(b)
        incompatible.setdefault(b, set()).add(a)
    held: dict[tuple[int, date], set[int]] = {}
    for child_id, day, unit_id in Reservation.objects.filter(
        child__family=family, date__range=(start, end), state__in=Reservation.HOLDING
    ).values_list("child_id", "date", "unit_id"):
        held.setdefault((child_id, day), set()).add(unit_id)
    created = 0
    for enrolment in Enrolment.objects.filter(
        child__family=family, status=Enrolment.STATUS_VALIDATED
    ).select_related("child"):
        openings = Opening.objects.filter(
            unit__activity=enrolment.activity, date__range=(start, end), closed=False
        ).order_by("date", "unit__order", "unit_id")
        if enrolment.group_id:
            openings = openings.filter(group_id=enrolment.group_id)
        taken = set(
            Reservation.objects.filter(child=enrolment.child, date__range=(start, end)).values_list(
                "opening_id", flat=True
            )
        )
        rows = []
        index = -1
        for opening in openings:
            day = held.setdefault((enrolment.child_id, opening.date), set())
            if opening.pk not in taken and day & incompatible.get(opening.unit_id, set()):
                continue
            index += 1
            if index >= 12:
                break
            if opening.pk in taken:
                continue
            day.add(opening.unit_id)
            state = Reservation.PRESENT
            if index == 3:
                state = Reservation.ABSENT_EXCUSED
            elif index == 7:
                state = Reservation.ABSENT_BILLED
            # Booked, then the attendance taken (the state machine's way to these states).
            rows.append(
                Reservation.new(
                    Reservation.CONFIRMED,
                    child=enrolment.child,
                    opening=opening,
                    enrolment=enrolment,
                    unit_id=opening.unit_id,
                    date=opening.date,
                ).move_to(state)
            )
        Reservation.objects.bulk_create(rows)
        created += len(rows)
    # Past days the family had booked (the canteen) were eaten.
    Reservation.objects.filter(
        child__family=family, date__range=(start, end), state=Reservation.CONFIRMED
    ).move_to(Reservation.PRESENT)
    return created


def _publish(start: date, end: date, issue: date) -> InvoiceRun | None:
    with transaction.atomic():
        run = InvoiceRun.objects.create(
            label=f"Facturation {start:%m/%Y}",
            period_start=start,
            period_end=end,
            series=InvoiceSeries.default(),
        )
        run = compute_run(run_id=run.pk)
        if run.family_count - run.error_count == 0:
            run.delete()
            return None
        run.status = InvoiceRun.STATUS_PUBLISHING
        run.issue_date = issue
        run.due_date = issue + timedelta(days=BillingSettings.current().payment_terms_days)
        run.save()
        return publish_run(run_id=run.pk)


def _invoice_month(family, start: date, end: date, *, issue: date) -> Invoice | None:
    """The family's invoice for [start, end], attended and published now; None when it
    already had one (left as it is) or there was nothing to invoice."""
    invoices = Invoice.objects.filter(family=family, kind=Invoice.KIND_INVOICE)
    if invoices.filter(period_start=start, period_end=end).exists():
        return None
    _attend(family, start, end)
    run = _publish(start, end, issue)
    return None if run is None else invoices.filter(run=run).first()


def seed_billing(family) -> None:
    """Idempotent: a month already invoiced to the demo family is left as it is."""
    seed_billing_settings()
    if family is None:
        return
    today = structure_today()
    last_start, last_end = _month_before(today)
    before_start, before_end = _month_before(last_start)
    older = _invoice_month(family, before_start, before_end, issue=last_start + timedelta(days=2))
    # Issued on the 2nd of this month, or today on the 1st: never in the future.
    issue = min(today, today.replace(day=1) + timedelta(days=1))
    _invoice_month(family, last_start, last_end, issue=issue)
    if older is not None and older.total > 2:
        half = (older.total / 2).quantize(Decimal("0.01"))
        # Paid on this invoice, not the oldest unpaid one: a demo kept from earlier months has
        # some.
        record_payment(
            family=family,
            amount=half,
            method=Payment.METHOD_CHEQUE,
            received_on=older.issue_date + timedelta(days=5),
            reference="0004521",
            payer="Banque Populaire",
            allocations=[ManualAllocation(invoice_id=older.pk, amount=half)],
        )
