from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "core.communication"
    label = "communication"
    verbose_name = "Communication"
