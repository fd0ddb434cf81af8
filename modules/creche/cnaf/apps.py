from django.apps import AppConfig


class CnafConfig(AppConfig):
    """Not a module of its own (no ``ModuleAppConfig``): the crèche module's shared data."""

    name = "modules.creche.cnaf"
    label = "creche_cnaf"
    verbose_name = "Paramètres Cnaf (PSU)"
