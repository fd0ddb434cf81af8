"""Logins, roles, password policy, forced change, throttling, reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from core.accounts.roles import Role
from tests.support.clients import client_ip
from tests.support.factories import PASSWORD, make_user

JSON = "application/json"


def login(client, email, password=PASSWORD):
    return client.post(
        "/api/v1/auth/login", {"email": email, "password": password}, content_type=JSON
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court1a", "trop court"),
        ("toutminuscule1", "majuscule"),
        ("TOUTMAJUSCULE1", "minuscule"),
        ("SansChiffreIci", "chiffre"),
        ("12345678", "entièrement numérique"),
    ],
)
def test_password_policy_rejects_weak_passwords_in_french(password, message):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    assert message in " ".join(exc.value.messages)


def test_password_policy_accepts_upper_lower_digit_of_eight():
    validate_password("Marelle2026")


def test_login_returns_roles_for_the_spa(alpha, alpha_client):
    user = make_user(tenant=alpha, role=Role.GESTIONNAIRE, first_name="Inès")

    response = login(alpha_client, user.email)

    assert response.status_code == 200
    data = response.json()["data"]["user"]
    assert data["roles"] == ["gestionnaire"]
    assert data["role_labels"] == ["Gestionnaire"]
    assert data["is_staff_member"] is True
    assert data["must_change_password"] is False
    assert data["first_name"] == "Inès"


def test_wrong_password_gets_a_french_error(alpha, alpha_client):
    user = make_user(tenant=alpha)

    response = login(alpha_client, user.email, "Mauvais1234")

    assert response.status_code == 400
    assert "incorrect" in response.json()["errors"][0]["message"]


def test_temporary_password_blocks_the_api_until_changed(alpha, alpha_client):
    user = make_user(tenant=alpha, password="Provisoire1", temporary=True)
    response = login(alpha_client, user.email, "Provisoire1")
    assert response.json()["data"]["user"]["must_change_password"] is True

    blocked = alpha_client.get("/api/v1/periscolaire/activity-kinds/")
    assert blocked.status_code == 403
    assert blocked.json()["code"] == "password_change_required"
    assert alpha_client.get("/api/v1/structure/").status_code == 200

    weak = alpha_client.post(
        "/api/v1/account/password/change",
        {"current_password": "Provisoire1", "new_password": "faible"},
        content_type=JSON,
    )
    assert weak.status_code == 400
    user.refresh_from_db()
    assert user.must_change_password is True

    changed = alpha_client.post(
        "/api/v1/account/password/change",
        {"current_password": "Provisoire1", "new_password": "NouveauMot2026"},
        content_type=JSON,
    )
    assert changed.status_code == 200
    user.refresh_from_db()
    assert user.must_change_password is False
    assert alpha_client.get("/api/v1/periscolaire/activity-kinds/").status_code == 200


def test_login_is_throttled_per_account_after_repeated_failures(alpha, alpha_client):
    user = make_user(tenant=alpha)
    for _ in range(5):
        assert login(alpha_client, user.email, "Mauvais1234").status_code == 400

    throttled = login(alpha_client, user.email, PASSWORD)

    assert throttled.status_code == 400
    assert throttled.json()["errors"][0]["code"] == "too_many_login_attempts"
    assert "_auth_user_id" not in alpha_client.session


def test_login_is_throttled_per_ip_across_accounts(alpha, alpha_client):
    users = [make_user(tenant=alpha) for _ in range(21)]
    for user in users[:20]:
        login(alpha_client, user.email, "Mauvais1234")

    throttled = login(alpha_client, users[20].email, PASSWORD)

    assert throttled.status_code == 400
    assert throttled.json()["errors"][0]["code"] == "too_many_login_attempts"


def test_failures_on_one_structure_do_not_lock_the_same_email_on_another(
    alpha, beta, alpha_client, beta_client
):
    email = "meme.adresse@example.org"
    make_user(tenant=alpha, email=email)
    make_user(tenant=beta, email=email)
    for _ in range(5):
        login(alpha_client, email, "Mauvais1234")

    assert login(beta_client, email).status_code == 200


def test_password_reset_sends_a_link_by_a_task_after_commit(
    alpha, alpha_client, django_capture_on_commit_callbacks
):
    user = make_user(tenant=alpha)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = alpha_client.post(
            "/api/v1/auth/password/request", {"email": user.email}, content_type=JSON
        )

    assert response.status_code == 200
    assert callbacks, "the e-mail is queued on commit"
    message = mail.outbox[-1]
    assert message.to == [user.email]
    assert message.subject.startswith("[Mairie d'Alpha]")
    assert "Mairie d'Alpha" in message.from_email
    key = re.search(r"/reinitialiser-mot-de-passe/(\S+)", message.body).group(1)
    assert "http://alpha.localhost" in message.body

    reset = alpha_client.post(
        "/api/v1/auth/password/reset", {"key": key, "password": "Renouvele2026"}, content_type=JSON
    )
    assert reset.status_code in {200, 401}
    assert (
        login(
            Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip()),
            user.email,
            "Renouvele2026",
        ).status_code
        == 200
    )
