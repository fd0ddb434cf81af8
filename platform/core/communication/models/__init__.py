from core.communication.models.announcements import (
    Announcement,
    AnnouncementAttachment,
    AnnouncementRecipient,
)
from core.communication.models.desks import (
    RECEPTION_KEY,
    CommunicationSettings,
    QuickReply,
    Service,
    ServiceAccess,
    Theme,
)
from core.communication.models.files import Download, FamilySubmission
from core.communication.models.news import (
    AUDIENCE_ALL,
    AUDIENCE_FAMILIES,
    AUDIENCE_STAFF,
    HomeMessage,
    NewsItem,
)
from core.communication.models.preferences import (
    LEGAL_KINDS,
    OPTIONAL_KINDS,
    NotificationPreference,
)
from core.communication.models.threads import Attachment, Message, ReadMark, Thread

__all__ = [
    "AUDIENCE_ALL",
    "AUDIENCE_FAMILIES",
    "AUDIENCE_STAFF",
    "LEGAL_KINDS",
    "OPTIONAL_KINDS",
    "RECEPTION_KEY",
    "Announcement",
    "AnnouncementAttachment",
    "AnnouncementRecipient",
    "Attachment",
    "CommunicationSettings",
    "Download",
    "FamilySubmission",
    "HomeMessage",
    "Message",
    "NewsItem",
    "NotificationPreference",
    "QuickReply",
    "ReadMark",
    "Service",
    "ServiceAccess",
    "Theme",
    "Thread",
]
