"""Where communication files live: under the structure's folder, with names we make ourselves."""

from __future__ import annotations

import uuid

from core.documents.storage import tenant_folder


def _random_name(folder: str, filename: str) -> str:
    # The sender's file name is kept in the database only (``original_name``).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{tenant_folder()}/{folder}/{uuid.uuid4().hex}.{extension}"


def message_upload_to(instance, filename: str) -> str:
    return _random_name("messages", filename)


def announcement_upload_to(instance, filename: str) -> str:
    return _random_name("announcements", filename)


def news_upload_to(instance, filename: str) -> str:
    return _random_name("news", filename)


def download_upload_to(instance, filename: str) -> str:
    return _random_name("downloads", filename)


def submission_upload_to(instance, filename: str) -> str:
    return _random_name("submissions", filename)
