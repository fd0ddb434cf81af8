"""Online payment: start an attempt, settle it once (return, webhook, polling), refund.

``settle_attempt`` is the only code that turns an attempt into a payment, whoever calls it
and however often: see docs/decisions/0016-payment-idempotency.md.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone

from core.billing.models import Invoice, Payment
from core.billing.services.allocation import (
    AllocationError,
    ManualAllocation,
    cancel_payment,
    lock_family_documents,
    record_payment,
)
from core.billing.services.notifications import notify_payment_received
from core.errors import DomainError
from core.observability import metrics
from core.payments.models import PaymentAttempt, ProviderSettings
from core.payments.providers import ProviderError, get_provider
from core.tenancy.routing import tenant_base_url
from core.tenancy.structures import register_provider_reference

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")
MAX_INVOICES = 50
# A parent who left the provider's page without coming back: the polling task asks after it.
POLL_AFTER = timedelta(minutes=15)
# The race test's control turns the attempt's row lock off (and pauses after the read) to show
# the double payment it prevents; nothing else touches these.
GUARD = True
_after_read = None


class PaymentError(DomainError):
    """An online payment or refund refused in French, nothing written (a provider's failure
    comes as one of these, its French message kept)."""

    code = "payment_refused"


def return_path(attempt: PaymentAttempt) -> str:
    """The SPA page where the parent lands back (it asks the API, which settles)."""
    return f"/facturation/paiement/{attempt.pk}"


def register_account(settings: ProviderSettings) -> None:
    """Called when the staff saves the settings: the connected account routes to us too."""
    if settings.stripe_account_id:
        register_provider_reference("stripe_account", settings.stripe_account_id)


def start_payment(*, family, user, invoice_ids: list[int]) -> tuple[PaymentAttempt, str]:
    """Create an attempt for the invoices the parent ticked; the provider's URL to go to.

    The server re-checks everything the browser sent: the invoices are the family's (else a
    404, as for any id of another family), unpaid, and the amount is what is left to pay.
    """
    settings = ProviderSettings.current()
    if not settings.enabled or not settings.provider_allowed:
        raise PaymentError(
            "Le paiement en ligne n'est pas ouvert pour le moment.", code="payments_closed"
        )
    ids = sorted(set(invoice_ids))
    if not ids:
        raise PaymentError("Choisissez au moins une facture à payer.", code="no_invoice")
    if len(ids) > MAX_INVOICES:
        raise PaymentError(
            f"Payez au plus {MAX_INVOICES} factures à la fois.", code="too_many_invoices"
        )
    invoices = list(
        Invoice.objects.filter(pk__in=ids, family=family, kind=Invoice.KIND_INVOICE).order_by(
            "due_date", "issue_date", "sequence"
        )
    )
    if len(invoices) != len(ids):
        raise Http404
    for invoice in invoices:
        if invoice.status not in Invoice.UNPAID or invoice.outstanding <= 0:
            raise PaymentError(
                f"La facture {invoice.number} n'est plus à payer.", code="invoice_not_payable"
            )
    amount = sum((i.outstanding for i in invoices), ZERO)
    if amount <= 0:
        raise PaymentError("Le montant à payer doit être positif.", code="amount_not_positive")
    provider = get_provider(settings=settings)
    try:
        provider.check_configured()
    except ProviderError as exc:
        raise PaymentError(str(exc), code="provider_not_configured") from exc

    with transaction.atomic():
        attempt = PaymentAttempt.objects.create(
            family=family,
            user=user,
            amount=amount,
            currency="EUR",
            provider=provider.code,
            provider_state={"amounts": {str(i.pk): str(i.outstanding) for i in invoices}},
        )
        attempt.invoices.set(invoices)
    base = tenant_base_url(connection.tenant)
    try:
        redirect_url = provider.start(
            attempt,
            return_url=base + return_path(attempt),
            notify_url=base + "/api/v1/payments/payfip/notify/",
        )
    except ProviderError as exc:
        attempt.status = PaymentAttempt.STATUS_FAILED
        attempt.last_error = str(exc)
        attempt.completed_at = timezone.now()
        attempt.save(update_fields=["status", "last_error", "completed_at"])
        raise PaymentError(str(exc), code="provider_failed") from exc
    with transaction.atomic():
        attempt.save(update_fields=["provider_reference", "provider_state"])
        register_provider_reference(provider.code, attempt.provider_reference)
    return attempt, redirect_url


def _allocations(attempt: PaymentAttempt, amount: Decimal) -> list[ManualAllocation]:
    """One per invoice, at most what is still due now: an invoice paid meanwhile (by staff,
    another attempt) takes what is left, and the rest stays on the account as a credit."""
    documents, _ = lock_family_documents(attempt.family_id)
    unpaid = {i.pk: i for i in documents}
    out, left = [], amount
    for invoice_id in attempt.invoices.order_by("due_date", "issue_date", "sequence").values_list(
        "pk", flat=True
    ):
        invoice = unpaid.get(invoice_id)
        if invoice is None or invoice.kind != Invoice.KIND_INVOICE:
            continue
        share = min(invoice.outstanding, left)
        if share > 0:
            out.append(ManualAllocation(invoice_id=invoice.pk, amount=share))
            left -= share
    return out


def _finish(attempt: PaymentAttempt, status: str, error: str = "") -> None:
    attempt.status = status
    attempt.completed_at = timezone.now()
    attempt.last_error = error
    attempt.save(
        update_fields=["status", "completed_at", "last_error", "payment", "provider_state"]
    )
    metrics.count_payment(provider=attempt.provider, outcome=status)


def settle_attempt(*, attempt_id: int) -> PaymentAttempt:
    """Bring the attempt to the provider's truth, once.

    The row is locked ``FOR UPDATE`` for the whole settling, so parallel callers (the return
    page, several webhook deliveries, the polling task) queue up; the first records the
    payment, the others find the attempt final and return. Nothing the caller sent is trusted:
    the status, amount and currency come from the provider.
    """
    with transaction.atomic():
        attempts = PaymentAttempt.objects.select_for_update() if GUARD else PaymentAttempt.objects
        attempt = attempts.get(pk=attempt_id)
        if _after_read is not None:
            _after_read()
        if attempt.is_final:
            return attempt
        provider = get_provider(attempt.provider)
        try:
            status = provider.fetch_status(attempt)
        except ProviderError as exc:
            logger.warning("payment attempt %s: provider error: %s", attempt.pk, exc)
            attempt.last_error = str(exc)
            attempt.save(update_fields=["last_error"])
            return attempt
        attempt.provider_state = {**attempt.provider_state, **status.state}
        if status.paid is None:
            if status.state:
                attempt.save(update_fields=["provider_state"])
            return attempt
        if not status.paid:
            _finish(attempt, status.outcome or PaymentAttempt.STATUS_FAILED, status.detail)
            return attempt
        if status.amount != attempt.amount or (status.currency or "").upper() != attempt.currency:
            logger.warning(
                "payment attempt %s refused: provider says %s %s, attempt is %s %s",
                attempt.pk,
                status.amount,
                status.currency,
                attempt.amount,
                attempt.currency,
            )
            _finish(
                attempt,
                PaymentAttempt.STATUS_FAILED,
                f"Montant ou devise différents : {status.amount} {status.currency} reçus, "
                f"{attempt.amount} {attempt.currency} attendus.",
            )
            return attempt
        payment = record_payment(
            family=attempt.family,
            amount=attempt.amount,
            method=Payment.METHOD_ONLINE,
            received_on=timezone.localdate(),
            reference=status.reference[:120],
            payer=provider.label[:120],
            notes=f"Paiement en ligne n° {attempt.pk}",
            allocations=_allocations(attempt, attempt.amount),
            user=attempt.user,
        )
        attempt.payment = payment
        _finish(attempt, PaymentAttempt.STATUS_SUCCEEDED)
        notify_payment_received(payment_id=payment.pk)
        logger.info("payment attempt %s succeeded: payment %s", attempt.pk, payment.number)
        return attempt


def settle_by_reference(*, provider: str, reference: str) -> PaymentAttempt | None:
    attempt = (
        PaymentAttempt.objects.filter(provider=provider, provider_reference=reference)
        .only("pk")
        .first()
    )
    return settle_attempt(attempt_id=attempt.pk) if attempt else None


def poll_pending(*, older_than: timedelta = POLL_AFTER) -> int:
    """Settle the attempts whose parent never came back; how many were asked about."""
    ids = list(
        PaymentAttempt.objects.filter(
            status=PaymentAttempt.STATUS_PENDING, created_at__lte=timezone.now() - older_than
        )
        .exclude(provider_reference="")
        .values_list("pk", flat=True)
    )
    for attempt_id in ids:
        try:
            settle_attempt(attempt_id=attempt_id)
        except Exception:  # one broken attempt must not hold the others back
            logger.exception("payment attempt %s: polling failed", attempt_id)
    return len(ids)


def refund_payment(*, payment: Payment, user=None) -> Payment:
    """Refund an online payment in full through its provider, then cancel it in the books."""
    attempt = PaymentAttempt.objects.filter(payment=payment).first()
    if attempt is None or payment.method != Payment.METHOD_ONLINE:
        raise PaymentError("Seuls les paiements en ligne se remboursent ici.", code="not_online")
    if payment.status == Payment.STATUS_CANCELLED or attempt.status != attempt.STATUS_SUCCEEDED:
        raise PaymentError("Ce paiement est déjà annulé ou remboursé.", code="already_refunded")
    provider = get_provider(attempt.provider)
    if not provider.supports_refund:
        raise PaymentError(
            f"Le remboursement n'est pas possible avec {provider.label} depuis Marelle : "
            "remboursez par mandat administratif puis annulez le règlement.",
            code="refund_unsupported",
        )
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.status != attempt.STATUS_SUCCEEDED:
            raise PaymentError("Ce paiement est déjà annulé ou remboursé.", code="already_refunded")
        try:
            refund_id = provider.refund(attempt)
        except ProviderError as exc:
            raise PaymentError(str(exc), code="provider_failed") from exc
        try:
            payment = cancel_payment(
                payment=payment, reason=f"Remboursement en ligne ({refund_id})", user=user
            )
        except AllocationError as exc:
            raise PaymentError(str(exc), code=exc.code) from exc
        attempt.status = PaymentAttempt.STATUS_REFUNDED
        attempt.provider_state = {**attempt.provider_state, "refund": refund_id}
        attempt.save(update_fields=["status", "provider_state"])
        metrics.count_payment(provider=attempt.provider, outcome=attempt.status)
    return payment
