"""Each date of the family file that cannot be in the future says so about itself: a
vaccination dated tomorrow is refused about the vaccination, not about a birth date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from core.families.models import Vaccination
from core.families.validators import validate_birth_date, validate_vaccination_date
from tests.support.clients import JSON

VACCINATION_FUTURE = "La date de vaccination ne peut pas être dans le futur."
BIRTH_FUTURE = "La date de naissance ne peut pas être dans le futur."


@pytest.mark.parametrize(
    ("validator", "message"),
    [(validate_vaccination_date, VACCINATION_FUTURE), (validate_birth_date, BIRTH_FUTURE)],
)
def test_each_date_validator_names_its_own_date(clock, validator, message):
    validator(clock.today)
    with pytest.raises(ValidationError) as refused:
        validator(clock.today + timedelta(days=1))
    assert refused.value.messages == [message]


def test_a_vaccination_dated_tomorrow_is_refused_about_the_vaccination(family, parent, clock):
    child = family.children.get()
    response = parent.post(
        f"/api/v1/family/children/{child.pk}/vaccinations/",
        {"vaccine": "ROR", "date": (clock.today + timedelta(days=1)).isoformat()},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json() == {"date": [VACCINATION_FUTURE]}
    assert not child.vaccinations.exists()


def test_a_vaccination_dated_today_is_accepted(family, parent, clock):
    child = family.children.get()
    response = parent.post(
        f"/api/v1/family/children/{child.pk}/vaccinations/",
        {"vaccine": "ROR", "date": clock.today.isoformat()},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content


def test_the_child_wizard_refuses_a_future_vaccination_about_the_vaccination(parent, clock):
    response = parent.post(
        "/api/v1/family/children/",
        {
            "first_name": "Noé",
            "last_name": "Martin",
            "birth_date": "2019-03-02",
            "sex": "M",
            "vaccination_list": [
                {"vaccine": "DTP", "date": (clock.today + timedelta(days=3)).isoformat()}
            ],
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json() == {"vaccination_list": {"0": {"date": [VACCINATION_FUTURE]}}}


def test_a_future_birth_date_still_speaks_of_the_birth_date(parent, clock):
    response = parent.post(
        "/api/v1/family/children/",
        {
            "first_name": "Tom",
            "last_name": "Martin",
            "birth_date": (clock.today + timedelta(days=1)).isoformat(),
            "sex": "M",
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json() == {"birth_date": [BIRTH_FUTURE]}


def test_the_model_refuses_a_future_vaccination_with_its_own_message(family, clock):
    vaccination = Vaccination(
        child=family.children.get(), vaccine="ROR", date=clock.today + timedelta(days=1)
    )
    with pytest.raises(ValidationError) as refused:
        vaccination.full_clean()
    assert refused.value.message_dict == {"date": [VACCINATION_FUTURE]}
