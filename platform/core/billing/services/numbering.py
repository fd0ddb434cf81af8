"""Gap-free numbers per series, kind and year.

The counter row is taken ``FOR UPDATE`` inside the transaction that writes the documents, so
two publications queue on it and a rollback gives the numbers back: no duplicate, no gap
(a PostgreSQL sequence would leave gaps on rollback).
"""

from __future__ import annotations

from django.db import connection, transaction

from core.billing.models import InvoiceSeries, NumberCounter

PREFIX_FIELD = {
    "invoice": "invoice_prefix",
    "credit_note": "credit_note_prefix",
    "receipt": "receipt_prefix",
}
YEAR_TOKEN = "{annee}"

# The race test's control turns the row lock off (and may pause between read and write) to
# show the duplicates it prevents; nothing else touches these.
GUARD = True
_after_read = None


def format_number(*, series: InvoiceSeries, kind: str, year: int, sequence: int) -> str:
    prefix = getattr(series, PREFIX_FIELD[kind]).replace(YEAR_TOKEN, str(year))
    return f"{prefix}{sequence:0{series.digits}d}"


def take_numbers(
    *, series: InvoiceSeries, kind: str, year: int, count: int
) -> list[tuple[int, int, str]]:
    """``count`` consecutive ``(year, sequence, number)``; must run inside a transaction."""
    if count <= 0:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Numbers are taken inside the transaction that writes the documents.")
    counter_year = year if YEAR_TOKEN in getattr(series, PREFIX_FIELD[kind]) else 0
    table = NumberCounter._meta.db_table
    with connection.cursor() as cursor:
        # Creating the row must not race either: ON CONFLICT, then lock it.
        cursor.execute(
            f"INSERT INTO {table} (series_id, kind, year, last_number) VALUES (%s, %s, %s, 0) "  # noqa: S608
            "ON CONFLICT (series_id, kind, year) DO NOTHING",
            [series.pk, kind, counter_year],
        )
    counters = NumberCounter.objects.select_for_update() if GUARD else NumberCounter.objects
    counter = counters.get(series=series, kind=kind, year=counter_year)
    if _after_read is not None:
        _after_read()
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return [
        (year, seq, format_number(series=series, kind=kind, year=year, sequence=seq))
        for seq in range(first, first + count)
    ]
