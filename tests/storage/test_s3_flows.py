"""Uploads on an S3-compatible bucket (moto's server): the real API flows store each file
under its structure's prefix, privately, and serve it back only through Marelle's views,
after the same access checks as on the media folder; no payload or page names the bucket."""

from __future__ import annotations

import base64
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django_tenants.utils import tenant_context
from PIL import Image

from core.accounts.models import User
from core.accounts.roles import Role
from core.communication.models import Attachment, NewsItem
from core.documents.editions import logo_data_uri
from core.documents.models import Document, DocumentType
from tests.support.clients import client_ip
from tests.support.communication_messaging import first_theme, pdf_file, service
from tests.support.factories import make_family, make_user

pytestmark = [pytest.mark.django_db]

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
STAFF_NEWS = "/api/v1/staff/communication/news/"
NEWS = "/api/v1/communication/news/"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def signed_in(tenant, user) -> Client:
    client = Client(HTTP_HOST=f"{tenant.slug}.localhost", REMOTE_ADDR=client_ip())
    with tenant_context(tenant):
        client.force_login(user)
    return client


def assert_private(bucket, key: str) -> None:
    """Only the bucket's owner holds a grant: no public-read, no authenticated-users read."""
    acl = bucket.client.get_object_acl(Bucket=bucket.name, Key=key)
    grants = [(g["Grantee"].get("ID"), g["Permission"]) for g in acl["Grants"]]
    assert grants == [(acl["Owner"]["ID"], "FULL_CONTROL")]


def assert_no_bucket_address(text: str, bucket) -> None:
    assert bucket.host not in text and bucket.name not in text and "X-Amz-" not in text


def upload_document(client, document_type) -> dict:
    data = {"document_type": document_type.pk, "file": SimpleUploadedFile("assurance.pdf", PDF)}
    response = client.post("/api/v1/documents/", data)
    assert response.status_code == 201, response.content
    return response.json()


def test_a_familys_document_is_private_in_the_bucket_and_served_only_to_its_readers(
    alpha, beta, on_s3, family, parent, staff
):
    insurance = DocumentType.objects.create(name="Assurance scolaire", scope="family")

    document = upload_document(parent, insurance)

    (key,) = on_s3.objects()
    assert re.fullmatch(rf"tenants/{alpha.pk}/documents/[0-9a-f]{{32}}\.pdf", key)
    assert Document.objects.get(uuid=document["uuid"]).file.name == key
    assert on_s3.body(key) == PDF
    assert_private(on_s3, key)
    download = parent.get(document["file_url"])
    assert download.status_code == 200 and content(download) == PDF
    assert download["Content-Length"] == str(len(PDF))
    assert download["Cache-Control"] == "private, no-store"
    staff_file = staff.get(f"/api/v1/staff/documents/{document['uuid']}/file")
    assert staff_file.status_code == 200 and content(staff_file) == PDF
    for page in (parent.get("/api/v1/documents/"), staff.get("/api/v1/staff/documents/")):
        assert page.status_code == 200
        assert_no_bucket_address(page.content.decode(), on_s3)
    assert_no_bucket_address(str(document), on_s3)

    _, neighbour = make_family(tenant=alpha, first_name="Bruno")
    assert signed_in(alpha, neighbour).get(document["file_url"]).status_code == 404
    _, stranger = make_family(tenant=beta)
    beta_staff = make_user(tenant=beta, role=Role.GESTIONNAIRE)
    assert signed_in(beta, stranger).get(document["file_url"]).status_code == 404
    staff_route = f"/api/v1/staff/documents/{document['uuid']}/file"
    assert signed_in(beta, beta_staff).get(staff_route).status_code == 404


def test_news_images_and_message_attachments_go_through_the_bucket_and_leave_it_when_removed(
    alpha, on_s3, family, parent, staff, django_capture_on_commit_callbacks
):
    created = staff.post(
        STAFF_NEWS,
        {
            "title": "Carnaval",
            "text": "<p>Masques</p>",
            "image": SimpleUploadedFile("photo.png", png()),
            "image_alt": "Masques",
        },
    )
    assert created.status_code == 201, created.content
    item = NewsItem.objects.get()
    assert item.image.name.startswith(f"tenants/{alpha.pk}/news/")
    assert on_s3.objects() == [item.image.name]
    assert_private(on_s3, item.image.name)
    shown = parent.get(f"{NEWS}{item.pk}/")
    assert_no_bucket_address(shown.content.decode(), on_s3)
    image = parent.get(shown.json()["image_url"])
    assert image.status_code == 200 and content(image) == png()
    assert image["Content-Type"] == "image/png"

    desk = service()
    thread = parent.post(
        "/api/v1/communication/threads/",
        {
            "service": desk.pk,
            "theme": first_theme(desk).pk,
            "subject": "Certificat",
            "text": "Le voici.",
            "attachments": [pdf_file()],
        },
    )
    assert thread.status_code == 201, thread.content
    assert_no_bucket_address(thread.content.decode(), on_s3)
    stored = Attachment.objects.get().file.name
    assert stored.startswith(f"tenants/{alpha.pk}/") and stored in on_s3.objects()
    (attachment,) = thread.json()["messages"][0]["attachments"]
    assert content(parent.get(attachment["url"])) == PDF

    old_image = item.image.name
    with django_capture_on_commit_callbacks(execute=True):
        replaced = staff.generic(
            "PATCH",
            f"{STAFF_NEWS}{item.pk}/",
            encode_multipart(BOUNDARY, {"image": SimpleUploadedFile("autre.png", png())}),
            content_type=MULTIPART_CONTENT,
        )
    assert replaced.status_code == 200, replaced.content
    item.refresh_from_db()
    assert old_image not in on_s3.objects() and item.image.name in on_s3.objects()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.delete(f"{STAFF_NEWS}{item.pk}/").status_code == 204
    assert on_s3.objects() == [stored]


def test_the_logo_uploaded_in_the_console_is_served_by_its_structure_and_printed_in_its_forms(
    alpha, alpha_client, on_s3
):
    connection.set_schema_to_public()
    operator = User.objects.create_superuser(email="ops@marelle.example", password="Operateur26")
    console = Client(HTTP_HOST="localhost", REMOTE_ADDR=client_ip())
    console.force_login(operator)
    change = f"/admin/tenants/tenant/{alpha.pk}/change/"
    fields = ["name", "name_article", "kind", "time_zone", "holiday_zone", "primary_color"]
    form = {name: getattr(alpha, name) for name in fields} | {
        "modules": alpha.modules,
        "public_holiday_region": alpha.public_holiday_region or "",
        "logo": SimpleUploadedFile("logo.png", png()),
        "domains-TOTAL_FORMS": "0",
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
    }

    response = console.post(change, form)

    assert response.status_code == 302, response.content.decode()[:3000]
    alpha.refresh_from_db()
    key = alpha.logo.name
    assert key.startswith(f"tenants/{alpha.pk}/branding/logo-") and on_s3.objects() == [key]
    assert_private(on_s3, key)
    # The console shows the current logo with the storage's url(): never the bucket's.
    page = console.get(change)
    assert page.status_code == 200 and key in page.content.decode()
    assert_no_bucket_address(page.content.decode(), on_s3)
    structure = alpha_client.get("/api/v1/structure/")
    assert_no_bucket_address(structure.content.decode(), on_s3)
    logo = alpha_client.get(structure.json()["logo_url"])
    assert logo.status_code == 200 and content(logo) == png()
    assert logo["Content-Type"] == "image/png"
    # The PDF editions (health form, contracts) embed it, read from the bucket.
    expected = base64.b64encode(png()).decode()
    assert logo_data_uri(alpha) == f"data:image/png;base64,{expected}"


def test_under_a_prefix_keys_keep_the_structures_folder_and_a_lost_object_answers_404(
    alpha, on_s3_with_prefix, family, parent
):
    bucket = on_s3_with_prefix
    insurance = DocumentType.objects.create(name="Assurance scolaire", scope="family")

    document = upload_document(parent, insurance)

    name = Document.objects.get(uuid=document["uuid"]).file.name
    assert name.startswith(f"tenants/{alpha.pk}/documents/")
    assert bucket.objects() == [f"marelle-prod/{name}"]
    head = bucket.client.head_object(Bucket=bucket.name, Key=f"marelle-prod/{name}")
    assert head["ServerSideEncryption"] == "AES256"
    assert content(parent.get(document["file_url"])) == PDF

    bucket.client.delete_object(Bucket=bucket.name, Key=f"marelle-prod/{name}")

    assert parent.get(document["file_url"]).status_code == 404
