"""/metrics behind its token; request ids and JSON log lines without personal data."""

from __future__ import annotations

import logging
import uuid

import pytest
import redis
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from core.billing.models import Payment
from core.billing.services.allocation import record_payment
from core.observability import metrics
from core.observability.log_format import log_format
from core.observability.queues import redis_url
from tests.support.clients import client_ip
from tests.support.clock import BILLING_TESTS_NOW

TOKEN = "jeton-de-collecte-" + "x" * 24


def scrape(token: str | None = TOKEN, host: str = "10.1.2.3:8000"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client(HTTP_HOST=host, REMOTE_ADDR=client_ip()).get("/metrics", **headers)


def test_metrics_are_hidden_when_no_token_is_configured():
    with override_settings(METRICS_TOKEN=""):
        assert scrape().status_code == 404
        assert scrape("").status_code == 404


@pytest.mark.parametrize("token", [None, "mauvais-jeton", TOKEN + "x"])
def test_metrics_answer_404_without_the_right_token(token):
    with override_settings(METRICS_TOKEN=TOKEN):
        assert scrape(token).status_code == 404


@pytest.mark.django_db
@pytest.mark.frozen_at(BILLING_TESTS_NOW)
def test_metrics_count_requests_payments_and_read_the_queue_lengths(alpha, family):
    queue = f"obs-{uuid.uuid4().hex}"
    broker = redis.Redis.from_url(redis_url(settings.CELERY_BROKER_URL))
    broker.lpush(queue, "a", "b", "c")
    try:
        Client(HTTP_HOST="alpha.localhost").get("/api/v1/structure/")
        record_payment(
            family=family,
            amount="12.00",
            method=Payment.METHOD_CHEQUE,
            received_on=timezone.localdate(),
        )
        with override_settings(METRICS_TOKEN=TOKEN, CELERY_TASK_DEFAULT_QUEUE=queue):
            response = scrape()
    finally:
        broker.delete(queue)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f'marelle_celery_queue_length{{queue="{queue}"}} 3.0' in text
    assert "marelle_celery_broker_up 1.0" in text
    assert 'marelle_http_requests_total{method="GET",route=' in text
    assert "marelle_http_request_duration_seconds_bucket" in text
    assert 'marelle_payments_total{outcome="recorded",provider="cheque"}' in text
    assert "marelle_bookings_total" not in text or "outcome=" in text


def test_booking_outcomes_are_counted_and_others_ignored():
    def value(outcome):
        return metrics.registry.get_sample_value("marelle_bookings_total", {"outcome": outcome})

    before = value("confirmed") or 0.0
    metrics.count_bookings(["confirmed", "requested", "confirmed", "refused"])
    assert value("confirmed") == before + 2
    assert value("requested") is None


@pytest.mark.django_db
def test_request_id_is_echoed_when_safe_and_made_otherwise(alpha):
    client = Client(HTTP_HOST="alpha.localhost")
    kept = client.get("/api/v1/structure/", HTTP_X_REQUEST_ID="lb-1234.abcd_EF")
    assert kept["X-Request-ID"] == "lb-1234.abcd_EF"
    for unsafe in ("<script>", "a b", "x" * 65):
        made = client.get("/api/v1/structure/", HTTP_X_REQUEST_ID=unsafe)
        assert made["X-Request-ID"] != unsafe and len(made["X-Request-ID"]) == 32
    assert len(client.get("/api/v1/structure/")["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_json_log_line_has_request_id_structure_and_user_id_but_no_email(family, parent, json_logs):
    email = family.parent.email
    response = parent.get(f"/api/v1/family/?recherche={email}", HTTP_X_REQUEST_ID="req-obs-1")
    assert response["X-Request-ID"] == "req-obs-1"
    [line] = [r for r in json_logs.by_logger("core.observability.access")]
    assert line["request_id"] == "req-obs-1"
    assert line["tenant"] == "t_alpha"
    assert line["user_id"] == family.parent.pk
    assert line["status"] == response.status_code
    assert set(line) >= {"timestamp", "level", "logger", "message", "task_id"}
    assert email not in json_logs.text and email.lower() not in json_logs.text.lower()
    assert "recherche" not in json_logs.text


def test_json_lines_carry_the_traceback_and_drop_foreign_extras(json_logs):
    try:
        raise ValueError("échec de démonstration")
    except ValueError:
        logging.getLogger("tests.observability").exception(
            "Internal Server Error: %s",
            "/x",
            extra={"request": "<WSGIRequest: GET '/x?email=a@b.fr'>", "status_code": 500},
        )
    [line] = json_logs.by_logger("tests.observability")
    assert "Traceback" in line["exc_info"] and "échec de démonstration" in line["exc_info"]
    assert line["level"] == "ERROR"
    assert "request" not in line and "a@b.fr" not in json_logs.text


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "plain"),
        ({"DATABASE_URL": "postgres://db/marelle"}, "json"),
        ({"DATABASE_URL": "postgres://db/marelle", "LOG_FORMAT": "Plain"}, "plain"),
        ({"LOG_FORMAT": "json"}, "json"),
    ],
)
def test_log_format_is_json_in_production_unless_told(environ, expected):
    assert log_format(environ) == expected
