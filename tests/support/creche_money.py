"""Builders for the crèche's money tests: contracts at any date (terms computed with the real
PSU over the Cnaf parameters, as ``services.rates.compute`` does), avenants, pointage, absences,
occasional reservations, and invoice runs through the core's run service.

Dates are always explicit: tests freeze time, and billing is about past months.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core.billing.models import InvoiceRun
from core.billing.services.runs import compute_run, create_run, publish_run, request_publish
from core.booking.models import Reservation
from core.catalog.models import Opening
from modules.creche.attendance import AbsenceKind
from modules.creche.models import Absence, Contract, ContractTerms, Establishment, Presence
from modules.creche.models.schedules import parse_schedule
from modules.creche.services import rates, slots
from tests.support.billing import test_series
from tests.support.creche import make_establishment

#: Monday to Friday, 8:00–17:00: 45 h a week.
FULL_WEEK = [
    {"week": "A", "weekday": weekday, "arrival": "08:00", "departure": "17:00"}
    for weekday in range(5)
]


def money_establishment(**fields) -> Establishment:
    """An establishment with its places activity (openings around the frozen today)."""
    establishment = make_establishment(**fields)
    if establishment.activity_id is None:
        slots.ensure_activity(establishment)
    establishment.refresh_from_db()
    return establishment


def _terms_fields(
    *,
    establishment: Establishment,
    on: date,
    schedule: Sequence[dict],
    resources: str | None,
    children: int,
    aeeh_children: int,
    weeks_per_year: Decimal,
    leave_weeks: Decimal,
    months_billed: int,
    missing_resources: str = "ceiling",
) -> dict:
    computed = rates.compute(
        establishment=establishment,
        on=on,
        schedule=parse_schedule(list(schedule)),
        weeks_per_year=weeks_per_year,
        leave_weeks=leave_weeks,
        months_billed=months_billed,
        annual_resources=Decimal(resources) if resources is not None else None,
        children=children,
        aeeh_children=aeeh_children,
        missing_resources=missing_resources,
    )
    return {
        "schedule": list(schedule),
        "weeks_per_year": weeks_per_year,
        "leave_weeks": leave_weeks,
        "annual_resources": Decimal(resources) if resources is not None else None,
        "resources_year": on.year - 2,
        "missing_resources": missing_resources,
        "children": children,
        "aeeh_children": aeeh_children,
        **computed.fields(),
    }


def money_contract(
    *,
    child,
    establishment: Establishment,
    start: date,
    end: date,
    schedule: Sequence[dict] = FULL_WEEK,
    resources: str | None = "36000",
    children: int = 1,
    aeeh_children: int = 0,
    weeks_per_year: str = "45",
    leave_weeks: str = "0",
    months_billed: int = 11,
    state: str = Contract.SIGNED,
) -> Contract:
    """A contract with its initial terms, computed on ``start`` (no places booked)."""
    contract = Contract.objects.create(
        family=child.family,
        child=child,
        establishment=establishment,
        start_date=start,
        end_date=end,
        months_billed=months_billed,
        state=state,
        signed_at=timezone.now() if state in (Contract.SIGNED, Contract.ENDED) else None,
    )
    ContractTerms.objects.create(
        contract=contract,
        number=0,
        effective_from=start,
        **_terms_fields(
            establishment=establishment,
            on=start,
            schedule=schedule,
            resources=resources,
            children=children,
            aeeh_children=aeeh_children,
            weeks_per_year=Decimal(weeks_per_year),
            leave_weeks=Decimal(leave_weeks),
            months_billed=months_billed,
        ),
    )
    return contract


def add_terms(
    contract: Contract,
    *,
    effective_from: date,
    schedule: Sequence[dict] | None = None,
    resources: str | None = "36000",
    children: int = 1,
    reason: str = "Changement de planning",
) -> ContractTerms:
    """An avenant from ``effective_from`` (its fee computed on that day)."""
    last = contract.terms.order_by("-number").first()
    return ContractTerms.objects.create(
        contract=contract,
        number=last.number + 1,
        effective_from=effective_from,
        reason=reason,
        **_terms_fields(
            establishment=contract.establishment,
            on=effective_from,
            schedule=schedule if schedule is not None else last.schedule,
            resources=resources,
            children=children,
            aeeh_children=0,
            weeks_per_year=last.weeks_per_year,
            leave_weeks=last.leave_weeks,
            months_billed=contract.months_billed,
        ),
    )


def present(contract, day: date, arrival: str = "08:00", departure: str | None = "17:00"):
    """A pointage of ``contract``'s child (anything with ``child_id`` and
    ``establishment_id``): ``departure`` None is a child not yet gone."""
    hours, minutes = map(int, arrival.split(":"))
    leave = None
    if departure is not None:
        dh, dm = map(int, departure.split(":"))
        leave = time(dh, dm)
    return Presence.objects.create(
        child_id=contract.child_id,
        establishment_id=contract.establishment_id,
        date=day,
        arrival=time(hours, minutes),
        departure=leave,
        source=Presence.SOURCE_STAFF,
    )


def attend_month(contract: Contract, first: date, last: date, *, skip: Sequence[date] = ()):
    """A present day on each weekday of [first, last] the schedule plans (8:00–17:00)."""
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in skip:
            present(contract, day)
        day += timedelta(days=1)


def absent(
    contract: Contract,
    start: date,
    end: date,
    kind: str | AbsenceKind,
    *,
    qualified: bool = True,
    declared_kind: str | None = None,
) -> Absence:
    return Absence.objects.create(
        child_id=contract.child_id,
        contract=contract,
        start_date=start,
        end_date=end,
        declared_kind=declared_kind or str(kind),
        kind=str(kind),
        state=Absence.QUALIFIED if qualified else Absence.DECLARED,
        qualified_at=timezone.now() if qualified else None,
    )


def occasional_slots(child, establishment: Establishment, day: date, *, slots_count: int):
    """``slots_count`` half-hours of occasional care reserved (confirmed) on ``day``."""
    from tests.support.booking import enrol

    activity = establishment.activity
    units = list(activity.units.order_by("start_time"))[:slots_count]
    enrolment = activity.enrolments.filter(child=child).first() or enrol(child, activity)
    made = []
    for unit in units:
        opening, _ = Opening.objects.get_or_create(
            unit=unit, date=day, group=None, defaults={"capacity": 24}
        )
        made.append(
            Reservation.objects.create(
                child=child,
                opening=opening,
                enrolment=enrolment,
                unit=unit,
                date=day,
                state=Reservation.CONFIRMED,
            )
        )
    return made


def creche_run(establishment: Establishment, start: date, end: date, *, publish: bool = True):
    """A run of the establishment's places activity over [start, end], computed (and
    published): the core's run service, as the billing screens call it."""
    run = create_run(
        label="Crèche",
        period_start=start,
        period_end=end,
        activity_ids=[establishment.activity_id],
        series=test_series(),
    )
    run = compute_run(run_id=run.pk)
    assert run.status == InvoiceRun.STATUS_DRAFT, run.failure
    if publish:
        request_publish(run=run, issue_date=end + timedelta(days=1))
        run = publish_run(run_id=run.pk)
        assert run.status == InvoiceRun.STATUS_PUBLISHED, run.failure
    return run


def matrix_absence(*, family, proof: bool = False) -> Absence:
    """An absence declared by ``family`` for a new toddler under a proposed contract (the
    access matrix's ``creche_absence`` / ``creche_absence_proof``), with a PDF proof stored
    through the core's upload service when ``proof``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.documents.services import upload_document
    from modules.creche.services.absences import proof_type
    from tests.support.creche import make_toddler

    today = timezone.localdate()
    establishment = money_establishment(name=f"Crèche de la famille {family.pk}")
    child = make_toddler(family, first_name="Absente")
    contract = money_contract(
        child=child,
        establishment=establishment,
        start=today,
        end=today + timedelta(days=60),
        state=Contract.PROPOSED,
    )
    absence = absent(contract, today, today, "illness", qualified=False)
    if proof:
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        absence.proof = upload_document(
            family=family,
            document_type=proof_type(),
            file=SimpleUploadedFile("certificat.pdf", pdf, content_type="application/pdf"),
            child=child,
            user=None,
        )
        absence.save(update_fields=["proof"])
    return absence
