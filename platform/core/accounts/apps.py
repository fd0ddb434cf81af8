from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "core.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from core.accounts import signals  # noqa: F401
