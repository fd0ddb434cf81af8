"""Invisible control and format characters never reach a stored name.

A right-to-left override (U+202E) makes the end of a name display reversed in the back office
and in e-mails; a zero-width space (U+200B) makes two names that look the same, one of which a
search does not find. Both are stripped from whatever families and staff
type, by the one normaliser (``core.families.validators.clean_text``) every serializer of the
family file goes through: the parent's API, the sign-up, staff edits and the change requests
built from them."""

from __future__ import annotations

import pytest

from core.accounts.roles import Role
from core.families.models import ChangeRequest, Child, Family, FieldPolicy, Guardian, MealType
from core.families.validators import clean_text
from tests.support.clients import logged, new_client
from tests.support.dossier import SIGNUP
from tests.support.factories import eight_years_old, make_user

JSON = "application/json"
RLO, ZWSP = "\u202e", "\u200b"
TAMPERED = f"Ca{RLO}mi{ZWSP}lle"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (f"Dup{ZWSP}ont", "Dupont"),
        (f"Martin{RLO}nimda", "Martinnimda"),
        ("\u2066Léa\u2069 \u200eRose\u200f", "Léa Rose"),  # isolates and marks
        ("\ufeffNoé\u00ad\u2060", "Noé"),  # BOM, soft hyphen, word joiner
        ("Jean\u200d-\u200cPierre", "Jean-Pierre"),  # zero-width joiner and non-joiner
        ("  Jean \t\n Pierre\u00a0 ", "Jean Pierre"),  # one line: breaks and runs are a space
        ("Lo\u0069\u0308c", "Lo\u00efc"),  # composed (NFC), as the keyboard would
        (f"{ZWSP}{RLO}", ""),
    ],
)
def test_clean_text_strips_control_and_format_characters(typed, stored):
    assert clean_text(typed) == stored


def test_multiline_text_keeps_its_line_breaks_but_not_invisible_characters():
    assert clean_text(f"Arachide{RLO}\r\nLait\t(traces){ZWSP}", multiline=True) == (
        "Arachide\nLait\t(traces)"
    )


@pytest.fixture
def admin(alpha):
    return logged("alpha.localhost", make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)


def test_the_parent_api_stores_names_without_invisible_characters(family, parent):
    guardian = family.guardians.get(is_primary=True)
    response = parent.patch(
        f"/api/v1/family/guardians/{guardian.pk}/",
        {"first_name": TAMPERED, "city": f"Ly{ZWSP}on{RLO}"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    guardian.refresh_from_db()
    assert (guardian.first_name, guardian.city) == ("Camille", "Lyon")

    response = parent.post(
        "/api/v1/family/children/",
        {
            "first_name": f"No{RLO}é",
            "last_name": f"Mar{ZWSP}tin",
            "birth_date": eight_years_old(),
            "sex": "M",
            "health_notes": f"Asthme{RLO}\nVentoline",
            "persons": [{"name": f"Ma{ZWSP}mie", "relation": "Grand-mère", "phone": "0611223344"}],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    child = Child.objects.get(pk=response.json()["id"])
    assert (child.first_name, child.last_name) == ("Noé", "Martin")
    assert child.health_notes == "Asthme\nVentoline"
    assert child.authorised_persons.get().name == "Mamie"


def test_the_household_address_is_stored_without_invisible_characters(family, parent):
    response = parent.patch(
        "/api/v1/family/", {"address_line1": f"3 rue{RLO} des Lilas{ZWSP}"}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    family.refresh_from_db()
    assert family.address_line1 == "3 rue des Lilas"


def test_a_name_of_invisible_characters_only_is_an_empty_name(family, parent):
    guardian = family.guardians.get(is_primary=True)
    response = parent.patch(
        f"/api/v1/family/guardians/{guardian.pk}/",
        {"last_name": f"{ZWSP}{RLO}"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["last_name"] == ["Ce champ ne peut être vide."]
    guardian.refresh_from_db()
    assert guardian.last_name.startswith("Martin")


def test_a_change_request_holds_and_applies_the_cleaned_name(family, parent, staff):
    FieldPolicy.objects.create(field="guardian.last_name", mode="validated")
    guardian = family.guardians.get(is_primary=True)
    response = parent.patch(
        f"/api/v1/family/guardians/{guardian.pk}/",
        {"last_name": f"Ber{RLO}nard{ZWSP}"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    request = ChangeRequest.objects.get(family=family)
    assert request.changes["last_name"]["after"] == "Bernard"
    decided = staff.post(
        "/api/v1/staff/change-requests/decide/",
        {"ids": [request.pk], "decision": "accept"},
        content_type=JSON,
    )
    assert decided.status_code == 200, decided.content
    guardian.refresh_from_db()
    assert guardian.last_name == "Bernard"


def test_the_sign_up_stores_names_without_invisible_characters(alpha):
    from core.families.models import DossierSettings

    settings = DossierSettings.current()
    settings.signup_mode = DossierSettings.SIGNUP_SELF
    settings.save()
    payload = {
        **SIGNUP,
        "email": f"ines.roussel{ZWSP}@example.org",
        "guardian": {
            **SIGNUP["guardian"],
            "first_name": f"In{RLO}ès",
            "last_name": f"Rous{ZWSP}sel",
        },
        "household": {**SIGNUP["household"], "city": f"La{RLO}ns"},
        "children": [
            {"first_name": f"Zo{ZWSP}é", "last_name": f"{RLO}Roussel", "birth_date": "2017-06-01"}
        ],
    }
    response = new_client().post("/api/v1/signup/", payload, content_type=JSON)
    assert response.status_code == 201, response.content
    family = Family.objects.get()
    guardian = family.guardians.get()
    child = family.children.get()
    assert (family.name, family.city) == ("ROUSSEL", "Lans")
    assert (guardian.first_name, guardian.last_name) == ("Inès", "Roussel")
    assert guardian.email == guardian.user.email == "ines.roussel@example.org"
    assert (child.first_name, child.last_name) == ("Zoé", "Roussel")


def test_staff_edits_store_names_without_invisible_characters(family, staff):
    guardian = family.guardians.get(is_primary=True)
    child = family.children.get()
    base = f"/api/v1/staff/families/{family.pk}"
    edits = [
        (f"{base}/guardians/{guardian.pk}/", {"last_name": f"Dup{ZWSP}ont{RLO}"}),
        (f"{base}/children/{child.pk}/", {"first_name": TAMPERED}),
        (f"{base}/", {"city": f"Vi{RLO}enne"}),
    ]
    for url, payload in edits:
        response = staff.patch(url, payload, content_type=JSON)
        assert response.status_code == 200, response.content
    guardian.refresh_from_db()
    child.refresh_from_db()
    family.refresh_from_db()
    assert (guardian.last_name, child.first_name, family.city) == ("Dupont", "Camille", "Vienne")


def test_a_family_created_by_staff_has_names_without_invisible_characters(alpha, staff):
    response = staff.post(
        "/api/v1/staff/families/new/",
        {
            "household": {"address_line1": "1 rue Haute", "postal_code": "69001", "city": "Lyon"},
            "guardian": {"first_name": TAMPERED, "last_name": f"Du{ZWSP}rand"},
            "account": "none",
            "children": [
                {"first_name": f"Ti{RLO}m", "last_name": "Durand", "birth_date": eight_years_old()}
            ],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    family = Family.objects.get(pk=response.json()["id"])
    assert family.name == "DURAND"
    assert Guardian.objects.get(family=family).first_name == "Camille"
    assert family.children.get().first_name == "Tim"


def test_labels_the_structure_types_are_cleaned_too(admin):
    response = admin.post(
        "/api/v1/staff/meal-types/", {"label": f"Sans{ZWSP} gluten{RLO}"}, content_type=JSON
    )
    assert response.status_code == 201, response.content
    assert MealType.objects.get(pk=response.json()["id"]).label == "Sans gluten"
