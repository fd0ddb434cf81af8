from __future__ import annotations

from django.conf import settings
from django.db import connection

from config.celery import app
from core.messaging.services import build_message


@app.task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_email(self, *, to, subject, body, html=None, headers=None) -> int:
    tenant = getattr(connection, "tenant", None)
    sender_name = getattr(tenant, "name", None) if not getattr(tenant, "is_public", True) else None
    from_email = (
        f"{sender_name} <{settings.DEFAULT_FROM_EMAIL}>"
        if sender_name
        else settings.DEFAULT_FROM_EMAIL
    )
    message = build_message(
        to=to, subject=subject, body=body, html=html, headers=headers, from_email=from_email
    )
    try:
        return message.send()
    except OSError as exc:  # SMTP trouble: retry later
        raise self.retry(exc=exc) from exc
