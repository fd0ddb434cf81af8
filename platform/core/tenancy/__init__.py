"""Tenancy infrastructure the core stands on: which structure a request or task is in
(``context``), host routing (``routing``, ``middleware``), advisory locks (``locks``), the
public schema's vocabularies (``constants``) and validators, and log records' tenant tag.

The ``tenants`` app (public-schema models, provisioning, operator console) depends on this
package, never the reverse: the core reaches the structure model only through django-tenants'
``get_tenant_model()`` and ``get_tenant_domain_model()``.
"""
