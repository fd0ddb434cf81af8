"""The administrator's online payment screens: provider settings, attempts, refunds."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import optional_choice
from api.payments.serializers import (
    PaymentRefundSerializer,
    PaymentSettingsSerializer,
    StaffPaymentAttemptSerializer,
)
from api.permissions import StaffPermission, get_owned_or_404
from api.schema import choice_parameter
from core.billing.models import Payment
from core.payments.models import PaymentAttempt, ProviderSettings
from core.payments.services import refund_payment, register_account

VIEW = "payments.view_providersettings"
CHANGE = "payments.change_providersettings"


class PaymentSettingsView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW, "PUT": CHANGE}

    @extend_schema(responses=PaymentSettingsSerializer, operation_id="staff_payment_settings")
    def get(self, request):
        return Response(PaymentSettingsSerializer(ProviderSettings.current()).data)

    @extend_schema(
        request=PaymentSettingsSerializer,
        responses=PaymentSettingsSerializer,
        operation_id="staff_payment_settings_update",
    )
    def put(self, request):
        """Choose the provider and give its identifiers (Stripe account, PayFiP régie)."""
        data = PaymentSettingsSerializer(ProviderSettings.current(), data=request.data)
        data.is_valid(raise_exception=True)
        settings = data.save()
        register_account(settings)
        return Response(PaymentSettingsSerializer(settings).data)


class PaymentAttemptListView(ListAPIView):
    """Online payment attempts, newest first (``status`` to filter)."""

    permission_classes = [StaffPermission]
    required_permissions = {"GET": VIEW}
    serializer_class = StaffPaymentAttemptSerializer

    @extend_schema(parameters=[choice_parameter("status", PaymentAttempt.STATUS_CHOICES)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = PaymentAttempt.objects.select_related("family", "payment").prefetch_related("invoices")
        if wanted := optional_choice(
            self.request.query_params, "status", PaymentAttempt.STATUS_CHOICES
        ):
            qs = qs.filter(status=wanted)
        return qs.order_by("-created_at", "-pk")


class RefundView(APIView):
    permission_classes = [StaffPermission]
    required_permissions = {"POST": CHANGE}

    @extend_schema(request=None, responses=PaymentRefundSerializer, operation_id="staff_refund")
    def post(self, request, pk: int):
        """Refund an online payment in full through its provider and cancel it in the books."""
        payment = get_owned_or_404(Payment.objects.all(), pk=pk)
        payment = refund_payment(payment=payment, user=request.user)
        body = {
            "payment_id": payment.pk,
            "payment_number": payment.number,
            "status": payment.status,
        }
        return Response(PaymentRefundSerializer(body).data)
