"""Actualités: hostile rich text, visibility by dates and audience, the public page, images,
isolation and the staff's editor."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.communication.models import NewsItem
from core.communication.services.news import news_for_family, public_news
from tests.support.booking import enrol, make_activity
from tests.support.clients import JSON, new_client
from tests.support.communication_news import PDF, image_bytes, make_news, png

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

STAFF_NEWS = "/api/v1/staff/communication/news/"
NEWS = "/api/v1/communication/news/"


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def now() -> datetime:
    return timezone.now()


# Rich text ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("payload", "forbidden"),
    [
        ("<p>Bonjour</p><script>alert(1)</script>", "<script"),
        ('<p onclick="alert(1)">Bonjour</p>', "onclick"),
        ('<img src="x" onerror="alert(1)"><p>Bonjour</p>', "onerror"),
        ('<p><a href="javascript:alert(1)">lien</a>Bonjour</p>', "javascript:"),
        ('<p><a href="JaVaScRiPt:alert(1)">lien</a>Bonjour</p>', "javascript"),
        ('<p style="background:url(x)">Bonjour</p><style>p{}</style>', "style"),
        ('<iframe src="https://evil.example"></iframe><p>Bonjour</p>', "iframe"),
        ('<svg onload="alert(1)"></svg><p>Bonjour</p>', "svg"),
    ],
    ids=["script", "onclick", "onerror", "javascript", "javascript-case", "style", "iframe", "svg"],
)
def test_hostile_rich_text_is_cleaned_on_the_server(alpha, staff, payload, forbidden):
    response = staff.post(STAFF_NEWS, {"title": "Info", "text": payload}, content_type=JSON)

    assert response.status_code == 201, response.content
    text = NewsItem.objects.get().text
    assert forbidden not in text.lower()
    assert "Bonjour" in text
    assert response.json()["text"] == text


def test_allowed_formatting_and_safe_links_are_kept(alpha, staff):
    payload = (
        "<p><strong>Fermeture</strong> <em>exceptionnelle</em></p>"
        '<ul><li>lundi</li></ul><p><a href="https://mairie.example/menu">menu</a></p>'
    )
    response = staff.post(STAFF_NEWS, {"title": "Info", "text": payload}, content_type=JSON)

    text = response.json()["text"]
    assert "<strong>Fermeture</strong>" in text and "<li>lundi</li>" in text
    assert 'href="https://mairie.example/menu"' in text
    assert 'rel="noopener noreferrer"' in text


def test_a_text_emptied_by_cleaning_is_refused_in_french(alpha, staff):
    response = staff.post(
        STAFF_NEWS, {"title": "Info", "text": "<script>alert(1)</script>"}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["text"] == ["Écrivez le texte de l'actualité."]
    assert not NewsItem.objects.exists()


# Visibility -----------------------------------------------------------------------------------
def test_a_family_sees_published_items_for_everyone_and_its_modules_only(alpha, family, parent):
    child = family.children.get()
    enrol(child, make_activity())
    visible = make_news(title="Pour tous", publish_at=now() - timedelta(days=1))
    mine = make_news(title="Périscolaire", audience="periscolaire")
    make_news(title="Personnel", audience="staff")
    make_news(title="Programmée", publish_at=now() + timedelta(hours=1))
    make_news(
        title="Expirée",
        publish_at=now() - timedelta(days=3),
        expire_at=now() - timedelta(seconds=1),
    )
    pinned = make_news(title="Épinglée", publish_at=now() - timedelta(days=9), pinned=True)

    response = parent.get(NEWS)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [pinned.pk, mine.pk, visible.pk]
    assert response.json()[1]["audience_label"] == "Familles : Périscolaire"


def test_expiry_is_exclusive_and_publication_inclusive(alpha, family):
    starts = make_news(title="Commence", publish_at=now())
    ends = make_news(
        title="Finit", publish_at=now() - timedelta(days=1), expire_at=now() + timedelta(minutes=1)
    )

    assert set(news_for_family(family=family)) == {starts, ends}
    assert list(news_for_family(family=family, now=ends.expire_at)) == [starts]


def test_a_module_item_needs_a_validated_enrolment(alpha, family):
    make_news(title="Périscolaire", audience="periscolaire")
    enrolment = enrol(family.children.get(), make_activity(), status="requested")

    assert not news_for_family(family=family).exists()
    enrolment.status = "validated"
    enrolment.save()
    assert news_for_family(family=family).count() == 1


def test_an_item_a_family_may_not_see_is_a_404(alpha, family, parent):
    staff_only = make_news(title="Personnel", audience="staff", image=True)
    later = make_news(title="Plus tard", publish_at=now() + timedelta(days=1))

    for item in (staff_only, later):
        assert parent.get(f"{NEWS}{item.pk}/").status_code == 404
        assert parent.get(f"{NEWS}{item.pk}/image").status_code == 404


def test_staff_read_every_visible_item_and_the_family_its_own(alpha, family, parent, staff):
    staff_only = make_news(title="Personnel", audience="staff")
    module = make_news(title="Périscolaire", audience="periscolaire")

    assert {item["id"] for item in staff.get(NEWS).json()} == {staff_only.pk, module.pk}
    assert staff.get(f"{NEWS}{staff_only.pk}/").status_code == 200
    assert parent.get(NEWS).json() == []


def test_limit_keeps_the_first_items(alpha, parent):
    for i in range(4):
        make_news(title=f"Info {i}", publish_at=now() - timedelta(hours=i))

    assert [item["title"] for item in parent.get(f"{NEWS}?limit=2").json()] == ["Info 0", "Info 1"]
    assert parent.get(f"{NEWS}?limit=abc").status_code == 400


def test_another_structures_item_is_a_404(alpha, beta, parent):
    with tenant_context(beta):
        theirs = make_news(title="Bêta", image=True, public=True)

    assert parent.get(f"{NEWS}{theirs.pk + 1000}/").status_code == 404
    other = new_client()
    assert (
        other.get(f"/api/v1/communication/public/news/{theirs.pk + 1000}/image").status_code == 404
    )


# Public page --------------------------------------------------------------------------------
def test_anonymous_visitors_read_only_public_visible_items(alpha):
    public = make_news(title="Public", public=True, image=True)
    make_news(title="Privé")
    make_news(title="Public plus tard", public=True, publish_at=now() + timedelta(days=2))
    visitor = new_client()

    response = visitor.get("/api/v1/communication/public/news/")

    assert response.status_code == 200
    body = response.json()
    assert [item["title"] for item in body] == ["Public"]
    assert body[0]["image_url"] == f"/api/v1/communication/public/news/{public.pk}/image"
    image = visitor.get(body[0]["image_url"])
    assert image.status_code == 200 and content(image) == image_bytes("PNG")
    assert image["Content-Type"] == "image/png"
    assert visitor.get(NEWS).status_code in (401, 403)


def test_a_private_items_image_is_not_public(alpha):
    private = make_news(title="Privé", image=True)

    assert (
        new_client().get(f"/api/v1/communication/public/news/{private.pk}/image").status_code == 404
    )


def test_a_staff_only_item_is_never_public(alpha, staff):
    response = staff.post(
        STAFF_NEWS,
        {"title": "Personnel", "text": "<p>x</p>", "audience": "staff", "public": True},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert "public" in response.json()
    assert not public_news().exists()


# Images -------------------------------------------------------------------------------------
def test_staff_upload_an_image_the_family_downloads(alpha, family, parent, staff):
    response = staff.post(
        STAFF_NEWS,
        {
            "title": "Carnaval",
            "text": "<p>Déguisements</p>",
            "image": png(),
            "image_alt": "Masques",
        },
    )

    assert response.status_code == 201, response.content
    item = NewsItem.objects.get()
    assert item.image.name.startswith(f"tenants/{alpha.pk}/news/")
    body = parent.get(f"{NEWS}{item.pk}/").json()
    assert body["image_alt"] == "Masques"
    download = parent.get(body["image_url"])
    assert download.status_code == 200 and content(download) == image_bytes("PNG")
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PDF, "L'image doit être une photo JPEG ou PNG."),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "n'est pas un PDF, JPEG ou PNG valide."),
        (b"\x89PNG\r\n\x1a\n" + b"pas une image" * 10, "L'image semble incomplète ou abîmée."),
        (b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024 + 10), "la taille maximale est de 1 Mo."),
    ],
    ids=["pdf", "elf", "fake-png", "too-big"],
)
def test_a_bad_image_is_refused_in_french_and_nothing_is_stored(alpha, staff, data, message):
    from core.communication.models import CommunicationSettings

    limits = CommunicationSettings.current()
    limits.max_attachment_mb = 1
    limits.save()
    before = stored_files()

    response = staff.post(
        STAFF_NEWS,
        {"title": "Info", "text": "<p>x</p>", "image": SimpleUploadedFile("photo.png", data)},
    )

    assert response.status_code == 400
    assert message in response.json()["image"][0]
    assert not NewsItem.objects.exists()
    assert stored_files() == before


# Staff editor -------------------------------------------------------------------------------
def test_staff_list_programmed_published_and_expired_items_with_their_status(alpha, staff):
    make_news(title="Programmée", publish_at=now() + timedelta(days=1))
    make_news(title="Publiée")
    make_news(
        title="Expirée", publish_at=now() - timedelta(days=5), expire_at=now() - timedelta(days=1)
    )

    body = staff.get(STAFF_NEWS).json()

    assert {item["title"]: item["status"] for item in body} == {
        "Programmée": "Programmée",
        "Publiée": "Publiée",
        "Expirée": "Expirée",
    }


def test_staff_edit_replace_the_image_and_delete(alpha, staff, django_capture_on_commit_callbacks):
    item = make_news(title="Avant", image=True)
    old_image = item.image.name
    url = f"{STAFF_NEWS}{item.pk}/"

    response = staff.patch(
        url,
        {"title": "Après", "text": '<p>Texte <a href="javascript:x()">x</a></p>', "pinned": True},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert (item.title, item.pinned, item.image.name) == ("Après", True, old_image)
    assert "javascript" not in item.text

    with django_capture_on_commit_callbacks(execute=True):
        multipart = staff.generic("PATCH", url, **_multipart({"image": png("nouvelle.png")}))
    assert multipart.status_code == 200, multipart.content
    item.refresh_from_db()
    assert item.image.name != old_image
    assert not (Path(settings.MEDIA_ROOT) / old_image).exists()
    assert staff.get(f"{url}image").status_code == 200

    image = item.image.name
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.delete(url).status_code == 204
    assert not NewsItem.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / image).exists()


def test_expiry_before_publication_and_unknown_audience_are_refused(alpha, staff):
    response = staff.post(
        STAFF_NEWS,
        {
            "title": "Info",
            "text": "<p>x</p>",
            "publish_at": "2027-03-10T10:00:00+01:00",
            "expire_at": "2027-03-09T10:00:00+01:00",
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["expire_at"] == ["L'expiration doit être postérieure à la publication."]

    response = staff.post(
        STAFF_NEWS, {"title": "Info", "text": "<p>x</p>", "audience": "creche"}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["audience"] == ["Public inconnu : « creche »."]
    assert not NewsItem.objects.exists()


def test_a_family_and_an_animateur_cannot_write_news(alpha, parent):
    from core.accounts.roles import Role
    from tests.support.clients import HOST, logged
    from tests.support.factories import make_user

    animateur = logged(HOST, make_user(tenant=alpha, role=Role.ANIMATEUR).email)
    data = {"title": "Info", "text": "<p>x</p>"}
    assert parent.post(STAFF_NEWS, data, content_type=JSON).status_code == 403
    assert animateur.post(STAFF_NEWS, data, content_type=JSON).status_code == 403
    assert animateur.get(NEWS).status_code == 200


# Queries ------------------------------------------------------------------------------------
def test_lists_run_a_bounded_number_of_queries(
    alpha, family, parent, staff, django_assert_max_num_queries
):
    enrol(family.children.get(), make_activity())
    for i in range(12):
        make_news(title=f"Info {i}", image=i % 2 == 0, audience="periscolaire" if i % 3 else "all")

    with django_assert_max_num_queries(12):
        assert len(parent.get(NEWS).json()) == 12
    with django_assert_max_num_queries(12):
        assert len(staff.get(STAFF_NEWS).json()) == 12
    with django_assert_max_num_queries(12):
        assert len(new_client().get("/api/v1/communication/public/news/").json()) == 0


def _multipart(data: dict) -> dict:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return {"data": encode_multipart(BOUNDARY, data), "content_type": MULTIPART_CONTENT}


@pytest.mark.parametrize(
    ("payload", "forbidden"),
    [
        ("<p>Bonjour</p><script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)"><p>Bonjour</p>', "onerror"),
        ('<p><a href="javascript:alert(1)">lien</a>Bonjour</p>', "javascript:"),
    ],
    ids=["script", "onerror", "javascript"],
)
def test_hostile_rich_text_is_cleaned_on_patch_too(alpha, staff, payload, forbidden):
    item = make_news(title="Avant")

    response = staff.patch(f"{STAFF_NEWS}{item.pk}/", {"text": payload}, content_type=JSON)

    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert forbidden not in item.text.lower()
    assert "Bonjour" in item.text
    assert forbidden not in response.json()["text"].lower()


def test_an_image_sent_under_another_name_is_stored_and_served_by_its_content(alpha, parent, staff):
    response = staff.post(
        STAFF_NEWS,
        {
            "title": "Carnaval",
            "text": "<p>Déguisements</p>",
            "image": SimpleUploadedFile("x.html", image_bytes("PNG")),
        },
    )

    assert response.status_code == 201, response.content
    item = NewsItem.objects.get()
    assert item.image.name.endswith(".png")
    download = parent.get(parent.get(f"{NEWS}{item.pk}/").json()["image_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert ".html" not in download["Content-Disposition"]


def test_an_oversized_news_body_is_refused_in_french_before_parsing(alpha, staff):
    from core.communication.models import CommunicationSettings

    limits = CommunicationSettings.current()
    limits.max_attachment_mb = 1
    limits.save()
    before = stored_files()

    big = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024))
    response = staff.post(STAFF_NEWS, {"title": "Info", "text": "<p>x</p>", "image": big})

    assert response.status_code == 400
    assert response.json()["image"] == ["Le fichier dépasse la taille permise : 1 Mo au plus."]
    assert not NewsItem.objects.exists()
    assert stored_files() == before
