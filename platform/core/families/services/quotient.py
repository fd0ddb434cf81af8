"""The quotient familial: declared by the family, checked by the structure, and the one that
applies to a family at a date (used by the pricing engine)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.errors import DomainError
from core.families.models import Family, QuotientDeclaration
from core.families.services.changes import touch


def applicable_quotient(*, family: Family, on: date) -> QuotientDeclaration | None:
    """The declaration covering ``on``; the most recently started one wins an overlap.

    Only declarations the structure accepted count. None when nothing applies: pricing then
    applies the structure's highest bracket, as the portals do when no QF is on file.
    """
    return (
        QuotientDeclaration.objects.filter(
            family=family, valid_from__lte=on, status=QuotientDeclaration.STATUS_ACCEPTED
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-valid_from", "-created_at")
        .first()
    )


def declare_quotient(
    *,
    family: Family,
    value: int,
    valid_from: date,
    valid_until: date | None = None,
    proof: UUID | None = None,
) -> QuotientDeclaration:
    """A family declares its quotient familial; it prices nothing until the structure accepts
    it (a family could otherwise lower its own prices).

    ``proof``: the uuid of a document the family uploaded in "Mes documents"; looked up among
    the family's own documents only, so that another family's uuid is refused as unknown."""
    document = None
    if proof:
        document = family.documents.filter(uuid=proof).first()
        if document is None:
            raise DomainError("Document introuvable.", field="proof", code="proof_not_found")
    declaration = QuotientDeclaration.objects.create(
        family=family,
        source=QuotientDeclaration.SOURCE_FAMILY,
        status=QuotientDeclaration.STATUS_PENDING,
        proof=document,
        value=value,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    touch(family)
    return declaration


def enter_quotient(
    *, family: Family, value: int, valid_from: date, valid_until: date | None = None
) -> QuotientDeclaration:
    """A quotient the structure enters itself (read from the CAF's records): accepted at
    once, since the structure is the one that would check it."""
    return QuotientDeclaration.objects.create(
        family=family,
        source=QuotientDeclaration.SOURCE_STAFF,
        status=QuotientDeclaration.STATUS_ACCEPTED,
        decided_at=timezone.now(),
        value=value,
        valid_from=valid_from,
        valid_until=valid_until,
    )


@transaction.atomic
def decide_quotient(
    *, declaration: QuotientDeclaration, accept: bool, reason: str = ""
) -> QuotientDeclaration:
    """The structure accepts a family's declaration (it then prices bookings) or refuses it,
    saying why (the family reads the reason in its file).

    The row is locked so that two staff deciding at once cannot both decide: the second is
    told it was already checked."""
    if not accept and not reason.strip():
        raise DomainError("Indiquez le motif du refus.", field="reason", code="reason_required")
    declaration = QuotientDeclaration.objects.select_for_update().get(pk=declaration.pk)
    try:
        declaration.decide(accept=accept, reason=reason)
    except ValueError as exc:
        raise DomainError(str(exc), field="decision", code="already_decided") from exc
    return declaration
