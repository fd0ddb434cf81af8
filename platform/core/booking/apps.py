from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "core.booking"
    label = "booking"
    verbose_name = "Réservations"
