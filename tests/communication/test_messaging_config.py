"""Configuring the messaging: services and themes, role access, settings."""

from __future__ import annotations

import pytest

from core.communication.models import CommunicationSettings, Service, ServiceAccess, Theme
from tests.support.communication_messaging import World, make_thread, service

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

STAFF = "/api/v1/staff/communication"
JSON = "application/json"


@pytest.fixture
def world(alpha):
    return World(alpha)


@pytest.fixture
def admin(world):
    return world.client(world.admin)


def test_services_and_themes_are_configured(world, admin):
    created = admin.post(
        f"{STAFF}/services/", {"label": "École de musique", "order": 5}, content_type=JSON
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["key"] == "ecole-de-musique" and body["themes"] == []
    pk = body["id"]

    theme = admin.post(
        f"{STAFF}/services/{pk}/themes/", {"label": "Cours", "order": 1}, content_type=JSON
    )
    assert theme.status_code == 201, theme.content
    duplicate = admin.post(f"{STAFF}/services/{pk}/themes/", {"label": "cours"}, content_type=JSON)
    assert duplicate.status_code == 400
    assert duplicate.json()["label"] == ["Ce service a déjà un thème de ce nom."]

    renamed = admin.patch(
        f"{STAFF}/themes/{theme.json()['id']}/", {"active": False}, content_type=JSON
    )
    assert renamed.json()["active"] is False
    listed = {s["key"]: s for s in admin.get(f"{STAFF}/services/").json()}
    assert listed["ecole-de-musique"]["themes"][0]["label"] == "Cours"
    assert {"accueil", "periscolaire"} <= set(listed)

    key_change = admin.patch(f"{STAFF}/services/{pk}/", {"key": "autre"}, content_type=JSON)
    assert key_change.status_code == 400
    assert admin.delete(f"{STAFF}/themes/{theme.json()['id']}/").status_code == 204
    assert admin.delete(f"{STAFF}/services/{pk}/").status_code == 204
    assert not Service.objects.filter(pk=pk).exists()


def test_a_service_or_theme_with_threads_is_deactivated_not_deleted(world, admin):
    thread = make_thread(family=world.family, user=world.parent)

    refused = admin.delete(f"{STAFF}/services/{thread.service_id}/")
    assert refused.status_code == 409
    assert "désactivez-le" in refused.content.decode()
    theme = admin.delete(f"{STAFF}/themes/{thread.theme_id}/")
    assert theme.status_code == 409
    assert Service.objects.filter(pk=thread.service_id).exists()
    assert Theme.objects.filter(pk=thread.theme_id).exists()

    off = admin.patch(
        f"{STAFF}/services/{thread.service_id}/", {"active": False}, content_type=JSON
    )
    assert off.status_code == 200 and off.json()["active"] is False


def test_role_access_is_read_and_replaced(world, admin):
    rows = {r["role"]: r for r in admin.get(f"{STAFF}/access/").json()}

    assert rows["administrateur"]["all_services"] is True
    assert rows["gestionnaire"]["all_services"] is True
    assert rows["animateur"] == {
        "role": "animateur",
        "role_label": "Animateur",
        "all_services": False,
        "services": ["periscolaire"],
    }
    assert "parent" not in rows

    response = admin.put(
        f"{STAFF}/access/",
        [
            {"role": "animateur", "services": ["accueil", "periscolaire"]},
            {"role": "gestionnaire", "services": []},
        ],
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert ServiceAccess.objects.get(role="animateur").services == ["accueil", "periscolaire"]
    assert {r["role"]: r for r in response.json()}["gestionnaire"]["all_services"] is True

    bad = admin.put(
        f"{STAFF}/access/", [{"role": "animateur", "services": ["inconnu"]}], content_type=JSON
    )
    assert bad.status_code == 400
    assert "Service inconnu : inconnu." in bad.content.decode()
    assert ServiceAccess.objects.get(role="animateur").services == ["accueil", "periscolaire"]


def test_settings_are_read_and_changed_within_bounds(world, admin):
    assert admin.get(f"{STAFF}/settings/").json() == {
        "max_attachments": 3,
        "max_attachment_mb": 6,
        "sms_enabled": False,
        "sms_sender": "",
    }
    changed = admin.patch(
        f"{STAFF}/settings/", {"max_attachments": 5, "sms_enabled": True}, content_type=JSON
    )
    assert changed.status_code == 200
    assert CommunicationSettings.current().max_attachments == 5
    too_big = admin.patch(f"{STAFF}/settings/", {"max_attachment_mb": 50}, content_type=JSON)
    assert too_big.status_code == 400


def test_only_configuring_roles_reach_the_configuration(world):
    gestionnaire = world.client(world.gestionnaire)

    assert gestionnaire.get(f"{STAFF}/services/").status_code == 403
    assert gestionnaire.get(f"{STAFF}/access/").status_code == 403
    assert gestionnaire.get(f"{STAFF}/settings/").status_code == 403
    assert service("accueil").label == "Accueil / mairie"
