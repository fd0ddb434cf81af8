from django.urls import include, path

# One urlconf per part of the module, each kept by its own file.
urlpatterns = [
    path("", include("api.sejours.public_urls")),
    path("", include("api.sejours.parent_urls")),
    path("", include("api.sejours.places_urls")),
    path("", include("api.sejours.stays_urls")),
    path("", include("api.sejours.commission_urls")),
    path("", include("api.sejours.money_urls")),
]
