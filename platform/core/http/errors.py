"""French error answers: JSON on the API, an HTML page elsewhere.

The SPA reads ``detail`` (and ``code``) of any non-2xx answer under ``/api/``
(``frontend/src/api/client.ts``); Django's own error pages are English HTML, which it can
neither parse nor show. ``ApiErrorMiddleware`` turns those into French JSON; the views here
answer the errors Django raises before any view runs (CSRF).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

API_PREFIX = "/api/"

# What the SPA shows when the answer carries nothing more precise (codes as DRF's).
STATUS_ERRORS = {
    400: ("invalid", "Requête invalide."),
    401: ("not_authenticated", "Authentification requise."),
    403: ("permission_denied", "Accès refusé."),
    404: ("not_found", "Ressource introuvable."),
    405: ("method_not_allowed", "Méthode non autorisée."),
    406: ("not_acceptable", "Format de réponse demandé non disponible."),
    408: ("timeout", "La requête a pris trop de temps."),
    409: ("conflict", "Conflit avec l'état actuel de la ressource."),
    410: ("gone", "Cette ressource n'existe plus."),
    413: ("request_too_large", "La requête est trop volumineuse."),
    415: ("unsupported_media_type", "Type de contenu non pris en charge."),
    429: ("throttled", "Trop de requêtes : réessayez dans quelques instants."),
    500: ("error", "Erreur interne du serveur : réessayez plus tard."),
    502: ("unavailable", "Service momentanément indisponible : réessayez plus tard."),
    503: ("unavailable", "Service momentanément indisponible : réessayez plus tard."),
}
DEFAULT_ERROR = ("error", "La requête n'a pas pu aboutir.")

CSRF_MESSAGE = (
    "La vérification de sécurité de la requête a échoué ({reason}) : "
    "rechargez la page puis réessayez."
)
# Django's reasons (django.middleware.csrf.REASON_*), English and meant for developers.
_CSRF_REASONS = (
    ("CSRF cookie not set", "cookie de sécurité absent"),
    ("CSRF token missing", "jeton de sécurité absent"),
    ("CSRF token incorrect", "jeton de sécurité incorrect"),
    ("CSRF token from", "jeton de sécurité mal formé"),
    ("Origin checking failed", "origine de la requête non autorisée"),
    ("Referer checking failed - no Referer", "en-tête Referer absent"),
    ("Referer checking failed", "en-tête Referer non autorisé"),
)


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def status_error(status: int) -> tuple[str, str]:
    """The ``code`` and French message of an HTTP error status."""
    return STATUS_ERRORS.get(status, DEFAULT_ERROR)


def api_error(status: int, detail: str, code: str) -> JsonResponse:
    """The body DRF gives its errors, plus the ``code`` the SPA may act on."""
    return JsonResponse(
        {"detail": detail, "code": code}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def error_response(request: HttpRequest, status: int, detail: str, code: str) -> HttpResponse:
    """``{"detail", "code"}`` under ``/api/``, a French HTML page anywhere else (the admin,
    the SPA's routes)."""
    if is_api_request(request):
        return api_error(status, detail, code)
    title = status_error(status)[1].rstrip(".")
    return render(request, "errors/error.html", {"title": title, "detail": detail}, status=status)


def csrf_reason(reason: str) -> str:
    """Django's CSRF reason, in French."""
    for english, french in _CSRF_REASONS:
        if reason.startswith(english):
            return french
    return "jeton de sécurité invalide"


def csrf_message(reason: str) -> str:
    return CSRF_MESSAGE.format(reason=csrf_reason(reason))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: allauth's endpoints and Django's forms (admin, demo payment)."""
    return error_response(request, 403, csrf_message(reason), "csrf_failed")


class ApiErrorMiddleware:
    """Replaces Django's HTML error pages under ``/api/`` by French JSON of the same status.

    Those pages come from what answers before or beside DRF: an unknown URL, a size limit
    hit while a view reads the body, allauth's empty ``400`` on a body it cannot read, a
    ``require_http_methods`` refusal. JSON answers (DRF's, allauth's) pass untouched.
    """

    # Headers of the HTML answer that describe its body, not the refusal.
    _BODY_HEADERS = frozenset({"content-type", "content-length", "content-language"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not self._is_html_error(request, response):
            return response
        code, detail = status_error(response.status_code)
        converted = api_error(response.status_code, detail, code)
        for header, value in response.headers.items():
            if header.lower() not in self._BODY_HEADERS:
                converted.headers[header] = value
        converted.cookies = response.cookies
        return converted

    @staticmethod
    def _is_html_error(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code < 400 or not is_api_request(request):
            return False
        if settings.DEBUG and response.status_code >= 500:
            return False  # the debug page is the developer's only trace
        return response.get("Content-Type", "").startswith("text/html")
