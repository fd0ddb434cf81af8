"""The demo commune's périscolaire is configured like the commune's guide."""

import pytest

from core.booking.models import BookingPolicy, Enrolment, Reservation
from core.catalog.models import Activity, Opening
from modules.periscolaire.demo import enrol_demo_family, school_year, seed_periscolaire
from tests.support.factories import make_family


# In the middle of a school year, so that it is the only season seeded (see demo_seasons).
@pytest.mark.frozen_at("2026-11-20 10:00")
def test_demo_season_has_the_guides_activities_openings_and_windows(alpha, clock):
    seed_periscolaire()
    seed_periscolaire()  # idempotent
    season = school_year(clock.today)[2]
    assert set(Activity.objects.values_list("season", flat=True)) == {season}
    names = set(Activity.objects.values_list("name", flat=True))
    assert {"ALAE Matin", "ALAE Soir", "Restauration élémentaire", "CL Mercredis"} <= names
    centres = {name for name in names if name.startswith("CLV ")}
    assert centres == {"CLV Automne", "CLV Noël", "CLV Hiver", "CLV Printemps", "CLV Été"}
    matin = Activity.objects.get(name="ALAE Matin")
    days = list(Opening.objects.filter(unit__activity=matin).values_list("date", flat=True))
    assert days and all(d.weekday() in (0, 1, 3, 4) for d in days)
    assert 120 < len(days) < 150, len(days)  # school days of a year, without holidays
    windows = BookingPolicy.objects.get(code="fenetres_vacances").windows.count()
    assert windows == Activity.objects.filter(kind="alsh_vacances").count()

    family, _ = make_family(tenant=alpha)
    enrol_demo_family(family)
    child = family.children.get()
    validated = Enrolment.objects.filter(child=child, status="validated")
    assert set(validated.values_list("activity__name", flat=True)) == {
        "ALAE Matin",
        "Restauration élémentaire",
        "CL Mercredis",
        *centres,
    }
    requested = Enrolment.objects.get(child=child, status="requested")
    assert requested.activity.name == "ALAE Soir"
    # The canteen's enrolment booked every day left in the year.
    canteen = Opening.objects.filter(
        unit__activity__name="Restauration élémentaire", date__gt=clock.today
    )
    booked = Reservation.objects.filter(child=child, state="confirmed")
    assert set(booked.values_list("opening_id", flat=True)) == set(
        canteen.values_list("pk", flat=True)
    )
    assert booked.count() > 50


def test_demo_family_has_the_last_two_months_invoiced_and_one_partly_paid(alpha):
    from core.billing.demo import seed_billing
    from core.billing.models import Invoice, Payment

    seed_periscolaire()
    family, _ = make_family(tenant=alpha)
    enrol_demo_family(family)
    seed_billing(family)
    seed_billing(family)  # idempotent
    invoices = Invoice.objects.filter(family=family, kind=Invoice.KIND_INVOICE)
    assert invoices.count() == 2
    assert all(i.lines.exists() for i in invoices)
    assert Payment.objects.filter(family=family).count() == 1
    assert invoices.filter(status=Invoice.STATUS_PARTLY_PAID).count() == 1
    assert invoices.filter(status=Invoice.STATUS_ISSUED).count() == 1
