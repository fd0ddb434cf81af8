"""Django test clients on a structure's host: each with a client address of its own, signed in
or not."""

from __future__ import annotations

import itertools

from django.test import Client

from tests.support.factories import PASSWORD

JSON = "application/json"
HOST = "alpha.localhost"

_ips = itertools.count(1)


def client_ip() -> str:
    """A fresh client address per client: login throttling counts per IP across tests."""
    n = next(_ips)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def new_client(host: str = HOST) -> Client:
    """An anonymous client of the structure (``alpha`` unless told)."""
    return Client(HTTP_HOST=host, REMOTE_ADDR=client_ip())


def logged(host: str, email: str) -> Client:
    """A client signed in through the real login endpoint."""
    client = new_client(host)
    response = client.post(
        "/api/v1/auth/login", {"email": email, "password": PASSWORD}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    return client
