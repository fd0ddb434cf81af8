"""Errors in the API's shape: the services' refusals, DRF's own errors in French.

The views do not catch the services' refusals: a ``DomainError`` (core/errors.py) or a Django
``ValidationError`` raised by a service reaches ``exception_handler`` below, which answers
them all alike (a 400, unless the error's class says otherwise):

* by field when the refusal is about fields: ``{"<field>": ["message"], "code": "…"}``;
* else for the request as a whole: ``{"detail": ["message"], "code": "…"}``.

That is the shape of DRF's own validation errors, which the SPA already reads
(frontend/src/components/apiErrors.ts); ``code`` is for a client to react, never shown.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import CODE_KEY, GENERAL_KEY, DomainError
from core.http.errors import csrf_message
from core.http.guards import TOO_MANY_FIELDS_MESSAGE, too_large_message


class Refusal(exceptions.ValidationError):
    """A service's refusal in the API's shape, with the status its error class carries."""

    def __init__(self, body: dict, *, status_code: int = 400) -> None:
        super().__init__(body)
        self.status_code = status_code


def _extra(exc: DomainError) -> dict:
    """What a refusal adds to its body for the client to act on (the file's missing items)."""
    from api.serializers import MissingItemSerializer
    from core.booking.services.enrolments import DossierIncomplete

    if isinstance(exc, DossierIncomplete):
        return {"missing": MissingItemSerializer(exc.items, many=True).data}
    return {}


def refusal(exc: DomainError | DjangoValidationError) -> Refusal:
    """The answer to a service's refusal: its messages by field (or under ``detail``), its
    code. A Django ``ValidationError`` is by field when it has an ``error_dict``; it has a
    code only when it is one message raised with one."""
    if isinstance(exc, DomainError):
        body = {**exc.message_dict, **_extra(exc), CODE_KEY: exc.code}
        return Refusal(body, status_code=exc.status_code)
    if hasattr(exc, "error_dict"):
        return Refusal(exc.message_dict)
    body: dict = {GENERAL_KEY: exc.messages}
    if len(exc.error_list) == 1 and exc.error_list[0].code:
        body[CODE_KEY] = exc.error_list[0].code
    return Refusal(body)


# DRF's parsers put the parser's English error after these (``JSON parse error - Expecting…``).
_PARSE_ERRORS = {
    "JSON parse error": "Le corps de la requête n'est pas un JSON valide.",
    "Multipart form parse error": "Le formulaire envoyé (multipart) est mal formé.",
}
_CSRF_FAILED = "CSRF Failed: "  # SessionAuthentication.enforce_csrf, untranslated
# Codes the SPA may act on, given in the body as the request guard's refusals give them.
_CODES_IN_BODY = frozenset(
    {"csrf_failed", "null_character", "request_too_large", "too_many_fields"}
)


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"


def _french(exc: Exception) -> Exception:
    """The same refusal, with DRF's or Django's English message replaced by a French one."""
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge(too_large_message())
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return exceptions.ParseError(TOO_MANY_FIELDS_MESSAGE, code="too_many_fields")
    detail = getattr(exc, "detail", None)
    if not isinstance(detail, str):
        return exc
    if isinstance(exc, exceptions.ParseError):
        for english, french in _PARSE_ERRORS.items():
            if detail.startswith(english):
                return exceptions.ParseError(french)
    if isinstance(exc, exceptions.PermissionDenied) and detail.startswith(_CSRF_FAILED):
        return exceptions.PermissionDenied(
            csrf_message(detail.removeprefix(_CSRF_FAILED)), code="csrf_failed"
        )
    return exc


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's ``EXCEPTION_HANDLER``: the services' refusals in the API's shape, then DRF's own,
    after translating what it leaves in English.

    Django's size limits, raised while DRF parses a multipart body, become a 413 or a 400
    instead of Django's HTML error page."""
    if isinstance(exc, DomainError | DjangoValidationError):
        exc = refusal(exc)
    french = _french(exc)
    response = drf_exception_handler(french, context)
    detail = getattr(french, "detail", None)
    if response is not None and getattr(detail, "code", None) in _CODES_IN_BODY:
        response.data = {"detail": detail, "code": detail.code}
    return response
