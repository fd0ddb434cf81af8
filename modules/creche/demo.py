"""« Les Petits Pas », the multi-accueil of Enfance Val de Brenne (``make demo``).

Every date counts from the structure's today: contracts from the first day of last month, a
month of pointage with an illness (with its certificate) and a few late departures, a pending
place request for a child not yet born, and last month billed by an invoice run. Contracts
cover the PSU's telling cases: the demo parent's household, a household with a child receiving
the AEEH (rate of the next number of children) and one above the ceiling. Places are held
through the capacity engine (``slots.book_days``), so the counters are the reservations.
Idempotent: once the establishment exists, nothing is added again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.catalog.models import Closure
from core.families.models import AnnualResources, Child, Family, Guardian, GuardianChildLink
from core.tenancy.context import structure_today
from modules.creche.models import (
    Absence,
    CapacityBand,
    Contract,
    ContractTerms,
    CrecheSettings,
    Establishment,
    EstablishmentClosure,
    OpeningHours,
    PlaceRequest,
    Presence,
    RequestChoice,
    Section,
)
from modules.creche.models.schedules import parse_schedule
from modules.creche.services import rates, slots
from modules.creche.services.planning import planned_days

NAME = "Les Petits Pas"


@dataclass(frozen=True)
class DemoContract:
    """A demo household's contract: resources, children, AEEH, its week."""

    family: str
    child: str
    sex: str
    age_months: int
    resources: Decimal | None
    children: int
    aeeh: int
    week: tuple[tuple[int, str, str], ...]


def _week(days: tuple[int, ...], arrival: str, departure: str) -> tuple:
    return tuple((d, arrival, departure) for d in days)


CONTRACTS = (
    # The demo parent's toddler: four days a week.
    DemoContract(
        "", "Jules", "M", 20, Decimal("42000"), 2, 0, _week((0, 1, 3, 4), "08:30", "17:30")
    ),
    # A household whose elder child receives the AEEH: the rate of three children.
    DemoContract(
        "MARTIN", "Inès", "F", 14, Decimal("30000"), 2, 1, _week((0, 1, 2, 3, 4), "09:00", "16:30")
    ),
    # Resources above the ceiling (130 000 € a year: 10 833 € a month, 8 500 € retained).
    DemoContract(
        "LEROY", "Gabriel", "M", 26, Decimal("130000"), 1, 0, _week((0, 1, 2), "08:00", "18:00")
    ),
)


def first_of_month(day: date, shift: int = 0) -> date:
    month = day.month - 1 + shift
    return date(day.year + month // 12, month % 12 + 1, 1)


def _months_before(today: date, months: int) -> date:
    """The same day ``months`` earlier (the 28th at most: every month has it)."""
    start = first_of_month(today, -months)
    return start.replace(day=min(today.day, 28))


def install_demo(*, families) -> None:
    if Establishment.objects.filter(name=NAME).exists():
        return
    today = structure_today()
    with transaction.atomic():
        settings = CrecheSettings.current()
        settings.contact_email = "creche@val-de-brenne.example"
        settings.parents_may_clock = True
        settings.save()
        establishment = _establishment(today)
        start = first_of_month(today, -1)
        for spec in CONTRACTS:
            family = families[0] if not spec.family and families else _family(spec.family)
            child = _child(family, spec, today)
            contract = _contract(establishment, family, child, spec, start)
            _month_of_pointage(contract, start, today, illness=spec.family == "MARTIN")
        _pending_request(establishment, today)
    _bill(establishment, start)


def _establishment(today: date) -> Establishment:
    establishment = Establishment.objects.create(
        name=NAME,
        kind=Establishment.KIND_MULTI_ACCUEIL,
        address="3 allée des Tilleuls, 36300 Le Blanc",
        phone="0254370000",
        agrement=24,
        min_age_months=2,
        max_age_months=48,
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(establishment=establishment, weekday=d, opens=time(7, 30), closes=time(18, 30))
        for d in range(5)
    )
    # Fewer professionals early and late: 12 places before 8:30 and after 17:30.
    CapacityBand.objects.bulk_create(
        [
            CapacityBand(
                establishment=establishment, start=time(7, 30), end=time(8, 30), places=12
            ),
            CapacityBand(
                establishment=establishment, start=time(8, 30), end=time(17, 30), places=24
            ),
            CapacityBand(
                establishment=establishment, start=time(17, 30), end=time(18, 30), places=12
            ),
        ]
    )
    Section.objects.bulk_create(
        [
            Section(
                establishment=establishment,
                name="Bébés",
                min_age_months=2,
                max_age_months=18,
                places=8,
                order=1,
            ),
            Section(
                establishment=establishment,
                name="Moyens",
                min_age_months=18,
                max_age_months=30,
                places=8,
                order=2,
            ),
            Section(
                establishment=establishment,
                name="Grands",
                min_age_months=30,
                max_age_months=48,
                places=8,
                order=3,
            ),
        ]
    )
    activity = slots.ensure_activity(establishment, until=first_of_month(today, 13))
    # The summer closure of next August: planned, outside the contracts' weeks.
    august = date(today.year if today.month < 8 else today.year + 1, 8, 3)
    closure = Closure.objects.create(
        label="Fermeture d'été",
        start_date=august,
        end_date=august + timedelta(days=18),
        activity=activity,
    )
    EstablishmentClosure.objects.create(establishment=establishment, closure=closure)
    slots.sync_openings(
        establishment, start=first_of_month(today, -1), end=first_of_month(today, 13)
    )
    return establishment


def _family(name: str) -> Family:
    family = Family.objects.create(
        name=name,
        address_line1="8 place de la Libération",
        postal_code="36300",
        city="Le Blanc",
        regime=Family.REGIME_CAF,
        allocataire_number=f"{abs(hash(name)) % 10_000_000:07d}",
    )
    Guardian.objects.create(
        family=family,
        is_primary=True,
        civility="mme",
        first_name="Camille",
        last_name=name.capitalize(),
        email=f"{name.lower()}@exemple.fr",
        phone_mobile="+33698765432",
    )
    return family


def _child(family: Family, spec: DemoContract, today: date) -> Child:
    guardian = family.guardians.order_by("-is_primary", "pk").first()
    child = Child.objects.create(
        family=family,
        first_name=spec.child,
        last_name=guardian.last_name if guardian else family.name,
        birth_date=_months_before(today, spec.age_months),
        sex=spec.sex,
    )
    if guardian:
        GuardianChildLink.objects.create(guardian=guardian, child=child, relation="mother")
    if spec.resources is not None:
        AnnualResources.objects.get_or_create(
            family=family, year=today.year - 2, defaults={"amount": spec.resources}
        )
    return child


def _contract(establishment, family, child, spec: DemoContract, start: date) -> Contract:
    end = date(start.year + (1 if start.month >= 8 else 0), 7, 31)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    schedule = [{"week": "A", "weekday": d, "arrival": a, "departure": b} for d, a, b in spec.week]
    computed = rates.compute(
        establishment=establishment,
        on=start,
        schedule=parse_schedule(schedule),
        weeks_per_year=Decimal(min(47, round(months * 52 / 12))),
        leave_weeks=Decimal(3),
        months_billed=months,
        annual_resources=spec.resources,
        children=spec.children,
        aeeh_children=spec.aeeh,
    )
    now = timezone.now()
    contract = Contract.objects.create(
        family=family,
        child=child,
        establishment=establishment,
        section=establishment.sections.filter(
            min_age_months__lte=spec.age_months, max_age_months__gt=spec.age_months
        ).first(),
        start_date=start,
        end_date=end,
        months_billed=months,
        state=Contract.SIGNED,
        signed_at=now,
        signature=Contract.SIGNED_ONLINE,
    )
    ContractTerms.objects.create(
        contract=contract,
        number=0,
        effective_from=start,
        schedule=schedule,
        weeks_per_year=Decimal(min(47, round(months * 52 / 12))),
        leave_weeks=Decimal(3),
        annual_resources=spec.resources,
        resources_year=start.year - 2,
        children=spec.children,
        aeeh_children=spec.aeeh,
        **computed.fields(),
    )
    days = planned_days(contract=contract, start=start, end=end)
    slots.book_days(
        child_id=child.pk,
        establishment=establishment,
        days=[slots.DayCare(d.day, d.start, d.end) for d in days],
        by=None,
        family=family,
    )
    return contract


def _month_of_pointage(contract: Contract, start: date, today: date, *, illness: bool) -> None:
    """Last month's arrivals and departures: on time, a few late departures (extra hours), and
    for one child an illness of four days with its certificate (carence, then deducted)."""
    end = min(first_of_month(start, 1) - timedelta(days=1), today - timedelta(days=1))
    days = planned_days(contract=contract, start=start, end=end)
    ill = {d.day for d in days[5:9]} if illness else set()
    presences = []
    for index, day in enumerate(days):
        if day.day in ill:
            continue
        late = index % 6 == 2  # a late departure every six days: 40 minutes beyond the contract
        minutes = day.end.hour * 60 + day.end.minute + (40 if late else 0)
        departure = time(min(minutes, 18 * 60 + 30) // 60, min(minutes, 18 * 60 + 30) % 60)
        presences.append(
            Presence(
                child=contract.child,
                establishment=contract.establishment,
                date=day.day,
                arrival=day.start,
                departure=departure,
                source=Presence.SOURCE_STAFF,
            )
        )
    Presence.objects.bulk_create(presences)
    if ill:
        Absence.objects.create(
            child=contract.child,
            contract=contract,
            start_date=min(ill),
            end_date=max(ill),
            declared_kind="illness",
            kind="illness",
            state=Absence.QUALIFIED,
            comment="Bronchiolite, certificat du médecin joint.",
            qualified_at=timezone.now(),
            staff_note="Certificat médical reçu.",
        )


def _pending_request(establishment: Establishment, today: date) -> None:
    family = _family("PETIT")
    request = PlaceRequest.objects.create(
        family=family,
        expected_first_name="",
        due_date=today + timedelta(days=75),
        desired_start=first_of_month(today, 6),
        care=PlaceRequest.CARE_REGULAR,
        schedule=[
            {"week": "A", "weekday": d, "arrival": "08:30", "departure": "17:00"} for d in range(4)
        ],
        comment="Reprise du travail à la fin du congé de maternité.",
    )
    RequestChoice.objects.create(request=request, establishment=establishment, rank=1)


def _bill(establishment: Establishment, start: date) -> None:
    """Last month, billed by an invoice run of the crèche's activity, published: the families
    find their crèche invoice to pay, the staff the run in the billing screens."""
    from core.billing.models import BillingSettings, InvoiceRun, InvoiceSeries
    from core.billing.services.runs import compute_run, publish_run

    end = first_of_month(start, 1) - timedelta(days=1)
    today = structure_today()
    with transaction.atomic():
        run = InvoiceRun.objects.create(
            label=f"Crèche {NAME} — {start:%m/%Y}",
            period_start=start,
            period_end=end,
            series=InvoiceSeries.default(),
        )
        run.activities.set([establishment.activity_id])
        run = compute_run(run_id=run.pk)
        if run.family_count - run.error_count == 0:
            return
        run.status = InvoiceRun.STATUS_PUBLISHING
        run.issue_date = today
        run.due_date = today + timedelta(days=BillingSettings.current().payment_terms_days)
        run.save()
    publish_run(run_id=run.pk)
