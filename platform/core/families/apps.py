from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "core.families"
    label = "families"
    verbose_name = "Dossiers familles"

    def ready(self) -> None:
        from core.families import signals  # noqa: F401
