"""System checks of the booking app.

``booking.E001``: the database CHECK on ``Reservation.state`` (declared in the model's Meta,
hence in its migrations) lists exactly the states the core and the registered modules declare
(``Reservation.declared_states()``). A module that declares a state without the migration that
admits it — or a migration that admits a state nobody declares — stops ``manage.py check``,
``migrate`` and ``runserver``. See docs/decisions/0019-reservation-states.md.
"""

from __future__ import annotations

from django.core import checks

STATE_CHECK = "booking_reservation_state_declared"


def check_constraint_states() -> set[str]:
    """The states the model's CHECK constraint admits."""
    from core.booking.models import Reservation

    constraint = next(c for c in Reservation._meta.constraints if c.name == STATE_CHECK)
    (lookup, values) = constraint.condition.children[0]
    assert lookup == "state__in", lookup
    return set(values)


def reservation_states(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from core.booking.models import Reservation

    admitted = check_constraint_states()
    declared = set(Reservation.declared_states())
    if admitted == declared:
        return []
    return [
        checks.Error(
            f"The CHECK {STATE_CHECK} and the declared reservation states disagree: "
            f"undeclared {sorted(admitted - declared)}, "
            f"not admitted {sorted(declared - admitted)}.",
            hint=(
                "Update MODULE_STATES in core/booking/models/reservations.py to the states the "
                "modules declare (Module.reservation_states) and run makemigrations booking."
            ),
            obj="booking.Reservation",
            id="booking.E001",
        )
    ]
