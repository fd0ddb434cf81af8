"""URLs of the root domain: the platform operators' console (public schema)."""

from django.urls import path
from django.views.generic import RedirectView

from api.payments.webhooks import StripeWebhookView
from tenants.console import console_site

urlpatterns = [
    path("admin/", console_site.urls),
    # Stripe Connect sends every connected account's events to the platform's root domain.
    path("api/payments/stripe/webhook/", StripeWebhookView.as_view(), name="stripe-webhook"),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
