"""SMS for urgent announcements: a small provider interface, a console backend and OVHcloud."""

from core.communication.sms.base import SmsError, SmsProvider, SmsRefused, get_provider

__all__ = ["SmsError", "SmsProvider", "SmsRefused", "get_provider"]
