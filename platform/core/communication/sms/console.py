"""An SMS backend for the demo and the tests: logs the SMS and keeps them in ``outbox``."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from core.communication.sms.base import SmsProvider

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SentSms:
    to: str
    text: str
    sender: str
    reference: str


# Like Django's locmem ``mail.outbox``: the SMS this process "sent" (tests clear it).
outbox: list[SentSms] = []


class ConsoleSmsProvider(SmsProvider):
    def send(self, *, to: str, text: str) -> str:
        reference = f"console-{uuid.uuid4().hex[:12]}"
        outbox.append(SentSms(to=to, text=text, sender=self.sender, reference=reference))
        logger.info("SMS to %s (%s): %s", to, self.sender or "-", text)
        return reference
