"""The structure's rules hold on every path: creation, e-mail, consents, roles, decisions."""

import pytest

from core.accounts.roles import Role
from core.families.models import (
    AuthorisationQuestion,
    ChangeRequest,
    ConsentAnswer,
    ConsentType,
    Family,
    FieldPolicy,
    QuotientDeclaration,
)
from core.families.services.quotient import applicable_quotient
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

CHILD = {"first_name": "Noé", "last_name": "Martin", "birth_date": "2019-03-02", "sex": "M"}


def test_child_creation_refuses_read_only_fields_and_hidden_collections(family, parent):
    FieldPolicy.objects.create(field="child.allergies", mode="read_only")
    FieldPolicy.objects.create(field="child.vaccinations", mode="hidden")
    for extra, field in (
        ({"allergies": "Arachide"}, "allergies"),
        ({"vaccination_list": [{"vaccine": "DTP", "date": "2020-01-01"}]}, "vaccinations"),
    ):
        response = parent.post("/api/v1/family/children/", {**CHILD, **extra}, content_type=JSON)
        assert response.status_code == 400, response.content
        assert field in response.json()
    assert family.children.count() == 1


def test_validated_fields_of_a_new_child_become_a_request(family, parent):
    response = parent.post(
        "/api/v1/family/children/",
        {**CHILD, "has_pai": True, "pai_details": "Asthme"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["has_pai"] is False
    request = ChangeRequest.objects.get(family=family, category="sante")
    assert request.changes["pai_details"]["after"] == "Asthme"


def test_guardian_creation_follows_policies_and_required_fields(family, parent):
    FieldPolicy.objects.create(field="guardian.employer", mode="hidden")
    hidden = parent.post(
        "/api/v1/family/guardians/",
        {
            "first_name": "Paul",
            "last_name": "Martin",
            "phone_mobile": "0611223344",
            "employer": "ACME",
        },
        content_type=JSON,
    )
    assert hidden.status_code == 400 and "employer" in hidden.json()
    no_phone = parent.post(
        "/api/v1/family/guardians/",
        {"first_name": "Paul", "last_name": "Martin"},
        content_type=JSON,
    )
    assert no_phone.status_code == 400 and "phone_mobile" in no_phone.json()
    with_email = parent.post(
        "/api/v1/family/guardians/",
        {
            "first_name": "Paul",
            "last_name": "Martin",
            "phone_mobile": "0611223344",
            "email": "paul@example.org",
        },
        content_type=JSON,
    )
    assert with_email.status_code == 400 and "email" in with_email.json()
    assert family.guardians.count() == 1


def test_login_email_cannot_be_changed_by_the_parent_through_allauth(family, parent):
    response = parent.post(
        "/api/v1/account/email", {"email": "autre@example.org"}, content_type=JSON
    )
    assert response.status_code == 400
    assert "auprès de la structure" in response.json()["errors"][0]["message"]


def test_writes_wait_for_the_consents(alpha):
    family, user = make_family(tenant=alpha, consents=False)
    parent = logged("alpha.localhost", user.email)
    response = parent.patch("/api/v1/family/", {"city": "Vienne"}, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Répondez d'abord")
    assert parent.get("/api/v1/family/").status_code == 200


def test_a_refused_account_validated_later_can_log_in(alpha, staff):
    family, user = make_family(tenant=alpha)
    Family.objects.filter(pk=family.pk).update(status=Family.STATUS_AWAITING_VALIDATION)
    staff.post(
        f"/api/v1/staff/families/{family.pk}/refuse/", {"reason": "Doublon"}, content_type=JSON
    )
    assert staff.post(f"/api/v1/staff/families/{family.pk}/validate/").status_code == 200
    logged("alpha.localhost", user.email)


def test_a_consent_type_in_use_is_switched_off_and_its_answers_kept(family, alpha):
    admin = logged("alpha.localhost", make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)
    consent = ConsentType.objects.first()
    assert admin.delete(f"/api/v1/staff/consent-types/{consent.pk}/").status_code == 204
    consent.refresh_from_db()
    assert not consent.active
    assert ConsentAnswer.objects.filter(consent=consent, user=family.parent).exists()


def test_the_accountant_sees_no_health_record_and_cannot_export(family, alpha):
    comptable = logged("alpha.localhost", make_user(tenant=alpha, role=Role.COMPTABLE).email)
    file = comptable.get(f"/api/v1/staff/families/{family.pk}/").json()
    assert file["children"] == []
    assert comptable.get(f"/api/v1/staff/families/{family.pk}/export/").status_code == 403


def test_a_request_is_decided_once(family, parent, staff):
    request_id = parent.patch(
        "/api/v1/family/", {"allocataire_number": "42"}, content_type=JSON
    ).json()["requests"][0]["id"]
    decide = {"ids": [request_id], "decision": "accept"}
    assert (
        staff.post("/api/v1/staff/change-requests/decide/", decide, content_type=JSON).status_code
        == 200
    )
    again = staff.post(
        "/api/v1/staff/change-requests/decide/",
        {**decide, "decision": "refuse", "reason": "Non"},
        content_type=JSON,
    )
    assert again.status_code == 400
    assert ChangeRequest.objects.get(pk=request_id).status == "accepted"


def test_an_authorisation_request_on_a_removed_question_is_refused_cleanly(family, parent, staff):
    question = AuthorisationQuestion.objects.create(label="Poney")
    FieldPolicy.objects.create(field="child.authorisations", mode="validated")
    child = family.children.get()
    request_id = parent.put(
        f"/api/v1/family/children/{child.pk}/authorisations/",
        {"answers": [{"question": question.pk, "value": True}]},
        content_type=JSON,
    ).json()["requests"][0]["id"]
    question.delete()
    response = staff.post(
        "/api/v1/staff/change-requests/decide/",
        {"ids": [request_id], "decision": "accept"},
        content_type=JSON,
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/family/missing/?child=²",
        "/api/v1/staff/families/?q=²",
        "/api/v1/staff/change-requests/?family=²",
    ],
)
def test_unicode_digits_in_ids_do_not_break_anything(family, parent, staff, url):
    client = parent if "/family/" in url else staff
    assert client.get(url).status_code in {200, 400}


def test_a_familys_quotient_prices_nothing_until_staff_accept_it(family, parent, staff):
    from datetime import date

    created = parent.post(
        "/api/v1/family/quotients/", {"value": 1, "valid_from": "2026-01-01"}, content_type=JSON
    ).json()
    assert created["status"] == "pending"
    assert applicable_quotient(family=family, on=date(2026, 6, 1)) is None
    decided = staff.post(
        f"/api/v1/staff/families/{family.pk}/quotients/{created['id']}/decide/",
        {"decision": "accept"},
        content_type=JSON,
    )
    assert decided.status_code == 200, decided.content
    assert applicable_quotient(family=family, on=date(2026, 6, 1)).value == 1
    staff_entry = staff.post(
        f"/api/v1/staff/families/{family.pk}/quotients/",
        {"value": 820, "valid_from": "2026-09-01"},
        content_type=JSON,
    )
    assert staff_entry.json()["status"] == QuotientDeclaration.STATUS_ACCEPTED


def test_anonymisation_blanks_reasons_and_keeps_only_the_birth_year(family, alpha):
    admin = logged("alpha.localhost", make_user(tenant=alpha, role=Role.ADMINISTRATEUR).email)
    Family.objects.filter(pk=family.pk).update(refusal_reason="Famille Martin en doublon")
    admin.post(f"/api/v1/staff/families/{family.pk}/anonymise/")
    family.refresh_from_db()
    child = family.children.get()
    assert family.refusal_reason == ""
    assert (child.birth_date.month, child.birth_date.day) == (1, 1)


def test_login_counts_as_activity(family):
    Family.objects.filter(pk=family.pk).update(last_activity_at="2020-01-01T00:00:00Z")
    logged("alpha.localhost", family.parent.email)
    family.refresh_from_db()
    assert family.last_activity_at.year >= 2026


def test_refusing_the_medical_data_consent_keeps_health_data_out(alpha):
    family, user = make_family(tenant=alpha, consents=False)
    parent = logged("alpha.localhost", user.email)
    answers = [
        {"consent": c.pk, "accepted": not c.covers_health} for c in ConsentType.objects.all()
    ]
    assert (
        parent.post("/api/v1/consents/", {"answers": answers}, content_type=JSON).status_code == 200
    )
    child = family.children.get()
    refused = parent.patch(
        f"/api/v1/family/children/{child.pk}/", {"allergies": "Arachide"}, content_type=JSON
    )
    assert refused.status_code == 400
    assert "données médicales" in refused.json()["allergies"][0]
    school = parent.patch(
        f"/api/v1/family/children/{child.pk}/", {"school_name": "École Jaurès"}, content_type=JSON
    )
    assert school.status_code == 200
    vaccination = parent.post(
        f"/api/v1/family/children/{child.pk}/vaccinations/",
        {"vaccine": "DTP", "date": "2020-01-01"},
        content_type=JSON,
    )
    assert vaccination.status_code == 400


def test_staff_correct_a_guardian_and_a_child_directly(family, staff):
    guardian = family.guardians.get(is_primary=True)
    child = family.children.get()
    moved = staff.patch(
        f"/api/v1/staff/families/{family.pk}/guardians/{guardian.pk}/",
        {"email": "nouvelle.adresse@example.org", "profession": "Infirmière"},
        content_type=JSON,
    )
    assert moved.status_code == 200, moved.content
    family.parent.refresh_from_db()
    assert family.parent.email == "nouvelle.adresse@example.org"
    logged("alpha.localhost", "nouvelle.adresse@example.org")
    health = staff.patch(
        f"/api/v1/staff/families/{family.pk}/children/{child.pk}/",
        {"has_pai": True, "pai_details": "Asthme"},
        content_type=JSON,
    )
    assert health.status_code == 200 and health.json()["has_pai"] is True
    assert not ChangeRequest.objects.filter(family=family).exists()
    notes = staff.put(
        f"/api/v1/staff/families/{family.pk}/notes/",
        {"notes": "Appeler le soir"},
        content_type=JSON,
    )
    assert notes.json() == {"notes": "Appeler le soir"}


def test_staff_edits_stay_inside_the_family(alpha, family, staff):
    other, _ = make_family(tenant=alpha)
    other_child = other.children.get().pk
    response = staff.patch(
        f"/api/v1/staff/families/{family.pk}/children/{other_child}/",
        {"allergies": "x"},
        content_type=JSON,
    )
    assert response.status_code == 404
