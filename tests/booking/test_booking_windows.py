"""Booking windows: pure rules, no database.

Dates are real 2025-2027 calendar days; public holidays come from ``holidays.France`` as the
caller would pass them. DST changes in Paris in 2026: Sunday 29 March (02:00 → 03:00) and
Sunday 25 October (03:00 → 02:00).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from core.booking.windows import (
    BEYOND_HORIZON,
    DEADLINE_PASSED,
    NOT_OPEN_YET,
    OUTSIDE_WINDOWS,
    PAST,
    FixedWindows,
    PreviousMonthDay,
    PreviousWeekWeekday,
    RelativeDeadline,
    Unrestricted,
    Window,
    deadline_for,
    describe,
    evaluate,
)

PARIS = ZoneInfo("Europe/Paris")
REUNION = ZoneInfo("Indian/Reunion")
CAYENNE = ZoneInfo("America/Cayenne")

FR_HOLIDAYS = holidays.France(years=range(2025, 2029))


def french_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in FR_HOLIDAYS


VEILLE_OUVREE_930 = RelativeDeadline(days=1, at=time(9, 30), working_days=True)


def paris(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=PARIS, fold=fold)


def deadline(policy, target: date, tz: ZoneInfo = PARIS) -> datetime | None:
    return deadline_for(policy, target=target, tz=tz, is_working_day=french_working_day)


def decide(policy, target: date, now: datetime, tz: ZoneInfo = PARIS, **kwargs):
    return evaluate(
        policy, target=target, now=now, tz=tz, is_working_day=french_working_day, **kwargs
    )


# --- Relative deadlines -------------------------------------------------------------------------


def test_veille_ouvree_for_monday_is_friday_930():
    assert deadline(VEILLE_OUVREE_930, date(2026, 1, 19)) == paris(2026, 1, 16, 9, 30)


def test_veille_ouvree_skips_easter_monday():
    # Easter Monday is 6 April 2026: the Tuesday's deadline is the Friday before Easter.
    assert deadline(VEILLE_OUVREE_930, date(2026, 4, 7)) == paris(2026, 4, 3, 9, 30)


def test_veille_ouvree_skips_new_year_across_the_year_end():
    # Friday 1 January 2027 is a holiday: Monday 4 January's deadline is Thursday 31 December.
    assert deadline(VEILLE_OUVREE_930, date(2027, 1, 4)) == paris(2026, 12, 31, 9, 30)


def test_working_days_skip_a_chosen_weekday():
    no_wednesdays = RelativeDeadline(
        days=1, at=time(9, 30), working_days=True, skip_weekdays=(2, 5, 6)
    )
    # Thursday 22 January 2026 → Tuesday 20, Wednesday 21 does not count.
    assert deadline(no_wednesdays, date(2026, 1, 22)) == paris(2026, 1, 20, 9, 30)


def test_several_working_days_skip_ascension_bridge_and_weekend():
    # Ascension is Thursday 14 May 2026; two working days before Monday 18 May: 15 and 13 May.
    policy = RelativeDeadline(days=2, at=time(12, 0), working_days=True)
    assert deadline(policy, date(2026, 5, 18)) == paris(2026, 5, 13, 12, 0)


def test_calendar_days_count_weekends_and_holidays():
    policy = RelativeDeadline(days=1, at=time(18, 0))
    assert deadline(policy, date(2026, 4, 7)) == paris(2026, 4, 6, 18, 0)
    assert deadline(policy, date(2026, 3, 1)) == paris(2026, 2, 28, 18, 0)


def test_same_day_deadline_allows_the_morning_of_the_day():
    policy = RelativeDeadline(days=0, at=time(9, 0))
    assert decide(policy, date(2026, 1, 19), paris(2026, 1, 19, 8, 59)).allowed
    assert not decide(policy, date(2026, 1, 19), paris(2026, 1, 19, 9, 1)).allowed


def test_deadline_is_inclusive_to_the_second():
    target = date(2026, 1, 19)
    at_deadline = decide(VEILLE_OUVREE_930, target, paris(2026, 1, 16, 9, 30))
    just_after = decide(VEILLE_OUVREE_930, target, paris(2026, 1, 16, 9, 30, 1))
    assert at_deadline.allowed and at_deadline.deadline == paris(2026, 1, 16, 9, 30)
    assert at_deadline.reason == "" and at_deadline.code == ""
    assert not just_after.allowed and just_after.code == DEADLINE_PASSED


def test_reason_names_the_deadline_in_french():
    decision = decide(VEILLE_OUVREE_930, date(2026, 1, 19), paris(2026, 1, 16, 10, 0))
    assert decision.reason == "Délai dépassé le 16/01 à 9h30"
    assert decision.deadline == paris(2026, 1, 16, 9, 30)


def test_reason_shows_the_year_when_deadline_is_in_another_year():
    policy = PreviousMonthDay(day=20, at=time(23, 59))
    decision = decide(policy, date(2027, 1, 15), paris(2027, 1, 2, 8, 0))
    assert decision.reason == "Délai dépassé le 20/12/2026 à 23h59"


# --- Previous week, previous month --------------------------------------------------------------


def test_tuesday_of_previous_week_for_every_day_of_the_week():
    policy = PreviousWeekWeekday(weekday=1, at=time(23, 59))
    for target in (date(2026, 1, 19), date(2026, 1, 21), date(2026, 1, 25)):
        assert deadline(policy, target) == paris(2026, 1, 13, 23, 59)


def test_previous_week_deadline_crosses_the_year_end():
    # ISO week 1 of 2027 starts Monday 4 January; the week before starts Monday 28 December.
    policy = PreviousWeekWeekday(weekday=1, at=time(23, 59))
    assert deadline(policy, date(2027, 1, 6)) == paris(2026, 12, 29, 23, 59)


def test_previous_week_deadline_compares_across_dst_in_utc():
    # Target in the week after the spring change; deadline Tuesday 24 March 23:59 CET (22:59 UTC).
    policy = PreviousWeekWeekday(weekday=1, at=time(23, 59))
    target = date(2026, 4, 1)
    assert decide(policy, target, datetime(2026, 3, 24, 22, 58, tzinfo=UTC)).allowed
    assert not decide(policy, target, datetime(2026, 3, 24, 23, 0, tzinfo=UTC)).allowed


def test_twentieth_of_previous_month_for_january_is_december_20():
    policy = PreviousMonthDay(day=20, at=time(23, 59))
    assert deadline(policy, date(2027, 1, 31)) == paris(2026, 12, 20, 23, 59)


def test_day_31_is_clamped_in_february():
    policy = PreviousMonthDay(day=31, at=time(23, 59))
    assert deadline(policy, date(2026, 3, 10)) == paris(2026, 2, 28, 23, 59)
    assert deadline(policy, date(2028, 3, 10)) == paris(2028, 2, 29, 23, 59)
    assert deadline(policy, date(2026, 5, 1)) == paris(2026, 4, 30, 23, 59)


def test_previous_month_deadline_applies_to_the_whole_month():
    policy = PreviousMonthDay(day=20, at=time(23, 59))
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    assert deadline(policy, first) == deadline(policy, last) == paris(2026, 2, 20, 23, 59)


# --- DST ----------------------------------------------------------------------------------------


def test_deadline_at_nonexistent_dst_time_is_resolved():
    # 02:30 does not exist on 29 March 2026 in Paris: it becomes 03:30 CEST (01:30 UTC).
    result = deadline(RelativeDeadline(days=0, at=time(2, 30)), date(2026, 3, 29))
    assert result == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (result.hour, result.minute, result.utcoffset()) == (3, 30, timedelta(hours=2))


def test_nonexistent_dst_deadline_just_before_and_after():
    policy = RelativeDeadline(days=0, at=time(2, 30))
    target = date(2026, 3, 29)
    assert decide(policy, target, paris(2026, 3, 29, 1, 59)).allowed
    assert decide(policy, target, paris(2026, 3, 29, 3, 29)).allowed
    late = decide(policy, target, paris(2026, 3, 29, 3, 31))
    assert not late.allowed and late.reason == "Délai dépassé le 29/03 à 3h30"


def test_ambiguous_dst_deadline_is_the_first_occurrence():
    # 02:30 happens twice on 25 October 2026; fold=0 is the CEST one, 00:30 UTC.
    policy = RelativeDeadline(days=0, at=time(2, 30))
    target = date(2026, 10, 25)
    # (Python's == across zones is always False for an ambiguous time, so compare in UTC.)
    result = deadline(policy, target)
    assert result.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert result.utcoffset() == timedelta(hours=2)
    assert decide(policy, target, paris(2026, 10, 25, 2, 15)).allowed
    assert not decide(policy, target, paris(2026, 10, 25, 2, 45)).allowed
    # The second 02:15 (CET) is one hour after the deadline.
    assert not decide(policy, target, paris(2026, 10, 25, 2, 15, fold=1)).allowed


def test_deadline_across_autumn_change_keeps_local_wall_time():
    # Monday 26 October's veille ouvrée is Friday 23 October 9:30 CEST (07:30 UTC).
    assert deadline(VEILLE_OUVREE_930, date(2026, 10, 26)) == datetime(
        2026, 10, 23, 7, 30, tzinfo=UTC
    )


# --- Past days, horizon, overseas ---------------------------------------------------------------


def test_past_date_is_refused_whatever_the_policy():
    decision = decide(Unrestricted(), date(2026, 1, 18), paris(2026, 1, 19, 0, 1))
    assert (decision.allowed, decision.code, decision.reason) == (False, PAST, "Date passée")


def test_horizon_refuses_days_too_far_ahead():
    now = paris(2026, 1, 10, 10, 0)
    policy = RelativeDeadline(days=1, at=time(18, 0))
    assert decide(policy, date(2026, 1, 31), now, horizon_days=21).allowed
    refused = decide(policy, date(2026, 2, 1), now, horizon_days=21)
    assert refused.code == BEYOND_HORIZON
    assert refused.reason == "Au-delà de l'horizon de réservation (jusqu'au 31/01)"
    assert refused.opens_at == paris(2026, 1, 11, 0, 0)


def test_overseas_deadline_is_in_the_structure_zone():
    # 9:30 in Réunion (UTC+4) is 05:30 UTC, while it is still 7:00 in Paris.
    target = date(2026, 1, 19)
    now = datetime(2026, 1, 16, 6, 0, tzinfo=UTC)
    decision = decide(VEILLE_OUVREE_930, target, now, tz=REUNION)
    assert decision.code == DEADLINE_PASSED
    assert decision.deadline == datetime(2026, 1, 16, 5, 30, tzinfo=UTC)
    assert decision.deadline.tzinfo == REUNION
    assert decide(VEILLE_OUVREE_930, target, now, tz=PARIS).allowed


def test_today_is_the_structure_local_date():
    # 01:00 UTC on 19 January is still 18 January, 22:00, in Cayenne (UTC-3).
    now = datetime(2026, 1, 19, 1, 0, tzinfo=UTC)
    policy = RelativeDeadline(days=0, at=time(23, 0))
    assert decide(policy, date(2026, 1, 18), now, tz=CAYENNE).allowed
    assert decide(policy, date(2026, 1, 18), now, tz=PARIS).code == PAST


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        evaluate(Unrestricted(), target=date(2026, 1, 19), now=datetime(2026, 1, 1), tz=PARIS)


# --- Unrestricted -------------------------------------------------------------------------------


def test_unrestricted_allows_until_midnight_before_the_day():
    target = date(2026, 1, 19)
    assert decide(Unrestricted(), target, paris(2026, 1, 18, 23, 59)).allowed
    same_day = decide(Unrestricted(), target, paris(2026, 1, 19, 7, 0))
    assert same_day.code == DEADLINE_PASSED
    assert same_day.reason == "Délai dépassé le 19/01 à 0h00"


# --- Fixed windows ------------------------------------------------------------------------------

TOUSSAINT = Window(
    opens_at=datetime(2025, 9, 15, 0, 0),
    closes_at=datetime(2025, 10, 5, 23, 59),
    first_date=date(2025, 10, 20),
    last_date=date(2025, 10, 31),
    label="Toussaint",
)
NOEL = Window(
    opens_at=datetime(2025, 11, 3, 0, 0),
    closes_at=datetime(2025, 12, 3, 23, 59),
    first_date=date(2025, 12, 22),
    last_date=date(2026, 1, 2),
    label="Noël",
)
HOLIDAYS_2025 = FixedWindows(windows=(TOUSSAINT, NOEL))


def test_fixed_window_open_allows_and_gives_its_closing():
    decision = decide(HOLIDAYS_2025, date(2025, 10, 22), paris(2025, 10, 1, 12, 0))
    assert decision.allowed
    assert decision.deadline == paris(2025, 10, 5, 23, 59)


def test_fixed_window_not_open_yet_tells_when():
    decision = decide(HOLIDAYS_2025, date(2025, 12, 23), paris(2025, 10, 20, 8, 0))
    assert decision.code == NOT_OPEN_YET
    assert decision.opens_at == paris(2025, 11, 3, 0, 0)
    assert decision.reason == "Réservations ouvertes du 03/11 à 0h00 au 03/12 à 23h59"


def test_fixed_window_reason_shows_year_of_next_year_window():
    winter = Window(
        opens_at=datetime(2026, 1, 5, 0, 0),
        closes_at=datetime(2026, 1, 20, 23, 59),
        first_date=date(2026, 2, 9),
        last_date=date(2026, 2, 20),
    )
    decision = decide(FixedWindows(windows=(winter,)), date(2026, 2, 10), paris(2025, 12, 10))
    assert decision.reason == "Réservations ouvertes du 05/01/2026 à 0h00 au 20/01/2026 à 23h59"


def test_fixed_window_closed_is_deadline_passed():
    decision = decide(HOLIDAYS_2025, date(2025, 10, 27), paris(2025, 10, 6, 0, 0))
    assert decision.code == DEADLINE_PASSED
    assert decision.reason == "Délai dépassé le 05/10 à 23h59"


def test_fixed_window_closing_is_exclusive():
    target = date(2025, 10, 27)
    assert decide(HOLIDAYS_2025, target, paris(2025, 10, 5, 23, 58, 59)).allowed
    assert not decide(HOLIDAYS_2025, target, paris(2025, 10, 5, 23, 59)).allowed
    assert decide(HOLIDAYS_2025, target, paris(2025, 9, 15, 0, 0)).allowed


def test_date_outside_every_window_is_refused():
    decision = decide(HOLIDAYS_2025, date(2025, 11, 12), paris(2025, 11, 5, 8, 0))
    assert (decision.allowed, decision.code) == (False, OUTSIDE_WINDOWS)
    assert decision.reason == "Hors période de réservation"
    assert decision.deadline is None and deadline(HOLIDAYS_2025, date(2025, 11, 12)) is None


def test_aware_utc_windows_from_the_database_match_naive_local_ones():
    aware = Window(
        opens_at=datetime(2025, 11, 2, 23, 0, tzinfo=UTC),  # 03/11 0:00 in Paris
        closes_at=datetime(2025, 12, 3, 22, 59, tzinfo=UTC),
        first_date=NOEL.first_date,
        last_date=NOEL.last_date,
    )
    decision = decide(FixedWindows(windows=[aware]), date(2025, 12, 23), paris(2025, 11, 1))
    assert decision.opens_at == paris(2025, 11, 3, 0, 0)
    assert decision.reason == "Réservations ouvertes du 03/11 à 0h00 au 03/12 à 23h59"


def test_a_reopened_window_allows_again():
    second_chance = Window(
        opens_at=datetime(2025, 10, 13, 0, 0),
        closes_at=datetime(2025, 10, 16, 0, 0),
        first_date=TOUSSAINT.first_date,
        last_date=TOUSSAINT.last_date,
    )
    policy = FixedWindows(windows=(TOUSSAINT, second_chance))
    assert not decide(policy, date(2025, 10, 27), paris(2025, 10, 10)).allowed
    assert decide(policy, date(2025, 10, 27), paris(2025, 10, 14)).allowed


# --- Shapes and wording -------------------------------------------------------------------------


def test_policies_are_frozen_and_hashable():
    policy = RelativeDeadline(days=1, at=time(9, 30), working_days=True, skip_weekdays=(6, 5))
    assert policy == VEILLE_OUVREE_930 and hash(policy) == hash(VEILLE_OUVREE_930)
    with pytest.raises(AttributeError):
        policy.days = 2  # type: ignore[misc]
    assert hash(FixedWindows(windows=[TOUSSAINT])) == hash(FixedWindows(windows=(TOUSSAINT,)))


@pytest.mark.parametrize(
    "make",
    [
        lambda: RelativeDeadline(days=-1, at=time(9, 0)),
        lambda: RelativeDeadline(days=1, at=time(9, 0), working_days=True, skip_weekdays=(7,)),
        lambda: PreviousWeekWeekday(weekday=7, at=time(9, 0)),
        lambda: PreviousMonthDay(day=0, at=time(9, 0)),
        lambda: PreviousMonthDay(day=20, at=time(9, 0, tzinfo=UTC)),
        lambda: Window(
            opens_at=datetime(2025, 10, 5),
            closes_at=datetime(2025, 9, 15),
            first_date=date(2025, 10, 20),
            last_date=date(2025, 10, 31),
        ),
    ],
)
def test_invalid_policies_are_rejected(make):
    with pytest.raises(ValueError):
        make()


@pytest.mark.parametrize(
    ("policy", "sentence"),
    [
        (VEILLE_OUVREE_930, "Réservation au plus tard la veille ouvrée à 9h30"),
        (RelativeDeadline(days=0, at=time(8, 0)), "Réservation au plus tard le jour même à 8h00"),
        (
            RelativeDeadline(days=3, at=time(12, 0), working_days=True, skip_weekdays=(2, 5, 6)),
            "Réservation au plus tard 3 jours ouvrés avant à 12h00 (mercredis non comptés)",
        ),
        (
            PreviousWeekWeekday(weekday=1, at=time(23, 59)),
            "Réservation au plus tard le mardi à 23h59 de la semaine précédente",
        ),
        (
            PreviousMonthDay(day=20, at=time(23, 59)),
            "Réservation au plus tard le 20 du mois précédent à 23h59",
        ),
        (
            PreviousMonthDay(day=31, at=time(23, 59)),
            "Réservation au plus tard le dernier jour du mois précédent à 23h59",
        ),
        (
            HOLIDAYS_2025,
            "Réservation pendant les périodes d'ouverture : "
            "Toussaint du 15/09 au 05/10, Noël du 03/11 au 03/12",
        ),
        (Unrestricted(), "Réservation au plus tard la veille (jusqu'à minuit)"),
    ],
)
def test_describe_gives_a_french_sentence(policy, sentence):
    assert describe(policy) == sentence


def test_describe_names_the_action():
    assert describe(VEILLE_OUVREE_930, action="Annulation").startswith("Annulation au plus tard")
