from core import modules


class CrecheConfig(modules.ModuleAppConfig):
    name = "modules.creche"
    label = "creche"
    verbose_name = "Crèche"
