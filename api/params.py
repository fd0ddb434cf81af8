"""Query parameters of the API: ids, dates, months and date ranges, with French errors."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from rest_framework import serializers


def parse_id(value, field: str) -> int:
    if value is None or not str(value).isascii() or not str(value).isdigit():
        raise serializers.ValidationError({field: "Identifiant invalide."})
    return int(value)


def parse_date(value, field: str, default: date | None = None) -> date:
    if not value:
        if default is None:
            raise serializers.ValidationError({field: "Date obligatoire (AAAA-MM-JJ)."})
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise serializers.ValidationError({field: "Date invalide (AAAA-MM-JJ)."}) from None


def parse_month(value: str | None) -> date:
    """The first day of ``AAAA-MM`` (default: this month)."""
    if not value:
        return timezone.localdate().replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-")[:2])
        return date(year, month, 1)
    except (ValueError, TypeError):
        raise serializers.ValidationError({"month": "Mois invalide (AAAA-MM)."}) from None


def filter_period(queryset, params, *, field: str = "date"):
    """Narrow ``queryset`` to the ``from`` / ``to`` query parameters (inclusive)."""
    if params.get("from"):
        queryset = queryset.filter(**{f"{field}__gte": parse_date(params["from"], "from")})
    if params.get("to"):
        queryset = queryset.filter(**{f"{field}__lte": parse_date(params["to"], "to")})
    return queryset


def optional_period(params) -> tuple[date | None, date | None]:
    """The ``from`` / ``to`` query parameters as dates, each ``None`` when absent."""
    start = parse_date(params["from"], "from") if params.get("from") else None
    end = parse_date(params["to"], "to") if params.get("to") else None
    return start, end
