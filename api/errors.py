"""Errors in the API's shape: the services' refusals, DRF's own errors in French."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.http.errors import csrf_message
from core.http.guards import TOO_MANY_FIELDS_MESSAGE, too_large_message


def drf_error(exc: Exception) -> serializers.ValidationError:
    """A service's French refusal in DRF's shape: a Django ``ValidationError`` (by field when it
    has fields) or one of the services' own errors (``RunError``, ``PaymentError``…), whose
    message is the French sentence."""
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    if isinstance(exc, DjangoValidationError):
        return serializers.ValidationError({"detail": exc.messages})
    return serializers.ValidationError({"detail": [str(exc)]})


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
    """DRF's ``EXCEPTION_HANDLER``: DRF's own, after translating what it leaves in English.

    Django's size limits, raised while DRF parses a multipart body, become a 413 or a 400
    instead of Django's HTML error page."""
    french = _french(exc)
    response = drf_exception_handler(french, context)
    detail = getattr(french, "detail", None)
    if response is not None and getattr(detail, "code", None) in _CODES_IN_BODY:
        response.data = {"detail": detail, "code": detail.code}
    return response
