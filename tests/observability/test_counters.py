"""Bookings and payments counted where they happen, and summed over gunicorn's processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.catalog.models import Opening
from core.observability import metrics
from tests.support.booking import add, enrol, make_activity, next_weekdays
from tests.support.clients import JSON, logged
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family
from tests.support.payments import make_invoice

HOST = "alpha.localhost"
ROOT = Path(__file__).resolve().parents[2]


def value(name: str, **labels) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


def bookings(outcome: str) -> float:
    return value("marelle_bookings_total", outcome=outcome)


@pytest.mark.django_db
def test_bookings_confirmed_waitlisted_cancelled_and_promoted_are_counted(alpha):
    [day] = next_weekdays(1)
    activity = make_activity(days=[day], capacity=1)
    opening = Opening.objects.get(unit__activity=activity)
    (family_a, user_a), (family_b, user_b) = make_family(tenant=alpha), make_family(tenant=alpha)
    a, b = logged(HOST, user_a.email), logged(HOST, user_b.email)
    child_a, child_b = family_a.children.get(), family_b.children.get()
    enrol(child_a, activity)
    enrol(child_b, activity)
    before = {o: bookings(o) for o in ("confirmed", "waitlisted", "cancelled")}

    add(a, (child_a.pk, opening.pk, "book"))
    a.post("/api/v1/booking/cart/checkout/", content_type=JSON)
    add(b, (child_b.pk, opening.pk, "book"))
    b.post("/api/v1/booking/cart/checkout/", content_type=JSON)
    add(a, (child_a.pk, opening.pk, "cancel"))
    a.post("/api/v1/booking/cart/checkout/", content_type=JSON)  # b's child promoted

    after = {o: bookings(o) - before[o] for o in before}
    assert after == {"confirmed": 2, "waitlisted": 1, "cancelled": 1}


@pytest.mark.django_db
@pytest.mark.frozen_at(BILLING_TESTS_NOW)
def test_an_online_payment_is_counted_once_by_provider_and_outcome(alpha):
    family, user = make_family(tenant=alpha)
    parent = logged(HOST, user.email)
    invoice = make_invoice(family, "30.00")
    succeeded = value("marelle_payments_total", provider="dummy", outcome="succeeded")
    online = value("marelle_payments_total", provider="online", outcome="recorded")

    body = parent.post(
        "/api/v1/billing/payments/checkout/", {"invoice_ids": [invoice.pk]}, content_type=JSON
    ).json()
    parent.post(body["redirect_url"], {"choice": "pay"})

    assert value("marelle_payments_total", provider="dummy", outcome="succeeded") == succeeded + 1
    assert value("marelle_payments_total", provider="online", outcome="recorded") == online


_INCREMENT = """
from django.conf import settings
settings.configure(CELERY_BROKER_URL="memory://")
from core.observability import metrics
metrics.count_bookings(["confirmed"])
metrics.observe_request(method="GET", status=200, route="structure", seconds=0.1)
"""
_SCRAPE = """
from django.conf import settings
settings.configure(CELERY_BROKER_URL="memory://")
from core.observability import metrics
print(metrics.exposition(None)[0].decode())
"""


def test_counters_of_several_processes_are_summed_with_a_multiprocess_dir(tmp_path):
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "PYTHONPATH": f"{ROOT / 'platform'}{os.pathsep}{ROOT}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for _ in range(2):  # two gunicorn workers
        subprocess.run([sys.executable, "-c", _INCREMENT], env=env, check=True, timeout=60)
    out = subprocess.run(
        [sys.executable, "-c", _SCRAPE], env=env, check=True, timeout=60, capture_output=True
    ).stdout.decode()
    assert 'marelle_bookings_total{outcome="confirmed"} 2.0' in out
    requests = 'marelle_http_requests_total{method="GET",route="structure",status_class="2xx"}'
    assert f"{requests} 2.0" in out
    assert "marelle_celery_broker_up 0.0" in out  # no Redis broker here
