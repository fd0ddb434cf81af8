"""Blocks everything but the password change while the password is temporary."""

from __future__ import annotations

from django.http import JsonResponse

# The SPA shell, its assets and the auth endpoints stay reachable so that the user can log in,
# see the structure's branding, change the password, or log out.
ALLOWED_PREFIXES = (
    "/api/v1/auth/",
    "/api/v1/account/password/change",
    "/api/v1/config",
    "/api/v1/structure/",
    "/static/",
)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and request.path.startswith(("/api/", "/admin/"))
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            return JsonResponse(
                {
                    "code": "password_change_required",
                    "detail": "Vous devez changer votre mot de passe avant de continuer.",
                },
                status=403,
            )
        return self.get_response(request)
