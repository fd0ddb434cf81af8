"""Routes of the messaging part of the communication layer."""

urlpatterns: list = []
