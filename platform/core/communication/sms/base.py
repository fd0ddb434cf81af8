"""The SMS provider interface and the one configured (``settings.SMS_BACKEND``)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The provider failed to take the SMS for a reason that may pass (network, service down,
    credit): the recipient row stays to do, the delivery task stops and is retried later."""


class SmsRefused(SmsError):
    """The provider refused THIS SMS for good (invalid number, rejected message): the
    recipient row is marked ``sms_skipped`` and the delivery goes on with the others."""


class SmsProvider(ABC):
    """Sends one SMS; returns the provider's reference of the message."""

    def __init__(self, *, sender: str = "") -> None:
        # The structure's sender name (``CommunicationSettings.sms_sender``), may be empty.
        self.sender = sender

    @abstractmethod
    def send(self, *, to: str, text: str) -> str: ...


def get_provider(*, sender: str = "") -> SmsProvider:
    """An instance of the class named by ``settings.SMS_BACKEND``."""
    return import_string(settings.SMS_BACKEND)(sender=sender)


def international(number: str) -> str:
    """A French number in the E.164-like form providers expect: ``06 12 34 56 78`` →
    ``+33612345678`` (other forms are passed on without spaces)."""
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    if digits.startswith("0") and len(digits) == 10:
        return "+33" + digits[1:]
    if digits.startswith("0033"):
        return "+" + digits[2:]
    return digits
