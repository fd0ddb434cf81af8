"""The tests' clock (``tests/support/clock.py``): frozen for a whole test, in the structure's
zone."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.utils import timezone

from core.tenancy.context import structure_today


def test_now_does_not_move_during_a_test(clock):
    before = clock.now
    time.sleep(0.05)
    assert timezone.now() == before
    assert datetime.now(UTC) == before


@pytest.mark.frozen_at("2028-01-01 00:30")
def test_today_is_the_day_in_paris_even_when_utc_is_still_the_day_before(clock):
    assert clock.now.astimezone(UTC).date() == date(2027, 12, 31)
    assert clock.today == date(2028, 1, 1)
    assert timezone.localdate() == date(2028, 1, 1)


@pytest.mark.frozen_at("2028-01-01 00:30")
def test_today_follows_the_structures_time_zone(alpha, clock):
    tenant = connection.tenant
    previous = tenant.time_zone
    tenant.time_zone = "America/Cayenne"  # UTC-3: still 31 December there
    try:
        assert clock.today == structure_today() == date(2027, 12, 31)
    finally:
        tenant.time_zone = previous


@pytest.mark.frozen_at("2028-02-28")
def test_move_to_and_shift_travel_and_stay_frozen(clock):
    assert clock.now == datetime(2028, 2, 28, 9, 0, tzinfo=UTC)  # 10:00 in Paris
    clock.shift(days=1)
    assert clock.today == date(2028, 2, 29)
    clock.move_to("2028-03-26 03:30")  # the night clocks go forward in Paris
    assert clock.now == datetime(2028, 3, 26, 1, 30, tzinfo=UTC)
    time.sleep(0.05)
    assert timezone.now() == clock.now
