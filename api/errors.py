"""Service errors in the API's shape."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


def drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    """A service's French ``ValidationError`` in DRF's shape (by field when it has fields)."""
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"detail": exc.messages})
