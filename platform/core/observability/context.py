"""The log context of the current request or task, in context variables.

Set by ``RequestContextMiddleware`` (request id, structure, the request itself so that the
user id is read once authentication has happened) and by the Celery signals (task id,
structure); read by ``LogContextFilter``. Never anything that names a person: the user is
known by the numeric id only.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar, Token
from typing import Any

from django.utils.functional import LazyObject, empty

request_id: ContextVar[str | None] = ContextVar("marelle_request_id", default=None)
tenant: ContextVar[str | None] = ContextVar("marelle_tenant", default=None)
user_id: ContextVar[int | None] = ContextVar("marelle_user_id", default=None)
task_id: ContextVar[str | None] = ContextVar("marelle_task_id", default=None)
# The request being answered: its user is read lazily, only once something (the session
# middleware's user, DRF's authentication) has loaded it — a log line never costs a query.
current_request: ContextVar[Any] = ContextVar("marelle_request", default=None)

# A request id a proxy or a client sent is kept only if it is a harmless token: it ends up in
# every log line and in a response header.
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(header: str | None) -> str:
    """The request id to use: the caller's if it is a safe token, else a new one."""
    if header and _SAFE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def bind(**values: Any) -> list[tuple[ContextVar, Token]]:
    """Set context variables by name; returns what :func:`unbind` needs to restore them."""
    variables = _VARIABLES
    return [(variables[name], variables[name].set(value)) for name, value in values.items()]


def unbind(tokens: list[tuple[ContextVar, Token]]) -> None:
    for variable, token in reversed(tokens):
        try:
            variable.reset(token)
        except ValueError:  # set in another context (a signal fired elsewhere): clear it
            variable.set(None)


def loaded_user_id(request: Any) -> int | None:
    """The signed-in user's numeric id if the request's user is already loaded, else None."""
    user = getattr(request, "__dict__", {}).get("user")
    if user is None:
        return None
    if isinstance(user, LazyObject) and user._wrapped is empty:
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    pk = getattr(user, "pk", None)
    return pk if isinstance(pk, int) else None


def current_user_id() -> int | None:
    known = user_id.get()
    if known is not None:
        return known
    request = current_request.get()
    return loaded_user_id(request) if request is not None else None


_VARIABLES: dict[str, ContextVar] = {
    "request_id": request_id,
    "tenant": tenant,
    "user_id": user_id,
    "task_id": task_id,
    "request": current_request,
}
