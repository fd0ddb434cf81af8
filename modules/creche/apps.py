from django.apps import AppConfig


class CrecheConfig(AppConfig):
    name = "modules.creche"
    label = "creche"
    verbose_name = "Crèche"

    def ready(self) -> None:
        from core.modules import registry
        from modules.creche.module import MODULE

        registry.register(MODULE)
