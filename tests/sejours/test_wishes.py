"""Préinscription: during the campaign's window a family ranks, per child, the stays it wishes;
the server re-checks the window, the ownership, the ages, the max, the duplicates, the
departure and « partir avec »; each refusal is a French message and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.families.models import Child, Family
from modules.sejours.models import Wish
from tests.support.clients import JSON, logged, new_client
from tests.support.factories import make_family
from tests.support.sejours import make_campaign, make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


@pytest.fixture
def campaign(alpha):
    return make_campaign(max_wishes=3)


@pytest.fixture
def stays(campaign):
    return [
        make_stay(name="Montagne", campaign=campaign, start=date(2027, 7, 3)),
        make_stay(name="Mer", campaign=campaign, start=date(2027, 7, 12)),
        make_stay(name="Ferme", campaign=campaign, start=date(2027, 7, 20)),
        make_stay(name="Ados", campaign=campaign, min_age=12, max_age=15),
    ]


def url(child, wish=None) -> str:
    base = f"/api/v1/sejours/children/{child.pk}/wishes/"
    return f"{base}{wish.pk}" if wish else base


def wish(stay, **fields) -> dict:
    return {"stay": stay.pk, "transport": stay.transports.first().pk, **fields}


def put(client, child, *wishes):
    return client.put(url(child), {"wishes": list(wishes)}, content_type=JSON)


def live(child) -> list[tuple[int, str]]:
    return list(
        Wish.objects.filter(child=child, status__in=Wish.LIVE)
        .order_by("rank")
        .values_list("rank", "stay__activity__name")
    )


def test_a_parent_sees_the_stays_open_to_the_child_and_ranks_wishes(family, parent, stays):
    child = family.children.get()
    body = parent.get(url(child)).json()
    assert [s["title"] for s in body["stays"]] == ["Montagne", "Mer", "Ferme"]
    assert body["can_edit"] is True and body["campaign"]["max_wishes"] == 3

    response = put(parent, child, wish(stays[1], comment="Premier séjour"), wish(stays[0]))

    assert response.status_code == 200, response.content
    assert live(child) == [(1, "Mer"), (2, "Montagne")]
    first = response.json()["wishes"][0]
    assert (first["status"], first["comment"], first["transport_city"]) == (
        "pending",
        "Premier séjour",
        "Grenoble",
    )
    assert first["status_label"] == "En attente de la commission"


def test_re_ranking_keeps_the_wish_and_its_date_and_withdraws_the_left_out(
    family, parent, stays, clock
):
    child = family.children.get()
    put(parent, child, wish(stays[0]), wish(stays[1]), wish(stays[2]))
    first = Wish.objects.get(child=child, stay=stays[0])

    clock.shift(minutes=30)
    response = put(parent, child, wish(stays[2]), wish(stays[0]))

    assert response.status_code == 200, response.content
    assert live(child) == [(1, "Ferme"), (2, "Montagne")]
    kept = Wish.objects.get(pk=first.pk)
    assert kept.rank == 2 and kept.created_at == first.created_at
    assert Wish.objects.get(child=child, stay=stays[1]).status == Wish.STATUS_WITHDRAWN

    # Taking a withdrawn stay back is a new wish.
    assert put(parent, child, wish(stays[1])).status_code == 200
    assert live(child) == [(1, "Mer")]


@pytest.mark.parametrize(
    "case, message",
    [
        ("too_many", "3 vœux au plus par enfant."),
        ("duplicate", "Vœu 2 : « Montagne » est déjà choisi dans un vœu précédent."),
        ("age", "aura 7 ans au départ de « Ados », séjour pour les enfants de 12 à 15 ans."),
        ("transport", "Vœu 1 : ce départ n'est pas proposé pour « Montagne »."),
        ("no_transport", "Vœu 1 : choisissez la ville de départ pour « Montagne »."),
        ("not_sibling", "« partir avec » se choisit parmi les frères et sœurs"),
        ("other_campaign", "Vœu 1 : ce séjour ne fait pas partie de « Été »."),
    ],
)
def test_each_refusal_is_french_and_writes_nothing(family, parent, stays, case, message):
    child = family.children.get()
    put(parent, child, wish(stays[2]))
    other_family, _ = make_family()
    outside = make_stay(name="Hors campagne")
    bodies = {
        "too_many": [wish(s) for s in stays[:3]] + [wish(make_stay(campaign=stays[0].campaign))],
        "duplicate": [wish(stays[0]), wish(stays[0])],
        "age": [wish(stays[3])],
        "transport": [wish(stays[0], transport=stays[1].transports.first().pk)],
        "no_transport": [{"stay": stays[0].pk}],
        "not_sibling": [wish(stays[0], together_with=other_family.children.get().pk)],
        "other_campaign": [wish(outside)],
    }

    response = put(parent, child, *bodies[case])

    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()["wishes"])
    assert live(child) == [(1, "Ferme")]


def test_siblings_may_go_together(alpha, stays):
    family, user = make_family(children=2)
    client = logged("alpha.localhost", user.email)
    older, younger = family.children.order_by("first_name")
    response = put(client, older, wish(stays[0], together_with=younger.pk, friend_name="Zoé"))
    assert response.status_code == 200, response.content
    saved = Wish.objects.get(child=older)
    assert (saved.together_with_id, saved.friend_name) == (younger.pk, "Zoé")
    assert [s["id"] for s in response.json()["siblings"]] == [younger.pk]


def test_nothing_can_change_outside_the_window(family, parent, stays, campaign):
    child = family.children.get()
    put(parent, child, wish(stays[0]), wish(stays[1]))
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save(update_fields=["closes_at"])

    response = put(parent, child, wish(stays[2]))
    assert response.status_code == 400
    assert response.json()["code"] == "campaign_closed"
    first = Wish.objects.get(child=child, rank=1)
    assert parent.delete(url(child, first)).json()["code"] == "campaign_closed"
    assert parent.get(url(child)).json()["can_edit"] is False
    assert live(child) == [(1, "Montagne"), (2, "Mer")]


def test_the_window_is_told_in_the_structures_time_zone(family, stays, campaign):
    from django.db import connection

    from modules.sejours.services.wishes import WishInput, WishRefused, save_wishes

    campaign.closes_at = timezone.now() - timedelta(minutes=1)  # 01/03/2027 09:59 in Paris
    campaign.save(update_fields=["closes_at"])
    tenant = connection.tenant
    previous = tenant.time_zone
    tenant.time_zone = "America/Cayenne"  # 4 hours behind Paris in winter
    try:
        with pytest.raises(WishRefused) as error:
            save_wishes(
                family=family,
                child=family.children.get(),
                wishes=[WishInput(stay_id=stays[0].pk)],
                by=None,
            )
    finally:
        tenant.time_zone = previous

    assert "au 01/03/2027 à 05:59" in str(error.value)


def test_withdrawing_a_wish_moves_the_next_ones_up(family, parent, stays):
    child = family.children.get()
    put(parent, child, wish(stays[0]), wish(stays[1]), wish(stays[2]))
    first = Wish.objects.get(child=child, rank=1)

    response = parent.delete(url(child, first))

    assert response.status_code == 200, response.content
    assert live(child) == [(1, "Mer"), (2, "Ferme")]
    assert Wish.objects.get(pk=first.pk).status == Wish.STATUS_WITHDRAWN


def test_a_decided_wish_cannot_be_replaced_or_withdrawn(family, parent, stays):
    child = family.children.get()
    decided = make_wish(child=child, stay=stays[0], status=Wish.STATUS_WAITLISTED)

    assert put(parent, child, wish(stays[1])).json()["code"] == "wishes_decided"
    assert parent.delete(url(child, decided)).json()["code"] == "wish_not_pending"


def test_a_family_awaiting_validation_cannot_wish_yet(family, parent, stays):
    Family.objects.filter(pk=family.pk).update(status=Family.STATUS_AWAITING_VALIDATION)
    response = put(parent, family.children.get(), wish(stays[0]))
    assert response.json()["code"] == "family_not_validated"


def test_another_familys_child_or_wish_is_a_404(family, parent, stays):
    other, _ = make_family()
    theirs = other.children.get()
    their_wish = make_wish(child=theirs, stay=stays[0])
    mine = family.children.get()

    assert parent.get(url(theirs)).status_code == 404
    assert put(parent, theirs, wish(stays[0])).status_code == 404
    assert parent.delete(url(theirs, their_wish)).status_code == 404
    assert parent.delete(url(mine, their_wish)).status_code == 404
    assert Wish.objects.get(pk=their_wish.pk).status == Wish.STATUS_PENDING


def test_anonymous_and_staff_are_refused(family, staff, stays):
    child = family.children.get()
    assert new_client().get(url(child)).status_code in (401, 403)
    assert new_client().get("/api/v1/sejours/campaign/").status_code in (401, 403)
    assert staff.get(url(child)).status_code == 403


def test_the_campaign_endpoint_gives_the_open_one_or_the_latest(family, parent, campaign):
    assert parent.get("/api/v1/sejours/campaign/").json()["campaign"]["id"] == campaign.pk
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save(update_fields=["closes_at"])
    body = parent.get("/api/v1/sejours/campaign/").json()["campaign"]
    assert (body["id"], body["is_open"]) == (campaign.pk, False)


def test_saving_the_same_list_again_changes_nothing(family, stays):
    from modules.sejours.services.wishes import WishInput, save_wishes

    child = Child.objects.get(family=family)
    transport = stays[0].transports.first().pk
    first = save_wishes(
        family=family, child=child, wishes=[WishInput(stays[0].pk, transport)], by=family.parent
    )
    again = save_wishes(
        family=family, child=child, wishes=[WishInput(stays[0].pk, transport)], by=family.parent
    )
    assert [w.pk for w in again] == [w.pk for w in first]
    assert live(child) == [(1, "Montagne")]
