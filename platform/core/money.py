"""Money as the French pages show it, for e-mails and PDFs: one place for the sign.

The SPA formats amounts the same way (``frontend/src/format/money.ts``): a comma before the
cents, narrow no-break spaces between thousands, and the typographic minus (U+2212) for a
negative amount, e.g. a cancellation credited to the family (« −1,20 € »).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"
THOUSANDS = "\u202f"
CENT = Decimal("0.01")


def format_money(value: Decimal | int | str | None) -> str:
    """« 1 234,50 € », « −1,20 € »; "" for a missing amount."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    units, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    sign = MINUS if amount < 0 else ""
    return f"{sign}{THOUSANDS.join(groups)},{cents} €"
