"""The invoices of a place: the deposit at acceptance, the balance at its date, through the
billing core (decision 0023).

The stays' reservations are not billed by the core's runs (``billed_by_module``): a place's
money is module lines with the references ``deposit:<wish>``, ``balance:<wish>`` (and
``balance:<wish>:acompte``, the deposit deducted) and ``aid:<aid>``, which the core never
issues twice. The deposit is a direct invoice; the balance is a direct invoice issued by the
daily task, unless a run published earlier picked it up (``balance_lines``) — whichever
comes first, the other finds the reference issued.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from core.billing.models import BillingSettings, Invoice, InvoiceLine
from core.billing.services.direct import issue_direct_invoice
from core.errors import DomainError
from core.module_hooks import ExtraLine
from core.tenancy.context import structure_localtime, structure_today
from modules.sejours import money
from modules.sejours.models import Stay, Wish
from modules.sejours.services.aids import MODULE, vacaf_for
from modules.sejours.services.pricing import quote_stay, store_price

UNSET = object()


class InvoiceRefused(DomainError):
    code = "sejour_invoice_refused"


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def issued_invoice(reference: str) -> Invoice | None:
    line = (
        InvoiceLine.objects.filter(
            source_module=MODULE, source_reference=reference, invoice__isnull=False
        )
        .select_related("invoice")
        .first()
    )
    return line.invoice if line else None


def deposit_invoice_of(wish: Wish) -> Invoice | None:
    return wish.deposit_invoice if wish.deposit_invoice_id else None


def balance_invoice_of(wish: Wish) -> Invoice | None:
    """The balance invoice, issued directly (linked) or by a run (found by its reference)."""
    if wish.balance_invoice_id:
        return wish.balance_invoice
    return issued_invoice(f"balance:{wish.pk}")


def accepted_on(wish: Wish) -> date:
    """The day the place was accepted, in the structure's time zone."""
    if wish.accepted_at is None:
        return structure_today()
    return structure_localtime(wish.accepted_at).date()


def schedule_for(*, wish: Wish, deposit_invoiced=UNSET) -> money.Schedule:
    """The place's schedule from its stored price and aids. Once the deposit step is over
    (an accepted place), the deposit is what was invoiced — nothing if none was."""
    if deposit_invoiced is UNSET:
        deposit = deposit_invoice_of(wish)
        if deposit is not None:
            deposit_invoiced = deposit.total
        elif wish.accepted_at is not None:
            deposit_invoiced = money.ZERO
        else:
            deposit_invoiced = None
    stay = wish.stay
    price = wish.price
    if price is None:
        quoted = quote_stay(stay=stay, family=wish.family, transport=wish.transport)
        price = quoted.amount
    aids = [
        money.Aid(
            kind=money.AidKind(aid.kind),
            amount=aid.amount,
            label=aid.label,
            detail=aid.label if aid.kind == money.AidKind.VACAF else "",
        )
        for aid in wish.aids.all()
    ]
    return money.payment_schedule(
        price=price,
        deposit_rule=stay.deposit_rule(),
        aids=aids,
        departure=stay.activity.start_date,
        balance_days_before=stay.balance_days_before,
        accepted_on=accepted_on(wish),
        deposit_invoiced=deposit_invoiced,
    )


def _common(wish: Wish) -> dict:
    activity = wish.stay.activity
    return {
        "family_id": wish.family_id,
        "child_id": wish.child_id,
        "child_name": f"{wish.child.first_name} {wish.child.last_name}",
        "activity_id": activity.pk,
        "activity_name": activity.name[:150],
        "date": activity.start_date,
    }


def _stay_words(stay: Stay) -> str:
    activity = stay.activity
    return f"séjour « {activity.name} » du {_day(activity.start_date)} au {_day(activity.end_date)}"


def invoice_deposit(*, wish: Wish, by) -> Invoice | None:
    """The deposit invoice of an accepted place (its price fixed now, with the family's
    quotient, and its VACAF aid). A second call returns the invoice already issued; None when
    the deposit is nothing (aids covering the price, a free stay)."""
    if wish.deposit_invoice_id:
        return wish.deposit_invoice
    with transaction.atomic():
        wish = (
            Wish.objects.select_for_update(of=("self",))
            .select_related("stay__activity", "family", "child", "transport", "deposit_invoice")
            .get(pk=wish.pk)
        )
        if wish.deposit_invoice_id:
            return wish.deposit_invoice
        if wish.status != Wish.STATUS_ACCEPTED:
            raise InvoiceRefused("Seule une place confirmée reçoit sa facture d'acompte.")
        existing = issued_invoice(f"deposit:{wish.pk}")
        if existing is None:
            store_price(wish=wish)
            vacaf_for(wish=wish)
            schedule = schedule_for(wish=wish, deposit_invoiced=None)
            if schedule.deposit <= 0:
                return None
            rule = wish.stay.deposit_rule()
            line = ExtraLine(
                reference=f"deposit:{wish.pk}",
                label=(
                    f"{rule.label} — {_stay_words(wish.stay)} "
                    f"(prix du séjour : {money.format_money(schedule.price)})"
                )[:250],
                amount=schedule.deposit,
                tariff_name=(wish.price_detail[0] if wish.price_detail else "")[:150],
                **_common(wish),
            )
            existing = issue_direct_invoice(
                family_id=wish.family_id, module_id=MODULE, lines=[line], user=by
            )
        wish.deposit_invoice = existing
        wish.save(update_fields=["deposit_invoice", "updated_at"])
        return existing


def balance_extra_lines(*, wish: Wish, schedule: money.Schedule) -> list[ExtraLine]:
    """The balance invoice of a place: the gross price, the deposit already invoiced, each
    aid (negative lines), so that the total is what is left to pay."""
    common = _common(wish)
    lines = [
        ExtraLine(
            reference=f"balance:{wish.pk}",
            label=f"Solde — {_stay_words(wish.stay)} : prix du séjour"[:250],
            amount=schedule.price,
            tariff_name=(wish.price_detail[0] if wish.price_detail else "")[:150],
            **common,
        )
    ]
    deposit = deposit_invoice_of(wish)
    if deposit is not None and schedule.deposit:
        lines.append(
            ExtraLine(
                reference=f"balance:{wish.pk}:acompte",
                label=f"Acompte déjà facturé (facture {deposit.number})",
                amount=-schedule.deposit,
                **common,
            )
        )
    for stay_aid, applied in zip(wish.aids.all(), schedule.aids, strict=True):
        if applied.amount <= 0:
            continue
        lines.append(
            ExtraLine(
                reference=f"aid:{stay_aid.pk}",
                label=applied.line[:250] if stay_aid.kind != "vacaf" else stay_aid.label,
                amount=-applied.amount,
                **common,
            )
        )
    return lines


def balance_due_on(wish: Wish) -> date:
    stay = wish.stay
    return money.balance_due_date(
        departure=stay.activity.start_date,
        balance_days_before=stay.balance_days_before,
        accepted_on=accepted_on(wish),
    )


def _due_wishes(*, until: date, activity_ids=()) -> list[Wish]:
    wishes = (
        Wish.objects.filter(
            status=Wish.STATUS_ACCEPTED, balance_invoice__isnull=True, stay__status=Stay.STATUS_OPEN
        )
        .select_related("stay__activity", "family", "child", "transport", "deposit_invoice")
        .prefetch_related("aids")
        .order_by("pk")
    )
    if activity_ids:
        wishes = wishes.filter(stay__activity_id__in=activity_ids)
    wishes = [w for w in wishes if balance_due_on(w) <= until]
    issued = set(
        InvoiceLine.objects.filter(
            source_module=MODULE,
            source_reference__in=[f"balance:{w.pk}" for w in wishes],
            invoice__isnull=False,
        ).values_list("source_reference", flat=True)
    )
    return [w for w in wishes if f"balance:{w.pk}" not in issued]


def balance_lines(*, run) -> list[ExtraLine]:
    """The module's ``invoice_line_sources``: the balances due by the end of the run's period
    and not issued yet, with their aids (read only: the daily task fixes VACAF)."""
    activity_ids = list(run.activities.values_list("pk", flat=True))
    lines: list[ExtraLine] = []
    for wish in _due_wishes(until=run.period_end, activity_ids=activity_ids):
        if wish.price is None:
            continue  # priced at acceptance; a place without a price waits for the task
        lines += balance_extra_lines(wish=wish, schedule=schedule_for(wish=wish))
    return lines


def issue_balance(*, wish: Wish, by=None) -> Invoice | None:
    """Issue the balance invoice of one place now (idempotent: the invoice issued already,
    by a run or an earlier call, is linked and returned)."""
    with transaction.atomic():
        wish = (
            Wish.objects.select_for_update(of=("self",))
            .select_related("stay__activity", "family", "child", "transport", "deposit_invoice")
            .get(pk=wish.pk)
        )
        if wish.balance_invoice_id:
            return wish.balance_invoice
        if wish.status != Wish.STATUS_ACCEPTED:
            return None
        invoice = issued_invoice(f"balance:{wish.pk}")
        if invoice is None:
            if wish.price is None:
                store_price(wish=wish)
            deposit = deposit_invoice_of(wish)
            vacaf_for(wish=wish, deposit_invoiced=deposit.total if deposit else money.ZERO)
            schedule = schedule_for(wish=wish)
            today = structure_today()
            terms = today + timedelta(days=BillingSettings.current().payment_terms_days)
            departure = wish.stay.activity.start_date
            invoice = issue_direct_invoice(
                family_id=wish.family_id,
                module_id=MODULE,
                lines=balance_extra_lines(wish=wish, schedule=schedule),
                due_date=max(min(terms, departure - timedelta(days=1)), today),
                user=by,
            )
        wish.balance_invoice = invoice
        wish.save(update_fields=["balance_invoice", "updated_at"])
        return invoice


def issue_due_balances() -> int:
    """The daily task: issue the balance invoice of every accepted place whose balance date
    has come; a place billed by a run meanwhile is only linked. Returns how many were issued."""
    today = structure_today()
    count = 0
    for wish in _due_wishes(until=today):
        if issue_balance(wish=wish) is not None:
            count += 1
    # Balances a run billed: link them, so that the place's page finds them at once.
    from modules.sejours.services.cancellation import credit_late_balances

    credit_late_balances()
    unlinked = Wish.objects.filter(status=Wish.STATUS_ACCEPTED, balance_invoice__isnull=True)
    references = {f"balance:{pk}": pk for pk in unlinked.values_list("pk", flat=True)}
    for reference, invoice_id in InvoiceLine.objects.filter(
        source_module=MODULE, source_reference__in=references, invoice__isnull=False
    ).values_list("source_reference", "invoice_id"):
        Wish.objects.filter(pk=references[reference]).update(balance_invoice_id=invoice_id)
    return count


def place_account(*, wish: Wish) -> dict:
    from modules.sejours.services.account import account

    return account(wish=wish)
