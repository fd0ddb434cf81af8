"""Routes of the news part of the communication layer."""

urlpatterns: list = []
