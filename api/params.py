"""Query parameters of the API: ids, choices, search terms, dates, months and date ranges.

Every view reads its query parameters through these, never with ``str.isdigit()`` or raw
``params.get`` into a filter: a bad value is a French 400 that changes nothing, not a 500 from
the database (``int("²")``, an id past the column's range, a status the column never holds).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from rest_framework import serializers

# Ids are PostgreSQL bigint; a larger number is no id of ours.
MAX_ID = 2**63 - 1
# Dates people type: births, payments, periods. Beyond these a typo, never a real date, and a
# year such as 9999 would open a numbering series of its own.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)
SEARCH_MAX_LENGTH = 100


def parse_id(value, field: str) -> int:
    text = str(value) if value is not None else ""
    # isdigit() alone takes "²" and other Unicode digits that int() refuses.
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise serializers.ValidationError({field: "Identifiant invalide."})
    return int(text)


def optional_id(params, field: str) -> int | None:
    """The id in ``params[field]``, None when absent or empty."""
    value = params.get(field)
    return parse_id(value, field) if value not in (None, "") else None


def optional_choice(
    params, field: str, choices: Iterable, *, default: str | None = None
) -> str | None:
    """``params[field]`` when it is one of ``choices`` (values, or Django ``(value, label)``
    pairs); ``default`` when absent or empty."""
    value = params.get(field)
    if value in (None, ""):
        return default
    allowed = [c[0] if isinstance(c, tuple | list) else c for c in choices]
    if value not in allowed:
        raise serializers.ValidationError({field: "Valeur non reconnue."})
    return value


def search_text(params, field: str = "q") -> str:
    """A search term, stripped; too long a term is refused rather than sent to ``ILIKE``."""
    value = (params.get(field) or "").strip()
    if len(value) > SEARCH_MAX_LENGTH:
        raise serializers.ValidationError(
            {field: f"Recherche trop longue ({SEARCH_MAX_LENGTH} caractères au plus)."}
        )
    return value


def is_number(value: str) -> bool:
    """Whether a search term is a plain (ASCII) number, such as a family or invoice number."""
    return value.isascii() and value.isdigit() and len(value) < 10


def parse_date(value, field: str, default: date | None = None) -> date:
    if not value:
        if default is None:
            raise serializers.ValidationError({field: "Date obligatoire (AAAA-MM-JJ)."})
        return default
    try:
        parsed = date.fromisoformat(value)
    except (ValueError, TypeError):
        raise serializers.ValidationError({field: "Date invalide (AAAA-MM-JJ)."}) from None
    check_date_range(parsed, field)
    return parsed


def check_date_range(value: date, field: str) -> date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise serializers.ValidationError(
            {field: f"Date hors limites (entre {DATE_MIN:%d/%m/%Y} et {DATE_MAX:%d/%m/%Y})."}
        )
    return value


def parse_month(value: str | None) -> date:
    """The first day of ``AAAA-MM`` (default: this month)."""
    if not value:
        return timezone.localdate().replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-")[:2])
        first = date(year, month, 1)
    except (ValueError, TypeError):
        raise serializers.ValidationError({"month": "Mois invalide (AAAA-MM)."}) from None
    return check_date_range(first, "month")


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
