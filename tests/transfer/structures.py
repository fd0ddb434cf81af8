"""The structures of the transfer tests: their data, and removing whatever they left."""

from __future__ import annotations

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tenants.utils import schema_exists, tenant_context
from PIL import Image

from core.tenancy.constants import TenantStatus
from tenants.models import ProviderReference, Tenant
from tenants.transfer.delete import delete_structure
from tests.support.factories import make_family

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 90, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def populate(tenant: Tenant) -> dict:
    from core.documents.models import DocumentType
    from core.documents.services import upload_document

    family, user = make_family(tenant=tenant)
    with tenant_context(tenant):
        insurance = DocumentType.objects.create(name="Assurance scolaire", scope="family", order=1)
        document = upload_document(
            family=family,
            document_type=insurance,
            file=SimpleUploadedFile("attestation.pdf", PDF),
            user=user,
        )
    tenant.logo.save("logo.png", ContentFile(png()), save=True)
    ProviderReference.objects.create(
        tenant=tenant, provider="stripe", reference=f"acct_{uuid.uuid4().hex}"
    )
    return {
        "family_id": family.pk,
        "document_id": document.pk,
        "document_uuid": str(document.uuid),
        "document_name": document.file.name,
        "parent_email": user.email,
    }


def remove(slug: str) -> None:
    """Whatever remains of a structure of these tests."""
    connection.set_schema_to_public()
    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is not None:
        Tenant.objects.filter(pk=tenant.pk).update(status=TenantStatus.SUSPENDED)
        tenant.refresh_from_db()
        delete_structure(tenant=tenant, confirm=slug, without_export=True)
    schema = "t_" + slug.replace("-", "_")
    if schema_exists(schema):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
