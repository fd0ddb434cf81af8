"""Contracts (contrats d'accueil régulier): the draft staff prepare, the simulation of its PSU
rate shown live on the form, the proposal to the family (which holds the places of every
planned half-hour, all or nothing), the cancellation (which gives them back), and the
contract still to sign listed among the family's missing items.

A contract's terms (``ContractTerms``) are computed here and stored with their steps; an
avenant is a new row (``services.amendments``). Every figure is re-checked on the server: the
form's simulation is a preview, never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from core.families.models import AnnualResources, Child, Family
from core.families.services.missing import MissingItem
from core.tenancy.context import structure_today
from modules.creche.models import (
    Contract,
    ContractTerms,
    CrecheSettings,
    Establishment,
    PlaceRequest,
    Section,
)
from modules.creche.models.schedules import parse_schedule, terms_schedule
from modules.creche.services import rates, slots
from modules.creche.services.planning import planned_days

MAX_MONTHS = 12


class ContractRefused(DomainError):
    code = "contract_refused"


@dataclass(frozen=True)
class TermsInput:
    """What staff type for a contract's terms (the initial ones or an avenant's)."""

    schedule: list
    alternating: bool
    weeks_per_year: Decimal
    leave_weeks: Decimal
    annual_resources: Decimal | None
    resources_year: int | None
    missing_resources: str
    children: int
    aeeh_children: int = 0


def default_months(start: date, end: date) -> int:
    """The calendar months from ``start`` to ``end`` (both counted), at most 12: a contract
    from 4 January to 31 July is billed over 7 months."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return max(1, min(MAX_MONTHS, months))


def resources_of(*, family: Family, year: int) -> Decimal | None:
    """The household's resources of ``year`` as recorded in the family file (None: unknown)."""
    row = AnnualResources.objects.filter(family=family, year=year).first()
    return row.amount if row is not None else None


def prefill(*, family: Family, child: Child | None = None, start: date | None = None) -> dict:
    """The form's defaults for a new contract of ``family``: the N-2 resources of the family
    file, the number of children, the structure's rule for unknown resources."""
    start = start or structure_today()
    year = start.year - 2
    return {
        "annual_resources": resources_of(family=family, year=year),
        "resources_year": year,
        "children": max(1, family.children.count()),
        "aeeh_children": 0,
        "missing_resources": CrecheSettings.current().missing_resources,
    }


def _decimal(value, *, field: str, label: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ContractRefused(f"{label} : nombre invalide.", field=field) from error


def check_terms(terms: TermsInput) -> TermsInput:
    """The terms checked (French messages by field); the schedule normalised."""
    try:
        days = parse_schedule(terms.schedule, alternating=terms.alternating)
    except ValidationError as error:
        raise ContractRefused(" ".join(error.messages), field="schedule") from error
    weeks = _decimal(terms.weeks_per_year, field="weeks_per_year", label="Semaines d'accueil")
    leave = _decimal(terms.leave_weeks, field="leave_weeks", label="Semaines de congés")
    if not Decimal(0) < weeks <= Decimal(53):
        raise ContractRefused(
            "Les semaines d'accueil par an vont de 1 à 53.", field="weeks_per_year"
        )
    if leave < 0 or leave >= weeks:
        raise ContractRefused(
            "Les semaines de congés déclarées doivent rester inférieures aux semaines d'accueil.",
            field="leave_weeks",
        )
    if terms.annual_resources is not None and Decimal(terms.annual_resources) < 0:
        raise ContractRefused("Les ressources ne peuvent être négatives.", field="annual_resources")
    if terms.missing_resources not in dict(ContractTerms.RESOURCES_CHOICES):
        raise ContractRefused(
            "Ressources inconnues : plafond ou plancher.", field="missing_resources"
        )
    if not 1 <= terms.children <= 20:
        raise ContractRefused("Au moins un enfant à charge (l'enfant accueilli).", field="children")
    if not 0 <= terms.aeeh_children <= terms.children:
        raise ContractRefused(
            "Pas plus d'enfants bénéficiaires de l'AEEH que d'enfants à charge.",
            field="aeeh_children",
        )
    return replace(
        terms,
        schedule=[d.as_json() for d in days],
        weeks_per_year=weeks,
        leave_weeks=leave,
        annual_resources=(
            Decimal(terms.annual_resources) if terms.annual_resources is not None else None
        ),
    )


def simulate(
    *, establishment: Establishment, on: date, months_billed: int, terms: TermsInput
) -> rates.Computed:
    """The PSU rate and the mensualisation of ``terms`` on ``on``, step by step (nothing
    saved): what the form shows before saving."""
    if not 1 <= months_billed <= MAX_MONTHS:
        raise ContractRefused("Les mois facturés vont de 1 à 12.", field="months_billed")
    terms = check_terms(terms)
    return rates.compute(
        establishment=establishment,
        on=on,
        # The flag travels with the days: an alternating schedule with an empty week B is
        # care every other week (hours per week halved), not every week.
        schedule=terms_schedule(terms.schedule, alternating=terms.alternating),
        weeks_per_year=terms.weeks_per_year,
        leave_weeks=terms.leave_weeks,
        months_billed=months_billed,
        annual_resources=terms.annual_resources,
        children=terms.children,
        aeeh_children=terms.aeeh_children,
        missing_resources=terms.missing_resources,
    )


def terms_row(
    *, contract: Contract, number: int, on: date, terms: TermsInput, reason: str = "", by
) -> ContractTerms:
    """The terms computed under the parameters in force on ``on`` (not saved)."""
    computed = simulate(
        establishment=contract.establishment,
        on=on,
        months_billed=contract.months_billed,
        terms=terms,
    )
    terms = check_terms(terms)
    return ContractTerms(
        contract=contract,
        number=number,
        effective_from=on,
        reason=reason,
        schedule=terms.schedule,
        alternating=terms.alternating,
        weeks_per_year=terms.weeks_per_year,
        leave_weeks=terms.leave_weeks,
        annual_resources=terms.annual_resources,
        resources_year=terms.resources_year,
        missing_resources=terms.missing_resources,
        children=terms.children,
        aeeh_children=terms.aeeh_children,
        created_by=by,
        **computed.fields(),
    )


def terms_input(row: ContractTerms, **changes) -> TermsInput:
    """The input of stored terms, with ``changes`` (an avenant starts from the last terms)."""
    base = TermsInput(
        schedule=row.schedule,
        alternating=row.alternating,
        weeks_per_year=row.weeks_per_year,
        leave_weeks=row.leave_weeks,
        annual_resources=row.annual_resources,
        resources_year=row.resources_year,
        missing_resources=row.missing_resources,
        children=row.children,
        aeeh_children=row.aeeh_children,
    )
    return replace(base, **changes)


def check_no_overlap(*, child: Child, start: date, end: date, exclude: int | None = None) -> None:
    """A child has one running contract at a time: two would hold the same places twice, and
    cancelling one would release the other's."""
    others = Contract.objects.filter(
        child=child, state__in=Contract.RUNNING, start_date__lte=end, end_date__gte=start
    ).exclude(pk=exclude)
    other = others.select_related("establishment").first()
    if other is not None:
        raise ContractRefused(
            f"{child.first_name} a déjà un contrat du {other.start_date:%d/%m/%Y} au "
            f"{other.end_date:%d/%m/%Y} ({other.establishment.name}) : écourtez-le d'abord.",
            field="start_date",
        )


def _check_frame(
    *,
    child: Child,
    establishment: Establishment,
    section: Section | None,
    start: date,
    end: date,
    months_billed: int | None,
) -> int:
    if section is not None and section.establishment_id != establishment.pk:
        raise ContractRefused("Cette section n'est pas celle de l'établissement.", field="section")
    if end < start:
        raise ContractRefused("La fin du contrat doit suivre son début.", field="end_date")
    if child.family.is_anonymised:
        raise ContractRefused("Cette famille n'est plus active.", field="child")
    months = months_billed or default_months(start, end)
    if not 1 <= months <= MAX_MONTHS:
        raise ContractRefused("Les mois facturés vont de 1 à 12.", field="months_billed")
    check_no_overlap(child=child, start=start, end=end)
    return months


def check_request(*, request: PlaceRequest, child: Child) -> None:
    """A contract made from a place request: the request accepted by the family, for this
    child (an expected child: a child of the same family, born since), and not already turned
    into a live contract (a cancelled one frees it)."""
    if request.family_id != child.family_id:
        raise ContractRefused(
            "Cette demande de place est celle d'une autre famille.", field="request"
        )
    if request.state != PlaceRequest.ACCEPTED:
        raise ContractRefused(
            f"Cette demande de place est « {request.get_state_display()} » : un contrat se "
            "prépare à partir d'une demande dont la famille a accepté la place.",
            field="request",
        )
    if request.child_id is not None and request.child_id != child.pk:
        raise ContractRefused(
            f"Cette demande de place concerne {request.child.first_name}, pas {child.first_name}.",
            field="request",
        )
    other = request.contracts.exclude(state=Contract.CANCELLED).first()
    if other is not None:
        raise ContractRefused(
            f"Cette demande de place a déjà donné le contrat n° {other.pk} "
            f"(« {other.get_state_display()} ») : annulez-le d'abord.",
            field="request",
        )


@transaction.atomic
def create_contract(
    *,
    child: Child,
    establishment: Establishment,
    section: Section | None,
    start: date,
    end: date,
    months_billed: int | None,
    terms: TermsInput,
    request: PlaceRequest | None = None,
    by,
) -> Contract:
    """A draft contract of ``child`` with its initial terms (number 0), computed on its start."""
    months = _check_frame(
        child=child,
        establishment=establishment,
        section=section,
        start=start,
        end=end,
        months_billed=months_billed,
    )
    if request is not None:
        # Locked: two clicks never make two contracts of one request.
        request = (
            PlaceRequest.objects.select_for_update(of=("self",))
            .select_related("child")
            .get(pk=request.pk)
        )
        check_request(request=request, child=child)
    contract = Contract(
        family=child.family,
        child=child,
        establishment=establishment,
        section=section,
        request=request,
        start_date=start,
        end_date=end,
        months_billed=months,
        created_by=by,
    )
    row = terms_row(contract=contract, number=0, on=start, terms=terms, by=by)
    contract.save()
    row.contract = contract
    row.save()
    return contract


def locked(contract: Contract) -> Contract:
    """The contract re-read under its row lock (two clicks never propose twice)."""
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("establishment", "child", "family")
        .get(pk=contract.pk)
    )


@transaction.atomic
def update_draft(
    *,
    contract: Contract,
    section: Section | None,
    start: date,
    end: date,
    months_billed: int | None,
    terms: TermsInput,
    by,
) -> Contract:
    """Change a draft (its frame and its initial terms, recomputed). Once proposed, a contract
    changes only by avenant."""
    contract = locked(contract)
    if contract.state != Contract.DRAFT:
        raise ContractRefused(
            "Le contrat a été proposé à la famille : modifiez-le par un avenant.", code="state"
        )
    months = _check_frame(
        child=contract.child,
        establishment=contract.establishment,
        section=section,
        start=start,
        end=end,
        months_billed=months_billed,
    )
    contract.section, contract.start_date, contract.end_date = section, start, end
    contract.months_billed = months
    row = terms_row(contract=contract, number=0, on=start, terms=terms, by=by)
    contract.save(update_fields=["section", "start_date", "end_date", "months_billed"])
    ContractTerms.objects.filter(contract=contract).delete()
    row.save()
    return contract


def care_days(*, contract: Contract, start: date, end: date, terms=None) -> list[slots.DayCare]:
    """The contract's planned days in [start, end] as the places they hold."""
    return [
        slots.DayCare(day.day, day.start, day.end)
        for day in planned_days(contract=contract, start=start, end=end, terms=terms)
    ]


def book_contract(*, contract: Contract, start: date, terms=None, by) -> int:
    """Hold the places of every planned half-hour from ``start`` to the contract's end, in one
    engine call (``SlotFull`` naming the first day and half-hour that failed, nothing
    written). The openings are created first where the establishment has none yet."""
    establishment = contract.establishment
    slots.sync_openings(establishment, start=start, end=contract.end_date)
    establishment.refresh_from_db(fields=["activity"])
    days = care_days(contract=contract, start=start, end=contract.end_date, terms=terms)
    slots.book_days(
        child_id=contract.child_id,
        establishment=establishment,
        days=days,
        by=by,
        family=contract.family,
        staff=True,
    )
    return len(days)


@transaction.atomic
def propose(*, contract: Contract, by) -> Contract:
    """Send the contract to the family to sign: its places are held for the whole contract
    (all or nothing) and the family is e-mailed."""
    from modules.creche.services.contract_emails import send_proposed

    contract = locked(contract)
    contract.move_to(Contract.PROPOSED)
    if contract.end_date < structure_today():
        raise ContractRefused("Ce contrat est déjà terminé : corrigez ses dates.")
    check_no_overlap(
        child=contract.child, start=contract.start_date, end=contract.end_date, exclude=contract.pk
    )
    book_contract(contract=contract, start=contract.start_date, by=by)
    contract.save(update_fields=["state"])
    send_proposed(contract=contract)
    return contract


@transaction.atomic
def cancel(*, contract: Contract, by) -> Contract:
    """Cancel a contract not yet signed: its places are given back."""
    contract = locked(contract)
    held = contract.state == Contract.PROPOSED
    contract.move_to(Contract.CANCELLED)
    if held:
        slots.release_days(
            child_id=contract.child_id,
            establishment=contract.establishment,
            start=contract.start_date,
            end=contract.end_date,
            by=by,
        )
    contract.save(update_fields=["state"])
    return contract


def current_terms(contract: Contract, *, on: date | None = None) -> ContractTerms | None:
    """The terms in force on ``on`` (default: today, else the first ones for a contract not
    yet started, the last ones for a finished one)."""
    rows = sorted(contract.terms.all(), key=lambda t: (t.effective_from, t.number))
    if not rows:
        return None
    on = on or structure_today()
    current = rows[0]
    for row in rows:
        if row.effective_from <= on:
            current = row
    return current


def contract_missing_items(*, family: Family, child: Child | None = None) -> list[MissingItem]:
    """Each contract proposed to the family and not yet signed: one item to sign (one query)."""
    contracts = Contract.objects.filter(family=family, state=Contract.PROPOSED).select_related(
        "child", "establishment"
    )
    if child is not None:
        contracts = contracts.filter(child=child)
    return [
        MissingItem(
            "module",
            f"creche:contrat:{contract.pk}",
            f"Contrat d'accueil à signer — {contract.establishment.name}, à partir du "
            f"{contract.start_date:%d/%m/%Y}",
            f"/creche/contrats/{contract.pk}",
            contract.child_id,
            str(contract.child),
        )
        for contract in contracts.order_by("start_date", "pk")
    ]


def signed_now(contract: Contract, *, by, how: str) -> None:
    """Record the signature on a locked, proposed contract."""
    contract.move_to(Contract.SIGNED)
    contract.signed_at = timezone.now()
    contract.signed_by = by
    contract.signature = how
