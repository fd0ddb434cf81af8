"""The money rules of a stay (``modules/sejours/money.py``): price, deposit, aids, balance and
cancellation, to the cent. Pure arithmetic: no database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modules.sejours.money import (
    DEPOSIT,
    Aid,
    AidKind,
    Bracket,
    DepositRule,
    Transport,
    balance_due_date,
    cancellation,
    deposit_amount,
    payment_schedule,
    stay_price,
    vacaf,
    vacaf_aid,
)

D = Decimal
DEPARTURE = date(2027, 7, 15)
BRACKETS = (
    Bracket(D(0), D(500), D("300.00"), D("360.00")),
    Bracket(D(500), D(800), D("420.00"), D("480.00")),
    Bracket(D(800), None, D("520.00")),
)
BANDS = ((450, 20), (700, 15), (900, "8.50"))
SCALE = ((31, DEPOSIT), (0, 50))

# The autouse clock is frozen once per test: the generated cases do not depend on it.
PROPERTY = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

money = st.decimals(min_value=D(0), max_value=D(5000), places=2)
percent = st.decimals(min_value=D(0), max_value=D(100), places=1)


def schedule_of(price, *, deposit_rule=None, aids=(), **kwargs):
    return payment_schedule(
        price=price,
        deposit_rule=deposit_rule or DepositRule(percent=D(30)),
        aids=aids,
        departure=DEPARTURE,
        balance_days_before=30,
        **kwargs,
    )


# --- Price -----------------------------------------------------------------------------------


def test_quotient_price_takes_the_bracket_holding_the_qf_and_says_which():
    price = stay_price(method="quotient", brackets=BRACKETS, qf=650)
    assert price.amount == D("420.00")
    assert price.lines == ("Prix du séjour (QF 650 : tranche 500–800) : 420,00 €",)


def test_quotient_bracket_upper_bound_is_exclusive_like_the_core():
    assert stay_price(method="quotient", brackets=BRACKETS, qf=500).amount == D("420.00")
    assert stay_price(method="quotient", brackets=BRACKETS, qf="499.99").amount == D("300.00")


def test_family_without_qf_pays_the_highest_bracket():
    price = stay_price(method="quotient", brackets=BRACKETS, qf=None)
    assert price.amount == D("520.00")
    assert "quotient non fourni" in price.lines[0]


def test_exterior_family_pays_the_exterior_price_or_the_resident_one_when_none_is_set():
    assert stay_price(method="quotient", brackets=BRACKETS, qf=100, resident=False).amount == D(
        "360.00"
    )
    assert stay_price(method="quotient", brackets=BRACKETS, qf=900, resident=False).amount == D(
        "520.00"
    )
    flat = stay_price(method="flat", amount=D(400), amount_exterior=D(450), resident=False)
    assert flat.amount == D("450.00")
    assert flat.lines == ("Prix du séjour (extérieur) : 450,00 €",)


def test_per_day_price_is_the_day_price_times_the_days():
    price = stay_price(method="per_day", amount=D("52.50"), days=8)
    assert price.amount == D("420.00")
    assert price.lines == ("Prix du séjour : 8 jours × 52,50 € = 420,00 €",)


def test_transport_supplement_of_the_departure_city_is_added_on_a_line_of_its_own():
    price = stay_price(method="flat", amount=D(420), transport=Transport("Lyon", D(45)))
    assert (price.base, price.transport, price.amount) == (D("420.00"), D("45.00"), D("465.00"))
    assert "Transport au départ de Lyon : 45,00 €" in price.lines
    assert price.lines[-1] == "Prix total : 465,00 €"


def test_a_price_without_its_settings_is_refused():
    with pytest.raises(ValueError):
        stay_price(method="quotient", brackets=(), qf=300)
    with pytest.raises(ValueError):
        stay_price(method="per_day", amount=D(50), days=0)
    with pytest.raises(ValueError):
        stay_price(method="flat", amount=D(-1))


# --- Deposit and balance ---------------------------------------------------------------------


def test_deposit_percentage_is_rounded_half_up_to_the_cent():
    assert deposit_amount(price=D("420.00"), rule=DepositRule(percent=D(30))) == D("126.00")
    # 33 % of 10,15 € = 3,3495 € → 3,35 €
    assert deposit_amount(price=D("10.15"), rule=DepositRule(percent=D(33))) == D("3.35")


def test_fixed_deposit_is_never_more_than_the_price():
    assert deposit_amount(price=D(80), rule=DepositRule(amount=D(100))) == D("80.00")


def test_deposit_rule_is_an_amount_or_a_percentage():
    with pytest.raises(ValueError):
        DepositRule()
    with pytest.raises(ValueError):
        DepositRule(amount=D(10), percent=D(10))
    with pytest.raises(ValueError):
        DepositRule(percent=D(120))


def test_balance_is_due_the_set_number_of_days_before_departure():
    assert balance_due_date(departure=DEPARTURE, balance_days_before=30) == date(2027, 6, 15)


def test_late_acceptance_moves_the_balance_due_date_to_the_acceptance():
    accepted = DEPARTURE - timedelta(days=7)
    assert (
        balance_due_date(departure=DEPARTURE, balance_days_before=30, accepted_on=accepted)
        == accepted
    )


def test_schedule_shows_price_each_aid_deposit_balance_and_what_is_left():
    price = stay_price(method="quotient", brackets=BRACKETS, qf=650)
    aid = vacaf(qf=650, bands=BANDS, days=8, cap_days=10, amount_due=price.amount)
    schedule = schedule_of(price, aids=[aid, Aid(AidKind.CSE, D(50))])
    assert schedule.lines == (
        "Prix du séjour (QF 650 : tranche 500–800) : 420,00 €",
        "Aide VACAF : 8 jours × 15,00 € = 120,00 €",
        "Aide CSE : 50,00 €",
        "Acompte 30 % : 126,00 €",
        "Solde à payer au plus tard le 15/06/2027 : 124,00 €",
        "Reste à payer : 250,00 €",
    )
    assert schedule.left_to_pay == D("250.00")


def test_deposit_balance_and_aids_add_up_to_the_price_to_the_cent():
    schedule = schedule_of(D("333.33"), aids=[Aid(AidKind.OTHER, D("10.01"), label="Aide mairie")])
    assert schedule.deposit == D("100.00")
    assert schedule.deposit + schedule.balance + schedule.aids_total == D("333.33")


def test_aids_beyond_the_balance_reduce_the_deposit_never_below_zero():
    schedule = schedule_of(D(400), aids=[Aid(AidKind.CSE, D(350))])
    assert (schedule.balance, schedule.deposit) == (D("0.00"), D("50.00"))
    assert schedule.lines[-3] == "Acompte 30 % : 120,00 €, limité au reste dû : 50,00 €"
    schedule = schedule_of(D(400), aids=[Aid(AidKind.CSE, D(350)), Aid(AidKind.OTHER, D(100))])
    assert (schedule.balance, schedule.deposit, schedule.left_to_pay) == (D(0), D(0), D(0))
    assert [a.amount for a in schedule.aids] == [D("350.00"), D("50.00")]
    assert "l'aide ne crée pas de remboursement" in schedule.aids[1].line


def test_an_aid_after_the_deposit_was_invoiced_never_refunds_it():
    schedule = schedule_of(D(400), aids=[Aid(AidKind.CSE, D(350))], deposit_invoiced=D(120))
    assert (schedule.deposit, schedule.balance, schedule.aids_total) == (
        D("120.00"),
        D("0.00"),
        D("280.00"),
    )


# --- VACAF -----------------------------------------------------------------------------------


def test_vacaf_pays_the_band_rate_per_day():
    assert vacaf_aid(qf=650, bands=BANDS, days=8, cap_days=10, amount_due=D(420)) == D("120.00")
    # the band's upper bound is inclusive, as the CAFs publish it (« QF ≤ 450 »)
    assert vacaf_aid(qf=450, bands=BANDS, days=2, cap_days=10, amount_due=D(420)) == D("40.00")


def test_vacaf_never_exceeds_its_day_cap_nor_the_amount_due():
    capped = vacaf(qf=650, bands=BANDS, days=8, days_used=6, cap_days=10, amount_due=D(420))
    assert capped.amount == D("60.00")
    assert "plafond de 10 jours par an, 4 restants" in capped.detail
    used_up = vacaf_aid(qf=650, bands=BANDS, days=8, days_used=12, cap_days=10, amount_due=D(420))
    assert used_up == D("0.00")
    small = vacaf(qf=300, bands=BANDS, days=8, cap_days=10, amount_due=D(100))
    assert small.amount == D("100.00")
    assert small.detail.endswith("limitée au reste dû : 100,00 €")


def test_vacaf_gives_nothing_without_a_qf_or_above_the_bands():
    assert vacaf_aid(qf=None, bands=BANDS, days=8, cap_days=10, amount_due=D(420)) == D("0.00")
    assert vacaf_aid(qf=1200, bands=BANDS, days=8, cap_days=10, amount_due=D(420)) == D("0.00")


# --- Cancellation ----------------------------------------------------------------------------


def test_cancellation_more_than_30_days_before_keeps_the_deposit():
    schedule = schedule_of(D(420))
    result = cancellation(
        schedule=schedule,
        invoiced=schedule.deposit,
        cancelled_on=DEPARTURE - timedelta(days=31),
        departure=DEPARTURE,
        scale=SCALE,
    )
    assert (result.kept, result.credit, result.refund) == (D("126.00"), D("0.00"), D("0.00"))
    assert result.lines[0].endswith("(acompte retenu) : 126,00 €")


def test_cancellation_30_days_or_less_before_keeps_half_the_price():
    schedule = schedule_of(D(420))
    result = cancellation(
        schedule=schedule,
        invoiced=D(420),
        paid=D(300),
        cancelled_on=DEPARTURE - timedelta(days=30),
        departure=DEPARTURE,
        scale=SCALE,
    )
    assert (result.kept, result.credit, result.refund) == (D("210.00"), D("210.00"), D("90.00"))


def test_cancellation_keeping_more_than_invoiced_leaves_the_rest_to_invoice():
    schedule = schedule_of(D(420))
    result = cancellation(
        schedule=schedule,
        invoiced=schedule.deposit,
        cancelled_on=DEPARTURE - timedelta(days=10),
        departure=DEPARTURE,
        scale=SCALE,
    )
    assert (result.kept, result.credit, result.to_invoice) == (D("210.00"), D(0), D("84.00"))


def test_cancellation_never_costs_the_family_more_than_the_stay_would_have():
    schedule = schedule_of(D(420), aids=[Aid(AidKind.CSE, D(300))])
    result = cancellation(
        schedule=schedule,
        invoiced=schedule.left_to_pay,
        cancelled_on=DEPARTURE - timedelta(days=3),
        departure=DEPARTURE,
        scale=SCALE,
    )
    assert result.kept == schedule.left_to_pay == D("120.00")
    assert result.credit == D("0.00")


def test_cancellation_after_departure_outside_the_scale_keeps_everything():
    schedule = schedule_of(D(420))
    result = cancellation(
        schedule=schedule,
        invoiced=D(420),
        cancelled_on=DEPARTURE + timedelta(days=1),
        departure=DEPARTURE,
        scale=SCALE,
    )
    assert (result.kept, result.credit) == (D("420.00"), D("0.00"))


def test_medical_certificate_refunds_everything():
    schedule = schedule_of(D(420))
    result = cancellation(
        schedule=schedule,
        invoiced=D(420),
        paid=D(420),
        cancelled_on=DEPARTURE - timedelta(days=2),
        departure=DEPARTURE,
        scale=SCALE,
        medical=True,
    )
    assert (result.kept, result.credit, result.refund) == (D(0), D("420.00"), D("420.00"))
    assert "certificat médical" in result.lines[0]


# --- Properties over generated stays ---------------------------------------------------------


aid_amounts = st.lists(money, max_size=4)


@PROPERTY
@given(price=money, pct=percent, aids=aid_amounts)
def test_property_deposit_balance_and_aids_add_up_to_the_price(price, pct, aids):
    schedule = schedule_of(
        price, deposit_rule=DepositRule(percent=pct), aids=[Aid(AidKind.OTHER, a) for a in aids]
    )
    assert schedule.deposit + schedule.balance + schedule.aids_total == price
    assert schedule.left_to_pay == schedule.deposit + schedule.balance
    for amount in (schedule.deposit, schedule.balance, schedule.aids_total):
        assert amount >= 0
        assert amount == amount.quantize(D("0.01"))
    assert schedule.aids_total <= min(price, sum(aids, D(0)))
    assert all(a.amount <= a.granted for a in schedule.aids)


@PROPERTY
@given(price=money, fixed=money, invoiced_deposit=money, aids=aid_amounts)
def test_property_fixed_or_invoiced_deposit_still_adds_up(price, fixed, invoiced_deposit, aids):
    schedule = schedule_of(
        price,
        deposit_rule=DepositRule(amount=fixed),
        aids=[Aid(AidKind.CSE, a) for a in aids],
        deposit_invoiced=invoiced_deposit,
    )
    assert schedule.deposit == min(invoiced_deposit, price)
    assert schedule.deposit + schedule.balance + schedule.aids_total == price
    assert min(schedule.deposit, schedule.balance, schedule.aids_total) >= 0


@PROPERTY
@given(
    qf=st.one_of(st.none(), st.integers(min_value=0, max_value=2000)),
    days=st.integers(min_value=0, max_value=30),
    days_used=st.integers(min_value=0, max_value=30),
    cap_days=st.integers(min_value=0, max_value=30),
    due=st.decimals(min_value=D(-50), max_value=D(2000), places=2),
)
def test_property_vacaf_within_its_cap_and_the_amount_due(qf, days, days_used, cap_days, due):
    amount = vacaf_aid(
        qf=qf, bands=BANDS, days=days, days_used=days_used, cap_days=cap_days, amount_due=due
    )
    assert D(0) <= amount <= max(due, D(0))
    assert amount <= D(20) * max(min(days, cap_days - days_used), 0)


@PROPERTY
@given(
    price=money,
    pct=percent,
    aids=aid_amounts,
    share=st.decimals(min_value=D(0), max_value=D(1), places=2),
    paid_share=st.decimals(min_value=D(0), max_value=D(1), places=2),
    days_before=st.integers(min_value=-5, max_value=120),
    medical=st.booleans(),
    kept_pct=percent,
)
def test_property_cancellation_credit_never_exceeds_what_was_invoiced_or_paid(
    price, pct, aids, share, paid_share, days_before, medical, kept_pct
):
    schedule = schedule_of(
        price, deposit_rule=DepositRule(percent=pct), aids=[Aid(AidKind.OTHER, a) for a in aids]
    )
    invoiced = (schedule.left_to_pay * share).quantize(D("0.01"))
    paid = (invoiced * paid_share).quantize(D("0.01"))
    result = cancellation(
        schedule=schedule,
        invoiced=invoiced,
        paid=paid,
        cancelled_on=DEPARTURE - timedelta(days=days_before),
        departure=DEPARTURE,
        scale=((31, DEPOSIT), (0, kept_pct)),
        medical=medical,
    )
    assert result.kept == result.invoiced - result.credit + result.to_invoice
    assert D(0) <= result.credit <= invoiced
    assert D(0) <= result.refund <= paid
    assert D(0) <= result.kept <= schedule.left_to_pay
    assert result.to_invoice >= 0
    if medical:
        assert (result.kept, result.credit, result.refund) == (D(0), invoiced, paid)


@PROPERTY
@given(
    day_price=money,
    days=st.integers(min_value=1, max_value=30),
    supplement=money,
    qf=st.integers(min_value=0, max_value=2000),
    cse=money,
    days_used=st.integers(min_value=0, max_value=30),
)
def test_property_a_priced_stay_with_vacaf_and_cse_adds_up(
    day_price, days, supplement, qf, cse, days_used
):
    price = stay_price(
        method="per_day", amount=day_price, days=days, transport=Transport("Lyon", supplement)
    )
    assert (
        price.amount
        == price.base + price.transport
        == (day_price * days).quantize(D("0.01")) + supplement
    )
    cse_aid = Aid(AidKind.CSE, cse)
    due = max(price.amount - cse, D(0))
    aid = vacaf(qf=qf, bands=BANDS, days=days, days_used=days_used, cap_days=14, amount_due=due)
    assert aid.amount <= due
    schedule = schedule_of(price, aids=[cse_aid, aid])
    assert schedule.deposit + schedule.balance + schedule.aids_total == price.amount
    assert schedule.aids[1].amount == aid.amount
    assert min(schedule.deposit, schedule.balance) >= 0
