from django.apps import AppConfig


class SejoursConfig(AppConfig):
    name = "modules.sejours"
    label = "sejours"
    verbose_name = "Séjours"

    def ready(self) -> None:
        from core.modules import registry
        from modules.sejours.module import MODULE

        registry.register(MODULE)
