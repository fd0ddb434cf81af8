"""Fields every API serializer uses for dates: bounded to dates people really type.

A date outside ``api.params.DATE_MIN``–``DATE_MAX`` (a payment of 31/12/9999, a birth in year
1) is a typo or a probe; accepted, it would open a numbering series of its own or break a
computation far from the form. ``api/__init__.py`` makes these the fields model serializers
build for ``DateField`` and ``DateTimeField`` columns; declared fields use them by name.
"""

from __future__ import annotations

from django.db import models
from rest_framework import serializers

from api.params import DATE_MAX, DATE_MIN

OUT_OF_RANGE = f"Date hors limites (entre le {DATE_MIN:%d/%m/%Y} et le {DATE_MAX:%d/%m/%Y})."


class BoundedDateField(serializers.DateField):
    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        if not DATE_MIN <= parsed <= DATE_MAX:
            self.fail("out_of_range")
        return parsed


class BoundedDateTimeField(serializers.DateTimeField):
    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        if not DATE_MIN <= parsed.date() <= DATE_MAX:
            self.fail("out_of_range")
        return parsed


def bound_model_serializer_dates() -> None:
    """Model serializers build bounded fields for date columns (idempotent)."""
    mapping = serializers.ModelSerializer.serializer_field_mapping
    mapping[models.DateField] = BoundedDateField
    mapping[models.DateTimeField] = BoundedDateTimeField
