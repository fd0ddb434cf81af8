"""An issued invoice cannot be changed or deleted: not through the ORM, the API or the admin."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.db.utils import DatabaseError

from core.billing.models import Invoice, InvoiceLine, Payment
from tests.support.billing import priced_activity, reserve, run_and_publish
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)


@pytest.fixture
def invoice(alpha):
    activity = priced_activity(price="5.00")
    family, _ = make_family(tenant=alpha)
    reserve(family.children.get(), activity, date(2026, 10, 5))
    run = run_and_publish(activities=[activity])
    return Invoice.objects.get(run=run)


def refused(fn):
    with pytest.raises((DatabaseError, IntegrityError, InternalError)), transaction.atomic():
        fn()


def test_orm_cannot_change_or_delete_an_issued_invoice_or_its_lines(invoice):
    refused(lambda: Invoice.objects.filter(pk=invoice.pk).update(total=Decimal("1.00")))
    refused(lambda: Invoice.objects.filter(pk=invoice.pk).update(number="F-HACK"))
    refused(lambda: Invoice.objects.filter(pk=invoice.pk).delete())
    line = invoice.lines.get()
    refused(lambda: InvoiceLine.objects.filter(pk=line.pk).update(amount=Decimal("0.01")))
    refused(lambda: InvoiceLine.objects.filter(pk=line.pk).delete())
    invoice.total = Decimal("0.50")
    invoice.save()  # only the settlement columns are written
    invoice.refresh_from_db()
    assert invoice.total == Decimal("5.00") and invoice.lines.get().amount == Decimal("5.00")


def test_payment_amount_cannot_change_and_payments_are_never_deleted(invoice):
    from core.billing.services.allocation import record_payment

    payment = record_payment(
        family=invoice.family, amount=Decimal("5.00"), method="cash", received_on=date(2026, 11, 3)
    )
    refused(lambda: Payment.objects.filter(pk=payment.pk).update(amount=Decimal("50.00")))
    refused(lambda: Payment.objects.filter(pk=payment.pk).delete())


def test_api_offers_no_way_to_change_or_delete_an_invoice(invoice, alpha_client):
    from core.accounts.roles import Role

    admin = make_user(role=Role.ADMINISTRATEUR)
    alpha_client.force_login(admin)
    url = f"/api/v1/staff/billing/invoices/{invoice.pk}/"
    assert alpha_client.get(url).status_code == 200
    for method in ("patch", "put", "delete"):
        response = getattr(alpha_client, method)(
            url, {"total": "1.00"}, content_type="application/json"
        )
        assert response.status_code == 405
    invoice.refresh_from_db()
    assert invoice.total == Decimal("5.00")


def test_admin_shows_issued_invoices_read_only(invoice, alpha_client):
    from core.accounts.models import User

    root = User.objects.create_superuser(email="root-billing@example.org", password="x-Passw0rd!")
    alpha_client.force_login(root)
    change = f"/admin/billing/invoice/{invoice.pk}/change/"
    assert alpha_client.get(change).status_code == 200
    response = alpha_client.post(change, {"total": "1.00", "number": "X"})
    assert response.status_code == 403
    delete = f"/admin/billing/invoice/{invoice.pk}/delete/"
    assert alpha_client.post(delete, {"post": "yes"}).status_code == 403
    invoice.refresh_from_db()
    assert invoice.total == Decimal("5.00")
