"""Signing a contract: online acceptance by the family (time and user kept), upload of the
signed PDF (a disguised file refused), « signé sur papier » by staff; another family's
contract is a 404, a contract not to sign a refusal."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.accounts.roles import Role
from core.documents.models import Document
from modules.creche.models import Contract
from modules.creche.services.signature import CONTRACT_KEY
from tests.support.clients import HOST, logged
from tests.support.creche import make_establishment, make_toddler
from tests.support.creche_contracts import (
    make_contract,
)
from tests.support.factories import make_family, make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.frozen_at("2027-03-01T10:00:00+01:00"),
]

API = "/api/v1/creche/contracts/"
STAFF = "/api/v1/creche/staff/contracts/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MONDAYS = [{"week": "A", "weekday": 0, "arrival": "08:00", "departure": "12:00"}]


@pytest.fixture
def contract(family):
    place = make_establishment(open_from=date(2027, 3, 1))
    return make_contract(
        family=family,
        child=make_toddler(family),
        establishment=place,
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
        schedule=MONDAYS,
        state=Contract.PROPOSED,
    )


def test_family_reads_then_accepts_online(parent, family, contract):
    page = parent.get(f"{API}{contract.pk}/").json()
    assert page["state"] == "proposed"
    assert page["terms"][0]["rate_steps"][0].startswith("Ressources annuelles")
    assert page["pdf_url"] == f"{API}{contract.pk}/contract.pdf"

    refused = parent.post(f"{API}{contract.pk}/accept", {"accepted": False}, "application/json")
    assert refused.status_code == 400
    assert "J'ai lu et j'accepte" in refused.json()["accepted"][0]

    response = parent.post(f"{API}{contract.pk}/accept", {"accepted": True}, "application/json")
    assert response.status_code == 200, response.content
    contract.refresh_from_db()
    assert contract.state == Contract.SIGNED
    assert contract.signature == Contract.SIGNED_ONLINE
    assert contract.signed_by == family.parent
    assert contract.signed_at == timezone.now()
    # Signed once: a second acceptance is refused.
    again = parent.post(f"{API}{contract.pk}/accept", {"accepted": True}, "application/json")
    assert again.status_code == 400


def test_family_uploads_the_signed_pdf(parent, family, contract):
    upload = SimpleUploadedFile("contrat signé.pdf", PDF, content_type="application/pdf")
    response = parent.post(f"{API}{contract.pk}/upload", {"file": upload})
    assert response.status_code == 200, response.content
    contract.refresh_from_db()
    assert contract.state == Contract.SIGNED
    assert contract.signature == Contract.SIGNED_UPLOAD
    document = contract.signed_document
    assert document.document_type.default_key == CONTRACT_KEY
    assert (document.family, document.child) == (family, contract.child)
    assert response.json()["signed_document"]["url"] == f"/api/v1/documents/{document.uuid}/file"


def test_a_disguised_file_is_refused_and_nothing_changes(parent, contract):
    fake = SimpleUploadedFile(
        "contrat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = parent.post(f"{API}{contract.pk}/upload", {"file": fake})
    assert response.status_code == 400
    assert "file" in response.json()
    contract.refresh_from_db()
    assert contract.state == Contract.PROPOSED
    assert not Document.objects.filter(document_type__default_key=CONTRACT_KEY).exists()


def test_staff_note_a_paper_signature(staff, contract):
    response = staff.post(f"{STAFF}{contract.pk}/signed-on-paper")
    assert response.status_code == 200, response.content
    assert response.json()["signature"] == "paper"
    assert response.json()["state"] == "signed"


def test_another_family_gets_404_everywhere(alpha, contract):
    _, other = make_family(tenant=alpha)
    client = logged(HOST, other.email)
    assert client.get(f"{API}{contract.pk}/").status_code == 404
    assert client.post(f"{API}{contract.pk}/accept", {"accepted": True}).status_code == 404
    upload = SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf")
    assert client.post(f"{API}{contract.pk}/upload", {"file": upload}).status_code == 404
    assert client.get(f"{API}{contract.pk}/contract.pdf").status_code == 404
    contract.refresh_from_db()
    assert contract.state == Contract.PROPOSED


def test_a_draft_is_not_shown_to_the_family(parent, family, contract):
    Contract.objects.filter(pk=contract.pk).update(state=Contract.DRAFT)
    assert parent.get(f"{API}{contract.pk}/").status_code == 404
    assert parent.get(API).json() == []


def test_staff_cannot_sign_for_the_family_online(alpha, contract):
    client = logged(HOST, make_user(tenant=alpha, role=Role.GESTIONNAIRE).email)
    assert client.post(f"{API}{contract.pk}/accept", {"accepted": True}).status_code == 403


# The FILOUÉ consent, on the contract -----------------------------------------------------------
def test_the_filoue_consent_is_given_with_the_online_signature(parent, family, contract):
    page = parent.get(f"{API}{contract.pk}/").json()
    assert page["filoue_consent"] is False and page["filoue_consent_at"] is None

    response = parent.post(
        f"{API}{contract.pk}/accept",
        {"accepted": True, "filoue_consent": True},
        "application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["filoue_consent"] is True
    contract.refresh_from_db()
    assert contract.filoue_consent is True
    assert (contract.filoue_consent_by, contract.filoue_consent_at) == (
        family.parent,
        timezone.now(),
    )


def test_the_filoue_consent_is_changed_later_and_staff_see_it(staff, parent, family, contract):
    Contract.objects.filter(pk=contract.pk).update(state=Contract.SIGNED)
    url = f"{API}{contract.pk}/filoue-consent"

    given = parent.post(url, {"filoue_consent": True}, "application/json")
    assert given.status_code == 200, given.content
    assert given.json()["filoue_consent"] is True
    seen = staff.get(f"{STAFF}{contract.pk}/").json()
    assert seen["filoue_consent"] is True
    assert seen["filoue_consent_by_name"]

    withdrawn = parent.post(url, {"filoue_consent": False}, "application/json")
    assert withdrawn.status_code == 200
    contract.refresh_from_db()
    assert contract.filoue_consent is False
    assert parent.post(url, {}, "application/json").status_code == 400


def test_another_family_cannot_set_the_filoue_consent(alpha, contract):
    _, other = make_family(tenant=alpha)
    client = logged(HOST, other.email)
    response = client.post(
        f"{API}{contract.pk}/filoue-consent", {"filoue_consent": True}, "application/json"
    )
    assert response.status_code == 404
    contract.refresh_from_db()
    assert contract.filoue_consent is False


def test_a_guardian_without_an_answer_is_not_blocked(parent, contract):
    # No consent of the core is created for FILOUÉ: a guardian's other requests go through.
    response = parent.post(
        f"{API}{contract.pk}/filoue-consent", {"filoue_consent": False}, "application/json"
    )
    assert response.status_code == 200
    assert parent.get(API).status_code == 200
