"""Online sign-up does not tell whether an address already has an account: a known address
gets the same answer as a new one, after the same work (one password hashed with the real
hasher, the same rows written, one e-mail sent), so neither the answer nor its timing tells.

No timing is asserted (the suite forbids timed assertions): the work is counted instead."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.accounts.models import User
from core.families.models import Family
from tests.support.clients import new_client
from tests.support.dossier import SIGNUP
from tests.support.factories import make_user

JSON = "application/json"
KNOWN = "deja.inscrit@example.org"
NEW = "nouvelle.famille@example.org"


class CountingHasher(MD5PasswordHasher):
    """The hasher the product is configured with, counted: each password hashed adds one."""

    hashed = 0

    def encode(self, password, salt):
        type(self).hashed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_signup_enumeration.CountingHasher"]
    CountingHasher.hashed = 0
    return CountingHasher


@pytest.fixture
def known_address(alpha, counting_hasher):
    user = make_user(tenant=alpha, email=KNOWN)
    counting_hasher.hashed = 0
    return user


@dataclass
class Attempt:
    status: int
    body: dict
    hashes: int
    emails: list
    inserts: Counter


def attempt(capture, payload: dict) -> Attempt:
    hashed_before, sent_before = CountingHasher.hashed, len(mail.outbox)
    with capture(execute=True), CaptureQueriesContext(connection) as queries:
        response = new_client().post("/api/v1/signup/", payload, content_type=JSON)
    # Searched, not matched: pghistory prefixes each statement with its context.
    inserts = Counter(
        table
        for query in queries.captured_queries
        for table in re.findall(r'INSERT INTO "(\w+)"', query["sql"])
    )
    return Attempt(
        status=response.status_code,
        body=response.json(),
        hashes=CountingHasher.hashed - hashed_before,
        emails=mail.outbox[sent_before:],
        inserts=inserts,
    )


def test_a_known_address_gets_the_same_answer_as_a_new_one(
    self_signup, known_address, django_capture_on_commit_callbacks
):
    new = attempt(django_capture_on_commit_callbacks, {**SIGNUP, "email": NEW})
    known = attempt(django_capture_on_commit_callbacks, {**SIGNUP, "email": KNOWN})

    assert new.status == known.status == 201
    # The body echoes the address typed, and says nothing else that differs.
    assert known.body == {**new.body, "email": KNOWN}


def test_a_known_address_costs_the_same_work_as_a_new_one(
    self_signup, known_address, django_capture_on_commit_callbacks
):
    new = attempt(django_capture_on_commit_callbacks, {**SIGNUP, "email": NEW})
    known = attempt(django_capture_on_commit_callbacks, {**SIGNUP, "email": KNOWN})

    assert new.hashes == known.hashes == 1
    assert [m.to for m in new.emails] == [[NEW]]
    assert [m.to for m in known.emails] == [[KNOWN]]
    # The same rows are written (then rolled back for the known address): a transaction of
    # the same weight, the household validated the same way.
    assert known.inserts == new.inserts
    assert {"accounts_user", "families_family", "families_guardian", "families_child"} <= set(
        known.inserts
    )


def test_a_known_address_keeps_nothing_of_the_attempt(
    self_signup, known_address, django_capture_on_commit_callbacks
):
    users = set(User.objects.values_list("pk", "email", "password"))
    attempt(django_capture_on_commit_callbacks, {**SIGNUP, "email": KNOWN})
    assert set(User.objects.values_list("pk", "email", "password")) == users
    assert not Family.objects.exists()


def test_the_owner_of_a_known_address_is_told_in_french_that_someone_tried(
    self_signup, known_address, django_capture_on_commit_callbacks
):
    [message] = attempt(django_capture_on_commit_callbacks, {**SIGNUP, "email": KNOWN}).emails
    assert message.subject == "[Mairie d'Alpha] Tentative d'inscription avec votre adresse e-mail"
    assert "Vous avez déjà un compte avec cette adresse" in message.body
    assert KNOWN in message.body
    assert "http://alpha.localhost" in message.body and "/mot-de-passe-oublie" in message.body


@pytest.mark.parametrize(
    "change",
    [
        # Unlike either address, so that the similarity check says the same of both.
        {"password": "qwz"},
        {"household": {**SIGNUP["household"], "postal_code": "ABCDE"}},
        {"guardian": {**SIGNUP["guardian"], "first_name": "\u200b"}},
    ],
)
def test_bad_input_is_refused_alike_for_a_known_and_a_new_address(
    self_signup, known_address, django_capture_on_commit_callbacks, change
):
    new = attempt(django_capture_on_commit_callbacks, {**SIGNUP, **change, "email": NEW})
    known = attempt(django_capture_on_commit_callbacks, {**SIGNUP, **change, "email": KNOWN})
    assert new.status == known.status == 400
    assert new.body == known.body
    assert new.emails == known.emails == []
