"""The S3 settings read from the environment, and the settings module wiring them in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.storage.options import s3_storage_settings

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_bucket_the_media_folder_stays_and_with_one_every_option_is_read():
    assert s3_storage_settings({}) is None
    assert s3_storage_settings({"S3_BUCKET": "  "}) is None

    scaleway = s3_storage_settings(
        {
            "S3_BUCKET": "marelle-medias",
            "S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
            "S3_REGION": "fr-par",
            "S3_ACCESS_KEY_ID": "SCWXXXX",
            "S3_SECRET_ACCESS_KEY": "secret",
            "S3_PREFIX": "/production/",
            "S3_SSE": "aws:kms",
            "S3_SSE_KMS_KEY_ID": "key-1",
            "S3_ADDRESSING_STYLE": "Virtual",
        }
    )
    aws_role = s3_storage_settings({"S3_BUCKET": "marelle-medias"})

    assert scaleway == {
        "BACKEND": "core.storage.s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": "marelle-medias",
            "endpoint_url": "https://s3.fr-par.scw.cloud",
            "region_name": "fr-par",
            "access_key": "SCWXXXX",
            "secret_key": "secret",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "location": "production",
            "signature_version": "s3v4",
            "addressing_style": "virtual",
            "checksums": "when_required",
            "max_memory_size": 5 * 1024 * 1024,
            "object_parameters": {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "key-1"},
        },
    }
    # No keys: boto3's own chain (environment, web identity of the pod, instance profile).
    options = aws_role["OPTIONS"]
    assert "access_key" not in options and "secret_key" not in options
    defaults = ("endpoint_url", "region_name", "location", "addressing_style", "object_parameters")
    assert [options[name] for name in defaults] == [None, None, "", "auto", {}]


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"S3_ACCESS_KEY_ID": "AKIA"}, "se donnent ensemble"),
        ({"S3_SECRET_ACCESS_KEY": "secret"}, "se donnent ensemble"),
        ({"S3_ADDRESSING_STYLE": "dns"}, "S3_ADDRESSING_STYLE doit valoir auto, virtual, path"),
        ({"S3_CHECKSUMS": "never"}, "S3_CHECKSUMS doit valoir when_required, when_supported"),
    ],
    ids=["key-alone", "secret-alone", "style", "checksums"],
)
def test_a_half_configured_bucket_stops_marelle_at_start_up(environment, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        s3_storage_settings({"S3_BUCKET": "marelle-medias", **environment})


def test_the_settings_put_the_default_storage_on_the_bucket_and_it_never_links_to_it():
    """In a fresh process, as a web pod starts: S3_BUCKET switches the storage of the FileFields
    and ``default_storage`` (the rest of the suite runs on the media folder, the default)."""
    probe = """
import json, django
django.setup()
from django.core.files.storage import default_storage
from core.documents.models import Document
field_storage = Document._meta.get_field("file").storage
url = field_storage.url("tenants/7/documents/a.pdf")  # evaluates the lazy default storage
config = getattr(default_storage, "client_config", None)
print(json.dumps([
    type(default_storage._wrapped).__name__,
    field_storage is default_storage,
    url,
    getattr(default_storage, "bucket_name", None),
    config and config.request_checksum_calculation,
    config and config.s3,
]))
"""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("S3_", "AWS_", "PYTEST_"))
    } | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)]),
        "S3_BUCKET": "marelle-medias",
        "S3_ENDPOINT_URL": "https://s3.example.org",
    }

    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", probe],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "PrivateS3Storage",
        True,
        "/tenants/7/documents/a.pdf",
        "marelle-medias",
        "when_required",
        {"addressing_style": "auto"},
    ]
