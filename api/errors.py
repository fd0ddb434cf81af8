"""Service errors in the API's shape."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


def drf_error(exc: Exception) -> serializers.ValidationError:
    """A service's French refusal in DRF's shape: a Django ``ValidationError`` (by field when it
    has fields) or one of the services' own errors (``RunError``, ``PaymentError``…), whose
    message is the French sentence."""
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    if isinstance(exc, DjangoValidationError):
        return serializers.ValidationError({"detail": exc.messages})
    return serializers.ValidationError({"detail": [str(exc)]})
