"""Where documents live: under the structure's own folder, with names we make ourselves."""

from __future__ import annotations

import uuid

from django.db import connection


def tenant_folder() -> str:
    """The current structure's folder in the media storage (``tenants/<id>``)."""
    # By tenant id, never by slug: a renamed structure keeps its files, and a slug is not a path.
    tenant = getattr(connection, "tenant", None)
    if tenant is None or tenant.pk is None:
        raise RuntimeError("Documents are stored in a structure's schema only.")
    return f"tenants/{tenant.pk}"


def document_upload_to(instance, filename: str) -> str:
    # The family's file name is kept in the database only; on disk a random name and the
    # extension of the detected content type.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{tenant_folder()}/documents/{uuid.uuid4().hex}.{extension}"


def template_upload_to(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{tenant_folder()}/templates/{uuid.uuid4().hex}.{extension}"
