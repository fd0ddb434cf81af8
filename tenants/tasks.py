from __future__ import annotations

from config.celery import app
from tenants.models import Tenant
from tenants.provisioning import AdminSpec, provision_tenant, set_modules


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def provision_tenant_task(self, tenant_id: int, admin: dict | None = None) -> str:
    """Build a registered structure's schema (queued by the operator console)."""
    tenant = Tenant.objects.get(pk=tenant_id)
    provision_tenant(tenant, admin=AdminSpec(**admin) if admin else None)
    return tenant.slug


@app.task
def set_modules_task(tenant_id: int, modules: list[str]) -> None:
    set_modules(Tenant.objects.get(pk=tenant_id), modules)
