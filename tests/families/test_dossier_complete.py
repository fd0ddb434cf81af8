"""A file completed by the family and checked by staff leaves nothing missing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from core.accounts.roles import Role
from core.documents.models import DocumentType
from core.families.models import AuthorisationQuestion, ConsentType
from tests.support.clients import JSON, logged
from tests.support.factories import make_family, make_user

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_missing_list_empties_once_consents_authorisations_and_documents_are_done(alpha):
    family, user = make_family(tenant=alpha, consents=False)
    child = family.children.get()
    parent = logged("alpha.localhost", user.email)
    staff = logged("alpha.localhost", make_user(tenant=alpha, role=Role.GESTIONNAIRE).email)

    missing = parent.get("/api/v1/family/missing/").json()
    kinds = {item["kind"] for item in missing}
    assert kinds == {"consent", "authorisation", "document"}, missing

    parent.post(
        "/api/v1/consents/",
        {"answers": [{"consent": c.pk, "accepted": True} for c in ConsentType.objects.all()]},
        content_type=JSON,
    )
    parent.put(
        f"/api/v1/family/children/{child.pk}/authorisations/",
        {
            "answers": [
                {"question": q.pk, "value": True} for q in AuthorisationQuestion.objects.all()
            ]
        },
        content_type=JSON,
    )
    for item in parent.get("/api/v1/documents/requirements/").json()["items"]:
        data = {
            "document_type": item["document_type"]["id"],
            "file": SimpleUploadedFile("piece.pdf", PDF, content_type="application/pdf"),
        }
        if item["child"]:
            data["child"] = item["child"]["id"]
        if item["document_type"]["validity"] == DocumentType.VALIDITY_DATED:
            data["valid_until"] = "2099-12-31"
        uploaded = parent.post("/api/v1/documents/", data)
        assert uploaded.status_code == 201, uploaded.content
        review = staff.post(
            f"/api/v1/staff/documents/{uploaded.json()['uuid']}/review",
            {"decision": "accept"},
            content_type=JSON,
        )
        assert review.status_code == 200, review.content

    assert parent.get("/api/v1/family/missing/").json() == []
    assert parent.get("/api/v1/family/home/").json()["missing"] == []
