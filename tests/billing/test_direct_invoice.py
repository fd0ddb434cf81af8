"""A module's direct invoice (outside a run): numbered in the series without gaps, refused
for a reference already issued, settled with the family's credit, immutable like the others."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import DatabaseError, IntegrityError, InternalError, transaction

from core.billing.models import Invoice, InvoiceLine
from core.billing.services.allocation import record_payment
from core.billing.services.direct import DirectInvoiceError, issue_direct_invoice
from core.module_hooks import ExtraLine
from tests.support.billing import test_series
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family
from tests.support.payments import make_invoice

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at(BILLING_TESTS_NOW)]


@pytest.fixture
def family(alpha):
    test_series()
    family, _ = make_family(tenant=alpha)
    return family


def line(family, reference: str, amount: str, label: str = "Acompte") -> ExtraLine:
    return ExtraLine(family_id=family.pk, reference=reference, label=label, amount=Decimal(amount))


def test_numbers_continue_the_series_without_gaps(family):
    before = make_invoice(family, "10.00")
    first = issue_direct_invoice(
        family_id=family.pk, module_id="demo", lines=[line(family, "a:1", "30.00")]
    )
    second = issue_direct_invoice(
        family_id=family.pk, module_id="demo", lines=[line(family, "a:2", "12.50")]
    )

    assert [first.sequence, second.sequence] == [before.sequence + 1, before.sequence + 2]
    assert first.number.startswith("TF2026-")
    assert first.total == Decimal("30.00") and first.status == Invoice.STATUS_ISSUED
    assert first.recipient_name and first.family_number == family.number
    stored = first.lines.get()
    assert (stored.source_module, stored.source_reference) == ("demo", "a:1")


def test_same_reference_is_never_issued_twice(family):
    issue_direct_invoice(family_id=family.pk, module_id="demo", lines=[line(family, "a:1", "5")])
    count = Invoice.objects.count()

    with pytest.raises(DirectInvoiceError) as refused:
        issue_direct_invoice(
            family_id=family.pk,
            module_id="demo",
            lines=[line(family, "a:9", "5"), line(family, "a:1", "5")],
        )

    assert refused.value.code == "already_issued"
    assert Invoice.objects.count() == count
    # Another module may use the same words for its own thing.
    issue_direct_invoice(family_id=family.pk, module_id="other", lines=[line(family, "a:1", "5")])


def test_negative_lines_are_allowed_but_not_a_negative_total(family):
    invoice = issue_direct_invoice(
        family_id=family.pk,
        module_id="demo",
        lines=[line(family, "p:1", "400.00", "Prix"), line(family, "aid:1", "-120.00", "Aide")],
    )
    assert invoice.total == Decimal("280.00")
    assert sorted(invoice.lines.values_list("amount", flat=True)) == [
        Decimal("-120.00"),
        Decimal("400.00"),
    ]

    with pytest.raises(DirectInvoiceError):
        issue_direct_invoice(
            family_id=family.pk,
            module_id="demo",
            lines=[line(family, "p:2", "10.00"), line(family, "aid:2", "-20.00")],
        )


def test_family_credit_settles_the_new_invoice(family):
    record_payment(
        family=family, amount=Decimal("50.00"), method="ancv", received_on=family_today()
    )

    invoice = issue_direct_invoice(
        family_id=family.pk, module_id="demo", lines=[line(family, "a:1", "30.00")]
    )

    assert invoice.status == Invoice.STATUS_PAID
    assert invoice.settled_amount == Decimal("30.00")


def test_family_is_told_once_committed(family, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        issue_direct_invoice(
            family_id=family.pk, module_id="demo", lines=[line(family, "a:1", "30.00")]
        )
    assert any("Nouvelle facture" in m.subject for m in mail.outbox)


def test_direct_invoice_is_immutable(family):
    invoice = issue_direct_invoice(
        family_id=family.pk, module_id="demo", lines=[line(family, "a:1", "30.00")]
    )
    for attempt in (
        lambda: Invoice.objects.filter(pk=invoice.pk).update(total=Decimal("1.00")),
        lambda: Invoice.objects.filter(pk=invoice.pk).delete(),
        lambda: InvoiceLine.objects.filter(invoice=invoice).update(amount=Decimal("1.00")),
    ):
        with pytest.raises((DatabaseError, IntegrityError, InternalError)), transaction.atomic():
            attempt()


def family_today():
    from core.tenancy.context import structure_today

    return structure_today()
