"""Storing a checked file under our own name, and removing a stored file once the row that
pointed at it changed or is gone (news images, downloads, envois)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class StoredFile:
    storage: object
    name: str


def stored(field_file) -> StoredFile | None:
    """Where ``field_file`` is now (None when empty), to delete it after the row changes."""
    return StoredFile(field_file.storage, field_file.name) if field_file else None


def delete_after_commit(file: StoredFile | None) -> None:
    """Delete ``file`` after the transaction commits: the row is the truth, and a rolled-back
    change must still find its file."""
    if file is None:
        return
    transaction.on_commit(lambda: file.storage.delete(file.name))


def save_checked(field_file, file, checked) -> None:
    """Store ``file`` under a name made from the extension its content was checked to have
    (``CheckedUpload.extension``), never the sender's: a PDF sent as ``x.html`` is a ``.pdf``
    on disk. The row itself is saved by the caller."""
    field_file.save(f"upload.{checked.extension}", file, save=False)


def delete_if_failed(field_file) -> None:
    """Remove a file just written when the row pointing at it could not be saved."""
    if field_file:
        field_file.storage.delete(field_file.name)
