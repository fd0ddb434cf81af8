"""Routes of the communication layer (under /api/v1/): messaging, announcements and
preferences, news, home messages, downloads and « Mes envois »."""

from django.urls import include, path

urlpatterns = [
    path("", include("api.communication.messaging_urls")),
    path("", include("api.communication.announcements_urls")),
    path("", include("api.communication.news_urls")),
]
