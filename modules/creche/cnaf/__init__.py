"""The Cnaf's PSU parameters, dated, in the public schema: one history shared by every structure.

A SHARED app (``SHARED_APPS`` only): its tables exist in the public schema alone, and every
structure reads them through the search path. Operators edit them in their console
(``tenants.console.console_site``); structures' admins never see them.
"""
