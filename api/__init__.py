"""The REST API. Every serializer bounds its dates (``api.fields``)."""

from api.fields import bound_model_serializer_dates

bound_model_serializer_dates()
