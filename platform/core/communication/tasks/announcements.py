"""Tasks of the announcements part: delivering an announcement, exactly once per guardian.

``deliver_announcement`` takes the rows still to do in batches locked with
``SELECT … FOR UPDATE SKIP LOCKED``, sends the batch's e-mails through ONE mail connection
(``send_messages``), stamps the rows in the same transaction and commits before the next
batch. A worker killed mid-batch commits nothing: its rows stay unstamped and locked only
until its connection dies; ``acks_late`` (and ``reject_on_worker_lost`` for a pool child)
makes the broker redeliver the task, which sends only the unstamped rows. Two workers on the
same announcement never take the same rows (SKIP LOCKED). The same loop then sends the SMS.

The residual window is the one any mail queue has: a crash after the mail server accepted a
batch and before the commit resends that batch (at-least-once for that instant); stamping
before sending would lose it instead. One connection per batch keeps it to milliseconds.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from config.celery import app
from core.communication.models import (
    Announcement,
    AnnouncementRecipient,
    CommunicationSettings,
)
from core.communication.models.preferences import KIND_ANNOUNCEMENT
from core.communication.services.preferences import optional_email_headers, users_refusing
from core.communication.services.rich_text import plain_text
from core.messaging.context import email_context
from core.messaging.services import build_message
from core.tenancy.constants import TenantStatus

__all__ = ["deliver_announcement"]

logger = logging.getLogger(__name__)

# Rows per batch: one transaction, a handful of queries, one SMTP connection.
BATCH_SIZE = 200
SMS_MAX_CHARS = 300


def _todo_email(announcement_id: int):
    return AnnouncementRecipient.objects.filter(
        announcement_id=announcement_id, emailed_at__isnull=True, email_skipped=False
    )


def _todo_sms(announcement_id: int):
    return AnnouncementRecipient.objects.filter(
        announcement_id=announcement_id, sms_at__isnull=True, sms_skipped=False
    )


def _lock_batch(queryset):
    # Only the recipient rows are locked (``of``): the guardian and user are read alongside.
    return list(
        queryset.select_for_update(skip_locked=True, of=("self",))
        .select_related("guardian__user")
        .order_by("pk")[:BATCH_SIZE]
    )


class _EmailBatch:
    """What every e-mail of one announcement shares, rendered per guardian for its own
    unsubscribe link."""

    def __init__(self, announcement: Announcement) -> None:
        self.announcement = announcement
        self.context = email_context(
            announcement=announcement,
            text=announcement.text,
            plain=plain_text(announcement.text),
            attachments=list(announcement.attachments.all()),
        )
        structure = self.context["structure"]
        self.base_url = self.context["base_url"]
        self.context["link"] = f"{self.base_url}/messagerie/annonces/{announcement.pk}"
        name = structure.name if structure else ""
        self.from_email = (
            f"{name} <{settings.DEFAULT_FROM_EMAIL}>" if name else settings.DEFAULT_FROM_EMAIL
        )
        prefix = "[Urgent] " if announcement.urgent else ""
        self.subject = f"[{name}] {prefix}{announcement.title}" if name else announcement.title

    def message(self, row: AnnouncementRecipient):
        user = row.guardian.user
        headers, unsubscribe_url = optional_email_headers(
            user=user, kind=KIND_ANNOUNCEMENT, base_url=self.base_url
        )
        # The same Message-ID if a crash ever resends it: mail clients show it once.
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1]
        headers["Message-ID"] = f"<annonce-{self.announcement.pk}-{row.pk}@{domain}>"
        context = {**self.context, "unsubscribe_url": unsubscribe_url}
        return build_message(
            to=[user.email],
            subject=self.subject,
            body=render_to_string("emails/announcement.txt", context),
            html=render_to_string("emails/announcement.html", context),
            headers=headers,
            from_email=self.from_email,
        )


def send_email_batch(*, announcement: Announcement, batch: _EmailBatch) -> int:
    """Lock, send and stamp one batch of e-mails in one transaction; how many rows it took."""
    with transaction.atomic():
        rows = _lock_batch(_todo_email(announcement.pk))
        if not rows:
            return 0
        refusing = users_refusing(
            user_ids=[r.guardian.user_id for r in rows if r.guardian.user_id],
            kind=KIND_ANNOUNCEMENT,
        )
        sent, skipped, messages = [], [], []
        for row in rows:
            user = row.guardian.user
            if (
                user is None
                or not user.email
                or not row.guardian.email_consent
                or user.pk in refusing
            ):
                skipped.append(row.pk)
                continue
            messages.append(batch.message(row))
            sent.append(row.pk)
        if messages:
            # One connection for the batch: if it raises, nothing is stamped (retried later).
            get_connection().send_messages(messages)
        now = timezone.now()
        AnnouncementRecipient.objects.filter(pk__in=sent).update(emailed_at=now)
        AnnouncementRecipient.objects.filter(pk__in=skipped).update(email_skipped=True)
    return len(rows)


def send_sms_batch(*, announcement: Announcement, provider) -> int:
    """Lock, send and stamp one batch of SMS (consent and a mobile number needed)."""
    from core.communication.sms.base import SmsError

    text = f"{announcement.title} : {plain_text(announcement.text)}"
    if len(text) > SMS_MAX_CHARS:
        text = text[: SMS_MAX_CHARS - 1] + "…"
    with transaction.atomic():
        rows = _lock_batch(_todo_sms(announcement.pk))
        if not rows:
            return 0
        sent, skipped = [], []
        for row in rows:
            guardian = row.guardian
            if not guardian.sms_consent or not guardian.phone_mobile:
                skipped.append(row.pk)
                continue
            try:
                provider.send(to=guardian.phone_mobile, text=text)
            except SmsError:
                logger.warning("SMS of announcement %s refused for row %s", announcement.pk, row.pk)
                skipped.append(row.pk)
                continue
            sent.append(row.pk)
        AnnouncementRecipient.objects.filter(pk__in=sent).update(sms_at=timezone.now())
        AnnouncementRecipient.objects.filter(pk__in=skipped).update(sms_skipped=True)
    return len(rows)


def deliver(*, announcement_id: int) -> bool:
    """Send what is left of an announcement; True once it is all done (state ``sent``)."""
    from core.communication.sms import get_provider

    announcement = (
        Announcement.objects.filter(pk=announcement_id).prefetch_related("attachments").first()
    )
    if announcement is None or announcement.state in (
        Announcement.STATE_DRAFT,
        Announcement.STATE_SENT,
    ):
        return announcement is not None and announcement.state == Announcement.STATE_SENT
    Announcement.objects.filter(pk=announcement_id, state=Announcement.STATE_QUEUED).update(
        state=Announcement.STATE_SENDING
    )
    batch = _EmailBatch(announcement)
    while send_email_batch(announcement=announcement, batch=batch):
        pass
    if _todo_sms(announcement_id).exists():
        provider = get_provider(sender=CommunicationSettings.current().sms_sender)
        while send_sms_batch(announcement=announcement, provider=provider):
            pass
    with transaction.atomic():
        locked = Announcement.objects.select_for_update().get(pk=announcement_id)
        # Rows another worker still holds are not done: that worker finishes the announcement.
        if _todo_email(announcement_id).exists() or _todo_sms(announcement_id).exists():
            return False
        locked.finish()
        locked.save(update_fields=["state", "sent_at"])
    return True


@app.task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def deliver_announcement(self, announcement_id: int) -> bool:
    from core.tenancy.context import current_structure

    structure = current_structure()
    if structure is not None and structure.status == TenantStatus.SUSPENDED:
        logger.info("Announcement %s not sent: structure suspended", announcement_id)
        return False
    try:
        return deliver(announcement_id=announcement_id)
    except OSError as exc:  # the mail server is unreachable: the stamped rows stay stamped
        raise self.retry(exc=exc, countdown=60) from exc
