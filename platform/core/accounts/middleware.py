"""Blocks everything but the password change while the password is temporary."""

from __future__ import annotations

from django.http import JsonResponse

# What stays reachable: logging in and out, the structure's branding, the password change
# itself (API and, for operators, the console's) with its checklist, and static files.
ALLOWED_PATHS = frozenset(
    {
        "/api/v1/config",
        "/api/v1/structure/",
        "/api/v1/structure/logo",
        "/api/v1/account/password/change",
        "/api/v1/password/check/",
        "/admin/password_change/",
        "/admin/password_change/done/",
        "/admin/logout/",
    }
)
ALLOWED_PREFIXES = ("/api/v1/auth/", "/static/")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and path.startswith(("/api/", "/admin/"))
            and path not in ALLOWED_PATHS
            and not path.startswith(ALLOWED_PREFIXES)
        ):
            return JsonResponse(
                {
                    "code": "password_change_required",
                    "detail": "Vous devez changer votre mot de passe avant de continuer.",
                },
                status=403,
            )
        return self.get_response(request)
