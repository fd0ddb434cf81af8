"""The regularisation at a contract's end: hours due over its life against the hours its
issued invoices billed, at the last month's rate, billed once (``regularisation:<contract>``)."""

from datetime import date
from decimal import Decimal

import pytest

from core.billing.models import InvoiceLine
from modules.creche import psu
from modules.creche.services import billing
from tests.support.creche import make_toddler
from tests.support.creche_money import (
    absent,
    attend_month,
    creche_run,
    money_contract,
    money_establishment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

JAN = (date(2027, 1, 4), date(2027, 1, 31))
FEB = (date(2027, 2, 1), date(2027, 2, 28))


@pytest.fixture
def establishment(alpha):
    return money_establishment(open_from=date(2027, 1, 1), open_until=date(2027, 3, 31))


@pytest.fixture
def contract(family, establishment):
    # 7 weeks × 45 h over 2 months: 157,50 h billed a month, while January (from the 4th) and
    # February each plan 20 days × 9 h = 180 h.
    return money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 2, 26),
        weeks_per_year="7",
        months_billed=2,
    )


def test_the_last_month_bills_the_hours_due_beyond_the_hours_billed(contract, establishment):
    attend_month(contract, *JAN)
    attend_month(contract, *FEB)
    creche_run(establishment, *JAN)

    computed = billing.compute_month(year=2027, month=2)

    (regularisation,) = computed.regularisations
    terms = contract.terms.get()
    assert regularisation.hours_billed == terms.monthly_hours * 2  # January issued + February
    assert regularisation.hours_due == Decimal("360.00")
    assert regularisation.amount == psu.regularisation(
        hours_billed=Decimal("315.00"), hours_due=Decimal("360.00"), rate=terms.hourly_rate
    )
    line = regularisation.line
    assert line.reference == f"regularisation:{contract.pk}"
    assert line.quantity == Decimal("45.00") and line.amount > 0
    assert "Régularisation de fin de contrat" in line.label and "à payer" in line.label


def test_deducted_hours_are_not_due(contract, establishment):
    attend_month(contract, *JAN)
    attend_month(contract, *FEB, skip=[date(2027, 2, 8), date(2027, 2, 9)])
    absent(contract, date(2027, 2, 8), date(2027, 2, 9), "hospitalisation")
    creche_run(establishment, *JAN)

    (regularisation,) = billing.compute_month(year=2027, month=2).regularisations

    # Due 360 − 18 deducted; billed 315 − 18 (February's deduction line).
    assert regularisation.hours_due == Decimal("342.00")
    assert regularisation.hours_billed == Decimal("297.00")


def test_the_regularisation_is_issued_once(contract, establishment):
    attend_month(contract, *JAN)
    attend_month(contract, *FEB)
    creche_run(establishment, *JAN)
    creche_run(establishment, *FEB)
    again = creche_run(establishment, *FEB, publish=False)

    issued = InvoiceLine.objects.filter(
        source_module="creche", source_reference=f"regularisation:{contract.pk}"
    )
    assert issued.count() == 1 and issued.get().invoice_id is not None
    assert again.line_count == 0


def test_no_regularisation_before_the_contract_ends(contract):
    attend_month(contract, *JAN)

    assert billing.compute_month(year=2027, month=1).regularisations == []


def _credit(contract, *, amount=None):
    from core.billing.models import Invoice
    from core.billing.services.credit_notes import issue_credit_note

    invoice = Invoice.objects.get(family=contract.family, kind=Invoice.KIND_INVOICE)
    return issue_credit_note(invoice=invoice, reason="Erreur de contrat", amount=amount)


def test_a_full_credit_note_takes_its_hours_off_the_hours_billed(contract, establishment):
    attend_month(contract, *JAN)
    attend_month(contract, *FEB)
    creche_run(establishment, *JAN)
    note = _credit(contract)
    assert note.lines.get().corrects.source_reference == f"fee:{contract.pk}:2027-01"

    (regularisation,) = billing.compute_month(year=2027, month=2).regularisations

    terms = contract.terms.get()
    # January's fee credited in full: only February's fee is billed, January is due again.
    assert regularisation.hours_billed == terms.monthly_hours
    assert regularisation.hours_due == Decimal("360.00")
    assert regularisation.line.quantity == Decimal("360.00") - terms.monthly_hours


def test_a_partial_credit_note_changes_no_hours(contract, establishment):
    attend_month(contract, *JAN)
    attend_month(contract, *FEB)
    creche_run(establishment, *JAN)
    _credit(contract, amount=Decimal("10.00"))

    (regularisation,) = billing.compute_month(year=2027, month=2).regularisations

    assert regularisation.hours_billed == contract.terms.get().monthly_hours * 2
