"""Routes of the announcements part of the communication layer."""

urlpatterns: list = []
