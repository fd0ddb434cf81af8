from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "core.documents"
    label = "documents"
    verbose_name = "Documents"
