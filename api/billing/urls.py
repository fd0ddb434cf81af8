"""Routes of the billing API (parent and staff)."""

from django.urls import include, path

urlpatterns = [
    path("", include("api.billing.document_urls")),
    path("", include("api.payments.urls")),
]
