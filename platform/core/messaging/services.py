"""Outgoing e-mail: always sent by a Celery task queued once the transaction commits."""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import connection, transaction


def queue_email(
    *,
    message: EmailMessage | None = None,
    to: list[str] | None = None,
    subject: str = "",
    body: str = "",
    html: str | None = None,
) -> None:
    """Queue an e-mail in the current structure's context (the task runs in its schema).

    Pass either a rendered ``message`` or ``to``/``subject``/``body`` (and optional ``html``).
    Nothing is sent if the surrounding transaction rolls back.
    """
    from core.messaging.tasks import send_email

    if message is not None:
        payload = {
            "to": list(message.to),
            "subject": message.subject,
            "body": message.body,
            "html": next(
                (c for c, mime in getattr(message, "alternatives", []) if mime == "text/html"),
                message.body if message.content_subtype == "html" else None,
            ),
            "headers": dict(message.extra_headers or {}),
        }
    else:
        payload = {
            "to": list(to or []),
            "subject": subject,
            "body": body,
            "html": html,
            "headers": {},
        }
    # The schema is the one of the code queuing the e-mail, captured now: the commit may happen
    # after the caller left the structure's context.
    headers = {"_schema_name": connection.schema_name}
    transaction.on_commit(lambda: send_email.apply_async(kwargs=payload, headers=headers))


def build_message(*, to, subject, body, html=None, headers=None, from_email=None):
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    return message
