"""The password checklist's endpoint: the server's own rules for a candidate password, the
same verdict and French messages as sign-up and the password change, nothing about accounts."""

import pytest

from tests.support.clients import JSON, logged, new_client
from tests.support.dossier import SIGNUP
from tests.support.factories import PASSWORD, make_family

URL = "/api/v1/password/check/"
RULES = ["longueur", "majuscule", "minuscule", "chiffre", "ressemblance", "courant", "numerique"]


def check(client, password, **values):
    return client.post(URL, {"password": password, **values}, content_type=JSON)


def failed(answer) -> list[str]:
    return [rule["id"] for rule in answer["rules"] if not rule["passed"]]


def test_lists_every_rule_the_server_applies_with_its_french_label(alpha_client):
    answer = check(alpha_client, "Motdepasse2026").json()
    assert [rule["id"] for rule in answer["rules"]] == RULES
    labels = {rule["id"]: rule["label"] for rule in answer["rules"]}
    assert labels["ressemblance"] == "Ne ressemble pas à votre nom ou à votre adresse e-mail"
    assert labels["courant"] == "N'est pas un mot de passe trop courant"
    assert labels["longueur"] == "Contient au moins 8 caractères"


def test_a_password_like_the_family_name_is_refused_with_the_signups_message(
    alpha_client, self_signup
):
    # Four green boxes of the old checklist (length, upper, lower, digit), refused all the same.
    password = "Roussel2026"
    guardian = SIGNUP["guardian"]
    answer = check(
        alpha_client,
        password,
        email=SIGNUP["email"],
        first_name=guardian["first_name"],
        last_name=guardian["last_name"],
    ).json()
    assert answer["valid"] is False
    assert failed(answer) == ["ressemblance"]
    similarity = next(rule for rule in answer["rules"] if rule["id"] == "ressemblance")

    signup = new_client().post(
        "/api/v1/signup/", {**SIGNUP, "password": password}, content_type=JSON
    )
    assert signup.status_code == 400
    refused = signup.json()["password"]
    assert answer["errors"] == refused
    assert similarity["message"] == refused[0]
    assert "trop semblable" in refused[0]


def test_a_good_password_passes_every_rule(alpha_client):
    answer = check(
        alpha_client, "Cerf-volant7", email="ines.roussel@example.org", last_name="Roussel"
    ).json()
    assert answer == {
        "valid": True,
        "rules": [{**rule, "passed": True, "message": ""} for rule in answer["rules"]],
        "errors": [],
    }


@pytest.mark.parametrize(
    ("password", "failing"),
    [
        ("", ["longueur", "majuscule", "minuscule", "chiffre"]),
        ("Azerty123", ["courant"]),
        ("12345678", ["majuscule", "minuscule", "courant", "numerique"]),
        ("court1A", ["longueur"]),
    ],
)
def test_each_rule_fails_on_its_own(alpha_client, password, failing):
    answer = check(alpha_client, password).json()
    assert answer["valid"] is False
    assert failed(answer) == failing


def test_signed_in_the_accounts_own_name_counts_not_the_values_sent(alpha):
    family, user = make_family(tenant=alpha, first_name="Gaspard")
    client = logged("alpha.localhost", user.email)
    answer = check(client, "Gaspard2026!", first_name="Autre", last_name="Nom").json()
    assert failed(answer) == ["ressemblance"]
    change = client.post(
        "/api/v1/account/password/change",
        {"current_password": PASSWORD, "new_password": "Gaspard2026!"},
        content_type=JSON,
    )
    assert change.status_code == 400
    assert change.json()["errors"][0]["message"] == answer["errors"][0]


def test_says_nothing_about_accounts(alpha):
    """An address with an account and one without get the same answer: nothing is looked up."""
    _, user = make_family(tenant=alpha)
    client = new_client()
    known = check(client, "Cerf-volant7", email=user.email).json()
    unknown = check(client, "Cerf-volant7", email="personne@example.org").json()
    assert known == unknown


def test_is_throttled_per_client_address(alpha):
    client = new_client()
    statuses = [check(client, "Cerf-volant7").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429
    assert check(new_client(), "Cerf-volant7").status_code == 200
