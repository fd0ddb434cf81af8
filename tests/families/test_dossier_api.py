"""The family file through the API: policies, change requests, consents, missing items."""

from datetime import timedelta

import pytest
from django.core import mail
from django_tenants.utils import tenant_context

from core.accounts.roles import Role
from core.families.models import (
    AuthorisationQuestion,
    ChangeRequest,
    ConsentType,
    FieldPolicy,
    MealType,
)
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user


def test_editable_field_is_saved_at_once_and_recorded_in_history(family, parent, staff):
    response = parent.patch("/api/v1/family/", {"city": "Vienne"}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["family"]["city"] == "Vienne"
    assert response.json()["applied"] == ["city"]
    history = staff.get(f"/api/v1/staff/families/{family.pk}/history/").json()
    update = next(e for e in history if e["action"] == "Modification")
    assert update["changes"] == [{"field": "ville", "before": "Lyon", "after": "Vienne"}]
    assert update["author"] == str(family.parent.get_full_name())


def test_validated_field_becomes_a_request_applied_only_when_staff_accept(family, parent, staff):
    response = parent.patch(
        "/api/v1/family/", {"regime": "caf", "allocataire_number": "1234567"}, content_type=JSON
    )
    body = response.json()
    assert response.status_code == 200
    assert body["family"]["allocataire_number"] == ""
    [request] = body["requests"]
    assert request["category"] == "caf" and request["status"] == "pending"

    pending = staff.get("/api/v1/staff/change-requests/").json()["results"]
    assert [r["id"] for r in pending] == [request["id"]]
    decided = staff.post(
        "/api/v1/staff/change-requests/decide/",
        {"ids": [request["id"]], "decision": "accept"},
        content_type=JSON,
    )
    assert decided.status_code == 200, decided.content
    assert parent.get("/api/v1/family/").json()["allocataire_number"] == "1234567"
    mine = parent.get("/api/v1/family/requests/?category=caf").json()
    assert mine[0]["status"] == "accepted"


def test_refusing_requests_needs_a_reason_and_emails_it(
    family, parent, staff, django_capture_on_commit_callbacks
):
    request_id = parent.patch(
        "/api/v1/family/", {"iban": "FR7630006000011234567890189"}, content_type=JSON
    ).json()["requests"][0]["id"]
    no_reason = staff.post(
        "/api/v1/staff/change-requests/decide/",
        {"ids": [request_id], "decision": "refuse"},
        content_type=JSON,
    )
    assert no_reason.status_code == 400
    assert "motif" in no_reason.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        refused = staff.post(
            "/api/v1/staff/change-requests/decide/",
            {"ids": [request_id], "decision": "refuse", "reason": "RIB illisible"},
            content_type=JSON,
        )
    assert refused.status_code == 200
    assert "RIB illisible" in mail.outbox[-1].body
    assert parent.get("/api/v1/family/requests/").json()[0]["reason"] == "RIB illisible"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"iban": "FR7630006000011234567890180"}, "iban", "IBAN invalide"),
        ({"phone": "12345"}, "phone", "Numéro de téléphone invalide"),
        ({"postal_code": "7500"}, "postal_code", "Code postal invalide"),
        ({"bic": "XX"}, "bic", "BIC invalide"),
    ],
)
def test_bad_household_input_gets_a_french_message_and_changes_nothing(
    family, parent, payload, field, message
):
    response = parent.patch("/api/v1/family/", payload, content_type=JSON)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not ChangeRequest.objects.filter(family=family).exists()


def test_birth_date_in_the_future_is_refused(family, parent, clock):
    tomorrow = (clock.today + timedelta(days=1)).isoformat()
    response = parent.post(
        "/api/v1/family/children/",
        {"first_name": "Tom", "last_name": "Martin", "birth_date": tomorrow, "sex": "M"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "futur" in response.content.decode()


@pytest.mark.parametrize("day", ["2999-01-01", "0001-01-01", "9999-12-31"])
def test_date_outside_the_sane_range_is_refused_in_french(family, parent, day):
    response = parent.post(
        "/api/v1/family/children/",
        {"first_name": "Tom", "last_name": "Martin", "birth_date": day, "sex": "M"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "Date hors limites" in " ".join(response.json()["birth_date"])
    assert not family.children.filter(first_name="Tom").exists()


def test_read_only_and_hidden_fields_cannot_be_changed(family, parent):
    FieldPolicy.objects.create(field="family.city", mode="read_only")
    FieldPolicy.objects.create(field="family.phone", mode="hidden")
    response = parent.patch("/api/v1/family/", {"city": "Vienne"}, content_type=JSON)
    assert response.status_code == 400
    assert "pas modifiable" in response.json()["city"][0]
    assert "phone" not in parent.get("/api/v1/family/").json()


def test_email_change_is_restricted_to_staff_by_default(family, parent):
    guardian = family.guardians.get(is_primary=True)
    response = parent.patch(
        f"/api/v1/family/guardians/{guardian.pk}/", {"email": "new@example.org"}, content_type=JSON
    )
    assert response.status_code == 400


def test_child_wizard_creates_child_with_health_authorisations_and_persons(family, parent):
    question = AuthorisationQuestion.objects.create(label="Droit à l'image")
    meal = MealType.objects.create(label="Végétarien")
    guardian = family.guardians.get(is_primary=True)
    response = parent.post(
        "/api/v1/family/children/",
        {
            "first_name": "Noé",
            "last_name": "Martin",
            "birth_date": "2019-03-02",
            "sex": "M",
            "allergies": "Arachide",
            "meal_type": meal.pk,
            "relations": {str(guardian.pk): "father"},
            "authorisation_answers": [{"question": question.pk, "value": True}],
            "persons": [{"name": "Mamie", "relation": "Grand-mère", "phone": "0611223344"}],
            "vaccination_list": [{"vaccine": "DTP", "date": "2020-01-10"}],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    child = response.json()
    assert child["meal_type_label"] == "Végétarien"
    answers = {a["question"]: a["value"] for a in child["authorisations"]}
    assert answers.pop(question.pk) is True
    assert set(answers.values()) == {None}  # the structure's other questions, unanswered
    assert child["authorised_persons"][0]["phone"] == "+33611223344"


def test_another_familys_child_answers_404(alpha, family, parent):
    other, _ = make_family(tenant=alpha)
    child = other.children.get()
    assert parent.get(f"/api/v1/family/children/{child.pk}/").status_code == 404
    assert (
        parent.patch(
            f"/api/v1/family/children/{child.pk}/", {"allergies": "x"}, content_type=JSON
        ).status_code
        == 404
    )
    assert (
        parent.put(
            f"/api/v1/family/children/{child.pk}/authorisations/",
            {"answers": []},
            content_type=JSON,
        ).status_code
        == 404
    )


def test_a_family_of_another_structure_is_invisible(beta, family):
    alpha_child = family.children.get().pk
    other, user = make_family(tenant=beta)
    with tenant_context(beta):
        other_child = other.children.get().pk
    beta_parent = logged("beta.localhost", user.email)
    assert beta_parent.get(f"/api/v1/family/children/{other_child}/").status_code == 200
    assert beta_parent.get(f"/api/v1/family/children/{alpha_child}/").status_code == 404
    beta_staff_user = make_user(tenant=beta, role=Role.GESTIONNAIRE)
    beta_staff = logged("beta.localhost", beta_staff_user.email)
    assert beta_staff.get(f"/api/v1/staff/families/{family.pk}/").status_code == 404


def test_consents_are_answered_and_dated(family, parent):
    ConsentType.objects.update(active=False)  # the structure's defaults
    consent = ConsentType.objects.create(label="Données médicales", text="J'accepte…")
    assert parent.get("/api/v1/family/home/").json()["pending_consents"] == 1
    response = parent.post(
        "/api/v1/consents/",
        {"answers": [{"consent": consent.pk, "accepted": True}]},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert response.json()[0]["accepted"] is True and response.json()[0]["answered_at"]
    assert parent.get("/api/v1/family/home/").json()["pending_consents"] == 0


def test_missing_items_list_fields_consents_and_authorisations_with_links(family, parent):
    consent = ConsentType.objects.create(label="Données personnelles", text="…")
    question = AuthorisationQuestion.objects.create(label="Sorties")
    FieldPolicy.objects.create(field="child.doctor_name", mode="editable", required=True)
    items = parent.get("/api/v1/family/missing/").json()
    codes = {item["code"] for item in items}
    child = family.children.get()
    assert f"child.doctor_name:{child.pk}" in codes
    assert f"authorisation:{question.pk}:{child.pk}" in codes
    assert f"consent:{consent.pk}" in codes
    link = next(i["link"] for i in items if i["code"] == f"child.doctor_name:{child.pk}")
    assert link == f"/mes-enfants/{child.pk}?section=sante"


def test_parents_cannot_reach_staff_endpoints(parent):
    assert parent.get("/api/v1/staff/families/").status_code == 403
    assert parent.get("/api/v1/staff/change-requests/").status_code == 403


def test_staff_search_by_child_name_number_and_email(family, staff):
    child = family.children.get()
    for q in (child.first_name, str(family.number), family.parent.email):
        results = staff.get("/api/v1/staff/families/", {"q": q}).json()["results"]
        assert [r["id"] for r in results] == [family.pk], q


def test_children_list_costs_the_same_queries_for_one_or_six_children(
    alpha, django_assert_max_num_queries
):
    family, user = make_family(tenant=alpha, children=6)
    parent = logged("alpha.localhost", user.email)
    with django_assert_max_num_queries(16):
        response = parent.get("/api/v1/family/children/")
    assert len(response.json()) == 6


def test_staff_family_search_is_batched(alpha, staff, django_assert_max_num_queries):
    for _ in range(8):
        make_family(tenant=alpha, children=2)
    with django_assert_max_num_queries(12):
        response = staff.get("/api/v1/staff/families/")
    assert response.json()["count"] >= 8


def test_missing_items_cost_the_same_queries_for_one_or_six_children(
    alpha, django_assert_max_num_queries
):
    from core.families.services.missing import missing_items

    family, user = make_family(tenant=alpha, children=6)
    with django_assert_max_num_queries(14):
        missing_items(family=family, user=user)
