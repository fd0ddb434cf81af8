from __future__ import annotations

import logging

from django.conf import settings

from config.celery import app
from core.messaging.services import build_message
from core.tenancy.constants import TenantStatus
from core.tenancy.context import current_structure

logger = logging.getLogger(__name__)


@app.task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_email(self, *, to, subject, body, html=None, headers=None) -> int:
    structure = current_structure()
    if structure is not None and structure.status == TenantStatus.SUSPENDED:
        logger.info("E-mail not sent: structure %s is suspended", structure.slug)
        return 0
    from_email = (
        f"{structure.name} <{settings.DEFAULT_FROM_EMAIL}>"
        if structure
        else settings.DEFAULT_FROM_EMAIL
    )
    message = build_message(
        to=to, subject=subject, body=body, html=html, headers=headers, from_email=from_email
    )
    try:
        return message.send()
    except OSError as exc:  # SMTP trouble: retry later
        raise self.retry(exc=exc) from exc
