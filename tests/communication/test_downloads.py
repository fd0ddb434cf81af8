"""Téléchargements: the family's published documents by module and season, served by a view;
the staff's upload, edit and delete; refused files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.communication.models import CommunicationSettings, Download
from tests.support.clients import JSON, new_client
from tests.support.communication_news import PDF, image_bytes, make_download, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

DOWNLOADS = "/api/v1/communication/downloads/"
STAFF_DOWNLOADS = "/api/v1/staff/communication/downloads/"


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_staff_upload_a_document_the_family_downloads(alpha, parent, staff):
    response = staff.post(
        STAFF_DOWNLOADS,
        {
            "title": "Menus de mars",
            "description": "Cantine",
            "module": "periscolaire",
            "season": "2026/2027",
            "file": SimpleUploadedFile("menus mars.pdf", PDF),
        },
    )

    assert response.status_code == 201, response.content
    download = Download.objects.get()
    assert download.file.name.startswith(f"tenants/{alpha.pk}/downloads/")
    body = parent.get(DOWNLOADS).json()
    assert body == [
        {
            "id": download.pk,
            "title": "Menus de mars",
            "description": "Cantine",
            "module": "periscolaire",
            "module_label": "Périscolaire",
            "season": "2026/2027",
            "original_name": "menus mars.pdf",
            "content_type": "application/pdf",
            "size": len(PDF),
            "publish_at": "2027-03-01T10:00:00+01:00",
            "url": f"/api/v1/communication/downloads/{download.pk}/file",
        }
    ]
    file = parent.get(body[0]["url"])
    assert file.status_code == 200 and content(file) == PDF
    assert file["X-Content-Type-Options"] == "nosniff"
    assert 'filename="menus mars.pdf"' in file["Content-Disposition"]


def test_families_see_published_documents_grouped_by_module_then_season(alpha, parent):
    now = timezone.now()
    common = make_download(title="Règlement intérieur")
    old = make_download(title="Programme", module="periscolaire", season="2025/2026")
    new = make_download(title="Programme", module="periscolaire", season="2026/2027")
    later = make_download(title="Plus tard", publish_at=now + timedelta(days=1))
    gone = make_download(
        title="Retiré", publish_at=now - timedelta(days=9), expire_at=now - timedelta(seconds=1)
    )

    body = parent.get(DOWNLOADS).json()

    assert [item["id"] for item in body] == [common.pk, new.pk, old.pk]
    assert body[0]["module_label"] == "Tous les services"
    for hidden in (later, gone):
        assert parent.get(f"{DOWNLOADS}{hidden.pk}/file").status_code == 404
    assert {item["status"] for item in _staff_list(alpha)} == {"Publié", "Programmé", "Retiré"}


def _staff_list(alpha):
    from core.accounts.roles import Role
    from tests.support.clients import HOST, logged
    from tests.support.factories import make_user

    return (
        logged(HOST, make_user(tenant=alpha, role=Role.GESTIONNAIRE).email)
        .get(STAFF_DOWNLOADS)
        .json()
    )


def test_another_structures_document_is_a_404_and_visitors_are_refused(alpha, beta, parent):
    with tenant_context(beta):
        theirs = make_download(title="Bêta")
    mine = make_download()

    assert parent.get(f"{DOWNLOADS}{theirs.pk + 1000}/file").status_code == 404
    visitor = new_client()
    assert visitor.get(DOWNLOADS).status_code in (401, 403)
    assert visitor.get(f"{DOWNLOADS}{mine.pk}/file").status_code in (401, 403)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "n'est pas un PDF, JPEG ou PNG valide."),
        ("Un texte renommé en .pdf\n".encode() * 20, "n'est pas un PDF, JPEG ou PNG valide."),
        (b"\xff\xd8\xff\xe0" + b"pas une image" * 10, "L'image semble incomplète ou abîmée."),
        (b"", "Le fichier est vide."),
        (PDF + b"0" * (1024 * 1024), "la taille maximale est de 1 Mo."),
    ],
    ids=["elf", "text", "fake-jpeg", "empty", "too-big"],
)
def test_refused_files_get_a_french_message_and_nothing_is_stored(alpha, staff, data, message):
    limits = CommunicationSettings.current()
    limits.max_attachment_mb = 1
    limits.save()
    before = stored_files()

    response = staff.post(
        STAFF_DOWNLOADS, {"title": "Menus", "file": SimpleUploadedFile("menus.pdf", data)}
    )

    assert response.status_code == 400
    assert message in response.json()["file"][0]
    assert not Download.objects.exists()
    assert stored_files() == before


def test_a_jpeg_is_accepted_and_a_disabled_module_refused(alpha, staff):
    photo = SimpleUploadedFile("affiche.jpg", image_bytes("JPEG"))
    assert staff.post(STAFF_DOWNLOADS, {"title": "Affiche", "file": photo}).status_code == 201

    response = staff.post(STAFF_DOWNLOADS, {"title": "Crèche", "module": "creche", "file": pdf()})
    assert response.status_code == 400
    assert response.json()["module"] == ["Le module « creche » n'est pas activé."]
    assert Download.objects.count() == 1


def test_staff_edit_and_delete_a_document(alpha, staff, django_capture_on_commit_callbacks):
    download = make_download()
    url = f"{STAFF_DOWNLOADS}{download.pk}/"

    response = staff.patch(
        url,
        {"title": "Règlement 2027", "expire_at": "2027-02-01T00:00:00+01:00"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["expire_at"] == ["Le retrait doit être postérieur à la publication."]

    response = staff.patch(url, {"title": "Règlement 2027", "season": "2027"}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Règlement 2027"
    assert response.json()["url"] == f"/api/v1/staff/communication/downloads/{download.pk}/file"
    assert content(staff.get(response.json()["url"])) == PDF

    path = Path(settings.MEDIA_ROOT) / download.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.delete(url).status_code == 204
    assert not Download.objects.exists()
    assert not path.exists()


def test_families_and_other_roles_cannot_manage_documents(alpha, parent):
    from core.accounts.roles import Role
    from tests.support.clients import HOST, logged
    from tests.support.factories import make_user

    download = make_download()
    comptable = logged(HOST, make_user(tenant=alpha, role=Role.COMPTABLE).email)
    for client in (parent, comptable):
        assert client.get(STAFF_DOWNLOADS).status_code == 403
        assert client.delete(f"{STAFF_DOWNLOADS}{download.pk}/").status_code == 403
    assert Download.objects.exists()


def test_lists_run_a_bounded_number_of_queries(alpha, parent, staff, django_assert_max_num_queries):
    for i in range(10):
        make_download(title=f"Doc {i}", module="periscolaire" if i % 2 else "", season=str(i))

    with django_assert_max_num_queries(10):
        assert len(parent.get(DOWNLOADS).json()) == 10
    with django_assert_max_num_queries(10):
        assert len(staff.get(STAFF_DOWNLOADS).json()) == 10


def test_a_pdf_sent_as_html_is_stored_as_pdf_and_served_as_pdf(alpha, parent, staff):
    response = staff.post(
        STAFF_DOWNLOADS, {"title": "Règlement", "file": SimpleUploadedFile("x.html", PDF)}
    )

    assert response.status_code == 201, response.content
    download = Download.objects.get()
    assert download.file.name.endswith(".pdf")
    assert download.original_name.endswith(".pdf")
    served = parent.get(f"{DOWNLOADS}{download.pk}/file")
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert content(served) == PDF


def test_an_oversized_download_body_is_refused_in_french_before_parsing(alpha, staff):
    limits = CommunicationSettings.current()
    limits.max_attachment_mb = 1
    limits.save()
    before = stored_files()

    big = SimpleUploadedFile("menus.pdf", PDF + b"0" * (2 * 1024 * 1024))
    response = staff.post(STAFF_DOWNLOADS, {"title": "Menus", "file": big})

    assert response.status_code == 400
    assert response.json()["file"] == ["Le fichier dépasse la taille permise : 1 Mo au plus."]
    assert not Download.objects.exists()
    assert stored_files() == before
