"""What evaluating booking rules needs, loaded once per request: the structure's time zone,
calendar, policies and unit rules (cached, see ``configuration``), and "now"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from core.booking import windows
from core.booking.services.configuration import BookingConfiguration, booking_configuration
from core.catalog.calendar import FrenchCalendar

ACTION_BOOK = "book"
ACTION_CANCEL = "cancel"


@dataclass
class BookingContext:
    tz: ZoneInfo
    now: datetime
    calendar: FrenchCalendar
    config: BookingConfiguration

    @classmethod
    def load(cls, *, now: datetime | None = None, activity_ids=None) -> BookingContext:
        """No query when the configuration is cached. The calendar holds the structure's
        closures and those of ``activity_ids``."""
        tenant = connection.tenant
        config = booking_configuration()
        wanted = set(activity_ids or ())
        closures = [
            (start, end, label)
            for start, end, label, activity_id in config.closures
            if activity_id is None or activity_id in wanted
        ]
        return cls(
            tz=ZoneInfo(getattr(tenant, "time_zone", "") or "Europe/Paris"),
            now=now or timezone.now(),
            calendar=FrenchCalendar(
                school_zone=getattr(tenant, "holiday_zone", "C"),
                public_holiday_region=getattr(tenant, "public_holiday_region", ""),
                closures=closures,
            ),
            config=config,
        )

    @property
    def today(self) -> date:
        return self.now.astimezone(self.tz).date()

    def policy_for(self, unit, action: str) -> windows.Policy:
        """The unit's own policy, else its activity's; cancelling falls back on booking."""
        activity = unit.activity
        if action == ACTION_CANCEL:
            candidates = [
                unit.cancel_policy_id,
                activity.cancel_policy_id,
                unit.booking_policy_id,
                activity.booking_policy_id,
            ]
        else:
            candidates = [unit.booking_policy_id, activity.booking_policy_id]
        for policy_id in candidates:
            if policy_id is not None and policy_id in self.config.policies:
                return self.config.policies[policy_id]
        return windows.Unrestricted()

    def decide(self, *, unit, day: date, action: str) -> windows.Decision:
        horizon = unit.activity.horizon_days if action == ACTION_BOOK else None
        return windows.evaluate(
            self.policy_for(unit, action),
            target=day,
            now=self.now,
            tz=self.tz,
            is_working_day=self.calendar.is_working_day,
            horizon_days=horizon,
        )

    def conflicts(self, unit_id: int, held: set[int]) -> str | None:
        """Why ``unit_id`` cannot join the units ``held`` that day, or None."""
        for other in self.config.incompatible.get(unit_id, ()):
            if other in held:
                return f"Incompatible avec « {self.config.unit_names.get(other, '')} » le même jour"
        for needed in self.config.requires.get(unit_id, ()):
            if needed not in held:
                return f"Nécessite « {self.config.unit_names.get(needed, '')} » le même jour"
        return None
