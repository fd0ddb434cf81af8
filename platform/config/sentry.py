"""Sentry: tenant tag on every event, no personal data."""

from __future__ import annotations

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

_SCRUBBED_REQUEST_KEYS = ("cookies", "data", "query_string", "env")


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Keep the tenant tag and the technical context; drop who the person is."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in _SCRUBBED_REQUEST_KEYS:
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                k: v
                for k, v in headers.items()
                if k.lower() not in {"cookie", "authorization", "x-csrftoken", "x-forwarded-for"}
            }
    return event


def init_sentry(dsn: str, *, environment: str, transport=None) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        before_send=scrub_event,
        traces_sample_rate=0.0,
        transport=transport,
    )
