"""The invoices of a place: the deposit at acceptance, the balance at its date (directly or
by a run), never twice, and the place's account as the pages show it."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from core.accounts.roles import Role
from core.billing.models import Invoice, InvoiceLine
from core.billing.services.allocation import record_payment
from core.billing.services.runs import compute_run, create_run
from modules.sejours.models import Wish
from modules.sejours.services.invoices import (
    balance_lines,
    invoice_deposit,
    issue_due_balances,
    place_account,
)
from tests.support.billing import test_series
from tests.support.clients import logged
from tests.support.factories import make_family, make_user
from tests.support.sejours_money import accepted_place, aids_on_invoices, give_quotient

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

ACCOUNT = "/api/v1/sejours/places/{}/account"
STAFF_ACCOUNT = "/api/v1/sejours/staff/places/{}/account"


@pytest.fixture(autouse=True)
def series(alpha):
    return test_series()


def test_deposit_is_invoiced_at_acceptance_once(family):
    wish = accepted_place(family=family, price="400.00", city="Lyon")

    deposit = wish.deposit_invoice
    assert deposit is not None and deposit.total == Decimal("129.00")  # 30 % of 430
    line = deposit.lines.get()
    assert (line.source_module, line.source_reference) == ("sejours", f"deposit:{wish.pk}")
    assert "Acompte 30 %" in line.label and line.child_id == wish.child_id
    again = invoice_deposit(wish=wish, by=family.parent)
    assert again.pk == deposit.pk
    assert InvoiceLine.objects.filter(source_reference=f"deposit:{wish.pk}").count() == 1


def test_ancv_cheques_pay_a_deposit(family):
    wish = accepted_place(family=family, price="400.00")

    record_payment(
        family=family, amount=Decimal("120.00"), method="ancv", received_on=date(2027, 3, 1)
    )

    wish.deposit_invoice.refresh_from_db()
    assert wish.deposit_invoice.status == Invoice.STATUS_PAID


def test_balance_is_issued_on_its_date_and_never_twice(family, clock):
    give_quotient(family, 350)  # VACAF: 30 € a day
    wish = accepted_place(family=family, price="400.00", days=7)
    assert issue_due_balances() == 0  # due on 31/03 (30 days before the 30/04 departure)

    clock.move_to("2027-03-31T07:00:00+02:00")
    assert issue_due_balances() == 1
    assert issue_due_balances() == 0

    wish.refresh_from_db()
    balance = wish.balance_invoice
    lines = {line.source_reference: line.amount for line in balance.lines.all()}
    assert lines[f"balance:{wish.pk}"] == Decimal("400.00")  # the gross price is shown
    assert lines[f"balance:{wish.pk}:acompte"] == Decimal("-120.00")
    assert aids_on_invoices(wish) == Decimal("210.00")  # 7 days × 30 €
    assert balance.total == Decimal("70.00")
    # deposit + balance + aids == price, to the cent
    assert wish.deposit_invoice.total + balance.total + aids_on_invoices(wish) == wish.price


def test_a_run_bills_a_due_balance_and_the_task_then_only_links_it(family, clock):
    wish = accepted_place(family=family, price="400.00")
    clock.move_to("2027-04-01T09:00:00+02:00")
    run = create_run(
        label="Avril",
        period_start=date(2027, 4, 1),
        period_end=date(2027, 4, 30),
        activity_ids=[wish.stay.activity_id],
        series=test_series(),
    )

    assert [line.reference for line in balance_lines(run=run)] == [
        f"balance:{wish.pk}",
        f"balance:{wish.pk}:acompte",
    ]
    run = compute_run(run_id=run.pk)
    from core.billing.services.runs import publish_run, request_publish

    request_publish(run=run, issue_date=date(2027, 4, 1))
    publish_run(run_id=run.pk)
    assert balance_lines(run=run) == []

    assert issue_due_balances() == 0
    wish.refresh_from_db()
    assert wish.balance_invoice.run_id == run.pk
    assert wish.balance_invoice.total == Decimal("280.00")


def test_a_cancelled_place_is_never_billed_its_balance(family, clock):
    wish = accepted_place(family=family, price="400.00")
    Wish.objects.filter(pk=wish.pk).update(status=Wish.STATUS_CANCELLED)
    clock.move_to("2027-04-10T09:00:00+02:00")

    assert issue_due_balances() == 0


def test_account_shows_price_invoices_aids_and_cancellation(family):
    give_quotient(family, 350)
    wish = accepted_place(family=family, price="400.00", days=7)

    account = place_account(wish=wish)

    assert account["price"] == "400.00"
    assert account["deposit"]["amount"] == "120.00"
    assert account["deposit"]["number"] == wish.deposit_invoice.number
    assert account["balance"] == {
        "amount": "70.00",
        "due_on": "2027-03-31",
        "invoice_id": None,
        "number": None,
        "status": None,
        "status_label": None,
    }
    assert [(a["kind"], a["amount"]) for a in account["aids"]] == [("vacaf", "210.00")]
    assert account["left_to_pay"] == "190.00"
    assert account["cancellation"]["can_cancel"] is True
    assert account["cancellation"]["preview_kept"] == "120.00"  # 60 days before: deposit kept


def test_parent_sees_only_the_account_of_its_own_places(family, parent, staff, alpha):
    wish = accepted_place(family=family, price="400.00")
    other, other_user = make_family(tenant=alpha)
    theirs = accepted_place(family=other, stay=wish.stay)

    mine = parent.get(ACCOUNT.format(wish.pk))
    assert mine.status_code == 200, mine.content
    assert mine.json()["deposit"]["amount"] == "120.00"
    assert parent.get(ACCOUNT.format(theirs.pk)).status_code == 404
    staff_view = staff.get(STAFF_ACCOUNT.format(theirs.pk))
    assert staff_view.status_code == 200
    assert staff_view.json()["family_name"] == other.name
    # A parent has no staff route.
    assert parent.get(STAFF_ACCOUNT.format(wish.pk)).status_code == 403


def test_other_structure_and_anonymous_see_nothing(family, alpha, beta, alpha_client):
    wish = accepted_place(family=family, price="400.00")
    with tenant_context(beta):
        _, beta_parent = make_family(tenant=beta)
        beta_staff = make_user(tenant=beta, role=Role.GESTIONNAIRE)

    assert alpha_client.get(ACCOUNT.format(wish.pk)).status_code in (401, 403)
    # Beta has not enabled the module: the gate answers 404, whatever the id.
    assert (
        logged("beta.localhost", beta_parent.email).get(ACCOUNT.format(wish.pk)).status_code == 404
    )
    beta = logged("beta.localhost", beta_staff.email)
    assert beta.get(STAFF_ACCOUNT.format(wish.pk)).status_code == 404
    connection.set_tenant(alpha)  # the request left the connection on beta's schema


def test_balance_invoice_prints_the_price_each_aid_and_what_is_left(family):
    from core.billing.documents.invoices import render_invoice_html
    from modules.sejours.services.aids import add_aid
    from modules.sejours.services.invoices import issue_balance

    give_quotient(family, 350)
    wish = accepted_place(family=family, price="400.00", days=7)
    add_aid(wish=wish, kind="cse", label="Aide CSE Papeteries", amount=Decimal("20.00"), by=None)

    html = render_invoice_html(invoice=issue_balance(wish=wish))

    assert "prix du séjour" in html and "400,00 €" in html
    assert "Aide VACAF : 7 jours × 30,00 €" in html and "−210,00 €" in html
    assert "Aide CSE Papeteries" in html and "−20,00 €" in html
    assert "−120,00 €" in html  # the deposit already invoiced
    assert "50,00 €" in html  # what is left


@pytest.mark.parametrize(
    ("price", "percent", "qf", "cse"),
    [
        ("400.00", "30", 350, "0"),
        ("333.33", "33.33", 550, "17.01"),
        ("99.99", "50", 350, "0"),
        ("1234.56", "10", 750, "1000.00"),
        ("250.00", "0", None, "300.00"),
    ],
)
def test_deposit_balance_and_aids_add_up_to_the_price(family, price, percent, qf, cse):
    from modules.sejours.services.aids import add_aid
    from modules.sejours.services.invoices import issue_balance

    if qf:
        give_quotient(family, qf)
    wish = accepted_place(family=family, price=price, deposit_percent=Decimal(percent))
    if Decimal(cse):
        add_aid(wish=wish, kind="cse", label="CSE", amount=Decimal(cse), by=None)

    balance = issue_balance(wish=wish)

    deposit = wish.deposit_invoice.total if wish.deposit_invoice else Decimal("0.00")
    assert deposit + balance.total + aids_on_invoices(wish) == Decimal(price)
    assert balance.total >= 0


def test_a_draft_computed_before_a_direct_balance_cannot_be_published(family, clock):
    from core.billing.models import InvoiceRun
    from core.billing.services.runs import publish_run, request_publish

    wish = accepted_place(family=family, price="400.00")
    clock.move_to("2027-04-01T09:00:00+02:00")
    run = create_run(
        label="Avril",
        period_start=date(2027, 4, 1),
        period_end=date(2027, 4, 30),
        activity_ids=[wish.stay.activity_id],
        series=test_series(),
    )
    run = compute_run(run_id=run.pk)
    assert run.line_count == 2

    assert issue_due_balances() == 1
    assert balance_lines(run=run) == []
    request_publish(run=run, issue_date=date(2027, 4, 1))
    from core.billing.services.runs import RunError

    with pytest.raises(RunError):
        publish_run(run_id=run.pk)
    run.refresh_from_db()
    assert run.status != InvoiceRun.STATUS_PUBLISHED
    assert (
        InvoiceLine.objects.filter(source_reference=f"balance:{wish.pk}")
        .exclude(invoice=None)
        .count()
        == 1
    )


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [("comptable", 200, 201), ("coordinateur", 200, 201), ("animateur", 403, 403)],
)
def test_money_staff_roles(family, role, read, write):
    from core.accounts.roles import Role as R

    wish = accepted_place(family=family, price="400.00")
    client = logged("alpha.localhost", make_user(role=R.from_code(role)).email)

    assert client.get(STAFF_ACCOUNT.format(wish.pk)).status_code == read
    response = client.post(
        f"/api/v1/sejours/staff/places/{wish.pk}/aids/",
        {"kind": "cse", "label": "CSE", "amount": "10.00"},
        content_type="application/json",
    )
    assert response.status_code == write
