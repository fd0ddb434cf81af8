"""Notification preferences and the RFC 8058 one-click unsubscribe."""

from __future__ import annotations

import pytest
from django.core import signing
from django_tenants.utils import tenant_context

from core.communication.models import NotificationPreference
from core.communication.services.preferences import (
    optional_email_headers,
    preferences_of,
    unsubscribe_token,
    wants_email,
)
from tests.support.clients import JSON, new_client

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/communication/preferences/"
UNSUBSCRIBE = "/api/v1/communication/unsubscribe/"


def test_a_guardian_reads_and_changes_the_preferences(parent, family):
    body = parent.get(URL).json()
    assert [p["kind"] for p in body["preferences"]] == [
        "message",
        "announcement",
        "booking",
        "invoice",
    ]
    assert all(p["email"] for p in body["preferences"])
    assert {"kind": "account", "label": "Mot de passe et compte"} in body["legal"]
    changed = parent.put(
        URL, {"preferences": [{"kind": "booking", "email": False}]}, content_type=JSON
    )
    assert changed.status_code == 200
    assert {p["kind"]: p["email"] for p in changed.json()["preferences"]}["booking"] is False
    assert not wants_email(user=family.parent, kind="booking")
    assert wants_email(user=family.parent, kind="account")  # legal: always


def test_staff_have_preferences_too(staff):
    assert staff.get(URL).status_code == 200


def test_unknown_or_legal_kinds_are_refused(parent, family):
    for kind in ("account", "spam"):
        response = parent.put(
            URL, {"preferences": [{"kind": kind, "email": False}]}, content_type=JSON
        )
        assert response.status_code == 400
        assert "inconnu" in response.json()["preferences"][0]
    assert not NotificationPreference.objects.exists()


def test_anonymous_visitors_have_no_preferences(alpha):
    assert new_client().get(URL).status_code in (401, 403)


def test_get_says_what_stops_and_changes_nothing(family):
    token = unsubscribe_token(user=family.parent, kind="announcement")
    response = new_client().get(UNSUBSCRIBE, {"token": token})
    assert response.status_code == 200
    assert response.json() == {"kind": "announcement", "label": "Annonces de la structure"}
    assert preferences_of(user=family.parent)["announcement"] is True


def test_one_click_post_without_a_session_turns_the_kind_off(family):
    headers, page = optional_email_headers(
        user=family.parent, kind="announcement", base_url="http://alpha.localhost:8000"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].strip("<>").removeprefix("http://alpha.localhost:8000")
    client = new_client()
    client.handler.enforce_csrf_checks = True
    # What a mail client sends (RFC 8058): a form body, the token in the URL.
    response = client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content
    assert preferences_of(user=family.parent)["announcement"] is False
    # The page's button: the token in a JSON body; idempotent.
    token = page.rsplit("/", 1)[1]
    again = client.post(UNSUBSCRIBE, {"token": token}, content_type=JSON)
    assert again.status_code == 200 and again.json()["kind"] == "announcement"


def test_a_bad_or_other_structure_token_is_refused(family, beta):
    client = new_client()
    for token in ("", "garbage", signing.dumps({"u": family.parent.pk, "k": "booking"})):
        response = client.post(f"{UNSUBSCRIBE}?token={token}")
        assert response.status_code == 400
        assert "pas valable" in response.json()["token"][0]
    # A token made in beta (signed with beta's schema) is refused by alpha.
    with tenant_context(beta):
        token = unsubscribe_token(user=family.parent, kind="booking")
    assert client.post(UNSUBSCRIBE, {"token": token}, content_type=JSON).status_code == 400
    assert client.get(UNSUBSCRIBE, {"token": token}).status_code == 400
    assert preferences_of(user=family.parent)["booking"] is True
