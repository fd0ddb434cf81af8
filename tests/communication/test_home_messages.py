"""Home messages: one per audience, written by staff, shown on the family's and the staff's
home; the families' message moved from the family-file settings."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from core.accounts.roles import Role
from core.communication.models import HomeMessage
from core.communication.services.home import family_home_message, set_home_message
from tests.support.booking import enrol, make_activity
from tests.support.clients import HOST, JSON, logged, new_client
from tests.support.communication_news import make_news
from tests.support.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

MESSAGES = "/api/v1/staff/communication/home-messages/"
HOME = "/api/v1/communication/home/"


def test_staff_see_one_message_per_audience_and_write_them(alpha, staff):
    response = staff.put(
        MESSAGES,
        {"audience": "families", "text": "  Bienvenue !\r\nBonne année.  "},
        content_type=JSON,
    )

    assert response.status_code == 200, response.content
    assert response.json() == {
        "audience": "families",
        "label": "Familles",
        "text": "Bienvenue !\nBonne année.",
    }
    assert staff.get(MESSAGES).json() == [
        {"audience": "families", "label": "Familles", "text": "Bienvenue !\nBonne année."},
        {"audience": "staff", "label": "Personnel", "text": ""},
        {"audience": "periscolaire", "label": "Familles : Périscolaire", "text": ""},
    ]


def test_an_unknown_or_disabled_audience_is_refused_in_french(alpha, staff):
    for audience in ("creche", "all", ""):
        response = staff.put(MESSAGES, {"audience": audience, "text": "x"}, content_type=JSON)
        assert response.status_code == 400, audience
    assert staff.put(MESSAGES, {"audience": "creche", "text": "x"}, content_type=JSON).json() == {
        "audience": ["Public inconnu : « creche »."]
    }
    assert not HomeMessage.objects.exists()


def test_only_the_roles_that_announce_edit_home_messages(alpha, parent):
    comptable = logged(HOST, make_user(tenant=alpha, role=Role.COMPTABLE).email)
    coordinateur = logged(HOST, make_user(tenant=alpha, role=Role.COORDINATEUR).email)

    assert comptable.get(MESSAGES).status_code == 403
    assert (
        parent.put(MESSAGES, {"audience": "families", "text": "x"}, content_type=JSON).status_code
        == 403
    )
    assert coordinateur.get(MESSAGES).status_code == 200


def test_the_family_home_shows_the_families_and_its_modules_messages(alpha, family, parent):
    set_home_message(audience="families", text="Inscriptions ouvertes.")
    set_home_message(audience="periscolaire", text="ALAE fermé le 12.")
    set_home_message(audience="staff", text="Réunion d'équipe lundi.")

    assert parent.get(HOME).json()["messages"] == [
        {"audience": "families", "label": "Familles", "text": "Inscriptions ouvertes."}
    ]
    assert parent.get("/api/v1/family/home/").json()["home_message"] == "Inscriptions ouvertes."

    enrol(family.children.get(), make_activity())

    assert [m["audience"] for m in parent.get(HOME).json()["messages"]] == [
        "families",
        "periscolaire",
    ]
    assert family_home_message(family=family) == "Inscriptions ouvertes.\n\nALAE fermé le 12."
    assert (
        parent.get("/api/v1/family/home/").json()["home_message"]
        == "Inscriptions ouvertes.\n\nALAE fermé le 12."
    )


def test_staff_home_shows_the_staff_message_and_the_first_three_items(alpha, staff):
    set_home_message(audience="staff", text="Réunion d'équipe lundi.")
    set_home_message(audience="families", text="Pour les familles.")
    now = timezone.now()
    for i in range(4):
        make_news(title=f"Info {i}", publish_at=now - timedelta(hours=i), audience="staff")
    make_news(title="Épinglée", publish_at=now - timedelta(days=30), pinned=True)

    body = staff.get(HOME).json()

    assert body["messages"] == [
        {"audience": "staff", "label": "Personnel", "text": "Réunion d'équipe lundi."}
    ]
    assert [item["title"] for item in body["news"]] == ["Épinglée", "Info 0", "Info 1"]


def test_an_empty_message_is_hidden_and_visitors_get_no_home(alpha, parent):
    set_home_message(audience="families", text="   ")

    assert parent.get(HOME).json() == {"messages": [], "news": []}
    assert parent.get("/api/v1/family/home/").json()["home_message"] == ""
    assert new_client().get(HOME).status_code in (401, 403)


def test_the_settings_api_no_longer_has_a_home_message(alpha):
    admin = logged(HOST, make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)

    body = admin.get("/api/v1/staff/dossier/settings/").json()

    assert "home_message" not in body
    response = admin.patch(
        "/api/v1/staff/dossier/settings/", {"home_message": "ignoré"}, content_type=JSON
    )
    assert response.status_code == 200
    assert not HomeMessage.objects.exists()


def _migration():
    import importlib

    return importlib.import_module("core.communication.migrations.0002_home_message_from_dossier")


class _FakeApps:
    """The two historical models the data migration reads and writes, in memory."""

    def __init__(self, dossier_text: str | None):
        self.dossier = (
            [SimpleNamespace(pk=1, home_message=dossier_text)] if dossier_text is not None else []
        )
        self.messages: list[SimpleNamespace] = []
        apps = self

        class Rows:
            def __init__(self, rows):
                self.rows = rows

            def filter(self, **lookup):
                return Rows(
                    [r for r in self.rows if all(getattr(r, k) == v for k, v in lookup.items())]
                )

            def first(self):
                return self.rows[0] if self.rows else None

            def exists(self):
                return bool(self.rows)

            def create(self, **values):
                apps.messages.append(SimpleNamespace(**values))

        self.models = {
            ("families", "DossierSettings"): SimpleNamespace(objects=Rows(self.dossier)),
            ("communication", "HomeMessage"): SimpleNamespace(objects=Rows(self.messages)),
        }

    def get_model(self, app, name):
        return self.models[(app, name)]


def test_the_migration_copies_the_old_families_message():
    moved = _FakeApps("  Bienvenue sur le portail.  ")
    _migration().forwards(moved, None)
    assert [(m.audience, m.text) for m in moved.messages] == [
        ("families", "Bienvenue sur le portail.")
    ]

    for empty in (None, "", "   "):
        nothing = _FakeApps(empty)
        _migration().forwards(nothing, None)
        assert nothing.messages == []
