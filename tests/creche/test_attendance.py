"""The month's quantities of a crèche contract (``modules/creche/attendance.py``): planned,
attended and extra hours, deductions by kind of absence, the illness's carence across month
ends and weekends, and the proration of an amendment. Pure arithmetic: no database."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modules.creche.attendance import (
    Absence,
    AbsenceKind,
    MonthShare,
    PlannedDay,
    Presence,
    Rules,
    hours,
    month_quantities,
    month_share,
    prorate_amendment,
)

D = Decimal
# February 2025: Saturday 1st, twenty weekdays; 30 January 2025 is a Thursday.
YEAR, MONTH = 2025, 2


def weekdays(
    year: int = YEAR,
    month: int = MONTH,
    start: time = time(8, 30),
    end: time = time(17, 30),
    days: tuple[int, ...] = (0, 1, 2, 3, 4),
) -> list[PlannedDay]:
    day, planned = date(year, month, 1), []
    while day.month == month:
        if day.weekday() in days:
            planned.append(PlannedDay(day, start, end))
        day += timedelta(days=1)
    return planned


def quantities(**kwargs):
    """The month of February 2025; unless the test gives the pointage, the child came as
    planned on every planned day no absence covers."""
    kwargs.setdefault("planned", weekdays())
    if "presences" not in kwargs:
        absences = kwargs.get("absences", ())
        kwargs["presences"] = [
            Presence(p.day, p.start, p.end)
            for p in kwargs["planned"]
            if not any(a.covers(p.day) for a in absences)
        ]
    return month_quantities(year=YEAR, month=MONTH, **kwargs)


def line_of(result, day: date) -> str:
    return next(d.line for d in result.days if d.day == day)


# --- Planned and attended hours -----------------------------------------------------------------


def test_a_month_attended_as_planned_has_no_extra_and_no_deduction():
    planned = weekdays()
    presences = [Presence(p.day, p.start, p.end) for p in planned]
    result = quantities(presences=presences)
    assert result.planned_hours == D("180.00")  # 20 days × 9 h
    assert result.attended_hours == D("180.00")
    assert result.extra_hours == D("0.00")
    assert result.deducted_hours == D("0.00")
    assert result.due_hours == D("180.00")


def test_attended_hours_are_summed_in_minutes_and_rounded_once():
    # Three days of 7 h 50: 23.5 h, whereas rounding each day (7.83) would give 23.49.
    planned = weekdays()[:3]
    presences = [Presence(p.day, time(8, 30), time(16, 20)) for p in planned]
    result = quantities(planned=planned, presences=presences)
    assert result.attended_hours == D("23.50")


def test_schedule_and_pointage_outside_the_month_are_ignored():
    planned = weekdays() + [PlannedDay(date(2025, 3, 3), time(8), time(17))]
    result = quantities(planned=planned, presences=[Presence(date(2025, 1, 31), time(8), time(9))])
    assert result.planned_hours == D("180.00")
    assert result.attended_hours == D("0.00")


def test_a_planned_day_given_twice_is_refused():
    day = date(2025, 2, 3)
    with pytest.raises(ValueError, match="Deux horaires"):
        quantities(
            planned=[PlannedDay(day, time(8), time(12)), PlannedDay(day, time(13), time(17))]
        )


def test_invalid_times_are_refused():
    with pytest.raises(ValueError):
        PlannedDay(date(2025, 2, 3), time(17), time(8))
    with pytest.raises(ValueError):
        Presence(date(2025, 2, 3), time(17), time(8))
    with pytest.raises(ValueError):
        Absence(date(2025, 2, 5), date(2025, 2, 3), AbsenceKind.OTHER)


# --- Extra hours --------------------------------------------------------------------------------


def test_every_started_half_hour_of_extra_time_is_due():
    day = date(2025, 2, 3)
    result = quantities(presences=[Presence(day, time(8, 30), time(17, 35))])
    assert result.extra_hours == D("0.50")
    assert "dépassement de 5 min, arrondi à 0,50 h" in line_of(result, day)


def test_an_exact_multiple_of_the_unit_is_not_rounded_up():
    day = date(2025, 2, 3)
    result = quantities(presences=[Presence(day, time(8, 30), time(18, 30))])
    assert result.extra_hours == D("1.00")
    assert "arrondi" not in line_of(result, day)


def test_early_arrival_and_late_departure_the_same_day_are_added_then_rounded_once():
    # 10 min early + 15 min late = 25 min: one started half-hour, not one for each side.
    day = date(2025, 2, 3)
    result = quantities(presences=[Presence(day, time(8, 20), time(17, 45))])
    assert result.extra_hours == D("0.50")
    # 10 min early + 25 min late = 35 min: two started half-hours.
    other = date(2025, 2, 4)
    result = quantities(presences=[Presence(other, time(8, 20), time(17, 55))])
    assert result.extra_hours == D("1.00")
    assert "dépassement de 35 min, arrondi à 1,00 h" in line_of(result, other)


def test_extra_hours_are_rounded_per_day_not_per_month():
    # 5 minutes late on two days: two started half-hours, not one.
    result = quantities(
        presences=[
            Presence(date(2025, 2, 3), time(8, 30), time(17, 35)),
            Presence(date(2025, 2, 4), time(8, 30), time(17, 35)),
        ]
    )
    assert result.extra_hours == D("1.00")


def test_a_structure_may_bill_by_the_quarter_hour_with_a_tolerance():
    rules = Rules(rounding_minutes=15, tolerance_minutes=5)
    day, other = date(2025, 2, 3), date(2025, 2, 4)
    result = quantities(
        presences=[
            Presence(day, time(8, 30), time(17, 35)),  # within the tolerance
            Presence(other, time(8, 30), time(17, 36)),  # 6 min: the whole started quarter
        ],
        rules=rules,
    )
    assert result.extra_hours == D("0.25")
    assert "dans la tolérance de 5 min : non facturé" in line_of(result, day)


def test_a_day_attended_without_planned_schedule_is_extra_in_full():
    saturday = date(2025, 2, 8)
    result = quantities(presences=[Presence(saturday, time(9), time(11, 10))])
    assert result.planned_hours == D("180.00")
    assert result.attended_hours == D("2.17")
    assert result.extra_hours == D("2.50")
    assert "aucun accueil prévu au contrat" in line_of(result, saturday)


def test_leaving_early_is_not_extra_and_not_deducted():
    day = date(2025, 2, 3)
    result = quantities(presences=[Presence(day, time(8, 30), time(12))])
    assert result.extra_hours == D("0.00")
    assert result.deducted_hours == D("0.00")
    assert result.due_hours == D("180.00")
    assert "5,50 h prévues non réalisées, facturées" in line_of(result, day)


def test_a_planned_day_without_pointage_nor_absence_stays_billed():
    planned = weekdays()[:1]
    result = quantities(planned=planned, presences=[])
    assert result.non_deductible_hours == D("9.00")
    assert result.due_hours == D("9.00")
    assert "aucun pointage ni absence déclarée" in result.days[0].line


def test_two_presences_the_same_day_count_only_the_time_outside_the_schedule():
    day = date(2025, 2, 3)
    result = quantities(
        presences=[Presence(day, time(8, 15), time(12)), Presence(day, time(14), time(17, 30))]
    )
    assert result.attended_hours == D("7.25")
    assert result.extra_hours == D("0.50")


def test_overlapping_presences_are_refused():
    day = date(2025, 2, 3)
    with pytest.raises(ValueError, match="chevauchent"):
        quantities(presences=[Presence(day, time(8), time(12)), Presence(day, time(11), time(13))])


# --- Absences, kind by kind ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [AbsenceKind.HOSPITALISATION, AbsenceKind.EVICTION, AbsenceKind.CLOSURE]
)
def test_hospitalisation_eviction_and_closure_are_deducted_from_the_first_day(kind):
    result = quantities(absences=[Absence(date(2025, 2, 3), date(2025, 2, 4), kind)])
    assert result.deducted_by_kind == {kind: D("18.00")}
    assert result.deducted_hours == D("18.00")
    assert result.due_hours == D("162.00")
    assert "déduite dès le premier jour : 9,00 h déduites" in line_of(result, date(2025, 2, 3))


def test_illness_is_deducted_only_after_the_first_day_and_two_calendar_days():
    # Tuesday 4 to Friday 7 February: carence 4, 5, 6; Friday deducted.
    result = quantities(absences=[Absence(date(2025, 2, 4), date(2025, 2, 7), AbsenceKind.ILLNESS)])
    assert result.deducted_by_kind == {AbsenceKind.ILLNESS: D("9.00")}
    assert result.non_deductible_hours == D("27.00")
    assert "jour 1 de carence sur 3" in line_of(result, date(2025, 2, 4))
    assert "déduite après la carence" in line_of(result, date(2025, 2, 7))
    assert any("déductible à partir du 07/02/2025" in line for line in result.lines)


def test_illness_carence_runs_across_the_month_end():
    # From Thursday 30 January: carence 30, 31 January and 1 February; deducted from the 2nd,
    # so Monday 3 February is deducted although it is the first planned day of February.
    illness = Absence(date(2025, 1, 30), date(2025, 2, 4), AbsenceKind.ILLNESS)
    result = quantities(absences=[illness])
    assert result.deducted_by_kind == {AbsenceKind.ILLNESS: D("18.00")}
    assert result.non_deductible_hours == D("0.00")
    assert any("déductible à partir du 02/02/2025" in line for line in result.lines)


def test_illness_carence_is_still_running_on_the_first_days_of_the_next_month():
    # From Friday 28 February 2025: carence 28 February, 1 and 2 March; deducted from Monday 3
    # March, and February bills its first day.
    illness = Absence(date(2025, 2, 28), date(2025, 3, 5), AbsenceKind.ILLNESS)
    march_planned = weekdays(month=3)
    march = month_quantities(
        year=2025,
        month=3,
        planned=march_planned,
        presences=[Presence(p.day, p.start, p.end) for p in march_planned[3:]],
        absences=[illness],
    )
    assert march.deducted_by_kind == {AbsenceKind.ILLNESS: D("27.00")}  # 3, 4, 5 March
    february = quantities(absences=[illness])
    assert february.deducted_hours == D("0.00")
    assert february.non_deductible_hours == D("9.00")  # Friday 28, first day of carence


def test_illness_carence_counts_calendar_days_across_a_weekend():
    # Friday 7 February: carence Friday, Saturday and Sunday; Monday 10 is deducted.
    illness = Absence(date(2025, 2, 7), date(2025, 2, 11), AbsenceKind.ILLNESS)
    result = quantities(absences=[illness])
    assert result.deducted_by_kind == {AbsenceKind.ILLNESS: D("18.00")}
    assert result.non_deductible_hours == D("9.00")


def test_a_prolongation_of_an_illness_does_not_restart_the_carence():
    first = Absence(date(2025, 2, 3), date(2025, 2, 7), AbsenceKind.ILLNESS)
    prolongation = Absence(date(2025, 2, 8), date(2025, 2, 11), AbsenceKind.ILLNESS)
    result = quantities(absences=[prolongation, first])
    # Carence 3, 4, 5; deducted 6, 7, 10, 11.
    assert result.deducted_by_kind == {AbsenceKind.ILLNESS: D("36.00")}


def test_a_structure_without_carence_deducts_illness_from_the_first_day():
    illness = Absence(date(2025, 2, 3), date(2025, 2, 4), AbsenceKind.ILLNESS)
    result = quantities(absences=[illness], rules=Rules(carence_days=0))
    assert result.deducted_by_kind == {AbsenceKind.ILLNESS: D("18.00")}


def test_leave_within_the_contract_is_neither_deducted_nor_billed_twice():
    leave = Absence(date(2025, 2, 10), date(2025, 2, 14), AbsenceKind.LEAVE)
    result = quantities(absences=[leave])
    assert result.deducted_hours == D("0.00")
    assert result.leave_hours == D("45.00")
    assert result.non_deductible_hours == D("0.00")
    assert result.due_hours == D("135.00")
    assert "déjà exclu de la mensualisation" in line_of(result, date(2025, 2, 10))


def test_leave_can_never_be_made_deductible():
    with pytest.raises(ValueError, match="congés"):
        Rules(deductible_from_first_day=frozenset({AbsenceKind.LEAVE}))


def test_another_absence_is_not_deductible():
    result = quantities(absences=[Absence(date(2025, 2, 3), date(2025, 2, 3), "other")])
    assert result.deducted_hours == D("0.00")
    assert result.non_deductible_hours == D("9.00")
    assert result.due_hours == D("180.00")
    assert "non déductible" in line_of(result, date(2025, 2, 3))


def test_an_absence_on_a_non_planned_day_deducts_nothing():
    # Saturday and Sunday: no care planned, so nothing to deduct.
    weekend = Absence(date(2025, 2, 8), date(2025, 2, 9), AbsenceKind.HOSPITALISATION)
    result = quantities(absences=[weekend])
    assert result.deducted_hours == D("0.00")
    assert result.due_hours == D("180.00")
    assert any("2 jour(s) du mois sans accueil prévu" in line for line in result.lines)


def test_an_absence_deducts_only_the_planned_hours_not_attended():
    # Sent home by the doctor at noon: the morning is attended (billed), the afternoon deducted.
    day = date(2025, 2, 3)
    result = quantities(
        presences=[Presence(day, time(8, 30), time(12))],
        absences=[Absence(day, day, AbsenceKind.EVICTION)],
    )
    assert result.deducted_by_kind == {AbsenceKind.EVICTION: D("5.50")}


def test_a_hospitalisation_during_an_illness_carence_is_deducted():
    illness = Absence(date(2025, 2, 3), date(2025, 2, 7), AbsenceKind.ILLNESS)
    hospital = Absence(date(2025, 2, 4), date(2025, 2, 5), AbsenceKind.HOSPITALISATION)
    result = quantities(absences=[illness, hospital])
    assert result.deducted_by_kind == {
        AbsenceKind.HOSPITALISATION: D("18.00"),
        AbsenceKind.ILLNESS: D("18.00"),  # 6 and 7 February, after the carence
    }
    assert result.non_deductible_hours == D("9.00")  # Monday 3, first day of carence


def test_deductions_by_kind_add_up_to_the_total_to_the_cent():
    # Two kinds of one minute each: rounded apart they would make 0.04 h out of 0.03 h.
    planned = [
        PlannedDay(date(2025, 2, 3), time(8), time(8, 1)),
        PlannedDay(date(2025, 2, 4), time(8), time(8, 1)),
    ]
    result = quantities(
        planned=planned,
        absences=[
            Absence(date(2025, 2, 3), date(2025, 2, 3), AbsenceKind.CLOSURE),
            Absence(date(2025, 2, 4), date(2025, 2, 4), AbsenceKind.HOSPITALISATION),
        ],
    )
    assert result.planned_hours == D("0.03")
    assert result.deducted_hours == D("0.03")
    assert sum(result.deducted_by_kind.values()) == result.deducted_hours


# --- Amendments in the middle of a month --------------------------------------------------------


def test_an_amendment_in_the_middle_of_a_month_is_prorated_from_its_date_by_planned_hours():
    # From Monday 17 February, 10 of the 20 planned days remain: half of each fee.
    result = prorate_amendment(
        year=YEAR,
        month=MONTH,
        effective_from=date(2025, 2, 17),
        old_monthly_amount=D("300.00"),
        old_planned=weekdays(),
        new_monthly_amount=D("360.00"),
        new_planned=weekdays(),
    )
    assert result.before == D("150.00")
    assert result.after == D("180.00")
    assert result.total == D("330.00")
    assert result.lines[0].startswith("Jusqu'au 16/02/2025")
    assert result.lines[1].startswith("À partir du 17/02/2025 (avenant)")


def test_an_amendment_that_changes_the_schedule_measures_each_fee_on_its_own_hours():
    # Old: Monday to Friday. New, from Thursday 13: Mondays and Tuesdays only.
    old, new = weekdays(), weekdays(days=(0, 1))
    result = prorate_amendment(
        year=YEAR,
        month=MONTH,
        effective_from=date(2025, 2, 13),
        old_monthly_amount=D("300.00"),
        old_planned=old,
        new_monthly_amount=D("120.00"),
        new_planned=new,
    )
    # Old schedule: 8 of its 20 days before the 13th. New: 4 of its 8 days from the 13th.
    assert result.share_before == MonthShare(part=8 * 540, whole=20 * 540, basis="heures prévues")
    assert result.before == D("120.00")
    assert result.after == D("60.00")


def test_an_amendment_on_the_first_of_the_month_applies_to_the_whole_month():
    result = prorate_amendment(
        year=YEAR,
        month=MONTH,
        effective_from=date(2025, 2, 1),
        old_monthly_amount=D("300.00"),
        old_planned=weekdays(),
        new_monthly_amount=D("360.00"),
        new_planned=weekdays(),
    )
    assert (result.before, result.after) == (D("0.00"), D("360.00"))
    assert len(result.lines) == 1


def test_same_fee_on_both_sides_adds_up_to_the_fee_despite_rounding():
    result = prorate_amendment(
        year=YEAR,
        month=MONTH,
        effective_from=date(2025, 2, 4),  # 1 of 20 days before: 0.05 and 0.95 of 100.01
        old_monthly_amount=D("100.01"),
        old_planned=weekdays(),
        new_monthly_amount=D("100.01"),
        new_planned=weekdays(),
    )
    assert result.total == D("100.01")


def test_a_month_without_planned_hours_is_shared_by_calendar_days():
    share = month_share(year=YEAR, month=MONTH, effective_from=date(2025, 2, 15), planned=[])
    assert share == MonthShare(part=14, whole=28, basis="jours calendaires")
    assert share.apply(D("280.00")) == D("140.00")


def test_an_effective_date_outside_the_month_is_refused():
    with pytest.raises(ValueError, match="pas dans le mois"):
        month_share(year=YEAR, month=MONTH, effective_from=date(2025, 3, 1), planned=weekdays())


# --- Properties ---------------------------------------------------------------------------------

FEBRUARY = [date(2025, 2, 1) + timedelta(days=n) for n in range(28)]
minutes_of_day = st.integers(min_value=6 * 60, max_value=20 * 60)


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


@st.composite
def months(draw):
    planned = []
    for day in draw(st.lists(st.sampled_from(FEBRUARY), unique=True, max_size=28)):
        start = draw(minutes_of_day)
        end = draw(st.integers(min_value=start + 1, max_value=20 * 60 + 1))
        planned.append(PlannedDay(day, _time(start), _time(min(end, 20 * 60 + 59))))
    presences = []
    for day in draw(st.lists(st.sampled_from(FEBRUARY), unique=True, max_size=28)):
        arrival = draw(minutes_of_day)
        departure = draw(st.integers(min_value=arrival, max_value=20 * 60))
        presences.append(Presence(day, _time(arrival), _time(departure)))
    absences = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        start = draw(st.dates(min_value=date(2025, 1, 20), max_value=date(2025, 2, 28)))
        length = draw(st.integers(min_value=0, max_value=12))
        absences.append(
            Absence(start, start + timedelta(days=length), draw(st.sampled_from(AbsenceKind)))
        )
    rules = Rules(
        rounding_minutes=draw(st.sampled_from([1, 5, 10, 15, 30, 60])),
        tolerance_minutes=draw(st.integers(min_value=0, max_value=10)),
        carence_days=draw(st.integers(min_value=0, max_value=5)),
    )
    return planned, presences, absences, rules


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(months())
def test_deductions_never_exceed_planned_hours(month):
    planned, presences, absences, rules = month
    result = quantities(planned=planned, presences=presences, absences=absences, rules=rules)
    assert D(0) <= result.deducted_hours <= result.planned_hours
    assert result.deducted_hours + result.leave_hours + result.non_deductible_hours <= (
        result.planned_hours + D("0.02")  # three totals, each rounded once
    )
    assert sum(result.deducted_by_kind.values(), D(0)) == result.deducted_hours
    for detail in result.days:
        absent = detail.deducted_minutes + detail.leave_minutes + detail.non_deductible_minutes
        assert absent <= detail.planned_minutes


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(months())
def test_billed_hours_are_attended_plus_non_deductible_absence_day_by_day(month):
    # The Cnaf's equation, in minutes: billed = attended + non-deductible absence (+ rounding
    # of the extra time up to the unit).
    planned, presences, absences, rules = month
    result = quantities(planned=planned, presences=presences, absences=absences, rules=rules)
    for d in result.days:
        billed = d.planned_minutes - d.deducted_minutes - d.leave_minutes + d.extra_minutes
        rounding = d.extra_minutes - d.extra_raw_minutes
        assert billed == d.attended_minutes + d.non_deductible_minutes + rounding


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(months())
def test_extra_hours_are_non_negative_whole_units(month):
    planned, presences, absences, rules = month
    result = quantities(planned=planned, presences=presences, absences=absences, rules=rules)
    assert result.extra_minutes >= 0
    assert result.extra_hours == hours(result.extra_minutes)
    for detail in result.days:
        assert detail.extra_minutes % rules.rounding_minutes == 0
        assert detail.extra_minutes >= detail.extra_raw_minutes or detail.extra_minutes == 0
        assert detail.extra_minutes - detail.extra_raw_minutes < rules.rounding_minutes


@settings(max_examples=200)
@given(
    amount=st.decimals(min_value=0, max_value=5000, places=2),
    start_day=st.integers(min_value=1, max_value=28),
)
def test_an_unchanged_fee_prorated_anywhere_adds_up_to_the_fee(amount, start_day):
    result = prorate_amendment(
        year=YEAR,
        month=MONTH,
        effective_from=date(2025, 2, start_day),
        old_monthly_amount=amount,
        old_planned=weekdays(),
        new_monthly_amount=amount,
        new_planned=weekdays(),
    )
    assert result.total == amount
    assert result.before >= 0 and result.after >= 0
