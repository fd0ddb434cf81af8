"""A place's account as the family's and the staff's pages show it: price, invoices, aids,
what is left to pay and what a cancellation would cost today (``invoices.place_account``)."""

from __future__ import annotations

from core.billing.models import Invoice
from modules.sejours import money
from modules.sejours.models import Wish
from modules.sejours.services.aids import compute_vacaf
from modules.sejours.services.cancellation import place_invoices, preview
from modules.sejours.services.invoices import (
    balance_due_on,
    balance_invoice_of,
    deposit_invoice_of,
    schedule_for,
)


def _amount(value) -> str | None:
    return None if value is None else str(money.cents(value))


def _invoice(invoice: Invoice | None) -> dict:
    if invoice is None:
        return {"invoice_id": None, "number": None, "status": None, "status_label": None}
    return {
        "invoice_id": invoice.pk,
        "number": invoice.number,
        "status": invoice.status,
        "status_label": invoice.get_status_display(),
    }


def account(*, wish: Wish) -> dict:
    stay = wish.stay
    activity = stay.activity
    schedule = schedule_for(wish=wish)
    deposit = deposit_invoice_of(wish)
    balance = balance_invoice_of(wish)
    invoices = place_invoices(wish)
    notes = list(
        Invoice.objects.filter(refers_to__in=invoices, kind=Invoice.KIND_CREDIT_NOTE).order_by("pk")
    ) + list(
        Invoice.objects.filter(
            lines__source_module="sejours", lines__source_reference=f"cancel:{wish.pk}"
        ).distinct()
    )
    aids = list(wish.aids.all())
    applied = dict(zip([a.pk for a in aids], schedule.aids, strict=True))
    holds = wish.status in Wish.HOLDS_PLACE
    cancel = preview(wish=wish) if holds else None
    vacaf = None
    if holds and not any(a.kind == "vacaf" for a in aids):
        computed = compute_vacaf(wish=wish)
        if computed is not None:
            vacaf = {"amount": _amount(computed.amount), "detail": computed.detail}
    return {
        "wish_id": wish.pk,
        "status": wish.status,
        "status_label": wish.get_status_display(),
        "family_id": wish.family_id,
        "child": {"id": wish.child_id, "name": f"{wish.child.first_name} {wish.child.last_name}"},
        "stay": {
            "id": stay.pk,
            "name": activity.name,
            "start_date": activity.start_date.isoformat(),
            "end_date": activity.end_date.isoformat(),
            "status": stay.status,
        },
        "price": _amount(schedule.price),
        "price_lines": list(wish.price_detail) or [],
        "lines": list(schedule.lines),
        "deposit": {
            "amount": _amount(deposit.total if deposit else schedule.deposit),
            **_invoice(deposit),
        },
        "balance": {
            "amount": _amount(balance.total if balance else schedule.balance),
            "due_on": balance_due_on(wish).isoformat(),
            **_invoice(balance),
        },
        "aids": [
            {
                "id": aid.pk,
                "kind": aid.kind,
                "label": aid.label,
                "granted": _amount(aid.amount),
                "amount": _amount(applied[aid.pk].amount),
                "proof_id": aid.proof_id,
                "removable": aid.kind != "vacaf" and holds and balance is None,
            }
            for aid in aids
        ],
        "vacaf_estimate": vacaf,
        "credit_notes": [
            {
                "invoice_id": note.pk,
                "number": note.number,
                "kind": note.kind,
                "amount": _amount(note.total),
            }
            for note in notes
        ],
        "left_to_pay": _amount(schedule.left_to_pay),
        "outstanding": _amount(sum((i.outstanding for i in invoices), money.ZERO)),
        "cancellation": {
            "can_cancel": holds,
            "preview_kept": _amount(cancel.kept) if cancel else None,
            "preview_refund": _amount(cancel.refund) if cancel else None,
            "preview_credit": _amount(cancel.credit) if cancel else None,
            "preview_to_invoice": _amount(cancel.to_invoice) if cancel else None,
            "lines": list(cancel.lines) if cancel else [],
            "cancelled_at": wish.cancelled_at.isoformat() if wish.cancelled_at else None,
            "reason": wish.cancel_reason,
            "medical": wish.cancel_medical,
        },
    }
