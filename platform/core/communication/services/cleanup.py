"""Removing a stored file once the row that pointed at it changed or is gone (news images,
downloads)."""

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
