"""« Mes envois »: files a family sends the structure that are not required documents (a
medical certificate for an absence…), optionally about a child or a conversation of its own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from core.accounts.models import User
from core.communication.models import CommunicationSettings, FamilySubmission, Thread
from core.communication.services.access import readable_service_keys
from core.communication.services.cleanup import delete_if_failed, save_checked
from core.documents.uploads import check_upload
from core.families.models import Child, Family


def family_submissions(*, family: Family) -> QuerySet[FamilySubmission]:
    return FamilySubmission.objects.filter(family=family).select_related("child")


def staff_submissions(
    *, user: User, family_id: int | None = None, seen: bool | None = None
) -> QuerySet[FamilySubmission]:
    """The envois ``user`` may read, newest first; by family and seen / not seen when asked.

    An envoi about a conversation is read only by who reads that conversation's service (the
    messaging rule): another service's is left out (a 404 in the views)."""
    queryset = FamilySubmission.objects.select_related("family", "child")
    keys = readable_service_keys(user=user)
    if keys is not None:
        queryset = queryset.filter(Q(thread__isnull=True) | Q(thread__service__key__in=keys))
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
    submission = FamilySubmission(
        family=family,
        child=child,
        thread=thread,
        title=title,
        comment=(comment or "").strip(),
        original_name=checked.display_name,
        content_type=checked.content_type,
        size=checked.size,
        sent_by=user,
    )
    save_checked(submission.file, file, checked)
    try:
        submission.save()
    except BaseException:
        delete_if_failed(submission.file)
        raise
    return submission


def mark_submission_seen(*, submission: FamilySubmission) -> FamilySubmission:
    submission.mark_seen()
    return submission
