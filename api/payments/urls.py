"""Routes of online payment (parent checkout, attempts, provider settings, notifications)."""

from django.urls import path

from api.payments import parent, staff, webhooks
from core.payments.views import dummy_payment_page

urlpatterns = [
    path("billing/payments/checkout/", parent.CheckoutView.as_view(), name="payments-checkout"),
    path(
        "billing/payments/attempts/<int:pk>/",
        parent.AttemptView.as_view(),
        name="payments-attempt",
    ),
    path("billing/payments/provider/", parent.ProviderInfoView.as_view(), name="payments-provider"),
    path(
        "staff/billing/payment-settings/",
        staff.PaymentSettingsView.as_view(),
        name="staff-payment-settings",
    ),
    path(
        "staff/billing/payment-attempts/",
        staff.PaymentAttemptListView.as_view(),
        name="staff-payment-attempts",
    ),
    path(
        "staff/billing/payments/<int:pk>/refund/",
        staff.RefundView.as_view(),
        name="staff-payment-refund",
    ),
    # Provider callbacks (no session; authenticated by signature or by re-fetching).
    path(
        "payments/stripe/webhook/",
        webhooks.StripeWebhookView.as_view(),
        name="payments-stripe-webhook",
    ),
    path("payments/payfip/notify/", webhooks.PayFiPNotifyView.as_view(), name="payments-payfip"),
    # The demonstration provider's page (Django template, not the SPA).
    path("payments/demo/<str:token>/", dummy_payment_page, name="payments-demo"),
]
