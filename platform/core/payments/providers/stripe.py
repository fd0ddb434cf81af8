"""Stripe Connect: each association takes payments on its own connected account."""

from __future__ import annotations

import logging
from decimal import Decimal

import stripe
from django.conf import settings as django_settings
from django.db import connection

from core.payments.providers.base import Provider, ProviderError, ProviderStatus

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")


def stripe_client() -> stripe.StripeClient:
    if not django_settings.STRIPE_SECRET_KEY:
        raise ProviderError("Le paiement par Stripe n'est pas configuré sur la plateforme.")
    bases = {"api": django_settings.STRIPE_API_BASE} if django_settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        django_settings.STRIPE_SECRET_KEY, base_addresses=bases, max_network_retries=2
    )


def to_cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


def from_cents(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) * CENT).quantize(CENT)


def _id(value) -> str:
    """An expandable field: the id whether Stripe sent the object or its id."""
    if value is None:
        return ""
    return value if isinstance(value, str) else value.get("id", "")


class StripeProvider(Provider):
    code = "stripe"
    label = "Carte bancaire (Stripe)"
    supports_refund = True

    def check_configured(self) -> None:
        if not self.settings.stripe_account_id:
            raise ProviderError("Le compte Stripe de la structure n'est pas renseigné.")

    def _options(self) -> dict:
        return {"stripe_account": self.settings.stripe_account_id}

    def start(self, attempt, *, return_url: str, notify_url: str) -> str:
        self.check_configured()
        invoices = list(attempt.invoices.order_by("due_date", "issue_date", "sequence"))
        amounts = attempt.provider_state.get("amounts", {})
        params = {
            "mode": "payment",
            "currency": "eur",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "eur",
                        "unit_amount": to_cents(Decimal(amounts[str(invoice.pk)])),
                        "product_data": {"name": f"Facture {invoice.number}"},
                    },
                }
                for invoice in invoices
            ],
            "client_reference_id": str(attempt.pk),
            "metadata": {"attempt_id": str(attempt.pk), "schema": connection.schema_name},
            "payment_intent_data": {
                "application_fee_amount": django_settings.STRIPE_APPLICATION_FEE_CENTS,
                "metadata": {"attempt_id": str(attempt.pk), "schema": connection.schema_name},
            },
            "success_url": return_url,
            "cancel_url": return_url,
        }
        if attempt.user_id and attempt.user.email:
            params["customer_email"] = attempt.user.email
        if not django_settings.STRIPE_APPLICATION_FEE_CENTS:
            # Stripe refuses a zero fee: no platform fee at all unless one is configured.
            del params["payment_intent_data"]["application_fee_amount"]
        try:
            session = stripe_client().v1.checkout.sessions.create(
                params,
                {**self._options(), "idempotency_key": f"{connection.schema_name}-{attempt.pk}"},
            )
        except stripe.StripeError as exc:
            logger.warning("Stripe: session not created for attempt %s: %s", attempt.pk, exc)
            raise ProviderError("Le service de paiement est indisponible, réessayez.") from exc
        attempt.provider_reference = session.id
        return session.url

    def fetch_status(self, attempt) -> ProviderStatus:
        self.check_configured()
        try:
            session = (
                stripe_client()
                .v1.checkout.sessions.retrieve(
                    attempt.provider_reference, {"expand": ["payment_intent"]}, self._options()
                )
                .to_dict()
            )
        except stripe.StripeError as exc:
            raise ProviderError(f"Stripe injoignable : {exc}") from exc
        metadata = session.get("metadata") or {}
        if session.get("client_reference_id") != str(attempt.pk) or metadata.get("schema") != str(
            connection.schema_name
        ):
            # Not ours: never settle an attempt with another attempt's (or structure's) session.
            return ProviderStatus(
                paid=False,
                final=True,
                outcome="failed",
                detail="Session Stripe d'un autre paiement",
            )
        intent = session.get("payment_intent")
        state = {"payment_intent": _id(intent)}
        amount = from_cents(session.get("amount_total"))
        currency = (session.get("currency") or "").upper()
        status, payment_status = session.get("status"), session.get("payment_status")
        if status == "complete" and payment_status in ("paid", "no_payment_required"):
            return ProviderStatus(
                paid=True,
                amount=amount,
                currency=currency,
                reference=state["payment_intent"] or session["id"],
                final=True,
                state=state,
            )
        if status == "expired":
            return ProviderStatus(paid=False, final=True, outcome="expired", detail="Expirée")
        # Delayed methods (SEPA…): the session is complete, the intent tells the outcome.
        if (
            status == "complete"
            and isinstance(intent, dict)
            and intent.get("status") in ("canceled", "requires_payment_method")
        ):
            return ProviderStatus(
                paid=False, final=True, outcome="failed", detail="Paiement refusé", state=state
            )
        return ProviderStatus(paid=None, state=state)

    def refund(self, attempt) -> str:
        self.check_configured()
        intent = attempt.provider_state.get("payment_intent")
        if not intent:
            raise ProviderError("Ce paiement Stripe n'a pas de transaction à rembourser.")
        try:
            refund = stripe_client().v1.refunds.create(
                {"payment_intent": intent},
                {
                    **self._options(),
                    "idempotency_key": f"refund-{connection.schema_name}-{attempt.pk}",
                },
            )
        except stripe.StripeError as exc:
            logger.warning("Stripe: refund refused for attempt %s: %s", attempt.pk, exc)
            raise ProviderError("Stripe a refusé le remboursement.") from exc
        return refund.id
