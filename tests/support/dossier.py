"""A family of the test structure with its guardian signed in, and a gestionnaire signed in:
the fixtures of the family-file tests (registered in ``conftest.py``); the payload of an online
sign-up."""

from __future__ import annotations

import pytest

from core.accounts.roles import Role
from tests.support.clients import HOST, logged
from tests.support.factories import make_family, make_user

# A complete online sign-up: one guardian, the household, one child.
SIGNUP = {
    "email": "Nouvelle.Famille@example.org",
    "password": "Inscription2026",
    "guardian": {
        "civility": "mme",
        "first_name": "Inès",
        "last_name": "Roussel",
        "phone_mobile": "06 12 34 56 78",
        "relation": "mother",
    },
    "household": {"address_line1": "3 place du Marché", "postal_code": "38250", "city": "Lans"},
    "children": [{"first_name": "Zoé", "last_name": "Roussel", "birth_date": "2017-06-01"}],
}


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
