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
from core.modules import registry
from tenants.routing import tenant_base_url
from tests.conftest import client_ip
from tests.factories import make_user

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
        kids = [
            Child.objects.create(
                family=family, first_name=first, last_name=name, birth_date=date(2016, 5, 4)
            )
            for first in children
        ]
    return family, user, kids


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
def staff_user(alpha):
    return make_user(tenant=alpha, role=Role.GESTIONNAIRE, first_name="Inès")


@pytest.fixture
def staff(alpha, staff_user):
    return client_for(alpha, staff_user)


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


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


# Uploads ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "mime", "extension"),
    [
        ("attestation.pdf", PDF, "application/pdf", "pdf"),
        ("photo.jpeg", image_bytes("JPEG"), "image/jpeg", "jpg"),
        ("scan.png", image_bytes("PNG"), "image/png", "png"),
    ],
)
def test_pdf_jpeg_and_png_are_stored_under_a_random_name_and_served_back(
    alpha, parent, insurance, name, content, mime, extension
):
    response = upload(parent, insurance, content, name=name)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == mime
    assert body["status"] == "awaiting_review"
    assert body["original_name"] == name
    document = Document.objects.get(uuid=body["uuid"])
    assert re.fullmatch(
        rf"tenants/{alpha.pk}/documents/[0-9a-f]{{32}}\.{extension}", document.file.name
    )

    download = parent.get(body["file_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == mime
    assert download["X-Content-Type-Options"] == "nosniff"
    assert f'filename="{name}"' in download["Content-Disposition"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200,  # a Linux executable
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,  # a Windows one
        "Ceci est un fichier texte renommé en .pdf\n".encode() * 20,
        b"\xff\xd8\xff\xe0" + b"pas vraiment une image" * 10,  # a JPEG signature only
    ],
)
def test_a_pdf_name_on_other_content_is_refused_in_french_and_nothing_is_stored(
    alpha, parent, insurance, content
):
    before = stored_files()

    response = upload(parent, insurance, content, name="attestation.pdf")

    assert response.status_code == 400
    assert "n'est pas un PDF, JPEG ou PNG valide" in response.json()["file"][0]
    assert not Document.objects.exists()
    assert stored_files() == before


def test_word_documents_get_a_hint_to_save_as_pdf(alpha, parent, insurance):
    docx = b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml" + b"\x00" * 300
    response = upload(parent, insurance, docx, name="attestation.docx")
    assert response.status_code == 400
    assert "n'est pas un PDF, JPEG ou PNG valide" in response.json()["file"][0]


def test_oversized_file_is_refused_with_the_structure_limit(alpha, parent, insurance):
    settings_row = DossierSettings.current()
    settings_row.max_upload_mb = 1
    settings_row.save()

    response = upload(parent, insurance, PDF + b"0" * (1024 * 1024), name="gros.pdf")

    assert response.status_code == 400
    assert "taille maximale est de 1 Mo" in response.json()["file"][0]
    assert not Document.objects.exists()


def test_empty_file_is_refused(alpha, parent, insurance):
    response = upload(parent, insurance, b"", name="vide.pdf")
    assert response.status_code == 400
    assert response.json()["file"] == ["Le fichier est vide."]


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
    family, _, [lea] = household

    with_child = upload(parent, insurance, child=lea)
    without_child = upload(parent, vaccines)
    ok = upload(parent, vaccines, child=lea)

    assert (
        with_child.status_code == 400
        and "ne choisissez pas d'enfant" in with_child.json()["child"][0]
    )
    assert (
        without_child.status_code == 400
        and "Choisissez l'enfant" in without_child.json()["child"][0]
    )
    assert ok.status_code == 201 and ok.json()["child"]["id"] == lea.pk


def test_dated_type_needs_a_future_date_and_school_year_ends_on_31_august(alpha, parent):
    dated = DocumentType.objects.create(name="QF", scope="family", validity="dated")
    yearly = DocumentType.objects.create(name="Assurance", scope="family")
    today = structure_today()

    missing = upload(parent, dated)
    past = upload(parent, dated, valid_until=(today - timedelta(days=1)).isoformat())
    future = upload(parent, dated, valid_until=(today + timedelta(days=90)).isoformat())
    school = upload(parent, yearly, valid_until="2099-01-01")

    assert missing.status_code == 400 and "jusqu'à quelle date" in missing.json()["valid_until"][0]
    assert past.status_code == 400 and "dans le futur" in past.json()["valid_until"][0]
    assert future.json()["valid_until"] == (today + timedelta(days=90)).isoformat()
    assert school.json()["valid_until"] == school_year_end(today).isoformat()


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (date(2026, 9, 1), date(2027, 8, 31)),
        (date(2026, 12, 31), date(2027, 8, 31)),
        (date(2027, 1, 1), date(2027, 8, 31)),
        (date(2027, 8, 31), date(2027, 8, 31)),
    ],
)
def test_school_year_runs_from_september_to_august(day, end):
    assert school_year_end(day) == end


# Isolation -------------------------------------------------------------------------------------
def test_another_familys_document_and_child_answer_404(alpha, parent, insurance, vaccines):
    other_family, other_user, [other_child] = make_household(alpha, name="DURAND")
    other = client_for(alpha, other_user)
    theirs = upload(other, insurance).json()

    assert parent.get(theirs["file_url"]).status_code == 404
    assert upload(parent, vaccines, child=other_child).status_code == 404
    assert parent.get(f"/api/v1/editions/health-form/{other_child.pk}").status_code == 404
    assert parent.get(f"/api/v1/documents/requirements/?child={other_child.pk}").status_code == 404
    assert [d["uuid"] for d in parent.get("/api/v1/documents/").json()["results"]] == []
    assert Document.objects.filter(family=other_family).count() == 1


def test_another_structures_document_answers_404_on_its_host(alpha, beta, parent, insurance):
    document = upload(parent, insurance).json()
    _, beta_user, _ = make_household(beta, name="BERNARD")
    beta_parent = client_for(beta, beta_user)
    beta_staff = client_for(beta, make_user(tenant=beta, role=Role.GESTIONNAIRE))

    assert beta_parent.get(f"/api/v1/documents/{document['uuid']}/file").status_code == 404
    assert beta_staff.get(f"/api/v1/staff/documents/{document['uuid']}/file").status_code == 404
    review = beta_staff.post(
        f"/api/v1/staff/documents/{document['uuid']}/review",
        {"decision": "accept"},
        content_type=JSON,
    )
    assert review.status_code == 404


def test_parents_and_strangers_cannot_reach_staff_endpoints(alpha, parent, insurance):
    document = upload(parent, insurance).json()
    animateur = client_for(alpha, make_user(tenant=alpha, role=Role.ANIMATEUR))
    anonymous = Client(HTTP_HOST="alpha.localhost", REMOTE_ADDR=client_ip())

    for client in (parent, anonymous):
        assert client.get("/api/v1/staff/documents/").status_code == 403
        assert client.get(f"/api/v1/staff/documents/{document['uuid']}/file").status_code == 403
        assert client.get("/api/v1/staff/document-types/").status_code == 403
    assert anonymous.get("/api/v1/documents/requirements/").status_code == 403
    refused = animateur.post(
        f"/api/v1/staff/documents/{document['uuid']}/review",
        {"decision": "accept"},
        content_type=JSON,
    )
    assert refused.status_code == 403
    assert Document.objects.get(uuid=document["uuid"]).status == "awaiting_review"


# Review ----------------------------------------------------------------------------------------
def test_staff_accept_and_reject_with_the_reason_emailed_to_the_family(
    alpha, parent, staff, household, insurance, django_capture_on_commit_callbacks
):
    first = upload(parent, insurance, name="assurance 2025.pdf").json()
    second = upload(parent, insurance, name="assurance floue.pdf").json()

    queue = staff.get("/api/v1/staff/documents/?status=awaiting_review").json()["results"]
    assert [d["uuid"] for d in queue] == [first["uuid"], second["uuid"]]  # oldest first
    assert queue[0]["family"] == {
        "id": household[0].pk,
        "number": household[0].number,
        "name": "MARTIN",
    }
    assert queue[0]["document_type"]["name"] == "Assurance scolaire"

    accepted = staff.post(
        f"/api/v1/staff/documents/{first['uuid']}/review",
        {"decision": "accept"},
        content_type=JSON,
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["reviewed_by_name"] == "Inès"
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        rejected = staff.post(
            f"/api/v1/staff/documents/{second['uuid']}/review",
            {"decision": "reject", "reason": "Le document est illisible."},
            content_type=JSON,
        )
    assert rejected.status_code == 200 and rejected.json()["rejection_reason"] == (
        "Le document est illisible."
    )
    [message] = mail.outbox
    assert message.to == [household[1].email]
    assert message.subject == "[Mairie d'Alpha] Document refusé : Assurance scolaire"
    assert "Mairie d'Alpha" in message.from_email
    assert "Le document est illisible." in message.body
    assert "assurance floue.pdf" in message.body
    assert f"{tenant_base_url(alpha)}/mes-documents" in message.body
    html = message.alternatives[0][0]
    assert "Mairie d&#x27;Alpha" in html or "Mairie d'Alpha" in html

    again = staff.post(
        f"/api/v1/staff/documents/{second['uuid']}/review",
        {"decision": "accept"},
        content_type=JSON,
    )
    assert again.status_code == 400
    assert again.json()["decision"] == ["Ce document a déjà été vérifié."]


def test_rejection_without_a_reason_is_refused_and_changes_nothing(alpha, parent, staff, insurance):
    document = upload(parent, insurance).json()

    response = staff.post(
        f"/api/v1/staff/documents/{document['uuid']}/review",
        {"decision": "reject", "reason": "   "},
        content_type=JSON,
    )
    bad_decision = staff.post(
        f"/api/v1/staff/documents/{document['uuid']}/review",
        {"decision": "peut-être"},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert "motif du refus" in response.json()["reason"][0]
    assert bad_decision.status_code == 400 and "decision" in bad_decision.json()
    assert Document.objects.get(uuid=document["uuid"]).status == "awaiting_review"
    assert mail.outbox == []


def test_staff_list_filters_by_family(alpha, parent, staff, household, insurance):
    upload(parent, insurance)
    _, other_user, _ = make_household(alpha, name="DURAND")
    upload(client_for(alpha, other_user), insurance)

    mine = staff.get(f"/api/v1/staff/documents/?family={household[0].pk}").json()
    wrong = staff.get("/api/v1/staff/documents/?status=perdu")

    assert mine["count"] == 1 and mine["results"][0]["family"]["name"] == "MARTIN"
    assert wrong.status_code == 400 and "État inconnu" in wrong.json()["status"][0]


# Requirements ----------------------------------------------------------------------------------
def requirement(client, document_type, child=None):
    items = client.get("/api/v1/documents/requirements/").json()["items"]
    return next(
        i
        for i in items
        if i["document_type"]["id"] == document_type.pk
        and (i["child"] or {}).get("id") == (child.pk if child else None)
    )


def test_requirement_goes_missing_awaiting_rejected_accepted(
    alpha, parent, staff, household, vaccines
):
    _, _, [lea] = household
    assert requirement(parent, vaccines, lea)["status"] == "missing"

    first = upload(parent, vaccines, child=lea).json()
    item = requirement(parent, vaccines, lea)
    assert (item["status"], item["satisfied"]) == ("awaiting_review", False)
    assert item["document"]["uuid"] == first["uuid"]

    staff.post(
        f"/api/v1/staff/documents/{first['uuid']}/review",
        {"decision": "reject", "reason": "Page manquante."},
        content_type=JSON,
    )
    item = requirement(parent, vaccines, lea)
    assert (item["status"], item["satisfied"]) == ("rejected", False)
    assert item["document"]["rejection_reason"] == "Page manquante."

    second = upload(parent, vaccines, child=lea).json()
    staff.post(
        f"/api/v1/staff/documents/{second['uuid']}/review",
        {"decision": "accept"},
        content_type=JSON,
    )
    item = requirement(parent, vaccines, lea)
    assert (item["status"], item["satisfied"]) == ("accepted", True)
    assert item["document"]["uuid"] == second["uuid"]
    assert Document.objects.filter(child=lea).count() == 2  # the rejected one is kept


def test_requirements_list_family_and_each_child_with_templates(alpha, parent, household):
    family, _, [lea] = household
    Child.objects.create(
        family=family, first_name="Noah", last_name="MARTIN", birth_date=date(2019, 2, 1)
    )
    form = DocumentType.objects.create(
        name="Fiche sanitaire", scope="child", edition="health_form", order=1
    )
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
    # The periscolaire defaults of the structure are there too.
    assert {"Attestation d'assurance responsabilité civile", "Fiche sanitaire de liaison"} <= {
        i["document_type"]["name"] for i in body["items"]
    }
    assert parent.get("/api/v1/documents/requirements/?module=sejours").status_code == 400
    pdf = parent.get(mine[1]["template_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert parent.get(f"/api/v1/documents/types/{form.pk}/template").status_code == 400


def test_requirements_filter_by_module_and_activity_kind(alpha, household):
    family, _, [lea] = household
    DocumentType.objects.update(active=False)  # leave the structure's defaults aside
    canteen = DocumentType.objects.create(
        name="PAI cantine",
        scope="child",
        modules=["periscolaire"],
        activity_kinds=["pause_meridienne"],
    )
    general = DocumentType.objects.create(name="Assurance", scope="family")

    def names(**kwargs):
        return [r.document_type.name for r in document_requirements(family=family, **kwargs)]

    assert names() == ["Assurance", "PAI cantine"]
    assert names(module="periscolaire", activity_kind="accueil_soir") == ["Assurance"]
    assert names(child=lea, activity_kind="pause_meridienne") == ["Assurance", "PAI cantine"]
    assert canteen.pk and general.pk


def test_requirements_cost_the_same_queries_whatever_the_number_of_children(
    alpha, household, vaccines, django_assert_num_queries
):
    family, _, _ = household
    document_requirements(family=family)  # warm the structure's caches
    with django_assert_num_queries(3):
        document_requirements(family=family)
    for first in ("Noah", "Jade", "Tom"):
        Child.objects.create(
            family=family, first_name=first, last_name="M", birth_date=date(2018, 1, 1)
        )
    with django_assert_num_queries(3):
        items = document_requirements(family=family)
    assert len([i for i in items if i.document_type == vaccines]) == 4


def test_type_without_review_counts_at_once(alpha, parent):
    photo = DocumentType.objects.create(name="Photo", scope="family", requires_review=False)
    response = upload(parent, photo, image_bytes("PNG"), name="photo.png")
    assert response.json()["status"] == "accepted"
    item = requirement(parent, photo)
    assert (item["status"], item["satisfied"]) == ("accepted", True)


# Expiry ----------------------------------------------------------------------------------------
def test_documents_past_their_date_expire_and_the_requirement_says_so(
    alpha, parent, household, insurance
):
    document = Document.objects.get(uuid=upload(parent, insurance).json()["uuid"])
    document.status = Document.STATUS_ACCEPTED
    document.valid_until = structure_today() - timedelta(days=1)
    document.save()

    # Shown as expired even before the nightly task runs.
    assert requirement(parent, insurance)["status"] == "expired"
    assert expire_documents() == 1
    document.refresh_from_db()
    assert document.status == Document.STATUS_EXPIRED
    item = requirement(parent, insurance)
    assert (item["status"], item["satisfied"]) == ("expired", False)
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
    """The PDF's /Title strings (the document's, from the HTML <title>, and its bookmarks'),
    read without a PDF library: WeasyPrint compresses them into object streams."""
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
    family, _, [lea] = household
    lea.sex = "F"
    lea.allergies = "Arachide"
    lea.has_pai = True
    lea.pai_details = "Trousse d'urgence dans le sac"
    lea.doctor_name = "Dr Lambert"
    lea.save()
    Vaccination.objects.create(child=lea, vaccine="DTP", date=date(2017, 7, 1))
    AuthorisedPerson.objects.create(
        child=lea, name="Mamie Jo", relation="Grand-mère", phone="0611223344"
    )
    photo = AuthorisationQuestion.objects.create(label="Droit à l'image")
    AuthorisationAnswer.objects.create(child=lea, question=photo, value=False)
    alpha.logo.save("logo.png", ContentFile(image_bytes("PNG")), save=False)
    try:
        html = render_health_form_html(child=lea)
    finally:
        alpha.logo = ""

    for text in (
        "Léa",
        "MARTIN",
        "04/05/2016",
        "Fille",
        "Arachide",
        "Dr Lambert",
        "DTP",
        "01/07/2017",
        "Mamie Jo",
        "Droit à l&#x27;image",
        "+33612345678",
        "Mairie d&#x27;Alpha",
        "data:image/png;base64,",
        "Signature",
    ):
        assert text in html, text
    assert '☐</span> Oui &nbsp; <span class="box">☒</span> Non' in html

    editions = parent.get("/api/v1/editions/").json()
    assert editions == [
        {
            "edition": "health_form",
            "label": "Fiche sanitaire de liaison – Léa MARTIN",
            "child": {"id": lea.pk, "first_name": "Léa", "last_name": "MARTIN"},
            "url": f"/api/v1/editions/health-form/{lea.pk}",
        }
    ]
    response = parent.get(editions[0]["url"], HTTP_ACCEPT="application/pdf")
    pdf = b"".join(response.streaming_content)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF")
    assert "Fiche sanitaire de liaison – Léa MARTIN" in pdf_titles(pdf)
    assert "Fiche sanitaire - Léa MARTIN.pdf" in response["Content-Disposition"] or (
        "Fiche%20sanitaire%20-%20L%C3%A9a%20MARTIN.pdf" in response["Content-Disposition"]
    )


def test_staff_get_the_health_form_of_a_child_of_the_given_family(alpha, staff, household):
    family, _, [lea] = household
    other_family, _, _ = make_household(alpha, name="DURAND")

    ok = staff.get(f"/api/v1/staff/families/{family.pk}/editions/health-form/{lea.pk}")
    wrong = staff.get(f"/api/v1/staff/families/{other_family.pk}/editions/health-form/{lea.pk}")

    assert ok.status_code == 200 and b"".join(ok.streaming_content).startswith(b"%PDF")
    assert wrong.status_code == 404


# Document types (staff) ------------------------------------------------------------------------
def test_staff_configure_document_types_with_a_template(alpha, admin, staff, parent, household):
    # Configuring types is the administrator's; a gestionnaire only reads them.
    assert staff.get("/api/v1/staff/document-types/").status_code == 200
    forbidden = staff.post(
        "/api/v1/staff/document-types/", {"name": "X", "scope": "family"}, content_type=JSON
    )
    assert forbidden.status_code == 403
    refused = admin.post(
        "/api/v1/staff/document-types/",
        {"name": "Contrat", "scope": "family", "modules": ["creche"]},
        content_type=JSON,
    )
    wrong_edition = admin.post(
        "/api/v1/staff/document-types/",
        {"name": "Fiche", "scope": "family", "edition": "health_form"},
        content_type=JSON,
    )
    not_a_pdf = admin.post(
        "/api/v1/staff/document-types/",
        {"name": "Règlement", "scope": "family", "template": SimpleUploadedFile("r.pdf", b"texte")},
    )
    created = admin.post(
        "/api/v1/staff/document-types/",
        {
            "name": "Règlement intérieur signé",
            "scope": "family",
            "modules": ["periscolaire"],
            "activity_kinds": ["mercredi"],
            "template": SimpleUploadedFile("reglement.pdf", PDF),
        },
    )

    assert refused.status_code == 400
    assert refused.json()["modules"] == [
        "Le module « creche » n'est pas activé pour cette structure."
    ]
    assert (
        wrong_edition.status_code == 400
        and "Pour chaque enfant" in wrong_edition.json()["edition"][0]
    )
    assert not_a_pdf.status_code == 400 and "PDF, JPEG ou PNG" in not_a_pdf.json()["template"][0]
    assert created.status_code == 201, created.content
    type_id = created.json()["id"]
    assert created.json()["has_template"] is True
    # Booleans left out of a multipart form keep the model's defaults.
    assert (created.json()["active"], created.json()["required"]) == (True, True)
    template = parent.get(f"/api/v1/documents/types/{type_id}/template")
    assert template.status_code == 200
    assert b"".join(template.streaming_content) == PDF
    assert "Mod" in template["Content-Disposition"]

    cleared = admin.patch(
        f"/api/v1/staff/document-types/{type_id}/", {"template": None}, content_type=JSON
    )
    assert cleared.status_code == 200 and cleared.json()["has_template"] is False
    assert admin.delete(f"/api/v1/staff/document-types/{type_id}/").status_code == 204


def test_a_type_with_documents_cannot_be_deleted_nor_change_scope(alpha, admin, parent, insurance):
    upload(parent, insurance)

    deleted = admin.delete(f"/api/v1/staff/document-types/{insurance.pk}/")
    rescoped = admin.patch(
        f"/api/v1/staff/document-types/{insurance.pk}/", {"scope": "child"}, content_type=JSON
    )

    assert deleted.status_code == 409 and "désactivez-le" in deleted.json()["detail"]
    assert rescoped.status_code == 400 and "scope" in rescoped.json()
    assert DocumentType.objects.filter(pk=insurance.pk, scope="family").exists()


# Defaults --------------------------------------------------------------------------------------
def test_module_defaults_are_installed_once_and_keep_staff_edits(alpha):
    installed = DocumentType.objects.filter(default_key__startswith="periscolaire.")
    assert set(installed.values_list("default_key", flat=True)) == {
        "periscolaire.assurance_rc",
        "periscolaire.fiche_sanitaire",
    }
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


def test_each_module_declares_its_default_document_types():
    sejours = {d.code: d for d in registry.get("sejours").document_types}
    assert sejours["fiche_sanitaire"].edition == "health_form"
    assert sejours["quotient_caf"].validity == "dated"
    assert {d.name for d in registry.get("creche").document_types} == {
        "Carnet de vaccinations",
        "Justificatif de domicile",
    }
