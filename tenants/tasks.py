from __future__ import annotations

from django.core.exceptions import ValidationError

from config.celery import app
from tenants.models import Tenant
from tenants.provisioning import AdminSpec, provision_tenant


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def provision_tenant_task(self, tenant_id: int, admin: dict | None = None) -> str:
    """Build a registered structure's schema (queued by the operator console).

    provision_tenant is idempotent, so a failure half-way is retried from the start; after
    the last retry the structure stays "en cours de création" and the console can relaunch it.
    """
    tenant = Tenant.objects.get(pk=tenant_id)
    if admin is None and tenant.first_admin_email:  # a relaunch from the console
        admin = {"email": tenant.first_admin_email}
    try:
        provision_tenant(tenant, admin=AdminSpec(**admin) if admin else None)
    except ValidationError:
        raise  # bad data: retrying cannot help
    except Exception as exc:
        raise self.retry(exc=exc) from exc
    return tenant.slug
