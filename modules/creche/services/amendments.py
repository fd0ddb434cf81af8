"""Avenants and the early end of a contract.

An avenant is a new ``ContractTerms`` row dated ``effective_from`` (inside the contract, after
the last terms): its rate is computed under the Cnaf parameters of that date, the earlier terms
stay as they were (history), and the places are re-booked from that date — the half-hours the
new schedule no longer uses are released and the new ones booked in one transaction, so a full
half-hour refuses the whole avenant and leaves the old places held.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from core.billing.services.drafts import issued_lines
from core.tenancy.context import structure_today
from modules.creche.models import Contract, ContractTerms
from modules.creche.services import slots
from modules.creche.services.billing import MODULE, month_name
from modules.creche.services.contracts import (
    ContractRefused,
    TermsInput,
    book_contract,
    care_days,
    locked,
    terms_row,
)

AMENDABLE = (Contract.PROPOSED, Contract.SIGNED)


def last_invoiced_month(contract: Contract) -> tuple[int, int] | None:
    """The latest month whose fee (``fee:<contract>:<YYYY-MM>``) is on an issued invoice."""
    references = (
        issued_lines()
        .filter(source_module=MODULE, source_reference__startswith=f"fee:{contract.pk}:")
        .values_list("source_reference", flat=True)
    )
    months = []
    for reference in references:
        year, _, month = reference.rsplit(":", 1)[-1].partition("-")
        if year.isdigit() and month.isdigit():
            months.append((int(year), int(month)))
    return max(months, default=None)


def _check_not_invoiced(contract: Contract, effective_from: date) -> None:
    # An issued month is never billed again: an avenant dated inside it (or before a later
    # invoiced month) would change the rate with no money following. It takes effect on the
    # first month not invoiced yet.
    last = last_invoiced_month(contract)
    if last is None or last < (effective_from.year, effective_from.month):
        return
    year, month = last[0] + (last[1] == 12), last[1] % 12 + 1
    raise ContractRefused(
        "Ce mois est déjà facturé : l'avenant prend effet au plus tôt le 1er "
        f"{month_name(year, month)} (premier mois non facturé).",
        field="effective_from",
    )


@transaction.atomic
def add_amendment(
    *, contract: Contract, effective_from: date, terms: TermsInput, reason: str, by
) -> ContractTerms:
    """Add an avenant from ``effective_from`` and re-book the places from that date."""
    contract = locked(contract)
    if contract.state not in AMENDABLE:
        raise ContractRefused(
            "Seul un contrat proposé ou signé reçoit un avenant "
            "(un contrat en préparation se modifie directement).",
            code="state",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ContractRefused("Indiquez le motif de l'avenant.", field="reason")
    existing = list(contract.terms.order_by("effective_from", "number"))
    last = existing[-1]
    if not contract.start_date <= effective_from <= contract.end_date:
        raise ContractRefused(
            f"L'avenant prend effet pendant le contrat (du {contract.start_date:%d/%m/%Y} au "
            f"{contract.end_date:%d/%m/%Y}).",
            field="effective_from",
        )
    if effective_from <= last.effective_from:
        raise ContractRefused(
            "L'avenant prend effet après les dernières conditions, en vigueur depuis le "
            f"{last.effective_from:%d/%m/%Y}.",
            field="effective_from",
        )
    _check_not_invoiced(contract, effective_from)
    row = terms_row(
        contract=contract,
        number=max(t.number for t in existing) + 1,
        on=effective_from,
        terms=terms,
        reason=reason[:200],
        by=by,
    )
    row.save()
    terms = [*existing, row]
    # Give back what the new schedule no longer uses, then book what it adds; the places kept
    # are never released (no one can take them in between), and a refusal rolls back both.
    keep = care_days(contract=contract, start=effective_from, end=contract.end_date, terms=terms)
    slots.release_days(
        child_id=contract.child_id,
        establishment=contract.establishment,
        start=effective_from,
        end=contract.end_date,
        by=by,
        keep=keep,
    )
    book_contract(contract=contract, start=effective_from, terms=terms, by=by)
    return row


@transaction.atomic
def end_early(*, contract: Contract, end: date, by) -> Contract:
    """End the contract on ``end`` (before its planned end): the places after it are given
    back; a signed contract whose new end is already past is ended at once. A new end inside
    a month already invoiced is allowed: the régularisation at the end of the contract settles
    the hours billed against the hours of the shortened contract."""
    contract = locked(contract)
    if contract.state not in AMENDABLE:
        raise ContractRefused("Seul un contrat proposé ou signé peut être écourté.", code="state")
    if not contract.start_date <= end < contract.end_date:
        raise ContractRefused(
            f"La nouvelle fin tombe entre le {contract.start_date:%d/%m/%Y} et le "
            f"{contract.end_date:%d/%m/%Y} (exclu).",
            field="end_date",
        )
    last = contract.terms.order_by("-effective_from").first()
    if last is not None and end < last.effective_from:
        raise ContractRefused(
            f"Un avenant prend effet le {last.effective_from:%d/%m/%Y} : la fin ne peut "
            "le précéder.",
            field="end_date",
        )
    slots.release_days(
        child_id=contract.child_id,
        establishment=contract.establishment,
        start=date.fromordinal(end.toordinal() + 1),
        end=contract.end_date,
        by=by,
    )
    contract.end_date = end
    if contract.state == Contract.SIGNED and end < structure_today():
        contract.move_to(Contract.ENDED)
    contract.save(update_fields=["end_date", "state"])
    return contract


def close_finished(*, today: date | None = None) -> int:
    """Signed contracts whose end is past become « Terminé » (for a daily task)."""
    today = today or structure_today()
    return Contract.objects.filter(state=Contract.SIGNED, end_date__lt=today).update(
        state=Contract.ENDED
    )
