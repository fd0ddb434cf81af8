from django.apps import AppConfig


class PricingConfig(AppConfig):
    name = "core.pricing"
    label = "pricing"
    verbose_name = "Tarifs"
