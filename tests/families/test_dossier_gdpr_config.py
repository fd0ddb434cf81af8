"""GDPR export and anonymisation, retention, applicable QF, configuration by the structure."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from core.accounts.roles import Role
from core.families.models import Family, FieldPolicy, QuotientDeclaration
from core.families.services.gdpr import anonymise_inactive_families
from core.families.services.quotient import applicable_quotient
from tests.support.clients import JSON, logged
from tests.support.clock import BILLING_TESTS_NOW
from tests.support.factories import make_family, make_user

pytestmark = pytest.mark.frozen_at(BILLING_TESTS_NOW)


@pytest.fixture
def admin(alpha):
    user = make_user(tenant=alpha, role=Role.ADMINISTRATEUR)
    return logged("alpha.localhost", user.email)


@pytest.fixture
def family(alpha):
    family, user = make_family(tenant=alpha)
    family.parent = user
    return family


def test_export_is_a_zip_with_the_whole_file(family, admin):
    response = admin.get(f"/api/v1/staff/families/{family.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    dossier = json.loads(archive.read("dossier.json"))
    assert dossier["famille"]["number"] == family.number
    assert dossier["enfants"][0]["first_name"].startswith("Léa")


def test_anonymisation_replaces_names_and_drops_the_history(family, admin):
    child = family.children.get()
    admin.patch(f"/api/v1/staff/families/{family.pk}/", {"city": "Vienne"}, content_type=JSON)
    assert admin.post(f"/api/v1/staff/families/{family.pk}/anonymise/").status_code == 204
    family.refresh_from_db()
    child.refresh_from_db()
    assert family.name == "Anonyme" and family.city == "" and family.number
    assert child.first_name == "Anonyme" and child.allergies == ""
    family.parent.refresh_from_db()
    assert not family.parent.is_active and family.parent.email.endswith("@invalid.invalid")
    assert not family.events.filter(city="Vienne").exists()
    assert admin.get(f"/api/v1/staff/families/{family.pk}/").status_code == 404


def test_only_administrators_anonymise(family, alpha):
    gestionnaire = logged("alpha.localhost", make_user(tenant=alpha, role=Role.GESTIONNAIRE).email)
    assert gestionnaire.post(f"/api/v1/staff/families/{family.pk}/anonymise/").status_code == 403


def test_files_past_the_retention_period_are_anonymised(family, clock):
    Family.objects.filter(pk=family.pk).update(last_activity_at=clock.now - timedelta(days=365 * 4))
    assert anonymise_inactive_families() == 1
    family.refresh_from_db()
    assert family.is_anonymised


def test_applicable_quotient_is_the_declaration_covering_the_date(family):
    accepted = QuotientDeclaration.STATUS_ACCEPTED
    QuotientDeclaration.objects.create(
        family=family,
        value=700,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
        status=accepted,
    )
    QuotientDeclaration.objects.create(
        family=family, value=450, valid_from=date(2026, 9, 1), status=accepted
    )
    QuotientDeclaration.objects.create(family=family, value=10, valid_from=date(2026, 10, 1))
    assert applicable_quotient(family=family, on=date(2026, 3, 1)).value == 700
    assert applicable_quotient(family=family, on=date(2026, 10, 1)).value == 450
    assert applicable_quotient(family=family, on=date(2025, 10, 1)) is None


def test_parent_declares_a_quotient_with_ordered_dates(family):
    parent = logged("alpha.localhost", family.parent.email)
    bad = parent.post(
        "/api/v1/family/quotients/",
        {"value": 650, "valid_from": "2026-09-01", "valid_until": "2026-01-01"},
        content_type=JSON,
    )
    assert bad.status_code == 400
    ok = parent.post(
        "/api/v1/family/quotients/", {"value": 650, "valid_from": "2026-09-01"}, content_type=JSON
    )
    assert ok.status_code == 201 and ok.json()["source"] == "family"


def test_field_policies_are_configured_with_locked_fields_protected(admin):
    rows = admin.get("/api/v1/staff/dossier/field-policies/").json()
    assert {r["field"] for r in rows} >= {"family.iban", "child.allergies"}
    locked = admin.put(
        "/api/v1/staff/dossier/field-policies/",
        {"policies": [{"field": "child.first_name", "mode": "hidden", "required": False}]},
        content_type=JSON,
    )
    assert locked.status_code == 400
    ok = admin.put(
        "/api/v1/staff/dossier/field-policies/",
        {"policies": [{"field": "child.allergies", "mode": "validated", "required": True}]},
        content_type=JSON,
    )
    assert ok.status_code == 200
    assert FieldPolicy.objects.get(field="child.allergies").required


def test_configuration_lists_are_edited_by_administrators_only(admin, alpha):
    created = admin.post(
        "/api/v1/staff/meal-types/", {"label": "Sans gluten", "order": 9}, content_type=JSON
    )
    assert created.status_code == 201
    animateur = logged("alpha.localhost", make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    assert (
        animateur.post("/api/v1/staff/meal-types/", {"label": "X"}, content_type=JSON).status_code
        == 403
    )


def test_a_quotient_proof_must_be_one_of_the_familys_documents(family, alpha):
    import uuid

    parent = logged("alpha.localhost", family.parent.email)
    response = parent.post(
        "/api/v1/family/quotients/",
        {"value": 650, "valid_from": "2026-09-01", "proof": str(uuid.uuid4())},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["proof"] == ["Document introuvable."]
