"""Regressions for the findings of the security probe that the access matrix does not name
one by one: HEAD past the role checks, query parameters that crashed the server, dates from
year 9999, the animateur's view of enrolments."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.accounts.roles import Role
from core.billing.models import Payment
from core.booking.models import Reservation
from tests.support.booking import enrol, make_activity
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

HOST = "alpha.localhost"


def staff(alpha, role: Role):
    client = logged(HOST, make_user(tenant=alpha, role=role).email)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/staff/billing/invoices/?search=Martin",
        "/api/v1/staff/billing/exports/invoices.csv",
        "/api/v1/staff/billing/payments/",
        "/api/v1/staff/billing/payment-settings/",
        "/api/v1/staff/accounts/pending/",
        "/api/v1/staff/change-requests/",
    ],
)
def test_head_is_refused_to_a_role_that_get_refuses(alpha, url):
    animateur = staff(alpha, Role.ANIMATEUR)
    assert animateur.get(url).status_code == 403
    head = animateur.head(url)
    assert head.status_code == 403
    assert int(head.get("Content-Length", "0") or 0) < 200  # the refusal, not the page


def test_options_follows_the_rule_of_get(alpha):
    animateur = staff(alpha, Role.ANIMATEUR)
    assert animateur.options("/api/v1/staff/billing/invoices/").status_code == 403
    comptable = staff(alpha, Role.COMPTABLE)
    assert comptable.options("/api/v1/staff/billing/invoices/").status_code == 200
    # A route without GET describes itself to nobody, even to those who may POST there.
    administrateur = staff(alpha, Role.ADMINISTRATEUR)
    assert administrateur.options("/api/v1/staff/change-requests/decide/").status_code == 403


def test_animateur_takes_attendance_but_does_not_see_the_enrolments_to_decide(alpha, clock):
    family, _ = make_family(tenant=alpha)
    activity = make_activity(days=[clock.today + timedelta(days=3)])
    enrolment = enrol(family.children.get(), activity)
    opening = activity.units.first().openings.get()
    Reservation.objects.create(
        child=family.children.get(),
        opening=opening,
        enrolment=enrolment,
        unit=opening.unit,
        date=opening.date,
        state=Reservation.CONFIRMED,
    )
    animateur = staff(alpha, Role.ANIMATEUR)
    assert animateur.get("/api/v1/staff/booking/enrolments/").status_code == 403
    assert animateur.get("/api/v1/staff/booking/reservations/").status_code == 403
    sheet = animateur.get(f"/api/v1/staff/booking/attendance/{opening.pk}/")
    assert sheet.status_code == 200
    assert family.children.get().first_name in sheet.content.decode()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/staff/booking/enrolments/?activity=²", "activity"),
        ("/api/v1/staff/booking/reservations/?activity=١٢", "activity"),
        ("/api/v1/staff/booking/occupancy/?activity=99999999999999999999", "activity"),
        ("/api/v1/staff/booking/openings/?unit=1e3", "unit"),
        ("/api/v1/staff/change-requests/?family=²", "family"),
        ("/api/v1/staff/change-requests/?status=everything", "status"),
        ("/api/v1/staff/families/?status=nope", "status"),
        ("/api/v1/staff/billing/invoices/?family=-1", "family"),
        ("/api/v1/staff/billing/invoices/?status=lost", "status"),
        ("/api/v1/staff/billing/payments/?method=bitcoin", "method"),
        ("/api/v1/staff/billing/invoices/?search=" + "x" * 101, "search"),
        ("/api/v1/staff/booking/occupancy/?from=9999-01-01", "from"),
        ("/api/v1/staff/booking/openings/?from=0001-01-01", "from"),
    ],
)
def test_bad_query_parameter_is_a_french_400_not_a_crash(alpha, url, field):
    response = staff(alpha, Role.ADMINISTRATEUR).get(url)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_unicode_digits_in_attendance_marks_are_refused_in_french(alpha, clock):
    activity = make_activity(days=[clock.today + timedelta(days=3)])
    opening = activity.units.first().openings.get()
    response = staff(alpha, Role.ANIMATEUR).post(
        f"/api/v1/staff/booking/attendance/{opening.pk}/",
        {"marks": {"²": "present"}},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "Identifiant invalide" in response.content.decode()


@pytest.mark.parametrize("day", ["9999-12-31", "2101-01-01", "1899-12-31"])
def test_payment_dated_outside_the_sane_range_is_refused_and_opens_no_series(alpha, day):
    family, _ = make_family(tenant=alpha)
    response = staff(alpha, Role.COMPTABLE).post(
        "/api/v1/staff/billing/payments/",
        {"family": family.pk, "method": "cash", "amount": "10.00", "received_on": day},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "Date hors limites" in " ".join(response.json()["received_on"])
    assert not Payment.objects.filter(family=family).exists()


def test_payment_dated_tomorrow_is_refused(alpha, clock):
    family, _ = make_family(tenant=alpha)
    response = staff(alpha, Role.COMPTABLE).post(
        "/api/v1/staff/billing/payments/",
        {
            "family": family.pk,
            "method": "cash",
            "amount": "10.00",
            "received_on": (clock.today + timedelta(days=1)).isoformat(),
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "futur" in " ".join(response.json()["received_on"])


def test_phone_routes_of_the_login_library_are_not_served(alpha_client):
    # Accounts sign in by e-mail; allauth's phone routes crashed with a 500.
    assert alpha_client.get("/api/v1/account/phone").status_code == 404
    assert alpha_client.post("/api/v1/auth/phone/verify", {}, content_type=JSON).status_code == 404
