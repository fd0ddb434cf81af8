"""URLs of a structure's host: the API, the structure's Django admin and the SPA."""

from django.contrib import admin
from django.urls import include, path, re_path

from config.spa import spa_index

urlpatterns = [
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    # Every other path is a route of the single-page app (deep links included).
    re_path(r"^(?!api/|admin/|static/|media/).*$", spa_index, name="spa"),
]
