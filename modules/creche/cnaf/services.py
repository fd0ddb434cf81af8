"""Reading the Cnaf's PSU parameters: the public table as a ``psu.ParameterHistory``.

No cache, deliberately: two small queries (the sets, their rates prefetched) per call, always
what operators last saved, in every process, with nothing to invalidate. A caller computing many
rates (a billing run, a month of contracts) reads the history once and passes it on:
``psu.hourly_rate(params=history, ...)`` accepts it. Works from a structure's schema too: the
table is in the public schema, which django-tenants keeps on every search path.
"""

from __future__ import annotations

from modules.creche import psu
from modules.creche.cnaf.models import PsuParameterSet


def parameter_history() -> psu.ParameterHistory:
    """Every dated set of the public table; the published ``psu.CNAF_PARAMETERS`` when the table
    is empty (a database not yet seeded)."""
    sets = PsuParameterSet.objects.prefetch_related("rates").order_by("effective_from")
    entries = [parameter_set.to_parameters() for parameter_set in sets]
    if not entries:
        return psu.CNAF_PARAMETERS
    return psu.ParameterHistory(entries)
