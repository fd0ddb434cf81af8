"""The parent's cart: changes collected across children and months, priced, then committed.

Nothing in the cart holds a place: "Terminer" re-checks every line under the locks of the
commit engine, and reports the lines that became impossible meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.booking.models import Cart, CartLine
from core.booking.pricing import pricing_context
from core.booking.services.context import ACTION_BOOK, BookingContext
from core.booking.services.engine import (
    Change,
    CommitResult,
    apply_changes,
    booked_units,
    line_price,
    signed_amount,
)
from core.booking.services.rules import Snapshot, Verdict, check
from core.catalog.models import Opening
from core.module_hooks import validate_changes as module_refusals
from core.pricing.engine import money


@dataclass(frozen=True)
class RequestedChange:
    child_id: int
    opening_id: int
    action: str


@dataclass
class LineView:
    line_id: int | None
    child_id: int
    child_name: str
    opening: Opening
    action: str
    amount: Decimal | None
    tariff_name: str
    ok: bool = True
    code: str = ""
    reason: str = ""
    full: bool = False  # a booking that would join the waiting list as things stand


@dataclass
class CartView:
    lines: list[LineView] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return money(
            sum((signed_amount(v.action, v.amount) for v in self.lines if v.ok), Decimal(0))
        )


def cart_for(*, user, family) -> Cart:
    cart, _ = Cart.objects.get_or_create(user=user, defaults={"family": family})
    if cart.family_id != family.pk:
        cart.lines.all().delete()
        cart.family = family
        cart.save(update_fields=["family"])
    return cart


def _openings(ids):
    return {
        o.pk: o
        for o in Opening.objects.filter(pk__in=set(ids)).select_related("unit__activity", "group")
    }


def _evaluate(*, family, pairs, openings, ctx=None) -> list[LineView]:
    """Check and price (child, opening, action, line_id) tuples as a set."""
    children = {c.pk: c for c in family.children.all()}
    activity_ids = {o.unit.activity_id for o in openings.values()}
    ctx = ctx or BookingContext.load(activity_ids=list(activity_ids))
    snap = Snapshot.load(
        ctx=ctx,
        child_ids=set(children),
        dates={o.date for o in openings.values()},
        activity_ids=activity_ids,
    )
    pricing = pricing_context(family=family, units={o.unit for o in openings.values()})
    adding = booked_units(
        ((child, opening, action) for child, opening, action, _ in pairs), openings
    )
    # The modules' own rules, as the engine will apply them at checkout.
    refusals = module_refusals(
        changes=[Change(child, opening, action) for child, opening, action, _ in pairs],
        openings=openings,
        staff=False,
        family=family,
    )
    views = []
    for child_id, opening_id, action, line_id in pairs:
        opening = openings.get(opening_id)
        child = children.get(child_id)
        if opening is None or child is None:
            continue
        others = adding.get((child_id, opening.date), set()) - {opening.unit_id}
        verdict = check(snap, action=action, child_id=child_id, opening=opening, adding=others)
        if verdict.allowed and (refusal := refusals.get(Change(child_id, opening_id, action))):
            verdict = Verdict(False, refusal.code, refusal.reason)
        amount, tariff = line_price(
            pricing,
            child_id=child_id,
            opening=opening,
            action=action,
            held=snap.live.get((child_id, opening.pk)),
        )
        views.append(
            LineView(
                line_id=line_id,
                child_id=child_id,
                child_name=child.first_name,
                opening=opening,
                action=action,
                amount=amount,
                tariff_name=tariff or "",
                ok=verdict.allowed,
                code=verdict.code,
                reason=verdict.reason,
                full=action == ACTION_BOOK and opening.booked >= opening.capacity,
            )
        )
    return views


def view_cart(*, cart: Cart) -> CartView:
    lines = list(cart.lines.all())
    openings = _openings(line.opening_id for line in lines)
    views = _evaluate(
        family=cart.family,
        pairs=[(line.child_id, line.opening_id, line.action, line.pk) for line in lines],
        openings=openings,
    )
    views.sort(key=lambda v: (v.opening.date, v.child_name, v.opening.unit.order))
    return CartView(views)


@transaction.atomic
def add_changes(*, cart: Cart, changes: list[RequestedChange]) -> list[LineView]:
    """Add changes to the cart after checking them; returns those refused (with the reason).

    A change on a cell the cart already changes replaces it; "book" on a cell the cart
    cancels (or the reverse) simply removes the pending line.
    """
    family = cart.family
    child_ids = set(family.children.values_list("pk", flat=True))
    changes = [c for c in changes if c.child_id in child_ids]
    existing = {(line.child_id, line.opening_id): line for line in cart.lines.all()}
    openings = _openings([c.opening_id for c in changes] + [k[1] for k in existing])
    pending = {k: line.action for k, line in existing.items()}
    for change in changes:
        pending[(change.child_id, change.opening_id)] = change.action
    views = _evaluate(
        family=family,
        pairs=[(child, opening, action, None) for (child, opening), action in pending.items()],
        openings=openings,
    )
    by_key = {(v.child_id, v.opening.pk): v for v in views}
    refused = []
    to_create, to_delete = [], []
    for change in changes:
        key = (change.child_id, change.opening_id)
        view = by_key.get(key)
        line = existing.get(key)
        if line is not None and line.action != change.action:
            to_delete.append(line.pk)  # booking what the cart cancels: back to how it was
            continue
        if view is None:
            refused.append(None)
            continue
        if not view.ok:
            refused.append(view)
            continue
        if line is None:
            to_create.append(
                CartLine(
                    cart=cart,
                    child_id=change.child_id,
                    opening_id=change.opening_id,
                    action=change.action,
                )
            )
    CartLine.objects.filter(pk__in=to_delete).delete()
    CartLine.objects.bulk_create(to_create, ignore_conflicts=True)
    cart.updated_at = timezone.now()
    cart.save(update_fields=["updated_at"])
    return [v for v in refused if v is not None]


def remove_lines(*, cart: Cart, line_ids=None) -> None:
    """Remove some lines, or all of them ("Tout supprimer")."""
    lines = cart.lines.all()
    if line_ids is not None:
        lines = lines.filter(pk__in=line_ids)
    lines.delete()


@dataclass
class CheckoutResult:
    result: CommitResult
    total: Decimal
    committed_at: object


def checkout(*, cart: Cart, user) -> CheckoutResult:
    """ "Terminer": commit every line in one transaction, report the impossible ones, send
    the recap e-mail, and empty the cart."""
    from core.booking.services.notifications import send_recap

    with transaction.atomic():
        # Only the cart's own rows: the default ordering joins the openings, whose locks belong
        # to the commit engine (taken in id order).
        lines = list(cart.lines.order_by("pk").select_for_update(of=("self",)))
        changes = [Change(line.child_id, line.opening_id, line.action) for line in lines]
        result = apply_changes(changes=changes, by=user, family=cart.family)
        CartLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
        now = timezone.now()
    # Rendered once the places are released (the e-mail itself leaves on commit anyway).
    if result.done:
        send_recap(family=cart.family, user=user, result=result, at=now)
    return CheckoutResult(result=result, total=result.total, committed_at=now)
