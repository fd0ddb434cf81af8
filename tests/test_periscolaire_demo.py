"""The demo commune's périscolaire is configured like the commune's guide."""

from core.booking.models import BookingPolicy, Enrolment, Reservation
from core.catalog.models import Activity, Opening
from modules.periscolaire.demo import enrol_demo_family, seed_periscolaire
from tests.factories import make_family


def test_demo_season_has_the_guides_activities_openings_and_windows(alpha):
    seed_periscolaire()
    seed_periscolaire()  # idempotent
    names = set(Activity.objects.values_list("name", flat=True))
    assert {"ALAE Matin", "ALAE Soir", "Restauration élémentaire", "CL Mercredis"} <= names
    assert any(name.startswith("CLV ") for name in names)
    matin = Activity.objects.get(name="ALAE Matin")
    days = list(Opening.objects.filter(unit__activity=matin).values_list("date", flat=True))
    assert days and all(d.weekday() in (0, 1, 3, 4) for d in days)
    assert 120 < len(days) < 150, len(days)  # school days of a year, without holidays
    windows = BookingPolicy.objects.get(code="fenetres_vacances").windows.count()
    assert windows == Activity.objects.filter(kind="alsh_vacances").count()

    family, _ = make_family(tenant=alpha)
    enrol_demo_family(family)
    child = family.children.get()
    assert Enrolment.objects.filter(child=child, status="validated").count() == 3
    assert Reservation.objects.filter(child=child, state="confirmed").count() > 50


def test_demo_family_has_the_last_two_months_invoiced_and_one_partly_paid(alpha):
    from datetime import timedelta

    from django.utils import timezone

    from core.billing.demo import seed_billing
    from core.billing.models import Invoice, Payment

    seed_periscolaire()
    family, _ = make_family(tenant=alpha)
    enrol_demo_family(family)
    seed_billing(family)
    seed_billing(family)  # idempotent
    invoices = Invoice.objects.filter(family=family, kind=Invoice.KIND_INVOICE)
    last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
    if not Opening.objects.filter(date__month=last_month.month, date__year=last_month.year):
        return  # early in the season: nothing happened yet to invoice
    assert invoices.exists()
    assert all(i.lines.exists() for i in invoices)
    if invoices.count() == 2:
        assert Payment.objects.filter(family=family).count() == 1
        assert invoices.filter(status=Invoice.STATUS_PARTLY_PAID).count() == 1
