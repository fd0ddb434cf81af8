"""Routes of the messaging part of the communication layer (under /api/v1/)."""

from django.urls import path

from api.communication import messaging_config as config
from api.communication import messaging_family as family
from api.communication import messaging_staff as staff

STAFF = "staff/communication"

urlpatterns = [
    # Families
    path(
        "communication/services/",
        family.ServiceOptionsView.as_view(),
        name="communication-services",
    ),
    path("communication/threads/", family.ThreadListView.as_view(), name="communication-threads"),
    path(
        "communication/threads/<int:pk>/",
        family.ThreadDetailView.as_view(),
        name="communication-thread",
    ),
    path(
        "communication/threads/<int:pk>/messages/",
        family.ThreadMessagesView.as_view(),
        name="communication-thread-messages",
    ),
    path(
        "communication/attachments/<int:pk>/file",
        family.AttachmentFileView.as_view(),
        name="communication-attachment-file",
    ),
    path("communication/unread/", family.UnreadView.as_view(), name="communication-unread"),
    # Staff: the inbox
    path(
        f"{STAFF}/threads/", staff.StaffThreadListView.as_view(), name="staff-communication-threads"
    ),
    path(
        f"{STAFF}/threads/<int:pk>/",
        staff.StaffThreadDetailView.as_view(),
        name="staff-communication-thread",
    ),
    path(
        f"{STAFF}/threads/<int:pk>/messages/",
        staff.StaffThreadMessagesView.as_view(),
        name="staff-communication-thread-messages",
    ),
    path(
        f"{STAFF}/threads/<int:pk>/assign",
        staff.StaffThreadAssignView.as_view(),
        name="staff-communication-thread-assign",
    ),
    path(
        f"{STAFF}/threads/<int:pk>/close",
        staff.StaffThreadCloseView.as_view(),
        name="staff-communication-thread-close",
    ),
    path(
        f"{STAFF}/threads/<int:pk>/reopen",
        staff.StaffThreadReopenView.as_view(),
        name="staff-communication-thread-reopen",
    ),
    path(
        f"{STAFF}/assignees/",
        staff.StaffAssigneesView.as_view(),
        name="staff-communication-assignees",
    ),
    path(
        f"{STAFF}/my-services/",
        staff.StaffMyServicesView.as_view(),
        name="staff-communication-my-services",
    ),
    path(
        f"{STAFF}/attachments/<int:pk>/file",
        staff.StaffAttachmentFileView.as_view(),
        name="staff-communication-attachment-file",
    ),
    path(f"{STAFF}/unread/", staff.StaffUnreadView.as_view(), name="staff-communication-unread"),
    path(
        f"{STAFF}/quick-replies/",
        staff.QuickReplyListView.as_view(),
        name="staff-communication-quick-replies",
    ),
    path(
        f"{STAFF}/quick-replies/<int:pk>/",
        staff.QuickReplyDetailView.as_view(),
        name="staff-communication-quick-reply",
    ),
    # Staff: configuration
    path(
        f"{STAFF}/services/",
        config.ServiceConfigListView.as_view(),
        name="staff-communication-services",
    ),
    path(
        f"{STAFF}/services/<int:pk>/",
        config.ServiceConfigDetailView.as_view(),
        name="staff-communication-service",
    ),
    path(
        f"{STAFF}/services/<int:pk>/themes/",
        config.ServiceThemesView.as_view(),
        name="staff-communication-service-themes",
    ),
    path(
        f"{STAFF}/themes/<int:pk>/",
        config.ThemeConfigDetailView.as_view(),
        name="staff-communication-theme",
    ),
    path(f"{STAFF}/access/", config.AccessView.as_view(), name="staff-communication-access"),
    path(f"{STAFF}/settings/", config.SettingsView.as_view(), name="staff-communication-settings"),
]
