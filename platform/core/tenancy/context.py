from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection

if TYPE_CHECKING:
    from tenants.models import Tenant


def current_structure() -> Tenant | None:
    """The structure whose schema the connection is on, or None on the platform's schema."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or getattr(tenant, "is_public", True):
        return None
    return tenant
