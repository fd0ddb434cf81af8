"""A structure's cache entries: its tenant-prefixed keys and the host → structure map."""

from __future__ import annotations

from django.core.cache import caches
from django_tenants.utils import schema_context

from core.tenancy.routing import invalidate_hosts


def clear_structure_cache(*, schema: str, hosts: list[str]) -> int:
    """Delete every key of the default cache made under ``schema`` and the hosts' entries.

    The default cache's keys are ``<schema>:<KEY_PREFIX>:<version>:<key>``
    (``django_tenants.cache.make_key``): the pattern is made under that schema."""
    cache = caches["default"]
    deleted = 0
    if hasattr(cache, "delete_pattern"):  # django-redis
        with schema_context(schema):
            deleted = cache.delete_pattern("*")
    invalidate_hosts(hosts)
    return deleted or 0
