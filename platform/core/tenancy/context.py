from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

if TYPE_CHECKING:
    from tenants.models import Tenant


def current_structure() -> Tenant | None:
    """The structure whose schema the connection is on, or None on the platform's schema."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or getattr(tenant, "is_public", True):
        return None
    return tenant


def structure_zone() -> ZoneInfo | None:
    """The structure's time zone (None: the machine's default zone, as on the platform)."""
    tenant = current_structure()
    return ZoneInfo(tenant.time_zone) if tenant and tenant.time_zone else None


def structure_today() -> date:
    """Today in the structure's time zone (the machine's default zone on the platform)."""
    return timezone.localdate(timezone=structure_zone())


def structure_localtime(value: datetime | None = None) -> datetime:
    """``value`` (default: now) in the structure's time zone: the hours its team and families
    read in messages, lists and PDFs."""
    return timezone.localtime(value, structure_zone())
