from django.urls import include, path

# One urlconf per part of the module, each kept by its own file.
urlpatterns = [
    path("", include("modules.creche.api.establishments_urls")),
    path("", include("modules.creche.api.requests_urls")),
    path("", include("modules.creche.api.contracts_urls")),
    path("", include("modules.creche.api.attendance_urls")),
    path("", include("modules.creche.api.money_urls")),
]
