"""The services' refusals reach the client through one handler (api/errors.py), in the shape
the SPA reads: ``{"<field>": [message]}`` or ``{"detail": [message]}``, with a ``code``."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError

from api.errors import exception_handler
from core.billing.services.runs import RunError
from core.errors import DomainError
from core.families.models import QuotientDeclaration
from tests.support.clients import JSON
from tests.support.factories import make_user


def answer(exc: Exception) -> tuple[int, dict]:
    response = exception_handler(exc, {})
    assert response is not None, exc
    return response.status_code, response.data


# --- DomainError -------------------------------------------------------------------------------


def test_a_refusal_about_no_field_is_under_detail_with_its_code():
    assert answer(DomainError("Rien à facturer.", code="run_empty")) == (
        400,
        {"detail": ["Rien à facturer."], "code": "run_empty"},
    )


def test_a_refusal_about_a_field_is_under_that_field():
    refused = DomainError("Indiquez le motif.", field="reason", code="reason_required")
    assert answer(refused) == (400, {"reason": ["Indiquez le motif."], "code": "reason_required"})
    assert refused.field == "reason" and str(refused) == "Indiquez le motif."


def test_a_refusal_about_several_fields_sums_them_up_in_its_message():
    refused = DomainError(fields={"start": "Date invalide.", "end": ["Trop tôt.", "Fermé."]})
    assert answer(refused) == (
        400,
        {"start": ["Date invalide."], "end": ["Trop tôt.", "Fermé."], "code": "refused"},
    )
    assert refused.message == "Date invalide. Trop tôt. Fermé."


def test_a_service_error_class_gives_its_code_and_a_raise_a_finer_one():
    assert answer(RunError("Refusé."))[1]["code"] == "run_refused"
    assert answer(RunError("Refusé.", code="run_not_draft"))[1]["code"] == "run_not_draft"


def test_an_error_class_may_carry_its_status():
    class Conflict(DomainError):
        status_code = 409
        code = "conflict"

    assert answer(Conflict("Déjà fait.")) == (409, {"detail": ["Déjà fait."], "code": "conflict"})


@pytest.mark.parametrize("name", ["code", "detail"])
def test_no_field_takes_the_bodys_own_keys(name):
    with pytest.raises(ValueError):
        DomainError("Non.", field=name)


def test_a_refusal_says_why():
    with pytest.raises(ValueError):
        DomainError("")


# --- Django's ValidationError and PermissionDenied --------------------------------------------


def test_a_django_validation_error_by_field_keeps_its_fields():
    exc = DjangoValidationError({"email": ["Adresse prise."], "phone": "Numéro invalide."})
    assert answer(exc) == (400, {"email": ["Adresse prise."], "phone": ["Numéro invalide."]})


def test_a_django_validation_error_without_fields_is_under_detail():
    assert answer(DjangoValidationError(["Un.", "Deux."])) == (400, {"detail": ["Un.", "Deux."]})


def test_a_django_validation_error_gives_its_code_when_it_has_one():
    exc = DjangoValidationError("Identifiant réservé.", code="reserved_slug")
    assert answer(exc) == (400, {"detail": ["Identifiant réservé."], "code": "reserved_slug"})


def test_django_permission_denied_keeps_its_french_message():
    assert answer(PermissionDenied("Inscriptions fermées.")) == (
        403,
        {"detail": "Inscriptions fermées."},
    )


# --- Through the API -----------------------------------------------------------------------------


def test_a_views_refusal_comes_from_the_service_with_its_field_and_code(family, parent, staff):
    created = parent.post(
        "/api/v1/family/quotients/", {"value": 640, "valid_from": "2026-01-01"}, content_type=JSON
    ).json()
    decide = f"/api/v1/staff/families/{family.pk}/quotients/{created['id']}/decide/"
    no_reason = staff.post(decide, {"decision": "refuse"}, content_type=JSON)
    assert no_reason.status_code == 400
    assert no_reason.json() == {
        "reason": ["Indiquez le motif du refus."],
        "code": "reason_required",
    }
    assert staff.post(decide, {"decision": "accept"}, content_type=JSON).status_code == 200
    again = staff.post(decide, {"decision": "refuse", "reason": "Faux"}, content_type=JSON)
    assert again.status_code == 400
    assert again.json() == {
        "decision": ["Ce quotient a déjà été vérifié."],
        "code": "already_decided",
    }
    declaration = QuotientDeclaration.objects.get(pk=created["id"])
    assert declaration.status == QuotientDeclaration.STATUS_ACCEPTED


def test_a_proof_of_another_family_is_unknown(family, parent):
    refused = parent.post(
        "/api/v1/family/quotients/",
        {"value": 640, "valid_from": "2026-01-01", "proof": "0b5f1c4e-8d4a-4c1e-9a57-1f2a3b4c5d6e"},
        content_type=JSON,
    )
    assert refused.status_code == 400
    assert refused.json() == {"proof": ["Document introuvable."], "code": "proof_not_found"}
    assert not family.quotients.exists()


def test_a_login_address_taken_undoes_the_staffs_correction(alpha, family, staff):
    taken = make_user(tenant=alpha).email
    guardian = family.guardians.get(is_primary=True)
    before = (guardian.email, guardian.profession)
    refused = staff.patch(
        f"/api/v1/staff/families/{family.pk}/guardians/{guardian.pk}/",
        {"email": taken, "profession": "Infirmière"},
        content_type=JSON,
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "email": ["Un compte existe déjà avec cette adresse e-mail."],
        "code": "email_taken",
    }
    guardian.refresh_from_db()
    assert (guardian.email, guardian.profession) == before
