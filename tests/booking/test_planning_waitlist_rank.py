"""A waitlisted day says its rank on the opening's waiting list (« Liste d'attente (2e) »), in
the order promotion gives freed places, and the ranks move up when someone ahead leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.booking.models import Reservation
from core.catalog.models import Opening
from tests.support.booking import add, enrol, make_activity, next_weekdays
from tests.support.clients import HOST, logged
from tests.support.factories import make_family


def family_client(alpha, children: int = 1):
    family, user = make_family(tenant=alpha, children=children)
    client = logged(HOST, user.email)
    client.children = list(family.children.order_by("pk"))
    return client


def checkout(client, *changes) -> list[str]:
    add(client, *changes)
    response = client.post("/api/v1/booking/cart/checkout/")
    assert response.status_code == 200, response.content
    return [line["state"] for line in response.json()["done"]]


def cell(client, opening: Opening, child=None) -> dict:
    child = child or client.children[0]
    planning = client.get(f"/api/v1/booking/planning/?month={opening.date:%Y-%m}").json()
    [block] = next(c for c in planning["children"] if c["child_id"] == child.pk)["activities"]
    row = next(r for r in block["rows"] if r["unit"]["id"] == opening.unit_id)
    return next(c for c in row["cells"] if c["date"] == opening.date.isoformat())


@pytest.mark.frozen_at("2026-11-16 10:00")
def test_three_families_on_a_full_opening_see_ranks_1_2_3_that_move_up(alpha, clock):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day], capacity=1)
    opening = Opening.objects.get(unit__activity=activity)
    holder, first, second, third = (family_client(alpha) for _ in range(4))
    for client in (holder, first, second, third):
        enrol(client.children[0], activity)
    assert checkout(holder, (holder.children[0].pk, opening.pk, "book")) == ["confirmed"]
    for client in (first, second, third):
        clock.shift(minutes=5)
        assert checkout(client, (client.children[0].pk, opening.pk, "book")) == ["waitlisted"]

    holding = cell(holder, opening)
    assert (holding["status"], holding["waitlist_rank"]) == ("confirmed", None)
    for rank, client in enumerate((first, second, third), start=1):
        waiting = cell(client, opening)
        assert (waiting["status"], waiting["waitlist_rank"]) == ("waitlisted", rank)

    # The holder cancels: the place goes to rank 1, the others move up.
    assert checkout(holder, (holder.children[0].pk, opening.pk, "cancel")) == ["cancelled"]
    assert cell(first, opening)["status"] == "confirmed"
    assert cell(first, opening)["waitlist_rank"] is None
    assert cell(second, opening)["waitlist_rank"] == 1
    assert cell(third, opening)["waitlist_rank"] == 2

    # Rank 1 withdraws from the list: rank 2 is next.
    assert checkout(second, (second.children[0].pk, opening.pk, "cancel")) == ["cancelled"]
    assert cell(second, opening)["waitlist_rank"] is None
    assert cell(third, opening)["waitlist_rank"] == 1


@pytest.mark.frozen_at("2026-11-16 10:00")
def test_the_rank_follows_the_promotion_order_arrival_on_the_list_not_the_id(alpha, clock):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day], capacity=1)
    opening = Opening.objects.get(unit__activity=activity)
    holder, early, late = (family_client(alpha) for _ in range(3))
    for client in (holder, early, late):
        enrol(client.children[0], activity)
    checkout(holder, (holder.children[0].pk, opening.pk, "book"))
    checkout(early, (early.children[0].pk, opening.pk, "book"))
    checkout(late, (late.children[0].pk, opening.pk, "book"))
    # The first request came onto the list after the second (as when a request is put back on
    # the list): promotion serves the one waiting longest, and so does the rank.
    Reservation.objects.filter(child=early.children[0]).update(
        waitlisted_at=clock.now + timedelta(hours=1)
    )
    assert cell(late, opening)["waitlist_rank"] == 1
    assert cell(early, opening)["waitlist_rank"] == 2

    checkout(holder, (holder.children[0].pk, opening.pk, "cancel"))
    assert Reservation.objects.get(child=late.children[0]).state == Reservation.CONFIRMED
    assert cell(early, opening)["waitlist_rank"] == 1


@pytest.mark.frozen_at("2026-11-16 10:00")
def test_the_ranks_of_a_month_of_waiting_lists_take_one_query(
    alpha, clock, django_assert_max_num_queries
):
    days = next_weekdays(12)
    activity = make_activity(days=days, capacity=1)
    openings = list(Opening.objects.filter(unit__activity=activity).order_by("pk"))
    others = [family_client(alpha) for _ in range(2)]
    family = family_client(alpha, children=2)
    for client in (*others, family):
        for child in client.children:
            enrol(child, activity)
    for client in others:  # the places, then a first one waiting, everywhere
        assert (
            len(checkout(client, *[(client.children[0].pk, o.pk, "book") for o in openings])) == 12
        )
    for child in family.children:
        clock.shift(minutes=1)
        states = checkout(family, *[(child.pk, o.pk, "book") for o in openings])
        assert states == ["waitlisted"] * len(openings)

    month = days[0].strftime("%Y-%m")
    family.get(f"/api/v1/booking/planning/?month={month}")  # warm the configuration cache
    with django_assert_max_num_queries(10):
        response = family.get(f"/api/v1/booking/planning/?month={month}")
    assert response.status_code == 200
    ranks = {
        (child["child_id"], cell["date"], row["unit"]["id"]): cell["waitlist_rank"]
        for child in response.json()["children"]
        for block in child["activities"]
        for row in block["rows"]
        for cell in row["cells"]
        if cell["status"] == "waitlisted"
    }
    first, second = family.children
    in_month = [o for o in openings if o.date.month == days[0].month]
    assert len(ranks) == 2 * len(in_month)
    for o in in_month:
        assert ranks[(first.pk, o.date.isoformat(), o.unit_id)] == 2
        assert ranks[(second.pk, o.date.isoformat(), o.unit_id)] == 3
