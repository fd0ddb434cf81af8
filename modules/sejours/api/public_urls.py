"""The public catalogue (anyone): ``v1:module-sejours:catalogue-*``."""

from django.urls import path

from modules.sejours.api.public import CatalogueView, StayMediaView, StayView

urlpatterns = [
    path("stays/", CatalogueView.as_view(), name="catalogue-stays"),
    path("stays/<int:pk>/", StayView.as_view(), name="catalogue-stay"),
    path(
        "stays/<int:pk>/media/<int:media_id>",
        StayMediaView.as_view(),
        name="catalogue-media",
    ),
]
