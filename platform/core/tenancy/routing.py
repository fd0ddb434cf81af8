"""Host → structure resolution, cached so that a request costs no database query for it.

The map lives in the ``platform`` cache (Redis, not tenant-prefixed: it is the platform's own
data) for ``TENANT_HOST_CACHE_TTL`` seconds, and is invalidated whenever a Tenant or a Domain
changes (the ``tenants`` app's signals). Unknown hosts are cached too, briefly, so that a flood of
random host names cannot turn into a flood of queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import caches

from core.tenancy.structures import domain_model
from core.tenancy.validators import SLUG_RE

if TYPE_CHECKING:
    from tenants.models import Tenant

_MISSING = "__unknown_host__"
_UNKNOWN_TTL = 10


def _key(hostname: str) -> str:
    return f"host:{hostname}"


def _cache():
    return caches["platform"]


def resolve_host(hostname: str) -> Tenant | None:
    """The structure served on ``hostname``, or None. One DB query at most per TTL."""
    hostname = hostname.lower()
    platform_suffix = "." + settings.PLATFORM_DOMAIN
    if hostname.endswith(platform_suffix) and not SLUG_RE.match(hostname[: -len(platform_suffix)]):
        return None  # can't be a structure's host: no query, nothing cached
    cached = _cache().get(_key(hostname))
    if cached == _MISSING:
        return None
    if cached is not None:
        return cached
    domain = domain_model().objects.select_related("tenant").filter(domain=hostname).first()
    if domain is None:
        _cache().set(_key(hostname), _MISSING, _UNKNOWN_TTL)
        return None
    _cache().set(_key(hostname), domain.tenant, settings.TENANT_HOST_CACHE_TTL)
    return domain.tenant


def invalidate_hosts(hostnames) -> None:
    keys = [_key(h.lower()) for h in hostnames if h]
    if keys:
        _cache().delete_many(keys)


def invalidate_tenant(tenant: Tenant) -> None:
    invalidate_hosts(domain_model().objects.filter(tenant=tenant).values_list("domain", flat=True))


def _origin(host: str) -> str:
    port = f":{settings.PLATFORM_PORT}" if settings.PLATFORM_PORT else ""
    return f"{settings.PLATFORM_SCHEME}://{host}{port}"


def tenant_base_url(tenant: Tenant) -> str:
    """Absolute URL of a structure's portal (primary domain), e.g. for links in e-mails.

    The one source of truth for a structure's public address: every absolute link (e-mails sent
    by the web process or by a task, allauth's confirmation and reset links, the logo, the demo's
    welcome) goes through it, never through the request's host, so a link is the same whatever
    process builds it. ``PLATFORM_SCHEME`` / ``PLATFORM_DOMAIN`` / ``PLATFORM_PORT`` drive it.
    """
    domain = tenant.get_primary_domain()
    return _origin(domain.domain if domain else f"{tenant.slug}.{settings.PLATFORM_DOMAIN}")


def platform_base_url() -> str:
    """Absolute URL of the platform's root domain (the operators' console lives there)."""
    return _origin(settings.PLATFORM_DOMAIN)


def tenant_logo_url(tenant: Tenant) -> str:
    """Absolute URL of the structure's logo (for e-mails), or "" when it has none."""
    return f"{tenant_base_url(tenant)}/api/v1/structure/logo" if tenant.logo else ""
