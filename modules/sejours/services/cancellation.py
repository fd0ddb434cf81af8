"""Cancelling a place (by the family or staff, with the stay's scale) or a whole stay (by the
structure: everything refunded), with the credit notes issued through the billing core.

The arithmetic is ``money.cancellation``: from what the place's invoices total now and what
the family paid, it gives the credit note, what must still be invoiced and the refund. The
credit goes on the balance invoice first, then on the deposit: « deposit kept » is then
exactly « the balance credited ».
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.billing.models import Allocation, Invoice, InvoiceLine
from core.billing.services.credit_notes import creditable, issue_credit_note
from core.billing.services.direct import issue_direct_invoice
from core.errors import DomainError
from core.module_hooks import ExtraLine
from core.tenancy.context import structure_today
from modules.sejours import money
from modules.sejours.models import Stay, Wish
from modules.sejours.services.aids import MODULE
from modules.sejours.services.invoices import (
    _common,
    _stay_words,
    balance_invoice_of,
    deposit_invoice_of,
    schedule_for,
)
from modules.sejours.services.notifications import notify_stay_cancelled
from modules.sejours.services.offers import offer_next
from modules.sejours.services.places import release_stay


class CancelRefused(DomainError):
    code = "cancel_refused"


def place_invoices(wish: Wish) -> list[Invoice]:
    """The place's invoices, the balance first (credited first)."""
    return [i for i in (balance_invoice_of(wish), deposit_invoice_of(wish)) if i is not None]


def preview(
    *, wish: Wish, medical: bool = False, full_refund: bool = False, on: date | None = None
) -> money.Cancellation:
    """What cancelling the place would keep, credit and refund (nothing written)."""
    invoices = place_invoices(wish)
    invoiced = sum((creditable(i) for i in invoices), money.ZERO)
    paid = (
        Allocation.objects.filter(invoice__in=invoices, payment__isnull=False).aggregate(
            total=Sum("amount")
        )["total"]
        or money.ZERO
    )
    schedule = schedule_for(wish=wish)
    # A place offered but not yet accepted costs nothing to give up.
    nothing_kept = medical or full_refund or wish.status == Wish.STATUS_OFFERED
    return money.cancellation(
        schedule=schedule,
        invoiced=invoiced,
        paid=min(paid, invoiced),
        cancelled_on=on or structure_today(),
        departure=wish.stay.activity.start_date,
        scale=wish.stay.scale(),
        medical=nothing_kept,
    )


def _settle_money(*, wish: Wish, result: money.Cancellation, reason: str, by) -> None:
    left = result.credit
    for invoice in place_invoices(wish):
        amount = min(left, creditable(invoice))
        if amount > 0:
            issue_credit_note(
                invoice=invoice, amount=amount, reason=f"Annulation : {reason}"[:500], user=by
            )
            left -= amount
    if result.to_invoice > 0:
        issue_direct_invoice(
            family_id=wish.family_id,
            module_id=MODULE,
            lines=[
                ExtraLine(
                    reference=f"cancel:{wish.pk}",
                    label=f"Frais d'annulation — {_stay_words(wish.stay)}"[:250],
                    amount=result.to_invoice,
                    **_common(wish),
                )
            ],
            user=by,
        )


def _cancel(*, wish: Wish, by, reason: str, medical: bool, full_refund: bool) -> money.Cancellation:
    """Inside the caller's transaction, the wish locked: free the place, settle the money."""
    if wish.status not in Wish.HOLDS_PLACE:
        raise CancelRefused(
            f"Cette place ne peut pas être annulée ({wish.get_status_display().lower()}).",
            code="place_not_held",
        )
    result = preview(wish=wish, medical=medical, full_refund=full_refund)
    release_stay(wish=wish, by=by)
    wish.status = Wish.STATUS_CANCELLED
    wish.cancelled_at = timezone.now()
    wish.cancel_reason = reason
    wish.cancel_medical = medical
    wish.save(
        update_fields=["status", "cancelled_at", "cancel_reason", "cancel_medical", "updated_at"]
    )
    _settle_money(wish=wish, result=result, reason=reason, by=by)
    return result


def _locked(pk: int) -> Wish:
    return (
        Wish.objects.select_for_update(of=("self",))
        .select_related(
            "stay__activity", "family", "child", "transport", "deposit_invoice", "balance_invoice"
        )
        .get(pk=pk)
    )


def cancel_place(*, wish: Wish, by, reason: str, medical: bool = False) -> money.Cancellation:
    """Cancel an offered or accepted place with the stay's scale (nothing kept on a medical
    certificate), then offer the freed place to the next wish of the stay."""
    reason = (reason or "").strip()
    if not reason:
        raise CancelRefused("Indiquez le motif de l'annulation.", field="reason")
    with transaction.atomic():
        wish = _locked(wish.pk)
        result = _cancel(wish=wish, by=by, reason=reason, medical=medical, full_refund=False)
    if wish.stay.status == Stay.STATUS_OPEN:
        offer_next(stay=wish.stay, by=by)
    return result


def cancel_with_full_refund(*, wish_id: int, by, reason: str) -> Wish:
    """Inside the caller's transaction: the place freed and every invoiced euro credited,
    nothing kept, no fee — as when the structure cancels a stay, or a place is swapped for a
    better wish. Never recorded as a medical cancellation (no certificate was given)."""
    wish = _locked(wish_id)
    _cancel(wish=wish, by=by, reason=reason, medical=False, full_refund=True)
    return wish


def cancel_stay(*, stay: Stay, by, reason: str) -> dict:
    """The structure cancels the stay: every place released and fully refunded, every other
    live wish cancelled, the families told once committed."""
    reason = (reason or "").strip()
    if not reason:
        raise CancelRefused("Indiquez le motif de l'annulation du séjour.", field="reason")
    with transaction.atomic():
        stay = Stay.objects.select_for_update().select_related("activity").get(pk=stay.pk)
        if stay.status == Stay.STATUS_CANCELLED:
            raise CancelRefused("Ce séjour est déjà annulé.", code="stay_cancelled")
        stay.status = Stay.STATUS_CANCELLED
        stay.cancelled_at = timezone.now()
        stay.cancel_reason = reason
        stay.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        wish_ids = list(
            Wish.objects.filter(stay=stay, status__in=Wish.LIVE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        refunded = Decimal("0.00")
        for pk in wish_ids:
            wish = _locked(pk)
            if wish.status in Wish.HOLDS_PLACE:
                result = _cancel(wish=wish, by=by, reason=reason, medical=False, full_refund=True)
                refunded += result.credit
            else:
                wish.status = Wish.STATUS_CANCELLED
                wish.cancelled_at = timezone.now()
                wish.cancel_reason = reason
                wish.waitlist_position = None
                wish.save(
                    update_fields=[
                        "status",
                        "cancelled_at",
                        "cancel_reason",
                        "waitlist_position",
                        "updated_at",
                    ]
                )
        if wish_ids:
            transaction.on_commit(lambda: notify_stay_cancelled(wish_ids=wish_ids))
    return {"cancelled": len(wish_ids), "credited": refunded}


def credit_late_balances() -> None:
    """A run computed before a place was cancelled may publish its balance after: credit the
    place's part of such an invoice (once), so that its documents net to what was kept."""
    cancelled = {
        w.pk: w
        for w in Wish.objects.filter(
            status=Wish.STATUS_CANCELLED,
            cancelled_at__isnull=False,
            # A run bills a balance before departure: older stays need no look.
            stay__activity__start_date__gte=structure_today() - timedelta(days=400),
        )
        .select_related("stay__activity")
        .prefetch_related("aids")
    }
    references = {f"balance:{pk}": pk for pk in cancelled}
    for line in InvoiceLine.objects.filter(
        source_module=MODULE, source_reference__in=references, invoice__isnull=False
    ):
        wish = cancelled[references[line.source_reference]]
        reason = f"S{_stay_words(wish.stay)[1:]} annulé avant l'émission de la facture."
        with transaction.atomic():
            # Under the invoice's row lock: the daily task run twice at once credits it once
            # (the second run waits, then finds the credit note).
            invoice = Invoice.objects.select_for_update().get(pk=line.invoice_id)
            if (
                invoice.created_at <= wish.cancelled_at
                or invoice.credit_notes.filter(reason=reason).exists()
            ):
                continue
            refs = [f"balance:{wish.pk}", f"balance:{wish.pk}:acompte"]
            refs += [f"aid:{aid.pk}" for aid in wish.aids.all()]
            net = invoice.lines.filter(source_module=MODULE, source_reference__in=refs).aggregate(
                t=Sum("amount")
            )["t"]
            amount = min(net or money.ZERO, creditable(invoice))
            if amount > 0:
                issue_credit_note(invoice=invoice, amount=amount, reason=reason)
