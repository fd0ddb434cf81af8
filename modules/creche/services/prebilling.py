"""The pre-billing check of a month and an establishment: per child, the hours (planned,
attended, extra, deducted), the lines the invoice run will bill with the day-by-day reasons,
and what staff should fix first (warnings). Computed by the same code as the run
(``billing.compute_month``): what is shown is what will be billed."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.module_hooks import ExtraLine
from modules.creche.models import Absence, Contract, Establishment
from modules.creche.services import billing

ZERO = Decimal("0.00")


@dataclass
class ChildCheck:
    child_id: int
    child_name: str
    family_id: int
    family_name: str
    contract_id: int | None
    contract_state: str
    planned_hours: Decimal = ZERO
    attended_hours: Decimal = ZERO
    extra_hours: Decimal = ZERO
    deducted_hours: Decimal = ZERO
    lines: list[dict] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return sum((line["amount"] for line in self.lines), ZERO)


def _line(line: ExtraLine, issued: set[str]) -> dict:
    return {
        "reference": line.reference,
        "label": line.label,
        "quantity": line.quantity,
        "unit_price": line.unit_price,
        "amount": line.amount,
        "already_billed": line.reference in issued,
    }


def prebilling(*, establishment: Establishment, year: int, month: int) -> dict:
    """The check of ``establishment``'s month."""
    computed = billing.compute_month(year=year, month=month, establishment_ids=[establishment.pk])
    first, last = billing.month_bounds(year, month)
    all_lines = list(computed.lines())
    issued = billing.issued_references([line.reference for line in all_lines])
    to_qualify: dict[int, int] = {}
    for contract_id, absences in computed.data.absences.items():
        to_qualify[contract_id] = sum(
            1
            for a in absences
            if a.state == Absence.DECLARED and a.start_date <= last and a.end_date >= first
        )
    regularisations = {r.contract.pk: r for r in computed.regularisations}
    checks: dict[tuple[int, int | None], ChildCheck] = {}
    for item in computed.contracts:
        contract = item.contract
        child = contract.child
        check = ChildCheck(
            child_id=child.pk,
            child_name=f"{child.first_name} {child.last_name}",
            family_id=contract.family_id,
            family_name=contract.family.name,
            contract_id=contract.pk,
            contract_state=contract.get_state_display(),
        )
        checks[(child.pk, contract.pk)] = check
        q = item.quantities
        check.planned_hours, check.attended_hours = q.planned_hours, q.attended_hours
        check.extra_hours, check.deducted_hours = q.extra_hours, q.deducted_hours
        check.lines = [_line(line, issued) for line in item.lines]
        regularisation = regularisations.get(contract.pk)
        if regularisation is not None and regularisation.line is not None:
            check.lines.append(_line(regularisation.line, issued))
        check.details = [*item.fee_lines, *q.lines]
        if item.open_presences:
            check.warnings.append(
                f"{item.open_presences} présence(s) sans heure de départ : complétez le "
                "pointage (ces jours ne comptent pas comme réalisés)."
            )
        if to_qualify.get(contract.pk):
            check.warnings.append(
                f"{to_qualify[contract.pk]} absence(s) à qualifier : elles ne sont pas déduites "
                "tant que l'équipe ne les a pas qualifiées."
            )
        if contract.state == Contract.PROPOSED:
            check.warnings.append("Contrat pas encore signé par la famille.")
        if any(s.terms.annual_resources is None for s in item.segments):
            floor = item.segments[-1].terms.missing_resources == "floor"
            check.warnings.append(
                "Ressources inconnues : le tarif horaire est celui du "
                + ("plancher." if floor else "plafond.")
            )
        if (
            regularisation is not None
            and regularisation.amount < 0
            and item.amount + regularisation.amount < 0
        ):
            check.warnings.append(
                "La régularisation en faveur de la famille dépasse la facture du mois : "
                "émettez un avoir pour le surplus."
            )
    for occasional in computed.occasional:
        key = (occasional.child_id, None)
        check = checks.get(key)
        if check is None:
            check = checks[key] = ChildCheck(
                child_id=occasional.child_id,
                child_name=occasional.child_name,
                family_id=occasional.family_id,
                family_name="",
                contract_id=None,
                contract_state="Accueil occasionnel",
            )
        check.extra_hours += occasional.hours
        if occasional.line is not None:
            check.lines.append(_line(occasional.line, issued))
            check.details.append(occasional.line.label)
        if occasional.after_end is not None:
            check.warnings.append(
                "Accueil occasionnel sur des jours réservés avant la fin du contrat le "
                f"{occasional.after_end:%d/%m/%Y} : s'il s'agit des places d'un contrat écourté "
                "après coup, elles seront facturées en accueil occasionnel — émettez un avoir "
                "de ce montant."
            )
        if occasional.rate is not None and occasional.rate.monthly_resources is None:
            check.warnings.append(
                "Aucune ressource connue pour la famille : accueil occasionnel facturé au tarif "
                "des ressources inconnues."
            )
    if any(not c.family_name for c in checks.values()):
        from core.families.models import Family

        names = dict(
            Family.objects.filter(
                pk__in={c.family_id for c in checks.values() if not c.family_name}
            ).values_list("pk", "name")
        )
        for check in checks.values():
            check.family_name = check.family_name or names.get(check.family_id, "")
    children = sorted(checks.values(), key=lambda c: (c.child_name, c.contract_id or 0))
    return {
        "establishment": establishment.pk,
        "establishment_name": establishment.name,
        "month": f"{year:04d}-{month:02d}",
        "month_label": billing.month_name(year, month),
        "total": sum(
            (line["amount"] for c in children for line in c.lines if not line["already_billed"]),
            ZERO,
        ),
        "warning_count": sum(len(c.warnings) for c in children),
        "children": [
            {
                "child_id": c.child_id,
                "child_name": c.child_name,
                "family_id": c.family_id,
                "family_name": c.family_name,
                "contract_id": c.contract_id,
                "contract_state": c.contract_state,
                "planned_hours": c.planned_hours,
                "attended_hours": c.attended_hours,
                "extra_hours": c.extra_hours,
                "deducted_hours": c.deducted_hours,
                "amount": c.amount,
                "lines": c.lines,
                "details": c.details,
                "warnings": c.warnings,
            }
            for c in children
        ],
    }
