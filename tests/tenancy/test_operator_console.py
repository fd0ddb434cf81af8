"""The operators' console on the root domain (Django admin, public schema)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from core.accounts.models import User
from core.accounts.roles import Role
from core.tenancy.constants import TenantStatus
from tenants.models import Tenant
from tests.support.clients import client_ip
from tests.support.factories import PASSWORD


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


def test_console_suspends_and_reactivates(
    operator_client, tenants, django_capture_on_commit_callbacks
):
    alpha = tenants["alpha"]
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(
            "/admin/tenants/tenant/", {"action": "suspend", "_selected_action": [alpha.pk]}
        )
    alpha.refresh_from_db()
    assert alpha.status == TenantStatus.SUSPENDED
    assert Client(HTTP_HOST="alpha.localhost").get("/").status_code == 503

    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(
            "/admin/tenants/tenant/", {"action": "reactivate", "_selected_action": [alpha.pk]}
        )
    alpha.refresh_from_db()
    assert alpha.status == TenantStatus.ACTIVE


def test_console_switches_a_module_on_and_installs_its_defaults(operator_client, tenants):
    from django_tenants.utils import tenant_context

    from core.booking.models import LegendEntry

    beta = tenants["beta"]
    page = operator_client.get(f"/admin/tenants/tenant/{beta.pk}/change/")
    assert 'value="periscolaire"' in page.content.decode()

    response = operator_client.post(
        f"/admin/tenants/tenant/{beta.pk}/change/",
        {
            "name": beta.name,
            "kind": beta.kind,
            "modules": ["sejours", "creche", "periscolaire"],
            "time_zone": beta.time_zone,
            "holiday_zone": beta.holiday_zone,
            "primary_color": beta.primary_color,
            "domains-TOTAL_FORMS": "0",
            "domains-INITIAL_FORMS": "0",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    beta.refresh_from_db()
    assert beta.modules == ["sejours", "creche", "periscolaire"]
    with tenant_context(beta):
        assert LegendEntry.objects.filter(module="periscolaire").exists()
    connection.set_schema_to_public()


def test_console_relaunches_an_interrupted_creation(
    operator_client, django_capture_on_commit_callbacks
):
    from tenants.provisioning import register_tenant

    stuck = register_tenant(
        slug="zeta",
        name="Commune de Zêta",
        kind="commune",
        modules=["periscolaire"],
        first_admin_email="mairie@zeta.example",
    )
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(
            "/admin/tenants/tenant/",
            {"action": "relaunch_provisioning", "_selected_action": [stuck.pk]},
        )

    connection.set_schema_to_public()
    stuck.refresh_from_db()
    assert stuck.status == TenantStatus.ACTIVE
    from django.core import mail

    assert mail.outbox[-1].to == ["mairie@zeta.example"]


def test_structure_accounts_cannot_open_the_console(tenants, db):
    from tests.support.factories import make_user

    boss = make_user(tenant=tenants["alpha"], role=Role.ADMINISTRATEUR)
    connection.set_schema_to_public()
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR=client_ip())

    response = client.post(
        "/admin/login/?next=/admin/", {"username": boss.email, "password": PASSWORD}
    )

    assert response.status_code == 200  # the form again: unknown account here
    assert client.get("/admin/tenants/tenant/").status_code == 302  # to the login page


def test_console_login_is_throttled_like_the_portal(tenants, db):
    connection.set_schema_to_public()
    User.objects.create_superuser(email="ops2@marelle.example", password="Operateur2026")
    client = Client(HTTP_HOST="localhost", REMOTE_ADDR=client_ip())
    for _ in range(5):
        client.post("/admin/login/", {"username": "ops2@marelle.example", "password": "Faux1234"})

    response = client.post(
        "/admin/login/", {"username": "ops2@marelle.example", "password": "Operateur2026"}
    )

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_structure_admin_login_is_throttled_too(alpha):
    from tests.support.factories import make_user

    boss = make_user(tenant=alpha, role=Role.ADMINISTRATEUR)
    client = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip())
    for _ in range(5):
        client.post("/admin/login/", {"username": boss.email, "password": "Faux1234"})

    response = client.post("/admin/login/", {"username": boss.email, "password": PASSWORD})

    assert response.status_code == 429


def test_structure_admin_cannot_grant_itself_privileges(alpha):
    from tests.support.factories import make_user

    boss = make_user(tenant=alpha, role=Role.ADMINISTRATEUR)
    client = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip())
    client.force_login(boss)
    page = client.get(f"/admin/accounts/user/{boss.pk}/change/")
    assert page.status_code == 200

    client.post(
        f"/admin/accounts/user/{boss.pk}/change/",
        {
            "email": boss.email,
            "first_name": "",
            "last_name": "",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [g.pk for g in boss.groups.all()],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )

    boss.refresh_from_db()
    assert boss.is_superuser is False


def test_structure_admin_never_reaches_platform_screens_from_its_host(alpha):
    from core.accounts.models import User as TenantUser

    boss = TenantUser.objects.create_superuser(
        email="chef@alpha.example", password="Chef-Alpha-2026"
    )
    client = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip())
    client.force_login(boss)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/tenants/tenant/").status_code == 404
    assert client.get("/admin/tenants/domain/").status_code == 404
    assert b"tenants/tenant" not in client.get("/admin/").content
