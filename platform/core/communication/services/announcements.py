"""Announcements: drafts, their attachments, the reach preview, queuing (exactly once), reading.

Queuing materialises one ``AnnouncementRecipient`` row per guardian reached, in ONE
``INSERT … SELECT … ON CONFLICT DO NOTHING`` built from :func:`targets.target_guardians`, the
same query the preview counts: the count shown is the rows inserted. The task
(``tasks/announcements.py``) then delivers the e-mails and SMS in locked batches, stamping each
row in the transaction that sent it; the portal copy is the row itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.communication.models import (
    Announcement,
    AnnouncementAttachment,
    AnnouncementRecipient,
    CommunicationSettings,
)
from core.communication.services import targets
from core.communication.services.files import check_files, stored_fields
from core.communication.services.rich_text import clean_html, plain_text
from core.errors import DomainError


@dataclass(frozen=True)
class Progress:
    state: str
    state_label: str
    recipients: int
    emailed: int
    email_skipped: int
    sms_sent: int
    read_families: int
    families: int


def _check_text(*, title: str, text: str) -> tuple[str, str]:
    from django.core.exceptions import ValidationError

    # One line: a newline or a control character would make the e-mail subject raise
    # ``BadHeaderError`` and leave the announcement stuck in sending.
    title = " ".join("".join(c if c.isprintable() else " " for c in title or "").split())
    cleaned = clean_html(text)
    errors = {}
    if not title:
        errors["title"] = ["Donnez un titre à l'annonce."]
    if not plain_text(cleaned):
        errors["text"] = ["Écrivez le texte de l'annonce."]
    if errors:
        raise ValidationError(errors)
    return title, cleaned


def _ensure_draft(announcement: Announcement) -> None:
    if announcement.state != Announcement.STATE_DRAFT:
        raise DomainError("Cette annonce a déjà été envoyée : elle ne peut plus être modifiée.")


def create_draft(
    *,
    user,
    title: str,
    text: str,
    target: list,
    by_email: bool = True,
    urgent: bool = False,
) -> Announcement:
    """A new draft (text sanitised, criteria checked)."""
    title, cleaned = _check_text(title=title, text=text)
    criteria = targets.validate_target(target)
    return Announcement.objects.create(
        title=title,
        text=cleaned,
        target=criteria,
        by_email=by_email,
        urgent=urgent,
        created_by=user,
    )


def update_draft(*, announcement: Announcement, **changes) -> Announcement:
    """Change a draft's ``title``, ``text``, ``target``, ``by_email``, ``urgent``."""
    _ensure_draft(announcement)
    title, cleaned = _check_text(
        title=changes.get("title", announcement.title), text=changes.get("text", announcement.text)
    )
    announcement.title, announcement.text = title, cleaned
    if "target" in changes:
        announcement.target = targets.validate_target(changes["target"])
    for name in ("by_email", "urgent"):
        if name in changes:
            setattr(announcement, name, bool(changes[name]))
    announcement.save()
    return announcement


def delete_draft(*, announcement: Announcement) -> None:
    _ensure_draft(announcement)
    for attachment in announcement.attachments.all():
        attachment.file.delete(save=False)
    announcement.delete()


def add_attachments(*, announcement: Announcement, files: Sequence) -> list[AnnouncementAttachment]:
    """Attach checked files to a draft; too many (with those already there), too big or
    disguised → French ``ValidationError``, nothing stored. The draft is locked while its
    attachments are counted and added; a failure removes the files already written."""
    from django.core.exceptions import ValidationError

    _ensure_draft(announcement)
    created: list[AnnouncementAttachment] = []
    try:
        with transaction.atomic():
            locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
            _ensure_draft(locked)
            existing = locked.attachments.count()
            limit = CommunicationSettings.current().max_attachments
            if existing + len(files) > limit:
                raise ValidationError(
                    {
                        "file": [
                            f"Une annonce a au plus {limit} pièce(s) jointe(s) ; retirez-en une."
                        ]
                    }
                )
            checked = check_files(files, field="file")
            for item in checked:
                attachment = AnnouncementAttachment(announcement=locked, **stored_fields(item))
                created.append(attachment)
                attachment.save()
    except BaseException:
        for attachment in created:
            # Only a file the storage wrote (``_committed``): never the upload's own name.
            if attachment.file and attachment.file._committed:
                attachment.file.delete(save=False)
        raise
    return created


def delete_attachment(*, attachment: AnnouncementAttachment) -> None:
    _ensure_draft(attachment.announcement)
    attachment.file.delete(save=False)
    attachment.delete()


def preview(*, target: list) -> targets.Reach:
    """How many families and guardians ``target`` reaches (French error if invalid)."""
    return targets.reach(targets.validate_target(target))


_INSERT = """
INSERT INTO communication_announcementrecipient
    (announcement_id, guardian_id, family_id, created_at, email_skipped, sms_skipped)
SELECT %s, reached.pk, reached.family_id, %s, %s, %s FROM ({query}) AS reached
ON CONFLICT (announcement_id, guardian_id) DO NOTHING
"""


def materialise(*, announcement: Announcement) -> int:
    """Insert the recipient rows in ONE statement; returns how many were inserted."""
    criteria = targets.validate_target(announcement.target)
    query, params = (
        targets.target_guardians(criteria)
        .order_by()
        .values("pk", "family_id")
        .query.sql_with_params()
    )
    sms = announcement.urgent and CommunicationSettings.current().sms_enabled
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT.format(query=query),
            [announcement.pk, timezone.now(), not announcement.by_email, not sms, *params],
        )
        return cursor.rowcount


def queue_announcement(*, announcement: Announcement, user) -> Announcement:
    """Draft → queued: materialise the recipients, set the counters, enqueue the delivery task
    once the transaction commits. Refused (French) when nobody is reached or not a draft."""
    from core.communication.tasks.announcements import deliver_announcement

    with transaction.atomic():
        locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
        _ensure_draft(locked)
        locked.queue()
        inserted = materialise(announcement=locked)
        if not inserted:
            raise DomainError("Aucun responsable avec un compte n'est concerné : rien à envoyer.")
        rows = AnnouncementRecipient.objects.filter(announcement=locked)
        locked.recipients_count = inserted
        locked.families_count = rows.values("family_id").distinct().count()
        locked.save()
        schema = connection.schema_name
        transaction.on_commit(
            lambda: deliver_announcement.apply_async(
                kwargs={"announcement_id": locked.pk}, headers={"_schema_name": schema}
            )
        )
    return locked


def with_counters(queryset: QuerySet) -> QuerySet:
    """Announcements with their delivery counters, in one query."""
    return queryset.annotate(
        emailed_count=Count("recipients", filter=Q(recipients__emailed_at__isnull=False)),
        read_families_count=Count(
            "recipients__family", filter=Q(recipients__read_at__isnull=False), distinct=True
        ),
    )


def progress(*, announcement: Announcement) -> Progress:
    rows = AnnouncementRecipient.objects.filter(announcement=announcement).aggregate(
        recipients=Count("pk"),
        emailed=Count("pk", filter=Q(emailed_at__isnull=False)),
        email_skipped=Count("pk", filter=Q(email_skipped=True)),
        sms_sent=Count("pk", filter=Q(sms_at__isnull=False)),
        read_families=Count("family_id", filter=Q(read_at__isnull=False), distinct=True),
        families=Count("family_id", distinct=True),
    )
    return Progress(state=announcement.state, state_label=announcement.get_state_display(), **rows)


def received_by(*, user) -> QuerySet:
    """The announcement rows of ``user``'s guardian (the portal copies), newest first."""
    return (
        AnnouncementRecipient.objects.filter(guardian__user=user)
        .exclude(announcement__state=Announcement.STATE_DRAFT)
        .select_related("announcement")
        .order_by("-announcement__queued_at", "-pk")
    )


def mark_read(*, recipient: AnnouncementRecipient) -> None:
    """The read receipt: the first reading only."""
    if recipient.read_at is None:
        now = timezone.now()
        AnnouncementRecipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(
            read_at=now
        )
        recipient.read_at = now
