"""The document type of absence justifications (medical certificates)."""

from __future__ import annotations

from core.documents.models import DocumentType

DEFAULT_KEY = "booking:justificatif_absence"


def absence_document_type() -> DocumentType:
    """Created on first use: not a required document, only what an excused absence needs."""
    document_type, _ = DocumentType.objects.get_or_create(
        default_key=DEFAULT_KEY,
        defaults={
            "name": "Justificatif d'absence",
            "description": "Certificat médical ou autre justificatif d'une absence.",
            "scope": DocumentType.SCOPE_CHILD,
            "required": False,
            "validity": DocumentType.VALIDITY_PERMANENT,
            "requires_review": True,
            "order": 900,
        },
    )
    return document_type
