"""The French calendar of a structure: public holidays, school holidays and its own closures.

Pure Python on purpose (no model, no database): the opening generator, the month grid and the
booking deadlines ask it about hundreds of days in a row, and tests can build one in a line.

Sources:

- public holidays: ``holidays.France`` in French, with the structure's subdivision (Alsace-Moselle
  adds Vendredi saint and Saint-Étienne, each overseas department its abolition of slavery…);
- school holidays of zones A, B and C: ``vacances_scolaires_france`` (data up to 2028-08-31);
- school holidays of Corse and the overseas academies: ``data/school_holidays.csv``, shipped with
  this package, because the library has none. Its header says which years are there and which
  are missing; :func:`supported_school_zones` and :func:`school_holiday_coverage` tell callers
  whether "no school holiday" means "school day" or "we do not know".

Every table is built once per process and year (``functools.lru_cache``), never per call: a month
grid or a whole season then costs one dictionary lookup per day.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import holidays
from vacances_scolaires_france import SchoolHolidayDates

# Same ids as core.tenancy.constants.HolidayZone (kept here so this module needs no Django).
SCHOOL_ZONES: tuple[str, ...] = (
    "A",
    "B",
    "C",
    "corse",
    "guadeloupe",
    "martinique",
    "guyane",
    "reunion",
    "mayotte",
    "nouvelle-caledonie",
    "polynesie",
    "saint-pierre-et-miquelon",
    "wallis-et-futuna",
)

# ``holidays.France`` subdivisions a structure can be in ("" = no local holiday); the same
# values as core.tenancy.constants.PublicHolidayRegion. TF (Terres australes) is left out: no
# commune there.
PUBLIC_HOLIDAY_REGIONS: tuple[tuple[str, str], ...] = (
    ("", "France métropolitaine"),
    ("57", "Moselle"),
    ("6AE", "Alsace (Bas-Rhin, Haut-Rhin)"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
    ("BL", "Saint-Barthélemy"),
    ("MF", "Saint-Martin"),
    ("NC", "Nouvelle-Calédonie"),
    ("PF", "Polynésie française"),
    ("PM", "Saint-Pierre-et-Miquelon"),
    ("WF", "Wallis-et-Futuna"),
)

_REGIONS = frozenset(value for value, _ in PUBLIC_HOLIDAY_REGIONS)
_LIBRARY_ZONES = ("A", "B", "C")
_SHIPPED_DATA = ("data", "school_holidays.csv")
_ONE_DAY = timedelta(days=1)

Closure = tuple[date, date, str]


@dataclass(frozen=True)
class HolidayPeriod:
    """A school holiday period, both ends included (weekends at the edges too, as published)."""

    name: str
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class DayInfo:
    """Everything a month grid or an opening generator needs to know about one day."""

    public_holiday: str | None
    school_holiday: str | None
    closure: str | None


# --- data loading (once per process) -------------------------------------------------------


@lru_cache(maxsize=1)
def _library() -> SchoolHolidayDates:
    # Reads the library's whole CSV (1990-2028): only once.
    return SchoolHolidayDates()


@lru_cache(maxsize=1)
def _shipped_periods() -> dict[str, tuple[HolidayPeriod, ...]]:
    """Periods of ``data/school_holidays.csv`` by zone, sorted; checked on load so that a typo in
    the file fails loudly rather than silently opening a day that should be closed."""
    resource = resources.files(__package__).joinpath(*_SHIPPED_DATA)
    with resource.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    by_zone: dict[str, list[HolidayPeriod]] = {}
    for row in rows:
        zone = row["zone"]
        if zone not in SCHOOL_ZONES or zone in _LIBRARY_ZONES:
            raise ValueError(f"school_holidays.csv: zone inconnue ou déjà couverte : {zone!r}")
        period = HolidayPeriod(
            name=row["name"].strip(),
            start=date.fromisoformat(row["start"]),
            end=date.fromisoformat(row["end"]),
        )
        if period.end < period.start:
            raise ValueError(f"school_holidays.csv: période à l'envers : {period}")
        by_zone.setdefault(zone, []).append(period)
    result = {}
    for zone, periods in by_zone.items():
        periods.sort(key=lambda p: p.start)
        for before, after in pairwise(periods):
            if after.start <= before.end:
                raise ValueError(f"school_holidays.csv: {zone} : {before} chevauche {after}")
        result[zone] = tuple(periods)
    return result


@lru_cache(maxsize=len(_LIBRARY_ZONES))
def _library_periods(zone: str) -> tuple[HolidayPeriod, ...]:
    """The library lists days; periods are its runs of consecutive days with the same name
    (Noël spans two calendar years but is one period)."""
    key = _library().zone_key(zone)
    periods: list[HolidayPeriod] = []
    for day, row in sorted(_library().data.items()):
        if not row[key]:
            continue
        name = row["nom_vacances"]
        last = periods[-1] if periods else None
        if last and last.name == name and last.end + _ONE_DAY == day:
            periods[-1] = HolidayPeriod(name, last.start, day)
        else:
            periods.append(HolidayPeriod(name, day, day))
    return tuple(periods)


def _zone_periods(zone: str) -> tuple[HolidayPeriod, ...]:
    if zone in _LIBRARY_ZONES:
        return _library_periods(zone)
    return _shipped_periods().get(zone, ())


@lru_cache(maxsize=len(SCHOOL_ZONES))
def _zone_ends(zone: str) -> tuple[date, ...]:
    return tuple(period.end for period in _zone_periods(zone))


@lru_cache(maxsize=128)
def _school_days(zone: str, year: int) -> dict[date, str]:
    """Every school holiday day of ``year`` in ``zone``, with its period's name."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    days: dict[date, str] = {}
    for period in _zone_periods(zone):
        if period.end < first or period.start > last:
            continue
        day = max(period.start, first)
        while day <= min(period.end, last):
            days[day] = period.name
            day += _ONE_DAY
    return days


@lru_cache(maxsize=128)
def _public_holidays(region: str, year: int) -> dict[date, str]:
    """French names ("Lundi de Pâques"); two holidays on one day are joined with "; "."""
    return dict(holidays.France(subdiv=region or None, years=year, language="fr"))


# --- public API ----------------------------------------------------------------------------


def supported_school_zones() -> tuple[str, ...]:
    """Zones for which some school holidays are known (in ``SCHOOL_ZONES`` order).

    For any other zone (Nouvelle-Calédonie, Polynésie…), ``school_holiday`` always answers None:
    callers that generate school-day activities there must ask the structure for its dates.
    """
    shipped = _shipped_periods()
    return tuple(zone for zone in SCHOOL_ZONES if zone in _LIBRARY_ZONES or zone in shipped)


def school_holiday_coverage(zone: str) -> tuple[date, date] | None:
    """First and last day of the known school holidays of ``zone`` (None: nothing known).

    Outside this range "no school holiday" means "not known", not "school day"; inside, the
    shipped data may still miss a school year (see the header of ``data/school_holidays.csv``).
    """
    periods = _zone_periods(zone)
    if not periods:
        return None
    return periods[0].start, max(period.end for period in periods)


class FrenchCalendar:
    """Public holidays, school holidays and closures of one structure.

    ``closures`` are the structure's own closures, ``(first day, last day, label)`` with both
    ends included. Cheap to build: the yearly tables are shared by every calendar of the process.
    """

    __slots__ = ("_closures", "public_holiday_region", "school_zone")

    def __init__(
        self,
        school_zone: str,
        public_holiday_region: str = "",
        closures: Iterable[Closure] = (),
    ) -> None:
        if public_holiday_region not in _REGIONS:
            raise ValueError(f"Région de jours fériés inconnue : {public_holiday_region!r}")
        self.school_zone = school_zone
        self.public_holiday_region = public_holiday_region
        normalised = []
        for start, end, label in closures:
            if end < start:
                raise ValueError(f"Fermeture « {label} » : fin ({end}) avant début ({start}).")
            normalised.append((start, end, label))
        self._closures: tuple[Closure, ...] = tuple(sorted(normalised, key=lambda c: c[:2]))

    def __repr__(self) -> str:
        return (
            f"FrenchCalendar(school_zone={self.school_zone!r}, "
            f"public_holiday_region={self.public_holiday_region!r}, "
            f"closures={len(self._closures)})"
        )

    @property
    def closures(self) -> tuple[Closure, ...]:
        return self._closures

    def public_holiday(self, d: date) -> str | None:
        """French name of the public holiday on ``d`` for the structure's region, or None."""
        return _public_holidays(self.public_holiday_region, d.year).get(d)

    def school_holiday(self, d: date) -> str | None:
        """Name of the school holiday period ``d`` falls in ("Vacances de la Toussaint"…).

        None on a school day, but also where nothing is known (see ``supported_school_zones``).
        """
        return _school_days(self.school_zone, d.year).get(d)

    def closure(self, d: date) -> str | None:
        """Label of the structure's closure covering ``d`` (the earliest one if several)."""
        for start, end, label in self._closures:
            if start > d:
                break
            if d <= end:
                return label
        return None

    def is_working_day(self, d: date, *, skip_weekdays: Iterable[int] = (5, 6)) -> bool:
        """Whether ``d`` counts for deadlines such as "3 working days before": neither a public
        holiday nor one of ``skip_weekdays`` (Monday = 0). Closures and school holidays do
        not matter: the town hall still processes requests then."""
        return d.weekday() not in tuple(skip_weekdays) and self.public_holiday(d) is None

    def school_holiday_periods(self, start: date, end: date) -> list[HolidayPeriod]:
        """Whole school holiday periods overlapping [start, end], in order, each once.

        Periods are returned as published, not clipped to [start, end]: a period that began
        before ``start`` keeps its first day, so that "one activity per holiday period" and
        fixed booking windows use the real dates.
        """
        if end < start:
            return []
        periods = _zone_periods(self.school_zone)
        # Periods are sorted and never overlap, so their ends are sorted too.
        first = bisect_right(_zone_ends(self.school_zone), start - _ONE_DAY)
        result = []
        for period in periods[first:]:
            if period.start > end:
                break
            result.append(period)
        return result

    def day_info(self, d: date) -> DayInfo:
        return DayInfo(
            public_holiday=self.public_holiday(d),
            school_holiday=self.school_holiday(d),
            closure=self.closure(d),
        )
