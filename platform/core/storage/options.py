"""``STORAGES["default"]`` for an S3-compatible bucket, read from the environment.

Imported by the settings: plain data only (no boto3 import at start-up)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "core.storage.s3.PrivateS3Storage"
ADDRESSING_STYLES = ("auto", "virtual", "path")
CHECKSUM_MODES = ("when_required", "when_supported")


def s3_storage_settings(environ: Mapping[str, str]) -> dict | None:
    """The default storage on the bucket ``S3_BUCKET``, or ``None`` when it is not set
    (the media folder then). Every file is private: no ACL is sent (the bucket's own, which
    must block public access) and the backend never hands out a link to the bucket."""
    bucket = environ.get("S3_BUCKET", "").strip()
    if not bucket:
        return None
    options: dict = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("S3_ENDPOINT_URL", "").strip() or None,
        "region_name": environ.get("S3_REGION", "").strip() or None,
        # Keys are by tenant id and random (``core.documents.storage``): never replace an
        # object that exists, draw another name.
        "file_overwrite": False,
        "default_acl": None,
        # Signed if a URL is ever made by the base class; ours makes none (``s3.py``).
        "querystring_auth": True,
        "location": environ.get("S3_PREFIX", "").strip().strip("/"),
        "signature_version": "s3v4",
        "addressing_style": _choice(environ, "S3_ADDRESSING_STYLE", ADDRESSING_STYLES, "auto"),
        "checksums": _choice(environ, "S3_CHECKSUMS", CHECKSUM_MODES, "when_required"),
        # Files are read whole to be streamed; past 5 MB the buffer spills to a temporary file.
        "max_memory_size": 5 * 1024 * 1024,
    }
    access_key = environ.get("S3_ACCESS_KEY_ID", "").strip()
    secret_key = environ.get("S3_SECRET_ACCESS_KEY", "").strip()
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY se donnent ensemble (ou aucun des deux : "
            "la chaîne d'identifiants standard d'AWS, par exemple IRSA, est alors utilisée)."
        )
    if access_key:
        options |= {"access_key": access_key, "secret_key": secret_key}
    parameters = {}
    if sse := environ.get("S3_SSE", "").strip():
        parameters["ServerSideEncryption"] = sse
        if kms_key := environ.get("S3_SSE_KMS_KEY_ID", "").strip():
            parameters["SSEKMSKeyId"] = kms_key
    options["object_parameters"] = parameters
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def _choice(environ: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    value = environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} doit valoir {', '.join(choices)} (reçu : {value!r}).")
    return value
