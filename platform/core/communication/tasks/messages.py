"""Tasks of the messaging part (run in the structure's schema via tenant-schemas-celery)."""

from __future__ import annotations

from celery import shared_task

__all__ = ["notify_message"]


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=60)
def notify_message(self, *, message_id: int) -> int:
    """« Vous avez un nouveau message » for one message; a redelivery sends nothing twice
    (``Message.notified_at`` is stamped under a row lock)."""
    from core.communication.services.notifications import send_message_notification

    return send_message_notification(message_id=message_id)
