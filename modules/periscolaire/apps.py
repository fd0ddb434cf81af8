from django.apps import AppConfig


class PeriscolaireConfig(AppConfig):
    name = "modules.periscolaire"
    label = "periscolaire"
    verbose_name = "Périscolaire"

    def ready(self) -> None:
        from core.modules import registry
        from modules.periscolaire.module import MODULE

        registry.register(MODULE)
