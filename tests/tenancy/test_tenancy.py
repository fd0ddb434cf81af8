"""Isolation between structures: hosts, sessions, cache, media, modules."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from tenants.models import logo_upload_to
from tests.support.factories import PASSWORD, make_user


def test_unknown_host_answers_404_without_touching_any_tenant_schema(tenants, db):
    from django.test import Client

    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="inconnue.localhost").get("/api/v1/structure/")

    assert response.status_code == 404
    assert "aucune structure" in response.content.decode()
    assert connection.schema_name == "public"
    # The only queries: the lookup of the host in the public Domain table, on public.
    others = [q["sql"] for q in queries if "tenants_domain" not in q["sql"]]
    assert set(others) <= {'SET search_path = "public"'}
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        assert cursor.fetchone()[0] == "public"


def test_malformed_platform_sub_domain_costs_no_query(tenants, db):
    from django.test import Client

    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="a.b_c.localhost").get("/")

    assert response.status_code == 404
    assert len(queries) == 0


def test_host_resolution_costs_no_query_once_cached(alpha_client):
    alpha_client.get("/api/v1/structure/")  # warms the host map

    with CaptureQueriesContext(connection) as queries:
        response = alpha_client.get("/api/v1/structure/")

    assert response.status_code == 200
    assert not [q for q in queries if "tenants_domain" in q["sql"]]


def test_host_map_is_invalidated_when_a_structure_changes(
    alpha, alpha_client, django_capture_on_commit_callbacks
):
    alpha_client.get("/api/v1/structure/")
    with django_capture_on_commit_callbacks(execute=True):
        alpha.name = "Mairie d'Alpha-le-Haut"
        alpha.save()

    assert alpha_client.get("/api/v1/structure/").json()["name"] == "Mairie d'Alpha-le-Haut"


def test_suspended_structure_shows_a_french_page_with_503(
    alpha, alpha_client, django_capture_on_commit_callbacks
):
    alpha_client.get("/api/v1/structure/")  # cached as active
    with django_capture_on_commit_callbacks(execute=True):
        alpha.suspend()
    try:
        response = alpha_client.get("/connexion")
        api = alpha_client.get("/api/v1/structure/")
    finally:
        with django_capture_on_commit_callbacks(execute=True):
            alpha.activate()

    assert response.status_code == 503
    assert "momentanément indisponible" in response.content.decode()
    assert api.status_code == 503
    assert alpha_client.get("/api/v1/structure/").status_code == 200


def test_disabled_module_endpoint_answers_404(alpha_client, beta_client):
    assert alpha_client.get("/api/v1/periscolaire/activity-kinds/").status_code == 200
    assert alpha_client.get("/api/v1/sejours/activity-kinds/").status_code == 404
    assert alpha_client.get("/api/v1/creche/activity-kinds/").status_code == 404
    assert beta_client.get("/api/v1/sejours/activity-kinds/").status_code == 200
    assert beta_client.get("/api/v1/periscolaire/activity-kinds/").status_code == 404


def test_structure_shows_only_enabled_modules_navigation_and_legend(alpha_client):
    data = alpha_client.get("/api/v1/structure/").json()

    assert data["name"] == "Mairie d'Alpha"
    assert [m["id"] for m in data["modules"]] == ["periscolaire"]
    nav_modules = {e["module"] for e in data["navigation"]}
    assert nav_modules == {"periscolaire", None}
    legend_modules = {e["module"] for e in data["legend"]}
    assert legend_modules == {None, "periscolaire"}
    assert {"R", "DR", "DA", "A Exc.", "A Fact."} <= {e["short_label"] for e in data["legend"]}


def test_cache_keys_differ_per_tenant(alpha, beta):
    with tenant_context(alpha):
        cache.set("marelle-probe", "alpha-value", 30)
        assert cache.get("marelle-probe") == "alpha-value"
    with tenant_context(beta):
        assert cache.get("marelle-probe") is None
        key = cache.make_key("marelle-probe")
    assert key.startswith("t_beta:")


def test_media_paths_carry_the_tenant_id(alpha, beta):
    alpha_path = logo_upload_to(alpha, "../../etc/passwd.png")
    beta_path = logo_upload_to(beta, "logo.png")

    assert alpha_path.startswith(f"tenants/{alpha.pk}/")
    assert beta_path.startswith(f"tenants/{beta.pk}/")
    assert ".." not in alpha_path
    assert logo_upload_to(alpha, "logo.html").endswith(".png")


def test_user_of_one_structure_cannot_log_in_on_another(alpha, alpha_client, beta_client):
    user = make_user(tenant=alpha)
    credentials = {"email": user.email, "password": PASSWORD}

    on_beta = beta_client.post("/api/v1/auth/login", credentials, content_type="application/json")
    on_alpha = alpha_client.post("/api/v1/auth/login", credentials, content_type="application/json")

    assert on_beta.status_code == 400
    assert on_alpha.status_code == 200


def test_session_cookie_of_one_structure_is_refused_on_another(alpha, alpha_client, beta_client):
    user = make_user(tenant=alpha)
    alpha_client.post(
        "/api/v1/auth/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    session_cookie = alpha_client.cookies["marelle_session"]
    assert session_cookie["domain"] == ""  # host-only cookie

    beta_client.cookies["marelle_session"] = session_cookie.value
    response = beta_client.get("/api/v1/auth/session")

    assert response.status_code == 401
    assert alpha_client.get("/api/v1/auth/session").status_code == 200


@pytest.mark.parametrize("path", ["/", "/connexion", "/periscolaire", "/gestion/familles/12"])
def test_spa_deep_links_are_served_by_django(alpha_client, path):
    response = alpha_client.get(path)

    assert response.status_code == 200  # make test builds the SPA first
    assert response["Content-Type"].startswith("text/html")
    assert b'<div id="root">' in response.content
