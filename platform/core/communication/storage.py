"""Where communication files live: under the structure's folder, with names we make ourselves."""

from __future__ import annotations

import uuid

from core.documents.storage import tenant_folder
from core.documents.uploads import ACCEPTED_TYPES

# Any extension a sender may use for an accepted type → the type's canonical one.
_CANONICAL = {
    known: canonical for canonical, aliases in ACCEPTED_TYPES.values() for known in aliases
}


def _random_name(folder: str, instance, filename: str) -> str:
    # The sender's file name is kept in the database only (``original_name``). The extension
    # is the checked content's: from the row's ``content_type`` when it has one, else from the
    # name the service gave (``upload.<checked extension>``); never an extension we do not
    # serve (a PDF sent as ``x.html`` is a ``.pdf`` on disk).
    extension = ACCEPTED_TYPES.get(getattr(instance, "content_type", ""), ("",))[0]
    if not extension:
        given = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        extension = _CANONICAL.get(given, "bin")
    return f"{tenant_folder()}/{folder}/{uuid.uuid4().hex}.{extension}"


def message_upload_to(instance, filename: str) -> str:
    return _random_name("messages", instance, filename)


def announcement_upload_to(instance, filename: str) -> str:
    return _random_name("announcements", instance, filename)


def news_upload_to(instance, filename: str) -> str:
    return _random_name("news", instance, filename)


def download_upload_to(instance, filename: str) -> str:
    return _random_name("downloads", instance, filename)


def submission_upload_to(instance, filename: str) -> str:
    return _random_name("submissions", instance, filename)
