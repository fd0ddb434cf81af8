"""« Mes envois »: files a family sends the structure that are not required documents (a
medical certificate for an absence…), optionally about a child or a conversation of its own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from core.accounts.models import User
from core.communication.models import CommunicationSettings, FamilySubmission, Thread
from core.documents.uploads import check_upload
from core.families.models import Child, Family


def family_submissions(*, family: Family) -> QuerySet[FamilySubmission]:
    return FamilySubmission.objects.filter(family=family).select_related("child")


def staff_submissions(
    *, family_id: int | None = None, seen: bool | None = None
) -> QuerySet[FamilySubmission]:
    """Every family's envois, newest first; by family and seen / not seen when asked."""
    queryset = FamilySubmission.objects.select_related("family", "child")
    if family_id is not None:
        queryset = queryset.filter(family_id=family_id)
    if seen is not None:
        queryset = queryset.filter(seen_at__isnull=not seen)
    return queryset


def send_submission(
    *,
    family: Family,
    user: User | None,
    title: str,
    file,
    child: Child | None = None,
    comment: str = "",
    thread: Thread | None = None,
) -> FamilySubmission:
    """Store the family's file, checked by content (PDF, JPEG or PNG within the structure's
    limit) before anything is written. ``child`` and ``thread`` must be the family's own: the
    caller looks them up in the family's querysets (another family's id is a 404 there)."""
    if child is not None and child.family_id != family.pk:
        raise ValueError("The child is not the family's.")
    if thread is not None and thread.family_id != family.pk:
        raise ValueError("The conversation is not the family's.")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": ["Indiquez l'objet de l'envoi."]})
    checked = check_upload(file, max_mb=CommunicationSettings.current().max_attachment_mb)
    return FamilySubmission.objects.create(
        family=family,
        child=child,
        thread=thread,
        title=title,
        comment=(comment or "").strip(),
        file=file,
        original_name=checked.display_name,
        content_type=checked.content_type,
        size=checked.size,
        sent_by=user,
    )


def mark_submission_seen(*, submission: FamilySubmission) -> FamilySubmission:
    submission.mark_seen()
    return submission
