"""The crèche's monthly lines through the database and the core's invoice runs: the fee
(whole, prorated, under the parameters of its month), extra hours, deductions per kind with
the carence across a month end, occasional care, never billed twice, bounded queries."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from core.billing.models import InvoiceLine
from modules.creche import psu
from modules.creche.models import Contract, CrecheSettings
from modules.creche.services import billing, rates
from tests.support.creche import make_closure, make_toddler
from tests.support.creche_money import (
    FULL_WEEK,
    absent,
    add_terms,
    attend_month,
    creche_run,
    money_contract,
    money_establishment,
    occasional_slots,
    present,
)

pytestmark = [pytest.mark.django_db, pytest.mark.frozen_at("2027-03-01T10:00:00+01:00")]

FEB = (date(2027, 2, 1), date(2027, 2, 28))
CENT = Decimal("0.01")


@pytest.fixture
def establishment(alpha):
    return money_establishment(open_from=date(2027, 1, 1), open_until=date(2027, 3, 31))


@pytest.fixture
def contract(family, establishment):
    child = make_toddler(family)
    return money_contract(
        child=child, establishment=establishment, start=date(2027, 1, 4), end=date(2027, 7, 30)
    )


def lines_of(contract, year=2027, month=2):
    computed = billing.compute_month(year=year, month=month)
    found = next(m for m in computed.contracts if m.contract.pk == contract.pk)
    return found, {line.reference: line for line in found.lines}


def test_a_whole_month_bills_the_monthly_fee(contract):
    attend_month(contract, *FEB)

    month, lines = lines_of(contract)

    terms = contract.terms.get()
    fee = lines[f"fee:{contract.pk}:2027-02"]
    assert fee.amount == terms.monthly_fee and fee.quantity == terms.monthly_hours
    assert fee.unit_price == terms.hourly_rate
    assert fee.child_id == contract.child_id
    assert fee.activity_id == contract.establishment.activity_id
    assert "Mensualité de février 2027" in fee.label
    assert list(lines) == [f"fee:{contract.pk}:2027-02"]  # no extra, no deduction
    assert month.quantities.attended_hours == Decimal("180.00")


def test_extra_hours_are_rounded_up_per_started_half_hour(contract):
    attend_month(contract, *FEB, skip=[date(2027, 2, 1), date(2027, 2, 2)])
    present(contract, date(2027, 2, 1), "08:00", "17:10")  # 10 min → 30 min
    present(contract, date(2027, 2, 2), "07:50", "17:35")  # 45 min → 1 h

    _, lines = lines_of(contract)

    extra = lines[f"extra:{contract.pk}:2027-02"]
    rate = contract.terms.get().hourly_rate
    assert extra.quantity == Decimal("1.50")
    assert extra.amount == (Decimal("1.5") * rate).quantize(Decimal("0.01"))
    assert "30 min commencée" in extra.label

    settings = CrecheSettings.current()
    settings.rounding_minutes = 15
    settings.save()
    _, lines = lines_of(contract)
    assert lines[f"extra:{contract.pk}:2027-02"].quantity == Decimal("1.00")  # 15 + 45 min


@pytest.mark.parametrize(
    ("kind", "deducted"),
    [
        ("hospitalisation", Decimal("18.00")),  # from the first day: 2 days × 9 h
        ("eviction", Decimal("18.00")),
        ("illness", Decimal("0.00")),  # 2 days within the 3 days of carence
        ("leave", Decimal("0.00")),  # already outside the contract's weeks
        ("other", Decimal("0.00")),
    ],
)
def test_each_kind_of_absence(contract, kind, deducted):
    absence_days = [date(2027, 2, 8), date(2027, 2, 9)]
    attend_month(contract, *FEB, skip=absence_days)
    absent(contract, *absence_days, kind)

    _, lines = lines_of(contract)

    line = lines.get(f"deduction:{contract.pk}:2027-02:{kind}")
    if deducted:
        rate = contract.terms.get().hourly_rate
        assert line.quantity == -deducted
        assert line.amount == -(deducted * rate).quantize(Decimal("0.01"))
        assert line.label.startswith("Déduction février 2027 — ")
    else:
        assert line is None


def test_an_absence_still_to_qualify_deducts_nothing(contract):
    attend_month(contract, *FEB, skip=[date(2027, 2, 8)])
    absent(contract, date(2027, 2, 8), date(2027, 2, 8), "hospitalisation", qualified=False)

    _, lines = lines_of(contract)

    assert not [ref for ref in lines if ref.startswith("deduction")]


def test_the_carence_of_an_illness_runs_across_the_month_end(contract):
    # Ill from Thursday 28 January to Wednesday 3 February: carence 28, 29, 30 January.
    attend_month(contract, *FEB, skip=[date(2027, 2, 1), date(2027, 2, 2), date(2027, 2, 3)])
    absent(contract, date(2027, 1, 28), date(2027, 2, 3), "illness")

    month, lines = lines_of(contract)

    assert lines[f"deduction:{contract.pk}:2027-02:illness"].quantity == Decimal("-27.00")
    assert any("carence du 28/01/2027 au 30/01/2027" in text for text in month.quantities.lines)

    january, jan_lines = lines_of(contract, month=1)
    # In January: the 28th and 29th are in the carence (the 30th is a Saturday).
    assert f"deduction:{contract.pk}:2027-01:illness" not in jan_lines
    assert january.quantities.non_deductible_hours >= Decimal("18.00")


def test_an_exceptional_closure_is_deducted(contract, establishment):
    make_closure(establishment, date(2027, 2, 10), date(2027, 2, 10), deducted=True)
    attend_month(contract, *FEB, skip=[date(2027, 2, 10)])

    _, lines = lines_of(contract)

    assert lines[f"deduction:{contract.pk}:2027-02:closure"].quantity == Decimal("-9.00")


def test_an_avenant_in_the_month_is_prorated_from_its_date(contract):
    three_days = [d for d in FULL_WEEK if d["weekday"] in (0, 1, 2)]
    avenant = add_terms(contract, effective_from=date(2027, 2, 15), schedule=three_days)
    attend_month(contract, *FEB)

    month, lines = lines_of(contract)

    initial = contract.terms.get(number=0)
    # Before the 15th: 10 of the 20 planned days of the old schedule; from the 15th: 6 of
    # the 12 planned days of the new one.
    expected = (initial.monthly_fee * 90 / 180).quantize(CENT, ROUND_HALF_UP) + (
        avenant.monthly_fee * 54 / 108
    ).quantize(CENT, ROUND_HALF_UP)
    fee = lines[f"fee:{contract.pk}:2027-02"]
    assert fee.amount == expected
    assert "À partir du 15/02/2027 (avenant)" in fee.label
    assert [s.start for s in month.segments] == [date(2027, 2, 1), date(2027, 2, 15)]


def test_a_partial_first_or_last_month_bills_the_whole_fee(family, establishment):
    # The mensualisation spreads the contract's real weeks over the months it touches: a month
    # begun or ended inside is billed whole, not prorated a second time.
    from modules.creche.services.contracts import default_months

    start, end = date(2027, 2, 15), date(2027, 7, 14)
    contract = money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=start,
        end=end,
        months_billed=default_months(start, end),
    )
    assert contract.months_billed == len(billing.months_between(start, end)) == 6

    terms = contract.terms.get()
    _, february = lines_of(contract)
    _, july = lines_of(contract, month=7)

    for key, lines in (("2027-02", february), ("2027-07", july)):
        fee = lines[f"fee:{contract.pk}:{key}"]
        assert fee.amount == terms.monthly_fee and fee.quantity == terms.monthly_hours
        assert fee.unit_price == terms.hourly_rate


def test_an_avenant_in_a_first_partial_month_prorates_only_the_avenant(family, establishment):
    contract = money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 2, 8),
        end=date(2027, 7, 30),
    )
    three_days = [d for d in FULL_WEEK if d["weekday"] in (0, 1, 2)]
    avenant = add_terms(contract, effective_from=date(2027, 2, 15), schedule=three_days)

    month, lines = lines_of(contract)

    initial = contract.terms.get(number=0)
    # The first terms cover the month from the 1st (10 of its 20 days), the avenant its part.
    expected = (initial.monthly_fee * 90 / 180).quantize(CENT, ROUND_HALF_UP) + (
        avenant.monthly_fee * 54 / 108
    ).quantize(CENT, ROUND_HALF_UP)
    assert lines[f"fee:{contract.pk}:2027-02"].amount == expected
    assert [s.start for s in month.segments] == [date(2027, 2, 1), date(2027, 2, 15)]


def test_extra_hours_around_an_avenant_are_billed_at_each_day_rate(contract):
    add_terms(contract, effective_from=date(2027, 2, 15), resources="60000")
    attend_month(contract, *FEB, skip=[date(2027, 2, 1), date(2027, 2, 16)])
    present(contract, date(2027, 2, 1), "08:00", "18:00")  # 1 h extra under the old terms
    present(contract, date(2027, 2, 16), "08:00", "18:00")  # 1 h extra under the avenant

    month, lines = lines_of(contract)

    old_rate, new_rate = (s.rate.hourly_rate for s in month.segments)
    assert old_rate != new_rate
    extra = lines[f"extra:{contract.pk}:2027-02"]
    assert extra.quantity == Decimal("2.00")
    assert extra.amount == (old_rate + new_rate).quantize(CENT, ROUND_HALF_UP)
    assert extra.unit_price is None
    assert "au tarif horaire de chaque jour" in extra.label


def test_a_ceiling_moved_on_1_september_applies_to_a_running_contract(family, establishment):
    child = make_toddler(family)
    contract = money_contract(
        child=child,
        establishment=establishment,
        start=date(2025, 8, 1),
        end=date(2026, 7, 31),
        resources="150000",  # 12,500 € a month: above every ceiling
    )
    history = rates.history()
    august = rates.rate_on(
        establishment=establishment,
        on=date(2025, 8, 1),
        annual_resources=Decimal("150000"),
        children=1,
        params=history,
    )
    september = rates.rate_on(
        establishment=establishment,
        on=date(2025, 9, 1),
        annual_resources=Decimal("150000"),
        children=1,
        params=history,
    )
    assert september.ceiling > august.ceiling  # the Cnaf's ceiling of 1 September 2025

    _, aug_lines = lines_of(contract, year=2025, month=8)
    _, sep_lines = lines_of(contract, year=2025, month=9)

    hours = contract.terms.get().monthly_hours
    assert aug_lines[f"fee:{contract.pk}:2025-08"].unit_price == august.hourly_rate
    sep_fee = sep_lines[f"fee:{contract.pk}:2025-09"]
    assert sep_fee.unit_price == september.hourly_rate
    assert sep_fee.amount == psu.monthly_fee(hours=hours, rate=september)


def test_lines_are_never_billed_twice_across_runs(contract, establishment):
    attend_month(contract, *FEB)

    creche_run(establishment, *FEB)
    again = creche_run(establishment, *FEB, publish=False)
    assert again.line_count == 0  # February's lines are issued: nothing left to bill
    wider = creche_run(establishment, date(2027, 1, 15), date(2027, 2, 28), publish=False)
    drafted = InvoiceLine.objects.filter(run_family__run=wider, source_module="creche")
    assert list(drafted.values_list("source_reference", flat=True)) == [
        f"fee:{contract.pk}:2027-01"
    ]

    issued = InvoiceLine.objects.filter(source_module="creche", invoice__isnull=False)
    assert list(issued.values_list("source_reference", flat=True)) == [f"fee:{contract.pk}:2027-02"]


def test_occasional_care_is_billed_at_the_family_psu_rate(family, establishment):
    child = make_toddler(family, first_name="Léo")
    family.resources.create(year=2025, amount=Decimal("30000"))
    occasional_slots(child, establishment, date(2027, 2, 10), slots_count=6)  # 3 hours

    lines = {ln.reference: ln for ln in billing.compute_month(year=2027, month=2).lines()}

    line = lines[f"occasional:{family.pk}:{child.pk}:{establishment.pk}:2027-02"]
    rate = rates.rate_on(
        establishment=establishment,
        on=date(2027, 2, 1),
        annual_resources=Decimal("30000"),
        children=family.children.count(),
    )
    assert line.quantity == Decimal("3.0") and line.unit_price == rate.hourly_rate
    assert line.amount == (Decimal(3) * rate.hourly_rate).quantize(Decimal("0.01"))
    assert "Accueil occasionnel de février 2027" in line.label


def _occasional_rate(family, establishment):
    lines = [
        ln
        for ln in billing.compute_month(year=2027, month=2).lines()
        if ln.reference.startswith(f"occasional:{family.pk}:")
    ]
    (line,) = lines
    return line.unit_price


def test_occasional_care_reads_the_resources_of_year_n_minus_2(family, establishment):
    child = make_toddler(family)
    family.resources.create(year=2025, amount=Decimal("30000"))
    family.resources.create(year=2026, amount=Decimal("90000"))  # N-1: not the PSU's year
    occasional_slots(child, establishment, date(2027, 2, 10), slots_count=2)

    expected = rates.rate_on(
        establishment=establishment,
        on=date(2027, 2, 1),
        annual_resources=Decimal("30000"),
        children=family.children.count(),
    )
    assert _occasional_rate(family, establishment) == expected.hourly_rate


def test_occasional_care_without_n_minus_2_resources_follows_the_structure_rule(
    family, establishment
):
    child = make_toddler(family)
    family.resources.create(year=2026, amount=Decimal("30000"))  # only N-1 is known
    occasional_slots(child, establishment, date(2027, 2, 10), slots_count=2)
    settings = CrecheSettings.current()
    settings.missing_resources = "floor"
    settings.save()

    floor = rates.rate_on(
        establishment=establishment,
        on=date(2027, 2, 1),
        annual_resources=None,
        children=family.children.count(),
        missing_resources="floor",
    )
    assert _occasional_rate(family, establishment) == floor.hourly_rate


def test_occasional_care_in_two_establishments_bills_both(family, establishment):
    other = money_establishment(
        name="Les Lutins", open_from=date(2027, 1, 1), open_until=date(2027, 3, 31)
    )
    child = make_toddler(family)
    occasional_slots(child, establishment, date(2027, 2, 10), slots_count=2)
    occasional_slots(child, other, date(2027, 2, 11), slots_count=4)

    lines = {
        ln.reference: ln
        for ln in billing.compute_month(year=2027, month=2).lines()
        if ln.reference.startswith("occasional:")
    }

    assert lines[f"occasional:{family.pk}:{child.pk}:{establishment.pk}:2027-02"].quantity == 1
    assert lines[f"occasional:{family.pk}:{child.pk}:{other.pk}:2027-02"].quantity == 2


def test_contract_days_are_not_occasional_care(contract, establishment):
    attend_month(contract, *FEB)
    occasional_slots(contract.child, establishment, date(2027, 2, 10), slots_count=4)

    lines = list(billing.compute_month(year=2027, month=2).lines())

    assert not [ln for ln in lines if ln.reference.startswith("occasional:")]


def _occasional_lines():
    return [
        ln
        for ln in billing.compute_month(year=2027, month=2).lines()
        if ln.reference.startswith("occasional:")
    ]


def test_a_planned_closure_added_after_booking_is_not_occasional_care(contract, establishment):
    occasional_slots(contract.child, establishment, date(2027, 2, 10), slots_count=18)
    make_closure(establishment, date(2027, 2, 10), date(2027, 2, 10))  # planned, added later

    assert _occasional_lines() == []


def test_a_day_an_avenant_dated_in_the_past_removed_is_not_occasional_care(contract, establishment):
    three_days = [d for d in FULL_WEEK if d["weekday"] in (0, 1, 2)]
    add_terms(contract, effective_from=date(2027, 2, 1), schedule=three_days)
    occasional_slots(contract.child, establishment, date(2027, 2, 11), slots_count=18)  # Thu

    assert _occasional_lines() == []


def test_a_contract_cancelled_after_its_start_leaves_no_occasional_care(family, establishment):
    cancelled = money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 2, 1),
        end=date(2027, 7, 30),
        state=Contract.CANCELLED,
    )
    occasional_slots(cancelled.child, establishment, date(2027, 2, 10), slots_count=18)

    assert _occasional_lines() == []


def test_the_days_after_a_contract_end_are_occasional_care(family, establishment):
    contract = money_contract(
        child=make_toddler(family),
        establishment=establishment,
        start=date(2027, 1, 4),
        end=date(2027, 2, 12),
    )
    occasional_slots(contract.child, establishment, date(2027, 2, 10), slots_count=4)
    occasional_slots(contract.child, establishment, date(2027, 2, 17), slots_count=4)

    (line,) = _occasional_lines()
    assert line.quantity == Decimal("2.0")  # the 17th only


def test_draft_and_cancelled_contracts_are_not_billed(family, establishment):
    child = make_toddler(family)
    for state in (Contract.DRAFT, Contract.CANCELLED):
        money_contract(
            child=child,
            establishment=establishment,
            start=date(2027, 1, 4),
            end=date(2027, 6, 30),
            state=state,
        )

    assert list(billing.compute_month(year=2027, month=2).lines()) == []


def test_queries_do_not_grow_with_the_children(
    family, establishment, django_assert_max_num_queries
):
    def add(count):
        for n in range(count):
            child = make_toddler(family, first_name=f"Enfant{n}")
            contract = money_contract(
                child=child,
                establishment=establishment,
                start=date(2027, 1, 4),
                end=date(2027, 7, 30),
            )
            attend_month(contract, *FEB, skip=[date(2027, 2, 8)])
            absent(contract, date(2027, 2, 8), date(2027, 2, 8), "illness")

    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        billing.compute_month(year=2027, month=2)
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        computed = billing.compute_month(year=2027, month=2)
    assert len(computed.contracts) == 10


def test_the_childcare_tax_attestation_includes_the_creche(contract, establishment):
    from core.billing.documents.attestations import childcare_attestation
    from core.billing.models import Invoice
    from core.billing.services.allocation import record_payment

    attend_month(contract, *FEB, skip=[date(2027, 2, 8)])
    absent(contract, date(2027, 2, 8), date(2027, 2, 8), "hospitalisation")
    creche_run(establishment, *FEB)
    invoice = Invoice.objects.get(family=contract.family)
    record_payment(
        family=contract.family, amount=invoice.total, method="cheque", received_on=date(2027, 3, 1)
    )

    attestation = childcare_attestation(family=contract.family, year=2027)

    amounts = {row.child.pk: row.amount for row in attestation.children}
    assert amounts[contract.child_id] == invoice.total  # the fee less the deduction


def test_days_outside_the_contract_are_not_its_extra_hours(family, establishment):
    child = make_toddler(family)
    contract = money_contract(
        child=child, establishment=establishment, start=date(2027, 2, 15), end=date(2027, 7, 30)
    )
    present(contract, date(2027, 2, 10), "09:00", "11:00")  # adaptation before the contract

    month, lines = lines_of(contract)

    assert f"extra:{contract.pk}:2027-02" not in lines
    assert month.quantities.attended_hours == Decimal("0.00")
