"""Provider notifications: Stripe's signed webhooks and PayFiP's notification.

Neither trusts what it receives beyond "something happened to object X": the attempt is
settled by ``settle_attempt``, which re-fetches the object from the provider.
"""

from __future__ import annotations

import logging

import stripe
from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name, tenant_context
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.payments.models import PaymentAttempt, ProviderSettings
from core.payments.services import settle_by_reference

logger = logging.getLogger(__name__)

# The Checkout Session events that may change an attempt; the others are acknowledged.
SESSION_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
}

Ack = inline_serializer("WebhookAck", {"received": serializers.BooleanField()})


class RawParser(BaseParser):
    """The signature covers the exact bytes: the body is read raw, never re-serialised."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read()


def _ack(received: bool) -> Response:
    return Response({"received": received})


class StripeWebhookView(APIView):
    authentication_classes: list = []  # no session, hence no CSRF: Stripe signs instead
    permission_classes = [AllowAny]
    parser_classes = [RawParser]

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={200: Ack},
        operation_id="payments_stripe_webhook",
    )
    def post(self, request):
        """Stripe Connect webhook (checkout sessions), verified by its signature."""
        payload = request.body
        try:
            event = stripe.Webhook.construct_event(
                payload,
                request.headers.get("Stripe-Signature", ""),
                settings.STRIPE_WEBHOOK_SECRET,
            )
        except (ValueError, stripe.SignatureVerificationError) as exc:
            logger.warning("Stripe webhook refused: %s", exc)
            return Response({"detail": "Signature invalide."}, status=400)
        if event.type not in SESSION_EVENTS:
            return _ack(False)
        session_id = event.data.object.id
        account = getattr(event, "account", None) or ""
        return _ack(self._settle(request, session_id=session_id, account=account))

    def _settle(self, request, *, session_id: str, account: str) -> bool:
        from tenants.models import ProviderReference

        ref = (
            ProviderReference.objects.select_related("tenant")
            .filter(provider=ProviderSettings.PROVIDER_STRIPE, reference=session_id)
            .first()
        )
        if ref is None:
            logger.info("Stripe webhook for unknown session %s ignored", session_id)
            return False
        current = connection.schema_name
        if current != get_public_schema_name() and current != ref.tenant.schema_name:
            # Sent to another structure's host: it is not this structure's business.
            logger.warning("Stripe webhook for %s sent to %s ignored", session_id, current)
            return False
        with tenant_context(ref.tenant):
            expected = ProviderSettings.current().stripe_account_id
            if not account or account != expected:
                logger.warning(
                    "Stripe webhook for %s from account %r, structure %s has %r: ignored",
                    session_id,
                    account,
                    ref.tenant.schema_name,
                    expected,
                )
                return False
            attempt = settle_by_reference(
                provider=ProviderSettings.PROVIDER_STRIPE, reference=session_id
            )
            return attempt is not None


class PayFiPNotifyView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("idop", str)],
        request=None,
        responses={200: Ack},
        operation_id="payments_payfip_notify",
    )
    def post(self, request):
        """PayFiP's notification (``idop``): the payment is then asked to PayFiP."""
        idop = request.POST.get("idop") or request.query_params.get("idop") or ""
        return _ack(self._settle(idop))

    @extend_schema(
        parameters=[OpenApiParameter("idop", str)],
        responses={200: Ack},
        operation_id="payments_payfip_notify_get",
    )
    def get(self, request):
        return _ack(self._settle(request.query_params.get("idop") or ""))

    def _settle(self, idop: str) -> bool:
        if not idop or len(idop) > 255:
            return False
        attempt = settle_by_reference(provider=ProviderSettings.PROVIDER_PAYFIP, reference=idop)
        return attempt is not None and attempt.status != PaymentAttempt.STATUS_PENDING
