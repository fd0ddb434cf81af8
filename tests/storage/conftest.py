"""A real S3 API for the storage tests: moto's server on a free loopback port, a private
bucket per test, and Marelle's default storage pointed at it by the settings helper the
production settings use (``core.storage.options``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import boto3
import pytest
from moto.server import ThreadedMotoServer

from core.storage.options import s3_storage_settings

REGION = "eu-west-3"
KEYS = {"aws_access_key_id": "marelle-test", "aws_secret_access_key": "marelle-test-secret"}


@dataclass(frozen=True)
class Bucket:
    name: str
    endpoint: str  # http://127.0.0.1:<port>
    client: object  # a boto3 S3 client, to look at the bucket as its owner does

    @property
    def host(self) -> str:
        return self.endpoint.removeprefix("http://")

    def objects(self) -> list[str]:
        """The keys in the bucket, sorted."""
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _environment(bucket: Bucket, **extra: str) -> dict[str, str]:
    return {
        "S3_BUCKET": bucket.name,
        "S3_ENDPOINT_URL": bucket.endpoint,
        "S3_REGION": REGION,
        "S3_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
        **extra,
    }


@pytest.fixture
def bucket(s3_endpoint) -> Bucket:
    """A new bucket, private as the operations guide asks: public access blocked."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **KEYS)
    name = f"marelle-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.put_public_access_block(
        Bucket=name,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    return Bucket(name=name, endpoint=s3_endpoint, client=client)


@pytest.fixture
def on_s3(settings, bucket) -> Bucket:
    """Marelle's default storage on ``bucket`` for the test (FileFields use the lazy
    ``default_storage``, which Django rebuilds when ``STORAGES`` changes)."""
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(_environment(bucket))}
    return bucket


@pytest.fixture
def on_s3_with_prefix(settings, bucket) -> Bucket:
    environment = _environment(bucket, S3_PREFIX="/marelle-prod/", S3_SSE="AES256")
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(environment)}
    return bucket
