"""SMS for urgent announcements: a small provider interface, a console backend and OVHcloud."""

from core.communication.sms.base import SmsError, SmsProvider, get_provider

__all__ = ["SmsError", "SmsProvider", "get_provider"]
