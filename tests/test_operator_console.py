"""The operators' console on the root domain (Django admin, public schema)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from core.accounts.models import User
from tenants.constants import TenantStatus
from tenants.models import Tenant
from tests.conftest import client_ip


@pytest.fixture
def operator_client(tenants, db):
    connection.set_schema_to_public()
    operator = User.objects.create_superuser(email="ops@marelle.example", password="Operateur2026")
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR=client_ip())
    client.force_login(operator)
    return client


def test_console_lists_structures_but_not_the_platform_row(operator_client):
    response = operator_client.get("/admin/tenants/tenant/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Mairie d&#x27;Alpha" in body and "Association Bêta" in body
    assert "Marelle (plateforme)" not in body


def test_console_creates_a_structure_through_the_provisioning_service(
    operator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            "/admin/tenants/tenant/add/",
            {
                "name": "Commune d'Epsilon",
                "slug": "epsilon",
                "kind": "commune",
                "modules": ["periscolaire"],
                "time_zone": "Europe/Paris",
                "holiday_zone": "B",
                "primary_color": "#226633",
                "admin_email": "maire@epsilon.example",
                "admin_first_name": "",
                "admin_last_name": "",
            },
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    connection.set_schema_to_public()
    tenant = Tenant.objects.get(slug="epsilon")
    assert tenant.status == TenantStatus.ACTIVE
    assert tenant.schema_name == "t_epsilon"


def test_console_refuses_an_invalid_slug(operator_client):
    response = operator_client.post(
        "/admin/tenants/tenant/add/",
        {
            "name": "X",
            "slug": "Pas_Bon",
            "kind": "commune",
            "time_zone": "Europe/Paris",
            "holiday_zone": "C",
            "primary_color": "#226633",
            "admin_email": "a@b.example",
        },
    )

    assert response.status_code == 200
    assert "Identifiant invalide" in response.content.decode()
    assert not Tenant.objects.filter(name="X").exists()


def test_console_suspends_and_reactivates(operator_client, tenants):
    alpha = tenants["alpha"]
    operator_client.post(
        "/admin/tenants/tenant/", {"action": "suspend", "_selected_action": [alpha.pk]}
    )
    alpha.refresh_from_db()
    assert alpha.status == TenantStatus.SUSPENDED
    assert Client(HTTP_HOST="alpha.localhost").get("/").status_code == 503

    operator_client.post(
        "/admin/tenants/tenant/", {"action": "reactivate", "_selected_action": [alpha.pk]}
    )
    alpha.refresh_from_db()
    assert alpha.status == TenantStatus.ACTIVE


def test_console_switches_modules_on(operator_client, tenants):
    beta = tenants["beta"]
    response = operator_client.get(f"/admin/tenants/tenant/{beta.pk}/change/")
    assert response.status_code == 200
    assert 'value="periscolaire"' in response.content.decode()


def test_structure_accounts_cannot_open_the_console(tenants, db):
    connection.set_schema_to_public()
    client = Client(HTTP_HOST="localhost")
    assert client.get("/admin/tenants/tenant/").status_code == 302  # to the login page


def test_structure_admin_never_reaches_platform_screens_from_its_host(alpha):
    from core.accounts.models import User as TenantUser

    boss = TenantUser.objects.create_superuser(
        email="chef@alpha.example", password="Chef-Alpha-2026"
    )
    client = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip())
    client.force_login(boss)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/tenants/tenant/").status_code == 403
    assert client.get("/admin/tenants/domain/").status_code == 403
    assert b"tenants/tenant" not in client.get("/admin/").content
