"""Hides the API of a module the current structure has not enabled (404, as if absent)."""

from __future__ import annotations

from django.http import Http404

from core.http.errors import error_response, is_api_request
from core.modules import registry

URL_NAMESPACE_PREFIX = "module-"
DISABLED_MESSAGE = "Module non activé pour cette structure."


class ModuleGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        for namespace in match.namespaces if match else ():
            if namespace.startswith(URL_NAMESPACE_PREFIX):
                module_id = namespace[len(URL_NAMESPACE_PREFIX) :]
                tenant = getattr(request, "tenant", None)
                if tenant is None or not registry.is_enabled(tenant, module_id):
                    if is_api_request(request):
                        # Answered here: an Http404 raised from process_view becomes
                        # Django's HTML page, which the SPA cannot read.
                        return error_response(request, 404, DISABLED_MESSAGE, "module_disabled")
                    raise Http404(DISABLED_MESSAGE)
        return None
