"""Tasks of the announcements part: delivering an announcement, exactly once per guardian.

``deliver_announcement`` takes the rows still to do in batches locked with
``SELECT … FOR UPDATE SKIP LOCKED`` and sends the batch's e-mails ONE AT A TIME on one open
mail connection. A recipient the mail server refuses for good (``SMTPRecipientsRefused`` or
``SMTPDataError`` with a 5xx code) is marked ``email_skipped``; a transient failure (the server
disconnects, a 4xx, the network) stops the batch: the rows already accepted are stamped and
committed, then the error is raised again so that the task retries only the rest. A worker
killed mid-batch commits nothing: its rows stay unstamped and locked only until its connection
dies; ``acks_late`` (and ``reject_on_worker_lost`` for a pool child) makes the broker redeliver
the task, which sends only the unstamped rows. Two workers on the same announcement never take
the same rows (SKIP LOCKED).

The SMS follow, each in its own short transaction (lock one row SKIP LOCKED, send, stamp,
commit): a crash or a network error never resends an SMS already stamped. A refused SMS
(``SmsRefused``) is skipped; a failed one (``SmsError``) stays to do and the task retries.

The residual window is the one any mail queue has: a crash after the mail server accepted a
message and before the commit resends it (at-least-once for that instant); stamping before
sending would lose it instead. Each e-mail keeps one Message-ID per row so that a resent one is
shown once. ``resume_announcements`` (beat, every structure) re-enqueues an announcement left
``queued`` or ``sending`` for more than ten minutes (broker down at commit, retries exhausted):
delivering is idempotent.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

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
from core.tenancy.structures import queue_in_each_structure

__all__ = ["deliver_announcement", "resume_announcements", "resume_announcements_everywhere"]

logger = logging.getLogger(__name__)

# Rows per batch: one transaction, a handful of queries, one SMTP connection.
BATCH_SIZE = 200
SMS_MAX_CHARS = 300
# An announcement still ``queued``/``sending`` this long after queuing is resumed by beat.
STUCK_AFTER = timedelta(minutes=10)


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


def _refused_for_good(exc: Exception) -> bool:
    """A refusal of this recipient that retrying will not change (SMTP 5xx)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPDataError):
        return exc.smtp_code >= 500
    return False


def send_email_batch(*, announcement: Announcement, batch: _EmailBatch) -> int:
    """Lock, send and stamp one batch of e-mails; how many rows it took.

    The messages go one at a time on one open connection. A permanent refusal skips that
    row; a transient failure stamps the rows already sent, commits, and raises the error
    (the task retries the rest)."""
    failure: Exception | None = None
    with transaction.atomic():
        rows = _lock_batch(_todo_email(announcement.pk))
        if not rows:
            return 0
        refusing = users_refusing(
            user_ids=[r.guardian.user_id for r in rows if r.guardian.user_id],
            kind=KIND_ANNOUNCEMENT,
        )
        skipped, to_send = [], []
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
            to_send.append((row.pk, batch.message(row)))
        sent = []
        if to_send:
            connection = get_connection()
            try:
                connection.open()
                for pk, message in to_send:
                    try:
                        accepted = connection.send_messages([message])
                    except Exception as exc:
                        if not _refused_for_good(exc):
                            failure = exc
                            break
                        logger.warning(
                            "E-mail of announcement %s refused for row %s: %s",
                            announcement.pk,
                            pk,
                            exc,
                        )
                        skipped.append(pk)
                        continue
                    # 0: the backend had nobody to send it to (no valid address).
                    (skipped if accepted == 0 else sent).append(pk)
            finally:
                try:
                    connection.close()
                except Exception:  # noqa: BLE001 - a dead connection is closed anyway
                    logger.debug("Closing the mail connection failed", exc_info=True)
        now = timezone.now()
        AnnouncementRecipient.objects.filter(pk__in=sent).update(emailed_at=now)
        AnnouncementRecipient.objects.filter(pk__in=skipped).update(email_skipped=True)
    if failure is not None:
        # Committed above: what the server took stays stamped; the rest is retried.
        raise failure
    return len(rows)


def _sms_text(announcement: Announcement) -> str:
    text = f"{announcement.title} : {plain_text(announcement.text)}"
    if len(text) > SMS_MAX_CHARS:
        text = text[: SMS_MAX_CHARS - 1] + "…"
    return text


def send_one_sms(*, announcement: Announcement, provider, text: str) -> bool:
    """Lock ONE row still to do, send its SMS and stamp it in one short transaction; False
    when none is left. A refusal (``SmsRefused``) skips the row; any other failure rolls
    back and propagates: the row stays to do and the task retries."""
    from core.communication.sms.base import SmsRefused

    with transaction.atomic():
        rows = list(
            _todo_sms(announcement.pk)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("guardian")
            .order_by("pk")[:1]
        )
        if not rows:
            return False
        row = rows[0]
        guardian = row.guardian
        if not guardian.sms_consent or not guardian.phone_mobile:
            AnnouncementRecipient.objects.filter(pk=row.pk).update(sms_skipped=True)
            return True
        try:
            provider.send(to=guardian.phone_mobile, text=text)
        except SmsRefused as exc:
            logger.warning(
                "SMS of announcement %s refused for row %s: %s", announcement.pk, row.pk, exc
            )
            AnnouncementRecipient.objects.filter(pk=row.pk).update(sms_skipped=True)
            return True
        AnnouncementRecipient.objects.filter(pk=row.pk).update(sms_at=timezone.now())
    return True


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
        text = _sms_text(announcement)
        while send_one_sms(announcement=announcement, provider=provider, text=text):
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
    from core.communication.sms.base import SmsError

    try:
        return deliver(announcement_id=announcement_id)
    except (OSError, SmsError) as exc:  # mail server or SMS provider down: stamped rows stay
        raise self.retry(exc=exc, countdown=60) from exc


def stuck_announcements():
    """Announcements left ``queued`` or ``sending`` for more than ``STUCK_AFTER``."""
    return Announcement.objects.filter(
        state__in=(Announcement.STATE_QUEUED, Announcement.STATE_SENDING),
        queued_at__lt=timezone.now() - STUCK_AFTER,
    )


@app.task(acks_late=True)
def resume_announcements() -> int:
    """In one structure's schema: re-enqueue every stuck announcement (delivering is
    idempotent: only the rows still to do are sent); how many were re-enqueued."""
    from django.db import connection

    schema = connection.schema_name
    ids = list(stuck_announcements().order_by("pk").values_list("pk", flat=True))
    for announcement_id in ids:
        deliver_announcement.apply_async(
            kwargs={"announcement_id": announcement_id}, headers={"_schema_name": schema}
        )
    if ids:
        logger.info("%s stuck announcement(s) resumed", len(ids))
    return len(ids)


@app.task
def resume_announcements_everywhere() -> int:
    """Beat entry point (public schema): one ``resume_announcements`` per active structure."""
    return queue_in_each_structure(resume_announcements)
