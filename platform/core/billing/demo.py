"""Demo billing: the structure's issuer identity and, for the demo parent, the last two
months invoiced (one partly paid by cheque) so "Facturation" has something to show and pay."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from core.billing.models import BillingSettings, Invoice, InvoiceRun, InvoiceSeries, Payment
from core.billing.services.allocation import record_payment
from core.billing.services.runs import compute_run, publish_run
from core.booking.models import Enrolment, Reservation


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
    """The child came to what it was enrolled in, one absence excused, one billed."""
    from core.catalog.models import Opening

    created = 0
    for enrolment in Enrolment.objects.filter(
        child__family=family, status=Enrolment.STATUS_VALIDATED
    ).select_related("child"):
        openings = Opening.objects.filter(
            unit__activity=enrolment.activity, date__range=(start, end), closed=False
        ).order_by("date", "unit_id")
        if enrolment.group_id:
            openings = openings.filter(group_id=enrolment.group_id)
        taken = set(
            Reservation.objects.filter(child=enrolment.child, date__range=(start, end)).values_list(
                "opening_id", flat=True
            )
        )
        rows = []
        for index, opening in enumerate(openings[:12]):
            if opening.pk in taken:
                continue
            state = Reservation.PRESENT
            if index == 3:
                state = Reservation.ABSENT_EXCUSED
            elif index == 7:
                state = Reservation.ABSENT_BILLED
            rows.append(
                Reservation(
                    child=enrolment.child,
                    opening=opening,
                    enrolment=enrolment,
                    unit_id=opening.unit_id,
                    date=opening.date,
                    state=state,
                )
            )
        Reservation.objects.bulk_create(rows)
        created += len(rows)
    # Past days the family had booked (the canteen) were eaten.
    Reservation.objects.filter(
        child__family=family, date__range=(start, end), state=Reservation.CONFIRMED
    ).update(state=Reservation.PRESENT)
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


def seed_billing(family) -> None:
    """Idempotent: does nothing once the demo family has an invoice."""
    seed_billing_settings()
    if family is None or Invoice.objects.filter(family=family).exists():
        return
    today = timezone.localdate()
    last_start, last_end = _month_before(today)
    before_start, before_end = _month_before(last_start)
    _attend(family, before_start, before_end)
    _attend(family, last_start, last_end)
    first = _publish(before_start, before_end, last_start + timedelta(days=2))
    _publish(last_start, last_end, today.replace(day=1) + timedelta(days=1))
    if first is not None:
        invoice = Invoice.objects.filter(run=first, family=family).first()
        if invoice is not None and invoice.total > 2:
            record_payment(
                family=family,
                amount=(invoice.total / 2).quantize(Decimal("0.01")),
                method=Payment.METHOD_CHEQUE,
                received_on=invoice.issue_date + timedelta(days=5),
                reference="0004521",
                payer="Banque Populaire",
            )
