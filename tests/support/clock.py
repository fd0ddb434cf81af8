"""The tests' clock: every test runs at a frozen instant, read in the structure's time zone.

``conftest.clock`` (autouse) freezes Python's clocks with time-machine for the whole test:
``time.time``, ``datetime.now``, ``date.today`` and so ``timezone.now()`` and
``timezone.localdate()`` in the test, in the code under test and in its threads. The monotonic
clocks are left alone, so timeouts, barriers and ``time.sleep`` still work.

Where it freezes:

* by default at the machine's "now" when the test starts, so a test computes its dates from
  ``clock.today`` and passes on any day (``make test-dates`` runs the suite under several fake
  system dates to prove it);
* at the instant a ``@pytest.mark.frozen_at("2026-11-20 10:00")`` marker names (a wall-clock time
  in Paris, or a date, then 10:00), for tests written around fixed calendar dates;
* nowhere for the end-to-end tests: Chromium keeps a clock of its own, so they compute their
  dates from ``clock.today``, the real today there.

The database's ``now()`` is not frozen: no rule of Marelle reads it (timestamps are written by
Python), only the audit triggers' ``pgh_created_at``, which no test compares to "today".
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

PARIS = ZoneInfo("Europe/Paris")
DEFAULT_HOUR = time(10, 0)

# The "today" the billing, payment and pricing tests are written around: their runs invoice
# September to December 2026, their payments arrive in November and December 2026 and their
# SEPA collection is due on 5 December 2026. Those modules freeze their clock here.
BILLING_TESTS_NOW = "2026-11-20 10:00"


def instant(when: datetime | date | str) -> datetime:
    """An aware instant: a naive time is a wall-clock time in Paris, a date is 10:00 there."""
    if isinstance(when, str):
        when = (
            datetime.fromisoformat(when)
            if (" " in when or "T" in when)
            else date.fromisoformat(when)
        )
    if not isinstance(when, datetime):
        when = datetime.combine(when, DEFAULT_HOUR)
    if when.tzinfo is None:
        when = when.replace(tzinfo=PARIS)
    return when


class Clock:
    """The frozen "now" of one test. ``today`` is the day in the current structure's time zone
    (Paris outside a structure), as the code under test computes it."""

    def __init__(self, traveller: time_machine.Traveller | None) -> None:
        self._traveller = traveller

    @property
    def frozen(self) -> bool:
        return self._traveller is not None

    @property
    def now(self) -> datetime:
        return timezone.now()

    @property
    def today(self) -> date:
        from core.tenancy.context import structure_today

        return structure_today()

    def move_to(self, when: datetime | date | str) -> None:
        """Freeze the clock at another instant (see :func:`instant`)."""
        self._require_frozen()
        self._traveller.move_to(instant(when), tick=False)

    def shift(self, delta: timedelta | None = None, **parts: float) -> None:
        """Move the frozen clock by ``delta`` (or ``timedelta(**parts)``)."""
        self._require_frozen()
        self._traveller.shift(delta if delta is not None else timedelta(**parts))

    def _require_frozen(self) -> None:
        if self._traveller is None:
            raise RuntimeError("An e2e test runs on the live clock: it cannot travel.")
