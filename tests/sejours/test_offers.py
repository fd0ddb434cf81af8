"""After the commission: a place offered is accepted or declined by the family before its
deadline; past it, the place goes to the next wish on the waiting list, once."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django_tenants.utils import tenant_context

from core.billing.models import Invoice
from core.booking.models import Reservation
from modules.sejours.models import Wish
from modules.sejours.services import offers
from modules.sejours.services.places import offer, places_left
from tests.support.clients import logged
from tests.support.factories import make_family
from tests.support.sejours import make_campaign, make_stay, make_wish
from tests.support.sejours_money import net_invoiced

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


def waitlisted(stay, position, rank=1):
    other, _ = make_family(first_name=f"Attente{position}")
    return make_wish(
        child=other.children.get(),
        stay=stay,
        rank=rank,
        status=Wish.STATUS_WAITLISTED,
        waitlist_position=position,
    )


@pytest.fixture
def place(family):
    """A one-place stay offered to the family's child, with two wishes waiting behind."""
    stay = make_stay(capacity=1, days=3)
    wish = offer(wish=make_wish(child=family.children.get(), stay=stay), by=None, accept_days=8)
    return wish


def test_accepting_before_the_deadline_confirms_and_invoices_the_deposit(family, place):
    accepted = offers.accept_offer(wish=place, by=family.parent)

    place.refresh_from_db()
    assert place.status == Wish.STATUS_ACCEPTED
    assert place.accepted_by == family.parent and place.accepted_at is not None
    assert place.price is not None
    assert accepted.pk == place.pk
    invoice = Invoice.objects.get(pk=place.deposit_invoice_id)
    assert invoice.family_id == family.pk and invoice.total > 0


def test_accepting_on_the_deadline_day_is_still_on_time(family, place, clock):
    clock.move_to(place.accept_by)

    offers.accept_offer(wish=place, by=family.parent)

    place.refresh_from_db()
    assert place.status == Wish.STATUS_ACCEPTED


def test_accepting_after_the_deadline_is_refused(family, place, clock):
    clock.move_to(place.accept_by + timedelta(days=1))

    with pytest.raises(offers.OfferClosed, match="délai"):
        offers.accept_offer(wish=place, by=family.parent)

    place.refresh_from_db()
    assert place.status == Wish.STATUS_OFFERED


def test_a_place_is_accepted_only_once(family, place):
    offers.accept_offer(wish=place, by=family.parent)
    with pytest.raises(offers.OfferClosed):
        offers.accept_offer(wish=place, by=family.parent)
    assert Invoice.objects.filter(family=family).count() == 1


def test_declining_gives_the_place_to_the_first_on_the_waiting_list(
    family, place, django_capture_on_commit_callbacks
):
    second = waitlisted(place.stay, 2)
    first = waitlisted(place.stay, 1)

    with django_capture_on_commit_callbacks(execute=True):
        offers.decline_offer(wish=place, by=family.parent)

    place.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert place.status == Wish.STATUS_DECLINED
    assert not Reservation.objects.filter(child=place.child, state__in=Reservation.HOLDING).exists()
    assert first.status == Wish.STATUS_OFFERED and first.accept_by is not None
    assert second.status == Wish.STATUS_WAITLISTED and second.waitlist_position == 1
    assert places_left([place.stay]) == {place.stay.pk: 0}
    [message] = mail.outbox
    assert "Une place s'est libérée" in message.subject
    assert f"/mes-sejours/places/{first.pk}" in message.body


def test_a_declined_place_cannot_be_accepted_afterwards(family, place):
    offers.decline_offer(wish=place, by=family.parent)
    with pytest.raises(offers.OfferClosed):
        offers.accept_offer(wish=place, by=family.parent)


def test_offer_next_leaves_the_waiting_list_alone_when_the_stay_is_full(place):
    behind = waitlisted(place.stay, 1)

    assert offers.offer_next(stay=place.stay, by=None) is None

    behind.refresh_from_db()
    assert behind.status == Wish.STATUS_WAITLISTED and behind.waitlist_position == 1


def test_an_offer_past_its_deadline_expires_and_goes_to_the_next(
    place, clock, django_capture_on_commit_callbacks
):
    behind = waitlisted(place.stay, 1)
    clock.move_to(place.accept_by + timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert offers.expire_offers() == 1

    place.refresh_from_db()
    behind.refresh_from_db()
    assert place.status == Wish.STATUS_EXPIRED
    assert behind.status == Wish.STATUS_OFFERED
    assert behind.accept_by == place.accept_by + timedelta(days=1 + 8)
    expired, offered = mail.outbox
    assert "Place non confirmée" in expired.subject
    assert "Une place s'est libérée" in offered.subject


def test_expiring_twice_changes_nothing_the_second_time(place, clock):
    behind = waitlisted(place.stay, 1)
    clock.move_to(place.accept_by + timedelta(days=1))
    offers.expire_offers()
    behind.refresh_from_db()
    offered_at = behind.offered_at

    assert offers.expire_offers() == 0

    behind.refresh_from_db()
    assert behind.status == Wish.STATUS_OFFERED and behind.offered_at == offered_at
    assert places_left([place.stay]) == {place.stay.pk: 0}


def test_an_offer_on_its_deadline_day_does_not_expire(place, clock):
    clock.move_to(place.accept_by)

    assert offers.expire_offers() == 0

    place.refresh_from_db()
    assert place.status == Wish.STATUS_OFFERED


def test_accepting_a_better_wish_frees_the_other_place_only_offered(family):
    child = family.children.get()
    campaign = make_campaign(max_stays_per_child=1)
    first_choice = make_stay(name="Mer", capacity=1, campaign=campaign)
    second_choice = make_stay(name="Montagne", capacity=1, campaign=campaign)
    better = offer(wish=make_wish(child=child, stay=first_choice, rank=1), by=None)
    worse = offer(wish=make_wish(child=child, stay=second_choice, rank=2), by=None)
    behind = waitlisted(second_choice, 1)

    offers.accept_offer(wish=better, by=family.parent)

    worse.refresh_from_db()
    behind.refresh_from_db()
    assert worse.status == Wish.STATUS_DECLINED
    assert behind.status == Wish.STATUS_OFFERED


def test_accepting_a_better_wish_swaps_the_accepted_place_with_a_full_refund(
    family, parent, django_capture_on_commit_callbacks
):
    child = family.children.get()
    campaign = make_campaign(max_stays_per_child=1)
    sea = make_stay(name="Mer", capacity=1, campaign=campaign)
    mountain = make_stay(name="Montagne", capacity=1, campaign=campaign)
    other, _ = make_family(first_name="Occupant")
    holder = offer(wish=make_wish(child=other.children.get(), stay=sea), by=None)
    # Placed on vœu 2 and kept on vœu 1's waiting list.
    better = make_wish(
        child=child, stay=sea, rank=1, status=Wish.STATUS_WAITLISTED, waitlist_position=1
    )
    worse = offer(wish=make_wish(child=child, stay=mountain, rank=2), by=None)
    offers.accept_offer(wish=worse, by=family.parent)
    worse.refresh_from_db()
    assert net_invoiced(worse) > 0
    behind = waitlisted(mountain, 1)
    offers.decline_offer(wish=holder, by=None)
    better.refresh_from_db()
    assert better.status == Wish.STATUS_OFFERED
    # The family is told before it confirms.
    assert parent.get(f"/api/v1/sejours/places/{better.pk}/").json()["swaps"] == ["Montagne"]

    with django_capture_on_commit_callbacks(execute=True):
        offers.accept_offer(wish=better, by=family.parent)

    better.refresh_from_db()
    worse.refresh_from_db()
    behind.refresh_from_db()
    assert better.status == Wish.STATUS_ACCEPTED and better.deposit_invoice_id is not None
    assert worse.status == Wish.STATUS_CANCELLED and not worse.cancel_medical
    assert "vœu n° 1" in worse.cancel_reason
    assert net_invoiced(worse) == Decimal("0.00")
    assert Wish.objects.filter(child=child, status__in=Wish.HOLDS_PLACE).get() == better
    held = Reservation.objects.filter(child=child, state__in=Reservation.HOLDING)
    assert set(held.values_list("unit__activity_id", flat=True)) == {sea.activity_id}
    assert behind.status == Wish.STATUS_OFFERED


def test_accepting_a_worse_wish_never_cancels_a_better_accepted_place(family):
    child = family.children.get()
    campaign = make_campaign(max_stays_per_child=1)
    sea = make_stay(name="Mer", capacity=1, campaign=campaign)
    mountain = make_stay(name="Montagne", capacity=1, campaign=campaign)
    better = offer(wish=make_wish(child=child, stay=sea, rank=1), by=None)
    offers.accept_offer(wish=better, by=family.parent)
    worse = offer(wish=make_wish(child=child, stay=mountain, rank=2), by=None)

    with pytest.raises(offers.OfferClosed) as refused:
        offers.accept_offer(wish=worse, by=family.parent)

    assert refused.value.code == "max_stays_reached"
    better.refresh_from_db()
    worse.refresh_from_db()
    assert better.status == Wish.STATUS_ACCEPTED
    assert worse.status == Wish.STATUS_OFFERED and worse.deposit_invoice_id is None


def test_a_place_freed_on_a_stay_already_started_is_offered_to_nobody(family):
    stay = make_stay(start=date(2027, 3, 1), capacity=2)
    behind = waitlisted(stay, 1)

    assert offers.offer_next(stay=stay, by=None) is None

    behind.refresh_from_db()
    assert behind.status == Wish.STATUS_WAITLISTED and behind.waitlist_position == 1


def test_a_place_freed_on_the_eve_of_departure_must_be_answered_today(family):
    stay = make_stay(start=date(2027, 3, 2), capacity=2)
    behind = waitlisted(stay, 1)

    offered = offers.offer_next(stay=stay, by=None)

    assert offered.pk == behind.pk
    behind.refresh_from_db()
    assert behind.status == Wish.STATUS_OFFERED and behind.accept_by == date(2027, 3, 1)


# --- The parent's API ---------------------------------------------------------------------

API = "/api/v1/sejours/places/"


def test_my_stays_lists_each_child_with_its_wishes_and_answers(family, parent, place):
    waiting = make_stay(name="Mer")
    make_wish(
        child=place.child,
        stay=waiting,
        rank=2,
        status=Wish.STATUS_WAITLISTED,
        waitlist_position=3,
    )

    data = parent.get(API).json()

    [child] = data["children"]
    assert child["id"] == place.child_id
    by_status = {p["status"]: p for p in child["places"]}
    assert by_status["offered"]["accept_by"] == place.accept_by.isoformat()
    assert by_status["offered"]["can_answer"] is True
    assert by_status["offered"]["contract_url"].endswith(f"/places/{place.pk}/contract.pdf")
    assert by_status["offered"]["convocation_url"] is None
    assert by_status["waitlisted"]["waitlist_position"] == 3
    assert by_status["waitlisted"]["contract_url"] is None


def test_the_parent_accepts_the_place_online(family, parent, place):
    response = parent.post(f"{API}{place.pk}/accept")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "accepted"
    assert body["deposit_invoice"]["number"]
    assert body["convocation_url"].endswith("/convocation.pdf")


def test_accepting_late_answers_a_clear_conflict(family, place, clock):
    clock.move_to(place.accept_by + timedelta(days=1))
    parent = logged("alpha.localhost", family.parent.email)

    response = parent.post(f"{API}{place.pk}/accept")

    assert response.status_code == 409
    assert "délai" in response.json()["detail"][0]


def test_the_parent_declines_the_place(parent, place):
    response = parent.post(f"{API}{place.pk}/decline")

    assert response.status_code == 200
    assert response.json()["status"] == "declined"


def test_another_familys_place_is_not_found_on_every_route(parent, alpha):
    other, _ = make_family(first_name="Autre")
    stay = make_stay(capacity=2)
    theirs = offer(wish=make_wish(child=other.children.get(), stay=stay), by=None)

    for suffix in ("", "contract.pdf", "convocation.pdf"):
        assert parent.get(f"{API}{theirs.pk}/{suffix}").status_code == 404
    for action in ("accept", "decline"):
        assert parent.post(f"{API}{theirs.pk}/{action}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Wish.STATUS_OFFERED
    assert all(c["places"] == [] for c in parent.get(API).json()["children"])


def test_anonymous_gets_nothing(alpha_client, place):
    assert alpha_client.get(API).status_code in (401, 403)
    assert alpha_client.post(f"{API}{place.pk}/accept").status_code in (401, 403)
    assert alpha_client.get(f"{API}{place.pk}/contract.pdf").status_code in (401, 403)


def test_a_family_of_the_other_structure_never_reaches_alphas_places(alpha, beta, place):
    with tenant_context(beta):
        _, user = make_family(tenant=beta, first_name="Beta")
    try:
        client = logged("beta.localhost", user.email)
        assert client.get(API).json()["children"][0]["places"] == []
        for suffix in ("", "contract.pdf"):
            assert client.get(f"{API}{place.pk}/{suffix}").status_code == 404
        assert client.post(f"{API}{place.pk}/accept").status_code == 404
    finally:
        connection.set_tenant(alpha)
    place.refresh_from_db()
    assert place.status == Wish.STATUS_OFFERED
