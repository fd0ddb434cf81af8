"""The API's documentation page (Swagger UI, served from the sidecar package's files)."""

from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerView
from rest_framework.renderers import JSONRenderer


class ApiDocsView(SpectacularSwaggerView):
    """drf-spectacular's page, whose template can only render the page itself: anything else
    (OPTIONS' description, a refused method) answers in JSON instead of crashing the template."""

    http_method_names = ["get", "head"]

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
