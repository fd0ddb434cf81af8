from core import modules


class PeriscolaireConfig(modules.ModuleAppConfig):
    name = "modules.periscolaire"
    label = "periscolaire"
    verbose_name = "Périscolaire"
