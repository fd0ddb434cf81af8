"""The coordinator sets the wish campaign and the structure's séjours settings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import DomainError
from modules.sejours.models import Campaign, SejoursSettings
from modules.sejours.services.campaigns import create_campaign, update_campaign
from modules.sejours.services.settings import update_settings
from tests.support.sejours import make_campaign

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

URL = "/api/v1/sejours/staff/campaigns/"


def campaign_data(**overrides) -> dict:
    now = timezone.now()
    data = {
        "label": "Été 2027",
        "season": "2027",
        "opens_at": now,
        "closes_at": now + timedelta(days=30),
        "max_wishes": 3,
        "criteria": ["quotient_band", "wish_date"],
    }
    return {**data, **overrides}


def test_create_campaign_keeps_the_criteria_order(family):
    campaign = create_campaign(data=campaign_data(), by=family.parent)
    assert campaign.criteria == ["quotient_band", "wish_date"]
    assert campaign.is_open()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"closes_at": timedelta(days=-1)}, "closes_at"),  # relative to the opening
        ({"max_wishes": 0}, "max_wishes"),
        ({"max_wishes": 6}, "max_wishes"),
        ({"criteria": ["lottery"]}, "criteria"),
        ({"criteria": ["resident", "resident"]}, "criteria"),
    ],
)
def test_campaign_refusals_are_french_and_on_the_field(family, overrides, field):
    data = campaign_data()
    for key, value in overrides.items():
        # A date is given relative to the frozen opening: never to the day the tests collect.
        data[key] = data["opens_at"] + value if isinstance(value, timedelta) else value
    with pytest.raises(DomainError) as refused:
        create_campaign(data=data, by=family.parent)
    assert field in refused.value.fields
    assert not Campaign.objects.exists()


def test_published_campaign_only_changes_its_label(family):
    campaign = make_campaign(status=Campaign.STATUS_PUBLISHED)
    with pytest.raises(DomainError):
        update_campaign(campaign=campaign, data={"max_wishes": 2}, by=family.parent)
    update_campaign(campaign=campaign, data={"label": "Été (publié)"}, by=family.parent)
    assert Campaign.objects.get().label == "Été (publié)"


def test_staff_creates_and_reorders_criteria_through_the_api(staff):
    data = campaign_data()
    body = {**data, "opens_at": data["opens_at"].isoformat()}
    body["closes_at"] = data["closes_at"].isoformat()
    created = staff.post(URL, body, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]

    changed = staff.patch(
        f"{URL}{pk}/",
        {"criteria": ["wish_date", "quotient_band", "resident"], "max_wishes": 2},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["criteria"] == ["wish_date", "quotient_band", "resident"]

    refused = staff.patch(f"{URL}{pk}/", {"max_wishes": 9}, content_type="application/json")
    assert refused.status_code == 400
    assert "vœux" in refused.json()["max_wishes"][0]
    assert staff.get(URL).json()[0]["is_open"] is True


def test_settings_vacaf_bands_must_ascend(staff, family):
    with pytest.raises(DomainError):
        update_settings(data={"vacaf_bands": [["600", "20"], ["400", "30"]]}, by=family.parent)
    with pytest.raises(DomainError):
        update_settings(data={"vacaf_bands": [["400", "-3"]]}, by=family.parent)

    answer = staff.patch(
        "/api/v1/sejours/staff/settings/",
        {"accept_days": 10, "vacaf_bands": [["450", "28.50"], ["700", "18"]]},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    settings = SejoursSettings.current()
    assert settings.accept_days == 10
    assert settings.vacaf_bands == [["450", "28.50"], ["700", "18"]]


def test_parents_cannot_read_campaigns_or_settings(parent):
    assert parent.get(URL).status_code == 403
    assert parent.get("/api/v1/sejours/staff/settings/").status_code == 403
