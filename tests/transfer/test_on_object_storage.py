"""The same export → delete → import with the media on S3 (moto's server): the files are read,
listed, deleted and written through the storage API only, under ``S3_PREFIX``."""

from __future__ import annotations

import uuid

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tenants.utils import tenant_context
from moto.server import ThreadedMotoServer

from core.documents.models import Document
from core.storage.options import s3_storage_settings
from core.tenancy.constants import TenantKind
from tenants.models import Tenant
from tenants.provisioning import create_tenant
from tenants.transfer.delete import settle_delay
from tests.transfer.structures import PDF, populate, remove

REGION = "eu-west-3"
KEYS = {"aws_access_key_id": "marelle-test", "aws_secret_access_key": "marelle-test-secret"}


@pytest.fixture
def bucket(settings):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **KEYS)
    name = f"marelle-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    environment = {
        "S3_BUCKET": name,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": REGION,
        "S3_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
        "S3_PREFIX": "marelle-prod/",
    }
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(environment)}

    def keys() -> list[str]:
        listed = client.list_objects_v2(Bucket=name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    yield keys
    server.stop()


def test_export_delete_import_with_media_on_object_storage(
    bucket, tenants, django_db_blocker, tmp_path, clock
):
    slug = f"seau-{uuid.uuid4().hex[:8]}"
    prefixes = []
    with django_db_blocker.unblock():
        try:
            tenant = create_tenant(
                slug=slug, name="Mairie du Seau", kind=TenantKind.COMMUNE, modules=[]
            )
            data = populate(tenant)
            tenant.refresh_from_db()
            old = f"marelle-prod/tenants/{tenant.pk}/"
            prefixes.append(old)
            assert [k for k in bucket() if k.startswith(old)] == sorted(
                [f"marelle-prod/{data['document_name']}", f"marelle-prod/{tenant.logo.name}"]
            )
            archive = tmp_path / "seau.tar.gz"
            call_command("export_tenant", slug, output=archive, suspend=True)
            clock.shift(settle_delay())
            call_command("export_tenant", slug, output=archive)  # once the tasks settled

            call_command("delete_tenant", slug, export_file=archive, confirm=slug)
            assert not [k for k in bucket() if k.startswith(old)]

            call_command("import_tenant", archive)
            back = Tenant.objects.get(slug=slug)
            new = f"marelle-prod/tenants/{back.pk}/"
            prefixes.append(new)
            assert len([k for k in bucket() if k.startswith(new)]) == 2
            with tenant_context(back):
                document = Document.objects.get(pk=data["document_id"])
                assert document.file.name.startswith(f"tenants/{back.pk}/documents/")
                with default_storage.open(document.file.name) as handle:
                    assert handle.read() == PDF
        finally:
            remove(slug)
    assert prefixes and not [k for k in bucket() if k.startswith(tuple(prefixes))]
