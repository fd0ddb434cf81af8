"""Getting an account: online sign-up, e-mail confirmation, validation by the structure,
accounts created by staff."""

import json
import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core import mail

from core.accounts.models import User
from core.accounts.roles import Role
from core.families.models import Family
from tests.support.clients import new_client
from tests.support.dossier import SIGNUP
from tests.support.factories import PASSWORD, make_user

JSON = "application/json"


def login(client, email, password):
    return client.post(
        "/api/v1/auth/login", {"email": email, "password": password}, content_type=JSON
    )


@pytest.fixture
def staff(alpha):
    user = make_user(tenant=alpha, role=Role.GESTIONNAIRE)
    client = new_client()
    assert login(client, user.email, PASSWORD).status_code == 200
    return client


def sign_up(client, captured, payload=SIGNUP):
    with captured(execute=True):
        response = client.post("/api/v1/signup/", payload, content_type=JSON)
    return response


def confirm(client) -> None:
    # The SPA route receives the key URL-decoded (as React Router's params are).
    key = unquote(re.search(r"/confirmer-email/(\S+)", mail.outbox[-1].body).group(1))
    response = client.post("/api/v1/auth/email/verify", {"key": key}, content_type=JSON)
    assert response.status_code in {200, 401}, response.content


def test_sign_up_is_closed_unless_the_structure_opens_it(alpha):
    response = new_client().post("/api/v1/signup/", SIGNUP, content_type=JSON)
    assert response.status_code == 403
    assert "contactez la structure" in response.json()["detail"]
    assert not Family.objects.exists()


def test_sign_up_then_confirm_then_staff_validation(
    self_signup, staff, django_capture_on_commit_callbacks
):
    client = new_client()
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 201, response.content
    family = Family.objects.get()
    assert family.status == Family.STATUS_EMAIL_UNCONFIRMED
    assert family.guardians.get().phone_mobile == "+33612345678"
    assert family.children.get().guardian_links.get().relation == "mother"
    assert "Confirmez votre adresse e-mail" in mail.outbox[-1].subject
    assert "Mairie d'Alpha" in mail.outbox[-1].body

    # Not confirmed yet: no login.
    assert login(new_client(), "nouvelle.famille@example.org", "Inscription2026").status_code == 401

    confirm(new_client())
    family.refresh_from_db()
    assert family.status == Family.STATUS_AWAITING_VALIDATION
    pending = staff.get("/api/v1/staff/accounts/pending/").json()["results"]
    assert [f["id"] for f in pending] == [family.pk]

    # The family may log in and complete its file while it waits.
    parent = new_client()
    assert login(parent, "nouvelle.famille@example.org", "Inscription2026").status_code == 200
    assert parent.get("/api/v1/family/home/").json()["status"] == "awaiting_validation"

    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(f"/api/v1/staff/families/{family.pk}/validate/").status_code == 200
    family.refresh_from_db()
    assert family.status == Family.STATUS_ACTIVE
    assert "validé" in mail.outbox[-1].body


def test_refused_account_gets_the_reason_and_cannot_log_in(
    self_signup, staff, django_capture_on_commit_callbacks
):
    client = new_client()
    sign_up(client, django_capture_on_commit_callbacks)
    confirm(client)
    family = Family.objects.get()
    assert (
        staff.post(f"/api/v1/staff/families/{family.pk}/refuse/", {}, content_type=JSON).status_code
        == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/api/v1/staff/families/{family.pk}/refuse/",
            {"reason": "Famille hors commune"},
            content_type=JSON,
        )
    assert response.status_code == 200
    assert "Famille hors commune" in mail.outbox[-1].body
    assert login(new_client(), "nouvelle.famille@example.org", "Inscription2026").status_code != 200


def test_sign_up_without_validation_activates_on_confirmation(
    self_signup, django_capture_on_commit_callbacks
):
    self_signup.signup_requires_validation = False
    self_signup.save()
    client = new_client()
    sign_up(client, django_capture_on_commit_callbacks)
    confirm(client)
    assert Family.objects.get().status == Family.STATUS_ACTIVE


def test_sign_up_with_a_known_address_reveals_nothing_and_creates_nothing(
    self_signup, alpha, django_capture_on_commit_callbacks
):
    make_user(tenant=alpha, email="deja.inscrit@example.org")
    response = sign_up(
        new_client(),
        django_capture_on_commit_callbacks,
        {**SIGNUP, "email": "deja.inscrit@example.org"},
    )
    assert response.status_code == 201
    assert not Family.objects.exists()
    assert mail.outbox[-1].to == ["deja.inscrit@example.org"]


TOMORROW = "<demain>"  # replaced by the day after the test's frozen today


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"password": "faible"}, "8 caractères"),
        ({"household": {**SIGNUP["household"], "postal_code": "ABCDE"}}, "Code postal invalide"),
        ({"guardian": {**SIGNUP["guardian"], "phone_mobile": "123"}}, "téléphone invalide"),
        (
            {"children": [{"first_name": "A", "last_name": "B", "birth_date": TOMORROW}]},
            "futur",
        ),
    ],
)
def test_bad_sign_up_input_is_refused_in_french_and_creates_nothing(
    self_signup, clock, change, message
):
    body = json.loads(
        json.dumps({**SIGNUP, **change}).replace(
            TOMORROW, (clock.today + timedelta(days=1)).isoformat()
        )
    )
    response = new_client().post("/api/v1/signup/", body, content_type=JSON)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        not Family.objects.exists()
        and not User.objects.filter(email="nouvelle.famille@example.org").exists()
    )


def test_dry_run_checks_one_step_without_creating_anything(self_signup):
    response = new_client().post(
        "/api/v1/signup/",
        {"dry_run": True, "household": {**SIGNUP["household"], "postal_code": "1"}},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "postal_code" in response.json()["household"]
    ok = new_client().post(
        "/api/v1/signup/", {"dry_run": True, "guardian": SIGNUP["guardian"]}, content_type=JSON
    )
    assert ok.status_code == 200
    assert not Family.objects.exists()


def test_staff_create_a_family_with_a_temporary_password(staff):
    response = staff.post(
        "/api/v1/staff/families/new/",
        {
            "household": {"address_line1": "1 rue Haute", "postal_code": "69001", "city": "Lyon"},
            "guardian": {
                "first_name": "Jean",
                "last_name": "Dupont",
                "phone_mobile": "0601020304",
                "email": "jean.dupont@example.org",
            },
            "account": "temporary_password",
            "temporary_password": "Provisoire2026",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    client = new_client()
    assert login(client, "jean.dupont@example.org", "Provisoire2026").status_code == 200
    assert client.get("/api/v1/family/").status_code == 403  # must change the password first


def test_staff_create_a_family_with_an_invitation(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            "/api/v1/staff/families/new/",
            {
                "household": {
                    "address_line1": "1 rue Haute",
                    "postal_code": "69001",
                    "city": "Lyon",
                },
                "guardian": {
                    "first_name": "Jeanne",
                    "last_name": "Durand",
                    "phone_mobile": "0601020304",
                    "email": "jeanne.durand@example.org",
                },
                "account": "invitation",
            },
            content_type=JSON,
        )
    assert response.status_code == 201, response.content
    assert "/reinitialiser-mot-de-passe/" in mail.outbox[-1].body


def test_a_second_guardian_gets_a_login_of_their_own(alpha, staff):
    from tests.support.factories import make_family

    family, _ = make_family(tenant=alpha)
    second = family.guardians.create(
        first_name="Paul", last_name="Martin", email="paul.martin@example.org"
    )
    response = staff.post(
        f"/api/v1/staff/families/{family.pk}/guardians/{second.pk}/login/",
        {"account": "temporary_password", "temporary_password": "Provisoire2026"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["has_login"] is True
    assert login(new_client(), "paul.martin@example.org", "Provisoire2026").status_code == 200
    again = staff.post(
        f"/api/v1/staff/families/{family.pk}/guardians/{second.pk}/login/", {}, content_type=JSON
    )
    assert again.status_code == 400


def test_sign_up_follows_the_structures_required_fields(self_signup):
    from core.families.models import FieldPolicy

    without_phone = {**SIGNUP, "guardian": {**SIGNUP["guardian"], "phone_mobile": ""}}
    response = new_client().post("/api/v1/signup/", without_phone, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["guardian"]["phone_mobile"] == ["Ce champ est obligatoire."]

    FieldPolicy.objects.create(field="guardian.phone_mobile", mode="hidden")
    response = new_client().post("/api/v1/signup/", without_phone, content_type=JSON)
    assert response.status_code == 201, response.content
