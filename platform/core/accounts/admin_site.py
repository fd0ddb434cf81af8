"""Django admin sites with the same login throttling as the portal's login."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import admin
from django.shortcuts import render


class ThrottledLoginMixin:
    """Counts failed admin logins in allauth's ``login_failed`` limits (per IP and account).

    Without it, /admin/login/ would be a way around the portal's throttling to guess any
    account's password.
    """

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        key = (request.POST.get("username") or "").strip().lower()
        if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
            return render(request, "admin/too_many_attempts.html", status=429)
        response = super().login(request, extra_context)
        if not request.user.is_authenticated:
            ratelimit.consume(request, action="login_failed", key=key)
        return response


class StructureAdminSite(ThrottledLoginMixin, admin.AdminSite):
    """The Django admin of a structure (its own schema), for its administrators."""

    site_header = "Administration de la structure"
    site_title = "Marelle"
    index_title = "Configuration de la structure"
