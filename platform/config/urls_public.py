"""URLs of the root domain: the platform operators' console (public schema)."""

from django.urls import path
from django.views.generic import RedirectView

from tenants.console import console_site

urlpatterns = [
    path("admin/", console_site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
