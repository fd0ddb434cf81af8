"""Installation of the modules' booking-window presets in a structure."""

from __future__ import annotations

from collections.abc import Iterable

from core.modules import PolicyPreset


def install_policies(presets: Iterable[PolicyPreset], *, module_id: str) -> None:
    """Add the missing presets; never overwrite what the staff changed."""
    from core.booking.models import BookingPolicy

    existing = set(BookingPolicy.objects.filter(module=module_id).values_list("code", flat=True))
    BookingPolicy.objects.bulk_create(
        [
            BookingPolicy(module=module_id, code=p.code, name=p.name, kind=p.kind, **dict(p.fields))
            for p in presets
            if p.code not in existing
        ]
    )


def preset(module_id: str, code: str):
    from core.booking.models import BookingPolicy

    return BookingPolicy.objects.filter(module=module_id, code=code).first()
