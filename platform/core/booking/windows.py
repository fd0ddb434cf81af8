"""Booking windows: when a family may still book or cancel a day, as typed, pure-Python policies.

French portals express their deadlines in a handful of shapes ("la veille ouvrée à 9h30",
"avant le mardi 23h59 de la semaine précédente", "avant le 20 du mois précédent", dated windows
for the school holidays). Each shape is a frozen dataclass; :func:`evaluate` is the single entry
point that says whether a change for ``target`` is allowed at ``now``, and why not in French.

This module knows nothing of Django or the database: ``core.booking.models.policies`` stores
the parameters and converts them, and the caller supplies ``is_working_day`` (it knows the
public holidays and the structure's closures). That keeps the rules testable in isolation and
usable from views, the API, Celery tasks and the staff console alike.

Time rules, decided once here so every caller agrees:

* Deadlines are wall-clock times in the structure's zone (``tz``), never the server's.
* A wall-clock time is made aware with ``fold=0`` and normalised by a round-trip through UTC.
  A non-existent time (02:30 on the last Sunday of March in Paris) therefore becomes the
  instant one hour later on the clock (03:30 CEST); an ambiguous time (02:30 on the last
  Sunday of October) is its first occurrence (CEST).
* A relative deadline is inclusive (``now <= deadline``): "au plus tard 9h30" allows 9:30:00.
  A fixed window is half-open (``opens_at <= now < closes_at``), as the staff type both ends.
* ``now`` must be aware (any zone); a naive ``now`` is refused rather than guessed, because the
  server's zone is not the structure's (Réunion, Guyane…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Stable machine codes of a refusal (``Decision.code``); the API and the front end key on them.
ALLOWED = ""
DEADLINE_PASSED = "deadline_passed"
NOT_OPEN_YET = "not_open_yet"
OUTSIDE_WINDOWS = "outside_windows"
BEYOND_HORIZON = "beyond_horizon"
PAST = "past"

# Only used by describe() to show aware window datetimes when the caller gives no zone.
DEFAULT_TZ = ZoneInfo("Europe/Paris")

WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def weekdays_only(d: date) -> bool:
    """Default ``is_working_day``: Monday to Friday, no holidays (callers should pass theirs)."""
    return d.weekday() < 5


def _check_local_time(at: time) -> None:
    if at.tzinfo is not None:
        raise ValueError("`at` is a local wall-clock time: it must not carry a tzinfo.")


# --- Policies -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelativeDeadline:
    """ "Au plus tard J-n à HH:MM", or "n jours ouvrés avant à HH:MM" with ``working_days``.

    ``days`` counts back from the target, which itself is never counted: 0 is the same day,
    1 the day before (or the previous working day). With ``working_days``, a day counts when
    the caller's ``is_working_day`` says so *and* its weekday is not in ``skip_weekdays``
    (a structure may decide that Wednesdays never count).
    """

    days: int
    at: time
    working_days: bool = False
    skip_weekdays: tuple[int, ...] = (5, 6)

    def __post_init__(self) -> None:
        if self.days < 0:
            raise ValueError("`days` must be >= 0.")
        _check_local_time(self.at)
        skip = tuple(sorted(set(self.skip_weekdays)))
        if any(not 0 <= w <= 6 for w in skip):
            raise ValueError("`skip_weekdays` holds weekdays from 0 (Monday) to 6 (Sunday).")
        if self.working_days and len(skip) == 7:
            raise ValueError("Every weekday is skipped: no working day can ever be found.")
        # Normalised so that equal policies compare and hash equal, whatever the input order.
        object.__setattr__(self, "skip_weekdays", skip)


@dataclass(frozen=True)
class PreviousWeekWeekday:
    """ "Avant le mardi 23h59 de la semaine précédente" for every day of the next ISO week."""

    weekday: int  # Monday = 0
    at: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("`weekday` goes from 0 (Monday) to 6 (Sunday).")
        _check_local_time(self.at)


@dataclass(frozen=True)
class PreviousMonthDay:
    """ "Avant le 20 du mois précédent à 23h59" for every day of the next month.

    ``day`` is clamped to the length of the previous month, so 31 means "the last day".
    """

    day: int
    at: time

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 31:
            raise ValueError("`day` goes from 1 to 31.")
        _check_local_time(self.at)


@dataclass(frozen=True)
class Window:
    """One dated window: bookings for ``first_date``..``last_date`` are open in [opens, closes).

    ``opens_at``/``closes_at`` may be aware (any zone, e.g. UTC from the database) or naive,
    in which case they are wall-clock times in the structure's zone.
    """

    opens_at: datetime
    closes_at: datetime
    first_date: date
    last_date: date
    label: str = ""

    def __post_init__(self) -> None:
        if self.last_date < self.first_date:
            raise ValueError("`last_date` is before `first_date`.")
        naive = (self.opens_at.tzinfo is None, self.closes_at.tzinfo is None)
        # Mixed naive/aware ends cannot be compared without a zone; evaluate() will check them.
        if naive[0] == naive[1] and self.closes_at <= self.opens_at:
            raise ValueError("`closes_at` must be after `opens_at`.")

    def covers(self, target: date) -> bool:
        return self.first_date <= target <= self.last_date


@dataclass(frozen=True)
class FixedWindows:
    """Dated windows, several per season; a day covered by no window is not bookable."""

    windows: tuple[Window, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # Accept any iterable (a list from a queryset) but keep the dataclass hashable.
        object.__setattr__(self, "windows", tuple(self.windows))


@dataclass(frozen=True)
class Unrestricted:
    """No booking deadline beyond the day itself: allowed until 00:00 of the target day.

    Same-day changes are therefore refused: they are staff actions, which do not go
    through :func:`evaluate`.
    """


Policy = RelativeDeadline | PreviousWeekWeekday | PreviousMonthDay | FixedWindows | Unrestricted


@dataclass(frozen=True)
class Decision:
    """The answer of :func:`evaluate`.

    ``deadline`` is the last moment the change is allowed (aware, in the structure's zone; for
    fixed windows the exclusive ``closes_at``), ``opens_at`` when it becomes possible (a window
    not open yet, or the day entering the booking horizon). ``reason`` is French and shown to
    parents as is; ``code`` is one of the module's stable codes ("" when allowed).
    """

    allowed: bool
    deadline: datetime | None = None
    opens_at: datetime | None = None
    reason: str = ""
    code: str = ALLOWED


# --- Time helpers -------------------------------------------------------------------------------


def local_datetime(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The aware instant of wall-clock ``at`` on ``day`` in ``tz``, valid even across DST.

    ``fold=0`` picks the first occurrence of an ambiguous time; the UTC round-trip turns a
    non-existent time into a real one (02:30 in the spring gap becomes 03:30 summer time).
    """
    return _localize(datetime.combine(day, at), tz)


def _localize(dt: datetime, tz: ZoneInfo) -> datetime:
    """An aware datetime in ``tz``: naive values are wall-clock times there (see above)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz, fold=0)
    return dt.astimezone(UTC).astimezone(tz)


def _previous_working_day(
    target: date, days: int, is_working_day: Callable[[date], bool], skip: tuple[int, ...]
) -> date:
    d = target
    # Bound the walk: a broken calendar (nothing ever works) must fail, not hang a request.
    limit = target - timedelta(days=366 + 7 * days)
    while days:
        d -= timedelta(days=1)
        if d < limit:
            raise ValueError(f"No {days} working day(s) found before {target.isoformat()}.")
        if d.weekday() not in skip and is_working_day(d):
            days -= 1
    return d


def deadline_for(
    policy: Policy,
    *,
    target: date,
    tz: ZoneInfo,
    is_working_day: Callable[[date], bool] = weekdays_only,
) -> datetime | None:
    """The last moment (aware, in ``tz``) a change for ``target`` is allowed under ``policy``.

    For fixed windows it is the latest ``closes_at`` of the windows covering ``target``
    (``None`` when none does); it does not say whether a window is open yet, see
    :func:`evaluate`.
    """
    if isinstance(policy, RelativeDeadline):
        if policy.working_days:
            day = _previous_working_day(target, policy.days, is_working_day, policy.skip_weekdays)
        else:
            day = target - timedelta(days=policy.days)
        return local_datetime(day, policy.at, tz)
    if isinstance(policy, PreviousWeekWeekday):
        monday = target - timedelta(days=target.weekday())
        return local_datetime(monday - timedelta(days=7 - policy.weekday), policy.at, tz)
    if isinstance(policy, PreviousMonthDay):
        last_of_previous = target.replace(day=1) - timedelta(days=1)
        day = last_of_previous.replace(day=min(policy.day, last_of_previous.day))
        return local_datetime(day, policy.at, tz)
    if isinstance(policy, FixedWindows):
        closes = [_localize(w.closes_at, tz) for w in policy.windows if w.covers(target)]
        return max(closes, key=lambda c: c.astimezone(UTC), default=None)
    if isinstance(policy, Unrestricted):
        return local_datetime(target, time(0, 0), tz)
    raise TypeError(f"Unknown booking policy: {policy!r}")


# --- Evaluation ---------------------------------------------------------------------------------


def evaluate(
    policy: Policy,
    *,
    target: date,
    now: datetime,
    tz: ZoneInfo,
    is_working_day: Callable[[date], bool] = weekdays_only,
    horizon_days: int | None = None,
) -> Decision:
    """May a family book (or cancel) ``target`` at ``now``? The one entry point for all policies.

    Checks, in order: a past day ("past"), the booking horizon ("beyond_horizon", when
    ``horizon_days`` is given: today + N is the last bookable day), then the policy itself.
    "Today" is the date in the structure's zone, not the server's.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("`now` must be an aware datetime (e.g. django.utils.timezone.now()).")
    if horizon_days is not None and horizon_days < 0:
        raise ValueError("`horizon_days` must be >= 0.")
    local_now = now.astimezone(tz)
    # Compare instants in UTC: across zones, Python's == is always False for an ambiguous
    # (fold-dependent) local time (PEP 495), e.g. 02:30 on the last Sunday of October.
    utc_now = now.astimezone(UTC)
    today = local_now.date()
    year = local_now.year

    if target < today:
        return Decision(allowed=False, reason="Date passée", code=PAST)

    if horizon_days is not None and (target - today).days > horizon_days:
        last = today + timedelta(days=horizon_days)
        return Decision(
            allowed=False,
            deadline=deadline_for(policy, target=target, tz=tz, is_working_day=is_working_day),
            opens_at=local_datetime(target - timedelta(days=horizon_days), time(0, 0), tz),
            reason=f"Au-delà de l'horizon de réservation (jusqu'au {format_date(last, year)})",
            code=BEYOND_HORIZON,
        )

    if isinstance(policy, FixedWindows):
        return _evaluate_windows(policy, target=target, now=utc_now, tz=tz, year=year)

    deadline = deadline_for(policy, target=target, tz=tz, is_working_day=is_working_day)
    assert deadline is not None  # only fixed windows have no deadline
    if utc_now <= deadline.astimezone(UTC):
        return Decision(allowed=True, deadline=deadline)
    return Decision(
        allowed=False,
        deadline=deadline,
        reason=f"Délai dépassé le {format_datetime(deadline, year)}",
        code=DEADLINE_PASSED,
    )


def _evaluate_windows(
    policy: FixedWindows, *, target: date, now: datetime, tz: ZoneInfo, year: int
) -> Decision:
    """Fixed windows; ``now`` is in UTC, the returned instants in ``tz``."""
    covering = sorted(
        (
            (_localize(w.opens_at, tz), _localize(w.closes_at, tz))
            for w in policy.windows
            if w.covers(target)
        ),
        key=lambda bounds: bounds[0].astimezone(UTC),
    )
    if not covering:
        return Decision(allowed=False, reason="Hors période de réservation", code=OUTSIDE_WINDOWS)

    open_now = [c for o, c in covering if o.astimezone(UTC) <= now < c.astimezone(UTC)]
    if open_now:
        return Decision(allowed=True, deadline=max(open_now, key=lambda c: c.astimezone(UTC)))

    upcoming = [(o, c) for o, c in covering if now < o.astimezone(UTC)]
    if upcoming:
        opens, closes = upcoming[0]
        return Decision(
            allowed=False,
            deadline=closes,
            opens_at=opens,
            reason=(
                f"Réservations ouvertes du {format_datetime(opens, year)} "
                f"au {format_datetime(closes, year)}"
            ),
            code=NOT_OPEN_YET,
        )

    closed = max((c for _, c in covering), key=lambda c: c.astimezone(UTC))
    return Decision(
        allowed=False,
        deadline=closed,
        reason=f"Délai dépassé le {format_datetime(closed, year)}",
        code=DEADLINE_PASSED,
    )


# --- French wording -----------------------------------------------------------------------------


def format_date(d: date, current_year: int | None = None) -> str:
    """ "19/01", or "19/01/2027" when ``d`` is not in ``current_year`` (or no year is given)."""
    if current_year is not None and d.year == current_year:
        return d.strftime("%d/%m")
    return d.strftime("%d/%m/%Y")


def format_time(t: time | datetime) -> str:
    """ "9h30", "23h59", "0h00": French style, no leading zero on the hour."""
    return f"{t.hour}h{t.minute:02d}"


def format_datetime(dt: datetime, current_year: int | None = None) -> str:
    """ "16/01 à 9h30" (``dt`` already in the zone it should be read in)."""
    return f"{format_date(dt.date(), current_year)} à {format_time(dt)}"


def _count_days(n: int, working: bool) -> str:
    """ "1 jour", "3 jours", "2 jours ouvrés"."""
    unit = "jour" if n == 1 else "jours"
    if working:
        unit += " ouvré" if n == 1 else " ouvrés"
    return f"{n} {unit}"


def describe(policy: Policy, *, action: str = "Réservation", tz: ZoneInfo | None = None) -> str:
    """A short French sentence for parents, e.g. "Réservation au plus tard la veille à 9h30".

    ``action`` names what the policy governs ("Réservation", "Annulation"). ``tz`` is the
    zone in which aware window datetimes are shown (the structure's; Paris when omitted).
    """
    if isinstance(policy, RelativeDeadline):
        at = format_time(policy.at)
        working = policy.working_days
        if policy.days == 0:
            when = "le jour même"
        elif policy.days == 1:
            when = "la veille ouvrée" if working else "la veille"
        else:
            when = f"{_count_days(policy.days, working)} avant"
        extra = [w for w in policy.skip_weekdays if w < 5] if working else []
        skipped = (
            " (" + ", ".join(f"{WEEKDAYS_FR[w]}s" for w in extra) + " non comptés)" if extra else ""
        )
        return f"{action} au plus tard {when} à {at}{skipped}"
    if isinstance(policy, PreviousWeekWeekday):
        return (
            f"{action} au plus tard le {WEEKDAYS_FR[policy.weekday]} à {format_time(policy.at)} "
            "de la semaine précédente"
        )
    if isinstance(policy, PreviousMonthDay):
        if policy.day == 31:
            day = "le dernier jour"
        elif policy.day == 1:
            day = "le 1er"
        else:
            day = f"le {policy.day}"
        return f"{action} au plus tard {day} du mois précédent à {format_time(policy.at)}"
    if isinstance(policy, FixedWindows):
        if not policy.windows:
            return f"{action} fermée : aucune période d'ouverture"
        zone = tz or DEFAULT_TZ
        parts = []
        for w in sorted(policy.windows, key=lambda w: w.first_date):
            opens = _localize(w.opens_at, zone).date().strftime("%d/%m")
            closes = _localize(w.closes_at, zone).date().strftime("%d/%m")
            parts.append(f"{w.label + ' ' if w.label else ''}du {opens} au {closes}")
        return f"{action} pendant les périodes d'ouverture : " + ", ".join(parts)
    if isinstance(policy, Unrestricted):
        return f"{action} au plus tard la veille (jusqu'à minuit)"
    raise TypeError(f"Unknown booking policy: {policy!r}")
