"""URLs of the root domain: the platform operators' console (Django admin, public schema)."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Marelle — console des opérateurs"
admin.site.site_title = "Marelle"
admin.site.index_title = "Administration de la plateforme"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
