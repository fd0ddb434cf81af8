"""The French calendar of a structure: pure unit tests, no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.catalog import calendar as calendar_module
from core.catalog.calendar import (
    PUBLIC_HOLIDAY_REGIONS,
    SCHOOL_ZONES,
    DayInfo,
    FrenchCalendar,
    HolidayPeriod,
    school_holiday_coverage,
    supported_school_zones,
)

SHIPPED_ZONES = ("corse", "guadeloupe", "martinique", "guyane", "reunion")


def days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


# --- public holidays -----------------------------------------------------------------------


@pytest.mark.parametrize("region", [value for value, _ in PUBLIC_HOLIDAY_REGIONS])
def test_easter_monday_is_a_public_holiday_everywhere(region):
    assert FrenchCalendar("C", region).public_holiday(date(2026, 4, 6)) == "Lundi de Pâques"


def test_public_holiday_names_are_in_french():
    calendar = FrenchCalendar("C")
    assert calendar.public_holiday(date(2026, 7, 14)) == "Fête nationale"
    assert calendar.public_holiday(date(2026, 11, 11)) == "Armistice"
    assert calendar.public_holiday(date(2026, 7, 15)) is None


def test_good_friday_is_a_holiday_only_in_alsace_moselle_within_metropolitan_france():
    good_friday = date(2026, 4, 3)
    assert FrenchCalendar("B").public_holiday(good_friday) is None
    assert FrenchCalendar("B", "57").public_holiday(good_friday) == "Vendredi saint"
    assert FrenchCalendar("B", "6AE").public_holiday(good_friday) == "Vendredi saint"


def test_saint_stephen_is_a_holiday_only_in_alsace_moselle():
    assert FrenchCalendar("B", "6AE").public_holiday(date(2025, 12, 26)) == "Saint-Étienne"
    assert FrenchCalendar("B").public_holiday(date(2025, 12, 26)) is None


@pytest.mark.parametrize(
    ("region", "day"),
    [
        ("971", date(2026, 5, 27)),
        ("972", date(2026, 5, 22)),
        ("973", date(2026, 6, 10)),
        ("974", date(2026, 12, 20)),
        ("976", date(2026, 4, 27)),
    ],
)
def test_abolition_of_slavery_is_a_holiday_on_each_departments_own_date(region, day):
    assert FrenchCalendar("C", region).public_holiday(day) == "Abolition de l'esclavage"
    assert FrenchCalendar("C").public_holiday(day) is None


def test_unknown_public_holiday_region_is_rejected():
    with pytest.raises(ValueError, match="Région"):
        FrenchCalendar("C", "75")


# --- school holidays -----------------------------------------------------------------------


def test_zone_a_winter_holidays_2026():
    calendar = FrenchCalendar("A")
    for day in days(date(2026, 2, 7), date(2026, 2, 22)):
        assert calendar.school_holiday(day) == "Vacances d'hiver"
    assert calendar.school_holiday(date(2026, 2, 6)) is None
    assert calendar.school_holiday(date(2026, 2, 23)) is None


def test_winter_holidays_2026_are_staggered_between_zones():
    day = date(2026, 2, 8)
    assert FrenchCalendar("A").school_holiday(day) == "Vacances d'hiver"
    assert FrenchCalendar("B").school_holiday(day) is None
    assert FrenchCalendar("C").school_holiday(day) is None


def test_corse_toussaint_2025_from_shipped_data():
    calendar = FrenchCalendar("corse")
    # Classes end on Saturday 18 October and resume on Monday 3 November.
    assert calendar.school_holiday(date(2025, 10, 17)) is None
    for day in days(date(2025, 10, 18), date(2025, 11, 2)):
        assert calendar.school_holiday(day) == "Vacances de la Toussaint"
    assert calendar.school_holiday(date(2025, 11, 3)) is None


def test_holidays_starting_after_class_on_a_weekday_start_the_next_day():
    # Guadeloupe: "départ après la classe du mardi 22 octobre 2024, reprise lundi 4 novembre".
    calendar = FrenchCalendar("guadeloupe", "971")
    assert calendar.school_holiday(date(2024, 10, 22)) is None
    assert calendar.school_holiday(date(2024, 10, 23)) == "Vacances de la Toussaint"
    assert calendar.school_holiday(date(2024, 11, 3)) == "Vacances de la Toussaint"
    assert calendar.school_holiday(date(2024, 11, 4)) is None


def test_reunion_austral_summer_runs_across_the_new_year():
    calendar = FrenchCalendar("reunion", "974")
    assert calendar.school_holiday(date(2025, 12, 31)) == "Vacances d'été austral"
    assert calendar.school_holiday(date(2026, 1, 20)) == "Vacances d'été austral"
    assert calendar.school_holiday(date(2026, 1, 21)) is None
    periods = calendar.school_holiday_periods(date(2025, 12, 1), date(2026, 1, 31))
    assert periods == [
        HolidayPeriod("Vacances d'été austral", date(2025, 12, 20), date(2026, 1, 20))
    ]


def test_school_holiday_periods_lists_each_period_once():
    calendar = FrenchCalendar("C")
    periods = calendar.school_holiday_periods(date(2025, 9, 1), date(2026, 8, 31))
    names = [period.name for period in periods]
    assert names[:5] == [
        "Vacances de la Toussaint",
        "Vacances de Noël",  # over two calendar years, still one period
        "Vacances d'hiver",
        "Vacances de printemps",
        "Vacances d'été",
    ]
    assert len(periods) == len(set(periods))
    assert periods[1] == HolidayPeriod("Vacances de Noël", date(2025, 12, 20), date(2026, 1, 4))
    # Summer 2025 ended on 31 August: it does not overlap the season.
    assert periods[0].start == date(2025, 10, 18)


def test_school_holiday_periods_keep_their_published_dates_at_the_range_edges():
    calendar = FrenchCalendar("C")
    periods = calendar.school_holiday_periods(date(2026, 1, 2), date(2026, 1, 2))
    assert periods == [HolidayPeriod("Vacances de Noël", date(2025, 12, 20), date(2026, 1, 4))]
    assert calendar.school_holiday_periods(date(2026, 1, 10), date(2026, 1, 20)) == []
    assert calendar.school_holiday_periods(date(2026, 3, 1), date(2026, 2, 1)) == []


def test_unknown_zone_has_no_school_holidays():
    for zone in ("nouvelle-caledonie", "mayotte", "not-a-zone"):
        calendar = FrenchCalendar(zone)
        assert calendar.school_holiday(date(2026, 1, 1)) is None
        assert calendar.school_holiday_periods(date(2024, 1, 1), date(2027, 12, 31)) == []
        assert school_holiday_coverage(zone) is None
        assert zone not in supported_school_zones()


def test_supported_zones_are_the_library_zones_and_the_shipped_ones():
    assert supported_school_zones() == ("A", "B", "C", *SHIPPED_ZONES)
    assert school_holiday_coverage("A")[1] == date(2028, 8, 31)


@pytest.mark.parametrize("zone", SHIPPED_ZONES)
def test_shipped_data_covers_school_years_2024_2025_and_2025_2026(zone):
    calendar = FrenchCalendar(zone)
    for season_start, season_end in [
        (date(2024, 9, 1), date(2025, 6, 30)),
        (date(2025, 9, 1), date(2026, 6, 30)),
    ]:
        periods = calendar.school_holiday_periods(season_start, season_end)
        assert len(periods) >= 4, (zone, season_start)


@pytest.mark.parametrize("zone", SHIPPED_ZONES)
def test_shipped_periods_end_on_the_eve_of_a_school_day(zone):
    for period in FrenchCalendar(zone).school_holiday_periods(date(2000, 1, 1), date(2100, 1, 1)):
        assert period.start <= period.end
        assert (period.end + timedelta(days=1)).weekday() < 5, period


def test_zone_and_region_ids_match_the_tenant_choices():
    from core.tenancy.constants import HolidayZone, PublicHolidayRegion

    assert list(SCHOOL_ZONES) == list(HolidayZone.values)
    assert {value for value, _ in PUBLIC_HOLIDAY_REGIONS} == set(PublicHolidayRegion.values)


# --- working days and closures -------------------------------------------------------------


def test_working_day_skips_weekend_and_public_holiday():
    calendar = FrenchCalendar("C")
    assert calendar.is_working_day(date(2026, 4, 30))  # Thursday
    assert not calendar.is_working_day(date(2026, 5, 1))  # Friday, Fête du Travail
    assert not calendar.is_working_day(date(2026, 5, 2))  # Saturday
    assert not calendar.is_working_day(date(2026, 5, 3))  # Sunday
    assert calendar.is_working_day(date(2026, 5, 2), skip_weekdays=(6,))
    assert not calendar.is_working_day(date(2026, 5, 4), skip_weekdays=(0, 5, 6))


def test_working_day_counts_local_holidays_but_not_school_holidays_or_closures():
    good_friday = date(2026, 4, 3)
    assert FrenchCalendar("B").is_working_day(good_friday)
    assert not FrenchCalendar("B", "57").is_working_day(good_friday)
    closed = FrenchCalendar("A", closures=[(date(2026, 2, 9), date(2026, 2, 13), "Travaux")])
    assert closed.school_holiday(date(2026, 2, 10)) == "Vacances d'hiver"
    assert closed.is_working_day(date(2026, 2, 10))


def test_closures_are_inclusive():
    calendar = FrenchCalendar(
        "C", closures=[(date(2026, 8, 3), date(2026, 8, 14), "Fermeture estivale")]
    )
    assert calendar.closure(date(2026, 8, 2)) is None
    assert calendar.closure(date(2026, 8, 3)) == "Fermeture estivale"
    assert calendar.closure(date(2026, 8, 14)) == "Fermeture estivale"
    assert calendar.closure(date(2026, 8, 15)) is None


def test_one_day_closure_and_overlapping_closures():
    calendar = FrenchCalendar(
        "C",
        closures=[
            (date(2026, 5, 15), date(2026, 5, 15), "Pont"),
            (date(2026, 5, 11), date(2026, 5, 22), "Désinfection"),
        ],
    )
    assert calendar.closure(date(2026, 5, 15)) == "Désinfection"  # the earliest wins
    assert calendar.closure(date(2026, 5, 22)) == "Désinfection"
    assert calendar.closures[0][2] == "Désinfection"


def test_closure_ending_before_it_starts_is_rejected():
    with pytest.raises(ValueError, match="avant"):
        FrenchCalendar("C", closures=[(date(2026, 5, 2), date(2026, 5, 1), "Erreur")])


def test_day_info_gathers_the_three_answers():
    calendar = FrenchCalendar(
        "A", "57", closures=[(date(2026, 8, 10), date(2026, 8, 21), "Fermeture estivale")]
    )
    assert calendar.day_info(date(2026, 8, 15)) == DayInfo(
        public_holiday="Assomption", school_holiday="Vacances d'été", closure="Fermeture estivale"
    )
    assert calendar.day_info(date(2026, 3, 10)) == DayInfo(None, None, None)


# --- caching -------------------------------------------------------------------------------


def test_lookups_never_reread_the_data_files(monkeypatch):
    zones = ("A", "corse")
    for zone in zones:  # warm the per-process tables
        FrenchCalendar(zone, "57").day_info(date(2026, 1, 1))

    def must_not_be_called(*args, **kwargs):
        raise AssertionError("data file read again")

    monkeypatch.setattr(calendar_module, "SchoolHolidayDates", must_not_be_called)
    monkeypatch.setattr(calendar_module.resources, "files", must_not_be_called)

    before = calendar_module._school_days.cache_info()
    for zone in zones:
        calendar = FrenchCalendar(zone, "57")
        for day in days(date(2026, 3, 1), date(2026, 3, 31)):  # a month grid
            calendar.day_info(day)
        calendar.school_holiday_periods(date(2025, 9, 1), date(2027, 8, 31))
        calendar.day_info(date(2027, 6, 1))  # another year: built from the cached periods
    after = calendar_module._school_days.cache_info()
    # One table per (zone, year) at most: 2026 was warm, 2027 is built once per zone.
    assert after.misses - before.misses <= len(zones)
