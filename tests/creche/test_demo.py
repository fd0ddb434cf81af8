"""The demo of « Les Petits Pas »: the multi-accueil of Enfance Val de Brenne with contracts
covering the PSU's telling cases, a month of pointage, a pending request and last month billed,
installed once however often ``make demo`` runs."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Count, F, Q

from core.billing.models import InvoiceLine, InvoiceRun
from core.booking.models import Reservation
from core.catalog.models import Opening
from modules.creche.demo import install_demo
from modules.creche.models import Absence, Contract, Establishment, PlaceRequest, Presence

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def test_demo_installs_les_petits_pas_with_contracts_attendance_and_a_billed_month(family):
    install_demo(families=[family])
    install_demo(families=[family])  # make demo runs it every time

    establishment = Establishment.objects.get(name="Les Petits Pas")
    assert establishment.agrement == 24
    assert [s.name for s in establishment.sections.all()] == ["Bébés", "Moyens", "Grands"]
    assert sorted(b.places for b in establishment.capacity_bands.all()) == [12, 12, 24]
    # 12 places before 8:30, 24 in the day, on a Monday.
    day = {
        o.unit.start_time.strftime("%H:%M"): o.capacity
        for o in Opening.objects.filter(
            unit__activity=establishment.activity, date=date(2027, 3, 8)
        ).select_related("unit")
    }
    assert day["07:30"] == 12 and day["10:00"] == 24 and day["18:00"] == 12

    contracts = list(Contract.objects.filter(establishment=establishment).prefetch_related("terms"))
    assert len(contracts) == 3 and {c.state for c in contracts} == {Contract.SIGNED}
    assert all(c.start_date == date(2027, 2, 1) for c in contracts)
    terms = {c.child.first_name: c.terms.get(number=0) for c in contracts}
    assert terms["Jules"].contract.family == family
    assert terms["Inès"].aeeh_children == 1
    assert any("AEEH" in step for step in terms["Inès"].rate_steps)
    # Above the ceiling: 8 500 € × 0,0619 % = 5,26 € an hour.
    assert terms["Gabriel"].hourly_rate == Decimal("5.26")
    assert any("plafond retenu" in step for step in terms["Gabriel"].rate_steps)

    # The places held are the reservations (counters equal to the holding reservations).
    held = Reservation.objects.filter(
        unit__activity=establishment.activity, state__in=Reservation.HOLDING
    )
    assert held.exists()
    mismatched = (
        Opening.objects.filter(unit__activity=establishment.activity)
        .annotate(n=Count("reservations", filter=Q(reservations__state__in=Reservation.HOLDING)))
        .exclude(booked=F("n"))
    )
    assert not mismatched.exists()

    assert Presence.objects.filter(date__month=2).count() >= 30
    illness = Absence.objects.get()
    assert illness.kind == "illness" and illness.state == Absence.QUALIFIED
    assert PlaceRequest.objects.filter(state=PlaceRequest.SUBMITTED, child=None).count() == 1

    run = InvoiceRun.objects.get(label__startswith="Crèche")
    assert run.status == InvoiceRun.STATUS_PUBLISHED
    assert (run.period_start, run.period_end) == (date(2027, 2, 1), date(2027, 2, 28))
    lines = InvoiceLine.objects.filter(invoice__run=run, source_module="creche")
    assert lines.filter(invoice__family=family).exists()
    assert lines.values("invoice__family").distinct().count() == 3
