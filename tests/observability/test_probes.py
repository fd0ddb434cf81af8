"""/healthz and /readyz: answered before the host is looked at, French JSON when not ready."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

from core.observability import readiness
from tests.support.clients import client_ip

# Kubernetes probes the pod by its IP: a host neither ALLOWED_HOSTS-style checks nor the
# tenant middleware know.
POD_IP = "10.1.2.3:8000"


def probe(host: str = POD_IP) -> Client:
    return Client(HTTP_HOST=host, REMOTE_ADDR=client_ip())


def test_healthz_answers_without_touching_the_database():
    # No django_db mark: any database access here would fail the request with a 500.
    response = probe().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("host", [POD_IP, "10.1.2.3", "inconnu.example.org", "alpha.localhost"])
def test_healthz_answers_on_any_host(host):
    assert probe(host).get("/healthz").status_code == 200
    assert probe(host).head("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_refuse_other_methods(path):
    response = probe().post(path, {})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_readyz_is_ok_when_database_redis_and_migrations_are(tenants):
    response = probe().get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "migrations": "ok"},
    }


@pytest.mark.django_db
def test_readyz_keeps_a_positive_migrations_answer_and_then_costs_no_migration_query(
    tenants, django_assert_max_num_queries
):
    assert probe().get("/readyz").status_code == 200
    # SELECT 1 (and the schema's search_path): the migrations are not read again.
    with django_assert_max_num_queries(2):
        assert probe().get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_is_unavailable_in_french_when_redis_does_not_answer(tenants):
    closed_port = {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}
    with override_settings(CACHES={**settings.CACHES, "default": closed_port}):
        response = probe().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "indisponible",
        "checks": {"database": "ok", "redis": "erreur", "migrations": "ok"},
    }


def _forget_last_migration(schema: str, app_label: str = "booking") -> None:
    """Inside the test's transaction (rolled back at its end): the schema looks one migration
    behind, as a pod sees it before the migration Job has run."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{schema}".django_migrations WHERE id = ('  # noqa: S608 - test schema
            f'SELECT max(id) FROM "{schema}".django_migrations WHERE app = %s)',
            [app_label],
        )
        assert cursor.rowcount == 1


@pytest.mark.django_db
@pytest.mark.parametrize("schema", ["public", settings.TENANT_BASE_SCHEMA])
def test_readyz_is_unavailable_while_a_migration_is_pending(tenants, schema):
    _forget_last_migration(schema)
    response = probe().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "indisponible",
        "checks": {"database": "ok", "redis": "ok", "migrations": "en attente"},
    }


@pytest.mark.django_db
def test_readyz_asks_again_after_a_negative_answer_only_once_the_recheck_delay_passed(
    tenants, monkeypatch
):
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT before_forgetting")
    _forget_last_migration("public")
    assert probe().get("/readyz").status_code == 503
    with connection.cursor() as cursor:  # the migration Job has run
        cursor.execute("ROLLBACK TO SAVEPOINT before_forgetting")
    assert probe().get("/readyz").status_code == 503, "asked again too early"

    monkeypatch.setattr(readiness, "MIGRATIONS_RECHECK_SECONDS", 0.0)
    assert probe().get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_head_has_no_body(tenants):
    response = probe().head("/readyz")
    assert response.status_code == 200
    assert response.content == b""
