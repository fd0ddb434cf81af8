"""The demo of « Les Colos du Vercors »: a summer of stays, an open campaign and wishes in
every state, installed once however often ``make demo`` runs."""

from datetime import date

import pytest

from core.catalog.models import Opening
from core.tenancy.context import structure_today
from modules.sejours.demo import install_demo
from modules.sejours.demo_stays import summer_year
from modules.sejours.models import AllocationRun, Campaign, Stay, Wish
from modules.sejours.services.places import places_left

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def test_demo_installs_an_open_campaign_and_wishes_in_every_state(family):
    # The summer families apply for: this one until May, then the next.
    assert summer_year(date(2027, 3, 1)) == 2027
    assert summer_year(date(2026, 12, 7)) == 2027
    install_demo(families=[family])
    install_demo(families=[family])  # make demo runs it every time

    campaign = Campaign.objects.get(label__startswith="Colos de l'été")
    assert campaign.is_open()
    stays = list(Stay.objects.filter(campaign=campaign).select_related("activity"))
    assert len(stays) >= 6
    assert all(s.campaign == campaign for s in stays)
    assert {s.activity.start_date.year for s in stays} == {structure_today().year}
    assert {s.activity.start_date.month for s in stays} <= {7, 8}
    assert {(s.activity.min_age, s.activity.max_age) for s in stays} >= {
        (6, 8),
        (8, 11),
        (11, 14),
        (14, 17),
    }
    assert {s.price_method for s in stays} == {"flat", "quotient", "per_day"}
    assert any(
        s.abroad and s.document_types.filter(default_key="sejours.sortie_territoire") for s in stays
    )
    assert any(
        s.nautical and s.document_types.filter(default_key="sejours.aisance_aquatique")
        for s in stays
    )
    assert all(Opening.objects.filter(unit__activity=s.activity).count() == s.days for s in stays)

    statuses = set(Wish.objects.values_list("status", flat=True))
    assert statuses >= {"pending", "offered", "accepted", "waitlisted", "refused"}
    assert Wish.objects.filter(status="refused").exclude(reason="").exists()
    assert Wish.objects.filter(status="waitlisted", waitlist_position=1).exists()
    accepted = Wish.objects.filter(status="accepted")
    assert accepted.exclude(deposit_invoice=None).exists()

    # Counters are the reservations: the ranch is nearly full.
    ranch = Stay.objects.get(activity__name="Poneys au ranch")
    held = Wish.objects.filter(stay=ranch, status__in=Wish.HOLDS_PLACE).count()
    assert places_left([ranch])[ranch.pk] == ranch.capacity - held == 1

    # A campaign whose wishes closed yesterday, with a proposal to publish.
    closed = Campaign.objects.get(label__startswith="Mini-séjours")
    assert not closed.is_open() and closed.status == Campaign.STATUS_PREPARING
    run = closed.runs.get()
    assert run.published_at is None and run.decisions
    assert AllocationRun.objects.count() == 1  # installed once

    mine = Wish.objects.filter(child__family=family, campaign=campaign)
    assert set(mine.values_list("status", flat=True)) == {"offered", "pending"}
