"""Caf reports: hours réalisées (pointage) and facturées (issued lines), the taux de
facturation, participations, children and hours by age band; CSV (injection-safe) and PDF."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from core.accounts.roles import Role
from modules.creche.services.caf_reports import age_band, billing_rate, caf_report
from tests.support.clients import HOST, logged
from tests.support.creche import make_toddler
from tests.support.creche_money import (
    attend_month,
    creche_run,
    money_contract,
    money_establishment,
    present,
)
from tests.support.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/creche/staff/caf-report"
FEB = (date(2027, 2, 1), date(2027, 2, 28))


@pytest.fixture
def establishment(alpha):
    return money_establishment(
        name='=HYPERLINK("http://x")', open_from=date(2027, 1, 1), open_until=date(2027, 3, 31)
    )


@pytest.fixture
def billed(family, establishment):
    contract = money_contract(
        child=make_toddler(family, months=18),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 7, 30),
    )
    attend_month(contract, *FEB)
    baby = make_toddler(family, months=5, first_name="Bébé")
    occasional = SimpleNamespace(child_id=baby.pk, establishment_id=establishment.pk)
    present(occasional, date(2027, 2, 10), "09:00", "12:00")  # occasional, not billed
    creche_run(establishment, *FEB)
    return contract


def test_age_bands_at_the_day_of_care(alpha):
    assert age_band(date(2026, 3, 2), date(2027, 3, 1)) == "0"
    assert age_band(date(2026, 3, 1), date(2027, 3, 1)) == "1"
    assert age_band(date(2022, 3, 1), date(2027, 3, 1)) == "4"
    assert billing_rate(Decimal("117.5"), Decimal("100")) == Decimal("117.50")
    assert billing_rate(Decimal("10"), Decimal("0")) is None


def test_the_month_figures(billed, establishment):
    data = caf_report(establishment=establishment, year=2027, month=2).as_dict()

    terms = billed.terms.get()
    assert data["attended_hours"] == Decimal("183.00")  # 20 days × 9 h + 3 h
    assert data["billed_hours"] == terms.monthly_hours
    assert data["participations"] == terms.monthly_fee
    assert data["billing_rate"] == billing_rate(terms.monthly_hours, Decimal("183.00"))
    assert data["children"] == 2
    bands = {band["code"]: band for band in data["age_bands"]}
    assert bands["0"]["children"] == 1 and bands["0"]["attended_hours"] == Decimal("3.00")
    assert bands["1"]["children"] == 1 and bands["1"]["billed_hours"] == terms.monthly_hours


def _credit(contract, *, amount=None):
    from core.billing.models import Invoice
    from core.billing.services.credit_notes import issue_credit_note

    invoice = Invoice.objects.get(family=contract.family, kind=Invoice.KIND_INVOICE)
    return issue_credit_note(invoice=invoice, reason="Facture annulée", amount=amount)


def test_a_full_credit_note_takes_back_the_hours_and_participations(billed, establishment):
    _credit(billed)

    data = caf_report(establishment=establishment, year=2027, month=2).as_dict()

    assert data["billed_hours"] == 0 and data["participations"] == 0
    assert data["attended_hours"] == Decimal("183.00")
    bands = {band["code"]: band for band in data["age_bands"]}
    assert bands["1"]["billed_hours"] == 0


def test_a_partial_credit_note_lowers_only_the_participations(billed, establishment):
    _credit(billed, amount=Decimal("10.00"))

    data = caf_report(establishment=establishment, year=2027, month=2).as_dict()

    terms = billed.terms.get()
    assert data["billed_hours"] == terms.monthly_hours
    assert data["participations"] == terms.monthly_fee - Decimal("10.00")


def test_the_year_has_its_months(staff, billed, establishment):
    response = staff.get(URL, {"establishment": establishment.pk, "year": 2027})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["period_label"] == "année 2027"
    assert [m["label"] for m in body["months"]] == ["février 2027"]
    assert body["billing_rate_alert"] is False


def test_csv_is_safe_and_pdf_is_a_pdf(staff, billed, establishment):
    params = {"establishment": establishment.pk, "year": 2027, "month": 2}
    csv = staff.get(f"{URL}.csv", params)
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text  # a formula is written as text
    assert "Heures réalisées;Heures facturées;Taux de facturation (%)" in text
    assert "183,00" in text
    pdf = staff.get(f"{URL}.pdf", params)
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert staff.get(f"{URL}.xls", params).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"), [(Role.COMPTABLE, 200), (Role.ANIMATEUR, 403), (Role.PARENT, 403)]
)
def test_who_may_read(alpha, establishment, role, status):
    client = logged(HOST, make_user(tenant=alpha, role=role).email)
    assert client.get(URL, {"establishment": establishment.pk, "year": 2027}).status_code == status


MONEY_EXPORTS = [
    ("/api/v1/creche/staff/prebilling", {"month": "2027-02"}),
    (URL, {"year": 2027}),
    (f"{URL}.csv", {"year": 2027}),
    (f"{URL}.pdf", {"year": 2027}),
    ("/api/v1/creche/staff/filoue", {"year": 2027}),
    ("/api/v1/creche/staff/filoue.csv", {"year": 2027}),
]


@pytest.mark.parametrize(("url", "query"), MONEY_EXPORTS)
def test_money_exports_are_closed_to_the_section_team(alpha, establishment, url, query):
    """Allocataire numbers, postal codes, participations: the money staff only
    (``creche.view_crechesettings``), not the animateur who holds ``view_contract``."""
    params = {"establishment": establishment.pk, **query}
    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    comptable = logged(HOST, make_user(tenant=alpha, role=Role.COMPTABLE).email)

    assert animateur.get(url, params).status_code == 403
    assert comptable.get(url, params).status_code == 200
