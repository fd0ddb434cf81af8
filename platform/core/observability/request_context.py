"""The request's log context, its ``X-Request-ID`` and its metrics.

Placed right after the tenant middleware (the structure is known, the pod-IP probes were
answered before). The request id is the caller's ``X-Request-ID`` when it is a safe token (a
proxy's or the ingress's id, so lines join up across them), else a new one; it goes back on
the response. The user's numeric id is read from the request once authentication has
loaded it (``context.current_user_id``): logging never triggers a session or user query.

One access line per request (logger ``core.observability.access``, INFO in JSON mode): the
method, the route's view name, the status and the duration. Never the path or the query
string, which can carry tokens (e-mail confirmation keys) or search terms.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse

from core.observability import context, metrics

access_logger = logging.getLogger("core.observability.access")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = context.request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        tenant = getattr(getattr(request, "tenant", None), "schema_name", None)
        tokens = context.bind(
            request_id=request_id,
            tenant=tenant or getattr(connection, "schema_name", None),
            user_id=None,
            request=request,
        )
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            duration = time.perf_counter() - started
            route = _route(request)
            metrics.observe_request(
                method=request.method or "",
                status=response.status_code,
                route=route,
                seconds=duration,
            )
            context.user_id.set(context.loaded_user_id(request))
            access_logger.info(
                "requête traitée",
                extra={
                    "method": request.method,
                    "route": route or "other",
                    "status": response.status_code,
                    "duration_ms": round(duration * 1000, 1),
                },
            )
            return response
        finally:
            context.unbind(tokens)


def _route(request: HttpRequest) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else None
