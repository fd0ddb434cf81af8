"""How the OpenAPI schema describes our fields where drf-spectacular's default is wrong.

A time of day (``07:30:00``) is declared ``format: time``, which OpenAPI takes from RFC 3339's
``full-time``: it requires an offset (``07:30:00+01:00``) that our times, wall-clock times in
the structure's zone, never carry. A pattern says what the API really accepts and returns.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension

TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$"


class WallClockTimeExtension(OpenApiSerializerFieldExtension):
    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "pattern": TIME_PATTERN, "example": "07:30:00"}
