"""What every e-mail template of a structure needs: its name, portal URL and logo URL."""

from __future__ import annotations

from core.tenancy.context import current_structure
from core.tenancy.routing import tenant_base_url, tenant_logo_url


def email_context(**extra) -> dict:
    structure = current_structure()
    base_url = tenant_base_url(structure) if structure else ""
    logo_url = tenant_logo_url(structure) if structure else ""
    return {"structure": structure, "base_url": base_url, "logo_url": logo_url, **extra}
