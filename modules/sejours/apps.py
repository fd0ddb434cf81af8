from core import modules


class SejoursConfig(modules.ModuleAppConfig):
    name = "modules.sejours"
    label = "sejours"
    verbose_name = "Séjours"
