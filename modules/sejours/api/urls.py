from django.urls import include, path

# One urlconf per part of the module, each kept by its own file.
urlpatterns = [
    path("", include("modules.sejours.api.public_urls")),
    path("", include("modules.sejours.api.parent_urls")),
    path("", include("modules.sejours.api.places_urls")),
    path("", include("modules.sejours.api.stays_urls")),
    path("", include("modules.sejours.api.commission_urls")),
    path("", include("modules.sejours.api.money_urls")),
]
