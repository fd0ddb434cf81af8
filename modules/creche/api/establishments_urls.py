"""The establishments' set-up (PLACES part)."""

from django.urls import path

from modules.creche.api import establishments

urlpatterns = [
    path(
        "staff/establishments/",
        establishments.EstablishmentListView.as_view(),
        name="creche-staff-establishments",
    ),
    path(
        "staff/establishments/<int:pk>/",
        establishments.EstablishmentDetailView.as_view(),
        name="creche-staff-establishment",
    ),
    path(
        "staff/establishments/<int:pk>/closures/",
        establishments.ClosureListView.as_view(),
        name="creche-staff-closures",
    ),
    path(
        "staff/establishments/<int:pk>/closures/<int:closure_id>/",
        establishments.ClosureDetailView.as_view(),
        name="creche-staff-closure",
    ),
]
