"""Checking the files of a message, an announcement or an envoi before anything is stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from core.communication.models import CommunicationSettings
from core.documents.uploads import CheckedUpload, check_upload


@dataclass(frozen=True)
class CheckedFile:
    file: object
    checked: CheckedUpload


def check_files(files: Sequence, *, field: str = "attachments") -> list[CheckedFile]:
    """Every file checked by content against the structure's limits, or a French
    ``ValidationError`` before anything is written (too many, too big, disguised)."""
    settings = CommunicationSettings.current()
    if len(files) > settings.max_attachments:
        raise ValidationError(
            {
                field: [
                    f"Vous pouvez joindre au plus {settings.max_attachments} fichier(s) "
                    f"à un message ; vous en avez choisi {len(files)}."
                ]
            }
        )
    return [
        CheckedFile(file=f, checked=check_upload(f, max_mb=settings.max_attachment_mb, field=field))
        for f in files
    ]


def stored_fields(item: CheckedFile) -> dict:
    """Model fields for a checked file (the name on disk is made by ``upload_to``)."""
    return {
        "file": item.file,
        "original_name": item.checked.display_name,
        "content_type": item.checked.content_type,
        "size": item.checked.size,
    }
