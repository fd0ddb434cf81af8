"""One public address per structure: ``core.tenancy.routing.tenant_base_url``.

Every absolute link a structure sends (allauth's confirmation and reset links, e-mails rendered by
a request or by a task, the logo, the demo's welcome) follows ``PLATFORM_SCHEME`` /
``PLATFORM_DOMAIN`` / ``PLATFORM_PORT``, never the host or port a request came through; and
``manage.py demo --port`` makes ``PLATFORM_PORT`` follow the port it serves, in its own settings
and in the environment of the web server and worker it spawns.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from core.booking.tasks import send_booking_recap
from core.families.services.notifications import notify_account_validated
from core.messaging.context import email_context
from core.tenancy.routing import platform_base_url, tenant_base_url, tenant_logo_url
from tests.support.clients import JSON, new_client
from tests.support.dossier import SIGNUP
from tests.support.factories import make_family, make_user

BASE = "http://alpha.localhost:8101"


@pytest.fixture
def port_8101(settings):
    settings.PLATFORM_PORT = "8101"
    return settings


def links(text: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


def assert_links_on_8101(message) -> None:
    found = links(message.body) | links(message.alternatives[0][0] if message.alternatives else "")
    assert found, "the e-mail has links"
    assert all(link.startswith(f"{BASE}/") or link == BASE for link in found), found


def test_tenant_base_url_follows_the_platform_settings(alpha, settings):
    settings.PLATFORM_PORT = "8101"
    assert tenant_base_url(alpha) == BASE
    assert platform_base_url() == "http://localhost:8101"
    settings.PLATFORM_SCHEME, settings.PLATFORM_PORT = "https", ""
    assert tenant_base_url(alpha) == "https://alpha.localhost"


def test_sign_up_confirmation_link_uses_the_platform_port_not_the_request_host(
    self_signup, port_8101, django_capture_on_commit_callbacks
):
    # The request comes through alpha.localhost (port 80): the link is on the public address.
    with django_capture_on_commit_callbacks(execute=True):
        response = new_client().post("/api/v1/signup/", SIGNUP, content_type=JSON)
    assert response.status_code == 201, response.content
    message = mail.outbox[-1]
    assert f"{BASE}/confirmer-email/" in message.body
    assert_links_on_8101(message)


def test_password_reset_link_uses_the_platform_port(
    alpha, port_8101, django_capture_on_commit_callbacks
):
    user = make_user(tenant=alpha)
    with django_capture_on_commit_callbacks(execute=True):
        new_client().post("/api/v1/auth/password/request", {"email": user.email}, content_type=JSON)
    assert f"{BASE}/reinitialiser-mot-de-passe/" in mail.outbox[-1].body


def test_emails_sent_by_tasks_use_the_platform_port(
    alpha, port_8101, django_capture_on_commit_callbacks
):
    family, _ = make_family(tenant=alpha)
    with django_capture_on_commit_callbacks(execute=True):
        notify_account_validated(family=family)
    validated = mail.outbox[-1]
    assert f"{BASE}/connexion" in validated.body
    assert_links_on_8101(validated)

    # The booking recap is rendered by the Celery task itself (eager in the tests).
    with django_capture_on_commit_callbacks(execute=True):
        send_booking_recap.delay(
            family_id=family.pk, rows=[], failed=[], at=timezone.now().isoformat()
        )
    recap = mail.outbox[-1]
    assert "Récapitulatif" in recap.subject
    assert f"{BASE}/planning" in recap.body
    assert_links_on_8101(recap)


def test_logo_url_of_the_emails_uses_the_platform_port(alpha, port_8101):
    alpha.logo.name = "tenants/1/branding/logo-abc.png"  # not saved: only its presence counts
    assert tenant_logo_url(alpha) == f"{BASE}/api/v1/structure/logo"
    assert email_context()["logo_url"] == f"{BASE}/api/v1/structure/logo"
    alpha.logo.name = ""
    assert tenant_logo_url(alpha) == ""


def test_demo_port_sets_the_settings_and_the_spawned_processes_environment(
    alpha, settings, monkeypatch
):
    from tenants.management.commands.demo import serve_on_port, welcome_urls

    settings.PLATFORM_PORT = "8000"  # restored after the test
    monkeypatch.setenv("PLATFORM_PORT", "8000")
    env = serve_on_port(8101)

    assert env["PLATFORM_PORT"] == "8101"  # the gunicorn and Celery processes' environment
    assert settings.PLATFORM_PORT == "8101"  # this process: seeding and welcome
    assert welcome_urls([alpha]) == [
        ("Mairie d'Alpha", BASE),
        ("Console des opérateurs", "http://localhost:8101/admin/"),
    ]
