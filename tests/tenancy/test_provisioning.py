"""Creating structures: validation, schema, defaults, first admin, console, command."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists, tenant_context

from core.accounts.models import User
from core.booking.models import LegendEntry
from core.tenancy.constants import TenantStatus
from core.tenancy.validators import schema_name_for, validate_slug
from tenants.models import Domain, Tenant
from tenants.provisioning import AdminSpec, create_tenant, register_tenant, set_modules
from tests.support.clients import client_ip

JSON = "application/json"


@pytest.mark.parametrize(
    "slug",
    [
        "",
        "ab",
        "Alpha",
        "a_b",
        "1commune",
        "commune-",
        "com--mune",
        "www",
        "public",
        "x" * 41,
        "saint alban",
        "saint-albán",
        "t;drop schema",
        "a/b",
    ],
)
def test_invalid_or_reserved_slug_is_refused(slug):
    with pytest.raises(ValidationError):
        validate_slug(slug)


def test_schema_name_is_derived_from_the_validated_slug():
    assert schema_name_for("saint-alban-sur-loire") == "t_saint_alban_sur_loire"


def test_register_refuses_bad_input_in_french_and_creates_nothing(tenants, db):
    before = Tenant.objects.count()
    with pytest.raises(ValidationError) as exc:
        register_tenant(
            slug="alpha",
            name=" ",
            kind="entreprise",
            modules=["cantine"],
            time_zone="Mars/Olympus",
            primary_color="rouge",
        )

    errors = exc.value.message_dict
    assert set(errors) == {"slug", "name", "kind", "modules", "time_zone", "primary_color"}
    assert "inconnu" in " ".join(errors["modules"])
    assert Tenant.objects.count() == before


def test_register_refuses_a_taken_slug(tenants, db):
    with pytest.raises(ValidationError) as exc:
        register_tenant(slug="alpha", name="Autre", kind="commune", modules=[])
    assert "déjà utilisé" in exc.value.message_dict["slug"][0]


def test_provisioning_creates_a_working_structure_whose_admin_sets_a_password_and_logs_in(
    tenants, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tenant = create_tenant(
            slug="gamma",
            name="Commune de Gamma",
            kind="commune",
            modules=["periscolaire"],
            custom_domains=["portail.gamma.example"],
            admin=AdminSpec(email="directrice@gamma.example", first_name="Nadia"),
        )

    assert tenant.status == TenantStatus.ACTIVE
    assert schema_exists("t_gamma")
    assert set(Domain.objects.filter(tenant=tenant).values_list("domain", flat=True)) == {
        "gamma.localhost",
        "portail.gamma.example",
    }
    with tenant_context(tenant):
        admin = User.objects.get(email="directrice@gamma.example")
        assert not admin.has_usable_password()
        assert [r.code for r in admin.roles] == ["administrateur"]
        assert Group.objects.count() == 6
        assert LegendEntry.objects.filter(module="periscolaire").exists()
        assert not LegendEntry.objects.filter(module="sejours").exists()

    invitation = mail.outbox[-1]
    assert invitation.to == ["directrice@gamma.example"]
    assert "Commune de Gamma" in invitation.subject
    key = re.search(r"/reinitialiser-mot-de-passe/(\S+)", invitation.body).group(1)

    client = Client(HTTP_HOST="gamma.localhost", REMOTE_ADDR=client_ip())
    assert (
        client.get("/api/v1/auth/password/reset", HTTP_X_PASSWORD_RESET_KEY=key).status_code == 200
    )
    weak = client.post(
        "/api/v1/auth/password/reset", {"key": key, "password": "faible"}, content_type=JSON
    )
    assert weak.status_code == 400
    done = client.post(
        "/api/v1/auth/password/reset",
        {"key": key, "password": "Soleil-Levant-2026"},
        content_type=JSON,
    )
    assert done.status_code in {200, 401}, done.content

    fresh = Client(HTTP_HOST="portail.gamma.example", REMOTE_ADDR=client_ip())
    login = fresh.post(
        "/api/v1/auth/login",
        {"email": "directrice@gamma.example", "password": "Soleil-Levant-2026"},
        content_type=JSON,
    )
    assert login.status_code == 200
    assert login.json()["data"]["user"]["roles"] == ["administrateur"]
    connection.set_schema_to_public()


def test_enabling_a_module_later_installs_its_defaults(alpha, django_capture_on_commit_callbacks):
    client = Client(HTTP_HOST="alpha.localhost")
    client.get("/api/v1/structure/")  # the host map caches alpha as it is
    with django_capture_on_commit_callbacks(execute=True):
        set_modules(alpha, ["periscolaire", "creche"])

    assert LegendEntry.objects.filter(module="creche", code="leave").exists()
    assert client.get("/api/v1/creche/activity-kinds/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        set_modules(alpha, ["periscolaire"])
    assert client.get("/api/v1/creche/activity-kinds/").status_code == 404


def test_staff_edits_of_the_legend_survive_reinstalling_defaults(alpha):
    entry = LegendEntry.objects.get(module="", code="confirmed")
    entry.label = "Réservation validée"
    entry.save()

    set_modules(alpha, ["periscolaire", "sejours"])

    assert LegendEntry.objects.get(module="", code="confirmed").label == "Réservation validée"


def test_create_tenant_command_provisions_and_invites(
    tenants, db, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_tenant",
            "--slug",
            "delta",
            "--name",
            "Association Delta",
            "--kind",
            "association",
            "--modules",
            "sejours",
            "creche",
            "--admin-email",
            "bureau@delta.example",
        )

    assert "http://delta.localhost:8000" in capsys.readouterr().out
    tenant = Tenant.objects.get(slug="delta")
    assert tenant.modules == ["sejours", "creche"]
    assert mail.outbox[-1].to == ["bureau@delta.example"]
    connection.set_schema_to_public()


def test_create_tenant_command_reports_errors_in_french(tenants, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Identifiant invalide"):
        call_command(
            "create_tenant",
            "--slug",
            "Mauvais_Slug",
            "--name",
            "X",
            "--kind",
            "commune",
            "--admin-email",
            "a@b.example",
        )


@pytest.mark.parametrize(
    "domain", ["gamma2.localhost.fr.", "beta.localhost", "api.localhost", "pas un domaine", "x"]
)
def test_custom_domain_must_be_valid_and_outside_the_platform_domain(tenants, db, domain):
    with pytest.raises(ValidationError) as exc:
        register_tenant(
            slug="gamma2", name="Gamma 2", kind="commune", modules=[], custom_domains=[domain]
        )
    assert "custom_domains" in exc.value.message_dict


def test_running_provisioning_again_never_lifts_a_suspension(alpha):
    from tenants.provisioning import provision_tenant

    alpha.suspend()
    provision_tenant(alpha)

    alpha.refresh_from_db()
    assert alpha.status == TenantStatus.SUSPENDED
    alpha.activate()


def test_provisioning_again_resends_the_invitation_of_an_admin_without_password(
    tenants, db, django_capture_on_commit_callbacks
):
    from tenants.provisioning import provision_tenant

    with django_capture_on_commit_callbacks(execute=True):
        tenant = create_tenant(
            slug="eta",
            name="Commune d'Êta",
            kind="commune",
            modules=[],
            admin=AdminSpec(email="maire@eta.example"),
        )
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        provision_tenant(tenant, admin=AdminSpec(email="maire@eta.example"))

    assert len(mail.outbox) == sent + 1
    assert mail.outbox[-1].to == ["maire@eta.example"]
    connection.set_schema_to_public()


def test_invitation_text_is_not_html_escaped(tenants, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create_tenant(
            slug="theta",
            name="Mairie d'Thêta & Co",
            kind="commune",
            modules=[],
            admin=AdminSpec(email="maire@theta.example"),
        )

    body = mail.outbox[-1].body
    assert "Mairie d'Thêta & Co" in body
    assert "&amp;" not in body and "&#x27;" not in body
    connection.set_schema_to_public()
