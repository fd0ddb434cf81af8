"""The aids deducted from a place's price: VACAF (computed from the structure's CAF bands) and
the works council (CSE) or other aids staff enter from their proof.

Aids are negative lines of the balance invoice (``aid:<id>``), so they can change only until
that invoice is issued; after it, a correction is a credit note from the invoice's page.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from core.billing.models import InvoiceLine
from core.documents.models import Document
from core.errors import DomainError
from modules.sejours import money
from modules.sejours.models import SejoursSettings, StayAid, Wish
from modules.sejours.services.pricing import family_quotient

MODULE = "sejours"
MANUAL_KINDS = (StayAid.KIND_CSE, StayAid.KIND_OTHER)


class AidRefused(DomainError):
    code = "aid_refused"


def balance_issued(wish: Wish) -> bool:
    """Whether the place's balance invoice exists (issued directly or by a run)."""
    if wish.balance_invoice_id:
        return True
    return InvoiceLine.objects.filter(
        source_module=MODULE, source_reference=f"balance:{wish.pk}", invoice__isnull=False
    ).exists()


def vacaf_days_used(*, wish: Wish, cap_days: int) -> int:
    """The VACAF days of the year the child used before this place, on the places leaving
    before it.

    The days paid are not stored: they are replayed over all the child's accepted places of
    the year in the order of departure (ties by wish id), this place included, each taking its
    days up to what the cap leaves, as :func:`money.vacaf` did for it. Only the places leaving
    before this one count: a July stay accepted first must not eat the days of a June stay
    recomputed later (at its balance), or the family would lose the difference.
    """
    year = wish.stay.activity.start_date.year
    # The current place may not be accepted yet (or have no VACAF line yet): it is placed in
    # the replay by its own key rather than read back from the query.
    key = (wish.stay.activity.start_date, wish.pk)
    others = (
        Wish.objects.filter(
            child_id=wish.child_id,
            status=Wish.STATUS_ACCEPTED,
            stay__activity__start_date__year=year,
            aids__kind=StayAid.KIND_VACAF,
            aids__amount__gt=0,
        )
        .exclude(pk=wish.pk)
        .select_related("stay__activity")
        .distinct()
        .order_by("stay__activity__start_date", "pk")
    )
    used = 0
    for other in others:
        if (other.stay.activity.start_date, other.pk) >= key:
            break
        used += max(min(other.stay.days, cap_days - used), 0)
    return used


def compute_vacaf(*, wish: Wish, deposit_invoiced: Decimal | None = None) -> money.Aid | None:
    """The VACAF aid the place is entitled to now (None where the structure does not apply
    VACAF). The amount due it may cover is the price less the other aids, less the deposit
    once invoiced (an aid never refunds a deposit)."""
    settings = SejoursSettings.current()
    if not settings.vacaf_enabled or wish.price is None:
        return None
    others = wish.aids.exclude(kind=StayAid.KIND_VACAF).aggregate(total=Sum("amount"))["total"]
    due = wish.price - (others or money.ZERO) - (deposit_invoiced or money.ZERO)
    return money.vacaf(
        qf=family_quotient(family=wish.family, on=wish.stay.activity.start_date),
        bands=settings.bands(),
        days=wish.stay.days,
        days_used=vacaf_days_used(wish=wish, cap_days=settings.vacaf_cap_days),
        cap_days=settings.vacaf_cap_days,
        amount_due=max(due, money.ZERO),
    )


def vacaf_for(*, wish: Wish, deposit_invoiced: Decimal | None = None) -> StayAid | None:
    """Store the place's VACAF aid as computed now (replacing an earlier one), or remove it
    when nothing is due; unchanged once the balance is invoiced."""
    if balance_issued(wish):
        return wish.aids.filter(kind=StayAid.KIND_VACAF).first()
    aid = compute_vacaf(wish=wish, deposit_invoiced=deposit_invoiced)
    current = wish.aids.filter(kind=StayAid.KIND_VACAF).first()
    if aid is None or aid.amount <= 0:
        if current is not None:
            current.delete()
        return None
    if current is None:
        return StayAid.objects.create(
            wish=wish, kind=StayAid.KIND_VACAF, label=aid.detail[:150], amount=aid.amount
        )
    if current.amount != aid.amount or current.label != aid.detail[:150]:
        current.amount = aid.amount
        current.label = aid.detail[:150]
        current.save(update_fields=["amount", "label"])
    return current


def _check_open(wish: Wish) -> None:
    if wish.status not in Wish.HOLDS_PLACE:
        raise AidRefused("Cette place n'est plus réservée.", code="place_not_held")
    if balance_issued(wish):
        raise AidRefused(
            "Le solde est déjà facturé : corrigez-le par un avoir depuis la facture.",
            code="balance_issued",
        )


def add_aid(
    *,
    wish: Wish,
    kind: str,
    label: str,
    amount: Decimal,
    proof: Document | None = None,
    by,
) -> StayAid:
    """A CSE or other aid, entered by staff from its proof (a document of the family)."""
    if kind not in MANUAL_KINDS:
        raise AidRefused("L'aide VACAF est calculée, elle ne se saisit pas.", code="aid_kind")
    amount = money.cents(amount)
    if amount <= 0:
        raise AidRefused("Le montant de l'aide doit être positif.", field="amount")
    if proof is not None and proof.family_id != wish.family_id:
        raise AidRefused("Ce justificatif n'est pas celui de la famille.", field="proof")
    label = label.strip() or money.AID_LABELS[money.AidKind(kind)]
    with transaction.atomic():
        wish = Wish.objects.select_for_update().get(pk=wish.pk)
        _check_open(wish)
        return StayAid.objects.create(
            wish=wish, kind=kind, label=label[:150], amount=amount, proof=proof, created_by=by
        )


def remove_aid(*, aid: StayAid, by) -> None:
    """Remove an aid entered by mistake, only before the balance invoice is issued (VACAF is
    computed from the family's quotient: correct the quotient, not the aid)."""
    if aid.kind not in MANUAL_KINDS:
        raise AidRefused("L'aide VACAF est calculée, elle ne se retire pas.", code="aid_kind")
    with transaction.atomic():
        wish = Wish.objects.select_for_update().get(pk=aid.wish_id)
        if balance_issued(wish):
            raise AidRefused(
                "Le solde est déjà facturé : l'aide y figure, corrigez-la par un avoir.",
                code="balance_issued",
            )
        aid.delete()
