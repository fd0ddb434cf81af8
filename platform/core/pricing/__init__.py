"""Pricing: dated tariffs and the registry of pricing methods.

Booking (the cart's priced recap) and billing (invoice runs) depend on this app; it depends on
neither. What a price needs from them comes in as data: the family's sibling ranks are computed
by the booking core (``core.booking.pricing``) and handed to :class:`PricingContext`.
"""
