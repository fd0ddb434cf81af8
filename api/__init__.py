"""The REST API. Every serializer bounds its dates (``api.fields``); the schema describes
times of day as they are (``api.schema``)."""

from api import schema  # noqa: F401 - registers the schema extensions
from api.fields import bound_model_serializer_dates

bound_model_serializer_dates()
