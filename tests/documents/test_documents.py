"""Required documents: uploads, review, requirements, expiry, editions, isolation, defaults."""

from __future__ import annotations

import io
import re
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import tenant_context
from PIL import Image

from core.accounts.roles import Role
from core.documents.defaults import install_document_types
from core.documents.editions import render_health_form_html
from core.documents.models import Document, DocumentType
from core.documents.services import (
    document_requirements,
    expire_documents,
    school_year_end,
    structure_today,
)
from core.documents.tasks import expire_documents_everywhere
from core.documents.uploads import normalise_filename
from core.families.models import (
    AuthorisationAnswer,
    AuthorisationQuestion,
    AuthorisedPerson,
    Child,
    DossierSettings,
    Family,
    Guardian,
    Vaccination,
)
from core.families.services.consents import answer_consents, pending_consents
from core.modules import registry
from core.tenancy.routing import tenant_base_url
from tests.support.clients import client_ip
from tests.support.factories import make_user

JSON = "application/json"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def make_household(tenant, *, name="MARTIN", children=("Léa",)):
    with tenant_context(tenant):
        user = make_user(first_name="Claire", last_name=name.title())
        family = Family.objects.create(name=name, city="Lyon")
        Guardian.objects.create(
            family=family,
            user=user,
            is_primary=True,
            first_name="Claire",
            last_name=name.title(),
            phone_mobile="+33612345678",
        )
        answer_consents(user=user, answers={c.pk: True for c in pending_consents(user=user)})
        kids = [kid(family, first, last_name=name) for first in children]
    return family, user, kids


def kid(family, first_name, *, last_name="M", born=date(2016, 5, 4)) -> Child:
    return Child.objects.create(
        family=family, first_name=first_name, last_name=last_name, birth_date=born
    )


def client_for(tenant, user) -> Client:
    client = Client(HTTP_HOST=f"{tenant.slug}.localhost", REMOTE_ADDR=client_ip())
    with tenant_context(tenant):
        client.force_login(user)
    return client


@pytest.fixture
def household(alpha):
    return make_household(alpha)


@pytest.fixture
def parent(alpha, household):
    return client_for(alpha, household[1])


@pytest.fixture
def staff(alpha):
    return client_for(alpha, make_user(tenant=alpha, role=Role.GESTIONNAIRE, first_name="Inès"))


@pytest.fixture
def admin(alpha):
    return client_for(alpha, make_user(tenant=alpha, role=Role.ADMINISTRATEUR))


@pytest.fixture
def insurance(alpha):
    return DocumentType.objects.create(name="Assurance scolaire", scope="family", order=1)


@pytest.fixture
def vaccines(alpha):
    return DocumentType.objects.create(name="Vaccins", scope="child", order=2)


def upload(client, document_type, content=PDF, *, name="attestation.pdf", **extra):
    data = {"document_type": document_type.pk, "file": SimpleUploadedFile(name, content)}
    data.update({k: v.pk if hasattr(v, "pk") else v for k, v in extra.items()})
    return client.post("/api/v1/documents/", data)


def review(client, document: dict, decision: str, reason: str | None = None):
    data = {"decision": decision} if reason is None else {"decision": decision, "reason": reason}
    url = f"/api/v1/staff/documents/{document['uuid']}/review"
    return client.post(url, data, content_type=JSON)


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


TYPES = "/api/v1/staff/document-types/"
HEALTH = "health_form"


# Uploads ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data", "mime", "extension"),
    [
        ("attestation.pdf", PDF, "application/pdf", "pdf"),
        ("photo.jpeg", image_bytes("JPEG"), "image/jpeg", "jpg"),
        ("scan.png", image_bytes("PNG"), "image/png", "png"),
    ],
)
def test_pdf_jpeg_and_png_are_stored_under_a_random_name_and_served_back(
    alpha, parent, insurance, name, data, mime, extension
):
    response = upload(parent, insurance, data, name=name)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == mime and body["original_name"] == name
    assert body["status"] == "awaiting_review"
    stored = Document.objects.get(uuid=body["uuid"]).file.name
    assert re.fullmatch(rf"tenants/{alpha.pk}/documents/[0-9a-f]{{32}}\.{extension}", stored)
    download = parent.get(body["file_url"])
    assert download.status_code == 200 and content(download) == data
    assert download["Content-Type"] == mime
    assert download["X-Content-Type-Options"] == "nosniff"
    assert f'filename="{name}"' in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "n'est pas un PDF, JPEG ou PNG valide."),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "n'est pas un PDF, JPEG ou PNG valide."),
        ("Un texte renommé en .pdf\n".encode() * 20, "n'est pas un PDF, JPEG ou PNG valide."),
        (b"\xff\xd8\xff\xe0" + b"pas une image" * 10, "L'image semble incomplète ou abîmée."),
        (b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml" + b"\x00" * 300, "au format PDF"),
        (b"", "Le fichier est vide."),
        (PDF + b"0" * (1024 * 1024), "la taille maximale est de 1 Mo."),
    ],
    ids=["elf", "exe", "text", "fake-jpeg", "docx", "empty", "too-big"],
)
def test_refused_files_get_a_french_message_and_nothing_is_stored(
    alpha, parent, insurance, data, message
):
    limits = DossierSettings.current()
    limits.max_upload_mb = 1
    limits.save()
    before = stored_files()

    response = upload(parent, insurance, data, name="attestation.pdf")

    assert response.status_code == 400
    assert message in response.json()["file"][0]
    assert not Document.objects.exists()
    assert stored_files() == before


def test_odd_file_names_are_normalised_for_display_and_download(alpha, parent, insurance):
    response = upload(parent, insurance, name="bilan/2025:final?.pdf")
    # Django's parser keeps the last path component; the rest is ours.
    assert response.status_code == 201
    assert response.json()["original_name"] == "2025_final.pdf"
    download = parent.get(response.json()["file_url"])
    assert 'filename="2025_final.pdf"' in download["Content-Disposition"]
    accents = upload(parent, insurance, name='Fiche "Léa" : août?.pdf').json()
    assert accents["original_name"] == "Fiche _Léa_ _ août.pdf"


@pytest.mark.parametrize(
    ("name", "mime", "expected"),
    [
        ("bilan/2025:final?.pdf", "application/pdf", "2025_final.pdf"),
        ("bilan 2025:final?.pdf", "application/pdf", "bilan 2025_final.pdf"),
        ("C:\\Users\\Zoé\\Bureau\\Scan école.PDF", "application/pdf", "Scan école.pdf"),
        ('l\'assurance "2025".pdf', "application/pdf", "l\u2019assurance _2025.pdf"),
        ("facture\u202egpj.exe", "application/pdf", "facturegpj.pdf"),  # RTL override gone
        ("photo.HEIC", "image/jpeg", "photo.jpg"),
        ("photo.JPEG", "image/jpeg", "photo.jpeg"),
        ("rapport v1.2", "application/pdf", "rapport v1.2.pdf"),
        ("  \t", "image/png", "document.png"),
        ("a" * 300 + ".pdf", "application/pdf", "a" * 196 + ".pdf"),
    ],
)
def test_file_name_normalisation(name, mime, expected):
    assert normalise_filename(name, content_type=mime) == expected


# Scope and validity ----------------------------------------------------------------------------
def test_scope_rules_are_checked(alpha, parent, household, insurance, vaccines):
    _, _, [lea] = household

    with_child = upload(parent, insurance, child=lea)
    without_child = upload(parent, vaccines)
    ok = upload(parent, vaccines, child=lea)

    assert "ne choisissez pas d'enfant" in with_child.json()["child"][0]
    assert "Choisissez l'enfant" in without_child.json()["child"][0]
    assert ok.status_code == 201 and ok.json()["child"]["id"] == lea.pk


def test_dated_type_needs_a_future_date_and_school_year_ends_on_31_august(alpha, parent):
    dated = DocumentType.objects.create(name="QF", scope="family", validity="dated")
    yearly = DocumentType.objects.create(name="Assurance", scope="family")
    today = structure_today()
    missing = upload(parent, dated)
    past = upload(parent, dated, valid_until=(today - timedelta(days=1)).isoformat())
    future = upload(parent, dated, valid_until=(today + timedelta(days=90)).isoformat())
    school = upload(parent, yearly, valid_until="2099-01-01")
    assert "jusqu'à quelle date" in missing.json()["valid_until"][0]
    assert "dans le futur" in past.json()["valid_until"][0]
    assert future.json()["valid_until"] == (today + timedelta(days=90)).isoformat()
    assert school.json()["valid_until"] == school_year_end(today).isoformat()


def test_school_year_runs_from_september_to_august():
    end = date(2027, 8, 31)
    assert school_year_end(date(2026, 9, 1)) == school_year_end(date(2027, 8, 31)) == end
    assert school_year_end(date(2026, 8, 31)) == date(2026, 8, 31)


# Isolation -------------------------------------------------------------------------------------
def test_another_familys_document_and_child_answer_404(alpha, parent, insurance, vaccines):
    other_family, other_user, [other_child] = make_household(alpha, name="DURAND")
    theirs = upload(client_for(alpha, other_user), insurance).json()

    assert parent.get(theirs["file_url"]).status_code == 404
    assert upload(parent, vaccines, child=other_child).status_code == 404
    assert parent.get(f"/api/v1/editions/health-form/{other_child.pk}").status_code == 404
    assert parent.get(f"/api/v1/documents/requirements/?child={other_child.pk}").status_code == 404
    assert parent.get("/api/v1/documents/").json()["results"] == []
    assert Document.objects.filter(family=other_family).count() == 1


def test_another_structures_document_answers_404_on_its_host(alpha, beta, parent, insurance):
    document = upload(parent, insurance).json()
    _, beta_user, _ = make_household(beta, name="BERNARD")
    beta_parent = client_for(beta, beta_user)
    beta_staff = client_for(beta, make_user(tenant=beta, role=Role.GESTIONNAIRE))

    assert beta_parent.get(f"/api/v1/documents/{document['uuid']}/file").status_code == 404
    assert beta_staff.get(f"/api/v1/staff/documents/{document['uuid']}/file").status_code == 404
    assert review(beta_staff, document, "accept").status_code == 404


def test_parents_and_strangers_cannot_reach_staff_endpoints(alpha, parent, insurance):
    document = upload(parent, insurance).json()
    animateur = client_for(alpha, make_user(tenant=alpha, role=Role.ANIMATEUR))
    anonymous = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip())
    for client in (parent, anonymous):
        assert client.get("/api/v1/staff/documents/").status_code == 403
        assert client.get(f"/api/v1/staff/documents/{document['uuid']}/file").status_code == 403
        assert client.get(TYPES).status_code == 403
    assert anonymous.get("/api/v1/documents/requirements/").status_code == 403
    assert review(animateur, document, "accept").status_code == 403
    assert Document.objects.get(uuid=document["uuid"]).status == "awaiting_review"


# Review ----------------------------------------------------------------------------------------
def test_staff_accept_and_reject_with_the_reason_emailed_to_the_family(
    alpha, parent, staff, household, insurance, django_capture_on_commit_callbacks
):
    family, user, _ = household
    first = upload(parent, insurance, name="assurance 2025.pdf").json()
    second = upload(parent, insurance, name="assurance floue.pdf").json()
    _, other_user, _ = make_household(alpha, name="DURAND")
    upload(client_for(alpha, other_user), insurance)

    queue = staff.get(f"/api/v1/staff/documents/?status=awaiting_review&family={family.pk}")
    results = queue.json()["results"]
    assert [d["uuid"] for d in results] == [first["uuid"], second["uuid"]]  # oldest first
    assert results[0]["family"] == {"id": family.pk, "number": family.number, "name": "MARTIN"}
    assert results[0]["document_type"]["name"] == "Assurance scolaire"

    accepted = review(staff, first, "accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["reviewed_by_name"] == "Inès"
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        rejected = review(staff, second, "reject", "Le document est illisible.")
    assert rejected.json()["rejection_reason"] == "Le document est illisible."
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "[Mairie d'Alpha] Document refusé : Assurance scolaire"
    assert "Mairie d'Alpha" in message.from_email
    for text in ("Le document est illisible.", "assurance floue.pdf", "/mes-documents"):
        assert text in message.body
    assert f"{tenant_base_url(alpha)}/mes-documents" in message.body
    assert "Mairie d&#x27;Alpha" in message.alternatives[0][0]

    again = review(staff, second, "accept")
    assert again.status_code == 400
    assert again.json()["decision"] == ["Ce document a déjà été vérifié."]
    unknown = staff.get("/api/v1/staff/documents/?status=perdu")
    assert unknown.status_code == 400 and "État inconnu" in unknown.json()["status"][0]


def test_rejection_without_a_reason_is_refused_and_changes_nothing(alpha, parent, staff, insurance):
    document = upload(parent, insurance).json()
    no_reason = review(staff, document, "reject", "   ")
    bad_decision = review(staff, document, "peut-être")
    assert no_reason.status_code == 400
    assert "motif du refus" in no_reason.json()["reason"][0]
    assert bad_decision.status_code == 400 and "decision" in bad_decision.json()
    assert Document.objects.get(uuid=document["uuid"]).status == "awaiting_review"
    assert mail.outbox == []


# Requirements ----------------------------------------------------------------------------------
def requirement(client, document_type, child=None):
    items = client.get("/api/v1/documents/requirements/").json()["items"]
    child_id = child.pk if child else None
    return next(
        i
        for i in items
        if i["document_type"]["id"] == document_type.pk and (i["child"] or {}).get("id") == child_id
    )


def state(client, document_type, child=None):
    item = requirement(client, document_type, child)
    return item["status"], item["satisfied"], (item["document"] or {}).get("uuid")


def test_requirement_goes_missing_awaiting_rejected_accepted(
    alpha, parent, staff, household, vaccines
):
    _, _, [lea] = household
    assert state(parent, vaccines, lea) == ("missing", False, None)

    first = upload(parent, vaccines, child=lea).json()
    assert state(parent, vaccines, lea) == ("awaiting_review", False, first["uuid"])

    review(staff, first, "reject", "Page manquante.")
    assert state(parent, vaccines, lea) == ("rejected", False, first["uuid"])
    assert requirement(parent, vaccines, lea)["document"]["rejection_reason"] == "Page manquante."

    second = upload(parent, vaccines, child=lea).json()
    review(staff, second, "accept")
    assert state(parent, vaccines, lea) == ("accepted", True, second["uuid"])
    assert Document.objects.filter(child=lea).count() == 2  # the rejected one is kept


def test_requirements_list_family_and_each_child_with_templates(alpha, parent, household):
    family, _, [lea] = household
    kid(family, "Noah")
    form = DocumentType.objects.create(name="Fiche", scope="child", edition=HEALTH, order=1)
    optional = DocumentType.objects.create(name="Divers", scope="family", required=False)
    elsewhere = DocumentType.objects.create(name="Séjour", scope="family", modules=["sejours"])

    body = parent.get("/api/v1/documents/requirements/").json()

    mine = [i for i in body["items"] if i["document_type"]["id"] == form.pk]
    assert [i["child"]["first_name"] for i in mine] == ["Léa", "Noah"]
    assert mine[0]["template_available"] is True
    assert mine[0]["template_url"] == f"/api/v1/documents/types/{form.pk}/template?child={lea.pk}"
    ids = {i["document_type"]["id"] for i in body["items"]}
    assert optional.pk not in ids and elsewhere.pk not in ids
    assert body["complete"] is False and body["missing_count"] == len(body["items"])
    names = {i["document_type"]["name"] for i in body["items"]}  # with the structure's defaults
    assert {"Attestation d'assurance responsabilité civile", "Fiche sanitaire de liaison"} <= names
    assert parent.get("/api/v1/documents/requirements/?module=sejours").status_code == 400
    pdf = parent.get(mine[1]["template_url"])
    assert pdf["Content-Type"] == "application/pdf" and content(pdf).startswith(b"%PDF")
    assert parent.get(f"/api/v1/documents/types/{form.pk}/template").status_code == 400


def test_requirements_filter_by_module_and_activity_kind(alpha, household):
    family, _, [lea] = household
    DocumentType.objects.update(active=False)  # leave the structure's defaults aside
    DocumentType.objects.create(
        name="PAI cantine",
        scope="child",
        modules=["periscolaire"],
        activity_kinds=["pause_meridienne"],
    )
    DocumentType.objects.create(name="Assurance", scope="family")

    def names(**kwargs):
        return [r.document_type.name for r in document_requirements(family=family, **kwargs)]

    assert names() == ["Assurance", "PAI cantine"]
    assert names(module="periscolaire", activity_kind="accueil_soir") == ["Assurance"]
    assert names(child=lea, activity_kind="pause_meridienne") == ["Assurance", "PAI cantine"]


def test_requirements_cost_the_same_queries_whatever_the_number_of_children(
    alpha, household, vaccines, django_assert_num_queries
):
    family, _, _ = household
    document_requirements(family=family)  # warm the structure's caches
    with django_assert_num_queries(3):
        document_requirements(family=family)
    for first in ("Noah", "Jade", "Tom"):
        kid(family, first)
    with django_assert_num_queries(3):
        items = document_requirements(family=family)
    assert len([i for i in items if i.document_type == vaccines]) == 4


def test_type_without_review_counts_at_once(alpha, parent):
    photo = DocumentType.objects.create(name="Photo", scope="family", requires_review=False)
    document = upload(parent, photo, image_bytes("PNG"), name="photo.png").json()
    assert state(parent, photo) == ("accepted", True, document["uuid"])


# Expiry ----------------------------------------------------------------------------------------
def test_documents_past_their_date_expire_and_the_requirement_says_so(alpha, parent, insurance):
    document = Document.objects.get(uuid=upload(parent, insurance).json()["uuid"])
    document.status = Document.STATUS_ACCEPTED
    document.valid_until = structure_today() - timedelta(days=1)
    document.save()

    # Shown as expired even before the nightly task runs.
    assert state(parent, insurance) == ("expired", False, str(document.uuid))
    assert expire_documents() == 1
    document.refresh_from_db()
    assert document.status == Document.STATUS_EXPIRED
    assert state(parent, insurance) == ("expired", False, str(document.uuid))
    assert expire_documents() == 0


def test_nightly_task_runs_in_every_active_structure(alpha, beta, parent, insurance):
    document = Document.objects.get(uuid=upload(parent, insurance).json()["uuid"])
    Document.objects.filter(pk=document.pk).update(valid_until=date(2020, 8, 31))
    queued = expire_documents_everywhere.apply().get()
    assert queued >= 2  # alpha and beta at least
    document.refresh_from_db()
    assert document.status == Document.STATUS_EXPIRED
    assert "documents-expire" in settings.CELERY_BEAT_SCHEDULE


# Editions --------------------------------------------------------------------------------------
def pdf_titles(pdf: bytes) -> list[str]:
    """The PDF's /Title strings (document and bookmarks), read without a PDF library."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return [
        bytes.fromhex(match.decode()).decode("utf-16-be")
        for chunk in chunks
        for match in re.findall(rb"/Title\s*<feff([0-9a-fA-F]+)>", chunk)
    ]


def test_health_form_is_prefilled_from_the_childs_record(alpha, parent, household):
    _, _, [lea] = household
    lea.sex, lea.allergies, lea.has_pai, lea.doctor_name = "F", "Arachide", True, "Dr Lambert"
    lea.save()
    Vaccination.objects.create(child=lea, vaccine="DTP", date=date(2017, 7, 1))
    AuthorisedPerson.objects.create(child=lea, name="Mamie Jo", relation="Grand-mère", phone="0611")
    photo = AuthorisationQuestion.objects.create(label="Droit à l'image")
    AuthorisationAnswer.objects.create(child=lea, question=photo, value=False)
    alpha.logo.save("logo.png", ContentFile(image_bytes("PNG")), save=False)
    try:
        html = render_health_form_html(child=lea)
    finally:
        alpha.logo = ""

    expected = (
        "Léa|MARTIN|04/05/2016|Fille|Arachide|Dr Lambert|DTP|01/07/2017|Mamie Jo|06 12 34 56 78"
        "|Droit à l&#x27;image|Mairie d&#x27;Alpha|data:image/png;base64,|Signature"
    )
    for text in expected.split("|"):
        assert text in html, text
    assert '☐</span> Oui &nbsp; <span class="box">☒</span> Non' in html
    editions = parent.get("/api/v1/editions/").json()
    assert editions == [
        {
            "edition": "health_form",
            "label": "Fiche sanitaire de liaison – Léa MARTIN",
            "child": {"id": lea.pk, "first_name": "Léa", "last_name": "MARTIN"},
            "module": None,
            "url": f"/api/v1/editions/health-form/{lea.pk}",
        }
    ]
    response = parent.get(editions[0]["url"], HTTP_ACCEPT="application/pdf")
    pdf = content(response)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF")
    assert "Fiche sanitaire de liaison – Léa MARTIN" in pdf_titles(pdf)
    assert "Fiche%20sanitaire%20-%20L%C3%A9a%20MARTIN.pdf" in response["Content-Disposition"]


def test_staff_get_the_health_form_of_a_child_of_the_given_family(alpha, staff, household):
    family, _, [lea] = household
    other_family, _, _ = make_household(alpha, name="DURAND")
    ok = staff.get(f"/api/v1/staff/families/{family.pk}/editions/health-form/{lea.pk}")
    wrong = staff.get(f"/api/v1/staff/families/{other_family.pk}/editions/health-form/{lea.pk}")
    assert ok.status_code == 200 and content(ok).startswith(b"%PDF")
    assert wrong.status_code == 404


# Document types (staff) ------------------------------------------------------------------------
def test_staff_configure_document_types_with_a_template(alpha, admin, staff, parent, household):
    assert staff.get(TYPES).status_code == 200  # a gestionnaire reads, an administrator edits
    assert staff.post(TYPES, {"name": "X", "scope": "family"}, JSON).status_code == 403
    refused = admin.post(TYPES, {"name": "C", "scope": "family", "modules": ["creche"]}, JSON)
    wrong_edition = admin.post(TYPES, {"name": "F", "scope": "family", "edition": HEALTH}, JSON)
    not_a_pdf = admin.post(
        TYPES, {"name": "R", "scope": "family", "template": SimpleUploadedFile("r.pdf", b"texte")}
    )
    created = admin.post(
        TYPES,
        {
            "name": "Règlement intérieur signé",
            "scope": "family",
            "modules": ["periscolaire"],
            "activity_kinds": ["mercredi"],
            "template": SimpleUploadedFile("reglement.pdf", PDF),
        },
    )

    assert "« creche » n'est pas activé pour cette structure." in refused.json()["modules"][0]
    assert "Pour chaque enfant" in wrong_edition.json()["edition"][0]
    assert "PDF, JPEG ou PNG" in not_a_pdf.json()["template"][0]
    assert created.status_code == 201, created.content
    body = created.json()
    # Booleans left out of a multipart form keep the model's defaults.
    assert (body["has_template"], body["active"], body["required"]) == (True, True, True)
    template = parent.get(f"/api/v1/documents/types/{body['id']}/template")
    assert content(template) == PDF and "Mod" in template["Content-Disposition"]
    assert content(admin.get(f"{TYPES}{body['id']}/template/")) == PDF
    cleared = admin.patch(f"{TYPES}{body['id']}/", {"template": None}, JSON)
    assert cleared.status_code == 200 and cleared.json()["has_template"] is False
    assert admin.delete(f"{TYPES}{body['id']}/").status_code == 204


def test_a_type_with_documents_cannot_be_deleted_nor_change_scope(alpha, admin, parent, insurance):
    upload(parent, insurance)
    deleted = admin.delete(f"{TYPES}{insurance.pk}/")
    rescoped = admin.patch(f"{TYPES}{insurance.pk}/", {"scope": "child"}, JSON)
    assert deleted.status_code == 409 and "désactivez-le" in deleted.json()["detail"]
    assert rescoped.status_code == 400 and "scope" in rescoped.json()
    assert DocumentType.objects.filter(pk=insurance.pk, scope="family").exists()


# Defaults --------------------------------------------------------------------------------------
def test_module_defaults_are_installed_once_and_keep_staff_edits(alpha, beta):
    installed = DocumentType.objects.filter(default_key__startswith="periscolaire.")
    keys = set(installed.values_list("default_key", flat=True))
    assert keys == {"periscolaire.assurance_rc", "periscolaire.fiche_sanitaire"}
    form = installed.get(default_key="periscolaire.fiche_sanitaire")
    assert (form.scope, form.edition, form.modules) == ("child", "health_form", ["periscolaire"])
    form.name = "Fiche sanitaire (à signer)"
    form.save()

    module = registry.get("periscolaire")
    assert install_document_types(module.document_types, module_id="periscolaire") == 0
    module.install_defaults(tenant=alpha)

    assert installed.count() == 2
    form.refresh_from_db()
    assert form.name == "Fiche sanitaire (à signer)"
    with tenant_context(beta):  # séjours and crèche
        dated = DocumentType.objects.filter(validity="dated", required=True).order_by("name")
        keys = ["creche.justificatif_domicile", "sejours.quotient_caf"]
        assert [t.default_key for t in dated] == keys
        assert DocumentType.objects.filter(default_key__startswith="periscolaire.").count() == 0
