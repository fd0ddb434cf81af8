from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_roles_after_migrate(sender, using, **kwargs) -> None:
    from django.db import connections
    from django_tenants.utils import get_public_schema_name

    if connections[using].schema_name != get_public_schema_name():
        from core.accounts.roles import install_roles

        install_roles()


class AccountsConfig(AppConfig):
    name = "core.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from core.accounts import signals  # noqa: F401

        post_migrate.connect(
            _install_roles_after_migrate, sender=self, dispatch_uid="marelle_install_roles"
        )
