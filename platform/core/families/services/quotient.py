"""The quotient familial that applies to a family at a date (used by the pricing engine)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from core.families.models import Family, QuotientDeclaration


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
