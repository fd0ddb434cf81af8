"""The proposal reads a campaign in the same number of queries whatever its size."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.families.models import Child, Family, QuotientDeclaration
from modules.sejours.models import Wish
from modules.sejours.services.commission import build_inputs, run_proposal
from tests.support.sejours import make_campaign, make_stay

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

MAX_QUERIES = 16


def seed_campaign(*, children: int, stays: int, offset: int):
    # Wishes closed a day ago: the commission's time.
    opens = timezone.now() - timedelta(days=31)
    campaign = make_campaign(label=f"Campagne {offset}", opens=opens, days_open=30)
    stay_rows = [
        make_stay(
            name=f"Séjour {offset}-{i}", capacity=max(1, children // (stays * 2)), campaign=campaign
        )
        for i in range(stays)
    ]
    families = Family.objects.bulk_create(
        Family(number=500000 + offset + i, name=f"Famille {i}", postal_code="69001")
        for i in range(children)
    )
    QuotientDeclaration.objects.bulk_create(
        QuotientDeclaration(
            family=f, value=200 + 37 * i % 1400, valid_from=date(2026, 1, 1), status="accepted"
        )
        for i, f in enumerate(families)
    )
    kids = Child.objects.bulk_create(
        Child(family=f, first_name="Enfant", last_name=f.name, birth_date=date(2018, 5, 4))
        for f in families
    )
    now = timezone.now()
    Wish.objects.bulk_create(
        Wish(
            campaign=campaign,
            family_id=k.family_id,
            child=k,
            stay=stay_rows[(i + rank) % stays],
            rank=rank,
            created_at=now - timedelta(minutes=i),
        )
        for i, k in enumerate(kids)
        for rank in (1, 2, 3)
    )
    return campaign


def count_queries(func) -> int:
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries.captured_queries)


def test_proposal_queries_do_not_grow_with_the_campaign(alpha, django_assert_max_num_queries):
    small = seed_campaign(children=6, stays=3, offset=0)
    large = seed_campaign(children=120, stays=6, offset=1000)
    run_proposal(campaign=small, by=None, seed=1)  # settings rows created once

    small_count = count_queries(lambda: run_proposal(campaign=small, by=None, seed=1))
    large_count = count_queries(lambda: run_proposal(campaign=large, by=None, seed=1))

    assert small_count == large_count
    with django_assert_max_num_queries(MAX_QUERIES):
        run = run_proposal(campaign=large, by=None, seed=2)
    assert run.summary["wishes"] == 360
    assert sum(len(s["placed"]) for s in run.summary["stays"].values()) == 60


def test_inputs_read_in_a_bounded_number_of_queries(alpha, django_assert_max_num_queries):
    campaign = seed_campaign(children=40, stays=4, offset=2000)
    build_inputs(campaign=campaign)

    with django_assert_max_num_queries(MAX_QUERIES - 1):
        inputs = build_inputs(campaign=campaign)
    assert len(inputs["children"]) == 40
    assert all(c.quotient_band is not None for c in inputs["children"])
