from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "core.booking"
    label = "booking"
    verbose_name = "Réservations"

    def ready(self) -> None:
        from django.core import checks

        from core.booking.checks import reservation_states
        from core.booking.services.configuration import connect_signals

        connect_signals()
        checks.register(reservation_states, "models")
