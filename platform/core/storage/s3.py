"""The media storage on a private bucket of an S3-compatible object storage (AWS, Scaleway,
OVHcloud, MinIO…), configured by ``options.py`` from the environment."""

from __future__ import annotations

from urllib.parse import urljoin

from botocore.config import Config
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """django-storages' S3 backend, for files only Marelle reads.

    - ``url()`` never names the bucket: families' files are personal (often health) data, and
      each view checks who asks before streaming them (``api/downloads.py``). It answers what
      the media folder answers, a path on Marelle's own host that serves no file, so an admin
      widget or a stray ``.url`` in a template cannot hand out the bucket's address or a signed
      link that would outlive the access check.
    - ``checksums``: boto3 (≥ 1.36) adds CRC checksums to every upload by default, which several
      S3-compatible services refuse; ``when_required`` sends them only where S3 requires one.
    - Retries in boto's "standard" mode and bounded timeouts: a slow bucket fails a request
      instead of holding a web worker.
    """

    def get_default_settings(self) -> dict:
        return {**super().get_default_settings(), "checksums": "when_required"}

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.client_config = self.client_config.merge(
            Config(
                request_checksum_calculation=self.checksums,
                response_checksum_validation=self.checksums,
                retries={"mode": "standard", "max_attempts": 5},
                connect_timeout=5,
                read_timeout=30,
            )
        )

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        return urljoin(settings.MEDIA_URL or "/", filepath_to_uri(name))
