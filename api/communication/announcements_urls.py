"""Routes of the announcements part of the communication layer, with the notification
preferences and the unsubscribe link."""

from django.urls import path

from api.communication import announcements_family as family
from api.communication import announcements_staff as staff
from api.communication import preferences

STAFF = "staff/communication/announcements/"
FAMILY = "communication/announcements/"

urlpatterns = [
    # Staff.
    path(STAFF, staff.AnnouncementListView.as_view(), name="staff-communication-announcements"),
    path(
        f"{STAFF}preview",
        staff.PreviewView.as_view(),
        name="staff-communication-announcement-preview",
    ),
    path(
        f"{STAFF}<int:pk>/",
        staff.AnnouncementDetailView.as_view(),
        name="staff-communication-announcement",
    ),
    path(
        f"{STAFF}<int:pk>/attachments/",
        staff.AttachmentListView.as_view(),
        name="staff-communication-announcement-attachments",
    ),
    path(
        f"{STAFF}<int:pk>/attachments/<int:attachment_id>",
        staff.AttachmentDetailView.as_view(),
        name="staff-communication-announcement-attachment",
    ),
    path(
        f"{STAFF}<int:pk>/attachments/<int:attachment_id>/file",
        staff.AttachmentFileView.as_view(),
        name="staff-communication-announcement-attachment-file",
    ),
    path(
        f"{STAFF}<int:pk>/send",
        staff.SendView.as_view(),
        name="staff-communication-announcement-send",
    ),
    path(
        f"{STAFF}<int:pk>/progress",
        staff.ProgressView.as_view(),
        name="staff-communication-announcement-progress",
    ),
    path(
        f"{STAFF}<int:pk>/receipts/",
        staff.ReceiptListView.as_view(),
        name="staff-communication-announcement-receipts",
    ),
    path(
        "staff/communication/target-options/",
        staff.TargetOptionsView.as_view(),
        name="staff-communication-target-options",
    ),
    # Families.
    path(FAMILY, family.FamilyAnnouncementListView.as_view(), name="communication-announcements"),
    path(
        f"{FAMILY}<int:pk>/",
        family.FamilyAnnouncementDetailView.as_view(),
        name="communication-announcement",
    ),
    path(
        f"{FAMILY}<int:pk>/attachments/<int:attachment_id>/file",
        family.FamilyAttachmentFileView.as_view(),
        name="communication-announcement-attachment-file",
    ),
    # Any signed-in user; no session.
    path(
        "communication/preferences/",
        preferences.PreferencesView.as_view(),
        name="communication-preferences",
    ),
    path(
        "communication/unsubscribe/",
        preferences.UnsubscribeView.as_view(),
        name="communication-unsubscribe",
    ),
]
