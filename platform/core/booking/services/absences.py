"""A parent's absences on booked days, and the document type of their justifications
(medical certificates)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone

from core.accounts.models import User
from core.booking.models import Reservation
from core.booking.services.decisions import declare_absence
from core.documents.models import DocumentType
from core.documents.services import upload_document
from core.errors import DomainError

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


def report_absence(
    *, reservation: Reservation, reason: str = "", justification: File | None = None, user: User
) -> Reservation:
    """A parent declares an absence on a booked day still to come: excused with a
    justification (filed in the family's documents, where the staff review it), billed
    without.

    The justification is checked and filed first, so that a bad file refuses the absence too;
    if the declaration is then refused, the document and its file go again: a refusal leaves
    nothing behind in "Mes documents"."""
    if reservation.date < timezone.localdate():
        raise DomainError("Date passée.", field="reservation", code="date_past")
    document = None
    if justification is not None:
        document = upload_document(
            family=reservation.child.family,
            document_type=absence_document_type(),
            file=justification,
            child=reservation.child,
            user=user,
        )
    try:
        return declare_absence(reservation=reservation, reason=reason, document=document, by=user)
    except (ValidationError, DomainError):
        if document is not None:
            document.file.delete(save=False)
            document.delete()
        raise
