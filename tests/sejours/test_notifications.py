"""The séjours e-mails: one per family, each decision told once, no health data, a link to
the portal."""

from datetime import date

import pytest
from django.core import mail

from modules.sejours.models import Wish
from modules.sejours.services.notifications import (
    notify_expired,
    notify_offer,
    notify_stay_cancelled,
    send_convocations,
    send_decisions,
    send_due_convocations,
)
from modules.sejours.services.places import offer
from tests.support.factories import make_family
from tests.support.sejours import make_stay, make_wish

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]


@pytest.fixture
def siblings(alpha):
    family, _ = make_family(tenant=alpha, children=2)
    first, second = family.children.order_by("pk")
    first.health_notes = "Allergie aux arachides"
    first.save(update_fields=["health_notes"])
    return family, first, second


def test_one_email_per_family_lists_every_decision_once(
    siblings, django_capture_on_commit_callbacks
):
    family, first, second = siblings
    sea, mountain = make_stay(name="Mer"), make_stay(name="Montagne")
    given = offer(wish=make_wish(child=first, stay=sea), by=None)
    waiting = make_wish(
        child=first, stay=mountain, rank=2, status=Wish.STATUS_WAITLISTED, waitlist_position=4
    )
    refused = make_wish(
        child=second, stay=sea, status=Wish.STATUS_REFUSED, reason="Âge hors tranche"
    )
    ids = [given.pk, waiting.pk, refused.pk]

    with django_capture_on_commit_callbacks(execute=True):
        assert send_decisions(wish_ids=ids) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_decisions(wish_ids=ids) == 0

    [message] = mail.outbox
    body = message.body
    assert "place attribuée (vœu n° 1), à confirmer au plus tard le 09/03/2027" in body
    assert f"/mes-sejours/places/{given.pk}" in body
    assert "liste d'attente, rang 4" in body
    assert "refusée : Âge hors tranche" in body
    assert "arachides" not in body and "arachides" not in message.alternatives[0][0]
    assert Wish.objects.filter(pk__in=ids, decision_sent_at__isnull=False).count() == 3


def test_the_emails_give_the_deadline_as_the_last_day_to_answer(
    family, django_capture_on_commit_callbacks
):
    # The family may still accept ON ``accept_by``: « avant le » would tell them a day short.
    stay = make_stay(name="Mer")
    wish = offer(wish=make_wish(child=family.children.get(), stay=stay), by=None, accept_days=8)

    with django_capture_on_commit_callbacks(execute=True):
        send_decisions(wish_ids=[wish.pk])
        notify_offer(wish=wish)
        notify_expired(wish=wish)

    for message in mail.outbox:
        for text in (message.body, message.alternatives[0][0]):
            assert "avant le" not in text
            assert "au plus tard le" in text and "09/03/2027" in text


def test_a_pending_wish_is_not_told(family, django_capture_on_commit_callbacks):
    wish = make_wish(child=family.children.get(), stay=make_stay())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_decisions(wish_ids=[wish.pk]) == 0
    assert mail.outbox == []


def test_a_cancelled_stay_is_told_with_its_reason(family, django_capture_on_commit_callbacks):
    stay = make_stay(name="Voile", cancel_reason="Trop peu d'inscrits")
    wish = make_wish(child=family.children.get(), stay=stay, status=Wish.STATUS_CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        assert notify_stay_cancelled(wish_ids=[wish.pk]) == 1

    [message] = mail.outbox
    assert "Séjour annulé : Voile" in message.subject
    assert "Motif : Trop peu d'inscrits" in message.body


def test_convocations_go_once_to_confirmed_places_with_their_meeting(
    family, django_capture_on_commit_callbacks
):
    stay = make_stay(trousseau="Duvet\nLampe de poche", practical_info="Tél. du centre")
    lyon = stay.transports.get(city="Lyon")
    confirmed = make_wish(
        child=family.children.get(), stay=stay, transport=lyon, status=Wish.STATUS_ACCEPTED
    )
    other, _ = make_family(first_name="Offert")
    make_wish(child=other.children.get(), stay=stay, status=Wish.STATUS_OFFERED)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_convocations(stay=stay) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_convocations(stay=stay) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_convocations(stay=stay, again=True) == 1

    message = mail.outbox[0]
    assert "Gare de Lyon" in message.body and "08h00" in message.body
    assert "Duvet" in message.body and "Tél. du centre" in message.body
    assert "/mes-editions" in message.body
    confirmed.refresh_from_db()
    assert confirmed.convocation_sent_at is not None


def test_convocations_leave_a_week_before_departure(family, django_capture_on_commit_callbacks):
    soon = make_stay(name="Bientôt", start=date(2027, 3, 6))
    later = make_stay(name="Plus tard", start=date(2027, 4, 20))
    child = family.children.get()
    make_wish(child=child, stay=soon, status=Wish.STATUS_ACCEPTED)
    make_wish(child=child, stay=later, rank=2, status=Wish.STATUS_ACCEPTED)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_convocations(days_before=7) == 1
        assert send_due_convocations(days_before=7) == 0

    [message] = mail.outbox
    assert "Convocation : Bientôt" in message.subject


def test_staff_send_the_convocations_of_a_stay(family, staff, alpha_client, parent):
    stay = make_stay()
    make_wish(child=family.children.get(), stay=stay, status=Wish.STATUS_ACCEPTED)
    url = f"/api/v1/sejours/staff/stays/{stay.pk}/convocations"

    assert staff.post(url, {}, content_type="application/json").json() == {"sent": 1}
    assert staff.post(url, {}, content_type="application/json").json() == {"sent": 0}
    again = staff.post(url, {"again": True}, content_type="application/json")
    assert again.json() == {"sent": 1}
    assert parent.post(url, {}, content_type="application/json").status_code == 403
    assert alpha_client.post(url, {}, content_type="application/json").status_code in (401, 403)
    assert staff.post("/api/v1/sejours/staff/stays/999999/convocations").status_code == 404
