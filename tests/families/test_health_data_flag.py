"""The family and child payloads tell the SPA whether health data may be entered: false once a
guardian refused the consent that covers medical data, as the server then refuses it."""

from core.families.models import ConsentType
from tests.support.clients import JSON, logged
from tests.support.factories import make_family


def answer(client, *, medical: bool):
    answers = [
        {"consent": c.pk, "accepted": medical if c.covers_health else True}
        for c in ConsentType.objects.filter(active=True)
    ]
    response = client.post("/api/v1/consents/", {"answers": answers}, content_type=JSON)
    assert response.status_code == 200, response.content


def flags(client) -> list[bool]:
    family = client.get("/api/v1/family/").json()
    children = client.get("/api/v1/family/children/").json()
    child = client.get(f"/api/v1/family/children/{children[0]['id']}/").json()
    return [
        family["health_data_allowed"],
        *(c["health_data_allowed"] for c in children),
        child["health_data_allowed"],
    ]


def test_health_data_flag_follows_the_medical_data_consent(alpha):
    family, user = make_family(tenant=alpha, consents=False, children=2)
    parent = logged("alpha.localhost", user.email)
    assert ConsentType.objects.filter(active=True, covers_health=True).exists()

    answer(parent, medical=False)
    assert flags(parent) == [False] * 4
    child = family.children.first()
    refused = parent.patch(
        f"/api/v1/family/children/{child.pk}/", {"allergies": "Arachide"}, content_type=JSON
    )
    assert refused.status_code == 400  # the flag says what the server does

    answer(parent, medical=True)
    assert flags(parent) == [True] * 4
    accepted = parent.patch(
        f"/api/v1/family/children/{child.pk}/", {"allergies": "Arachide"}, content_type=JSON
    )
    assert accepted.status_code == 200, accepted.content


def test_staff_see_the_familys_health_data_flag(alpha, staff):
    family, user = make_family(tenant=alpha, consents=False)
    answer(logged("alpha.localhost", user.email), medical=False)
    file = staff.get(f"/api/v1/staff/families/{family.pk}/").json()
    assert file["family"]["health_data_allowed"] is False
    assert [c["health_data_allowed"] for c in file["children"]] == [False]
