"""« Mes séjours »: the families' places (OFFERS part)."""

from django.urls import path

from modules.sejours.api import places

urlpatterns = [
    path("places/", places.MyStaysView.as_view(), name="places"),
    path("places/<int:wish_id>/", places.PlaceDetailView.as_view(), name="place"),
    path("places/<int:wish_id>/accept", places.PlaceAcceptView.as_view(), name="place-accept"),
    path("places/<int:wish_id>/decline", places.PlaceDeclineView.as_view(), name="place-decline"),
    path(
        "places/<int:wish_id>/contract.pdf",
        places.ContractPdfView.as_view(),
        name="place-contract",
    ),
    path(
        "places/<int:wish_id>/convocation.pdf",
        places.ConvocationPdfView.as_view(),
        name="place-convocation",
    ),
    # Staff
    path(
        "staff/stays/<int:stay_id>/convocations",
        places.StaffConvocationsView.as_view(),
        name="staff-stay-convocations",
    ),
]
