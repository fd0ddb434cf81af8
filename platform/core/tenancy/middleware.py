"""Selects the structure from the request's host, before anything else runs."""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.db import connection
from django.shortcuts import render
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import get_public_schema_name

from core.tenancy import routing
from core.tenancy.constants import TenantStatus


class TenantHostMiddleware(TenantMainMiddleware):
    """django-tenants' host routing with a cached host map and a status check.

    An unknown host answers a French 404 without ever selecting a tenant schema; a structure
    that is suspended or still being created answers a French 503 page.
    """

    def process_request(self, request):
        connection.set_schema_to_public()
        try:
            hostname = self.hostname_from_request(request)
        except DisallowedHost:
            return render(request, "tenants/unknown_host.html", status=404)

        tenant = routing.resolve_host(hostname)
        if tenant is None:
            return render(request, "tenants/unknown_host.html", status=404)

        if tenant.schema_name != get_public_schema_name() and tenant.status != TenantStatus.ACTIVE:
            template = (
                "tenants/provisioning.html"
                if tenant.status == TenantStatus.PROVISIONING
                else "tenants/suspended.html"
            )
            response = render(request, template, {"tenant": tenant}, status=503)
            response["Retry-After"] = "3600"
            return response

        tenant.domain_url = hostname
        request.tenant = tenant
        connection.set_tenant(tenant)
        self.setup_url_routing(request)
        _tag_sentry(tenant.schema_name)
        return None


def _tag_sentry(schema_name: str) -> None:
    try:
        import sentry_sdk
    except ImportError:  # pragma: no cover - sentry-sdk is a dependency
        return
    sentry_sdk.get_isolation_scope().set_tag("tenant", schema_name)
