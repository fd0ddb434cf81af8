"""Places with money for the séjours tests: an accepted place (its deposit invoiced by the
offers' acceptance), a family quotient, the sums the invariants check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from core.billing.models import Invoice, InvoiceLine
from core.families.models import QuotientDeclaration
from modules.sejours.models import Wish
from modules.sejours.services.offers import accept_offer
from modules.sejours.services.places import offer
from tests.support.sejours import make_stay, make_wish

ZERO = Decimal("0.00")


def give_quotient(family, value: int) -> QuotientDeclaration:
    return QuotientDeclaration.objects.create(
        family=family,
        value=value,
        valid_from=date(2027, 1, 1),
        source=QuotientDeclaration.SOURCE_STAFF,
        status=QuotientDeclaration.STATUS_ACCEPTED,
    )


def accepted_place(
    *, family, stay=None, child=None, city: str | None = None, **stay_fields
) -> Wish:
    """An accepted place on ``stay`` (a new one from ``stay_fields`` if none)."""
    child = child or family.children.order_by("pk").first()
    stay = stay or make_stay(**stay_fields)
    transport = stay.transports.get(city=city) if city else None
    wish = make_wish(child=child, stay=stay, transport=transport)
    user = getattr(family, "parent", None) or family.guardians.get(is_primary=True).user
    offer(wish=wish, by=user)
    accept_offer(wish=wish, by=user)
    wish.refresh_from_db()
    return wish


def place_documents(wish: Wish):
    """Every document of the place: its invoices and credit notes, through their lines."""
    refs = [f"deposit:{wish.pk}", f"balance:{wish.pk}", f"cancel:{wish.pk}"]
    invoices = Invoice.objects.filter(
        pk__in=InvoiceLine.objects.filter(
            source_module="sejours", source_reference__in=refs, invoice__isnull=False
        ).values("invoice_id")
    )
    notes = Invoice.objects.filter(refers_to__in=invoices, kind=Invoice.KIND_CREDIT_NOTE)
    return invoices, notes


def net_invoiced(wish: Wish) -> Decimal:
    invoices, notes = place_documents(wish)
    billed = invoices.aggregate(t=Sum("total"))["t"] or ZERO
    credited = notes.aggregate(t=Sum("total"))["t"] or ZERO
    return billed - credited


def aids_on_invoices(wish: Wish) -> Decimal:
    """The aids as the balance invoice deducted them (positive)."""
    total = InvoiceLine.objects.filter(
        source_module="sejours",
        source_reference__in=[f"aid:{a.pk}" for a in wish.aids.all()],
        invoice__isnull=False,
    ).aggregate(t=Sum("amount"))["t"]
    return -(total or ZERO)
