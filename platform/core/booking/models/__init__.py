from core.booking.models.carts import Cart, CartLine
from core.booking.models.certificates import EnrolmentCertificate
from core.booking.models.enrolments import Enrolment
from core.booking.models.legend import LegendEntry
from core.booking.models.policies import BookingPolicy, PolicyWindow
from core.booking.models.reservations import Reservation, WeeklyTemplate

__all__ = [
    "BookingPolicy",
    "Cart",
    "CartLine",
    "Enrolment",
    "EnrolmentCertificate",
    "LegendEntry",
    "PolicyWindow",
    "Reservation",
    "WeeklyTemplate",
]
