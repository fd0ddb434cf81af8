"""Routes of the news part of the communication layer: actualités, home messages,
téléchargements and « Mes envois » (families, staff and visitors)."""

from django.urls import path

from api.communication import downloads, news_views, submissions

urlpatterns = [
    # Logged-in families and staff.
    path("communication/news/", news_views.NewsListView.as_view(), name="communication-news"),
    path(
        "communication/news/<int:pk>/",
        news_views.NewsItemView.as_view(),
        name="communication-news-item",
    ),
    path(
        "communication/news/<int:pk>/image",
        news_views.NewsImageView.as_view(),
        name="communication-news-image",
    ),
    path(
        "communication/home/",
        news_views.CommunicationHomeView.as_view(),
        name="communication-home",
    ),
    # Visitors of the structure's public page.
    path(
        "communication/public/news/",
        news_views.PublicNewsListView.as_view(),
        name="communication-public-news",
    ),
    path(
        "communication/public/news/<int:pk>/image",
        news_views.PublicNewsImageView.as_view(),
        name="communication-public-news-image",
    ),
    # Families.
    path(
        "communication/downloads/",
        downloads.DownloadListView.as_view(),
        name="communication-downloads",
    ),
    path(
        "communication/downloads/<int:pk>/file",
        downloads.DownloadFileView.as_view(),
        name="communication-download-file",
    ),
    path(
        "communication/submissions/",
        submissions.SubmissionListView.as_view(),
        name="communication-submissions",
    ),
    path(
        "communication/submissions/<int:pk>/file",
        submissions.SubmissionFileView.as_view(),
        name="communication-submission-file",
    ),
    # Staff.
    path(
        "staff/communication/news/",
        news_views.StaffNewsListView.as_view(),
        name="staff-communication-news",
    ),
    path(
        "staff/communication/news/<int:pk>/",
        news_views.StaffNewsItemView.as_view(),
        name="staff-communication-news-item",
    ),
    path(
        "staff/communication/news/<int:pk>/image",
        news_views.StaffNewsImageView.as_view(),
        name="staff-communication-news-image",
    ),
    path(
        "staff/communication/home-messages/",
        news_views.StaffHomeMessagesView.as_view(),
        name="staff-communication-home-messages",
    ),
    path(
        "staff/communication/downloads/",
        downloads.StaffDownloadListView.as_view(),
        name="staff-communication-downloads",
    ),
    path(
        "staff/communication/downloads/<int:pk>/",
        downloads.StaffDownloadView.as_view(),
        name="staff-communication-download",
    ),
    path(
        "staff/communication/downloads/<int:pk>/file",
        downloads.StaffDownloadFileView.as_view(),
        name="staff-communication-download-file",
    ),
    path(
        "staff/communication/submissions/",
        submissions.StaffSubmissionListView.as_view(),
        name="staff-communication-submissions",
    ),
    path(
        "staff/communication/submissions/<int:pk>/seen",
        submissions.StaffSubmissionSeenView.as_view(),
        name="staff-communication-submission-seen",
    ),
    path(
        "staff/communication/submissions/<int:pk>/file",
        submissions.StaffSubmissionFileView.as_view(),
        name="staff-communication-submission-file",
    ),
]
