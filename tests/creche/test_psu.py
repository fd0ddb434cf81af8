"""The PSU hourly rate and the mensualisation (``modules/creche/psu.py``): pure arithmetic over
dated parameters, no database. Worked examples come from published pages (cited inline)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modules.creche.psu import (
    CNAF_PARAMETERS,
    ParameterHistory,
    PsuParameters,
    Rate,
    Rounding,
    hourly_rate,
    monthly_fee,
    monthly_hours,
    regularisation,
)

D = Decimal
NBSP = "\u00a0"

# The autouse clock is frozen once per test: the generated cases do not depend on it.
PROPERTY = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def rate(**kwargs) -> Rate:
    kwargs.setdefault("children", 1)
    kwargs.setdefault("care", "collective")
    return hourly_rate(**kwargs)


# --- Parameters in force on a day -------------------------------------------------------------


def test_the_parameters_in_force_are_the_last_ones_effective_on_or_before_the_day():
    assert CNAF_PARAMETERS.at(date(2025, 8, 31)).ceiling == D("7000")
    assert CNAF_PARAMETERS.at(date(2025, 9, 1)).ceiling == D("8500")
    assert CNAF_PARAMETERS.at(date(2030, 1, 1)).effective_from == date(2026, 1, 1)


def test_asking_before_the_first_parameters_is_a_clear_error():
    with pytest.raises(ValueError, match="Aucun barème PSU en vigueur le 31/12/2018"):
        CNAF_PARAMETERS.at(date(2018, 12, 31))
    with pytest.raises(ValueError, match="Aucun barème"):
        rate(on=date(2018, 6, 1), annual_resources=D(30000))


def test_a_history_refuses_two_parameters_on_the_same_day_and_emptiness():
    one = CNAF_PARAMETERS.at(date(2026, 1, 1))
    with pytest.raises(ValueError, match="même date"):
        ParameterHistory([one, one])
    with pytest.raises(ValueError, match="vide"):
        ParameterHistory([])


def test_parameters_refuse_a_scale_that_grows_with_the_children_or_a_floor_above_the_ceiling():
    good = {"collective": {1: D("0.0006"), 2: D("0.0005")}, "familial": {1: D("0.0005")}}
    with pytest.raises(ValueError, match="décroître"):
        PsuParameters(
            effective_from=date(2030, 1, 1),
            floor=D(800),
            ceiling=D(9000),
            effort_rates={**good, "collective": {1: D("0.0005"), 2: D("0.0006")}},
        )
    with pytest.raises(ValueError, match="incohérents"):
        PsuParameters(
            effective_from=date(2030, 1, 1), floor=D(9000), ceiling=D(800), effort_rates=good
        )


def test_the_published_history_is_in_force_from_2019_to_2026_without_gaps():
    days = [p.effective_from for p in CNAF_PARAMETERS]
    assert days[0] == date(2019, 1, 1)
    assert days == sorted(days)
    assert all(p.source for p in CNAF_PARAMETERS)


def test_a_single_parameters_object_can_be_passed_instead_of_a_history():
    params = CNAF_PARAMETERS.at(date(2026, 1, 1))
    result = rate(params=params, on=date(2026, 3, 2), annual_resources=D(36000))
    assert result.hourly_rate == D("1.86")  # 3 000 × 0,0619 % = 1,857


# --- Ceiling ----------------------------------------------------------------------------------


def test_resources_above_the_ceiling_are_clamped_to_it():
    # suresnes.fr: 8 500 € × 0,0619 % = 5,26 € (1 child, since 1 September 2025).
    result = rate(on=date(2025, 10, 1), annual_resources=D(150000))
    assert result.monthly_resources == D(12500)
    assert result.retained_resources == D(8500)
    assert result.hourly_rate == D("5.26")


def test_the_ceiling_moved_to_7000_on_1_september_2024():
    before = rate(on=date(2024, 8, 31), annual_resources=D(120000))
    after = rate(on=date(2024, 9, 1), annual_resources=D(120000))
    assert before.retained_resources == D(6000)
    assert before.hourly_rate == D("3.71")  # 6 000 × 0,0619 % = 3,714
    assert after.retained_resources == D(7000)
    assert after.hourly_rate == D("4.33")  # agds.fr, barème au 1er septembre 2024: 4,33 €


def test_a_contract_running_across_1_september_2025_gets_the_new_ceiling_from_that_date():
    # caf.fr: the 8 500 € ceiling applies to running contracts too, from 1 September 2025.
    start = date(2025, 6, 1)
    days = [start + timedelta(days=n) for n in range(0, 180)]
    rates = {day: rate(on=day, annual_resources=D(110000), children=2).hourly_rate for day in days}
    assert {rates[d] for d in days if d < date(2025, 9, 1)} == {D("3.61")}  # 7 000 × 0,0516 %
    assert {rates[d] for d in days if d >= date(2025, 9, 1)} == {D("4.39")}  # 8 500 × 0,0516 %


def test_a_family_below_the_new_ceiling_pays_the_same_before_and_after_it_moves():
    before = rate(on=date(2025, 8, 31), annual_resources=D(60000))
    after = rate(on=date(2025, 9, 1), annual_resources=D(60000))
    assert before.hourly_rate == after.hourly_rate == D("3.10")  # 5 000 × 0,0619 % = 3,095


def test_the_ceiling_of_2019_rose_with_the_reform_of_september_then_each_january():
    ceilings = {
        day: CNAF_PARAMETERS.at(day).ceiling
        for day in (date(2019, 8, 31), date(2019, 9, 1), date(2020, 1, 1), date(2021, 1, 1))
    }
    assert list(ceilings.values()) == [D("4874.62"), D(5300), D(5600), D(5800)]
    assert CNAF_PARAMETERS.at(date(2022, 1, 1)).ceiling == D(6000)


# --- Floor ------------------------------------------------------------------------------------


def test_resources_below_the_floor_are_raised_to_it():
    result = rate(on=date(2026, 2, 2), annual_resources=D(3000))
    assert result.retained_resources == D("814.62")
    assert result.hourly_rate == D("0.50")  # 814,62 × 0,0619 % = 0,5042


def test_zero_or_negative_resources_take_the_floor():
    for resources in (D(0), D(-1200)):
        assert rate(on=date(2026, 2, 2), annual_resources=resources).retained_resources == D(
            "814.62"
        )


def test_the_floor_changes_each_january():
    floors = [CNAF_PARAMETERS.at(date(year, 6, 1)).floor for year in range(2020, 2027)]
    assert floors == [
        D("705.27"),
        D("711.62"),
        D("712.33"),
        D("754.16"),
        D("765.77"),
        D("801.00"),
        D("814.62"),
    ]


def test_the_floor_rates_of_september_2024_match_the_published_table():
    # agds.fr, barème au 1er septembre 2024: floor 765,77 € → 0,47 / 0,40 / 0,32 / 0,24 / 0,16.
    on = date(2024, 10, 1)
    minima = [rate(on=on, annual_resources=D(0), children=n).hourly_rate for n in (1, 2, 3, 4, 8)]
    assert minima == [D("0.47"), D("0.40"), D("0.32"), D("0.24"), D("0.16")]


# --- Number of children -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("children", "effort"),
    [
        (1, "0.000619"),
        (2, "0.000516"),
        (3, "0.000413"),
        (4, "0.000310"),
        (7, "0.000310"),
        (8, "0.000206"),
        (10, "0.000206"),
        (14, "0.000206"),
    ],
)
def test_the_effort_rate_follows_the_number_of_children_and_the_last_band_covers_n_and_more(
    children, effort
):
    result = rate(on=date(2026, 1, 5), annual_resources=D(36000), children=children)
    assert result.effort_rate == D(effort)


def test_no_dependent_child_is_refused():
    with pytest.raises(ValueError, match="Au moins un enfant"):
        rate(on=date(2026, 1, 5), annual_resources=D(36000), children=0)


def test_a_worked_example_with_two_children():
    # suresnes.fr: 3 000 € × 0,0516 % = 1,55 € (2 children, September 2025).
    result = rate(on=date(2025, 9, 15), annual_resources=D(36000), children=2)
    assert result.hourly_rate == D("1.55")
    assert result.exact == D("1.548")


# --- AEEH -------------------------------------------------------------------------------------


def test_aeeh_in_the_household_moves_the_family_to_the_rate_of_the_next_number_of_children():
    plain = rate(on=date(2026, 1, 5), annual_resources=D(36000), children=2)
    with_aeeh = rate(on=date(2026, 1, 5), annual_resources=D(36000), children=2, aeeh=True)
    three = rate(on=date(2026, 1, 5), annual_resources=D(36000), children=3)
    assert with_aeeh.rate_children == 3
    assert with_aeeh.effort_rate == three.effort_rate == D("0.000413")
    assert with_aeeh.hourly_rate == D("1.24") < plain.hourly_rate
    assert "AEEH" in with_aeeh.steps[2]


def test_aeeh_applies_once_per_child_receiving_it():
    two = rate(on=date(2026, 1, 5), annual_resources=D(36000), children=2, aeeh=2)
    assert two.rate_children == 4
    assert two.effort_rate == D("0.000310")


def test_aeeh_in_the_last_band_keeps_its_rate():
    result = rate(on=date(2026, 1, 5), annual_resources=D(36000), children=9, aeeh=True)
    assert result.effort_rate == D("0.000206")


# --- Kind of care -----------------------------------------------------------------------------


def test_micro_creches_share_the_collective_table_and_parental_care_the_familial_one():
    on, resources = date(2026, 1, 5), D(48000)  # 4 000 € a month
    collective = rate(on=on, annual_resources=resources, care="collective")
    micro = rate(on=on, annual_resources=resources, care="micro")
    familial = rate(on=on, annual_resources=resources, care="familial")
    parental = rate(on=on, annual_resources=resources, care="parental")
    assert collective.hourly_rate == micro.hourly_rate == D("2.48")  # 4 000 × 0,0619 %
    assert familial.hourly_rate == parental.hourly_rate == D("2.06")  # 4 000 × 0,0516 %
    assert (micro.table, parental.table) == ("collective", "familial")


def test_before_september_2019_micro_creches_were_on_the_familial_table():
    # partenaires-caf66.fr, barème 2019: 687,30 € → 0,41 €/h collective, 0,34 €/h familial,
    # micro-crèche and parental; 4 874,62 € → 2,92 €/h and 2,44 €/h.
    on = date(2019, 3, 1)
    assert rate(on=on, annual_resources=D(0), care="collective").hourly_rate == D("0.41")
    assert rate(on=on, annual_resources=D(0), care="micro").hourly_rate == D("0.34")
    assert rate(on=on, annual_resources=D(0), care="parental").hourly_rate == D("0.34")
    assert rate(on=on, annual_resources=D(90000), care="collective").hourly_rate == D("2.92")
    assert rate(on=on, annual_resources=D(90000), care="micro").hourly_rate == D("2.44")
    assert rate(on=date(2019, 9, 1), annual_resources=D(0), care="micro").table == "collective"


def test_the_effort_rates_rose_each_step_of_the_2019_reform():
    ones = [
        CNAF_PARAMETERS.at(day).effort_rate(table="collective", children=1)
        for day in (
            date(2019, 8, 31),
            date(2019, 9, 1),
            date(2020, 1, 1),
            date(2021, 1, 1),
            date(2022, 1, 1),
            date(2026, 1, 1),
        )
    ]
    assert ones == [D("0.0006"), D("0.000605"), D("0.000610"), D("0.000615"), D("0.000619")] + [
        D("0.000619")
    ]


def test_an_unknown_kind_of_care_is_refused():
    with pytest.raises(ValueError, match="Type d'accueil inconnu"):
        rate(on=date(2026, 1, 5), annual_resources=D(36000), care="garderie")


# --- Missing resources ------------------------------------------------------------------------


def test_unknown_resources_take_the_ceiling():
    result = rate(on=date(2026, 1, 5), annual_resources=None)
    assert result.monthly_resources is None
    assert result.retained_resources == D(8500)
    assert result.hourly_rate == D("5.26")
    assert "plafond retenu" in result.steps[0]


def test_unknown_resources_take_the_floor_for_emergency_care_or_child_welfare_when_asked():
    result = rate(on=date(2026, 1, 5), annual_resources=None, missing_resources="floor")
    assert result.retained_resources == D("814.62")
    assert result.hourly_rate == D("0.50")
    assert "aide sociale à l'enfance" in result.steps[0]


def test_known_resources_ignore_the_missing_resources_choice():
    a = rate(on=date(2026, 1, 5), annual_resources=D(36000), missing_resources="floor")
    b = rate(on=date(2026, 1, 5), annual_resources=D(36000))
    assert a.hourly_rate == b.hourly_rate


def test_an_unknown_missing_resources_choice_is_refused():
    with pytest.raises(ValueError, match="Ressources inconnues"):
        rate(on=date(2026, 1, 5), annual_resources=None, missing_resources="median")


# --- Explanation ------------------------------------------------------------------------------


def test_the_rate_explains_its_computation_step_by_step_in_french():
    result = rate(on=date(2026, 1, 5), annual_resources=D(120000), children=2)
    resources, clamped, effort, hourly = result.steps
    assert (
        resources
        == f"Ressources annuelles 120{NBSP}000,00{NBSP}€ ÷ 12 = 10{NBSP}000,00{NBSP}€ par mois."
    )
    assert clamped.startswith(
        f"Ressources retenues supérieures au plafond : plafond retenu, 8{NBSP}500,00"
    )
    assert "barème du 01/01/2026 en vigueur le 05/01/2026" in clamped
    assert effort == f"Taux d'effort accueil collectif, 2 enfants à charge : 0,0516{NBSP}%."
    assert hourly.startswith(
        f"Tarif horaire : 8{NBSP}500,00{NBSP}€ × 0,0516{NBSP}% = 4,386{NBSP}€ → 4,39{NBSP}€"
    )
    assert "arrondi au centime" in hourly


def test_the_explanation_names_the_table_a_micro_creche_uses():
    result = rate(on=date(2026, 1, 5), annual_resources=D(36000), care="micro")
    assert "micro-crèche (barème de l'accueil collectif)" in result.steps[2]


# --- Rounding ---------------------------------------------------------------------------------


def test_the_hourly_rate_is_rounded_to_the_cent_half_up_by_default():
    # 1 250 € × 0,0516 % = 0,645 exactly: half up gives 0,65.
    result = rate(on=date(2026, 1, 5), annual_resources=D(15000), children=2)
    assert result.exact == D("0.645")
    assert result.hourly_rate == D("0.65")


def test_a_structure_may_choose_another_rounding():
    kwargs = {"on": date(2026, 1, 5), "annual_resources": D(15000), "children": 2}
    assert rate(**kwargs, rounding=Rounding(mode=ROUND_HALF_EVEN)).hourly_rate == D("0.64")
    assert rate(**kwargs, rounding=Rounding(mode=ROUND_DOWN)).hourly_rate == D("0.64")
    assert rate(**kwargs, rounding=Rounding(quantum=D("0.001"))).hourly_rate == D("0.645")
    assert rate(**kwargs, rounding=None).hourly_rate == D("0.645")


def test_a_long_product_is_shown_to_four_decimals():
    result = rate(on=date(2026, 1, 5), annual_resources=D(40000))
    assert f"= ≈{NBSP}2,0633{NBSP}€ → 2,06{NBSP}€" in result.steps[3]


def test_monthly_resources_are_not_rounded_before_the_rate():
    # 40 000 ÷ 12 = 3 333,33… : 3 333,33 × 0,0619 % = 2,06333… ; exact 2,063333… → 2,06 either
    # way here, but the exact product is kept: one rounding, at the end.
    result = rate(on=date(2026, 1, 5), annual_resources=D(40000))
    assert result.exact == D(40000) / 12 * D("0.000619")
    assert result.hourly_rate == D("2.06")


# --- Mensualisation ---------------------------------------------------------------------------


def test_monthly_hours_spread_the_weeks_of_care_over_the_months_billed():
    # creche-vesubie.fr: 42 weeks × 34 h ÷ 12 months = 119 h; 119 h × 2 € = 238 €.
    hours = monthly_hours(weeks=42, hours_per_week=D(34), months=12)
    assert hours == D("119.00")
    assert monthly_fee(hours=hours, rate=D("2.00")) == D("238.00")


def test_monthly_hours_are_rounded_to_the_hundredth_unless_asked_otherwise():
    assert monthly_hours(weeks=45, hours_per_week=D(40), months=11) == D("163.64")
    exact = monthly_hours(weeks=45, hours_per_week=D(40), months=11, rounding=None)
    assert exact == D(1800) / 11


def test_a_full_contract_worked_example():
    # 2 children, 42 000 € a year, 46 weeks of 40 h over 12 months, January 2026.
    hourly = rate(on=date(2026, 1, 5), annual_resources=D(42000), children=2)
    assert hourly.hourly_rate == D("1.81")  # 3 500 × 0,0516 % = 1,806
    hours = monthly_hours(weeks=46, hours_per_week=D(40), months=12)
    assert hours == D("153.33")
    assert monthly_fee(hours=hours, rate=hourly) == D("277.53")  # 153,33 × 1,81 = 277,5273


def test_mensualisation_refuses_impossible_inputs():
    with pytest.raises(ValueError, match="mois"):
        monthly_hours(weeks=40, hours_per_week=D(30), months=0)
    with pytest.raises(ValueError, match="semaines"):
        monthly_hours(weeks=60, hours_per_week=D(30), months=12)
    with pytest.raises(ValueError, match="heures"):
        monthly_hours(weeks=40, hours_per_week=D(-1), months=12)
    with pytest.raises(ValueError, match="négatif"):
        monthly_fee(hours=D(-1), rate=D(1))


def test_regularisation_is_owed_by_the_family_when_it_was_billed_fewer_hours_than_due():
    # Billed 119 h × 6 months = 714 h; due 740 h (schedule extended): 26 h × 1,86 € = 48,36 €.
    assert regularisation(hours_billed=D(714), hours_due=D(740), rate=D("1.86")) == D("48.36")


def test_regularisation_is_a_credit_when_the_family_was_billed_more_hours_than_due():
    # Contract ended early: billed 1 428 h, due 1 400 h → 28 h × 2 € credited.
    assert regularisation(hours_billed=D(1428), hours_due=D(1400), rate=D(2)) == D("-56.00")


def test_regularisation_is_zero_when_billed_and_due_hours_match():
    assert regularisation(hours_billed=D("153.33"), hours_due=D("153.33"), rate=D("1.81")) == 0


def test_regularisation_accepts_a_computed_rate_and_rounds_to_the_cent():
    hourly = rate(on=date(2026, 1, 5), annual_resources=D(42000), children=2)
    assert regularisation(hours_billed=D(100), hours_due=D("100.5"), rate=hourly) == D("0.91")


# --- Properties -------------------------------------------------------------------------------

days = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))
resources = st.decimals(min_value=D(0), max_value=D(300000), places=2)
cares = st.sampled_from(["collective", "micro", "familial", "parental"])
children_counts = st.integers(min_value=1, max_value=12)


@PROPERTY
@given(day=days, a=resources, b=resources, children=children_counts, care=cares)
def test_the_rate_never_decreases_when_resources_grow(day, a, b, children, care):
    low, high = sorted((a, b))
    kwargs = {"on": day, "children": children, "care": care}
    assert (
        hourly_rate(annual_resources=low, **kwargs).hourly_rate
        <= hourly_rate(annual_resources=high, **kwargs).hourly_rate
    )


@PROPERTY
@given(day=days, annual=resources, children=children_counts, care=cares, aeeh=st.booleans())
def test_the_rate_stays_between_floor_and_ceiling_times_the_effort_rate(
    day, annual, children, care, aeeh
):
    result = hourly_rate(on=day, annual_resources=annual, children=children, care=care, aeeh=aeeh)
    params = CNAF_PARAMETERS.at(day)
    effort = result.effort_rate
    assert params.floor * effort <= result.exact <= params.ceiling * effort
    cent = Rounding()
    assert cent(params.floor * effort) <= result.hourly_rate <= cent(params.ceiling * effort)


@PROPERTY
@given(day=days, annual=resources, children=st.integers(min_value=1, max_value=11), care=cares)
def test_one_more_child_never_raises_the_rate(day, annual, children, care):
    kwargs = {"on": day, "annual_resources": annual, "care": care}
    assert (
        hourly_rate(children=children + 1, **kwargs).hourly_rate
        <= hourly_rate(children=children, **kwargs).hourly_rate
    )


@PROPERTY
@given(day=days, annual=resources, children=children_counts, care=cares)
def test_aeeh_is_the_rate_of_one_more_child(day, annual, children, care):
    kwargs = {"on": day, "annual_resources": annual, "care": care}
    assert (
        hourly_rate(children=children, aeeh=True, **kwargs).hourly_rate
        == hourly_rate(children=children + 1, **kwargs).hourly_rate
    )


@PROPERTY
@given(
    weeks=st.integers(min_value=0, max_value=53),
    hours=st.decimals(min_value=D(0), max_value=D(60), places=2),
    months=st.integers(min_value=1, max_value=12),
    billed=st.decimals(min_value=D(0), max_value=D(3000), places=2),
    due=st.decimals(min_value=D(0), max_value=D(3000), places=2),
    hourly=st.decimals(min_value=D("0.01"), max_value=D(10), places=2),
)
def test_mensualisation_and_regularisation_signs(weeks, hours, months, billed, due, hourly):
    assert monthly_hours(weeks=weeks, hours_per_week=hours, months=months) >= 0
    amount = regularisation(hours_billed=billed, hours_due=due, rate=hourly)
    assert (amount > 0) <= (due > billed)
    assert (amount < 0) <= (due < billed)
    assert amount == -regularisation(hours_billed=due, hours_due=billed, rate=hourly)
