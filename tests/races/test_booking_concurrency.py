"""Capacity under a rush: many parents press "Terminer" on the same opening at once.

A live server (one thread per request, one database connection each) receives the checkouts in
parallel. With the guard (row lock in the booking transaction) exactly the capacity is
confirmed and everybody else is waiting-listed; the control test turns the guard off and shows
the overbooking it prevents.
"""

from __future__ import annotations

import http.client
import json
import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django_tenants.utils import tenant_context

from core.booking.models import Reservation
from core.booking.services import cart as carts
from core.booking.services import engine
from core.catalog.models import Opening
from tests.support.booking import enrol, make_activity, next_weekdays
from tests.support.factories import make_family

PARENTS = 50
PLACES = 10


@pytest.fixture(scope="module")
def server(tenants, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        live = LiveServer("127.0.0.1:0")
        live._live_server_modified_settings.enable()
        yield live
        live._live_server_modified_settings.disable()
        live.stop()


def rush(tenants, django_db_blocker, server) -> tuple[Opening, list[int]]:
    """50 families with a pending booking of the same 10-place opening in their cart, then
    50 simultaneous "Terminer"."""
    alpha = tenants["alpha"]
    with django_db_blocker.unblock(), tenant_context(alpha):
        [day] = next_weekdays(1, after=20)
        activity = make_activity(name="Rush", days=[day], capacity=PLACES)
        opening = Opening.objects.get(unit__activity=activity)
        sessions = []
        for _ in range(PARENTS):
            family, user = make_family(tenant=alpha)
            child = family.children.get()
            enrol(child, activity)
            cart = carts.cart_for(user=user, family=family)
            carts.add_changes(
                cart=cart, changes=[carts.RequestedChange(child.pk, opening.pk, "book")]
            )
            client = Client(HTTP_HOST="alpha.localhost")
            client.force_login(user)
            sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)

    port = urlsplit(server.url).port
    statuses: list[int] = []
    start = threading.Barrier(PARENTS)

    def checkout(session_id: str) -> None:
        token = "a" * 32
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start.wait()
        conn.request(
            "POST",
            "/api/v1/booking/cart/checkout/",
            body=b"",
            headers={
                "Host": "alpha.localhost",
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_id}; csrftoken={token}",
                "X-CSRFToken": token,
                "Referer": "http://alpha.localhost/planning",
                "Content-Type": "application/json",
            },
        )
        response = conn.getresponse()
        json.loads(response.read() or b"{}")
        statuses.append(response.status)

    threads = [threading.Thread(target=checkout, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with django_db_blocker.unblock(), tenant_context(alpha):
        opening.refresh_from_db()
        states = list(Reservation.objects.filter(opening=opening).values_list("state", flat=True))
    return opening, statuses, states


def test_fifty_parallel_checkouts_for_ten_places_confirm_exactly_ten(
    tenants, django_db_blocker, server
):
    opening, statuses, states = rush(tenants, django_db_blocker, server)
    assert statuses == [200] * PARENTS
    assert states.count("confirmed") == PLACES
    assert states.count("waitlisted") == PARENTS - PLACES
    assert opening.booked == PLACES


def test_control_without_the_guard_the_same_rush_overbooks(tenants, django_db_blocker, server):
    engine.GUARD = False
    try:
        opening, statuses, states = rush(tenants, django_db_blocker, server)
    finally:
        engine.GUARD = True
    # Without the lock every checkout reads the same free places: more children are
    # confirmed than there are places, and the counter lost updates.
    assert states.count("confirmed") > PLACES
    assert opening.booked < states.count("confirmed")
