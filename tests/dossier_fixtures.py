"""A family of the test structure with its guardian signed in, and a gestionnaire signed in:
the fixtures of the family-file tests (registered in ``conftest.py``)."""

from __future__ import annotations

import pytest
from django.test import Client

from core.accounts.roles import Role
from tests.factories import PASSWORD, make_family, make_user

JSON = "application/json"
HOST = "alpha.localhost"


def logged(host: str, email: str) -> Client:
    """A client signed in through the real login endpoint."""
    from tests.conftest import client_ip

    client = Client(HTTP_HOST=host, REMOTE_ADDR=client_ip())
    response = client.post(
        "/api/v1/auth/login", {"email": email, "password": PASSWORD}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    return client


@pytest.fixture
def family(alpha):
    family, user = make_family(tenant=alpha, children=1)
    family.parent = user
    return family


@pytest.fixture
def parent(family):
    return logged(HOST, family.parent.email)


@pytest.fixture
def self_signup(alpha):
    """The test structure opens online sign-up, with validation by its staff."""
    from core.families.models import DossierSettings

    settings = DossierSettings.current()
    settings.signup_mode = DossierSettings.SIGNUP_SELF
    settings.signup_requires_validation = True
    settings.save()
    return settings


@pytest.fixture
def staff(alpha):
    return logged(HOST, make_user(tenant=alpha, role=Role.GESTIONNAIRE).email)
