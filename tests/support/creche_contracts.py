"""Contracts for the crèche tests, built through the contracts service: their terms are the
real PSU computation (Cnaf parameters of the database) and, with ``book``, their planned days
hold their places as a proposal does.

``make_contract(family=..., child=..., establishment=..., start=..., end=...)`` — dates are
explicit (tests freeze time: never the real today). The establishment must have opening hours
(``tests.support.creche.make_establishment``); its openings are created for the contract's span.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils import timezone

from modules.creche.models import Contract, Establishment
from modules.creche.services.contracts import TermsInput, book_contract, create_contract

#: Monday to Friday, 8:00–17:00: 45 h a week.
FULL_WEEK = [
    {"week": "A", "weekday": weekday, "arrival": "08:00", "departure": "17:00"}
    for weekday in range(5)
]


def terms_input(
    *,
    schedule: Sequence[dict] = FULL_WEEK,
    alternating: bool = False,
    weeks_per_year: Decimal | str | int = 45,
    leave_weeks: Decimal | str | int = 0,
    resources: Decimal | str | None = "36000",
    resources_year: int | None = None,
    missing_resources: str = "ceiling",
    children: int = 1,
    aeeh_children: int = 0,
) -> TermsInput:
    return TermsInput(
        schedule=list(schedule),
        alternating=alternating,
        weeks_per_year=Decimal(str(weeks_per_year)),
        leave_weeks=Decimal(str(leave_weeks)),
        annual_resources=Decimal(str(resources)) if resources is not None else None,
        resources_year=resources_year,
        missing_resources=missing_resources,
        children=children,
        aeeh_children=aeeh_children,
    )


def make_contract(
    *,
    family,
    child,
    establishment: Establishment,
    start: date,
    end: date,
    schedule: Sequence[dict] = FULL_WEEK,
    alternating: bool = False,
    resources: Decimal | str | None = "36000",
    children: int = 1,
    aeeh_children: int = 0,
    state: str = Contract.SIGNED,
    book: bool = True,
    by=None,
    months_billed: int | None = None,
    weeks_per_year: Decimal | str | int = 45,
    leave_weeks: Decimal | str | int = 0,
    missing_resources: str = "ceiling",
    section=None,
) -> Contract:
    """A contract of ``child`` (of ``family``) in ``state``, its initial terms computed by the
    service on ``start``. With ``book`` (and a proposed or signed state) every planned
    half-hour holds its place (``SlotFull`` if one is full). A signed contract is « signé sur
    papier » by ``by``; an ended one has its end in the past."""
    assert child.family_id == family.pk, "the child is not the family's"
    contract = create_contract(
        child=child,
        establishment=establishment,
        section=section,
        start=start,
        end=end,
        months_billed=months_billed,
        terms=terms_input(
            schedule=schedule,
            alternating=alternating,
            weeks_per_year=weeks_per_year,
            leave_weeks=leave_weeks,
            resources=resources,
            resources_year=start.year - 2,
            missing_resources=missing_resources,
            children=children,
            aeeh_children=aeeh_children,
        ),
        by=by,
    )
    if state == Contract.DRAFT:
        return contract
    if book and state in (Contract.PROPOSED, Contract.SIGNED, Contract.ENDED):
        book_contract(contract=contract, start=start, by=by)
    contract.state = state
    if state in (Contract.SIGNED, Contract.ENDED):
        contract.signed_at, contract.signed_by = timezone.now(), by
        contract.signature = Contract.SIGNED_PAPER
    contract.save()
    return contract


def invoice_fee(contract: Contract, *, year: int, month: int, amount: str = "100.00"):
    """The contract's fee of ``year``-``month`` on an issued invoice (as a published run
    leaves it: a crèche line referenced ``fee:<contract>:<YYYY-MM>``)."""
    from core.billing.models import InvoiceLine
    from tests.support.payments import make_invoice

    return InvoiceLine.objects.create(
        invoice=make_invoice(contract.family, amount),
        child=contract.child,
        label=f"Mensualité {month:02d}/{year}",
        unit_price=Decimal(amount),
        amount=Decimal(amount),
        source_module="creche",
        source_reference=f"fee:{contract.pk}:{year:04d}-{month:02d}",
    )


def add_parameter_set(*, effective_from: date, floor: str, ceiling: str):
    """A Cnaf parameter set of the public table from ``effective_from`` (the effort rates of
    the set in force before it): what an operator saves when the Cnaf publishes new figures."""
    from modules.creche.cnaf.models import PsuEffortRate, PsuParameterSet

    previous = (
        PsuParameterSet.objects.filter(effective_from__lt=effective_from)
        .order_by("-effective_from")
        .first()
    )
    new = PsuParameterSet.objects.create(
        effective_from=effective_from,
        floor=Decimal(floor),
        ceiling=Decimal(ceiling),
        care_tables=dict(previous.care_tables),
        source="Essai",
    )
    PsuEffortRate.objects.bulk_create(
        PsuEffortRate(parameter_set=new, table=r.table, children_from=r.children_from, rate=r.rate)
        for r in previous.rates.all()
    )
    return new


def matrix_objects(*, family, label: str) -> dict[str, int]:
    """The access matrix's object of kind ``creche_contract`` (a family kind): a contract of a
    new toddler of ``family``, proposed (the family sees it, signs it, downloads its PDF), in
    a new establishment named after ``label``. Call it with the crèche enabled."""
    from datetime import timedelta

    from tests.support.creche import make_establishment, make_toddler

    today = timezone.localdate()
    contract = make_contract(
        family=family,
        child=make_toddler(family, first_name=f"Bébé {label}"),
        establishment=make_establishment(name=f"Crèche {label}", open_from=today),
        start=today,
        end=today + timedelta(days=30),
        state=Contract.PROPOSED,
        book=False,
    )
    return {"creche_contract": contract.pk}
