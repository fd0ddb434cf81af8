"""« Mes envois »: a family sends files (about its own child or conversation), lists them and
downloads them; staff list every family's, open them and mark them seen."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from core.communication.models import CommunicationSettings, FamilySubmission
from tests.support.clients import HOST, logged
from tests.support.communication_news import PDF, image_bytes, make_submission, pdf
from tests.support.factories import make_family

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

SUBMISSIONS = "/api/v1/communication/submissions/"
STAFF_SUBMISSIONS = "/api/v1/staff/communication/submissions/"


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def content(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def other(alpha):
    family, user = make_family(tenant=alpha)
    family.parent = user
    return family


def test_a_family_sends_a_file_about_its_child_and_staff_mark_it_seen(alpha, family, parent, staff):
    child = family.children.get()

    response = parent.post(
        SUBMISSIONS,
        {
            "title": "Certificat médical",
            "child": child.pk,
            "comment": "Absence du 2 mars",
            "file": SimpleUploadedFile("certificat.pdf", PDF),
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    submission = FamilySubmission.objects.get()
    assert submission.file.name.startswith(f"tenants/{alpha.pk}/submissions/")
    assert body["child"] == {"id": child.pk, "name": f"{child.first_name} {child.last_name}"}
    assert (body["seen"], body["comment"], body["content_type"]) == (
        False,
        "Absence du 2 mars",
        "application/pdf",
    )
    assert parent.get(SUBMISSIONS).json() == [body]
    assert content(parent.get(body["url"])) == PDF

    listed = staff.get(STAFF_SUBMISSIONS).json()
    assert listed["count"] == 1
    row = listed["results"][0]
    assert row["family"] == {"id": family.pk, "name": family.name, "number": family.number}
    assert content(staff.get(row["url"])) == PDF

    seen = staff.post(f"{STAFF_SUBMISSIONS}{submission.pk}/seen")
    assert seen.status_code == 200 and seen.json()["seen"] is True
    first = seen.json()["seen_at"]
    assert staff.post(f"{STAFF_SUBMISSIONS}{submission.pk}/seen").json()["seen_at"] == first
    assert parent.get(SUBMISSIONS).json()[0]["seen"] is True


def test_staff_filter_by_family_and_seen(alpha, family, other, staff):
    mine = make_submission(family=family)
    theirs = make_submission(family=other)
    theirs.mark_seen()

    def ids(query: str) -> list[int]:
        return [row["id"] for row in staff.get(f"{STAFF_SUBMISSIONS}{query}").json()["results"]]

    assert ids("") == [theirs.pk, mine.pk]
    assert ids(f"?family={family.pk}") == [mine.pk]
    assert ids("?seen=false") == [mine.pk]
    assert ids("?seen=true") == [theirs.pk]
    assert staff.get(f"{STAFF_SUBMISSIONS}?seen=peut-être").status_code == 400
    assert staff.get(f"{STAFF_SUBMISSIONS}?family=abc").status_code == 400


def test_another_familys_envoi_child_or_thread_is_a_404(alpha, family, other, parent):
    theirs = make_submission(family=other, child=other.children.get())

    assert parent.get(f"{SUBMISSIONS}{theirs.pk}/file").status_code == 404
    assert parent.get(SUBMISSIONS).json() == []
    response = parent.post(
        SUBMISSIONS, {"title": "x", "child": other.children.get().pk, "file": pdf()}
    )
    assert response.status_code == 404
    response = parent.post(SUBMISSIONS, {"title": "x", "thread": 999999, "file": pdf()})
    assert response.status_code == 404
    assert FamilySubmission.objects.count() == 1


def test_an_envoi_can_be_about_one_of_the_familys_conversations(alpha, family, parent):
    from core.communication.models import Service, Thread

    service = Service.objects.get_or_create(key="accueil", defaults={"label": "Accueil"})[0]
    thread = Thread.objects.create(family=family, service=service, subject="Absence")

    response = parent.post(
        SUBMISSIONS, {"title": "Justificatif", "thread": thread.pk, "file": pdf()}
    )

    assert response.status_code == 201, response.content
    assert response.json()["thread"] == thread.pk
    assert FamilySubmission.objects.get().thread == thread


def test_another_structures_envoi_is_a_404(alpha, beta, staff, parent):
    with tenant_context(beta):
        family, _ = make_family()
        theirs = make_submission(family=family)

    assert parent.get(f"{SUBMISSIONS}{theirs.pk + 1000}/file").status_code == 404
    assert staff.get(f"{STAFF_SUBMISSIONS}{theirs.pk + 1000}/file").status_code == 404
    assert staff.post(f"{STAFF_SUBMISSIONS}{theirs.pk + 1000}/seen").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "n'est pas un PDF, JPEG ou PNG valide."),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "n'est pas un PDF, JPEG ou PNG valide."),
        (b"\x89PNG\r\n\x1a\n" + b"pas une image" * 10, "L'image semble incomplète ou abîmée."),
        (b"", "Le fichier est vide."),
        (PDF + b"0" * (1024 * 1024), "la taille maximale est de 1 Mo."),
    ],
    ids=["elf", "exe", "fake-png", "empty", "too-big"],
)
def test_refused_files_get_a_french_message_and_nothing_is_stored(alpha, parent, data, message):
    limits = CommunicationSettings.current()
    limits.max_attachment_mb = 1
    limits.save()
    before = stored_files()

    response = parent.post(
        SUBMISSIONS, {"title": "Certificat", "file": SimpleUploadedFile("certificat.pdf", data)}
    )

    assert response.status_code == 400
    assert message in response.json()["file"][0]
    assert not FamilySubmission.objects.exists()
    assert stored_files() == before


def test_a_missing_title_or_file_is_refused_in_french(alpha, parent):
    photo = SimpleUploadedFile("photo.png", image_bytes("PNG"))
    response = parent.post(SUBMISSIONS, {"title": "   ", "file": photo})
    assert response.status_code == 400 and "title" in response.json()

    response = parent.post(SUBMISSIONS, {"title": "Certificat"})
    assert response.json()["file"] == ["Choisissez un fichier."]
    assert not FamilySubmission.objects.exists()


def test_other_roles_and_visitors_cannot_read_envois(alpha, family):
    from core.accounts.roles import Role
    from tests.support.clients import new_client
    from tests.support.factories import make_user

    submission = make_submission(family=family)
    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    assert animateur.get(STAFF_SUBMISSIONS).status_code == 403
    assert animateur.get(f"{STAFF_SUBMISSIONS}{submission.pk}/file").status_code == 403
    assert new_client().get(SUBMISSIONS).status_code in (401, 403)


def test_lists_run_a_bounded_number_of_queries(
    alpha, family, other, parent, staff, django_assert_max_num_queries
):
    for i in range(6):
        make_submission(family=family, child=family.children.get(), title=f"Envoi {i}")
        make_submission(family=other, title=f"Autre {i}")

    with django_assert_max_num_queries(10):
        assert len(parent.get(SUBMISSIONS).json()) == 6
    with django_assert_max_num_queries(10):
        assert staff.get(STAFF_SUBMISSIONS).json()["count"] == 12


def test_a_pdf_sent_as_html_is_stored_as_pdf_and_served_as_pdf(alpha, parent, staff):
    response = parent.post(
        SUBMISSIONS, {"title": "Certificat", "file": SimpleUploadedFile("x.html", PDF)}
    )

    assert response.status_code == 201, response.content
    submission = FamilySubmission.objects.get()
    assert submission.file.name.endswith(".pdf")
    for client, url in (
        (parent, f"{SUBMISSIONS}{submission.pk}/file"),
        (staff, f"{STAFF_SUBMISSIONS}{submission.pk}/file"),
    ):
        served = client.get(url)
        assert served.status_code == 200
        assert served["Content-Type"] == "application/pdf"
        assert content(served) == PDF


def test_an_oversized_envoi_body_is_refused_in_french_before_parsing(alpha, parent):
    limits = CommunicationSettings.current()
    limits.max_attachment_mb = 1
    limits.save()
    before = stored_files()

    big = SimpleUploadedFile("certificat.pdf", PDF + b"0" * (2 * 1024 * 1024))
    response = parent.post(SUBMISSIONS, {"title": "Certificat", "file": big})

    assert response.status_code == 400
    assert response.json()["file"] == ["Le fichier dépasse la taille permise : 1 Mo au plus."]
    assert not FamilySubmission.objects.exists()
    assert stored_files() == before


def test_staff_read_only_the_envois_of_conversations_of_services_they_read(alpha, family):
    from core.accounts.roles import Role
    from core.communication.models import Service, ServiceAccess, Thread
    from tests.support.factories import make_user

    accueil = Service.objects.get_or_create(key="accueil", defaults={"label": "Accueil"})[0]
    cantine = Service.objects.get_or_create(key="cantine", defaults={"label": "Cantine"})[0]
    ServiceAccess.objects.update_or_create(role="coordinateur", defaults={"services": ["accueil"]})
    readable = make_submission(family=family)
    readable.thread = Thread.objects.create(family=family, service=accueil, subject="Absence")
    readable.save()
    hidden = make_submission(family=family, title="Régime")
    hidden.thread = Thread.objects.create(family=family, service=cantine, subject="Régime")
    hidden.save()
    loose = make_submission(family=family, title="Attestation")
    coordinateur = logged(HOST, make_user(tenant=alpha, role=Role.COORDINATEUR).email)

    listed = coordinateur.get(STAFF_SUBMISSIONS).json()["results"]

    assert sorted(item["id"] for item in listed) == sorted([readable.pk, loose.pk])
    assert coordinateur.get(f"{STAFF_SUBMISSIONS}{hidden.pk}/file").status_code == 404
    assert coordinateur.post(f"{STAFF_SUBMISSIONS}{hidden.pk}/seen").status_code == 404
    assert coordinateur.get(f"{STAFF_SUBMISSIONS}{readable.pk}/file").status_code == 200
    hidden.refresh_from_db()
    assert hidden.seen_at is None
