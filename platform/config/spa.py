"""Serves the built SPA's index.html for every non-API path of a structure's host."""

from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET


@lru_cache(maxsize=1)
def _index_html() -> str | None:
    index = settings.FRONTEND_DIST / "index.html"
    return index.read_text(encoding="utf-8") if index.exists() else None


@require_GET
@ensure_csrf_cookie
def spa_index(request, *args, **kwargs):
    html = _index_html() if not settings.DEBUG else _index_html.__wrapped__()
    if html is None:
        return HttpResponse(
            "<!doctype html><html lang='fr'><meta charset='utf-8'><title>Marelle</title>"
            "<p>L'application n'est pas construite : lancez <code>make frontend</code>.</p>",
            status=503,
        )
    response = HttpResponse(html)
    response["Cache-Control"] = "no-cache"
    return response
