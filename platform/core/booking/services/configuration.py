"""The structure's booking configuration, cached per structure.

Policies (with their windows), closures and the units' incompatibilities change a few times a
season but are read by every planning and every cart: they are cached under the structure's
own cache key (``django_tenants.cache.make_key``) and dropped when any of them changes (once
the change commits, so a concurrent reader never re-caches the old version).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

CACHE_KEY = "booking:configuration:v1"


@dataclass
class BookingConfiguration:
    policies: dict = field(default_factory=dict)  # policy id → windows.Policy
    closures: list[tuple[date, date, str, int | None]] = field(default_factory=list)
    incompatible: dict[int, set[int]] = field(default_factory=dict)
    requires: dict[int, set[int]] = field(default_factory=dict)
    unit_names: dict[int, str] = field(default_factory=dict)


def _build() -> BookingConfiguration:
    from core.booking.models import BookingPolicy
    from core.catalog.models import Closure, Unit

    config = BookingConfiguration()
    config.policies = {
        p.pk: p.as_policy() for p in BookingPolicy.objects.prefetch_related("windows")
    }
    config.closures = list(
        Closure.objects.values_list("start_date", "end_date", "label", "activity_id")
    )
    incompatible: dict[int, set[int]] = defaultdict(set)
    for a, b in Unit.incompatible_with.through.objects.values_list("from_unit_id", "to_unit_id"):
        incompatible[a].add(b)
        incompatible[b].add(a)
    requires: dict[int, set[int]] = defaultdict(set)
    for a, b in Unit.requires.through.objects.values_list("from_unit_id", "to_unit_id"):
        requires[a].add(b)
    config.incompatible = dict(incompatible)
    config.requires = dict(requires)
    involved = {u for pair in incompatible.items() for u in (pair[0], *pair[1])}
    involved |= {u for pair in requires.items() for u in (pair[0], *pair[1])}
    config.unit_names = dict(Unit.objects.filter(pk__in=involved).values_list("pk", "name"))
    return config


def booking_configuration() -> BookingConfiguration:
    config = cache.get(CACHE_KEY)
    if config is None:
        config = _build()
        cache.set(CACHE_KEY, config, 3600)
    return config


def invalidate(**_kwargs) -> None:
    # Now, for the rest of this transaction; and again once it commits, in case a concurrent
    # request re-cached the old configuration meanwhile.
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def connect_signals() -> None:
    from core.booking.models import BookingPolicy, PolicyWindow
    from core.catalog.models import Closure, Unit

    for model in (BookingPolicy, PolicyWindow, Closure, Unit):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"booking-config-{model}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"booking-config-d-{model}")
    for through in (Unit.incompatible_with.through, Unit.requires.through):
        m2m_changed.connect(invalidate, sender=through, dispatch_uid=f"booking-config-{through}")
