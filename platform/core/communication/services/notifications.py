"""« Vous avez un nouveau message »: one e-mail per new message, with a link to the thread and
never its text nor its attachments (health data may be inside).

A staff reply goes to the family's guardians with a login who accept e-mails
(``Guardian.email_consent``) and did not turn off ``message`` e-mails (with the RFC 8058
unsubscribe headers); a family message goes to the thread's assignee (staff e-mails are not
optional). The task stamps ``Message.notified_at`` under a row lock, so a
redelivered task sends nothing twice.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.communication.models import Message
from core.communication.models.preferences import KIND_MESSAGE
from core.communication.services.preferences import optional_email_headers, users_refusing
from core.messaging.context import email_context
from core.messaging.services import build_message, queue_email

SUBJECT = "Vous avez un nouveau message"


def notify_new_message(*, message: Message) -> None:
    """Queue the notification task once the message is committed (internal notes: none)."""
    if message.internal:
        return
    from core.communication.tasks.messages import notify_message

    message_id = message.pk
    # The schema is the one of the code posting the message, captured now: the commit may happen
    # after the caller left the structure's context (as ``queue_email`` does).
    headers = {"_schema_name": connection.schema_name}
    transaction.on_commit(
        lambda: notify_message.apply_async(kwargs={"message_id": message_id}, headers=headers)
    )


def send_message_notification(*, message_id: int) -> int:
    """Send the e-mails of one message unless already sent; returns how many were queued."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("thread__assignee", "thread__family")
            .filter(pk=message_id)
            .first()
        )
        if message is None or message.notified_at is not None or message.internal:
            return 0
        notify = _to_family if message.side == Message.SIDE_STAFF else _to_assignee
        sent = notify(message)
        message.notified_at = timezone.now()
        message.save(update_fields=["notified_at"])
    return sent


def _to_family(message: Message) -> int:
    thread = message.thread
    users = [
        guardian.user
        for guardian in thread.family.guardians.select_related("user")
        if guardian.user_id
        and guardian.user.is_active
        and guardian.user.email
        and guardian.email_consent
    ]
    refusing = users_refusing(user_ids=[u.pk for u in users], kind=KIND_MESSAGE)
    sent = 0
    for user in users:
        if user.pk in refusing:
            continue
        ctx = email_context(link_path=f"/messagerie/{thread.pk}", for_family=True)
        headers, unsubscribe_url = optional_email_headers(
            user=user, kind=KIND_MESSAGE, base_url=ctx["base_url"]
        )
        _queue(to=user.email, ctx={**ctx, "unsubscribe_url": unsubscribe_url}, headers=headers)
        sent += 1
    return sent


def _to_assignee(message: Message) -> int:
    assignee = message.thread.assignee
    if assignee is None or not assignee.is_active or not assignee.email:
        return 0
    ctx = email_context(link_path=f"/gestion/messagerie/{message.thread_id}", for_family=False)
    _queue(to=assignee.email, ctx=ctx, headers={})
    return 1


def _queue(*, to: str, ctx: dict, headers: dict[str, str]) -> None:
    structure = ctx["structure"]
    queue_email(
        message=build_message(
            to=[to],
            subject=f"[{structure.name}] {SUBJECT}" if structure else SUBJECT,
            body=render_to_string("emails/new_message.txt", ctx),
            html=render_to_string("emails/new_message.html", ctx),
            headers=headers,
        )
    )
