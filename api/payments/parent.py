"""The parent's online payment: pay ticked invoices, then see how it went."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.payments.serializers import (
    PaymentAttemptSerializer,
    PaymentCheckoutResultSerializer,
    PaymentCheckoutSerializer,
    PaymentProviderSerializer,
)
from api.permissions import IsFamilyMember, get_owned_or_404
from core.payments.models import PaymentAttempt, ProviderSettings
from core.payments.providers import get_provider
from core.payments.services import settle_attempt, start_payment


class CheckoutView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(
        request=PaymentCheckoutSerializer,
        responses={
            201: PaymentCheckoutResultSerializer,
            404: OpenApiResponse(description="Une des factures n'est pas celle de la famille."),
        },
        operation_id="payments_checkout",
    )
    def post(self, request):
        """Start paying the ticked invoices; the browser goes to ``redirect_url``."""
        data = PaymentCheckoutSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attempt, url = start_payment(
            family=request.family,
            user=request.user,
            invoice_ids=data.validated_data["invoice_ids"],
        )
        provider = get_provider(attempt.provider)
        body = {
            "attempt_id": attempt.pk,
            "redirect_url": url,
            "provider": provider.code,
            "provider_label": provider.label,
        }
        return Response(PaymentCheckoutResultSerializer(body).data, status=status.HTTP_201_CREATED)


class AttemptView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(responses=PaymentAttemptSerializer, operation_id="payments_attempt")
    def get(self, request, pk: int):
        """Where a payment stands; a pending one is asked to the provider first (the return
        from the provider's page settles at once, without waiting for its webhook)."""
        attempt = get_owned_or_404(PaymentAttempt.objects.filter(family=request.family), pk=pk)
        if not attempt.is_final:
            attempt = settle_attempt(attempt_id=attempt.pk)
        attempt = PaymentAttempt.objects.select_related("payment").get(pk=attempt.pk)
        return Response(PaymentAttemptSerializer(attempt).data)


class ProviderInfoView(APIView):
    permission_classes = [IsFamilyMember]

    @extend_schema(responses=PaymentProviderSerializer, operation_id="payments_provider")
    def get(self, request):
        """Whether the structure takes online payments, and through whom."""
        settings = ProviderSettings.current()
        provider = get_provider(settings=settings)
        body = {
            "provider": provider.code,
            "label": provider.label,
            "enabled": settings.enabled and settings.provider_allowed,
            "is_demo": provider.is_demo,
        }
        return Response(PaymentProviderSerializer(body).data)
